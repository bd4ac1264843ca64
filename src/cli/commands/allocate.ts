/**
 * `flere allocate`: its options and help. The work happens in `../actions/allocate.ts`,
 * loaded only when the command runs.
 */
import { type Command, Option } from 'commander';
import type { Fixed } from '../../core/decimal.js';
import { CSV_DIALECTS, type CsvLocale } from '../../io/render/csv-dialect.js';
import { FORMATS, type Format } from '../../io/render/formats.js';
import type { CliContext } from '../context.js';
import { positiveDecimal, trancheShares } from '../options.js';

/** Typed options of `flere allocate`, as commander hands them over. */
export interface AllocateOptions {
  total?: Fixed;
  unit?: Fixed;
  tranches?: Fixed[];
  format?: Format;
  output?: string;
  registry: boolean;
  applicants?: string;
  explain?: boolean;
  encoding?: string;
  delimiter?: string;
  decimalMark?: '.' | ',';
  locale?: CsvLocale;
  pool?: string;
  color: boolean;
}

const EXAMPLE = `
Example:
  $ flere allocate data/counts-2017.csv
  $ flere allocate data/counts-2017.csv --format json -o allocation.json
  $ flere allocate data/counts-2017.csv --total 262500000.00 --unit 0.01 --explain

The input has a kommune column (code or name; header kommune, kode, code, name, …) and a
count column (antal, personer, count, …). Comma, semicolon or tab; UTF-8 or Windows-1252.`;

/** Adds `allocate` to the program. */
export function defineAllocate(program: Command, ctx: CliContext): void {
  program
    .command('allocate')
    .description('split a pool among kommuner in proportion to their counts, and each share into tranches')
    .argument('[file]', 'counts CSV, or - for standard input')
    .option('--pool <name|file>', 'pool whose total, unit and tranche shares are the defaults (default: flere-skal-med-1)')
    .option('--total <amount>', 'the pool to divide (default: the pool\'s total, 262500000)', positiveDecimal)
    .option('--unit <amount>', 'rounding unit: 1 krone, 0.01 øre, 1000, 0.05 … (default: 1)', positiveDecimal)
    .option('--tranches <shares>', 'tranche shares in percent (default: 30,40,30)', trancheShares)
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, csv otherwise)').choices(FORMATS))
    .addOption(new Option('--locale <locale>', 'CSV dialect: plain (comma, dot) or da (Danish Excel: semicolon, decimal comma, BOM, CRLF)').choices(Object.keys(CSV_DIALECTS)))
    .option('-o, --output <file>', 'write to FILE (atomically) instead of standard output')
    .option('--no-registry', 'recipients are free names (header name,count), not kommuner')
    .option('--applicants <file>', 'kommuner that applied; the others\' money goes to the follow-up pool')
    .option('--explain', 'show exact quotas, floors, remainders and who got the extra units')
    .addOption(new Option('--encoding <name>', 'input encoding').choices(['utf-8', 'windows-1252', 'utf-16le', 'utf-16be']))
    .option('--delimiter <char>', 'input delimiter (default: sniffed from the header line)')
    .addOption(new Option('--decimal-mark <mark>', 'decimal mark of numbers in the input').choices(['.', ',']))
    .addHelpText('after', EXAMPLE)
    .action(async (file: string | undefined, options: AllocateOptions, command: Command) => {
      const { runAllocate } = await import('../actions/allocate.js');
      const globals = command.optsWithGlobals<{ color: boolean }>();
      await runAllocate(file, { ...options, color: globals.color }, ctx);
    });
}
