/**
 * Text to a table of cells, each row with its physical line number, as Danish Excel and case
 * systems write it: a `sep=;` first line, title lines above the header, blank and `;;;` rows,
 * CRLF, quoted fields spanning lines. Cells are returned as written (no trimming, no casting):
 * what a cell means is decided by the columns and numbers modules. A workbook's sheet takes
 * the same way from its rows on (title rows, the header, blank rows, the rows' widths), each
 * row's number as its line.
 */
import { DiagnosticBag, FlereError, usageError, type Diagnostic } from '../core/diagnostics.js';
import { type RawRecord, scanCsvRecords } from './csv-records.js';
import type { DecimalMark } from './numbers.js';
import type { SheetTable } from './table-input.js';

/** Diagnostic codes raised while reading a table. */
export type CsvCode =
  | 'csv.empty-file'
  | 'csv.binary'
  | 'csv.no-header'
  | 'csv.no-rows'
  | 'csv.ragged'
  | 'csv.unterminated-quote'
  | 'csv.malformed'
  | 'csv.bad-delimiter';

/** One data row: its cells (exactly as many as the header has) and its 1-based first line. */
export interface TableRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/**
 * A table's delimiter and header row. `header` names are trimmed. A sheet has no delimiter
 * (`''`); its `decimalMark` is the one its numbers are written with.
 */
export interface TableHead {
  readonly delimiter: string;
  readonly decimalMark?: DecimalMark;
  /** 1-based physical line of the header row. */
  readonly headerLine: number;
  readonly header: readonly string[];
}

/** A read table. `rows` hold only well-formed, non-blank rows. */
export interface Table extends TableHead {
  readonly rows: readonly TableRow[];
}

/** How to read a table; only `file` and `findHeader` are required. */
export interface ReadTableOptions {
  /** The file name used in diagnostics (`-` for stdin is fine). */
  readonly file: string;
  /** `--delimiter`; a `sep=` first line still takes precedence, since Excel wrote it. */
  readonly delimiter?: string;
  /** Recognises the header row, e.g. `headerMatcher(specs)`; lines before it are titles. */
  readonly findHeader: (cells: readonly string[]) => boolean;
  /**
   * Receives row problems (ragged rows, an unterminated quote) so the caller can add its own
   * per-cell problems and report them all at once. Without a bag they are thrown at the end.
   */
  readonly bag?: DiagnosticBag;
  /** A header with no rows below it is accepted (default: `csv.no-rows`). */
  readonly allowEmpty?: boolean;
  /** Column names to mention when no header is found, e.g. `kommune, antal`. */
  readonly expected?: string;
}

/** The header must be among this many non-blank lines; beyond that it is not a title block. */
export const HEADER_SEARCH_LINES = 50;

/**
 * The most cells a header row may have. Real exports have a few dozen columns; a line of a
 * million cells (a hostile or broken file) is never a header, and is not split or matched
 * cell by cell in the search for one.
 */
export const MAX_HEADER_CELLS = 10_000;

/** Delimiters tried when sniffing, in order of preference when counts tie. */
const SNIFFED = [';', '\t', ','] as const;

/**
 * Reads `--delimiter` and `sep=` values: a single character other than a quote, a line break,
 * a space, a letter or a digit; `tab` and `\t` spell a tab. Undefined when not acceptable.
 */
export function normalizeDelimiter(s: string): string | undefined {
  if (s === '\\t' || s.toLowerCase() === 'tab') return '\t';
  if ([...s].length !== 1 || s.length !== 1) return undefined;
  return /^["\r\n \p{L}\p{N}]$/u.test(s) ? undefined : s;
}

const SEP_LINE = /^"?sep=(.)"? *$/i;

/** Splits one physical line outside double quotes; enough for sniffing, not for data. */
function splitLine(line: string, delimiter: string): string[] {
  // Code units and slices, not a string grown a character at a time: a hostile header line of
  // a million cells is split in milliseconds. The delimiter is one code unit (normalizeDelimiter).
  const d = delimiter.charCodeAt(0);
  const cells: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (c === d && !quoted) {
      cells.push(headerCell(line.slice(start, i)));
      start = i + 1;
    }
  }
  cells.push(headerCell(line.slice(start)));
  return cells;
}

