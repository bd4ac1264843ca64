/**
 * A workbook as flere writes it: sheets of typed columns whose cells are the same exact
 * texts the CSV shows. Numbers stay decimal text all the way into the file (a cell's `<v>`
 * is the text itself), so no binary float ever stands between flere's result and the cell.
 */

/**
 * Excel's row limit (2^20): no sheet has more rows, the header and a totals row included.
 * Here, in a module of types only, so that the main bundle may check a table against it
 * without loading the workbook writer or reader.
 */
export const MAX_SHEET_ROWS = 1_048_576;

/**
 * What a column holds, and so how Excel shows it:
 * - `text`: a string cell (never run as a formula, whatever it starts with);
 * - `integer`: a whole number, shown grouped (`26.250.972` in Danish Excel, `26,250,972` in English);
 * - `decimal`: a number shown grouped with `decimals` places (`10,0004`);
 * - `month`: a `YYYY-MM` month, stored as the date of its first day, shown `2017-07`.
 */
export type CellKind = 'text' | 'integer' | 'decimal' | 'month';

/** A column: its heading, its kind, and for `decimal` the places shown (default 2). */
export interface SheetColumn {
  readonly header: string;
  readonly kind: CellKind;
  readonly decimals?: number;
}

/**
 * A cell's value: for numbers a canonical decimal (`-?\d+(\.\d+)?`, as `formatFixed` gives),
 * for months `YYYY-MM`, for text any string; null for an empty cell.
 */
export type CellValue = string | null;

/** One sheet: a header row (frozen and filtered), the rows, and optionally a totals row below. */
export interface Sheet {
  /** At most 31 characters, none of `[]:*?/\`. */
  readonly name: string;
  readonly columns: readonly SheetColumn[];
  readonly rows: Iterable<readonly CellValue[]>;
  /** Shown in bold under the rows, outside the filter; values, never formulas. */
  readonly totals?: readonly CellValue[];
}

/** A workbook: one or more sheets, the first shown when it opens. */
export interface Workbook {
  readonly sheets: readonly Sheet[];
}
