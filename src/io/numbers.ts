/**
 * Number cells as people and spreadsheets write them: `1.600`, `1 600`, `262.500.000,00`,
 * `262,500,000.00`, `−3`. Whether a dot or a comma is the decimal mark depends on the file,
 * and a value that could be read both ways is an error, never a guess. Nothing here throws
 * or touches a binary float: results are BigInt counts or exact `Fixed` decimals, problems
 * are codes.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { MAX_INTEGER_DIGITS, MAX_SCALE, parseFixed, type Fixed } from '../core/decimal.js';
import { sharedBigInt, sharedWhole } from '../core/shared-bigint.js';

/** Diagnostic codes for number cells. */
export type NumberCode =
  | 'number.empty'
  | 'number.invalid'
  | 'number.excel-error'
  | 'number.exponent'
  | 'number.negative'
  | 'number.not-whole'
  | 'number.ambiguous'
  | 'number.decimal-mark'
  | 'number.too-large'
  | 'number.too-precise'
  | 'number.too-long';

/**
 * The longest cell read as a number, in UTF-16 code units: 30 integer digits, 18 decimals,
 * a sign and grouping fit in 70. Longer cells are refused (`number.too-long`) before any
 * pattern sees them, so a hostile 10 MB cell costs one length check.
 */
export const MAX_NUMBER_LENGTH = 80;

/** A decimal mark a file can use; `--decimal-mark` takes one of these. */
export type DecimalMark = '.' | ',';

/**
 * How numbers are written. `,` (Danish): `.` and spaces group thousands, `,` is the decimal
 * mark. `.`: `,` and spaces group thousands, `.` is the decimal mark, but a lone comma group
 * such as `1,600` is ambiguous (the file may be Danish). `either`: for values typed on the
 * command line, accepted when only one reading exists, ambiguous when two readings differ.
 */
export interface NumberStyle {
  readonly decimalMark: DecimalMark | 'either';
}

/**
 * The style of a table: an explicit `--decimal-mark` wins; otherwise a workbook's sheet has
 * the mark it was read with, a semicolon-delimited file is Danish (decimal comma), and a
 * comma- or tab-delimited one uses a decimal dot.
 */
export function numberStyleFor(head: { readonly delimiter: string; readonly decimalMark?: DecimalMark }, decimalMark?: DecimalMark): NumberStyle {
  return { decimalMark: decimalMark ?? head.decimalMark ?? (head.delimiter === ';' ? ',' : '.') };
}

/** Reads a `--decimal-mark` value: `.`/`dot`/`punktum` or `,`/`comma`/`komma`. */
export function decimalMarkFromName(name: string): DecimalMark | undefined {
  const n = name.trim().toLowerCase();
  if (n === '.' || n === 'dot' || n === 'punktum') return '.';
  if (n === ',' || n === 'comma' || n === 'komma') return ',';
  return undefined;
}

/** Why a cell is not an acceptable number. `hint` suggests `--decimal-mark`. */
export interface NumberFailure {
  readonly ok: false;
  readonly code: NumberCode;
  readonly hint?: 'decimal-mark';
}

/** A parsed value or the reason there is none. */
export type NumberResult<T> = { readonly ok: true; readonly value: T } | NumberFailure;

/** A number read from text: sign and digit strings, separators removed. */
interface Reading {
  readonly negative: boolean;
  readonly int: string;
  readonly frac: string;
}

const failure = (code: NumberCode, hint?: 'decimal-mark'): NumberFailure =>
  hint === undefined ? { ok: false, code } : { ok: false, code, hint };

// Excel's error values in any language: #N/A, #I/T, #VALUE!, #VÆRDI!, #DIV/0!, #REF!, #NAVN? …
const EXCEL_ERROR = /^#\p{L}[\p{L}\d/_.]*[!?]?$/u;
// Excel writes long numbers in General format as 1,23457E+15.
const EXPONENT = /^[\d.,]*\d[eE][+\-\u2212]?\d+$/;
// Space, no-break space, narrow no-break space (Intl's fr/da grouping), thin space.
const SPACE = '[ \\u00a0\\u202f\\u2009]';
const ALLOWED = new RegExp(`^(?:[\\d.,]|${SPACE})+$`, 'u');
// A leading group of 0 is no grouping: `0.500` is a decimal, never five hundred.
const SPACE_GROUPED = new RegExp(`^[1-9]\\d{0,2}(?:${SPACE}\\d{3})+$`, 'u');
const DOT_GROUPED = /^[1-9]\d{0,2}(?:\.\d{3})+$/;
const COMMA_GROUPED = /^[1-9]\d{0,2}(?:,\d{3})+$/;
const SEPARATORS = new RegExp(`[.,]|${SPACE}`, 'gu');

