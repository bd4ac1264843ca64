/**
 * Section 1: the allocation. The check that the amounts make the pool, the applicants' and
 * non-applicants' totals, each tranche's total, the bars, and every amount in a table.
 */
import { allocationBars } from './allocation-bars.js';
import { danish, esc, kr, percentText, plain, plural } from './format.js';
import type { ReportView } from './model.js';

/** The allocation section's HTML. */
export function allocationSection(view: ReportView): string {
  const a = view.allocation;
  const shares = view.pool.tranches.map((t) => t.share);
  const n = a.byAmount.length;
  const rest = a.unallocated.digits === 0n ? '' : ` + ${kr(a.unallocated)} kr. below one unit = ${kr(a.counted)} kr.`;
  const who = `the amounts of the ${plural(n, 'kommune', 'kommuner')} add up to ${kr(a.sum)} kr.${rest}`;
  const check =
    a.total === undefined
      ? `<p class="check" data-check="allocation" data-sum="${plain(a.counted)}">Sum: ${who} (the allocation file states no total to check it against).</p>`
      : `<p class="check" data-check="allocation" data-sum="${plain(a.counted)}" data-total="${plain(a.total)}" data-balances="${a.balances === true}">` +
        `Check: ${who} = the pool, ${kr(a.total)} kr. <span class="${a.balances ? 'ok' : 'bad'}">${a.balances ? '✓' : '✗'}</span></p>`;
  const kpis = [
    `<li data-kpi="applied" data-amount="${plain(a.applied.amount)}"><b>${kr(a.applied.amount)} kr.</b><span>${plural(a.applied.kommuner, 'kommune', 'kommuner')} applied: their tranches</span></li>`,
    `<li data-kpi="not-applied" data-amount="${plain(a.notApplied.amount)}"><b>${kr(a.notApplied.amount)} kr.</b><span>${plural(a.notApplied.kommuner, 'kommune', 'kommuner')} did not apply: the follow-up pool’s</span></li>`,
    ...a.trancheTotals.map(
      (t, i) =>
        `<li data-kpi="tranche-${i + 1}" data-amount="${plain(t)}"><b>${kr(t)} kr.</b><span>tranche ${i + 1} (${percentText(shares[i] ?? '?')}): ${esc(view.pool.tranches[i]?.label ?? '')}</span></li>`,
    ),
  ];
  return `<section id="allocation"><h2>1. The allocation</h2>
${check}
<ul class="kpis">${kpis.join('')}</ul>
<figure><h3>Allocation per kommune, largest first, split into tranches</h3>
${allocationBars(a.byAmount, shares)}
<figcaption>Each bar is a kommune’s amount (written at the bar, in kroner), split into its tranches: ${shares
    .map((s, i) => `tranche ${i + 1} is ${percentText(s)}`)
    .join(', ')} of the applicants’ money, rounded so that every kommune’s tranches add up to its amount and every tranche to its total. Hatched: the kommune did not apply; its amount is the follow-up pool’s. One scale for both columns.</figcaption></figure>
<details><summary>Every amount as a table</summary>${allocationTable(view)}</details>
</section>`;
}

function allocationTable(view: ReportView): string {
  const a = view.allocation;
  const tranches = view.pool.tranches.map((_, i) => `<th class="n">tranche ${i + 1}</th>`).join('');
  const rows = a.byAmount.map(
    (k) =>
      `<tr data-id="${esc(k.id)}"><td>${esc(k.id)}</td><td>${esc(k.name)}</td><td class="n">${k.count === undefined ? '' : danish(k.count)}</td><td class="n">${kr(k.amount)}</td>` +
      view.pool.tranches.map((_, i) => `<td class="n">${k.tranches[i] === undefined ? '–' : kr(k.tranches[i])}</td>`).join('') +
      `<td>${k.applied ? 'yes' : 'no'}</td></tr>`,
  );
  const totals = a.trancheTotals.map((t) => `<td class="n">${kr(t)}</td>`).join('');
  return `<table><thead><tr><th>code</th><th>kommune</th><th class="n">count</th><th class="n">amount (kr.)</th>${tranches}<th>applied</th></tr></thead>
<tbody>${rows.join('\n')}</tbody><tfoot><tr><td></td><td>Total</td><td></td><td class="n">${kr(a.sum)}</td>${totals}<td></td></tr></tfoot></table>`;
}