/** A header cell as read for sniffing: trimmed, one pair of surrounding quotes removed, `""` → `"`. */
function headerCell(cell: string): string {
  const t = cell.trim();
  const inner = t.length >= 2 && t.charCodeAt(0) === QUOTE && t.charCodeAt(t.length - 1) === QUOTE ? t.slice(1, -1) : t;
  return inner.includes('""') ? inner.replace(/""/g, '"') : inner;
}

const QUOTE = 0x22;

function countOutsideQuotes(line: string, delimiter: string): number {
  const d = delimiter.charCodeAt(0);
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (c === d && !quoted) n += 1;
  }
  return n;
}

/**
 * Guesses the delimiter of a header line: the most frequent of `;`, tab and `,` outside
 * quotes (ties in that order), or undefined when none occurs. One delimiter only: splitting
 * on both `;` and `,` would cut Danish decimals like `12,5` in two.
 */
export function sniffDelimiter(line: string): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const d of SNIFFED) {
    const n = countOutsideQuotes(line, d);
    if (n > bestCount) [best, bestCount] = [d, n];
  }
  return best;
}

/**
 * The physical lines of `text` (line ends already `\n`), one at a time, as `split('\n')`
 * would give them. Sniffing reads only the first few lines, so a million-line file is not
 * split into a million strings for it.
 */
function* physicalLines(text: string): Generator<string, void, undefined> {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) {
      yield text.slice(start);
      return;
    }
    yield text.slice(start, end);
    start = end + 1;
  }
}

/** The first line of `text` that is not blank, or undefined. */
function firstNonBlankLine(text: string): string | undefined {
  for (const line of physicalLines(text)) if (line.trim() !== '') return line;
  return undefined;
}

/**
 * Finds the header line by trying each candidate delimiter on each leading non-blank line;
 * the first line that `findHeader` accepts under some delimiter fixes the delimiter.
 */
function sniffFromHeader(lines: Iterable<string>, findHeader: ReadTableOptions['findHeader']): string | undefined {
  let seen = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (++seen > HEADER_SEARCH_LINES) break;
    const candidates = SNIFFED.map((d) => [d, countOutsideQuotes(line, d)] as const)
      .filter(([, n]) => n > 0 && n < MAX_HEADER_CELLS)
      .sort((a, b) => b[1] - a[1]);
    for (const [d] of candidates) if (findHeader(splitLine(line, d))) return d;
  }
  return undefined;
}

/** NUL bytes, or many control characters / undecodable bytes: not a text file at all. */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 65_536);
  const odd = sample.match(/[\u0001-\u0008\u000b\u000e-\u001f\u007f\ufffd]/gu)?.length ?? 0;
  return odd >= 3 && odd > sample.length * 0.05;
}

const isBlank = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');

/**
 * Reads a decoded text file into a table. The delimiter is, in order: a `sep=X` first line,
 * `opts.delimiter`, or sniffed from the header line. The header is the first non-blank line
 * (within {@link HEADER_SEARCH_LINES}) that `findHeader` accepts; lines above it are titles.
 * Blank and all-empty (`;;;`) rows are skipped, and so is the last row when it is a totals
 * row ({@link isTotalsRow}: `I alt;5.123` under the counts, the `Total` row flere writes under
 * a workbook's table); a totals row with rows after it is data. Empty cells beyond the header's width are
 * dropped; any other row whose width differs from the header's is `csv.ragged` and left out.
 *
 * Throws `FlereError` (data) at once for `csv.empty-file`, `csv.binary`, `csv.no-header` and
 * `csv.no-rows`, and (usage) for `csv.bad-delimiter`. Row problems (`csv.ragged`,
 * `csv.unterminated-quote`, `csv.malformed`) all go to `opts.bag`, or are thrown together at
 * the end when no bag is given. Line numbers are 1-based physical lines, counting the `sep=`
 * line and the lines inside multi-line quoted fields; CRLF, LF and lone CR all end a line.
 */
