/**
 * A worksheet's XML, looked at before the workbook library parses it. The library builds
 * every row as a dense array as wide as the sheet's widest row, so a sheet with one value in
 * its last row and one in its last column (a few bytes in the file) would become a thousand
 * million array slots: the sheet's extent is measured from the cells' own references first.
 * And the library reads a cell holding an error value (`#DIV/0!`, `#N/A`) as empty, which in
 * a progress file would pass for "no data": such cells are handed on as their error text.
 */
import { columnNumber } from './cell-reference.js';
import { MAX_SHEET_ROWS } from './workbook.js';

/**
 * The most cells a sheet may have. Reading costs about ten times the sheet's XML in memory
 * (some 390 MB for 100,000 rows of 7 columns, 40 MB of XML): two million cells stay near
 * 1.2 GB, well inside Node's heap, and are twice what a pool of 100,000 recipients needs.
 */
export const MAX_SHEET_CELLS = 2_000_000;
/**
 * The most cells a sheet's used range (rows × columns, from A1) may span: the library makes
 * every row as wide as the widest, so this bounds its arrays (8 bytes a slot, twice).
 */
export const MAX_USED_RANGE = 10_000_000;
/** Excel's own column bound (XFD); the row bound is {@link MAX_SHEET_ROWS}. */
const MAX_COLUMNS = 16_384;

/** How far a sheet reaches: its last row and column (1-based) and how many cells it has. */
export interface SheetExtent {
  readonly rows: number;
  readonly columns: number;
  readonly cells: number;
}

// A `<c>` or `<row>` element (with any namespace prefix) and its `r` attribute: `B7` or `7`.
// (A cell without a reference makes the library give up at once: it costs no memory.)
const REFERENCE = /<(?:[A-Za-z_][\w.-]*:)?(c|row)\b[^>]*?\sr\s*=\s*["']([A-Za-z]{0,4})(\d{1,8})["']/g;
// A cell whose type is `e` (an error value): the type is changed to `str` (a formula's text).
const ERROR_CELL = /(<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\st\s*=\s*)(["'])e\2/g;

/** The extent of a worksheet's XML (see {@link SheetExtent}). */
export function sheetExtent(xml: string): SheetExtent {
  let rows = 0;
  let columns = 0;
  let cells = 0;
  for (const m of xml.matchAll(REFERENCE)) {
    const row = Number(m[3]);
    if (row > rows) rows = row;
    if (m[1] === 'c') {
      cells += 1;
      const column = columnNumber(m[2] ?? '');
      if (column > columns) columns = column;
    }
  }
  return { rows, columns, cells };
}

/** Whether an extent is too large to read (see {@link MAX_SHEET_CELLS}). */
export function tooLarge(extent: SheetExtent): boolean {
  return extent.rows > MAX_SHEET_ROWS || extent.columns > MAX_COLUMNS || extent.cells > MAX_SHEET_CELLS || extent.rows * extent.columns > MAX_USED_RANGE;
}

/** The XML with every error cell (`t="e"`) typed as text, so that its value (`#N/A`) is read. */
export function errorCellsAsText(xml: string): string {
  // Most sheets have none: a look costs less than the pattern over megabytes.
  if (!/\st\s*=\s*["']e["']/.test(xml)) return xml;
  return xml.replace(ERROR_CELL, '$1$2str$2');
}
