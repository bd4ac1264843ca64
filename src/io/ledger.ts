/**
 * The payout ledger: a CSV of what was paid, one row per kommune and tranche.
 *
 *     pool,kommune,name,tranche,amount,month_due,recorded_at
 *     flere-skal-med-1,461,Odense,1,4820000,2017-07,2017-08-01T06:00:00.000Z
 *
 * Amounts are kroner as exact decimals (dot, no grouping); `tranche` is 1-based; `pool` and
 * `name` are optional when reading (a person may keep the ledger by hand; a kommune may be
 * given by code or name). New rows are appended to the file's own text (its delimiter, its
 * column order, any extra columns left empty), so a person's edits survive; the whole file
 * is then replaced atomically.
 */
import { readFile } from 'node:fs/promises';
import { type Fixed, formatFixed } from '../core/decimal.js';
import { type Diagnostic, DiagnosticBag, dataError, ioError, usageError } from '../core/diagnostics.js';
import { CSV_DIALECTS, type CsvDialect } from './render/csv-dialect.js';
import { parseMonthCell } from './month-cell.js';
import type { LedgerEntry } from '../core/tranche-status.js';
import { checkReplaceable, writeFileAtomic } from './atomic-file.js';
import { errorCode } from './errno.js';
import { locate } from './file-target.js';
import { acceptedNames, type ColumnSpec, headerMatcher, matchColumns, type MatchedColumn } from './columns.js';
import { readTable } from './csv-table.js';
import { column } from './header-vocabulary.js';
import { decodeText, type TextEncoding } from './decode.js';
import { kommuneFromCell } from './kommune-cell.js';
import { numberDiagnostic, numberStyleFor, parseCount, parseDecimal } from './numbers.js';
import { loadIconv } from './iconv.js';
import { csvText } from './render/csv-write.js';
import { type WordKey, type Words, wordsFor } from './render/words.js';
import { looksLikeWorkbook } from './xlsx/workbook-magic.js';

/** The columns `flere` writes, in this order, in a new ledger. */
export const LEDGER_COLUMNS = ['pool', 'kommune', 'name', 'tranche', 'amount', 'month_due', 'recorded_at'] as const;

/** The header of each column of a new ledger, in the run's words (`pool,kommune,name,…` or `pulje;kommunekode;kommune;…`). */
const LEDGER_HEADERS: Readonly<Record<(typeof LEDGER_COLUMNS)[number], WordKey>> = {
  pool: 'col.pool',
  kommune: 'col.ledger-kommune',
  name: 'col.ledger-name',
  tranche: 'col.tranche',
  amount: 'col.amount',
  month_due: 'col.month-due',
  recorded_at: 'col.recorded-at',
};

// The kommune by its code (`kommunekode`, `kode`, `id`) or by a `kommune` column, which holds
// a code or a name. With both (as a Danish ledger has: `kommunekode;kommune`) the code is read
// and `kommune` names it for people, as a separate name column does.
const SPECS = [
  column('pool', ['pool'], false),
  column('code', ['kommuneCode', 'id'], false),
  column('kommune', ['kommune'], false),
  column('name', ['kommuneName', 'name'], false),
  column('tranche', ['tranche'], true),
  column('amount', ['amount'], true),
  column('month_due', ['monthDue', 'month'], true),
  column('recorded_at', ['recordedAt'], false),
] as const satisfies readonly ColumnSpec[];
const KOMMUNE_NAMES = SPECS.slice(1, 3).flatMap(acceptedNames).join(', ');

/** A read ledger: its entries and what is needed to append to its text. */
export interface Ledger {
  readonly file: string;
  readonly entries: readonly LedgerEntry[];
  /** The file's decoded text; null when the file does not exist yet. */
  readonly text: string | null;
  readonly delimiter: string;
  /** The line end of the file's rows (CRLF if the file has one), or of the new file's dialect. */
  readonly eol: '\n' | '\r\n';
  /** The header as written; `LEDGER_COLUMNS` for a new or empty file. */
  readonly header: readonly string[];
  /** Header index of each known column, by key. */
  readonly columns: Readonly<Partial<Record<(typeof LEDGER_COLUMNS)[number], number>>>;
  /**
   * How the file was stored, so that a rewrite keeps it: Danish Excel reads a BOM-less UTF-8
   * file as Windows-1252 (`KÃ¸benhavn`), so the encoding and the BOM are written back as found.
   */
  readonly encoding: TextEncoding;
  readonly bom: boolean;
}

/**
 * Checks `--ledger path` before anything is read, so that a run that could not record
 * stops before it computes anything. A ledger must be a file: `-`, an empty name, a
 * device, FIFO or descriptor is a usage error `ledger.not-a-file` (a device would swallow
 * the payouts and every run would pay again); a directory is io `io.is-directory`. With
 * `record`, the file (or its directory, for a new ledger) must be writable (io `io.write`),
 * and a ledger with a second hard link is io `ledger.hard-linked`: the atomic rewrite would
 * leave the other name with the old rows, and a run through it would pay them again.
 * Symbolic links are fine: they are written through.
 */
