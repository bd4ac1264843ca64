/**
 * What can be wrong with a workbook as a whole, as plain data: the workbook reader is a
 * bundle of its own (loaded only when a workbook is read) and throws nothing of flere's, so
 * the caller turns a problem into a diagnostic of the file (`src/io/table-input.ts`).
 */

/** Codes of {@link WorkbookProblem}; `xlsx.no-such-sheet` is a usage problem, the others data. */
export type WorkbookCode =
  | 'xlsx.xls'
  | 'xlsx.encrypted'
  | 'xlsx.not-workbook'
  | 'xlsx.corrupt'
  | 'xlsx.too-large'
  | 'xlsx.no-sheets'
  | 'xlsx.no-such-sheet';

/** A problem of a workbook: `value` the sheet asked for, `args` what the wording needs. */
export interface WorkbookProblem {
  readonly code: WorkbookCode;
  readonly value?: string;
  readonly args?: Readonly<Record<string, string | number>>;
}
