/**
 * Section 2: the tranches over time. What fell due, per month and cumulatively against the
 * pool, and the kommune × month grid of when each kommune's tranches fell due.
 */
import { type Fixed, sumFixed } from '../../../core/decimal.js';
import type { Timeline } from '../../../core/report-timeline.js';
import { cumulativeDue } from './cumulative-due.js';
import { dueByMonth } from './due-by-month.js';
import { esc, kr, monthLong, plain, plural } from './format.js';
import type { ReportView } from './model.js';
import { trancheGrid } from './tranche-grid.js';

/** Tranches with a given status, and their kroner. */
function tally(timeline: Timeline, statuses: readonly string[]): { n: number; amount: Fixed } {
  const all = timeline.rows.flatMap((r) => r.tranches).filter((t) => statuses.includes(t.status));
  return { n: all.length, amount: sumFixed(all.map((t) => t.amount)) };
}

/** The timeline section's HTML; a note when there are no statuses. */
export function timelineSection(view: ReportView): string {
  const t = view.timeline;
  if (t === undefined || view.asOf === undefined) {
    return `<section id="tranches"><h2>2. The tranches over time</h2><p class="note">Not shown: give the tranches’ statuses, as a check result (<code>--check check.json</code>) or as progress (<code>--progress progress.csv</code>).</p></section>`;
  }
  const shares = view.pool.tranches.map((x) => x.share);
  const total = view.allocation.pool;
  const fell = tally(t, ['due', 'paid']);
  const paid = tally(t, ['paid']);
  const pending = tally(t, ['pending']);
  const forfeited = tally(t, ['forfeited']);
  const source = view.inputs.statuses?.kind === 'check' ? 'the check result' : 'the progress, evaluated exactly as flere check evaluates it';
  const ended = view.asOf >= view.pool.end;
  const summary = [
    `<li data-kpi="fell-due" data-amount="${plain(fell.amount)}" data-tranches="${fell.n}"><b>${kr(fell.amount)} kr.</b><span>${plural(fell.n, 'tranche', 'tranches')} fell due${paid.n > 0 ? ` (${plural(paid.n, 'is', 'are')} paid: ${kr(paid.amount)} kr.)` : ''}</span></li>`,
    `<li data-kpi="pending" data-amount="${plain(pending.amount)}" data-tranches="${pending.n}"><b>${kr(pending.amount)} kr.</b><span>${plural(pending.n, 'tranche', 'tranches')} pending</span></li>`,
    `<li data-kpi="forfeited" data-amount="${plain(forfeited.amount)}" data-tranches="${forfeited.n}"><b>${kr(forfeited.amount)} kr.</b><span>${plural(forfeited.n, 'tranche', 'tranches')} forfeited${ended ? '' : ' (none before the pool’s end)'}</span></li>`,
  ];
  return `<section id="tranches"><h2>2. The tranches over time</h2>
<p>As of <b>${monthLong(view.asOf)}</b>, from ${esc(source)}. A tranche falls due in the month its condition is first met; one whose condition is not met by the pool’s end, ${monthLong(view.pool.end)}, is forfeited.</p>
<ul class="kpis">${summary.join('')}</ul>
<figure><h3>Kroner that fell due per month, by tranche</h3>
${dueByMonth(t, shares)}
<figcaption>Each bar is the kroner of the tranches that fell due that month (due or paid), stacked by tranche; above it, the month’s total in millions.</figcaption></figure>
<figure><h3>Kroner fallen due so far, by tranche, against the pool</h3>
${cumulativeDue(t, view.allocation, shares)}
<figcaption>The stacked columns add up what has fallen due so far. The column on the right is the whole pool at the last month: what fell due, what is pending or forfeited, and the money of kommuner that did not apply; it adds up to the pool, ${kr(total)} kr.</figcaption></figure>
<figure><h3>When each kommune’s tranches fell due</h3>
${trancheGrid(t)}
<figcaption>One row per kommune that applied: kommuner with forfeited tranches first, then those with pending ones, then by the month their last tranche fell due. The grey deepens with each tranche that has fallen due.</figcaption></figure>
<details><summary>Kroner per month as a table</summary>${monthTable(t)}</details>
</section>`;
}

function monthTable(t: Timeline): string {
  const heads = Array.from({ length: t.trancheCount }, (_, i) => `<th class="n">tranche ${i + 1}</th>`).join('');
  const rows = t.months.map(
    (m) =>
      `<tr data-month="${m.month}"><td>${m.month}</td>${m.due.map((d) => `<td class="n">${kr(d)}</td>`).join('')}<td class="n">${kr(sumFixed(m.due))}</td><td class="n">${kr(sumFixed(m.cumulative))}</td></tr>`,
  );
  const totals = t.fellDue.map((f) => `<td class="n">${kr(f)}</td>`).join('');
  return `<table><thead><tr><th>month</th>${heads}<th class="n">fell due</th><th class="n">so far</th></tr></thead><tbody>${rows.join('\n')}</tbody>
<tfoot><tr><td>Total</td>${totals}<td class="n">${kr(sumFixed(t.fellDue))}</td><td></td></tr></tfoot></table>`;
}