export function readTable(source: string | SheetTable, opts: ReadTableOptions): Table {
  const rows: TableRow[] = [];
  const head = scanTable(source, opts, () => (row) => {
    rows.push(row);
  });
  return { ...head, rows };
}

/**
 * Reads a decoded text file as a table by the rules of {@link readTable}, but hands each
 * data row over as soon as it is read instead of collecting them: a caller that turns every
 * row into something else at once never holds a million rows (and their cells) in memory.
 * When the header is found, `start` is called with it and returns the function that takes
 * the rows, in file order. Errors and diagnostics are readTable's, raised at the end; an
 * error thrown by `start` (a header the caller rejects) is raised after them, as if the
 * caller had looked at the header of a table read whole, and no rows are handed over then.
 */
export function scanTable(
  source: string | SheetTable,
  opts: ReadTableOptions,
  start: (head: TableHead) => (row: TableRow) => void,
): TableHead {
  if (typeof source !== 'string') return scanSheet(source, opts, start);
  const { file } = opts;
  const fail = (d: Diagnostic): never => {
    throw new FlereError('data', [d]);
  };

  let body = source.replace(/^\ufeff/, '');
  // Most files have no CR at all; a regex replace over 20 MB costs more than looking.
  if (body.includes('\r')) body = body.replace(/\r\n?/g, '\n');
  if (body.trim() === '') fail({ code: 'csv.empty-file', file });
  if (looksBinary(body)) fail({ code: 'csv.binary', file });

  let delimiter: string | undefined;
  let lineOffset = 0;
  const firstBreak = body.indexOf('\n');
  const sep = SEP_LINE.exec(firstBreak < 0 ? body : body.slice(0, firstBreak));
  const sepDelimiter = sep?.[1] === undefined ? undefined : normalizeDelimiter(sep[1]);
  if (sepDelimiter !== undefined) {
    delimiter = sepDelimiter;
    body = firstBreak < 0 ? '' : body.slice(firstBreak + 1);
    lineOffset = 1;
  } else if (opts.delimiter !== undefined) {
    delimiter = normalizeDelimiter(opts.delimiter);
    if (delimiter === undefined) throw usageError({ code: 'csv.bad-delimiter', value: opts.delimiter });
  }
  delimiter ??= sniffFromHeader(physicalLines(body), opts.findHeader) ?? sniffDelimiter(firstNonBlankLine(body) ?? '') ?? ',';
  const sniffed = delimiter;
  return scanRecords((onRecord) => scanCsvRecords(body, sniffed, lineOffset, file, onRecord), { delimiter: sniffed }, opts, start);
}

/**
 * A workbook's sheet as a table: its rows are the records (each row's number its line), and
 * the rest is what {@link scanTable} does with a CSV file's records. The header found is
 * recorded in the sheet, so that a diagnostic's column can be named by its cell.
 */
function scanSheet(sheet: SheetTable, opts: ReadTableOptions, start: (head: TableHead) => (row: TableRow) => void): TableHead {
  return scanRecords(
    (onRecord) => {
      // Copies: a row's cells are trimmed of empties below, and a sheet may be scanned twice.
      for (const row of sheet.rows) onRecord({ line: row.line, cells: [...row.cells] });
      return undefined;
    },
    { delimiter: '', decimalMark: sheet.decimalMark },
    opts,
    (head) => {
      sheet.header = { line: head.headerLine, names: head.header };
      return start(head);
    },
  );
}

/**
 * The header search and the rows' checks of {@link scanTable}, over the records `records`
 * hands to its callback (returning the failure that stopped them, if any). `form` is what
 * the table's head says about how it is written.
 */
