/**
 * Renderers of an allocation, keyed by format. Each is pure: allocation in, text out, as a
 * sequence of chunks (CSV and JSON row by row, so that a million rows are written without
 * the whole text ever existing as one string). Amounts are exact decimal strings in kroner
 * at the unit's scale.
 */
import type { Allocation } from '../../core/allocation.js';
import { formatFixed, sumFixed, toCommonScale } from '../../core/decimal.js';
import { type AllocationExplanation, explainAllocation } from '../../core/explain.js';
import { formatUnits } from '../../core/money.js';
import type { OutputBody } from '../output.js';
import type { CsvDialect } from './csv-dialect.js';
import { type CellValue, columnOf, type DataTable, finestScale, numberColumn, reiterable, tableCells, tableCsv, tableSheet } from './data-table.js';
import { quotaCells, quotaColumns, quotaDecimal, quotaFraction, quotaTable, remainderText, SHARE_SCALE } from './explain-quota.js';
import type { Format } from './formats.js';
import { groupDigits } from './grouping.js';
import type { Palette } from './palette.js';
import { layoutTable, type TextRow } from './text-table.js';
import { visibleText } from './visible-text.js';
import { plural, type Words, wordsFor } from './words.js';
import { workbookOutput } from './xlsx-output.js';

/** What a renderer needs besides the allocation. */
export interface AllocationRenderOptions {
  /** The pool: its id for JSON's `pool`, its name for the table's title. */
  readonly pool: { readonly id: string; readonly name: string };
  readonly explain: boolean;
  readonly palette: Palette;
  readonly dialect: CsvDialect;
  /** The words of headers, labels and yes/no (default English). */
  readonly words?: Words;
  /** Recipients are free names (`--no-registry`): headers say id and name, not kommune. */
  readonly free?: boolean;
}

/**
 * Renders an allocation: the chunks of the output's text, in order (or, for a workbook,
 * its bytes, once the workbook writer is loaded).
 */
export type AllocationRenderer = (allocation: Allocation, options: AllocationRenderOptions) => OutputBody | Promise<OutputBody>;

const amountOf = (a: Allocation, units: bigint): string => formatUnits(units, a.unit);

/**
 * Row i's share of the total count in percent, rounded half up at SHARE_SCALE digits. With
 * w the row's count and W = Σ counts (both at their common scale; W is the apportionment's
 * denominator), the share in units of 10^−SHARE_SCALE percent is w·100·10^SHARE_SCALE / W
 * rounded half up, which in integers is ⌊(2·w·100·10^SHARE_SCALE + W) / (2·W)⌋.
 */
function sharePercents(a: Allocation): (i: number) => string {
  const { digits } = toCommonScale(a.rows.map((r) => r.recipient.count));
  const W = a.apportionment.denominator;
  const twiceScaled = 2n * 100n * 10n ** BigInt(SHARE_SCALE);
  const twiceW = 2n * W;
  return (i) => formatFixed({ digits: ((digits[i] as bigint) * twiceScaled + W) / twiceW, scale: SHARE_SCALE });
}


/**
 * The JSON document (`version` 1). Layout: the top level is indented by two spaces, as
 * `JSON.stringify(…, null, 2)` writes it, but each item of `allocations` is one line of
 * compact JSON. Keys, their order and the values are the same as in any other layout; the
 * line per item keeps a million recipients streamable and each recipient one line in a diff.
 */
