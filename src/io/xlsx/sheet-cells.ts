/**
 * A diagnostic about a sheet, placed in it. The readers say where a problem is as they do
 * for CSV (the input's name, a line, the header name of a column); for a sheet the line is
 * the row number, and here, where the problem is about to be worded, the sheet and the cell
 * are added (`Ark1`, `B7`), so that no reader needs to know it read a workbook.
 */
import type { Diagnostic } from '../../core/diagnostics.js';
import type { SheetRegistry, SheetTable } from '../table-input.js';
import { columnLetter } from './cell-reference.js';

/** Problems with a sheet as a whole, whose wording names the workbook's other sheets. */
const WHOLE_SHEET = new Set(['csv.empty-file', 'csv.no-header', 'csv.no-rows', 'persons.no-header', 'persons.no-rows']);

/** Problems of a row with a value to the right of the table: the cell is that value's. */
const BEYOND_HEADER = new Set(['csv.ragged', 'persons.field-count']);

/**
 * `d` with its `sheet` and `cell` when its file is a sheet of `sheets` (as read in this
 * run), else `d` as it is. The cell is the row's cell under the header naming `d.column`
 * (or at `args.position` for a column named twice, or the first value to the right of the
 * table for a row too wide); a problem of the row as a whole gets the row (`7:7`). A problem
 * of the whole sheet (empty, no header, no rows) gets no cell, but the workbook's sheets in
 * `args.sheets`, and in `args.sheetOption` whether `--sheet` chooses this input's sheet
 * (`yes`/`no`).
 */
export function inSheet(d: Diagnostic, sheets: SheetRegistry | undefined): Diagnostic {
  if (sheets === undefined || d.file === undefined || d.sheet !== undefined) return d;
  const table = sheets.get(d.file);
  if (table === undefined) return d;
  const whole = WHOLE_SHEET.has(d.code);
  const cell = d.line === undefined || whole ? undefined : cellOf(d, d.line, table);
  const args = whole ? { ...d.args, sheets: table.sheets.join(', '), sheetOption: table.sheetOption ? 'yes' : 'no' } : d.args;
  return { ...d, sheet: table.sheet, ...(cell === undefined ? {} : { cell }), ...(args === undefined ? {} : { args }) };
}

function cellOf(d: Diagnostic, line: number, table: SheetTable): string {
  const header = table.header;
  let index = -1;
  const position = d.args?.['position'];
  if (d.code === 'csv.duplicate-column' && typeof position === 'number') index = position - 1;
  else if (BEYOND_HEADER.has(d.code) && header !== undefined) {
    const cells = table.rows[line - 1]?.cells ?? [];
    index = cells.findIndex((c, i) => i >= header.names.length && c.trim() !== '');
  } else if (d.column !== undefined && header !== undefined) index = header.names.indexOf(d.column);
  return index >= 0 ? `${columnLetter(index)}${line}` : `${line}:${line}`;
}
