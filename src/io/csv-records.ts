/**
 * RFC 4180 records with the physical line each starts on, in one pass over the text.
 * Written here rather than taken from csv-parse because start-up time matters (csv-parse's
 * option handling alone cost about 3 ms per run of `flere allocate`) and because line
 * numbers fall out of the scan for free.
 *
 * Rules: the text's line ends are `\n` (callers normalise CRLF and CR first); a field that
 * starts with `"` is quoted, may span lines, and writes a quote as `""`; a quote inside an
 * unquoted field is plain text (`5" skærm`); a blank line is a record with one empty cell.
 */
import type { Diagnostic } from '../core/diagnostics.js';

/** One record: its cells and the 1-based physical line where it starts. */
export interface RawRecord {
  readonly line: number;
  readonly cells: string[];
}

/**
 * Splits `text` into records. `lineOffset` is added to every line number (lines removed
 * above the text, such as a `sep=;` line). On a quote that never closes, or text right after
 * a closing quote, parsing stops: the records before it are returned with a `failure`
 * (`csv.unterminated-quote` at the line where the field's record starts, or `csv.malformed`).
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
 * if any. A caller that turns each record into something else at once never holds them all.
 */
export function scanCsvRecords(
  text: string,
  delimiter: string,
  lineOffset: number,
  file: string,
  onRecord: (record: RawRecord) => void,
): Diagnostic | undefined {
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      if (text[i] === '"') {
        // Quoted field: runs to the next quote that is not doubled.
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) return { code: 'csv.unterminated-quote', file, line: start + lineOffset };
          value += text.slice(from, q);
          if (text[q + 1] === '"') {
            value += '"';
            from = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        line += countNewlines(value);
        cells.push(value);
        const next = text[i];
        if (next !== undefined && next !== delimiter && next !== '\n') {
          return { code: 'csv.malformed', file, line: line + lineOffset, args: { reason: 'text after a closing quote' } };
        }
      } else {
        let end = i;
        while (end < n && text[end] !== delimiter && text[end] !== '\n') end++;
        cells.push(text.slice(i, end));
        i = end;
      }
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    onRecord({ line: start + lineOffset, cells });
    if (i < n) {
      i++; // the '\n'
      line++;
    }
  }
  return undefined;
}

function countNewlines(s: string): number {
  let count = 0;
  for (let k = s.indexOf('\n'); k >= 0; k = s.indexOf('\n', k + 1)) count++;
  return count;
}
