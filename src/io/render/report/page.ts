/**
 * `flere report`'s page: one self-contained HTML document (inline CSS and SVG, no script, no
 * font or file to fetch; a Content-Security-Policy that forbids fetching anything), readable
 * on a laptop and printable on A4. Built into a bundle of its own, loaded only by `report`.
 */
import { allocationSection } from './allocation-section.js';
import { esc, kr, monthLong, plural } from './format.js';
import { followupSection } from './followup-section.js';
import type { ReportView } from './model.js';
import { progressSection } from './progress-section.js';
import { stylesheet } from './style.js';
import { timelineSection } from './timeline-section.js';

/** The complete page for `view`. Pure: the same view gives the same bytes. */
export function renderReport(view: ReportView): string {
  const { pool } = view;
  const period = `${monthLong(pool.start)} – ${monthLong(pool.end)}`;
  const title = `${pool.name}, ${period}`;
  const total = view.allocation.pool;
  const made = [
    `the allocation ${view.inputs.allocation}`,
    ...(view.inputs.statuses ? [`${view.inputs.statuses.kind === 'check' ? 'the check result' : 'the progress'} ${view.inputs.statuses.file}`] : []),
    ...(view.inputs.ledger ? [`the ledger ${view.inputs.ledger}`] : []),
    ...(view.inputs.followup ? [`the follow-up ${view.inputs.followup}`] : []),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="flere ${esc(view.version)}">
<title>${esc(title)}</title>
<style>${stylesheet(pool.tranches.length)}</style>
</head>
<body>
<main>
<header>
<h1 data-pool="${esc(pool.id)}" data-start="${pool.start}" data-end="${pool.end}">${esc(title)}</h1>
<p class="sub">${kr(total)} kr. to ${plural(view.allocation.byAmount.length, 'kommune', 'kommuner')}, paid in ${plural(pool.tranches.length, 'tranche', 'tranches')}${
    view.asOf === undefined ? '' : `; statuses as of <b data-as-of="${view.asOf}">${monthLong(view.asOf)}</b>`
  }. Made by flere ${esc(view.version)} from ${made.map(esc).join(', ')}.</p>
<nav><a href="#allocation">1. The allocation</a><a href="#tranches">2. The tranches over time</a><a href="#progress">3. Progress against the rules</a><a href="#followup">4. The follow-up pool</a></nav>
</header>
${allocationSection(view)}
${timelineSection(view)}
${progressSection(view)}
${followupSection(view)}
<footer><p>Every amount is exact, in kroner, in Danish number format; rates are truncated (40,0 % really is at least 40 %). Each chart’s figures are also in its data attributes, as the JSON of flere allocate, check and followup writes them. There is no map: no kommune boundaries under a known licence could be bundled with flere.</p></footer>
</main>
</body>
</html>
`;
}
