/**
 * Section 4: the follow-up pool. Where its money came from and went (the flow chart and the
 * same figures as a table whose rows and columns add up to the krone), and the original
 * pool accounted for after it.
 */
import { type Fixed, sumFixed } from '../../../core/decimal.js';
import { esc, kr, plain, plural } from './format.js';
import { followupFlow, groupKey, groupName } from './followup-flow.js';
import type { ReportView } from './model.js';

/** The follow-up section's HTML; a note when there is no follow-up result. */
export function followupSection(view: ReportView): string {
  const f = view.followup;
  if (f === undefined) {
    return `<section id="followup"><h2>4. The follow-up pool</h2><p class="note">Not shown: give a follow-up result with <code>--followup followup.json</code> (what <code>flere followup --format json</code> writes).${
      view.allocation.notApplied.kommuner > 0
        ? ` The kommuner that did not apply leave ${kr(view.allocation.notApplied.amount)} kr. for it.`
        : ''
    }</p></section>`;
  }
  const { flows, account } = f;
  const paid = sumFixed(flows.recipients.map((r) => r.amount));
  const sources = flows.groups.map((g) => `${groupName(g)} ${kr(g.amount)}`).join(' + ');
  const mark = (ok: boolean): string => `<span class="${ok ? 'ok' : 'bad'}">${ok ? '✓' : '✗'}</span>`;
  const part = (x: Fixed, words: string): string => (x.digits === 0n ? '' : ` + ${words} ${kr(x)}`);
  const rest =
    part(account.notDistributed, 'left for a later round') + part(account.unallocated, 'the allocation’s rest below one unit');
  const earlier = part(account.earlier, 'earlier rounds');
  const round = flows.round > 1 ? `<p>Round ${flows.round} of the follow-up: its own sources and recipients; the earlier rounds are counted in the pool below.</p>` : '';
  return `<section id="followup"><h2>4. The follow-up pool</h2>${round}
<p class="check" data-check="followup" data-pool="${plain(flows.pool)}" data-recipients="${plain(paid)}" data-unallocated="${plain(flows.unallocated)}">Came from: ${esc(sources)} = ${kr(flows.pool)} kr. Went to: ${plural(flows.recipients.length, 'recipient', 'recipients')} ${kr(paid)} + below one unit (${kr(flows.unit)} kr.) ${kr(flows.unallocated)} = ${kr(flows.pool)} kr. ${mark(true)}</p>
<p class="check" data-check="pool" data-kept="${plain(account.kept)}" data-total="${plain(account.total)}">The pool: the applicants keep ${kr(account.kept)}${earlier} + the follow-up pool${flows.round > 1 ? ` of round ${flows.round}` : ''} ${kr(account.followup)}${rest} = ${kr(account.total)} kr. ${mark(account.balances)}</p>
<figure><h3>Where the follow-up pool’s money came from, and where it went</h3>
${followupFlow(flows)}
<figcaption>Each source’s money is shared among the recipients in proportion to what they got (the follow-up’s own audit trail, rounded so that every source and every recipient adds up to the krone); the bands add those shares up by kind of source.</figcaption></figure>
${flowTable(view)}
<details><summary>Every source</summary>${sourceTable(view)}</details>
</section>`;
}

/** Kind of source down, recipient across, in kroner: every row and column adds up. */
function flowTable(view: ReportView): string {
  const flows = view.followup?.flows;
  if (flows === undefined) return '';
  const heads = flows.recipients.map((r) => `<th class="n">${esc(r.name)}</th>`).join('');
  const rows = flows.groups.map(
    (g) =>
      `<tr data-group="${groupKey(g)}"><td>${esc(groupName(g))} (${g.sources.length})</td><td class="n">${kr(g.amount)}</td>` +
      `${g.to.map((x) => `<td class="n">${kr(x)}</td>`).join('')}<td class="n">${kr(g.unallocated)}</td></tr>`,
  );
  const totals = flows.recipients.map((r) => `<td class="n">${kr(r.amount)}</td>`).join('');
  return `<table class="flows"><thead><tr><th>from</th><th class="n">amount</th>${heads}<th class="n">below one unit</th></tr></thead>
<tbody>${rows.join('')}</tbody><tfoot><tr><td>Total (kr.)</td><td class="n">${kr(flows.pool)}</td>${totals}<td class="n">${kr(flows.unallocated)}</td></tr></tfoot></table>`;
}

function sourceTable(view: ReportView): string {
  const flows = view.followup?.flows;
  if (flows === undefined) return '';
  const rows = flows.groups.flatMap((g) =>
    g.sources.map(
      (s) =>
        `<tr data-source="${esc(s.id)}${s.tranche === null ? '' : `#${s.tranche}`}"><td>${esc(s.id)}</td><td>${esc(s.name)}</td><td>${esc(groupName(g))}</td><td class="n">${kr(s.amount)}</td></tr>`,
    ),
  );
  return `<table><thead><tr><th>code</th><th>kommune</th><th>why</th><th class="n">amount (kr.)</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}
