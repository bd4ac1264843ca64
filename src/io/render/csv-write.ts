/**
 * Writing CSV text with csv-stringify: a header and rows of cells in a dialect, with every
 * text cell that a spreadsheet would evaluate as a formula neutralised by flere itself
 * (csv-stringify's `escape_formulas` would also put an apostrophe before negative numbers).
 * Numbers are passed as `number` cells: canonical decimal strings that only get the
 * dialect's decimal mark, so csv-stringify only ever sees strings. Quoting is RFC 4180: a
 * field with the delimiter, a quote, CR or LF is quoted, quotes doubled.
 */
import { stringify } from 'csv-stringify/sync';
import { neutralizeFormula } from '../formula-text.js';
import type { CsvDialect } from './csv-dialect.js';

export { neutralizeFormula };

/** A cell: free text (neutralised) or a canonical decimal string (only its mark changes). */
export type CsvCell = { readonly text: string } | { readonly number: string };

/** `text` as a cell. */
export const text = (value: string): CsvCell => ({ text: value });
/** A canonical decimal string (`-?\d+(\.\d+)?`) as a cell. */
export const num = (value: string): CsvCell => ({ number: value });

/** The layout csv-stringify writes: the delimiter, the line end after every row, a UTF-8 BOM. */
export interface CsvLayout {
  readonly delimiter: string;
  readonly eol: string;
  readonly bom: boolean;
}

/**
 * Rows of strings as CSV text, each row ended by `layout.eol`, cells written as they are
 * (no neutralisation: for files flere keeps, such as the ledger). Empty `rows` give ''.
 */
export function csvText(rows: readonly (readonly string[])[], layout: CsvLayout): string {
  return stringify(rows as string[][], {
    delimiter: layout.delimiter,
    record_delimiter: layout.eol,
    // Given a record delimiter, csv-stringify would quote only fields that contain it; a
    // lone CR or LF must be quoted too, or a reader splits the row there.
    quote_record_delimiter: true,
    bom: layout.bom,
  });
}

/** The whole CSV document, BOM and line ends per the dialect. */
export function writeCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], dialect: CsvDialect): string {
  return [...csvChunks(header, rows, dialect)].join('');
}

/**
 * Rows per call of csv-stringify. Its set-up is small beside 128 rows, and a chunk is the
 * garbage collector's concern: rows gathered for the next call survive every collection of
 * the young generation meanwhile and are copied. With 4,096 rows the collections took
 * 0.77 s of writing 100,000 rows; with 128 rows, 0.2 s.
 */
const ROWS_PER_CHUNK = 128;

/**
 * The CSV document in chunks of rows, as {@link writeCsv} writes it: the header line (after
 * the BOM, if the dialect has one), then the rows, each with its line end. For outputs too
 * large to build as one string; `rows` may be produced lazily.
 */
export function csvChunks(header: readonly string[], rows: Iterable<readonly CsvCell[]>, dialect: CsvDialect): Generator<string> {
  const number = numberText(dialect);
  const cell = (c: CsvCell): string => ('text' in c ? neutralizeFormula(c.text) : number(c.number));
  function* cells(): Generator<string[]> {
    for (const row of rows) yield row.map(cell);
  }
  return csvTextChunks(header, cells(), dialect);
}

/** A canonical decimal string as the dialect writes it: only the decimal mark changes. */
export function numberText(dialect: CsvDialect): (value: string) => string {
  return dialect.decimalMark === ',' ? (value) => value.replace('.', ',') : (value) => value;
}

/**
 * The CSV document in chunks from rows of finished cell texts (numbers already in the
 * dialect, text already neutralised); the header is neutralised here.
 */
export function* csvTextChunks(header: readonly string[], rows: Iterable<readonly string[]>, dialect: CsvDialect): Generator<string> {
  let chunk: (readonly string[])[] = [header.map(neutralizeFormula)];
  let bom = dialect.bom;
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === ROWS_PER_CHUNK) {
      yield csvText(chunk, { delimiter: dialect.delimiter, eol: dialect.eol, bom });
      bom = false;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield csvText(chunk, { delimiter: dialect.delimiter, eol: dialect.eol, bom });
}