function scanRecords(
  records: (onRecord: (record: RawRecord) => void) => Diagnostic | undefined,
  form: Pick<TableHead, 'delimiter' | 'decimalMark'>,
  opts: ReadTableOptions,
  start: (head: TableHead) => (row: TableRow) => void,
): TableHead {
  const { file } = opts;
  const fail = (d: Diagnostic): never => {
    throw new FlereError('data', [d]);
  };
  const bag = opts.bag ?? new DiagnosticBag();
  let firstNonBlank: RawRecord | undefined;
  let nonBlank = 0;
  let head: TableHead | undefined;
  let onRow: ((row: TableRow) => void) | undefined;
  let rejected: { error: unknown } | undefined;
  let rows = 0;
  let ragged = 0;
  let heldTotals: RawRecord | undefined;
  const failure = records((record) => {
    const { line, cells } = record;
    if (isBlank(cells)) return;
    if (head === undefined) {
      // The header is the first of the first HEADER_SEARCH_LINES non-blank records that
      // findHeader accepts; records above it are titles.
      firstNonBlank ??= record;
      nonBlank += 1;
      if (nonBlank <= HEADER_SEARCH_LINES && cells.length <= MAX_HEADER_CELLS && opts.findHeader(cells)) {
        head = headOf(record, form);
        try {
          onRow = start(head);
        } catch (error) {
          rejected = { error };
        }
      }
      return;
    }
    const width = head.header.length;
    while (cells.length > width && cells.at(-1)?.trim() === '') cells.pop();
    if (cells.length !== width) {
      ragged += 1;
      bag.add({ code: 'csv.ragged', file, line, args: { cells: cells.length, expected: width } });
      return;
    }
    rows += 1;
    // A totals row is held back until another row follows it: only the last one is skipped.
    if (heldTotals !== undefined) onRow?.(heldTotals);
    heldTotals = undefined;
    if (isTotalsRow(cells)) heldTotals = record;
    else onRow?.(record);
  });
  if (heldTotals !== undefined) rows -= 1;

  if (firstNonBlank === undefined) fail(failure ?? { code: 'csv.empty-file', file });
  if (head === undefined) {
    // An unterminated quote that swallowed the header explains more than "no header".
    return fail(
      failure ?? {
        code: 'csv.no-header',
        file,
        line: firstNonBlank?.line,
        args: {
          ...(form.delimiter === '' ? {} : { delimiter: form.delimiter }),
          ...(opts.expected === undefined ? {} : { expected: opts.expected }),
        },
      },
    );
  }
  if (failure) bag.add(failure);
  else if (rows === 0 && ragged === 0 && opts.allowEmpty !== true) {
    fail({ code: 'csv.no-rows', file, line: head.headerLine });
  }
  if (opts.bag === undefined) bag.throwIfAny('data');
  if (rejected) throw rejected.error;
  return head;
}

/**
 * Words that open a totals row, lower-case: what flere writes under a workbook's table
 * (`Total`, `I alt`) and what analysts and statistics banks put there.
 */
export const TOTALS_WORDS: ReadonlySet<string> = new Set(['total', 'totalt', 'totaler', 'i alt', 'ialt', 'sum', 'samlet', 'hele landet', 'in total', 'grand total']);

/**
 * Whether a row is a totals row: its first filled cell is one of {@link TOTALS_WORDS} (any
 * case, a trailing colon allowed). No kommune and no recipient id is called that; a free name
 * that is would need an id column before it, which the first filled cell then is.
 */
export function isTotalsRow(cells: readonly string[]): boolean {
  const first = cells.find((c) => c.trim() !== '');
  return first !== undefined && first.length <= 20 && TOTALS_WORDS.has(first.trim().replace(/:$/, '').trim().toLowerCase());
}

/** The header of a table from its header record: names trimmed, empty trailing names dropped. */
function headOf(record: RawRecord, form: Pick<TableHead, 'delimiter' | 'decimalMark'>): TableHead {
  const header = record.cells.map((c) => c.trim());
  while (header.length > 1 && header.at(-1) === '') header.pop();
  return { ...form, headerLine: record.line, header };
}
