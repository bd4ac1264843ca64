/**
 * Section 3: progress against the rules. One row per applying kommune with each ratio the
 * conditions read, month by month, against its threshold, the streak marked; kommuner whose
 * data stopped, or close to a threshold, first.
 */
import { CLOSE_MARGIN_POINTS, type Attention, type KommuneWatch, type RatioSeries, type RuleMark } from '../../../core/report-progress.js';
import { count, esc, monthLong, monthShort, percentText, plural, rate } from './format.js';
import type { ReportView } from './model.js';
import { sparkAxis, sparkline } from './progress-spark.js';

/** People's words for the usual metrics; any other is shown by its column name. */
const METRIC: Readonly<Record<string, string>> = {
  company_activity: 'in virksomhedsrettet indsats',
  recipients: 'recipients',
  cleared: 'cleared (afklaret og visiteret)',
  target_group: 'target group',
  paid_hours: 'with paid hours',
};
const metric = (name: string): string => METRIC[name] ?? name;

/** A series as a column heading: `in virksomhedsrettet indsats / recipients`. */
const seriesTitle = (s: RatioSeries): string => `${metric(s.numerator)} / ${metric(s.denominator)}`;

const GROUPS: readonly { attention: Attention; title: string }[] = [
  { attention: 'stopped', title: 'Data stopped' },
  { attention: 'close', title: 'Close to a threshold' },
  { attention: 'behind', title: 'Further from a threshold' },
  { attention: 'done', title: 'Every tranche fell due' },
];

/** The progress section's HTML; a note when there is no progress. */
export function progressSection(view: ReportView): string {
  const p = view.progress;
  if (p === undefined) {
    const why =
      view.inputs.statuses?.kind === 'check'
        ? 'a check result holds the statuses but not the months of progress behind them'
        : 'there is no progress data';
    return `<section id="progress"><h2>3. Progress against the rules</h2><p class="note">Not shown: ${why}. Give the progress with <code>--progress progress.csv</code> (or <code>--persons</code>).</p></section>`;
  }
  const months = p.months;
  const last = months[months.length - 1];
  const heads = p.series
    .map((s, i) => `<th data-series="${esc(`${s.numerator}/${s.denominator}`)}">${esc(seriesTitle(s))}<br>${sparkAxis(s, i, months)}</th>`)
    .join('');
  const rows: string[] = [];
  for (const g of GROUPS) {
    const members = p.kommuner.filter((k) => k.attention === g.attention);
    if (members.length === 0) continue;
    rows.push(`<tr class="group" data-group="${g.attention}"><th colspan="${p.series.length + 2}">${g.title} (${plural(members.length, 'kommune', 'kommuner')})</th></tr>`);
    for (const k of members) rows.push(row(k, p.series, months));
  }
  const counts = GROUPS.map((g) => [g, p.kommuner.filter((k) => k.attention === g.attention).length] as const);
  const late = view.asOf !== undefined && last !== undefined && last < view.asOf;
  return `<section id="progress"><h2>3. Progress against the rules</h2>
<p>Each applying kommune’s progress month by month${last === undefined ? '' : `, ${monthShort(months[0] ?? last)} to ${monthShort(last)}`}: the share that counts for each tranche condition (a line; a filled square where the month meets the threshold; × where the kommune has no row that month) against the threshold (dashed), with the months of the streak shaded (solid: the streak that met the condition; dotted: a streak under way).${late ? ` The progress data ends in ${monthLong(last as string)}.` : ''}</p>
<p>Listed first: kommuner whose data <b>stopped</b> (no row in the data’s last month), then those <b>close to a threshold</b>: a tranche not yet due whose latest share is at most ${CLOSE_MARGIN_POINTS} percentage points below its threshold, or above it with the streak not yet long enough. ${counts
    .map(([g, n]) => `${g.title}: ${n}`)
    .join(' · ')}.</p>
<table class="progress">${colgroup(p.series.length)}<thead><tr><th>kommune</th>${heads}<th>tranches</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</section>`;
}

/** Column widths: the charts share what the name and the status text leave. */
function colgroup(series: number): string {
  const each = (54 / Math.max(series, 1)).toFixed(1);
  return `<colgroup><col style="width:16%">${`<col style="width:${each}%">`.repeat(series)}<col style="width:30%"></colgroup>`;
}

function row(k: KommuneWatch, series: readonly RatioSeries[], months: readonly string[]): string {
  const tags: string[] = [];
  if (k.attention === 'stopped') {
    tags.push(`<span class="tag stopped">${k.lastData === null ? 'no data' : `data stopped after ${monthShort(k.lastData)}`}</span>`);
  }
  if (k.attention === 'close') tags.push('<span class="tag close">close</span>');
  if (k.gaps.length > 0) tags.push(`<span class="tag">no row: ${k.gaps.map(monthShort).join(', ')}</span>`);
  const charts = series.map((s, i) => `<td>${sparkline(k.name, s, i, k.series[i] ?? { points: [], marks: [] }, months)}</td>`).join('');
  const status = k.series.flatMap((s) => s.marks.map((m) => markText(m, s.points)));
  return (
    `<tr data-id="${esc(k.id)}" data-attention="${k.attention}"${k.lastData === null ? '' : ` data-last="${k.lastData}"`}>` +
    `<th>${esc(k.name)} <span class="code">${esc(k.id)}</span>${tags.length > 0 ? ` ${tags.join(' ')}` : ''}</th>` +
    charts +
    `<td class="status">${status.join('<br>')}</td></tr>`
  );
}

/** One tranche's line: `Tranche 3 fell due Jun 2018`, or where it stands. */
function markText(m: RuleMark, points: KommuneWatch['series'][number]['points']): string {
  const t = `Tranche ${m.rule.tranche}`;
  const attrs = `data-tranche="${m.rule.tranche}" data-status="${m.status}"${m.month === null ? '' : ` data-month="${m.month}"`}`;
  if (m.status === 'due' || m.status === 'paid') {
    return `<span ${attrs}>${t}: ${m.status === 'paid' ? 'paid, fell due' : 'fell due'} ${monthShort(m.month ?? '')}</span>`;
  }
  const latest = [...points].reverse().find((p) => p.numerator !== null && p.denominator !== null);
  const where =
    latest === undefined || latest.numerator === null || latest.denominator === null
      ? 'no data'
      : m.rule.kind === 'all-cleared'
        ? `${count(latest.numerator)} of ${count(latest.denominator)} cleared (${monthShort(latest.month)})`
        : `${rate(latest.numerator, latest.denominator)} (${monthShort(latest.month)})${
            m.rule.months > 1 ? `; ${m.streak.length} of ${m.rule.months} months ≥ ${percentText(m.rule.threshold)}` : ''
          }`;
  return `<span ${attrs}><b>${t} ${m.status}</b>: ${esc(where)}</span>`;
}
