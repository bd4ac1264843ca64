/**
 * A workbook's bytes, with the workbook writer (and its zip library) loaded only now: in
 * the built CLI it is a bundle of its own (`dist/xlsx.cjs`), so that every run that writes
 * no workbook pays nothing for it, not even parsing.
 */
import type { Sheet } from '../xlsx/workbook.js';

/** The .xlsx bytes of a workbook of `sheets` (the first one shown when it opens). */
export async function workbookOutput(sheets: readonly Sheet[]): Promise<Uint8Array> {
  const { workbookBytes } = await import('../xlsx/write-workbook.js');
  return workbookBytes({ sheets });
}
