/**
 * A number cell's stored text (the `<v>` of an .xlsx cell) as a plain decimal. Excel and
 * LibreOffice store a number as the shortest decimal text that gives back its double
 * (`12.5`, `0.30000000000000004`), and very large or small ones in exponent form
 * (`1.2345E+15`, `1E-4`). Only the digits are moved here, as text: no binary float ever
 * stands between the stored text and the decimal flere reads, so the number is exactly what
 * the file holds.
 */

// Sign, integer digits, fraction digits, and an exponent of at most four digits.
const STORED = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

/**
 * Beyond any double (about 1.8E+308 and 4.9E-324): a text that claims more is no number a
 * spreadsheet wrote, and spelling it out would make a string of thousands of zeros.
 */
const MAX_EXPONENT = 400;

/**
 * `raw` as a decimal without exponent, grouping or leading zeros: `1.2345E+15` →
 * `1234500000000000`, `1E-4` → `0.0001`, `-0` → `0`, `012.50` → `12.50` (without an
 * exponent the fraction keeps the places written, as a CSV cell would). Undefined for a text that is no such number (it
 * is then passed on as written, and the reader says what is wrong with it).
 */
export function plainDecimal(raw: string): string | undefined {
  const m = STORED.exec(raw.trim());
  if (m === null) return undefined;
  const [, sign = '', int = '', frac = '', exponent] = m;
  if (int === '' && frac === '') return undefined;
  const shift = exponent === undefined ? 0 : Number(exponent);
  if (Math.abs(shift) > MAX_EXPONENT) return undefined;
  const digits = int + frac;
  // Where the decimal point falls among `digits` once the exponent is applied.
  const point = int.length + shift;
  let whole: string;
  let fraction: string;
  if (point <= 0) {
    whole = '0';
    fraction = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
    fraction = '';
  } else {
    whole = digits.slice(0, point);
    fraction = digits.slice(point);
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  // In exponent form the mantissa's trailing zeros are no places anyone wrote.
  if (exponent !== undefined) fraction = fraction.replace(/0+$/, '');
  const zero = /^0*$/.test(whole + fraction);
  return (sign === '-' && !zero ? '-' : '') + whole + (fraction === '' ? '' : `.${fraction}`);
}
