/**
 * Commands as data: their argument, options and help, declared once; `program.ts` builds the
 * commander program from them, which parses the command line and prints `--help`. A
 * command's work is loaded only when it runs (`run` imports its action lazily).
 */
import { TEXT_ENCODINGS } from '../io/decode.js';
import { CSV_DIALECTS, type CsvLocale } from '../io/render/csv-dialect.js';
import type { Format } from '../io/render/formats.js';
import { type Lang, LANGS } from '../io/render/words.js';
import type { ExitCode } from '../core/diagnostics.js';
import type { CliContext } from './context.js';

/**
 * One option. Without `value` it is a flag (true when given); a `long` starting with `no-`
 * is a negated flag (its key, without `no-`, defaults to true and is false when given).
 * With `value` it takes a value, checked against `choices` and turned by `parse`, which
 * throws OptionValueError for a bad value.
 */
export interface OptionSpec {
  readonly long: string;
  readonly short?: string;
  /** The value's placeholder in help, e.g. `<file>`; absent for a flag. */
  readonly value?: string;
  readonly description: string;
  readonly choices?: readonly string[];
  readonly parse?: (text: string) => unknown;
  readonly required?: boolean;
}

/** The positional argument of a command (every command has at most one). */
export interface ArgumentSpec {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
}

/** A command: what it is called, what it takes, how it is explained, and what it runs. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly argument?: ArgumentSpec;
  readonly options: readonly OptionSpec[];
  /** Text after the options in `--help`: a worked example and notes. */
  readonly example: string;
  /**
   * Runs the command with its argument and options (keys in camelCase). It may return the
   * exit status of a success that a script should tell apart (`check --exit-code`: 4 when
   * something is due); nothing means 0.
   */
  readonly run: (argument: string | undefined, options: Record<string, unknown>, ctx: CliContext) => Promise<ExitCode | void>;
}

/** Thrown by an option's `parse` for a value it refuses; the message says what is expected. */
export class OptionValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionValueError';
  }
}

/** The flags as commander reads them (and help shows them): `-o, --output <file>`, `--no-registry`. */
export function optionFlags(option: OptionSpec): string {
  return `${option.short ? `-${option.short}, ` : ''}--${option.long}${option.value ? ` ${option.value}` : ''}`;
}

/** The key an option's value is stored under: `--decimal-mark` → `decimalMark`, `--no-registry` → `registry`. */
export function optionKey(option: OptionSpec): string {
  return option.long.replace(/^no-/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Options of the program, given before or after the command (`--help` and `--version` are commander's). */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { long: 'no-color', description: 'never colour the table (also NO_COLOR=1)' },
  { long: 'debug', description: 'show a stack trace for internal errors' },
];

/** The values of {@link outputOptions}. */
export interface OutputOptionValues {
  format?: Format;
  locale?: CsvLocale;
  lang?: Lang;
  output?: string;
}

/** The values of {@link inputOptions}. */
export interface InputOptionValues {
  encoding?: string;
  delimiter?: string;
  decimalMark?: '.' | ',';
}

/** The value of the global `--no-color`: false when given. */
export interface ColorOptionValue {
  color: boolean;
}

/** Shared option groups, so that every command words them the same way. */
export const outputOptions = (formats: readonly string[], defaultText: string): OptionSpec[] => [
  { long: 'format', value: '<format>', description: `output format (default: ${defaultText}, or from -o's extension)`, choices: formats },
  {
    long: 'locale',
    value: '<locale>',
    description: 'CSV dialect: plain (comma, dot) or da (Danish Excel: semicolon, decimal comma, BOM, CRLF); the words stay as --lang says',
    choices: Object.keys(CSV_DIALECTS),
  },
  langOption,
  outputOption,
];

/** `--lang`: the words of headers, statuses and labels; never the numbers (that is --locale) nor JSON. */
export const langOption: OptionSpec = {
  long: 'lang',
  value: '<lang>',
  description: 'words of headers, statuses and labels: en (default) or da (Danish); JSON stays English',
  choices: LANGS,
};

/** `-o FILE`, with the extensions it may have. */
export const outputOption: OptionSpec = {
  long: 'output',
  short: 'o',
  value: '<file>',
  description: 'write to FILE (atomically) instead of standard output; .csv .tsv .json .txt .xlsx, or no extension',
};

/** Options that override what is sniffed from CSV inputs. */
export const inputOptions = (what: string): OptionSpec[] => [
  { long: 'encoding', value: '<name>', description: `encoding of ${what} (default: detected)`, choices: TEXT_ENCODINGS },
  { long: 'delimiter', value: '<char>', description: `delimiter of ${what} (default: sniffed from the header line)` },
  { long: 'decimal-mark', value: '<mark>', description: `decimal mark of numbers in ${what}`, choices: ['.', ','] },
];

/** The value of {@link sheetOption}. */
export interface SheetOptionValue {
  sheet?: string;
}

/** A sheet's name as `--sheet` gives it: any text but an empty one (Excel names are 1–31 characters). */
function sheetName(text: string): string {
  if (text.trim() === '') throw new OptionValueError("expected the name of a sheet, as on the workbook's tab");
  return text;
}

/**
 * `--sheet NAME`: which sheet of `what` (the command's main input) is read when it is an
 * .xlsx workbook; every other workbook input is read from its first sheet.
 */
export const sheetOption = (what: string): OptionSpec => ({
  long: 'sheet',
  value: '<name>',
  description: `the sheet to read when ${what} is an .xlsx workbook (default: the first sheet; other workbook inputs are read from their first sheet)`,
  parse: sheetName,
});
