/**
 * Cells of a person file taken apart on the careful path: splitting a line with quotes,
 * trimming, decoding a cell's text, reading a month.
 */
import { isUtf8 } from 'node:buffer';
import { daysInMonth } from '../core/months.js';
import { FIRST_YEAR, LAST_YEAR } from '../core/person-progress.js';

const CR = 13;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;

/**
 * The cells of one line (without its line break) as byte slices, quotes removed (`""` inside
 * quotes is one `"`). Undefined when the quoting is malformed.
 */
export function splitCells(line: Uint8Array, delimiter: number): Buffer[] | undefined {
  const bytes = Buffer.from(line.buffer, line.byteOffset, line.byteLength);
  const cells: Buffer[] = [];
  let pos = 0;
  for (;;) {
    let s = pos;
    while (s < bytes.length && (bytes[s] === SPACE || (bytes[s] === TAB && delimiter !== TAB))) s += 1;
    if (bytes[s] === QUOTE) {
      const out: number[] = [];
      let i = s + 1;
      for (;;) {
        if (i >= bytes.length) return undefined;
        const b = bytes[i] as number;
        if (b === QUOTE) {
          if (bytes[i + 1] === QUOTE) {
            out.push(QUOTE);
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        out.push(b);
        i += 1;
      }
      while (i < bytes.length && (bytes[i] === SPACE || (bytes[i] === TAB && delimiter !== TAB))) i += 1;
      if (i < bytes.length && bytes[i] !== delimiter) return undefined;
      cells.push(Buffer.from(out));
      if (i >= bytes.length) return cells;
      pos = i + 1;
    } else {
      let e = pos;
      while (e < bytes.length && bytes[e] !== delimiter) {
        if (bytes[e] === QUOTE) return undefined;
        e += 1;
      }
      cells.push(bytes.subarray(pos, e));
      if (e >= bytes.length) return cells;
      pos = e + 1;
    }
  }
}

/** Drops spaces (and tabs, unless tab is the delimiter) at both ends of a cell. */
export function trimBytes(cell: Buffer, delimiter: number): Buffer {
  const blank = (b: number | undefined): boolean => b === SPACE || (b === TAB && delimiter !== TAB) || b === CR;
  let s = 0;
  let e = cell.length;
  while (s < e && blank(cell[s])) s += 1;
  while (e > s && blank(cell[e - 1])) e -= 1;
  return cell.subarray(s, e);
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F (where Node 20's TextDecoder is wrong).
const CP1252_HIGH =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * One cell's text: UTF-8 when its bytes are UTF-8, else Windows-1252 (Danish Excel), NFC.
 * Per cell rather than per file, so that a streamed file needs no look-ahead.
 */
export function decodeCell(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let ascii = true;
  for (let i = 0; i < b.length; i += 1) {
    if ((b[i] as number) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return b.toString('latin1');
  if (isUtf8(b)) return b.toString('utf8').normalize('NFC');
  let text = '';
  for (const byte of b) text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text.normalize('NFC');
}

/** `YYYY-MM` or an ISO date `YYYY-MM-DD` (its month), year 1900–2999; the month index. */
export function parseMonthCell(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || year < FIRST_YEAR || year > LAST_YEAR) return undefined;
  if (m[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > daysInMonth(year, month))) return undefined;
  return year * 12 + month - 1;
}
