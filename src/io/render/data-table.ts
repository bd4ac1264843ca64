/**
 * The one row/column model behind a command's CSV and its workbook: typed columns (their
 * headers already in the run's language) and rows of exact cell texts. The CSV renderer and
 * the workbook are both made from the same `DataTable`, so a value is computed once and the
 * two can never disagree.
 */
import type { CellKind, CellValue, Sheet, SheetColumn } from '../xlsx/workbook.js';
import { neutralizeFormula } from '../formula-text.js';
import { csvTextChunks, numberText } from './csv-write.js';
import { groupDigits } from './grouping.js';
import type { CsvDialect } from './csv-dialect.js';

export type { CellValue, SheetColumn };

/**
 * Columns and rows: numbers as canonical decimals (`-?\d+(\.\d+)?`; a `decimal` cell may end
 * in `…` when its digits were rounded), months as `YYYY-MM`, text as is, null for empty.
 * `rows` may be iterated more than once (a workbook may show some columns on two sheets);
 * `totals` is the row a workbook shows in bold under the rows (CSV has none).
 */
export interface DataTable {
  readonly columns: readonly SheetColumn[];
  readonly rows: Iterable<readonly CellValue[]>;
  readonly totals?: readonly CellValue[];
}

/**
 * The finest decimal place among `values` (0 for none): a column's places. A loop, never
 * `Math.max(...values)`: a million rows would be a million arguments.
 */
export function finestScale(values: Iterable<{ readonly scale: number }>): number {
  let scale = 0;
  for (const v of values) if (v.scale > scale) scale = v.scale;
  return scale;
}

/** A column of whole numbers, or of decimals shown with `scale` places. */
export function numberColumn(header: string, scale: number): SheetColumn {
  return scale === 0 ? { header, kind: 'integer' } : { header, kind: 'decimal', decimals: scale };
}

/** A column of the given kind. */
export const columnOf = (header: string, kind: CellKind): SheetColumn => ({ header, kind });

/** Rows made afresh by `make` each time they are iterated (a generator runs only once); `size` of them. */
export function reiterable<T>(make: () => Iterator<T>, size: number): Iterable<T> & { readonly size: number } {
  return { [Symbol.iterator]: make, size };
}

/** How many rows a table has, without making them: an array's length or a {@link reiterable}'s size. */
export function rowCount(rows: Iterable<unknown>): number | undefined {
  if (Array.isArray(rows)) return rows.length;
  const size = (rows as { size?: unknown }).size;
  return typeof size === 'number' ? size : undefined;
}

/**
 * The table as CSV in the dialect, chunk by chunk: numbers get the dialect's decimal mark,
 * text is neutralised against formulas, an empty cell is empty.
 */
export function tableCsv(table: DataTable, dialect: CsvDialect): Iterable<string> {
  const number = numberText(dialect);
  const cellText = table.columns.map((c) => (c.kind === 'integer' || c.kind === 'decimal' ? number : neutralizeFormula));
  function* rows(): Generator<string[]> {
    for (const values of table.rows) {
      const cells = new Array<string>(values.length);
      for (let j = 0; j < values.length; j++) {
        const v = values[j] ?? null;
        cells[j] = v === null ? '' : (cellText[j] ?? neutralizeFormula)(v);
      }
      yield cells;
    }
  }
  return csvTextChunks(
    table.columns.map((c) => c.header),
    rows(),
    dialect,
  );
}

/** The whole CSV text of the table (small tables). */
export const tableCsvText = (table: DataTable, dialect: CsvDialect): string => [...tableCsv(table, dialect)].join('');

/**
 * The table as a sheet named `name`, with the columns at `indices` (all, by default), each
 * row and the totals cut to the same columns.
 */
export function tableSheet(name: string, table: DataTable, indices?: readonly number[]): Sheet {
  if (indices === undefined) return { name, columns: table.columns, rows: table.rows, ...(table.totals ? { totals: table.totals } : {}) };
  const pick = (values: readonly CellValue[]): CellValue[] => indices.map((j) => values[j] ?? null);
  return {
    name,
    columns: indices.map((j) => table.columns[j] as SheetColumn),
    rows: reiterable(
      function* () {
        for (const values of table.rows) yield pick(values);
      },
      rowCount(table.rows) ?? Number.NaN,
    ),
    ...(table.totals ? { totals: pick(table.totals) } : {}),
  };
}

/**
 * A row's cells as a text table shows them to people: numbers grouped the Danish way
 * (`26.250.972`, `10,0004`), months and text as they are, an empty cell as `empty`.
 */
export function tableCells(values: readonly CellValue[], columns: readonly SheetColumn[], empty = ''): string[] {
  return values.map((v, j) => {
    if (v === null) return empty;
    const kind = columns[j]?.kind;
    return kind === 'integer' || kind === 'decimal' ? groupDigits(v) : v;
  });
}
