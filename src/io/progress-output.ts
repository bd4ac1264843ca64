/**
 * Rendering kommune-month progress (what `flere progress` computes) as CSV, JSON or a table.
 * Pure: rows in, text out. The CSV is exactly what `flere check` reads.
 */
import { PROGRESS_COLUMNS, type ProgressRow } from '../core/person-progress.js';
import type { TargetGroupRule } from '../core/target-group.js';
import { CSV_DIALECTS } from './render/csv-dialect.js';
import { num, text, writeCsv } from './render/csv-write.js';
import type { Format } from './render/formats.js';
import { layoutTable } from './render/text-table.js';

/** What was read, for the JSON document and the table's footer. */
export interface ProgressSource {
  /** Data rows counted (person-months). */
  readonly rows: number;
  /** Distinct persons (a count; identifiers never leave the reader). */
  readonly persons: number;
  /** How the target groups were formed. */
  readonly rule: TargetGroupRule;
}

/** A renderer: the whole output text, ending in a line break. */
export type ProgressRenderer = (rows: readonly ProgressRow[], source: ProgressSource, kommuneName: (code: string) => string) => string;

/**
 * `kommune,month,target_group,cleared,recipients,company_activity,paid_hours`, comma, `\n`,
 * no BOM (the plain dialect). Every cell is a code, a month or a whole number.
 */
function csv(rows: readonly ProgressRow[]): string {
  // The kommune and the month are text; the counts are numbers.
  const cells = rows.map((r) => PROGRESS_COLUMNS.map((c, i) => (i < 2 ? text : num)(String(r[c]))));
  return writeCsv(PROGRESS_COLUMNS, cells, CSV_DIALECTS.plain);
}

/**
 * `{ version: 1, source: { rows, persons }, target_group: { reference_month, leavers },
 * progress: [ {kommune, month, …counts} ] }`; counts are JSON integers.
 */
function json(rows: readonly ProgressRow[], source: ProgressSource): string {
  const doc = {
    version: 1,
    source: { rows: source.rows, persons: source.persons },
    target_group: { reference_month: source.rule.referenceMonth, leavers: source.rule.leavers },
    progress: rows.map((r) => Object.fromEntries(PROGRESS_COLUMNS.map((c) => [c, r[c]]))),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** For people: kommune code and name, month, the counts right-aligned, a footer with totals read. */
function table(rows: readonly ProgressRow[], source: ProgressSource, kommuneName: (code: string) => string): string {
  const grouped = new Intl.NumberFormat('da-DK');
  const lines = layoutTable(
    [
      { heading: 'kommune' },
      { heading: 'name' },
      { heading: 'month' },
      { heading: 'target group', right: true },
      { heading: 'cleared', right: true },
      { heading: 'recipients', right: true },
      { heading: 'company activity', right: true },
      { heading: 'paid hours', right: true },
    ],
    rows.map((r) => ({
      cells: [
        r.kommune,
        kommuneName(r.kommune),
        r.month,
        grouped.format(r.target_group),
        grouped.format(r.cleared),
        grouped.format(r.recipients),
        grouped.format(r.company_activity),
        grouped.format(r.paid_hours),
      ],
    })),
  );
  lines.push(
    '',
    `${grouped.format(source.rows)} person-months of ${grouped.format(source.persons)} persons; ` +
      `target groups: the recipients of ${source.rule.referenceMonth}, leavers ${source.rule.leavers === 'drop' ? 'dropped' : 'kept'}`,
  );
  return `${lines.join('\n')}\n`;
}

/** One renderer per output format. */
export const progressRenderers = { table, csv, json } satisfies Record<Format, ProgressRenderer>;
