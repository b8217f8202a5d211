'use strict';
// A line chart in SVG: axes with units, grid, legend, fault markers and a hover read-out of the
// exact values at the nearest x.
//   lineChart(parent, {width, height, title, x: {label, fmt, min, max}, y: {label, fmt, min},
//                      series: [{label, colour, xs, ys, dash, width, step, dots, gaps}],
// Missing values (null) are bridged unless the series has gaps: true. markers: [{x, label, colour}],
//                      hover: (i, x) => text})

function lineChart(parent, o) {
  const W = o.width || 560, H = o.height || 220;
  const m = Object.assign({ l: 62, r: 14, t: o.title ? 26 : 10, b: o.x.label ? 42 : 26 }, o.margin || {});
  const root = svg('svg', { class: 'chart', width: W, height: H, viewBox: `0 0 ${W} ${H}` }, parent);
  if (o.title) svg('text', { x: m.l, y: 16, class: 'chart-title' }, root, o.title);
  let xmin = o.x.min, xmax = o.x.max, ymin = o.y.min, ymax = o.y.max;
  for (const s of o.series) {
    for (let i = 0; i < s.xs.length; i++) {
      const x = s.xs[i], y = s.ys[i];
      if (y === null || y === undefined || isNaN(y)) continue;
      if (xmin === undefined || x < xmin) xmin = x;
      if (xmax === undefined || x > xmax) xmax = x;
      if (o.y.min === undefined && (ymin === undefined || y < ymin)) ymin = y;
      if (o.y.max === undefined && (ymax === undefined || y > ymax)) ymax = y;
    }
  }
  if (xmin === undefined) { xmin = 0; xmax = 1; }
  if (ymin === undefined) { ymin = 0; ymax = 1; }
  if (ymax <= ymin) ymax = ymin + 1;
  if (xmax <= xmin) xmax = xmin + 1;
  const yt = niceTicks(ymin, ymax, o.y.ticks || 5);
  ymin = Math.min(ymin, yt[0]); ymax = yt[yt.length - 1];
  const xt = o.x.ticks ? o.x.ticks(xmin, xmax) : niceTicks(xmin, xmax, Math.max(3, Math.floor((W - m.l - m.r) / 90)));
  // An axis the caller did not bound ends on round values, so it always has labelled ticks.
  if (o.x.min === undefined) xmin = Math.min(xmin, xt[0]);
  if (o.x.max === undefined) xmax = Math.max(xmax, xt[xt.length - 1]);
  const px = (x) => m.l + (W - m.l - m.r) * (x - xmin) / (xmax - xmin);
  const py = (y) => H - m.b - (H - m.t - m.b) * (y - ymin) / (ymax - ymin);
  const grid = svg('g', { class: 'grid' }, root);
  for (const v of yt) {
    svg('line', { x1: m.l, x2: W - m.r, y1: py(v), y2: py(v) }, grid);
    svg('text', { x: m.l - 6, y: py(v) + 4, class: 'tick', 'text-anchor': 'end' }, grid, (o.y.fmt || fmtNum)(v));
  }
  for (const v of xt) {
    if (v < xmin - 1e-9 * (xmax - xmin) || v > xmax + 1e-9 * (xmax - xmin)) continue;
    svg('line', { x1: px(v), x2: px(v), y1: H - m.b, y2: H - m.b + 4, class: 'axis' }, grid);
    svg('text', { x: px(v), y: H - m.b + 16, class: 'tick', 'text-anchor': 'middle' }, grid, (o.x.fmt || fmtNum)(v));
  }
  svg('line', { x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, class: 'axis' }, grid);
  if (o.x.label) svg('text', { x: (m.l + W - m.r) / 2, y: H - 6, class: 'axis-label', 'text-anchor': 'middle' }, root, o.x.label);
  if (o.y.label) svg('text', { transform: `translate(13 ${(m.t + H - m.b) / 2}) rotate(-90)`, class: 'axis-label', 'text-anchor': 'middle' }, root, o.y.label);
  for (const mk of o.markers || []) {
    if (mk.x < xmin || mk.x > xmax) continue;
    svg('line', { x1: px(mk.x), x2: px(mk.x), y1: m.t, y2: H - m.b, class: 'marker', stroke: mk.colour || EVENT_COLOURS.fault, 'data-tip': mk.label }, root);
  }
  const lines = svg('g', { class: 'lines' }, root);
  for (const s of o.series) {
    let d = '', pen = false;
    for (let i = 0; i < s.xs.length; i++) {
      const y = s.ys[i];
      if (y === null || y === undefined || isNaN(y)) { if (s.gaps) pen = false; continue; }
      const x = px(s.xs[i]).toFixed(1), yy = py(y).toFixed(1);
      if (s.step && pen) d += `H${x}V${yy}`;
      else d += (pen ? 'L' : 'M') + x + ' ' + yy;
      pen = true;
    }
    if (d) svg('path', { d: d, fill: 'none', stroke: s.colour, 'stroke-width': s.width || 1.6, 'stroke-dasharray': s.dash || null, class: 'series' }, lines);
    if (s.dots) for (let i = 0; i < s.xs.length; i++) if (s.ys[i] !== null && !isNaN(s.ys[i])) svg('circle', { cx: px(s.xs[i]), cy: py(s.ys[i]), r: 2.2, fill: s.colour }, lines);
  }
  if (o.legend !== false && o.series.length > 1) {
    const lg = el('div', { class: 'legend' }, null);
    for (const s of o.series) {
      const item = el('span', { class: 'legend-item' }, lg);
      el('span', { class: 'swatch' + (s.dash ? ' dashed' : ''), style: `border-color:${s.colour}` }, item);
      item.appendChild(document.createTextNode(s.label));
    }
    parent.appendChild(lg);
  }
  // Hover: a vertical rule at the nearest x with every series' value there.
  if (o.hover) {
    const rule = svg('line', { class: 'hover-rule', y1: m.t, y2: H - m.b, visibility: 'hidden' }, root);
    const hit = svg('rect', { x: m.l, y: m.t, width: W - m.l - m.r, height: H - m.t - m.b, fill: 'transparent' }, root);
    hit.addEventListener('mousemove', (e) => {
      const r = root.getBoundingClientRect();
      const x = xmin + (e.clientX - r.left - m.l) / (W - m.l - m.r) * (xmax - xmin);
      const text = o.hover(x);
      if (!text) return;
      rule.setAttribute('x1', px(text.x)); rule.setAttribute('x2', px(text.x));
      rule.setAttribute('visibility', 'visible');
      hit.setAttribute('data-tip', text.text);
    });
    hit.addEventListener('mouseleave', () => rule.setAttribute('visibility', 'hidden'));
  }
  return root;
}

// Bin index under x for binned series (x in ns).
function binAt(x, binNs, bins) {
  return Math.max(0, Math.min(bins - 1, Math.floor(x / binNs)));
}
