/**
 * Output formats every tabular command offers; the renderers are keyed by exactly these, and
 * `--format` offers exactly these. `tsv` is the CSV renderer with tabs between the cells;
 * `xlsx` is an Excel workbook (bytes, not text).
 */
export const FORMATS = ['table', 'csv', 'tsv', 'json', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * The format when `--format` is not given: a table for a person at a terminal, CSV when
 * the output is piped or written to a file (analysts paste it into a spreadsheet).
 */
export function defaultFormat(toTerminal: boolean): Format {
  return toTerminal ? 'table' : 'csv';
}
