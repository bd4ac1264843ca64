/**
 * `flere progress`: its options and help. The work happens in `../actions/progress.ts`,
 * loaded only when the command runs.
 */
import { FORMATS, type Format } from '../../io/render/formats.js';
import type { CommandSpec } from '../command-spec.js';

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

/** `flere progress`. */
export const progressCommand: CommandSpec = {
  name: 'progress',
  summary: 'turn person-month records into the kommune-month progress that flere check reads',
  argument: { name: 'persons', description: 'person-month CSV, or - for standard input', required: true },
  options: [
    { long: 'format', value: '<format>', description: 'output format (default: csv)', choices: FORMATS },
    { long: 'output', short: 'o', value: '<file>', description: 'write to FILE (atomically) instead of standard output' },
  ],
  example: EXAMPLE,
  run: async (persons, options, ctx) => {
    const { runProgress } = await import('../actions/progress.js');
    await runProgress(persons as string, options as ProgressOptions, ctx);
  },
};
