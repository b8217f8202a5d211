'use strict';
// The connections rebuilt by netbed-report: a searchable list; the chosen one is drawn as a
// sequence diagram (sequence.js). #conn=<id> in the URL chooses one.

const MAX_ROWS = 250;

function connectionView(D) {
  const C = D.connections, names = D.nodes.names;
  const count = C.id.length;
  const name = (n) => (n >= 0 ? names[n] : '?');
  const addr = (a) => (a >= 0 ? C.strings[a] : '');
  const status = (i) => C.statusNames[C.st[i]];
  let haystack = null;
  return {
    count, name, addr, status,
    label(i) {
      return `${name(C.c[i])} → ${name(C.s[i])}`;
    },
    matches(i, words) {
      if (!haystack) {
        haystack = new Array(count);
        for (let k = 0; k < count; k++) {
          haystack[k] = ['#' + C.id[k], name(C.c[k]), name(C.s[k]), addr(C.ca[k]), addr(C.sa[k]), status(k),
            C.err[k] >= 0 ? C.strings[C.err[k]] : '', C.pairingNames[C.pair[k]]].join(' ').toLowerCase();
        }
      }
      for (const w of words) if (haystack[i].indexOf(w) < 0) return false;
      return true;
    },
    byId(id) {
      for (let k = 0; k < count; k++) if (C.id[k] === id) return k;
      return -1;
    }
  };
}

function renderConnections(parent, D, onSelect) {
  const C = D.connections, V = connectionView(D);
  const layout = el('div', { class: 'conn-layout' }, parent);
  const left = el('div', { class: 'conn-list' }, layout);
  const right = el('div', { class: 'conn-detail', id: 'sequence' }, layout);
  const controls = el('div', { class: 'conn-controls' }, left);
  const search = el('input', { type: 'search', placeholder: 'search: node, address, status, error code, #id', 'aria-label': 'search connections' }, controls);
  const filter = el('select', { 'aria-label': 'status' }, controls);
  el('option', { value: '' }, filter, 'any status');
  const counts = {};
  for (let i = 0; i < V.count; i++) counts[V.status(i)] = (counts[V.status(i)] || 0) + 1;
  for (const s of C.statusNames) if (counts[s]) el('option', { value: s }, filter, `${s} (${fmtInt(counts[s])})`);
  const info = el('div', { class: 'conn-info' }, left);
  const tableBox = el('div', { class: 'conn-table-box' }, left);
  const table = el('table', { class: 'conn-table' }, tableBox);
  const head = el('tr', null, el('thead', null, table));
  for (const h of ['#', 'client → server', 'start', 'lasted', 'status']) el('th', null, head, h);
  const body = el('tbody', null, table);
  let selected = -1;
  const rowOf = new Map();

  function fill() {
    const words = search.value.toLowerCase().split(/\s+/).filter((w) => w);
    const wanted = filter.value;
    body.textContent = '';
    rowOf.clear();
    let shown = 0, matched = 0;
    for (let i = 0; i < V.count; i++) {
      if (wanted && V.status(i) !== wanted) continue;
      if (words.length && !V.matches(i, words)) continue;
      matched++;
      if (shown >= MAX_ROWS) continue;
      shown++;
      const tr = el('tr', { 'data-index': i, class: i === selected ? 'selected' : null }, body);
      el('td', { class: 'num' }, tr, String(C.id[i]));
      const who = el('td', { class: 'who', 'data-tip': `${V.addr(C.ca[i]) || '?'} → ${V.addr(C.sa[i]) || '?'}\n↑ ${fmtInt(C.up[i])} B to the server, ↓ ${fmtInt(C.down[i])} B to the client` }, tr);
      el('span', { class: 'node-name' }, who, V.name(C.c[i]));
      el('span', { class: 'arrow' }, who, ' → ');
      el('span', { class: 'node-name' }, who, V.name(C.s[i]));
      el('td', { class: 'num', 'data-tip': fmtNs(C.start[i]) }, tr, fmtDur(C.start[i]));
      el('td', { class: 'num', 'data-tip': fmtNs(C.end[i] - C.start[i]) }, tr, fmtDur(C.end[i] - C.start[i]));
      const st = el('td', null, tr);
      const s = V.status(i);
      el('span', { class: 'badge', style: `background:${STATUS_COLOURS[s]}` }, st, s + (C.err[i] >= 0 ? ' ' + C.strings[C.err[i]] : ''));
      rowOf.set(i, tr);
    }
    const total = C.total > V.count ? ` (${fmtInt(C.total)} in the run; see the notes)` : '';
    info.textContent = `${fmtInt(matched)} of ${fmtInt(V.count)} connections${total}` + (matched > shown ? ` · first ${fmtInt(shown)} shown: refine the search` : '');
  }

  function select(i, fromHash) {
    if (i < 0 || i >= V.count) return;
    if (selected >= 0 && rowOf.has(selected)) rowOf.get(selected).classList.remove('selected');
    selected = i;
    if (rowOf.has(i)) rowOf.get(i).classList.add('selected');
    if (!fromHash && history.replaceState) history.replaceState(null, '', '#conn=' + C.id[i]);
    onSelect(right, i, V);
  }

  body.addEventListener('click', (e) => {
    let t = e.target;
    while (t && t.tagName !== 'TR') t = t.parentNode;
    if (t && t.hasAttribute('data-index')) select(Number(t.getAttribute('data-index')), false);
  });
  search.addEventListener('input', fill);
  filter.addEventListener('change', fill);
  fill();

  function fromHash() {
    const m = /conn=(\d+)/.exec(location.hash);
    return m ? V.byId(Number(m[1])) : -1;
  }
  window.addEventListener('hashchange', () => { const i = fromHash(); if (i >= 0) select(i, true); });
  // First choice: the URL's, else the first troubled connection with both ends in the trace that a
  // fault hit, else the first with an error (both ends, then any), else the first half-open one,
  // else the first.
  let first = fromHash();
  const both = (i) => C.c[i] >= 0 && C.s[i] >= 0;
  for (let i = 0; i < V.count && first < 0; i++) if (both(i) && C.faults[i].length && V.status(i) !== 'closed') first = i;
  for (let i = 0; i < V.count && first < 0; i++) if (V.status(i) === 'error' && both(i)) first = i;
  for (let i = 0; i < V.count && first < 0; i++) if (V.status(i) === 'error') first = i;
  for (let i = 0; i < V.count && first < 0; i++) if (V.status(i) === 'half-open') first = i;
  if (first < 0 && V.count) first = 0;
  if (first >= 0) select(first, true);
  else el('p', { class: 'muted' }, right, 'No connection in this trace.');
  return V.count;
}
