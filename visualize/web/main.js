'use strict';
// Renders the page from the embedded data; each section on its own, so one failing section leaves
// the others readable. When done, <body> says what rendered and how many errors there were
// (data-rendered, data-errors, data-* counts), for the browser test and for anyone curious.

(function () {
  const D = JSON.parse(document.getElementById('report-data').textContent);
  window.REPORT = D;
  Tooltip.init();
  const rendered = [];
  const counts = {};
  const main = document.getElementById('main');

  const timings = {};
  function section(name, fn) {
    const t0 = performance.now();
    try {
      const n = fn();
      timings[name] = performance.now() - t0;
      counts[name] = n;
      rendered.push(name);
    } catch (e) {
      window.__errors.push(`${name}: ${e && e.stack ? e.stack : e}`);
      el('div', { class: 'section-error' }, main, `The ${name} could not be drawn: ${e}`);
    }
  }

  renderHeader(document.getElementById('top'), D);
  if (D.notes && D.notes.length) {
    const box = el('div', { class: 'notes' }, main);
    el('b', null, box, 'Notes');
    const ul = el('ul', null, box);
    for (const n of D.notes) el('li', null, ul, n);
  }
  if (D.kind === 'sweep') {
    section('plots', () => renderSweep(main, D));
  } else {
    const top = el('div', { class: 'row-2' }, main);
    section('topology', () => renderTopology(card(top, 'topology', 'Topology', topologySubtitle(D)), D));
    section('expectations', () => {
      const body = card(top, 'expectations', 'Expectations', expectationsSubtitle(D));
      const n = renderExpectations(body, D);
      renderGlance(body, D);
      return n;
    });
    section('timeline', () => renderTimeline(card(main, 'timeline', 'Timeline', `${fmtInt(D.trace.lines)} trace lines over ${fmtDur(D.trace.endNs)}`), D));
    section('sequence', () => renderConnections(card(main, 'connections', 'Connections', 'click a row, or link to #conn=<id>'), D, renderSequence));
    section('metrics', () => renderMetrics(card(main, 'metrics', 'Throughput and latency', 'from metrics.csv'), D));
    if (D.compare) section('compare', () => renderCompare(card(main, 'compare', 'Compare', compareSubtitle(D)), D));
    section('tables', () => renderSummaryTables(card(main, 'tables', 'Counters', 'from summary.json'), D));
    section('outputs', () => renderOutputs(card(main, 'outputs', 'Files of this run', 'pcap files open in Wireshark; netanim.xml in NetAnim'), D));
  }
  const b = document.body;
  b.setAttribute('data-rendered', rendered.join(' '));
  for (const k in counts) b.setAttribute('data-count-' + k, String(counts[k]));
  b.setAttribute('data-svg-elements', String(document.getElementsByTagNameNS(SVGNS, '*').length));
  b.setAttribute('data-errors', String(window.__errors.length));
  // Milliseconds since navigation start when everything was drawn, and per section.
  b.setAttribute('data-ready-ms', String(Math.round(performance.now())));
  b.setAttribute('data-section-ms', Object.keys(timings).map((k) => `${k}:${Math.round(timings[k])}`).join(' '));
  // And when the browser's load event ended (the whole file parsed, the page drawn).
  window.addEventListener('load', () => setTimeout(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    b.setAttribute('data-load-ms', String(Math.round(nav && nav.loadEventEnd ? nav.loadEventEnd : performance.now())));
  }, 0));
  if (window.__errors.length) {
    const box = el('pre', { class: 'section-error', id: 'errors' }, main);
    box.textContent = window.__errors.join('\n');
  }
})();

function topologySubtitle(D) {
  const T = D.topology;
  const n = D.nodes.names.length;
  return `${fmtInt(n)} node${n === 1 ? '' : 's'}, ${fmtInt(D.nodes.groups.length)} group${D.nodes.groups.length === 1 ? '' : 's'}` + (T.source === 'trace' ? ' · from the trace' : '');
}

function expectationsSubtitle(D) {
  const S = D.summary;
  if (!S || !S.expectations) return '';
  const pass = S.expectations.filter((e) => e.pass).length;
  return `${pass} of ${S.expectations.length} passed`;
}