/**
 * Reads `body` (digits and separators, no sign) with `decimal` as the decimal mark: one mark
 * at most, whole groups of three in the integer part, one kind of grouping, no grouping in
 * the fraction. `groupedByMark` tells whether the other mark was used to group.
 */
function readAs(body: string, decimal: DecimalMark): { int: string; frac: string; groupedByMark: boolean } | undefined {
  const parts = body.split(decimal);
  if (parts.length > 2) return undefined;
  const [int = '', frac = ''] = parts;
  if (parts.length === 2 && !/^\d+$/.test(frac)) return undefined;
  if (/^\d+$/.test(int)) return { int, frac, groupedByMark: false };
  const grouped = decimal === ',' ? DOT_GROUPED : COMMA_GROUPED;
  const byMark = grouped.test(int);
  if (!byMark && !SPACE_GROUPED.test(int)) return undefined;
  return { int: int.replace(SEPARATORS, ''), frac, groupedByMark: byMark };
}

const canonical = (int: string, frac: string): string =>
  (int.replace(/^0+(?=\d)/, '') || '0') + (frac.replace(/0+$/, '') === '' ? '' : '.' + frac.replace(/0+$/, ''));

/** The result of reading a cell: the reading under the style, and the other mark's reading. */
type Read = { readonly ok: true; readonly reading: Reading; readonly other?: Reading } | NumberFailure;

function readNumber(cell: string, style: NumberStyle): Read {
  if (cell.length > 4 * MAX_NUMBER_LENGTH) return failure('number.too-long');
  const s = cell.trim();
  if (s === '') return failure('number.empty');
  if (s.length > MAX_NUMBER_LENGTH) return failure('number.too-long');
  if (s.startsWith('#')) return failure(EXCEL_ERROR.test(s) ? 'number.excel-error' : 'number.invalid');
  const sign = s[0] === '+' || s[0] === '-' || s[0] === '\u2212' ? s[0] : '';
  const body = s.slice(sign.length);
  const negative = sign === '-' || sign === '\u2212';
  if (EXPONENT.test(body)) return failure('number.exponent');
  if (!ALLOWED.test(body) || !/\d/.test(body)) return failure('number.invalid');

  const dot = readAs(body, '.');
  const comma = readAs(body, ',');
  const reading = (r: { int: string; frac: string } | undefined): Reading | undefined =>
    r && { negative, int: r.int, frac: r.frac };

  if (style.decimalMark === 'either') {
    if (dot && comma && canonical(dot.int, dot.frac) !== canonical(comma.int, comma.frac)) {
      return failure('number.ambiguous');
    }
    const r = reading(dot ?? comma);
    return r ? { ok: true, reading: r } : failure('number.invalid');
  }
  const [primary, other] = style.decimalMark === ',' ? [comma, dot] : [dot, comma];
  if (!primary) return failure(other ? 'number.decimal-mark' : 'number.invalid');
  // `1,600` in a dot-decimal file: a thousands comma, or a Danish decimal comma? Don't guess.
  if (style.decimalMark === '.' && primary.groupedByMark && other) return failure('number.ambiguous');
  const r = reading(primary) as Reading;
  const o = reading(other);
  return o ? { ok: true, reading: r, other: o } : { ok: true, reading: r };
}

/**
 * A cell of nothing but ASCII digits (`981`, `007`), at most MAX_INTEGER_DIGITS of them, as
 * a bigint; undefined for anything else, which then takes the general path. Most cells of a
 * large file look like this, and the general path (regexes for signs, grouping and Excel
 * errors) costs about a microsecond a cell. Both paths give the same value for such a cell.
 */
function plainDigits(cell: string): bigint | undefined {
  const n = cell.length;
  if (n === 0 || n > MAX_INTEGER_DIGITS) return undefined;
  for (let i = 0; i < n; i++) {
    const c = cell.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
  }
  return sharedBigInt(BigInt(cell));
}

