/**
 * `flere check`: its options and help. The work happens in `../actions/check.ts`, loaded
 * only when the command runs.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { parseMonth } from '../../core/months.js';
import { CSV_DIALECTS, type CsvLocale } from '../../io/render/csv-dialect.js';
import { FORMATS, type Format } from '../../io/render/formats.js';
import type { CliContext } from '../context.js';

/** Typed options of `flere check`, as commander hands them over. */
export interface CheckOptions {
  allocation: string;
  /** A person-month file (or `-`) read instead of PROGRESS, aggregated as `flere progress` does. */
  persons?: string;
  pool?: string;
  asOf?: string;
  ledger?: string;
  record?: boolean;
  quiet?: boolean;
  format?: Format;
  locale?: CsvLocale;
  output?: string;
  encoding?: string;
  delimiter?: string;
  decimalMark?: '.' | ',';
  color: boolean;
}

const EXAMPLE = `
Example:
  $ flere allocate data/counts-2017.csv --format json -o allocation.json
  $ flere check data/progress-2017.csv --allocation allocation.json --as-of 2018-06
  $ flere check data/progress-2017.csv --allocation allocation.json --ledger payouts.csv --record --quiet
  $ flere check --persons persons.csv --allocation allocation.json

Give the progress either as PROGRESS or as a person file with --persons FILE (one row per
person and month, aggregated exactly as flere progress does), not both.

Statuses: due (condition met, not in the ledger), paid (in the ledger), pending (not met
yet), forfeited (not met by the pool's end month). With --record, the due tranches are
appended to the ledger (atomically, under a lock: a second run at the same time exits 3).
With --quiet, nothing is printed unless something is due: made for cron.`;

function month(text: string): string {
  const m = parseMonth(text.trim());
  if (m === undefined) throw new InvalidArgumentError(`expected a month as YYYY-MM, got "${text}"`);
  return m;
}

/** Adds `check` to the program. */
export function defineCheck(program: Command, ctx: CliContext): void {
  program
    .command('check')
    .description('which tranches fell due, month by month, against a progress file and a payout ledger')
    .argument('[progress]', 'progress CSV (kommune, month, target_group, cleared, recipients, company_activity, …), or -')
    .requiredOption('--allocation <file>', 'what flere allocate wrote (JSON or CSV), or a kommune,amount grants file')
    .option('--persons <file>', 'person-month CSV (as flere progress reads it), or -, instead of PROGRESS')
    .option('--pool <name|file>', 'pool preset or JSON file (default: flere-skal-med-1; see flere pools)')
    .option('--as-of <month>', 'evaluate the months up to this one, YYYY-MM (default: the last month in the data)', month)
    .option('--ledger <file>', 'payout ledger CSV: tranches in it are paid')
    .option('--record', 'append the due tranches to the ledger (needs --ledger)')
    .option('-q, --quiet', 'print only due tranches, and nothing when none is due')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, csv otherwise)').choices(FORMATS))
    .addOption(new Option('--locale <locale>', 'CSV dialect: plain or da (Danish Excel)').choices(Object.keys(CSV_DIALECTS)))
    .option('-o, --output <file>', 'write to FILE (atomically) instead of standard output')
    .addOption(new Option('--encoding <name>', 'progress file encoding').choices(['utf-8', 'windows-1252', 'utf-16le', 'utf-16be']))
    .option('--delimiter <char>', 'progress file delimiter (default: sniffed from the header line)')
    .addOption(new Option('--decimal-mark <mark>', 'decimal mark of numbers in the inputs').choices(['.', ',']))
    .addHelpText('after', EXAMPLE)
    .action(async (progress: string | undefined, options: CheckOptions, command: Command) => {
      const { runCheck } = await import('../actions/check.js');
      const globals = command.optsWithGlobals<{ color: boolean }>();
      await runCheck(progress, { ...options, color: globals.color }, ctx);
    });
}
