/**
 * Reading a progress file for `flere check`: one row per kommune and month with counts of
 * persons, `kommune,month,target_group,cleared,recipients,company_activity[,paid_hours,…]`
 * (English or Danish headers, Danish Excel's dialect). Every bad row is reported with its
 * line; nothing is guessed.
 */
import type { KommuneProgress, MonthlyCounts } from '../core/conditions.js';
import { type Diagnostic, DiagnosticBag } from '../core/diagnostics.js';
import type { Month } from '../core/months.js';
import { nearPeriod, PERIOD_MARGIN_MONTHS, type Period } from '../core/period.js';
import { type ColumnSpec, headerMatcher, matchColumns, type MatchedColumn } from './columns.js';
import { readTable } from './csv-table.js';
import { column, type HeaderConcept, KOMMUNE_COLUMN } from './header-vocabulary.js';
import type { TextEncoding } from './decode.js';
import { type TableInput, tableSource } from './table-input.js';
import { kommuneFromCell } from './kommune-cell.js';
import { parseMonthCell } from './month-cell.js';
import { type DecimalMark, numberDiagnostic, numberStyleFor, parseCount } from './numbers.js';

/** The concepts of the usual metrics' columns (a pool may name further metrics: their own name only). */
export const METRIC_CONCEPTS: Readonly<Record<string, readonly HeaderConcept[]>> = {
  target_group: ['targetGroup'],
  cleared: ['cleared'],
  recipients: ['recipients'],
  company_activity: ['companyActivity'],
  paid_hours: ['paidHours'],
};

/** A pair of metrics where the first may never exceed the second in a row. */
export interface MetricBound {
  readonly part: string;
  readonly whole: string;
}

/** How to read the file. */
export interface ProgressReadOptions {
  readonly file: string;
  /** The metrics the pool's conditions read: their columns are required. */
  readonly metrics: readonly string[];
  /** Pairs checked in every row (`cleared ≤ target_group`, each numerator ≤ its denominator). */
  readonly bounds: readonly MetricBound[];
  /**
   * The pool's period: a row more than {@link PERIOD_MARGIN_MONTHS} months before its start or
   * after its end is refused (`progress.month-out-of-period`), as a mistyped year (`2107-12`).
   */
  readonly period?: Period;
  readonly encoding?: TextEncoding;
  readonly delimiter?: string;
  readonly decimalMark?: DecimalMark;
}

/** A read progress file. */
export interface Progress {
  /** Kommune code → month → counts. */
  readonly byKommune: ReadonlyMap<string, KommuneProgress>;
  /** Kommune code → the first line that names it (for diagnostics about the kommune). */
  readonly firstLine: ReadonlyMap<string, number>;
  /** The latest month with a row, or null for a file with no data rows. */
  readonly lastMonth: Month | null;
}

/**
 * Reads and checks a progress file. Counts are whole numbers ≥ 0; an empty metric cell
 * means "no data for that metric in that month" (which breaks a streak), not 0. Throws one
 * FlereError (data) listing every problem: unknown kommuner, unreadable months
 * (`progress.bad-month`) and months far outside the pool's period
 * (`progress.month-out-of-period`), bad numbers, `progress.duplicate` (same kommune and month twice),
 * `progress.above-bound` (e.g. cleared > target_group, company_activity > recipients).
 */
export function readProgress(input: TableInput, options: ProgressReadOptions): Progress {
  const { file } = options;
  const source = tableSource(input, options.encoding);
  const specs: ColumnSpec[] = [column('kommune', KOMMUNE_COLUMN, true), column('month', ['month'], true)];
  const metricNames = [...new Set([...options.metrics, ...Object.keys(METRIC_CONCEPTS)])];
  for (const name of metricNames) specs.push(column(name, METRIC_CONCEPTS[name] ?? [], options.metrics.includes(name)));
  const bag = new DiagnosticBag();
  const table = readTable(source, {
    file,
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    findHeader: headerMatcher(specs),
    expected: ['kommune', 'month', ...options.metrics].join(', '),
    allowEmpty: true,
    bag,
  });
  const columns = matchColumns(table.header, specs, { file, line: table.headerLine }) as Readonly<
    Record<string, MatchedColumn | undefined>
  >;
  const kommuneColumn = columns['kommune'] as MatchedColumn;
  const monthColumn = columns['month'] as MatchedColumn;
  const present = metricNames.filter((n) => columns[n] !== undefined);
  const bounds = options.bounds.filter((b) => columns[b.part] && columns[b.whole]);
  const style = numberStyleFor(table, options.decimalMark);

  const byKommune = new Map<string, Map<Month, MonthlyCounts>>();
  const seen = new Map<string, number>();
  const firstLine = new Map<string, number>();
  let lastMonth: Month | null = null;
  for (const { line, cells } of table.rows) {
    const problems: Diagnostic[] = [];
    const cell = (c: MatchedColumn): string => (cells[c.index] ?? '').trim();
    const kommune = kommuneFromCell(cell(kommuneColumn), { file, line, column: kommuneColumn.name });
    if (!kommune.ok) problems.push(kommune.diagnostic);
    const month = parseMonthCell(cell(monthColumn));
    if (month === undefined) {
      problems.push({ code: 'progress.bad-month', file, line, column: monthColumn.name, value: cell(monthColumn) });
    } else if (options.period !== undefined && !nearPeriod(month, options.period)) {
      problems.push({
        code: 'progress.month-out-of-period',
        file,
        line,
        column: monthColumn.name,
        value: month,
        args: { start: options.period.start, end: options.period.end, margin: PERIOD_MARGIN_MONTHS },
      });
    }
    const counts: Record<string, bigint> = {};
    for (const name of present) {
      const column = columns[name] as MatchedColumn;
      const value = cell(column);
      if (value === '') continue;
      const n = parseCount(value, style);
      if (n.ok) counts[name] = n.value;
      else problems.push(numberDiagnostic(n, style, { file, line, column: column.name, value }));
    }
    for (const { part, whole } of bounds) {
      const p = counts[part];
      const w = counts[whole];
      if (p !== undefined && w !== undefined && p > w) {
        const partColumn = columns[part] as MatchedColumn;
        const wholeColumn = columns[whole] as MatchedColumn;
        problems.push({
          code: 'progress.above-bound',
          file,
          line,
          column: partColumn.name,
          value: String(p),
          args: { whole: wholeColumn.name, wholeValue: String(w) },
        });
      }
    }
    if (kommune.ok && month !== undefined) {
      const key = `${kommune.kommune.code}#${month}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({
          code: 'progress.duplicate',
          file,
          line,
          column: monthColumn.name,
          value: month,
          args: { kommune: kommune.kommune.name, firstLine: first },
        });
      } else seen.set(key, line);
    }
    problems.forEach((p) => bag.add(p));
    if (problems.length > 0 || !kommune.ok || month === undefined) continue;
    const code = kommune.kommune.code;
    if (!firstLine.has(code)) firstLine.set(code, line);
    let months = byKommune.get(code);
    if (!months) byKommune.set(code, (months = new Map()));
    months.set(month, counts);
    if (lastMonth === null || month > lastMonth) lastMonth = month;
  }
  bag.throwIfAny('data');
  return { byKommune, firstLine, lastMonth };
}
