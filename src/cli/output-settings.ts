/**
 * How a command's output is to look, decided once and before anything is read: the format
 * (from `--format`, `-o`'s extension, or the terminal), the CSV dialect (`--locale`, tabs for
 * TSV) and the words (`--lang`). `--locale da` does not imply `--lang da`: the locale is how
 * numbers and CSV are written, the language is the words.
 */
import { chooseFormat, outputDialect } from '../io/output-format.js';
import type { CsvDialect, CsvLocale } from '../io/render/csv-dialect.js';
import type { Format } from '../io/render/formats.js';
import { type Lang, type Words, wordsFor } from '../io/render/words.js';
import type { CliContext } from './context.js';

/** The decided output: format, dialect and words. */
export interface OutputSettings {
  readonly format: Format;
  readonly dialect: CsvDialect;
  readonly words: Words;
}

/**
 * The output settings of a run. Throws the usage errors of `chooseFormat` (an extension
 * flere cannot write, a `--format` the extension contradicts, a workbook to a terminal).
 * `fallback`: the format without `--format` or an extension (default: table on a terminal, else CSV).
 */
export function outputSettings(
  options: { readonly format?: Format; readonly output?: string; readonly locale?: CsvLocale; readonly lang?: Lang },
  ctx: CliContext,
  fallback?: Format,
): OutputSettings {
  const format = chooseFormat(options.format, options.output, ctx.stdout.isTTY === true, fallback);
  return { format, dialect: outputDialect(format, options.locale), words: wordsFor(options.lang) };
}
