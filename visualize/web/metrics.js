'use strict';
// metrics.csv as pictures: throughput and latency over time per application, the latency CDF, and
// any other metric (a NIC's queue occupancy, ...) as mean and max per bin. Plus the tables of
// summary.json: expectations, per-group event counts, per-application figures, NICs.

function isNsKey(k) { return /Ns$/.test(k); }

function renderMetrics(parent, D) {
  const M = D.metrics, TL = D.timeline;
  if (!M) { el('p', { class: 'muted' }, parent, 'No metrics.csv in this run.'); return 0; }
  const end = TL.binNs * TL.bins;
  const xs = [];
  for (let b = 0; b < TL.bins; b++) xs.push(b * TL.binNs);
  const markers = D.faults.map((f) => ({ x: f.t, label: `${faultLabel(f)}\nt = ${fmtNs(f.t)}` }));
  const row = el('div', { class: 'chart-row' }, parent);
  let charts = 0;
  const seconds = TL.binNs / 1e9;
  if (M.apps.length) {
    const thr = M.apps.map((a, i) => ({ label: a.app, colour: colour(i), xs: xs, ys: a.bytes.map((b) => b * 8 / seconds), step: true }));
    lineChart(el('div', { class: 'chart-cell' }, row), {
      width: 360, height: 240, title: 'Throughput (delivered, per bin)', x: { min: 0, max: end, fmt: fmtDur, label: 'time' },
      y: { min: 0, label: 'throughput', fmt: fmtRate }, margin: { l: 78 }, series: thr, markers: markers,
      hover: (x) => {
        const b = binAt(x, TL.binNs, TL.bins);
        return { x: b * TL.binNs + TL.binNs / 2, text: [`${fmtNs(b * TL.binNs)} – ${fmtNs((b + 1) * TL.binNs)}`].concat(M.apps.map((a) => `${a.app}: ${fmtRate(a.bytes[b] * 8 / seconds)} (${fmtInt(a.bytes[b])} B)`)).join('\n') };
      }
    });
    const lat = [];
    M.apps.forEach((a, i) => {
      lat.push({ label: `${a.app} p50`, colour: colour(i), xs: xs, ys: a.p50.map((v) => v === null ? null : v / 1e6), dots: true });
      lat.push({ label: `${a.app} p90`, colour: colour(i), xs: xs, ys: a.p90.map((v) => v === null ? null : v / 1e6), dash: '5 3' });
      lat.push({ label: `${a.app} max`, colour: colour(i), xs: xs, ys: a.max.map((v) => v === null ? null : v / 1e6), dash: '1 3', width: 1.2 });
    });
    lineChart(el('div', { class: 'chart-cell' }, row), {
      width: 360, height: 240, title: 'Latency per bin (p50, p90, max)', x: { min: 0, max: end, fmt: fmtDur, label: 'time' },
      y: { min: 0, label: 'latency (ms)' }, series: lat, markers: markers,
      hover: (x) => {
        const b = binAt(x, TL.binNs, TL.bins);
        const lines = [`${fmtNs(b * TL.binNs)} – ${fmtNs((b + 1) * TL.binNs)}`];
        for (const a of M.apps) lines.push(a.p50[b] === null ? `${a.app}: no sample` : `${a.app}: p50 ${fmtNs(a.p50[b])}, p90 ${fmtNs(a.p90[b])}, max ${fmtNs(a.max[b])}`);
        return { x: b * TL.binNs + TL.binNs / 2, text: lines.join('\n') };
      }
    });
    const cdf = M.apps.filter((a) => a.samples).map((a, i) => ({ label: `${a.app} (${fmtInt(a.samples)} samples)`, colour: colour(i), xs: a.cdfX.map((v) => v / 1e6), ys: a.cdfY }));
    lineChart(el('div', { class: 'chart-cell' }, row), {
      width: 360, height: 240, title: 'Latency CDF', x: { label: 'latency (ms)' }, y: { min: 0, max: 1, label: 'fraction ≤ latency' }, series: cdf,
      hover: (x) => {
        const lines = [];
        let at = x;
        for (const a of M.apps) {
          if (!a.samples) continue;
          let k = 0;
          while (k + 1 < a.cdfX.length && a.cdfX[k + 1] / 1e6 <= x) k++;
          at = a.cdfX[k] / 1e6;
          lines.push(`${a.app}: ${(a.cdfY[k] * 100).toFixed(1)}% ≤ ${fmtNs(a.cdfX[k])}`);
        }
        return lines.length ? { x: at, text: lines.join('\n') } : null;
      }
    });
    charts += 3;
  }
  if (M.other.length) {
    el('h3', null, parent, 'Other metrics (mean and max per bin)');
    const orow = el('div', { class: 'chart-row' }, parent);
    for (const o of M.other.slice(0, 12)) {
      const ns = isNsKey(o.name);
      const f = (v) => v === null ? null : ns ? v / 1e6 : v;
      lineChart(el('div', { class: 'chart-cell' }, orow), {
        width: 380, height: 200, title: `${o.app} · ${o.name}`, x: { min: 0, max: end, fmt: fmtDur },
        y: { min: 0, label: ns ? 'ms' : o.name }, markers: markers,
        series: [{ label: 'mean', colour: colour(0), xs: xs, ys: o.mean.map(f), dots: true }, { label: 'max', colour: colour(1), xs: xs, ys: o.max.map(f), dash: '4 3' }],
        hover: (x) => {
          const b = binAt(x, TL.binNs, TL.bins);
          return { x: b * TL.binNs + TL.binNs / 2, text: `${fmtNs(b * TL.binNs)} – ${fmtNs((b + 1) * TL.binNs)}\nmean ${fmtNum(o.mean[b])}\nmax ${fmtNum(o.max[b])}` };
        }
      });
      charts++;
    }
  }
  return charts;
}