function renderHeader(top, D) {
  const bar = el('div', { class: 'header-bar' }, top);
  const left = el('div', { class: 'header-title' }, bar);
  el('div', { class: 'brand' }, left, D.kind === 'sweep' ? 'netbed sweep report' : 'netbed run report');
  el('h1', null, left, D.title);
  const S = D.summary;
  if (D.kind === 'run') {
    const verdict = S && S.complete === false ? 'STOPPED' : S && typeof S.passed === 'boolean' ? (S.passed ? 'PASSED' : 'FAILED') : 'NO VERDICT';
    el('div', { class: 'verdict ' + verdict.toLowerCase().replace(' ', '-') }, bar, verdict);
  }
  const meta = el('div', { class: 'meta' }, top);
  const chip = (k, v, tip) => { if (v === undefined || v === null || v === '') return; const c = el('span', { class: 'chip', 'data-tip': tip || null }, meta); el('span', { class: 'chip-k' }, c, k); el('span', { class: 'chip-v' }, c, String(v)); };
  if (D.kind === 'sweep') {
    chip('runs', fmtInt(D.rows));
    chip('parameters', D.params.join(', '));
    chip('metrics', fmtInt(D.metrics.length));
    return;
  }
  const sc = (S && S.scenario) || {};
  chip('scenario', sc.file);
  chip('backend', sc.backend);
  chip('seed', sc.seed);
  chip('run', sc.run);
  if (sc.set && Object.keys(sc.set).length) chip('set', Object.entries(sc.set).map(([k, v]) => `${k}=${v}`).join(' '));
  const tm = (S && S.time) || {};
  chip('simulated', tm.simulatedNs !== undefined ? fmtDur(tm.simulatedNs) : fmtDur(D.trace.endNs), tm.simulatedNs !== undefined ? fmtNs(tm.simulatedNs) : 'last trace event');
  if (tm.wallSeconds !== undefined) chip('wall', tm.wallSeconds.toFixed(2) + ' s');
  if (tm.events !== undefined) chip('sim events', fmtInt(tm.events));
  chip('trace lines', fmtInt(D.trace.lines));
  if (S && S.trace && S.trace.hash) chip('hash', S.trace.hash, 'FNV-1a 64 of every trace line: equal hashes, equal runs');
  if (S && S.netbed) chip('netbed', S.netbed);
  if (S && S.complete === false) chip('stopped', S.stopped || 'early', 'the run was stopped before its end: the outputs hold what happened until then');
}

// Counts that say where to look: connections by status, errors by code, faults by kind.
function renderGlance(parent, D) {
  const C = D.connections;
  el('h3', null, parent, 'At a glance');
  const box = el('div', { class: 'glance' }, parent);
  const line = (label) => { const d = el('div', { class: 'glance-line' }, box); el('span', { class: 'glance-k' }, d, label); return d; };
  const byStatus = {};
  for (const st of C.st) byStatus[C.statusNames[st]] = (byStatus[C.statusNames[st]] || 0) + 1;
  const s = line(`connections (${fmtInt(C.total)})`);
  for (const name of C.statusNames) if (byStatus[name]) el('span', { class: 'badge', style: `background:${STATUS_COLOURS[name]}` }, s, `${fmtInt(byStatus[name])} ${name}`);
  const codes = {};
  for (const e of C.err) if (e >= 0) codes[C.strings[e]] = (codes[C.strings[e]] || 0) + 1;
  if (Object.keys(codes).length) {
    const l = line('errors');
    el('span', null, l, Object.entries(codes).sort((a, b) => b[1] - a[1]).map(([c, k]) => `${c} ×${fmtInt(k)}`).join(', '));
  }
  const faults = {};
  for (const f of D.faults) faults[f.fault] = (faults[f.fault] || 0) + 1;
  const fl = line('faults');
  el('span', null, fl, D.faults.length ? Object.entries(faults).map(([k, n]) => `${k} ×${n}`).join(', ') : 'none');
  const hit = D.nodes.faulted.filter((x) => x > 0).length;
  if (hit) el('span', { class: 'muted' }, fl, ` · ${fmtInt(hit)} node${hit > 1 ? 's' : ''} hit`);
}
