/**
 * `flere check` as a table for people: one row per kommune, each tranche's status at a
 * glance (coloured on a terminal), what is due now, and the recent monthly rates of the
 * pool's first threshold condition as a sparkline against its threshold.
 */
import { type ConditionEvidence, thresholdOf } from '../../core/conditions.js';
import { type Fixed, formatFixed, sumFixed } from '../../core/decimal.js';
import { minMonth } from '../../core/months.js';
import { TRANCHE_STATUSES, type TrancheReport, type TrancheStatus } from '../../core/tranche-status.js';
import { type CheckRenderOptions, type CheckView, percent, wasRecorded } from './check-model.js';
import { sparkline } from './check-sparkline.js';
import { groupDigits } from './grouping.js';
import type { Palette } from './palette.js';
import { layoutTable, type TextColumn, type TextRow } from './text-table.js';
import { visibleText } from './visible-text.js';

const money = (x: Fixed): string => groupDigits(formatFixed(x));
const danish = (s: string): string => groupDigits(s);

/** A short verdict for a tranche cell: `paid 2017-07`, `due 2017-09*`, `pending 98/100`. */
function cellText(r: TrancheReport, recorded: boolean): string {
  switch (r.status) {
    case 'paid':
      return `paid ${r.month ?? ''}`.trim();
    case 'due':
      return `due ${r.month ?? ''}${recorded ? '*' : ''}`;
    case 'forfeited':
      return 'forfeited';
    case 'pending':
      return `pending${pendingHint(r.evidence)}`;
  }
}

function pendingHint(e: ConditionEvidence): string {
  if (e.kind === 'all-cleared') return e.month === null ? '' : ` ${e.cleared?.toString() ?? '?'}/${e.target?.toString() ?? '?'}`;
  if (e.kind === 'threshold') {
    if (e.months > 1) return ` ${e.streak}/${e.months} mo`;
    const last = e.window.at(-1);
    const p = last?.numerator != null && last.denominator != null ? percent(last.numerator, last.denominator, 1) : null;
    return p === null ? '' : ` ${danish(p)} %`;
  }
  return '';
}

function styleOf(status: TrancheStatus, p: Palette): (s: string) => string {
  return { due: (s: string) => p.bold(p.yellow(s)), paid: p.green, pending: p.dim, forfeited: p.red }[status];
}

/** The table; empty text when `--quiet` and nothing is due. */
export function renderCheckTable(view: CheckView, options: CheckRenderOptions): string {
  const p = options.palette;
  if (view.quiet && view.reports.length === 0) return '';
  const { pool } = view;
  const byKommune = new Map<string, TrancheReport[]>();
  for (const r of view.reports) byKommune.set(r.id, [...(byKommune.get(r.id) ?? []), r]);

  const ratio = pool.tranches.map((t) => t.condition).find((c) => c.kind === 'threshold');
  const spark = ratio && {
    numerator: ratio.numerator,
    denominator: ratio.denominator,
    threshold: thresholdOf(ratio.threshold),
  };
  const columns: TextColumn[] = [
    { heading: 'id', right: true },
    { heading: 'kommune' },
    ...pool.tranches.map((t, j) => ({ heading: `tranche ${j + 1} (${danish(t.share)} %)` })),
    { heading: 'due now (kr.)', right: true },
    ...(ratio ? [{ heading: `${ratio.numerator} / ${ratio.denominator} ≥ ${danish(ratio.threshold)} %` }] : []),
  ];

  // Cells are padded first and coloured afterwards, so widths are measured on plain text.
  const rows: TextRow[] = [];
  const styles: ((s: string) => string)[][] = [];
  const kommuner = view.kommuner.filter((k) => (view.quiet ? byKommune.has(k.id) : true));
  for (const k of kommuner) {
    if (!k.applied) {
      rows.push({ cells: [k.id, k.name, 'did not apply'], style: p.dim });
      styles.push([]);
      continue;
    }
    const reports = byKommune.get(k.id) ?? [];
    const cells = pool.tranches.map((_, j) => {
      const r = reports.find((x) => x.tranche === j + 1);
      return r ? cellText(r, wasRecorded(view, r)) : '';
    });
    const cellStyles = pool.tranches.map((_, j) => {
      const r = reports.find((x) => x.tranche === j + 1);
      return r ? styleOf(r.status, p) : (s: string) => s;
    });
    const due = reports.filter((r) => r.status === 'due').map((r) => r.amount);
    let sparkText = '';
    if (spark) {
      const last = minMonth(view.asOf, pool.end);
      const points = sparkline(view.progress.get(k.id) ?? new Map(), spark, pool.start, last);
      const lastData = [...points].reverse().find((pt) => pt.glyph !== '·');
      const row = lastData && view.progress.get(k.id)?.get(lastData.month);
      const n = row?.[spark.numerator];
      const d = row?.[spark.denominator];
      const rate = n !== undefined && d !== undefined ? percent(n, d, 1) : null;
      sparkText = points.map((pt) => (pt.meets ? p.green(pt.glyph) : pt.glyph === '·' ? p.dim(pt.glyph) : p.red(pt.glyph))).join('');
      sparkText += rate === null ? '' : ` ${danish(rate)} %`;
    }
    rows.push({ cells: [k.id, k.name, ...cells, due.length > 0 ? money(sumFixed(due)) : '', sparkText] });
    styles.push([(s) => s, (s) => s, ...cellStyles]);
  }

  const title = `${visibleText(pool.name)}: tranches as of ${view.asOf} (pool ${pool.start} to ${pool.end})${view.quiet ? ', due now only' : ''}`;
  const lines = [p.bold(title), ...colourCells(layoutTable(columns, rows, p.bold), rows, styles, columns)];
  lines.push('', ...summary(view, p));
  return `${lines.join('\n')}\n`;
}