export function checkLedgerPath(path: string, record: boolean): void {
  if (path === '' || path === '-') throw usageError({ code: 'ledger.not-a-file', file: path });
  const where = locate(path);
  if (where.kind === 'special' || where.kind === 'descriptor') throw usageError({ code: 'ledger.not-a-file', file: path });
  if (where.kind === 'directory') throw ioError({ code: 'io.is-directory', file: path });
  if (!record) return;
  if (where.kind === 'file' && where.stat.nlink > 1) {
    throw ioError({ code: 'ledger.hard-linked', file: path, value: String(where.stat.nlink) });
  }
  checkReplaceable(where);
}

/**
 * Reads the ledger at `path` for pool `poolId`. A missing or empty file is an empty ledger
 * (the first run) that will be written in `dialect` (`--locale da`: semicolons, decimal
 * comma, BOM, CRLF, as Danish Excel opens it); an existing file keeps its own. Every bad row
 * is reported with its line (FlereError data): numbers and kommuner as in any input,
 * `ledger.bad-month`, `ledger.bad-tranche`, `ledger.other-pool` (a row of another pool: a
 * different ledger was meant). Months are read in every form Danish Excel saves them
 * (`2017-07`, `jul-17`, `01-07-2017`), so a ledger opened and saved in Excel still reads.
 * A workbook is refused (`ledger.workbook`, data): flere rewrites the ledger, as CSV.
 * Unreadable: io.
 */
export async function readLedger(path: string, poolId: string, dialect: CsvDialect = CSV_DIALECTS.plain, words: Words = wordsFor()): Promise<Ledger> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return emptyLedger(path, null, dialect, words);
    if (code === 'EISDIR') throw ioError({ code: 'io.is-directory', file: path });
    throw ioError({ code: 'io.read', file: path, value: code });
  }
  // Appending to a workbook would mean rewriting it as flere writes workbooks, losing what
  // else it holds (other sheets, formatting, formulas): the ledger stays a CSV file.
  if (looksLikeWorkbook(bytes)) throw dataError({ code: 'ledger.workbook', file: path });
  const decoded = decodeText(bytes);
  if (decoded.text.trim() === '') return emptyLedger(path, decoded.text, dialect, words);
  return { ...parseLedger(decoded.text, path, poolId), encoding: decoded.encoding, bom: decoded.bom };
}

/** A ledger with no rows yet, to be written in `dialect` with the headers in `words`. */
function emptyLedger(file: string, text: string | null, dialect: CsvDialect, words: Words = wordsFor()): Ledger {
  return {
    file,
    entries: [],
    text,
    delimiter: dialect.delimiter,
    eol: dialect.eol,
    header: LEDGER_COLUMNS.map((c) => words(LEDGER_HEADERS[c])),
    columns: Object.fromEntries(LEDGER_COLUMNS.map((c, i) => [c, i])),
    encoding: 'utf-8',
    bom: dialect.bom,
  };
}