function* renderJson(a: Allocation, options: AllocationRenderOptions): Generator<string> {
  const explanation = options.explain ? explainAllocation(a) : undefined;
  const share = sharePercents(a);
  const head = {
    version: 1,
    pool: options.pool.id,
    total: formatFixed(a.total),
    unit: formatFixed(a.unit),
    unallocated: formatFixed(a.unallocated),
    followup: amountOf(a, a.followup),
    tranche_shares: a.shares.map((s) => formatFixed(s)),
    tranche_totals: a.trancheTotals.map((t) => amountOf(a, t)),
  };
  // The members of `head` as the two-space layout writes them, without the braces.
  yield `{\n${JSON.stringify(head, null, 2).slice(2, -2)},\n  "allocations": [`;
  for (let i = 0; i < a.rows.length; i++) {
    const row = a.rows[i] as Allocation['rows'][number];
    // Amounts are decimal strings: quoted, never escaped.
    let tranches = '';
    for (const t of row.tranches) tranches += `${tranches === '' ? '' : ','}"${amountOf(a, t)}"`;
    const explain = explanation ? `,"explain":${JSON.stringify(explainJson(a, explanation, i))}` : '';
    const id = jsonString(row.recipient.id);
    // Free recipients' id is their name: one escape check for both.
    const name = row.recipient.name === row.recipient.id ? id : jsonString(row.recipient.name);
    yield `${i === 0 ? '' : ','}\n    {"id":${id},"name":${name},` +
      `"count":"${formatFixed(row.recipient.count)}","share":"${share(i)}","amount":"${amountOf(a, row.amount)}",` +
      `"tranches":[${tranches}],"applied":${row.recipient.applied}${explain}}`;
  }
  yield a.rows.length === 0 ? ']' : '\n  ]';
  if (explanation) {
    const check = { sum: amountOf(a, explanation.sum), leftover_units: `${explanation.leftover}`, sum_equals_pool: explanation.sumEqualsPool };
    yield `,\n  "check": ${JSON.stringify(check, null, 2).replace(/\n/g, '\n  ')}`;
  }
  yield '\n}\n';
}

// What JSON.stringify escapes in a string: quote, backslash, control characters, and lone
// surrogates (any surrogate here, so that pairs are left to JSON.stringify too).
const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * `s` as a JSON string literal, exactly as JSON.stringify writes it; plain text (almost
 * every name) is only quoted, which is about three times faster over a million rows.
 */
function jsonString(s: string): string {
  return JSON_ESCAPED.test(s) ? JSON.stringify(s) : `"${s}"`;
}

function explainJson(a: Allocation, e: AllocationExplanation, i: number): object {
  const row = e.rows[i];
  if (!row) return {};
  return {
    quota: quotaFraction(a.unit, row.quota),
    quota_decimal: quotaDecimal(a.unit, row.quota),
    floor: amountOf(a, row.floor),
    remainder: remainderText(row.remainder),
    rank: row.rank,
    extra_unit: row.extra,
    tie_group: row.tieGroup,
  };
}

/**
 * The allocation as rows of typed cells, for CSV and workbooks alike: `id`, `name`, `count`,
 * `share`, `amount`, one column per tranche, `applied`; with `explain` the quota columns after
 * them (`mainColumns` tells where they start). Totals: Σ counts, 100 %, the pool in whole
 * units and each tranche's total, as values.
 */
export function allocationTable(a: Allocation, options: Pick<AllocationRenderOptions, 'explain' | 'words' | 'free'>): { table: DataTable; mainColumns: number } {
  const w = options.words ?? wordsFor();
  const explanation = options.explain ? explainAllocation(a) : undefined;
  const share = sharePercents(a);
  const amountScale = a.unit.scale;
  const countScale = finestScale(a.rows.map((r) => r.recipient.count));
  const columns = [
    columnOf(w(options.free ? 'col.free-id' : 'col.id'), 'text'),
    columnOf(w(options.free ? 'col.free-name' : 'col.name'), 'text'),
    numberColumn(w('col.count'), countScale),
    numberColumn(w('col.share'), SHARE_SCALE),
    numberColumn(w('col.amount'), amountScale),
    ...a.shares.map((_, j) => numberColumn(w('col.tranche-n', { n: j + 1 }), amountScale)),
    columnOf(w('col.applied'), 'text'),
  ];
  const mainColumns = columns.length;
  if (explanation) columns.push(...quotaColumns(a.unit, w));
  const yes = w('yes');
  const no = w('no');
  const rows = reiterable(function* (): Generator<CellValue[]> {
    for (let i = 0; i < a.rows.length; i++) {
      const row = a.rows[i] as Allocation['rows'][number];
      const cells: CellValue[] = [row.recipient.id, row.recipient.name, formatFixed(row.recipient.count), share(i), amountOf(a, row.amount)];
      for (let j = 0; j < a.shares.length; j++) {
        const t = row.tranches[j];
        cells.push(t === undefined ? null : amountOf(a, t));
      }
      cells.push(row.recipient.applied ? yes : no);
      const e = explanation?.rows[i];
      if (e) cells.push(...quotaCells(a.unit, e, w));
      yield cells;
    }
  }, a.rows.length);
  const countTotal = formatFixed(sumFixed(a.rows.map((r) => r.recipient.count)));
  const totals: CellValue[] = [
    null,
    w('total'),
    countTotal,
    formatFixed({ digits: 100n, scale: 0 }, SHARE_SCALE),
    amountOf(a, a.units),
    ...a.trancheTotals.map((t) => amountOf(a, t)),
  ];
  return { table: { columns, rows, totals }, mainColumns };
}

