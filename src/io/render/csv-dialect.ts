/**
 * How CSV output looks. `plain` is RFC 4180 as other programs expect it; `da` is what Danish
 * Excel opens with a double click: semicolons, decimal comma, UTF-8 BOM, CRLF. TSV output
 * (`--format tsv`, `-o x.tsv`) is either with a tab as the delimiter.
 */
export interface CsvDialect {
  readonly delimiter: ',' | ';' | '\t';
  readonly decimalMark: '.' | ',';
  readonly bom: boolean;
  readonly eol: '\n' | '\r\n';
}

/** The dialects by the name given to `--locale`. */
export const CSV_DIALECTS = {
  plain: { delimiter: ',', decimalMark: '.', bom: false, eol: '\n' },
  da: { delimiter: ';', decimalMark: ',', bom: true, eol: '\r\n' },
} as const satisfies Record<string, CsvDialect>;
export type CsvLocale = keyof typeof CSV_DIALECTS;
