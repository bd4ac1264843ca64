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
  return [...csvLines(header, rows, dialect)].join('');
}

/**
 * The CSV document line by line, as {@link writeCsv} writes it: the header line (after the
 * BOM, if the dialect has one), then one line per row, each with its line end. For outputs
 * too large to build as one string; `rows` may be produced lazily.
 */
export function* csvLines(header: readonly string[], rows: Iterable<readonly CsvCell[]>, dialect: CsvDialect): Generator<string> {
  const { delimiter, eol } = dialect;
  // One test per field for what forces quotes: the delimiter (`,` or `;`), a quote, CR or LF.
  const special = delimiter === ',' ? /[,"\r\n]/ : /[;"\r\n]/;
  const field = (value: string): string => (special.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const cell = (c: CsvCell): string =>
    'text' in c ? neutralizeFormula(c.text) : dialect.decimalMark === ',' ? c.number.replace('.', ',') : c.number;
  // Built with += rather than map and join: no two arrays per row over a million rows.
  const line = <T>(values: readonly T[], text: (value: T) => string): string => {
    let out = '';
    for (let i = 0; i < values.length; i++) out += (i === 0 ? '' : delimiter) + field(text(values[i] as T));
    return out + eol;
  };
  yield (dialect.bom ? '\uFEFF' : '') + line(header, neutralizeFormula);
  for (const r of rows) yield line(r, cell);
}