/** Parses a ledger's text (see `readLedger`); an empty text is an empty plain ledger. */
export function parseLedger(text: string, file: string, poolId: string): Ledger {
  if (text.trim() === '') return emptyLedger(file, text, CSV_DIALECTS.plain);
  const bag = new DiagnosticBag();
  const table = readTable(text, { file, findHeader: headerMatcher(SPECS), bag, allowEmpty: true, expected: LEDGER_COLUMNS.join(', ') });
  const matched = matchColumns(table.header, SPECS, { file, line: table.headerLine });
  const kommuneColumn = matched.code ?? matched.kommune;
  if (kommuneColumn === undefined) {
    throw dataError({ code: 'csv.missing-column', file, line: table.headerLine, args: { key: 'kommune', accepted: KOMMUNE_NAMES } });
  }
  // `kommune` beside a code column holds the name, for people.
  const nameColumn = matched.name ?? (matched.code === undefined ? undefined : matched.kommune);
  const columns = { ...matched, kommune: kommuneColumn, ...(nameColumn === undefined ? {} : { name: nameColumn }) };
  const style = numberStyleFor(table);
  const entries: LedgerEntry[] = [];
  for (const { line, cells } of table.rows) {
    const cell = (c: { index: number }): string => (cells[c.index] ?? '').trim();
    const problems: Diagnostic[] = [];
    if (columns.pool && cell(columns.pool) !== '' && cell(columns.pool).toLowerCase() !== poolId) {
      problems.push({ code: 'ledger.other-pool', file, line, column: columns.pool.name, value: cell(columns.pool), args: { pool: poolId } });
    }
    const kommune = kommuneFromCell(cell(columns.kommune), { file, line, column: columns.kommune.name });
    if (!kommune.ok) problems.push(kommune.diagnostic);
    const trancheCell = cell(columns.tranche);
    const tranche = parseCount(trancheCell, style);
    if (!tranche.ok) problems.push(numberDiagnostic(tranche, style, { file, line, column: columns.tranche.name, value: trancheCell }));
    else if (tranche.value < 1n || tranche.value > 1000n) {
      problems.push({ code: 'ledger.bad-tranche', file, line, column: columns.tranche.name, value: trancheCell });
    }
    const amountCell = cell(columns.amount);
    const amount = parseDecimal(amountCell, style);
    if (!amount.ok) problems.push(numberDiagnostic(amount, style, { file, line, column: columns.amount.name, value: amountCell }));
    const monthCell = cell(columns.month_due);
    const month = parseMonthCell(monthCell);
    if (month === undefined) problems.push({ code: 'ledger.bad-month', file, line, column: columns.month_due.name, value: monthCell });
    problems.forEach((p) => bag.add(p));
    if (problems.length > 0 || !kommune.ok || !tranche.ok || !amount.ok || month === undefined) continue;
    entries.push({
      kommune: kommune.kommune.code,
      tranche: Number(tranche.value),
      amount: amount.value,
      monthDue: month,
      recordedAt: columns.recorded_at ? cell(columns.recorded_at) : '',
      line,
    });
  }
  bag.throwIfAny('data');
  const indexOf = Object.fromEntries(
    LEDGER_COLUMNS.flatMap((key) => {
      const c: MatchedColumn | undefined = columns[key];
      return c === undefined ? [] : [[key, c.index]];
    }),
  ) as Ledger['columns'];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { file, entries, text, delimiter: table.delimiter, eol, header: table.header, columns: indexOf, encoding: 'utf-8', bom: false };
}

/** A payout to append: the entry plus the kommune's name, for people reading the file. */
export interface Payout {
  readonly entry: LedgerEntry;
  readonly name: string;
}

/**
 * The ledger's text with `payouts` appended, in the file's delimiter and column order (a new
 * file gets the header `LEDGER_COLUMNS`). Amounts are written exactly as `formatFixed` gives
 * them (with a decimal comma in a semicolon file). The line ending is the ledger's.
 */
export function appendPayouts(ledger: Ledger, payouts: readonly Payout[], poolId: string): string {
  const old = ledger.text ?? '';
  const layout = { delimiter: ledger.delimiter, eol: ledger.eol, bom: false };
  // A new or blank file starts with the header; an old one keeps its text, ended by a line end.
  const fresh = old.trim() === '';
  const rows: string[][] = fresh ? [[...ledger.header]] : [];
  const width = ledger.header.length;
  for (const { entry, name } of payouts) {
    const values: Record<(typeof LEDGER_COLUMNS)[number], string> = {
      pool: poolId,
      kommune: entry.kommune,
      name,
      tranche: String(entry.tranche),
      amount: formatAmount(entry.amount, layout.delimiter),
      month_due: entry.monthDue,
      recorded_at: entry.recordedAt,
    };
    const cells = new Array<string>(width).fill('');
    for (const key of LEDGER_COLUMNS) {
      const i = ledger.columns[key];
      if (i !== undefined) cells[i] = values[key];
    }
    rows.push(cells);
  }
  const kept = fresh ? '' : old.endsWith('\n') || old.endsWith('\r') ? old : old + layout.eol;
  return kept + csvText(rows, layout);
}

/** In a semicolon file (Danish Excel) the decimal mark is a comma, as the reader expects there. */
function formatAmount(amount: Fixed, delimiter: string): string {
  const s = formatFixed(amount);
  return delimiter === ';' ? s.replace('.', ',') : s;
}

/**
 * Replaces the ledger file with `text`, atomically (temp file, fsync, rename; through a
 * symbolic link, keeping the file's mode and owner), in the encoding and with the BOM the
 * file had (`ledger`), UTF-8 without BOM for a new file. Errors name the file as `name`.
 */
export async function writeLedger(
  path: string,
  text: string,
  ledger?: Pick<Ledger, 'encoding' | 'bom'>,
  name: string = path,
): Promise<void> {
  await writeFileAtomic(path, encodeLedger(text, ledger?.encoding ?? 'utf-8', ledger?.bom ?? false), name);
}

/** The bytes of `text` in `encoding`, with a BOM if `bom` (UTF encodings only). */
export function encodeLedger(text: string, encoding: TextEncoding, bom: boolean): Uint8Array {
  if (encoding === 'utf-8') return Buffer.from((bom ? '\ufeff' : '') + text, 'utf8');
  // iconv-lite only when a ledger is not UTF-8 (Excel's Windows-1252 or "Unicode text").
  return loadIconv().encode(text, encoding, { addBOM: bom });
}
