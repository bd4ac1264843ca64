/**
 * Which format an output gets, and that an output file is what its name says: `-o
 * fordeling.xlsx` writes a workbook, `-o x.tsv` tab-separated text; an extension flere cannot
 * write (`.xls`, `.pdf`) and a `--format` that contradicts the extension (`--format json -o
 * a.csv`) are usage errors, found before anything is read. A name without an extension
 * (`/dev/stdout`, `-o >(gzip > x.gz)`) leaves the choice to `--format` and the default.
 */
import { basename, extname } from 'node:path';
import { usageError } from '../core/diagnostics.js';
import { CSV_DIALECTS, type CsvDialect, type CsvLocale } from './render/csv-dialect.js';
import { defaultFormat, type Format } from './render/formats.js';

/**
 * The extensions flere writes, each with the formats it may hold, the one it gives first.
 * `.txt` is plain text of any kind: a table, or CSV or TSV as Excel's "text" files are.
 */
export const OUTPUT_EXTENSIONS = {
  '.csv': ['csv'],
  '.tsv': ['tsv'],
  '.json': ['json'],
  '.txt': ['table', 'csv', 'tsv'],
  '.xlsx': ['xlsx'],
} as const satisfies Record<string, readonly [Format, ...Format[]]>;
type OutputExtension = keyof typeof OUTPUT_EXTENSIONS;

/** The extensions `flere report` writes (an HTML page). */
export const REPORT_EXTENSIONS = ['.html', '.htm'] as const;

/**
 * The extension of an output path, lower case (`.csv`), or undefined when it has none. A
 * suffix without a letter (`fordeling.2017`, `rapport.2019-12`) is a date or a version, not
 * a file type.
 */
export function extensionOf(path: string): string | undefined {
  const ext = extname(path).toLowerCase();
  if (ext.length > 1 && /[a-z]/.test(ext)) return ext;
  // A file called just `.xlsx` has no extension by Node's rule, but is named as a workbook.
  const name = basename(path).toLowerCase();
  return isOutputExtension(name) ? name : undefined;
}

const isOutputExtension = (ext: string): ext is OutputExtension => Object.hasOwn(OUTPUT_EXTENSIONS, ext);

/**
 * The format to use: `--format` if given; else from `-o`'s extension (`.json`, `.csv`,
 * `.tsv`, `.xlsx`, `.txt` → table); else `fallback` (a table on a terminal, CSV when piped).
 * Throws usage errors: `output.unknown-extension` for an extension flere cannot write,
 * `output.format-extension` for a `--format` the extension contradicts, and
 * `output.xlsx-terminal` for a workbook headed for a terminal.
 */
export function chooseFormat(
  explicit: Format | undefined,
  path: string | undefined,
  stdoutIsTerminal: boolean,
  fallback: Format = defaultFormat(stdoutIsTerminal),
): Format {
  const toFile = path !== undefined && path !== '-';
  const ext = toFile ? extensionOf(path) : undefined;
  let format = explicit ?? fallback;
  if (ext !== undefined) {
    if (!isOutputExtension(ext)) {
      throw usageError({ code: 'output.unknown-extension', file: path, value: ext, args: { extensions: Object.keys(OUTPUT_EXTENSIONS).join(' ') } });
    }
    const accepted: readonly Format[] = OUTPUT_EXTENSIONS[ext];
    if (explicit !== undefined && !accepted.includes(explicit)) {
      throw usageError({ code: 'output.format-extension', file: path, value: explicit, args: { extension: ext, formats: accepted.join(', ') } });
    }
    format = explicit ?? (accepted[0] as Format);
  }
  if (format === 'xlsx' && !toFile && stdoutIsTerminal) throw usageError({ code: 'output.xlsx-terminal' });
  return format;
}

/** `flere report` writes HTML: an `-o` with another extension is a usage error (`output.unknown-extension`). */
export function checkReportExtension(path: string | undefined): void {
  if (path === undefined || path === '-') return;
  const ext = extensionOf(path);
  if (ext !== undefined && !(REPORT_EXTENSIONS as readonly string[]).includes(ext)) {
    throw usageError({ code: 'output.unknown-extension', file: path, value: ext, args: { extensions: REPORT_EXTENSIONS.join(' '), command: 'report' } });
  }
}

/** The CSV dialect of `--locale` (default plain); for `tsv` with tabs between the cells. */
export function outputDialect(format: Format, locale: CsvLocale | undefined): CsvDialect {
  const dialect = CSV_DIALECTS[locale ?? 'plain'];
  return format === 'tsv' ? { ...dialect, delimiter: '\t' } : dialect;
}
