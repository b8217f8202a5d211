'use strict';
// netbed compare's table (compare.json beside the run or in its parent): the two runs of one
// scenario side by side, row by row, as the command prints it.

const COMPARE_TITLES = {
  run: 'run',
  expect: 'expectations',
  metric: 'application metrics (totals)',
  latency: 'latency',
  error: 'first error per node and code (time since start)',
  tcp: 'TCP segments (pcap files)',
};

function compareSubtitle(D) {
  const C = D.compare;
  return `${C.backends[0]} beside ${C.backends[1]} · this run: ${C.this} · from ${C.file}`;
}

function renderCompare(parent, D) {
  const C = D.compare;
  const t = el('table', { class: 'data-table compare-table' }, parent);
  const h = el('tr', null, el('thead', null, t));
  for (const x of ['', C.backends[0], C.backends[1], 'diff', 'ratio']) el('th', null, h, x);
  const body = el('tbody', null, t);
  let section = null;
  for (const r of C.rows) {
    if (r.section !== section) {
      section = r.section;
      el('td', { colspan: '5', class: 'compare-section' }, el('tr', null, body), COMPARE_TITLES[section] || section);
    }
    const tr = el('tr', { class: r.unit === 'verdict' && r.diff === 'differs' ? 'compare-differs' : null }, body);
    el('td', null, tr, r.name);
    for (let i = 0; i < 2; i++) {
      const td = el('td', { class: 'num' + (r.texts[i] === 'FAIL' ? ' compare-fail' : '') }, tr, r.texts[i]);
      if (r.details && r.details[i]) td.setAttribute('data-tip', `${C.backends[i]}: ${r.details[i]}`);
    }
    el('td', { class: 'num' }, tr, r.diff);
    el('td', { class: 'num' }, tr, r.ratio);
    if (r.details) {
      const d = el('td', { colspan: '5', class: 'exp-detail' }, el('tr', null, body));
      d.textContent = C.backends.map((b, i) => `${b}: ${r.details[i] || '-'}`).join(' · ');
    }
  }
  return C.rows.length;
}
