/**
 * RFC 4180 records with the physical line each starts on, scanned by csv-parse.
 *
 * Rules: the text's line ends are `\n` (callers normalise CRLF and CR first); a field that
 * starts with `"` is quoted, may span lines, and writes a quote as `""`; a quote anywhere
 * else is plain text (`5" skærm`), and so is text after a closing quote (`"a"b` is the cell
 * `"a"b`: csv-parse's `relax_quotes`); a blank line is a record with one empty cell.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { Diagnostic } from '../core/diagnostics.js';

/** One record: its cells and the 1-based physical line where it starts. */
export interface RawRecord {
  readonly line: number;
  readonly cells: string[];
}

/**
 * Splits `text` into records. `lineOffset` is added to every line number (lines removed
 * above the text, such as a `sep=;` line). On a quote that never closes, parsing stops: the
 * records before it are returned with a `failure` (`csv.unterminated-quote` at the line
 * where that record starts).
 */
export function parseCsvRecords(
  text: string,
  delimiter: string,
  lineOffset: number,
  file: string,
): { records: RawRecord[]; failure?: Diagnostic } {
  const records: RawRecord[] = [];
  const failure = scanCsvRecords(text, delimiter, lineOffset, file, (record) => {
    records.push(record);
  });
  return failure === undefined ? { records } : { records, failure };
}

/**
 * The records of `text`, as {@link parseCsvRecords} finds them, handed to `onRecord` one by
 * one; returns the failure that stopped the scan, if any. An error thrown by `onRecord` ends
 * the scan and is thrown as it is.
 *
 * csv-parse reads the whole text into an array of records first. Asking it for each
 * record's line instead (`info`, or the context of `on_record`) costs it two objects per
 * record and more than doubled the time on a million rows; the lines follow from the
 * records themselves, since the line end is `\n` and only a quoted cell can hold one.
 */
export function scanCsvRecords(
  text: string,
  delimiter: string,
  lineOffset: number,
  file: string,
  onRecord: (record: RawRecord) => void,
): Diagnostic | undefined {
  const options = {
    delimiter,
    record_delimiter: '\n',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    bom: true,
  };
  let records: string[][];
  let failure: CsvError | undefined;
  try {
    records = parse(text, options);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The records before the one that failed are read again, up to it: such a file is rare.
    failure = error;
    const before = Number(error['records'] ?? 0);
    records = before > 0 ? parse(text, { ...options, to: before }) : [];
  }
  let line = 1 + lineOffset;
  for (const cells of records) {
    onRecord({ line, cells });
    line += 1;
    for (const cell of cells) line += countNewlines(cell);
  }
  if (failure === undefined) return undefined;
  // `line` is now where the failed record starts.
  if (failure.code === 'CSV_QUOTE_NOT_CLOSED') return { code: 'csv.unterminated-quote', file, line };
  return { code: 'csv.malformed', file, line, args: { reason: failure.message } };
}

function countNewlines(s: string): number {
  let count = 0;
  for (let k = s.indexOf('\n'); k >= 0; k = s.indexOf('\n', k + 1)) count++;
  return count;
}
