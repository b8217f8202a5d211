'use strict';
// A sweep: every metric against every swept parameter, the SVGs written by netbed-report (also
// saved under plots/ for papers), with links to the runs' own reports.

function renderSweep(main, D) {
  const intro = card(main, 'sweep', 'Parameters', `${fmtInt(D.rows)} runs`);
  table(intro, ['parameter', 'values'], D.params.map((p) => [p, D.values[p].join(', ')]));
  if (D.runReports.length) {
    const p = el('p', null, intro, 'Run reports: ');
    for (const r of D.runReports) { el('a', { href: `runs/${r}/report.html` }, p, `#${r}`); p.appendChild(document.createTextNode(' ')); }
  }
  const body = card(main, 'plots', 'Metrics against parameters', 'mean ± 1 standard deviation over repeats; hover a point for exact values');
  const search = el('input', { type: 'search', placeholder: 'filter plots by metric or parameter', class: 'plot-filter' }, body);
  const grid = el('div', { class: 'plot-grid' }, body);
  const cells = [];
  for (const p of D.plots) {
    const cell = el('figure', { class: 'plot-cell' }, grid);
    cell.innerHTML = p.svg; // written and escaped by netbed-report
    const cap = el('figcaption', null, cell);
    el('a', { href: p.file }, cap, p.file);
    cells.push([cell, (p.metric + ' ' + p.param).toLowerCase()]);
  }
  search.addEventListener('input', () => {
    const w = search.value.toLowerCase();
    for (const [cell, key] of cells) cell.style.display = key.indexOf(w) >= 0 ? '' : 'none';
  });
  if (D.constant.length) el('p', { class: 'muted' }, body, 'Same value in every run (not plotted): ' + D.constant.join(', '));
  return D.plots.length;
}
