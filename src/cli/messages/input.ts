/** Wording for problems found while reading input files: encodings, CSV shape, headers, numbers. */
import type { Diagnostic } from '../../core/diagnostics.js';
import { arg, col, quoted } from './parts.js';
import type { ColumnCode } from '../../io/columns.js';
import type { CsvCode } from '../../io/csv-table.js';
import type { EncodingCode } from '../../io/decode.js';
import type { NumberCode } from '../../io/numbers.js';
import { otherSheets } from './workbook.js';

/** Every code raised by `src/io`'s readers. */
export type InputCode = EncodingCode | CsvCode | ColumnCode | NumberCode;

const cells = (n: string): string => `${n} cell${n === '1' ? '' : 's'}`;

const DELIMITER_NAMES: Readonly<Record<string, string>> = { ';': 'semicolon', ',': 'comma', '\t': 'tab' };

/** The other decimal mark, to suggest as `--decimal-mark`. */
const otherMark = (d: Diagnostic): string => (d.args?.['decimalMark'] === ',' ? '.' : ',');

function markHint(d: Diagnostic): string {
  const mark = d.args?.['decimalMark'];
  if (mark === 'either') return 'write it without thousands separators';
  const dialect =
    d.sheet !== undefined
      ? `this sheet's numbers stored as text are read with a decimal ${mark === ',' ? 'comma' : 'point'}, as most of them are written`
      : mark === ','
        ? 'this file is read with a decimal comma (semicolon-separated)'
        : 'this file is read with a decimal point (comma- or tab-separated)';
  return `${dialect}; if that is wrong, use --decimal-mark ${otherMark(d)}`;
}

/** English messages for {@link InputCode}s, without the `flere: FILE:LINE: ` prefix. */
export const inputMessages: Readonly<Record<InputCode, (d: Diagnostic) => string>> = {
  'encoding.mojibake': (d) =>
    `${col(d)}${quoted(d)} looks wrongly decoded (like "Ã¦" for "æ"): check the file's encoding, e.g. --encoding windows-1252 or --encoding utf-8`,

  'csv.empty-file': (d) => (d.sheet === undefined ? 'the file is empty' : `the sheet is empty${otherSheets(d)}`),
  'csv.binary': () => 'this is not a text file (it contains NUL bytes or other binary data)',
  'csv.no-header': (d) => {
    const expected = d.args?.['expected'];
    const delimiter = d.args?.['delimiter'];
    const named = delimiter === undefined ? undefined : DELIMITER_NAMES[String(delimiter)] ?? JSON.stringify(delimiter);
    return (
      `no header row found${expected === undefined ? '' : ` with columns such as ${String(expected)}`}` +
      (named === undefined ? '' : ` (reading the file as ${named}-separated; --delimiter changes that)`) +
      otherSheets(d)
    );
  },
  'csv.no-rows': (d) => `the ${d.sheet === undefined ? 'file' : 'sheet'} has a header but no data rows${otherSheets(d)}`,
  'csv.ragged': (d) =>
    d.sheet === undefined
      ? `row has ${cells(arg(d, 'cells'))}, the header has ${arg(d, 'expected')}`
      : `a value to the right of the table, whose header has ${arg(d, 'expected')} columns: empty the cell, or give its column a header`,
  'csv.unterminated-quote': () => 'a quoted field starts here and is never closed',
  'csv.malformed': (d) => `cannot read this row as CSV (${arg(d, 'reason')})`,
  'csv.bad-delimiter': (d) => `${quoted(d)} cannot be a delimiter; use one character such as ";", "," or "tab"`,
  'csv.duplicate-column': (d) => {
    const first = arg(d, 'first');
    const where = `columns ${arg(d, 'firstPosition')} and ${arg(d, 'position')}`;
    return first === d.column
      ? `column «${first}» appears twice (${where})`
      : `columns «${first}» and «${d.column ?? '?'}» both give the ${arg(d, 'key')} (${where}); keep one`;
  },
  'csv.missing-column': (d) => `no ${arg(d, 'key')} column (accepted names: ${arg(d, 'accepted')})`,

  'number.empty': (d) => `${col(d)}empty cell, expected a number`,
  'number.invalid': (d) => `${col(d)}not a number: ${quoted(d)}`,
  'number.excel-error': (d) => `${col(d)}Excel error value ${quoted(d)} instead of a number; fix the formula in the spreadsheet`,
  'number.exponent': (d) =>
    `${col(d)}${quoted(d)} is in scientific notation; format the column as a number in the spreadsheet and export again`,
  'number.negative': (d) => `${col(d)}negative number: ${quoted(d)}`,
  'number.not-whole': (d) =>
    `${col(d)}not a whole number: ${quoted(d)}${d.args?.['hint'] === 'decimal-mark' ? ` (${markHint(d)})` : ''}`,
  'number.ambiguous': (d) =>
    `${col(d)}${quoted(d)} is ambiguous: the separator could be a decimal mark or group thousands (${markHint(d)})`,
  'number.decimal-mark': (d) => `${col(d)}${quoted(d)} uses the other decimal mark (${markHint(d)})`,
  'number.too-large': (d) => `${col(d)}number too large: ${quoted(d)}`,
  'number.too-precise': (d) => `${col(d)}too many decimals (at most 18): ${quoted(d)}`,
  'number.too-long': (d) => `${col(d)}far too long for a number (${arg(d, 'length')} characters): ${quoted(d)}`,
};
