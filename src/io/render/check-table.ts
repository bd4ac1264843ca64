/**
 * `flere check` as a table for people: one row per kommune, each tranche's status at a
 * glance (coloured on a terminal), what is due now, and the recent monthly rates of the
 * pool's first threshold condition as a sparkline against its threshold.
 */
import { type ConditionEvidence, thresholdOf } from '../../core/conditions.js';
import { type Fixed, formatFixed, sumFixed } from '../../core/decimal.js';
import { minMonth } from '../../core/months.js';
import type { TrancheReport, TrancheStatus } from '../../core/tranche-status.js';
import { type CheckRenderOptions, type CheckView, notApplied, percent, statusTotals, wasRecorded } from './check-model.js';
import { sparkline } from './check-sparkline.js';
import { groupDigits } from './grouping.js';
import type { Palette } from './palette.js';
import { layoutTable, type TextColumn, type TextRow } from './text-table.js';
import { visibleText } from './visible-text.js';
import { plural, type Words, wordsFor } from './words.js';

const money = (x: Fixed): string => groupDigits(formatFixed(x));
const danish = (s: string): string => groupDigits(s);

/** A short verdict for a tranche cell: `paid 2017-07`, `due 2017-09*`, `pending 98/100`. */
function cellText(r: TrancheReport, recorded: boolean, w: Words): string {
  const status = w(`status.${r.status}`);
  switch (r.status) {
    case 'paid':
      return `${status} ${r.month ?? ''}`.trim();
    case 'due':
      return `${status} ${r.month ?? ''}${recorded ? '*' : ''}`;
    case 'forfeited':
      return status;
    case 'pending':
      return `${status}${pendingHint(r.evidence, w)}`;
  }
}

function pendingHint(e: ConditionEvidence, w: Words): string {
  if (e.kind === 'all-cleared') return e.month === null ? '' : ` ${e.cleared?.toString() ?? '?'}/${e.target?.toString() ?? '?'}`;
  if (e.kind === 'threshold') {
    if (e.months > 1) return ` ${w('check.months-short', { streak: e.streak, months: e.months })}`;
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
  const w = options.words ?? wordsFor();
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
    { heading: w('table.id'), right: true },
    { heading: w('table.kommune') },
    ...pool.tranches.map((t, j) => ({ heading: w('table.tranche', { n: j + 1, share: danish(t.share) }) })),
    { heading: w('table.due-now'), right: true },
    ...(ratio ? [{ heading: `${ratio.numerator} / ${ratio.denominator} ≥ ${danish(ratio.threshold)} %` }] : []),
  ];

  // Cells are padded first and coloured afterwards, so widths are measured on plain text.
  const rows: TextRow[] = [];
  const styles: ((s: string) => string)[][] = [];
  const kommuner = view.kommuner.filter((k) => (view.quiet ? byKommune.has(k.id) : true));
  for (const k of kommuner) {
    if (!k.applied) {
      rows.push({ cells: [k.id, k.name, w('check.did-not-apply')], style: p.dim });
      styles.push([]);
      continue;
    }
    const reports = byKommune.get(k.id) ?? [];
    const cells = pool.tranches.map((_, j) => {
      const r = reports.find((x) => x.tranche === j + 1);
      return r ? cellText(r, wasRecorded(view, r), w) : '';
    });
    const cellStyles = pool.tranches.map((_, j) => {
      const r = reports.find((x) => x.tranche === j + 1);
      return r ? styleOf(r.status, p) : (s: string) => s;
    });
    const due = reports.filter((r) => r.status === 'due').map((r) => r.amount);
    let sparkText = '';
    let sparkStyle = (s: string): string => s;
    if (spark) {
      const last = minMonth(view.asOf, pool.end);
      const points = sparkline(view.progress.get(k.id) ?? new Map(), spark, pool.start, last);
      const lastData = [...points].reverse().find((pt) => pt.glyph !== '·');
      const row = lastData && view.progress.get(k.id)?.get(lastData.month);
      const n = row?.[spark.numerator];
      const d = row?.[spark.denominator];
      const rate = n !== undefined && d !== undefined ? percent(n, d, 1) : null;
      // Plain glyphs in the cell (the layout measures and escapes it); each glyph coloured after.
      sparkText = points.map((pt) => pt.glyph).join('') + (rate === null ? '' : ` ${danish(rate)} %`);
      const glyphStyles = points.map((pt) => (pt.meets ? p.green : pt.glyph === '·' ? p.dim : p.red));
      sparkStyle = (s) => {
        const chars = [...s];
        return glyphStyles.map((style, i) => style(chars[i] ?? '')).join('') + chars.slice(glyphStyles.length).join('');
      };
    }
    rows.push({ cells: [k.id, k.name, ...cells, due.length > 0 ? money(sumFixed(due)) : '', sparkText] });
    styles.push([(s) => s, (s) => s, ...cellStyles, (s) => s, sparkStyle]);
  }

  const title = w(view.quiet ? 'check.title-quiet' : 'check.title', { pool: visibleText(pool.name), asOf: view.asOf, start: pool.start, end: pool.end });
  const lines = [p.bold(title), ...colourCells(layoutTable(columns, rows, p.bold), rows, styles, columns)];
  lines.push('', ...summary(view, p, w));
  return `${lines.join('\n')}\n`;
}

/**
 * Colours individual tranche cells of laid-out lines. The layout pads plain text; a cell's
 * text is found again by its column offset, so colour codes never disturb alignment (the
 * sparkline's glyphs too, one colour each).
 */
function colourCells(lines: string[], rows: readonly TextRow[], styles: readonly ((s: string) => string)[][], columns: readonly TextColumn[]): string[] {
  const [heading, ...body] = lines;
  const widths = columns.map((c, j) =>
    rows.reduce((most, r) => Math.max(most, [...visibleText(r.cells[j] ?? '')].length), [...visibleText(c.heading)].length),
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

function summary(view: CheckView, p: Palette, w: Words): string[] {
  const lines: string[] = [];
  const parts = statusTotals(view).filter((x) => x.count > 0 || x.status === 'due');
  lines.push(
    parts
      .map((x) => styleOf(x.status, p)(w(plural(x.count, 'check.summary-one', 'check.summary-many'), { status: w(`status.${x.status}`), count: x.count, amount: money(x.amount) })))
      .join('   '),
  );
  const recorded = view.reports.filter((r) => wasRecorded(view, r));
  if (recorded.length > 0) {
    const ledger = view.ledger ?? w('check.the-ledger');
    lines.push(w(plural(recorded.length, 'check.recorded-one', 'check.recorded-many'), { ledger, count: recorded.length, amount: money(sumFixed(recorded.map((r) => r.amount))) }));
  }
  const kommuner = notApplied(view);
  if (kommuner.length > 0) {
    lines.push(p.dim(w(plural(kommuner.length, 'check.not-applied-one', 'check.not-applied-many'), { count: kommuner.length, amount: money(sumFixed(kommuner.map((k) => k.amount))) })));
  }
  const ratio = view.pool.tranches.map((t) => t.condition).find((c) => c.kind === 'threshold');
  if (ratio && !view.quiet) {
    lines.push(p.dim(w('check.rates-legend', { threshold: danish(ratio.threshold) })));
  }
  return lines;
}
