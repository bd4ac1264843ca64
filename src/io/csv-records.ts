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
 * one as they are scanned instead of collected; returns the failure that stopped the scan,
 * if any. A caller that turns each record into something else at once never holds them all
 * (`on_record` returns null, so csv-parse keeps none either). An error thrown by `onRecord`
 * ends the scan and is thrown as it is.
 */
export function scanCsvRecords(
  text: string,
  delimiter: string,
  lineOffset: number,
  file: string,
  onRecord: (record: RawRecord) => void,
): Diagnostic | undefined {
  // csv-parse tells the line where a record ends; it starts on the line after the previous
  // record's end, since every line (a blank one too) belongs to a record.
  let ended = 0;
  try {
    parse(text, {
      delimiter,
      record_delimiter: '\n',
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      on_record: (cells: string[], info) => {
        const line = ended + 1 + lineOffset;
        ended = info.lines;
        onRecord({ line, cells });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') return { code: 'csv.unterminated-quote', file, line: ended + 1 + lineOffset };
    return { code: 'csv.malformed', file, line: ended + 1 + lineOffset, args: { reason: error.message } };
  }
  return undefined;
}
