/**
 * Rendering kommune-month progress (what `flere progress` computes) as CSV (or TSV), JSON,
 * a workbook or a table. Pure: rows in, output out. The CSV is exactly what `flere check`
 * reads, in either language's headers.
 */
import { PROGRESS_COLUMNS, type ProgressRow } from '../core/person-progress.js';
import type { TargetGroupRule } from '../core/target-group.js';
import type { OutputBody } from './output.js';
import { CSV_DIALECTS, type CsvDialect } from './render/csv-dialect.js';
import { type CellValue, columnOf, type DataTable, tableCsvText, tableSheet } from './render/data-table.js';
import type { Format } from './render/formats.js';
import { layoutTable } from './render/text-table.js';
import { type WordKey, type Words, wordsFor } from './render/words.js';
import { workbookOutput } from './render/xlsx-output.js';

/** What was read, for the JSON document and the table's footer. */
export interface ProgressSource {
  /** Data rows counted (person-months). */
  readonly rows: number;
  /** Distinct persons (a count; identifiers never leave the reader). */
  readonly persons: number;
  /** How the target groups were formed. */
  readonly rule: TargetGroupRule;
}

/** How to render besides the rows: the CSV dialect (default plain), the words (default English), kommune names for the table. */
export interface ProgressRenderOptions {
  readonly dialect?: CsvDialect;
  readonly words?: Words;
  readonly kommuneName?: (code: string) => string;
}

/** A renderer: the whole output text ending in a line break, or a workbook's bytes. */
export type ProgressRenderer = (rows: readonly ProgressRow[], source: ProgressSource, options?: ProgressRenderOptions) => OutputBody | Promise<OutputBody>;

/** Each column's header: the column names `flere check` reads, in the run's language. */
const HEADERS: Readonly<Record<(typeof PROGRESS_COLUMNS)[number], WordKey>> = {
  kommune: 'col.progress-kommune',
  month: 'col.month',
  target_group: 'col.target-group',
  cleared: 'col.cleared',
  recipients: 'col.recipients',
  company_activity: 'col.company-activity',
  paid_hours: 'col.paid-hours',
};

/** The rows as typed cells: the kommune's code (text), the month, and the counts (whole numbers). */
export function progressTable(rows: readonly ProgressRow[], w: Words): DataTable {
  return {
    columns: PROGRESS_COLUMNS.map((c, i) => columnOf(w(HEADERS[c]), i === 0 ? 'text' : i === 1 ? 'month' : 'integer')),
    rows: rows.map((r): CellValue[] => PROGRESS_COLUMNS.map((c) => String(r[c]))),
  };
}

/**
 * `kommune,month,target_group,cleared,recipients,company_activity,paid_hours` (Danish
 * headers with `--lang da`), in the dialect (plain: comma, `\n`, no BOM).
 */
function csv(rows: readonly ProgressRow[], _source: ProgressSource, options: ProgressRenderOptions = {}): string {
  return tableCsvText(progressTable(rows, options.words ?? wordsFor()), options.dialect ?? CSV_DIALECTS.plain);
}

/** One sheet of the same rows. */
function xlsx(rows: readonly ProgressRow[], _source: ProgressSource, options: ProgressRenderOptions = {}): Promise<Uint8Array> {
  const w = options.words ?? wordsFor();
  return workbookOutput([tableSheet(w('sheet.progress'), progressTable(rows, w))]);
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
function table(rows: readonly ProgressRow[], source: ProgressSource, options: ProgressRenderOptions = {}): string {
  const w = options.words ?? wordsFor();
  const kommuneName = options.kommuneName ?? (() => '');
  const grouped = new Intl.NumberFormat('da-DK');
  const lines = layoutTable(
    [
      { heading: w('table.kommune') },
      { heading: w('table.name') },
      { heading: w('table.month') },
      { heading: w('table.target-group'), right: true },
      { heading: w('table.cleared'), right: true },
      { heading: w('table.recipients'), right: true },
      { heading: w('table.company-activity'), right: true },
      { heading: w('table.paid-hours'), right: true },
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
    w(source.rule.leavers === 'drop' ? 'progress.footer-drop' : 'progress.footer-keep', {
      rows: grouped.format(source.rows),
      persons: grouped.format(source.persons),
      month: source.rule.referenceMonth,
    }),
  );
  return `${lines.join('\n')}\n`;
}

/** One renderer per output format. */
export const progressRenderers = { table, csv, tsv: csv, json, xlsx } satisfies Record<Format, ProgressRenderer>;
