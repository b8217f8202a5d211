'use strict';
// The network: nodes (or node groups, when there are many) placed by a deterministic force layout;
// ring colours for the NIC types, a red ring and badge for nodes hit by faults.

function renderTopology(parent, D) {
  const T = D.topology;
  const items = T.items, edges = T.edges;
  const nicIndex = {};
  D.nodes.nics.forEach((n, i) => { nicIndex[n] = i; });
  const W = 620, H = Math.max(340, Math.min(560, 200 + items.length * 6));
  const box = el('div', { class: 'topology' }, parent);
  const root = svg('svg', { class: 'topology-svg', width: W, height: H, viewBox: `0 0 ${W} ${H}` }, box);
  const radius = items.map((it) => it.kind === 'node' ? 9 : it.kind === 'segment' ? 6 : Math.min(34, 10 + 4 * Math.sqrt(it.n)));

  // Fruchterman-Reingold from a circle, fixed iterations: the same picture every time.
  const n = items.length;
  const pos = items.map((_, i) => {
    const a = 2 * Math.PI * i / Math.max(1, n);
    return [W / 2 + Math.cos(a) * W / 3, H / 2 + Math.sin(a) * H / 3];
  });
  const k = Math.sqrt((W - 80) * (H - 80) / Math.max(1, n)) * 0.75;
  let temp = W / 8;
  const iterations = n > 1 ? 260 : 0;
  for (let it = 0; it < iterations; it++) {
    const disp = pos.map(() => [0, 0]);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
        let d = Math.sqrt(dx * dx + dy * dy) || 0.01;
        const f = k * k / d * (1 + (radius[i] + radius[j]) / k);
        dx /= d; dy /= d;
        disp[i][0] += dx * f; disp[i][1] += dy * f;
        disp[j][0] -= dx * f; disp[j][1] -= dy * f;
      }
    }
    for (const e of edges) {
      let dx = pos[e.a][0] - pos[e.b][0], dy = pos[e.a][1] - pos[e.b][1];
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = d * d / k;
      dx /= d; dy /= d;
      disp[e.a][0] -= dx * f; disp[e.a][1] -= dy * f;
      disp[e.b][0] += dx * f; disp[e.b][1] += dy * f;
    }
    for (let i = 0; i < n; i++) {
      const dl = Math.sqrt(disp[i][0] ** 2 + disp[i][1] ** 2) || 1;
      const step = Math.min(dl, temp);
      pos[i][0] += disp[i][0] / dl * step;
      pos[i][1] += disp[i][1] / dl * step;
      // Gentle pull to the centre keeps disconnected parts in view.
      pos[i][0] += (W / 2 - pos[i][0]) * 0.01;
      pos[i][1] += (H / 2 - pos[i][1]) * 0.01;
    }
    temp *= 0.985;
  }
  // Fit into the box, room for labels.
  if (n > 0) {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const p of pos) { x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]); y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]); }
    const sx = (W - 140) / Math.max(1, x1 - x0), sy = (H - 90) / Math.max(1, y1 - y0);
    const s = Math.min(sx, sy, 3);
    for (const p of pos) {
      p[0] = W / 2 + (p[0] - (x0 + x1) / 2) * s;
      p[1] = H / 2 - 6 + (p[1] - (y0 + y1) / 2) * s;
    }
  }

  const gEdges = svg('g', { class: 'edges' }, root);
  const maxN = Math.max(1, ...edges.map((e) => e.n));
  for (const e of edges) {
    const a = pos[e.a], b = pos[e.b];
    const w = 1.2 + 3 * Math.log(1 + e.n) / Math.log(1 + maxN);
    const bw = e.bw[0] === e.bw[1] ? fmtRate(e.bw[0]) : fmtRate(e.bw[0]) + ' – ' + fmtRate(e.bw[1]);
    const delay = e.delayNs[0] === e.delayNs[1] ? fmtNs(e.delayNs[0]) : fmtNs(e.delayNs[0]) + ' – ' + fmtNs(e.delayNs[1]);
    const tip = `${items[e.a].label} — ${items[e.b].label}\n` +
      (e.kind === 'connection' ? `${fmtInt(e.n)} connection${e.n > 1 ? 's' : ''} seen in the trace` :
        `${fmtInt(e.n)} ${e.kind} link${e.n > 1 ? 's' : ''}\nbandwidth ${bw}\ndelay ${delay}\nloss up to ${(e.loss * 100).toFixed(2)}%`) +
      (e.faulted ? '\nhit by a link fault' : '');
    svg('line', {
      x1: a[0], y1: a[1], x2: b[0], y2: b[1], 'stroke-width': w.toFixed(2),
      class: 'edge' + (e.faulted ? ' faulted' : '') + (e.kind === 'connection' ? ' observed' : '') + (e.kind === 'segment' ? ' segment' : ''),
      'data-tip': tip
    }, gEdges);
    if (e.n > 1) {
      svg('text', { x: (a[0] + b[0]) / 2, y: (a[1] + b[1]) / 2 - 3, class: 'edge-label', 'text-anchor': 'middle' }, gEdges, '×' + fmtInt(e.n));
    }
  }
  const gItems = svg('g', { class: 'items' }, root);
  items.forEach((it, i) => {
    const [x, y] = pos[i];
    const r = radius[i];
    const g = svg('g', { class: 'item ' + it.kind + (it.faulted ? ' faulted' : ''), transform: `translate(${x.toFixed(1)} ${y.toFixed(1)})` }, gItems);
    const nicText = it.nics.map(([name, count]) => `${name}: ${fmtInt(count)}`).join(', ');
    let tip = it.kind === 'group' ? `group ${it.label}: ${fmtInt(it.n)} nodes` : it.kind === 'segment' ? `segment ${it.label}: ${fmtInt(it.n)} members` : `node ${it.label}` + (it.group && it.group !== it.label ? ` (group ${it.group})` : '');
    if (nicText) tip += `\nNIC: ${nicText}`;
    if (it.internal) tip += `\n${fmtInt(it.internal)} links inside the group`;
    if (it.faulted) tip += `\nhit by faults: ${fmtInt(it.faulted)} node${it.faulted > 1 ? 's' : ''} (${it.faultedNames.join(', ')}${it.faulted > it.faultedNames.length ? ', …' : ''})`;
    if (it.kind !== 'node') tip += `\nmembers: ${it.members.join(', ')}${it.n > it.members.length ? ', …' : ''}`;
    g.setAttribute('data-tip', tip);
    if (it.kind === 'segment') {
      svg('rect', { x: -34, y: -7, width: 68, height: 14, rx: 7, class: 'segment-bar' }, g);
    } else {
      // NIC mix as a ring of arcs around a white core.
      const total = it.nics.reduce((s, [, c]) => s + c, 0) || 1;
      let a0 = -Math.PI / 2;
      if (it.nics.length <= 1) {
        svg('circle', { r: r, fill: colour(nicIndex[(it.nics[0] || ['unknown'])[0]] || 0), class: 'nic-fill' }, g);
      } else {
        for (const [name, count] of it.nics) {
          const a1 = a0 + 2 * Math.PI * count / total;
          const large = a1 - a0 > Math.PI ? 1 : 0;
          const d = `M0 0 L${(r * Math.cos(a0)).toFixed(2)} ${(r * Math.sin(a0)).toFixed(2)} A${r} ${r} 0 ${large} 1 ${(r * Math.cos(a1)).toFixed(2)} ${(r * Math.sin(a1)).toFixed(2)} Z`;
          svg('path', { d: d, fill: colour(nicIndex[name] || 0), class: 'nic-fill' }, g);
          a0 = a1;
        }
      }
      if (it.kind === 'group') {
        svg('circle', { r: r * 0.58, class: 'core' }, g);
        svg('text', { y: 4, class: 'count', 'text-anchor': 'middle' }, g, fmtNum(it.n));
      }
      if (it.faulted) {
        svg('circle', { r: r + 3.5, class: 'fault-ring' }, g);
        const bx = r * 0.75, by = -r * 0.75;
        svg('circle', { cx: bx, cy: by, r: 7.5, class: 'fault-badge' }, g);
        svg('text', { x: bx, y: by + 3.5, class: 'fault-badge-text', 'text-anchor': 'middle' }, g, it.kind === 'group' ? fmtNum(it.faulted) : '!');
      }
    }
    svg('text', { y: r + 14, class: 'item-label', 'text-anchor': 'middle' }, g, it.label);
  });
  // Legend: NIC colours, fault mark.
  const lg = el('div', { class: 'legend' }, box);
  D.nodes.nics.forEach((name, i) => {
    const item = el('span', { class: 'legend-item' }, lg);
    el('span', { class: 'dot', style: `background:${colour(i)}` }, item);
    item.appendChild(document.createTextNode(name));
  });
  const fi = el('span', { class: 'legend-item' }, lg);
  el('span', { class: 'dot fault' }, fi);
  fi.appendChild(document.createTextNode('hit by a fault'));
  if (T.byGroup) el('span', { class: 'legend-note' }, lg, `${fmtInt(D.nodes.names.length)} nodes drawn as groups (circle size ∝ √nodes)`);
  if (T.source === 'trace') el('span', { class: 'legend-note' }, lg, 'dashed: connections seen in the trace');
  return items.length;
}
