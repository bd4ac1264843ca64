/**
 * `flere progress`: its options and help. The work happens in `../actions/progress.ts`,
 * loaded only when the command runs.
 */
import { type Command, Option } from 'commander';
import { FORMATS, type Format } from '../../io/render/formats.js';
import type { CliContext } from '../context.js';

/** Typed options of `flere progress`, as commander hands them over. */
export interface ProgressOptions {
  format?: Format;
  output?: string;
}

const EXAMPLE = `
Example:
  $ flere progress persons.csv -o progress.csv
  $ flere check progress.csv --allocation allocation.json

The person file has one row per person and month: person,kommune,month,recipient,cleared,
company,paid_hours (flags 0/1; Danish headers such as cpr, kommunekode, måned, afklaret work
too). Per kommune and month: target_group = distinct persons of the kommune in the file;
cleared = persons first cleared in that kommune in that month or earlier; recipients,
company_activity (recipient and company) and paid_hours that month. Rows may come in any
order. Person identifiers never appear in the output or in messages.`;

/** Adds `progress` to the program. */
export function defineProgress(program: Command, ctx: CliContext): void {
  program
    .command('progress')
    .description('turn person-month records into the kommune-month progress that flere check reads')
    .argument('<persons>', 'person-month CSV, or - for standard input')
    .addOption(new Option('--format <format>', 'output format (default: csv)').choices(FORMATS))
    .option('-o, --output <file>', 'write to FILE (atomically) instead of standard output')
    .addHelpText('after', EXAMPLE)
    .action(async (persons: string, options: ProgressOptions) => {
      const { runProgress } = await import('../actions/progress.js');
      await runProgress(persons, options, ctx);
    });
}
