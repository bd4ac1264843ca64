/**
 * One sheet of an .xlsx workbook as rows of cell texts, the way a CSV file's cells arrive:
 * the entry point of the workbook reader, a bundle of its own (`dist/xlsx-read.cjs`) that
 * the CLI loads only when an input turns out to be a workbook, so that reading CSV costs
 * nothing more than before. It is pure: problems come back as data, never as flere's errors.
 *
 * The parsing is read-excel-file's. Around it: the archive is unpacked here under limits
 * (a zip bomb, a sheet of a thousand million cells) and handed to the library as a stored
 * zip; error cells are kept as their text; each number is taken as the text the file stores
 * (`parseNumber`), never as a JavaScript number, and spelled out as a plain decimal.
 */
import { zipSync } from 'fflate';
import { readSheet } from 'read-excel-file/universal';
import type { RawRecord } from '../csv-records.js';
import type { DecimalMark } from '../numbers.js';
import { plainDecimal } from './excel-number.js';
import { sheetDecimalMark } from './sheet-decimal-mark.js';
import { errorCellsAsText, MAX_SHEET_CELLS, MAX_USED_RANGE, sheetExtent, tooLarge } from './sheet-xml.js';
import { unpackWorkbook } from './unpack-workbook.js';
import { isZip } from './workbook-magic.js';
import { chooseSheet, workbookSheets } from './workbook-sheets.js';
import type { WorkbookProblem } from './workbook-problem.js';

/** Which sheet to read, and the decimal mark of numbers stored as text when the user knows it. */
export interface SheetRequest {
  /** `--sheet`: a sheet's name; without it, the first sheet shown. */
  readonly sheet?: string;
  /** `--decimal-mark`; without it, the sheet's text cells decide (see `sheetDecimalMark`). */
  readonly decimalMark?: DecimalMark;
}

/** A sheet read: its name, every sheet's name, its rows, and the decimal mark of its cells. */
export interface SheetContent {
  readonly ok: true;
  readonly sheet: string;
  readonly sheets: readonly string[];
  /**
   * Every row down to the last one with a value, `line` its row number (1-based, as Excel
   * shows it) and `cells` its cells from column A, each as text: text as written (NFC),
   * numbers as plain decimals with `decimalMark`, dates as `YYYY-MM-DD`, true/false, error
   * values as their text (`#N/A`), '' for an empty cell.
   */
  readonly rows: readonly RawRecord[];
  readonly decimalMark: DecimalMark;
}

/** The sheet, or what is wrong with the workbook. */
export type SheetRead = SheetContent | { readonly ok: false; readonly problem: WorkbookProblem };

/** A password-protected .xlsx is an OLE2 file with this stream (directory names are UTF-16LE). */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
/** The element only a worksheet part has. */
const SHEET_DATA = Buffer.from('sheetData>');
/** A number cell as the file stores it, kept apart from text cells until it is spelled out. */
class StoredNumber {
  constructor(readonly text: string) {}
}

/** Reads the sheet `request` asks for from the bytes of a workbook (see {@link SheetContent}). */
export async function readWorkbookSheet(bytes: Uint8Array, request: SheetRequest): Promise<SheetRead> {
  const fail = (problem: WorkbookProblem): SheetRead => ({ ok: false, problem });
  // Not a zip: an OLE2 file (the caller checked that it is one of the two).
  if (!isZip(bytes)) {
    const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE);
    return fail({ code: encrypted ? 'xlsx.encrypted' : 'xlsx.xls' });
  }
  const unpacked = unpackWorkbook(bytes);
  if (!unpacked.ok) return unpacked;
  const { parts } = unpacked;
  const decoder = new TextDecoder();
  const sheets = workbookSheets(decoder.decode(parts['xl/workbook.xml']));
  const names = sheets.map((s) => s.name);
  if (sheets.length === 0) return fail({ code: 'xlsx.no-sheets' });
  const index = chooseSheet(sheets, request.sheet);
  if (index < 0) return fail({ code: 'xlsx.no-such-sheet', value: request.sheet ?? '', args: { sheets: names.join(', ') } });
  const sheet = names[index] as string;

  // Every worksheet part is measured (which part is which sheet is the library's business),
  // and its error cells made readable.
  for (const [path, part] of Object.entries(parts)) {
    if (!Buffer.from(part.buffer, part.byteOffset, part.byteLength).includes(SHEET_DATA)) continue;
    const xml = decoder.decode(part);
    const extent = sheetExtent(xml);
    if (tooLarge(extent)) {
      const many = extent.cells > MAX_SHEET_CELLS;
      return fail({
        code: 'xlsx.too-large',
        args: { what: many ? 'cells' : 'range', limit: many ? MAX_SHEET_CELLS : MAX_USED_RANGE, cells: extent.cells, rows: extent.rows, columns: extent.columns },
      });
    }
    const readable = errorCellsAsText(xml);
    if (readable !== xml) parts[path] = new TextEncoder().encode(readable);
  }

  let data: unknown[][];
  try {
    // Stored, not deflated: the library then takes each part as it is, synchronously (it
    // would inflate large parts in worker threads), and nothing is unpacked twice.
    const stored = zipSync(parts, { level: 0 });
    const buffer = stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength) as ArrayBuffer;
    data = (await readSheet(buffer, index + 1, { parseNumber: (text: string) => new StoredNumber(text), trim: false })) as unknown[][];
  } catch (error) {
    return fail({ code: 'xlsx.corrupt', args: { reason: error instanceof Error ? error.message : String(error) } });
  }
  const texts: string[] = [];
  for (const row of data) for (const cell of row) if (typeof cell === 'string') texts.push(cell);
  const decimalMark = request.decimalMark ?? sheetDecimalMark(texts);
  const rows = data.map((row, i): RawRecord => ({ line: i + 1, cells: row.map((cell) => cellText(cell, decimalMark)) }));
  return { ok: true, sheet, sheets: names, rows, decimalMark };
}

/** A cell as text (see {@link SheetContent.rows}). */
function cellText(cell: unknown, decimalMark: DecimalMark): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.normalize('NFC');
  if (cell instanceof StoredNumber) {
    const plain = plainDecimal(cell.text);
    if (plain === undefined) return cell.text;
    return decimalMark === ',' ? plain.replace('.', ',') : plain;
  }
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return String(cell);
}
