/**
 * The decimal mark of a sheet's numbers stored as text. A workbook stores real numbers
 * without any mark (they are read exactly, whatever the mark), but a text cell such as
 * `12,5` or `1.600` is written in someone's locale, and a CSV's delimiter (which tells the
 * dialect of a CSV file) does not exist here. So the sheet's text cells tell: a cell that
 * reads as a number only with a decimal comma (`12,5`, `1.600.000`, `1.600,50`) speaks for
 * Danish, one that reads only with a decimal point (`12.5`, `1,600,000`) for English.
 */
import { type DecimalMark, parseDecimal } from '../numbers.js';

const DANISH = { decimalMark: ',' } as const;
const ENGLISH = { decimalMark: '.' } as const;

/**
 * The mark that more of `texts` (the sheet's text cells) can only be read with: `.` when
 * more cells speak for a decimal point, else `,` — also when nothing tells (only whole
 * numbers, or `1.600` that reads both ways), since flere's users work in Danish Excel,
 * where `1.600` is sixteen hundred. A cell of the other kind is then reported where it is
 * read (`number.decimal-mark`), and `--decimal-mark` decides instead of this guess.
 */
export function sheetDecimalMark(texts: Iterable<string>): DecimalMark {
  let danish = 0;
  let english = 0;
  for (const text of texts) {
    // Only cells that might be numbers at all: digits and separators, not words or dates.
    if (text.length > 40 || !/^\s*[+\-\u2212]?[\d.,\s\u00a0\u202f]*\d[\d.,\s\u00a0\u202f]*$/u.test(text)) continue;
    const comma = parseDecimal(text, DANISH, { allowNegative: true });
    const point = parseDecimal(text, ENGLISH, { allowNegative: true });
    // `1,600` in a dot-decimal reading is ambiguous (a thousands comma?): evidence of nothing.
    if (!point.ok && point.code === 'number.ambiguous') continue;
    if (comma.ok && !point.ok) danish += 1;
    else if (point.ok && !comma.ok) english += 1;
  }
  return english > danish ? '.' : ',';
}