function renderCsv(a: Allocation, options: AllocationRenderOptions): Iterable<string> {
  return tableCsv(allocationTable(a, options).table, options.dialect);
}

/** The workbook: the allocation (with totals); with `--explain` a second sheet of the quotas. */
function renderXlsx(a: Allocation, options: AllocationRenderOptions): Promise<Uint8Array> {
  const w = options.words ?? wordsFor();
  const { table, mainColumns } = allocationTable(a, options);
  const main = Array.from({ length: mainColumns }, (_, j) => j);
  const quotas = [0, 1, ...Array.from({ length: table.columns.length - mainColumns }, (_, j) => mainColumns + j)];
  return workbookOutput([
    tableSheet(w('sheet.allocation'), table, main),
    ...(options.explain ? [tableSheet(w('sheet.quotas'), { columns: table.columns, rows: table.rows }, quotas)] : []),
  ]);
}

function renderTable(a: Allocation, options: AllocationRenderOptions): string {
  const { palette: p } = options;
  const w = options.words ?? wordsFor();
  const money = (units: bigint): string => groupDigits(amountOf(a, units));
  const hasNonApplicants = a.rows.some((r) => !r.recipient.applied);
  // The same cells as CSV and workbooks, grouped for people; the quotas have a table of their own.
  const { table } = allocationTable(a, { ...options, explain: false });
  const columns = [
    { heading: w('table.id'), right: true },
    { heading: w('table.name') },
    { heading: w('table.count'), right: true },
    { heading: w('table.share'), right: true },
    { heading: w('table.amount'), right: true },
    ...a.shares.map((s, j) => ({ heading: w('table.tranche', { n: j + 1, share: groupDigits(formatFixed(s)) }), right: true })),
    ...(hasNonApplicants ? [{ heading: w('table.applied') }] : []),
  ];
  const rows: TextRow[] = [];
  let i = 0;
  for (const values of table.rows) {
    const applied = (a.rows[i] as Allocation['rows'][number]).recipient.applied;
    i += 1;
    // A tranche a non-applicant does not get shows as a dash; free names are shown, never obeyed (layoutTable).
    const cells = tableCells(values, table.columns, '–');
    rows.push({ cells: hasNonApplicants ? cells : cells.slice(0, -1), ...(applied ? {} : { style: p.dim }) });
  }
  rows.push({ cells: tableCells(table.totals ?? [], table.columns), style: p.bold });
  const lines = [
    p.bold(w('allocate.title', { pool: visibleText(options.pool.name), total: groupDigits(formatFixed(a.total)), unit: groupDigits(formatFixed(a.unit)), count: a.rows.length })),
    ...layoutTable(columns, rows, p.bold),
  ];
  if (a.unallocated.digits !== 0n) lines.push(w('allocate.unallocated', { amount: groupDigits(formatFixed(a.unallocated)) }));
  if (hasNonApplicants) {
    const count = a.rows.filter((r) => !r.recipient.applied).length;
    lines.push(w(plural(count, 'allocate.followup-one', 'allocate.followup-many'), { amount: money(a.followup), count }));
    // The Total row's amount is the whole pool, its tranche columns only the applicants': say so.
    lines.push(w('allocate.tranches', { amount: money(a.units - a.followup), count: a.rows.length - count }));
  }
  // concat, not push(...): a million explained rows would be a million arguments.
  const all = options.explain ? lines.concat('', explainTable(a, options, w)) : lines;
  return `${all.join('\n')}\n`;
}

function explainTable(a: Allocation, options: AllocationRenderOptions, w: Words): string[] {
  const e = explainAllocation(a);
  const { palette: p } = options;
  const check = e.sumEqualsPool ? p.green('✓') : p.red('✗');
  return [
    ...quotaTable(a.rows.map((r) => r.recipient), e, a.unit, p, w),
    w('explain.check', { amount: groupDigits(amountOf(a, e.sum)), mark: check }),
  ];
}

/** The allocation renderers; `--format` offers exactly these keys. */
export const allocationRenderers = {
  table: (a, options) => [renderTable(a, options)],
  csv: renderCsv,
  tsv: renderCsv,
  json: renderJson,
  xlsx: renderXlsx,
} satisfies Record<Format, AllocationRenderer>;
