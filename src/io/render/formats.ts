/** Output formats every command offers; the renderers are keyed by exactly these. */
export const FORMATS = ['table', 'csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * The format when `--format` is not given: a table for a person at a terminal, CSV when
 * the output is piped or written to a file (analysts paste it into a spreadsheet).
 */
export function defaultFormat(toTerminal: boolean): Format {
  return toTerminal ? 'table' : 'csv';
}
