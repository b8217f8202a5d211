'use strict';
// One connection's life as a sequence diagram: the client's and the server's lifelines, every
// event at its exact time (one row each, so bursts stay readable; the time column gives the gaps),
// data and FIN as arrows into the side that received them, faults that hit either node as red rows.

const TRACE_EVENTS = ['listening', 'connection', 'lookup', 'connect', 'data', 'drain', 'end', 'timeout', 'close', 'error', 'fault', 'nic'];

function connectionRows(D, i) {
  const C = D.connections, E = C.ev[i];
  const rows = [];
  let t = C.start[i];
  const extra = new Map((E.x || []).map(([pos, s]) => [pos, C.strings[s]]));
  for (let k = 0; k < E.t.length; k++) {
    t += E.t[k];
    if (E.cut && k === E.cut[0]) rows.push({ kind: 'cut', t: t, n: E.cut[1] });
    rows.push({ kind: 'event', t: t, side: E.s[k], ev: TRACE_EVENTS[E.e[k]], v: E.v[k], extra: extra.get(k) });
  }
  // Faults on either node, each at its time.
  const nodes = [C.c[i], C.s[i]];
  for (const f of C.faults[i]) {
    const fault = D.faults[f];
    const sides = [0, 1].filter((s) => nodes[s] >= 0 && fault.nodes.indexOf(nodes[s]) >= 0);
    let at = rows.length;
    while (at > 0 && rows[at - 1].t > fault.t) at--;
    rows.splice(at, 0, { kind: 'fault', t: fault.t, fault: fault, sides: sides });
  }
  return rows;
}

