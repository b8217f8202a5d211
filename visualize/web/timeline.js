'use strict';
// The run over time: fault events on a lane of their own, then per node group the number of each
// net event per time bin (the bins are computed by netbed-report), and NIC drops when there are any.

const NET_EVENTS = ['listening', 'connection', 'lookup', 'connect', 'data', 'drain', 'end', 'timeout', 'close', 'error'];

function faultLabel(f) {
  return `${f.what}${f.target ? ' ' + f.target : ''}`;
}

function renderFaultLane(parent, D, W) {
  const TL = D.timeline, end = TL.binNs * TL.bins;
  const l = 62, r = 14;
  const px = (t) => l + (W - l - r) * t / end;
  // Labels go on the first of four rows where they do not overlap the previous one.
  const rowEnd = [-1e9, -1e9, -1e9, -1e9];
  const placed = D.faults.map((f) => {
    const x = px(f.t), width = 6.2 * faultLabel(f).length + 12;
    let row = rowEnd.findIndex((e) => x > e);
    if (row < 0) row = rowEnd.indexOf(Math.min(...rowEnd));
    rowEnd[row] = x + width;
    return { f, x, row };
  });
  const rows = Math.max(1, ...placed.map((p) => p.row + 1));
  const axisY = 18 + rows * 13, H = axisY + 24;
  const root = svg('svg', { class: 'fault-lane', width: W, height: H, viewBox: `0 0 ${W} ${H}` }, parent);
  svg('text', { x: 4, y: axisY - 6, class: 'lane-label' }, root, 'faults');
  svg('line', { x1: l, x2: W - r, y1: axisY, y2: axisY, class: 'axis' }, root);
  for (const v of niceTicks(0, end, Math.floor((W - l - r) / 90))) {
    if (v > end) continue;
    svg('line', { x1: px(v), x2: px(v), y1: axisY, y2: axisY + 4, class: 'axis' }, root);
    svg('text', { x: px(v), y: axisY + 17, class: 'tick', 'text-anchor': 'middle' }, root, fmtDur(v));
  }
  for (const { f, x, row } of placed) {
    const g = svg('g', { class: 'fault-mark', 'data-tip': `${faultLabel(f)}\nt = ${fmtNs(f.t)}` }, root);
    const ty = axisY - 14 - row * 13;
    svg('line', { x1: x, x2: x, y1: ty - 3, y2: axisY - 8, class: 'fault-stem' }, g);
    svg('path', { d: `M${x - 5} ${axisY - 9} L${x + 5} ${axisY - 9} L${x} ${axisY} Z`, fill: EVENT_COLOURS.fault }, g);
    svg('text', { x: x + 4, y: ty, class: 'fault-text' }, g, faultLabel(f));
  }
  if (!D.faults.length) svg('text', { x: l + 8, y: axisY - 6, class: 'muted-text' }, root, 'no fault in this run');
  return root;
}

function renderTimeline(parent, D) {
  const TL = D.timeline;
  const end = TL.binNs * TL.bins;
  const style = getComputedStyle(parent);
  const inner = (parent.clientWidth || 1120) - parseFloat(style.paddingLeft || 0) - parseFloat(style.paddingRight || 0);
  const W = Math.max(760, Math.min(1600, Math.floor(inner) - 2));
  renderFaultLane(parent, D, W);
  const legend = el('div', { class: 'legend' }, parent);
  const present = new Set();
  for (const g of TL.groups) for (const ev in g.series) present.add(ev);
  for (const ev of NET_EVENTS) {
    if (!present.has(ev)) continue;
    const item = el('span', { class: 'legend-item' }, legend);
    el('span', { class: 'swatch', style: `border-color:${EVENT_COLOURS[ev]}` }, item);
    item.appendChild(document.createTextNode(ev));
  }
  el('span', { class: 'legend-note' }, legend, `events per ${fmtDur(TL.binNs)} bin, per node group`);
  const grid = el('div', { class: 'timeline-grid' }, parent);
  const markers = D.faults.map((f) => ({ x: f.t, label: `${faultLabel(f)}\nt = ${fmtNs(f.t)}` }));
  const xs = [];
  for (let b = 0; b < TL.bins; b++) xs.push(b * TL.binNs);
  const chartW = Math.max(360, Math.floor(((grid.clientWidth || W) - 16) / 2));
  let charts = 0;
  const rows = TL.groups.slice();
  if (TL.nicDrops.length) rows.push({ name: 'NIC drops', nodes: null, nic: true });
  for (const g of rows) {
    const cell = el('div', { class: 'timeline-cell' }, grid);
    const series = [];
    if (g.nic) {
      TL.nicDrops.forEach((d, i) => series.push({ label: d.cause, colour: colour(i + 3), xs: xs, ys: d.counts, step: true }));
    } else {
      for (const ev of NET_EVENTS) if (g.series[ev]) series.push({ label: ev, colour: EVENT_COLOURS[ev], xs: xs, ys: g.series[ev], step: true });
    }
    const title = g.nic ? 'NIC drops (frames per bin)' : `${g.name} · ${fmtInt(g.nodes)} node${g.nodes === 1 ? '' : 's'}`;
    lineChart(cell, {
      width: chartW, height: 150, title: title, legend: !!g.nic,
      x: { min: 0, max: end, fmt: fmtDur }, y: { min: 0, label: 'events', fmt: fmtNum, ticks: 4 },
      series: series, markers: markers,
      hover: (x) => {
        const b = binAt(x, TL.binNs, TL.bins);
        const lines = [`${title}`, `${fmtNs(b * TL.binNs)} – ${fmtNs((b + 1) * TL.binNs)}`];
        for (const s of series) if (s.ys[b]) lines.push(`${s.label}: ${fmtInt(s.ys[b])}`);
        if (lines.length === 2) lines.push('no event');
        return { x: b * TL.binNs + TL.binNs / 2, text: lines.join('\n') };
      }
    });
    charts++;
  }
  return charts;
}