const significantDigits = (int: string): number => int.replace(/^0+/, '').length;
const isZero = (r: Reading): boolean => /^0*$/.test(r.int) && /^0*$/.test(r.frac);
const isWhole = (r: Reading): boolean => /^0*$/.test(r.frac);

/**
 * A count of persons: a whole number ≥ 0, as a bigint. Grouped forms are accepted where the
 * style makes them unambiguous (`1.600`, `1 600` with any space, `1600,00` in a Danish file;
 * `1,600,000` in a dot-decimal file); a leading `+` is fine, `-0` is 0. Codes: `number.empty`,
 * `number.excel-error` (`#I/T`), `number.exponent` (`1e5`), `number.invalid` (`abc`, `NaN`,
 * bad grouping), `number.decimal-mark` (`1.6` in a Danish file), `number.ambiguous`,
 * `number.too-large` (more than 30 digits), `number.negative` (`-3`, `−3`), `number.not-whole`
 * (`12,5`; with a `decimal-mark` hint when the other mark would give a whole number, as
 * `1.600` in a dot-decimal file).
 */
export function parseCount(cell: string, style: NumberStyle): NumberResult<bigint> {
  const plain = plainDigits(cell);
  if (plain !== undefined) return { ok: true, value: plain };
  const read = readNumber(cell, style);
  if (!read.ok) return read;
  const { reading, other } = read;
  if (significantDigits(reading.int) > MAX_INTEGER_DIGITS) return failure('number.too-large');
  if (reading.negative && !isZero(reading)) return failure('number.negative');
  if (!isWhole(reading)) return failure('number.not-whole', other && isWhole(other) ? 'decimal-mark' : undefined);
  return { ok: true, value: BigInt(reading.int) };
}

/** Options for {@link parseDecimal}. */
export interface DecimalOptions {
  /** Accept negative values (default: `number.negative`). */
  readonly allowNegative?: boolean;
}

/**
 * An exact decimal (a weight, an amount in kroner): `262.500.000,00` in a Danish file,
 * `262500000.00` or `262,500,000.00` in a dot-decimal one, under the same rules as
 * {@link parseCount}. The scale is the number of fractional digits written (`12,50` → scale
 * 2); trailing zeros beyond 18 places are dropped. A Unicode minus is a minus; negatives only
 * with `allowNegative`. Codes as for counts, plus `number.too-precise` (more than 18
 * significant fractional digits); never `number.not-whole`.
 */
export function parseDecimal(cell: string, style: NumberStyle, opts: DecimalOptions = {}): NumberResult<Fixed> {
  const plain = plainDigits(cell);
  if (plain !== undefined) return { ok: true, value: sharedWhole(plain) };
  const read = readNumber(cell, style);
  if (!read.ok) return read;
  const { reading } = read;
  if (significantDigits(reading.int) > MAX_INTEGER_DIGITS) return failure('number.too-large');
  // Drop only the trailing zeros that push the scale past MAX_SCALE.
  const frac = reading.frac.slice(0, Math.max(MAX_SCALE, reading.frac.replace(/0+$/, '').length));
  if (frac.length > MAX_SCALE) return failure('number.too-precise');
  if (reading.negative && !isZero(reading) && opts.allowNegative !== true) return failure('number.negative');
  const int = reading.int.replace(/^0+(?=\d)/, '');
  const value = parseFixed((reading.negative && !isZero(reading) ? '-' : '') + int + (frac === '' ? '' : '.' + frac));
  return value ? { ok: true, value } : failure('number.invalid');
}

/**
 * Turns a number failure into a diagnostic for a cell: `column` is the header name as
 * written, `value` the cell as written; `args.decimalMark` is the style's mark, and
 * `args.hint` is `decimal-mark` when `--decimal-mark` would help.
 */
export function numberDiagnostic(
  fail: NumberFailure,
  style: NumberStyle,
  at: { readonly file: string; readonly line: number; readonly column: string; readonly value: string },
): Diagnostic {
  return {
    code: fail.code,
    file: at.file,
    line: at.line,
    column: at.column,
    value: at.value,
    args: {
      decimalMark: style.decimalMark,
      ...(fail.hint === undefined ? {} : { hint: fail.hint }),
      ...(fail.code === 'number.too-long' ? { length: at.value.length } : {}),
    },
  };
}