function renderSequence(container, i, V) {
  const D = window.REPORT;
  const C = D.connections;
  container.textContent = '';
  const status = V.status(i);
  const head = el('div', { class: 'seq-head' }, container);
  const title = el('div', { class: 'seq-title' }, head);
  el('span', { class: 'seq-id' }, title, `#${C.id[i]}`);
  title.appendChild(document.createTextNode(` ${V.name(C.c[i])} → ${V.name(C.s[i])} `));
  el('span', { class: 'badge', style: `background:${STATUS_COLOURS[status]}` }, title, status + (C.err[i] >= 0 ? ' ' + C.strings[C.err[i]] : ''));
  const facts = el('div', { class: 'seq-facts' }, head);
  const fact = (k, v, tip) => { const s = el('span', { class: 'fact', 'data-tip': tip || null }, facts); el('b', null, s, k + ' '); s.appendChild(document.createTextNode(v)); };
  fact('start', fmtNs(C.start[i]));
  fact('lasted', fmtNs(C.end[i] - C.start[i]));
  fact('↑', fmtInt(C.up[i]) + ' B', 'bytes the server received');
  fact('↓', fmtInt(C.down[i]) + ' B', 'bytes the client received');
  fact('paired', C.pairingNames[C.pair[i]], {
    exact: 'client local/peer matched the server\'s peer/local',
    'time-order': 'no "local" in the trace: paired in order of time per (client node, server address:port)',
    'client-only': 'no server end found in the trace', 'server-only': 'no client end found in the trace'
  }[C.pairingNames[C.pair[i]]]);
  const half = el('div', { class: 'seq-halves' }, head);
  const endNote = (t, who, dir) => t >= 0 ? `${dir} closed: the ${who} got FIN at ${fmtNs(t)}` : `${dir} never closed (no FIN reached the ${who})`;
  el('div', null, half, endNote(C.send[i], 'server', 'client → server'));
  el('div', null, half, endNote(C.cend[i], 'client', 'server → client'));

  const rows = connectionRows(D, i);
  const RH = 24, TOP = 64, W = 780;
  const X = [330, 640]; // client, server lifelines
  const H = TOP + RH * (rows.length + 1) + 30;
  const box = el('div', { class: 'seq-box' }, container);
  const root = svg('svg', { class: 'sequence', width: W, height: H, viewBox: `0 0 ${W} ${H}` }, box);
  const y = (r) => TOP + RH * (r + 0.5);
  // Heads.
  const heads = [[C.c[i], C.ca[i], 'client'], [C.s[i], C.sa[i], 'server']];
  heads.forEach(([n, a, role], s) => {
    const g = svg('g', { class: 'seq-actor ' + role }, root);
    svg('rect', { x: X[s] - 90, y: 6, width: 180, height: 40, rx: 6 }, g);
    svg('text', { x: X[s], y: 23, 'text-anchor': 'middle', class: 'actor-name' }, g, n >= 0 ? V.name(n) : `(${role} not in trace)`);
    svg('text', { x: X[s], y: 38, 'text-anchor': 'middle', class: 'actor-addr' }, g, `${role} ${V.addr(a)}`);
  });
  svg('text', { x: 8, y: TOP - 6, class: 'col-head' }, root, 'time (from the run\'s start)');

  const bands = svg('g', { class: 'bands' }, root);
  rows.forEach((row, r) => { if (r % 2 === 0) svg('rect', { x: 0, y: y(r) - RH / 2, width: W, height: RH, class: 'row-band' }, bands); });

  // Lifelines: from a side's first row to its close, or to the crash that made it vanish, or on
  // (dashed) to the end of the run.
  const lifeline = svg('g', { class: 'lifelines' }, root);
  const vanished = [-1, -1]; // the fault row where a side's socket vanished
  for (let s = 0; s < 2; s++) {
    let first = -1, last = -1, how = 'open';
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row.kind === 'event' && row.side === s) {
        if (first < 0) first = r;
        if (how === 'open') last = r;
        if (row.ev === 'close' && how === 'open') { how = 'closed'; last = r; }
      }
      if (row.kind === 'fault' && first >= 0 && how === 'open' && row.fault.fault === 'crash' && row.sides.indexOf(s) >= 0) {
        how = 'vanished'; last = r;
      }
    }
    svg('line', { x1: X[s], x2: X[s], y1: 46, y2: first >= 0 ? y(first) : H - 20, class: 'lifeline-idle' }, lifeline);
    if (first < 0) continue;
    svg('rect', { x: X[s] - 4, y: y(first), width: 8, height: Math.max(2, y(last) - y(first)), class: 'lifeline-active ' + (s ? 'server' : 'client') }, lifeline);
    if (how === 'open') {
      svg('line', { x1: X[s], x2: X[s], y1: y(last), y2: H - 20, class: 'lifeline-open' }, lifeline);
      svg('text', { x: X[s] + (s ? 8 : -8), y: H - 8, 'text-anchor': s ? 'start' : 'end', class: 'open-note' }, lifeline, `still open at the end of the run (${fmtDur(D.trace.endNs)})`);
    } else if (how === 'vanished') {
      vanished[s] = last;
    } else {
      svg('line', { x1: X[s] - 12, x2: X[s] + 12, y1: y(last) + 5, y2: y(last) + 5, class: 'lifeline-end' }, lifeline);
    }
  }

  // Rows.
  const g = svg('g', { class: 'rows' }, root);
  let prevT = C.start[i];
  rows.forEach((row, r) => {
    const yy = y(r);
    const dt = row.t - prevT;
    prevT = row.t;
    const timeTip = `t = ${fmtNs(row.t)}\n+${fmtNs(dt)} after the previous row\n${fmtNs(row.t - C.start[i])} after the connection's first event`;
    const tt = svg('text', { x: 8, y: yy + 4, class: 'row-time', 'data-tip': timeTip }, g, fmtNs(row.t));
    if (dt > 0 && r > 0) svg('tspan', { class: 'row-delta', dx: 6 }, tt, '+' + fmtDur(dt));
    if (row.kind === 'cut') {
      svg('text', { x: (X[0] + X[1]) / 2, y: yy + 4, 'text-anchor': 'middle', class: 'cut-note' }, g, `… ${fmtInt(row.n)} events not kept (see the notes) …`);
      return;
    }
    if (row.kind === 'fault') {
      const f = row.fault;
      const band = svg('g', { class: 'fault-row', 'data-tip': `fault ${faultLabel(f)}\nt = ${fmtNs(f.t)}` }, g);
      svg('rect', { x: 190, y: yy - RH / 2 + 2, width: W - 200, height: RH - 4, rx: 4 }, band);
      for (let s = 0; s < 2; s++) if (vanished[s] === r) svg('path', { d: `M${X[s] - 9} ${yy - 9} L${X[s] + 9} ${yy + 9} M${X[s] + 9} ${yy - 9} L${X[s] - 9} ${yy + 9}`, class: 'vanish' }, band);
      const gone = [0, 1].filter((s) => vanished[s] === r).map((s) => (s ? 'server' : 'client'));
      const what = gone.length ? ` — the ${gone.join(' and ')}'s socket vanished (no FIN, no RST)` : '';
      svg('text', { x: 200, y: yy + 4 }, band, `⚡ ${faultLabel(f)}${what}`);
      return;
    }
    const s = row.side, other = 1 - s;
    const x = X[s], ox = X[other];
    const dir = s === 1 ? 1 : -1; // labels of local events go outwards
    const colourOf = EVENT_COLOURS[row.ev] || '#333';
    const tipBase = `${s ? 'server' : 'client'} '${row.ev}' at ${fmtNs(row.t)}`;
    const arrow = (label, cls, tip) => {
      const gg = svg('g', { class: 'msg ' + cls, 'data-tip': tip }, g);
      const x0 = ox + (other ? -6 : 6), x1 = x - (s ? 8 : -8);
      svg('line', { x1: x0, y1: yy - 7, x2: x1, y2: yy, stroke: colourOf }, gg);
      svg('path', { d: `M${x1} ${yy} l${s ? -8 : 8} -5.5 l0 8 Z`, fill: colourOf }, gg);
      svg('text', { x: (x0 + x1) / 2, y: yy - 8, 'text-anchor': 'middle', fill: colourOf }, gg, label);
    };
    const local = (label, shape, tip) => {
      const gg = svg('g', { class: 'local ' + row.ev, 'data-tip': tip }, g);
      if (shape === 'x') svg('path', { d: `M${x - 6} ${yy - 6} L${x + 6} ${yy + 6} M${x + 6} ${yy - 6} L${x - 6} ${yy + 6}`, stroke: colourOf, 'stroke-width': 2.6 }, gg);
      else if (shape === 'diamond') svg('path', { d: `M${x} ${yy - 7} L${x + 7} ${yy} L${x} ${yy + 7} L${x - 7} ${yy} Z`, fill: colourOf }, gg);
      else if (shape === 'bar') svg('rect', { x: x - 11, y: yy - 3, width: 22, height: 6, rx: 2, fill: colourOf }, gg);
      else svg('circle', { cx: x, cy: yy, r: 5, fill: colourOf }, gg);
      svg('text', { x: x + dir * 14, y: yy + 4, 'text-anchor': dir > 0 ? 'start' : 'end', fill: colourOf }, gg, label);
    };
    switch (row.ev) {
      case 'data':
        arrow(`${fmtInt(row.v)} B`, 'data', `${tipBase}\nreceived ${fmtInt(row.v)} bytes from the ${other ? 'server' : 'client'}`);
        break;
      case 'end':
        arrow('FIN → end', 'end', `${tipBase}\nthe ${other ? 'server' : 'client'} ended its side (FIN received); this side may still write`);
        break;
      case 'connect':
        arrow('connect', 'connect', `${tipBase}\nhandshake complete${row.v >= 0 ? ' with ' + D.connections.strings[row.v] : ''}`);
        break;
      case 'connection':
        arrow('connection (accepted)', 'connect', `${tipBase}\naccepted from ${row.v >= 0 ? D.connections.strings[row.v] : '?'}`);
        break;
      case 'lookup':
        local(row.extra ? `lookup failed ${row.extra}` : `lookup → ${row.v >= 0 ? D.connections.strings[row.v] : '?'}`, 'dot', tipBase + (row.extra ? '\n' + row.extra : ''));
        break;
      case 'timeout':
        local('timeout (idle)', 'diamond', `${tipBase}\nno activity for the socket's timeout`);
        break;
      case 'error':
        local(`error ${D.connections.strings[row.v]}`, 'x', `${tipBase}\n${D.connections.strings[row.v]}${row.extra ? ': ' + row.extra : ''}`);
        break;
      case 'close':
        local('close', 'bar', tipBase);
        break;
      default:
        local(row.ev, 'dot', tipBase);
    }
  });
  return rows.length;
}