function table(parent, headers, rows, cls) {
  const t = el('table', { class: 'data-table ' + (cls || '') }, parent);
  const h = el('tr', null, el('thead', null, t));
  for (const x of headers) el('th', null, h, x);
  const b = el('tbody', null, t);
  for (const r of rows) {
    const tr = el('tr', null, b);
    for (const c of r) {
      if (c instanceof Node) el('td', null, tr).appendChild(c);
      else el('td', { class: typeof c === 'number' ? 'num' : null }, tr, typeof c === 'number' ? fmtInt(c) : c);
    }
  }
  return t;
}

function renderExpectations(parent, D) {
  const S = D.summary;
  if (!S || !S.expectations || !S.expectations.length) { el('p', { class: 'muted' }, parent, S ? 'The scenario states no expectation.' : 'No summary.json: no expectations.'); return 0; }
  const list = el('ul', { class: 'expectations' }, parent);
  for (const e of S.expectations) {
    const li = el('li', { class: e.pass ? 'pass' : 'fail' }, list);
    el('span', { class: 'mark' }, li, e.pass ? '✓' : '✗');
    const body = el('div', null, li);
    el('div', { class: 'exp-text' }, body, e.text || '(no text)');
    if (e.detail) el('div', { class: 'exp-detail' }, body, e.detail);
  }
  return S.expectations.length;
}

function renderSummaryTables(parent, D) {
  const S = D.summary;
  let n = 0;
  if (!S || (!Object.keys(S.metrics || {}).length && !Object.keys(S.groups || {}).length && !(D.nics || []).length))
    el('p', { class: 'muted' }, parent, 'summary.json has no application, group or NIC counters.');
  if (S && S.metrics && Object.keys(S.metrics).length) {
    el('h3', null, parent, 'Applications (summary.json)');
    const keys = [];
    for (const app in S.metrics) for (const k in S.metrics[app]) if (keys.indexOf(k) < 0) keys.push(k);
    table(parent, ['application'].concat(keys), Object.keys(S.metrics).map((app) => [app].concat(keys.map((k) => {
      const v = S.metrics[app][k];
      if (v === undefined) return '';
      return isNsKey(k) ? fmtNs(v) : k.toLowerCase().indexOf('bytes') >= 0 ? fmtBytes(v) : fmtInt(v);
    }))));
    n++;
  }
  if (S && S.groups && Object.keys(S.groups).length) {
    el('h3', null, parent, 'Events per node group (summary.json)');
    const evs = [];
    for (const g in S.groups) for (const k in (S.groups[g].events || {})) if (evs.indexOf(k) < 0) evs.push(k);
    evs.sort((a, b) => NET_EVENTS.indexOf(a) - NET_EVENTS.indexOf(b));
    table(parent, ['group', 'nodes'].concat(evs), Object.keys(S.groups).map((g) => [g, S.groups[g].nodes || 0].concat(evs.map((k) => (S.groups[g].events || {})[k] || 0))));
    n++;
  }
  if (D.nics && D.nics.length) {
    el('h3', null, parent, `NICs${D.nicsTotal > D.nics.length ? ` (the ${D.nics.length} with the most drops of ${fmtInt(D.nicsTotal)})` : ''}`);
    table(parent, ['node', 'device', 'model', 'tx frames', 'rx frames', 'drops', 'peak queue', 'MAC (radio)'], D.nics.map((x) => {
      const drops = Object.entries(x.drops || {}).map(([c, k]) => `${c}: ${fmtInt(k)}`).join(', ') || 'none';
      // The radio's contention counters: busy CCAs, collisions heard, retries, ACK timeouts.
      const mac = Object.entries(x.mac || {}).map(([c, k]) => `${c}: ${fmtInt(k)}`).join(', ');
      return [x.node, String(x.device), x.model || '', x.txFrames || 0, x.rxFrames || 0, drops, x.peakBytes !== undefined ? fmtBytes(x.peakBytes) : '', mac];
    }));
    n++;
  }
  return n;
}

function renderOutputs(parent, D) {
  const list = el('ul', { class: 'outputs' }, parent);
  for (const o of D.outputs) {
    const li = el('li', null, list);
    el('span', { class: 'out-kind' }, li, o.label);
    if (o.exists) el('a', { href: o.href }, li, o.href);
    else el('span', { class: 'missing', 'data-tip': 'listed in summary.json but not found next to this report' }, li, o.href + ' (missing)');
  }
  return D.outputs.length;
}
