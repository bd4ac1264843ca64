/**
 * The input of a table reader: the bytes of a CSV file, or one sheet of an .xlsx workbook.
 * Which of the two is told by the content (a workbook is a zip archive), never by the name,
 * so standard input works too. A sheet's rows go through the same table pipeline as a CSV
 * file's records (`csv-table.ts`: title rows, header search, blank rows), each with its row
 * number as its line; where a diagnostic is worded, that line and its column become a cell
 * of the sheet (`xlsx/sheet-cells.ts`).
 */
import { FlereError, usageError } from '../core/diagnostics.js';
import type { RawRecord } from './csv-records.js';
import { decodeText, type TextEncoding } from './decode.js';
import { readInput, sourceName } from './input-source.js';
import type { DecimalMark } from './numbers.js';
import { looksLikeWorkbook } from './xlsx/workbook-magic.js';

/** One sheet of a workbook, read as a table's rows (see `xlsx/read-sheet.ts`). */
export interface SheetTable {
  readonly kind: 'sheet';
  /** The input's name in diagnostics (the path as given, or `<stdin>`). */
  readonly file: string;
  readonly sheet: string;
  /** Every sheet of the workbook, in tab order. */
  readonly sheets: readonly string[];
  /** The rows from row 1 down to the last with a value; `line` is the row number. */
  readonly rows: readonly RawRecord[];
  /** The decimal mark its numbers are written with (stored numbers and text alike). */
  readonly decimalMark: DecimalMark;
  /** Whether `--sheet` chooses this input's sheet (so a message may suggest it). */
  readonly sheetOption: boolean;
  /** The header row once a reader has found it: its row number and its names, trimmed. */
  header?: { readonly line: number; readonly names: readonly string[] };
}

/** What a table reader reads: CSV bytes, or a sheet. */
export type TableInput = Uint8Array | SheetTable;

/** The sheets read in a run, by their input's name, for wording diagnostics as cells. */
export type SheetRegistry = Map<string, SheetTable>;

/** Where an input is read from: standard input, and the run's registry of sheets read. */
export interface TableInputContext {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  sheets?: SheetRegistry;
}

/** Which sheet to read from a workbook, and how its numbers stored as text are written. */
export interface SheetChoice {
  /** `--sheet NAME`, for the input it applies to; a CSV input with it is a usage error. */
  readonly sheet?: string | undefined;
  /** `--decimal-mark`, when given. */
  readonly decimalMark?: DecimalMark | undefined;
  /** Whether `--sheet` applies to this input at all (it applies to the command's main input). */
  readonly sheetOption?: boolean;
}

/**
 * Reads an input (a path, or `-` for standard input) for a table reader: its bytes when it
 * is text, or the chosen sheet when it is a workbook (loading the workbook reader only
 * then). A sheet is recorded in `ctx.sheets`. Throws FlereError: what `readInput` throws;
 * `xlsx.sheet-not-workbook` (usage) for `--sheet` with a text input; for a workbook,
 * `xlsx.no-such-sheet` (usage) and the workbook's problems (data: `xlsx.xls`,
 * `xlsx.encrypted`, `xlsx.corrupt`, `xlsx.too-large`, …).
 */
export async function readTableInput(path: string | undefined, ctx: TableInputContext, choice: SheetChoice = {}): Promise<TableInput> {
  const bytes = await readInput(path, ctx);
  const file = sourceName(path);
  if (!looksLikeWorkbook(bytes)) {
    if (choice.sheet !== undefined) throw usageError({ code: 'xlsx.sheet-not-workbook', file, value: choice.sheet });
    return bytes;
  }
  return readSheetTable(bytes, file, ctx, choice);
}

/**
 * The chosen sheet of a workbook's `bytes` (see {@link readTableInput}), recorded in
 * `ctx.sheets` under `file`.
 */
export async function readSheetTable(bytes: Uint8Array, file: string, ctx: { sheets?: SheetRegistry }, choice: SheetChoice): Promise<SheetTable> {
  // The workbook reader's own bundle (dist/xlsx-read.cjs), loaded only here.
  const { readWorkbookSheet } = await import('./xlsx/read-sheet.js');
  const read = await readWorkbookSheet(bytes, {
    ...(choice.sheet === undefined ? {} : { sheet: choice.sheet }),
    ...(choice.decimalMark === undefined ? {} : { decimalMark: choice.decimalMark }),
  });
  if (!read.ok) {
    const { problem } = read;
    throw new FlereError(problem.code === 'xlsx.no-such-sheet' ? 'usage' : 'data', [{ ...problem, file }]);
  }
  const table: SheetTable = {
    kind: 'sheet',
    file,
    sheet: read.sheet,
    sheets: read.sheets,
    rows: read.rows,
    decimalMark: read.decimalMark,
    sheetOption: choice.sheetOption === true,
  };
  (ctx.sheets ??= new Map()).set(file, table);
  return table;
}

/**
 * What a table reader scans: a CSV input's decoded text (`encoding` as `--encoding` says,
 * else detected), or the sheet as it is.
 */
export function tableSource(input: TableInput, encoding?: TextEncoding): string | SheetTable {
  return input instanceof Uint8Array ? decodeText(input, encoding).text : input;
}
