/**
 * Writing CSV text: a header and rows of strings in a dialect, with every text cell that a
 * spreadsheet would evaluate as a formula neutralised. Numbers are passed as `number`
 * cells: canonical decimal strings that only get the dialect's decimal mark. Quoting is
 * RFC 4180 (a field with the delimiter, a quote, CR or LF is quoted, quotes doubled); it is
 * a few lines here instead of csv-stringify, whose start-up cost (about 1.5 ms a run) was
 * more than the rest of the rendering.
 */
import { neutralizeFormula } from '../formula-text.js';
import type { CsvDialect } from './csv-dialect.js';

export { neutralizeFormula };

/** A cell: free text (neutralised) or a canonical decimal string (only its mark changes). */
export type CsvCell = { readonly text: string } | { readonly number: string };

/** `text` as a cell. */
export const text = (value: string): CsvCell => ({ text: value });
/** A canonical decimal string (`-?\d+(\.\d+)?`) as a cell. */
export const num = (value: string): CsvCell => ({ number: value });


/** The whole CSV document, BOM and line ends per the dialect. */
export function writeCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], dialect: CsvDialect): string {
  const cell = (c: CsvCell): string =>
    'text' in c ? neutralizeFormula(c.text) : dialect.decimalMark === ',' ? c.number.replace('.', ',') : c.number;
  const field = (value: string): string =>
    value.includes(dialect.delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  const line = (values: readonly string[]): string => values.map(field).join(dialect.delimiter) + dialect.eol;
  let body = line(header.map(neutralizeFormula));
  for (const r of rows) body += line(r.map(cell));
  return (dialect.bom ? '\uFEFF' : '') + body;
}
