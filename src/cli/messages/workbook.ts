/**
 * Wording for problems of .xlsx workbooks as inputs: files that are no workbook flere can
 * read (an old .xls, a password, a damaged file), hostile sizes, and sheets. Each says what
 * to do: save as .xlsx or CSV, or choose the sheet with `--sheet`.
 */
import type { Diagnostic } from '../../core/diagnostics.js';
import { arg } from './parts.js';
import type { WorkbookCode } from '../../io/xlsx/workbook-problem.js';


const SAVE_AS = 'open it in Excel and save it as an Excel workbook (.xlsx) or as CSV';

/** Bytes as MiB, the unit the limits are set in. */
const mib = (bytes: string): string => `${Math.round(Number(bytes) / (1024 * 1024))} MiB`;

function tooLarge(d: Diagnostic): string {
  const what = d.args?.['what'];
  if (what === 'bytes') return `the workbook unpacks to more than ${mib(arg(d, 'limit'))}: not read (a real pool's workbook is far smaller; save the sheet as CSV)`;
  if (what === 'entries') return `the workbook has more than ${arg(d, 'limit')} parts: not read (damaged, or not a workbook)`;
  if (what === 'cells') return `a sheet has ${arg(d, 'cells')} cells, more than the ${arg(d, 'limit')} flere reads from a workbook: save the sheet as CSV`;
  return `a sheet spans ${arg(d, 'rows')} rows and ${arg(d, 'columns')} columns, more than the ${arg(d, 'limit')} cells flere reads from a workbook: delete what lies outside the table, or save the sheet as CSV`;
}

/**
 * For a problem with a whole sheet (empty, no header): the workbook's sheets, and how to
 * read another — `--sheet` where it applies to the input, else moving the sheet first.
 * Empty for a CSV file.
 */
export function otherSheets(d: Diagnostic): string {
  const sheets = d.args?.['sheets'];
  if (d.sheet === undefined || sheets === undefined) return '';
  const how =
    d.args?.['sheetOption'] === 'yes'
      ? '--sheet NAME reads another'
      : 'this input is read from its first sheet: move the sheet with the data first, or save it as CSV';
  return ` (the workbook's sheets: ${String(sheets)}; ${how})`;
}

/** Where the first of two rows is: a CSV file's line, or a sheet's row. */
export function firstAt(d: Diagnostic, key = 'firstLine'): string {
  return `${d.sheet === undefined ? 'on line' : 'in row'} ${String(d.args?.[key] ?? '?')}`;
}

/** Every `xlsx.*` code, and the refusal of a workbook as ledger. */
export const workbookMessages: Readonly<Record<WorkbookCode | 'xlsx.sheet-not-workbook' | 'ledger.workbook', (d: Diagnostic) => string>> = {
  'xlsx.xls': () => `an old binary Excel file (.xls), which flere does not read: ${SAVE_AS}`,
  'xlsx.encrypted': () =>
    'a password-protected workbook, which flere cannot read: open it in Excel, remove the password (File › Info › Protect Workbook) and save it, or save it as CSV',
  'xlsx.not-workbook': () => `a zip archive, but not an Excel workbook (an OpenDocument .ods, a Word file?): ${SAVE_AS}`,
  'xlsx.corrupt': (d) => `the workbook cannot be read (${arg(d, 'reason')}): it may be damaged; ${SAVE_AS} again`,
  'xlsx.too-large': tooLarge,
  'xlsx.no-sheets': () => `the workbook has no sheets: ${SAVE_AS} again`,
  'xlsx.no-such-sheet': (d) => `no sheet named ${JSON.stringify(d.value ?? '')}; the workbook's sheets are ${arg(d, 'sheets')}`,
  'xlsx.sheet-not-workbook': (d) =>
    `--sheet ${JSON.stringify(d.value ?? '')} chooses a sheet of a workbook, but this input is a text (CSV) file; leave --sheet out`,
  'ledger.workbook': () =>
    'the ledger is a workbook: flere appends to the ledger and rewrites it, which it does only as CSV; keep the ledger as a CSV file (save it as CSV, semicolon-separated if you like, and give that to --ledger)',
};
