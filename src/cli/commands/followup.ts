/**
 * `flere followup`: its options and help. The work happens in `../actions/followup.ts`,
 * loaded only when the command runs.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Fixed } from '../../core/decimal.js';
import type { FollowupKey } from '../../core/followup-recipients.js';
import { CSV_DIALECTS, type CsvLocale } from '../../io/render/csv-dialect.js';
import { FORMATS, type Format } from '../../io/render/formats.js';
import type { CliContext } from '../context.js';
import { positiveDecimal } from '../options.js';

/** Typed options of `flere followup`, as commander hands them over. */
export interface FollowupOptions {
  to: string;
  forfeited?: string;
  /** Undefined: `count`, the default. */
  key?: FollowupKey;
  unit?: Fixed;
  pool?: string;
  format?: Format;
  locale?: CsvLocale;
  output?: string;
  explain?: boolean;
  encoding?: string;
  delimiter?: string;
  decimalMark?: '.' | ',';
  color: boolean;
}

const EXAMPLE = `
Example:
  $ flere allocate data/counts-2017.csv --applicants data/applicants-2017.csv --format json -o allocation.json
  $ flere followup allocation.json --to data/followup-2017.csv --key weight --unit 1000
  $ flere followup allocation.json --forfeited check.json --to data/followup-2017.csv --explain

The follow-up pool is the money of the kommuner that did not apply (applied: false in the
allocation) plus, with --forfeited, the tranches a flere check JSON result lists as
forfeited. It goes to the kommuner of the --to file (a kommune column, code or name) by
largest remainder in whole units: by their counts in the allocation (--key count), equally
(--key equal), or by a column of the --to file (--key COLUMN). The part below one unit is
reported as unallocated; --explain traces every krone from its source to its recipient.`;

/** `--key`: `count`, `equal`, or the name of a weight column of the `--to` file. */
export function followupKey(text: string): FollowupKey {
  const key = text.trim();
  if (key === '') throw new InvalidArgumentError('expected count, equal or the name of a weight column');
  const lower = key.toLowerCase();
  if (lower === 'count') return { kind: 'count' };
  if (lower === 'equal') return { kind: 'equal' };
  return { kind: 'column', column: key };
}

/** Adds `followup` to the program. */
export function defineFollowup(program: Command, ctx: CliContext): void {
  program
    .command('followup')
    .description('distribute the follow-up pool (restpulje): money of kommuner that did not apply, and forfeited tranches')
    .argument('<allocation>', 'what flere allocate wrote (JSON or CSV), or - for standard input')
    .requiredOption('--to <file>', 'the recipients: CSV with a kommune column (and a weight column for --key COLUMN)')
    .option('--forfeited <check>', 'add the tranches a flere check --format json result lists as forfeited')
    .option('--key <count|equal|column>', 'weigh recipients by their count in the allocation, equally, or by a column of --to (default: count)', followupKey)
    .option('--unit <amount>', 'rounding unit of the follow-up amounts, e.g. 1000 (default: the allocation\'s unit)', positiveDecimal)
    .option('--pool <name|file>', 'pool of the allocation (default: the one the allocation names, else flere-skal-med-1)')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, csv otherwise)').choices(FORMATS))
    .addOption(new Option('--locale <locale>', 'CSV dialect: plain or da (Danish Excel)').choices(Object.keys(CSV_DIALECTS)))
    .option('-o, --output <file>', 'write to FILE (atomically) instead of standard output')
    .option('--explain', 'trace every krone from its source to its recipient; exact quotas and remainders')
    .addOption(new Option('--encoding <name>', 'encoding of the CSV inputs').choices(['utf-8', 'windows-1252', 'utf-16le', 'utf-16be']))
    .option('--delimiter <char>', 'delimiter of the CSV inputs (default: sniffed from the header line)')
    .addOption(new Option('--decimal-mark <mark>', 'decimal mark of numbers in the CSV inputs').choices(['.', ',']))
    .addHelpText('after', EXAMPLE)
    .action(async (allocation: string, options: FollowupOptions, command: Command) => {
      const { runFollowup } = await import('../actions/followup.js');
      const globals = command.optsWithGlobals<{ color: boolean }>();
      await runFollowup(allocation, { ...options, color: globals.color }, ctx);
    });
}
