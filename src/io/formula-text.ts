/**
 * Text cells that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(1)`, `-2+3`),
 * and the apostrophe that makes them inert. Writers neutralise every free-text cell; readers
 * of flere's own output undo it, so that a name survives the round trip unchanged.
 */

// A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets;
// the full-width forms (＝＋－＠), which an East Asian keyboard types, are taken as them too.
// Apostrophes already in front get one more, so that restoring is exact: `'=x` → `''=x`.
const FORMULA_START = /^'*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
const NEUTRALIZED = /^'(?='*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20])/;
// The characters FORMULA_START can begin with.
const FIRST_CHARACTERS = "'=+-@\t\r\uff1d\uff0b\uff0d\uff20";

/**
 * Makes free text inert in a spreadsheet by putting an apostrophe in front of a leading
 * formula character; the apostrophe is the spreadsheets' own "this is text" mark. Text that
 * already starts with apostrophes before such a character gets one more, so that
 * {@link restoreFormulaText} gives back exactly what was written.
 */
export function neutralizeFormula(value: string): string {
  // Most text starts with none of the characters in question: no regex for it.
  if (!FIRST_CHARACTERS.includes(value.charAt(0))) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The inverse of {@link neutralizeFormula}: drops one apostrophe from text that starts with
 * apostrophes and then a formula character (`'=x` → `=x`). A spreadsheet does not show that
 * apostrophe either: typed as `'=x` in Excel, the cell's text is `=x`.
 */
export function restoreFormulaText(value: string): string {
  // Looking at the first character first spares a regex per cell of a large file.
  return value.startsWith("'") ? value.replace(NEUTRALIZED, '') : value;
}
