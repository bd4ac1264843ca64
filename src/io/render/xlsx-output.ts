/**
 * A workbook's bytes, with the workbook writer loaded only now: in the built CLI it is a
 * bundle of its own (`dist/xlsx-write.cjs`), so that every run that writes no workbook pays
 * nothing for it, not even parsing.
 */
import { usageError } from '../../core/diagnostics.js';
import { MAX_SHEET_ROWS, type Sheet } from '../xlsx/workbook.js';
import { rowCount } from './data-table.js';

/**
 * The .xlsx bytes of a workbook of `sheets` (the first one shown when it opens). A sheet with
 * more rows than Excel has is a usage error (`output.xlsx-too-many-rows`), found before the
 * writer builds anything: such a table is for CSV.
 */
export async function workbookOutput(sheets: readonly Sheet[]): Promise<Uint8Array> {
  for (const sheet of sheets) {
    const rows = rowCount(sheet.rows);
    const most = MAX_SHEET_ROWS - 1 - (sheet.totals ? 1 : 0);
    if (rows !== undefined && rows > most) {
      throw usageError({ code: 'output.xlsx-too-many-rows', value: String(rows), args: { sheet: sheet.name, most } });
    }
  }
  const { workbookBytes } = await import('../xlsx/write-workbook.js');
  return workbookBytes({ sheets });
}