/**
 * Colours individual tranche cells of laid-out lines. The layout pads plain text; a cell's
 * text is found again by its column offset, so colour codes never disturb alignment. The
 * sparkline is already coloured and, being the last column, is never padded.
 */
function colourCells(lines: string[], rows: readonly TextRow[], styles: readonly ((s: string) => string)[][], columns: readonly TextColumn[]): string[] {
  const [heading, ...body] = lines;
  const widths = columns.map((c, j) =>
    Math.max([...c.heading].length, ...rows.map((r) => [...stripAnsi(r.cells[j] ?? '')].length)),
  );
  return [
    heading ?? '',
    ...body.map((line, i) => {
      const style = styles[i];
      if (!style || style.length === 0) return line;
      const chars = [...line];
      let offset = 0;
      const parts: string[] = [];
      widths.forEach((w, j) => {
        const piece = chars.slice(offset, offset + w).join('');
        parts.push((style[j] ?? ((s: string) => s))(piece));
        offset += w;
        if (j < widths.length - 1) {
          parts.push(chars.slice(offset, offset + 2).join(''));
          offset += 2;
        }
      });
      parts.push(chars.slice(offset).join(''));
      return parts.join('').trimEnd();
    }),
  ];
}

// The sparkline cell carries colour codes before layout; measure it without them.
// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

function summary(view: CheckView, p: Palette): string[] {
  const lines: string[] = [];
  const parts = TRANCHE_STATUSES.map((status) => {
    const rs = view.reports.filter((r) => r.status === status);
    return { status, count: rs.length, amount: sumFixed(rs.map((r) => r.amount)) };
  }).filter((x) => x.count > 0 || x.status === 'due');
  lines.push(
    parts
      .map((x) => styleOf(x.status, p)(`${x.status}: ${x.count} tranche${x.count === 1 ? '' : 's'}, ${money(x.amount)} kr.`))
      .join('   '),
  );
  const recorded = view.reports.filter((r) => wasRecorded(view, r));
  if (recorded.length > 0) {
    lines.push(`* recorded by this run in ${view.ledger ?? 'the ledger'}: ${recorded.length} payout${recorded.length === 1 ? '' : 's'}, ${money(sumFixed(recorded.map((r) => r.amount)))} kr.`);
  }
  const notApplied = view.quiet ? [] : view.kommuner.filter((k) => !k.applied);
  if (notApplied.length > 0) {
    lines.push(p.dim(`${notApplied.length} kommune${notApplied.length === 1 ? '' : 'r'} did not apply: ${money(sumFixed(notApplied.map((k) => k.amount)))} kr. for the follow-up pool`));
  }
  const ratio = view.pool.tranches.map((t) => t.condition).find((c) => c.kind === 'threshold');
  if (ratio && !view.quiet) {
    lines.push(p.dim(`Rates: last 12 months; a bar at ▅ or above meets ${danish(ratio.threshold)} %, █ is twice that, · no data.`));
  }
  return lines;
}
