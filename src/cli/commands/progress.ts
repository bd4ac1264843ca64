/**
 * `flere progress`: its options and help. The work happens in `../actions/progress.ts`,
 * loaded only when the command runs.
 */
import { FORMATS, type Format } from '../../io/render/formats.js';
import type { Lang } from '../../io/render/words.js';
import { type CommandSpec, langOption, outputOption, sheetOption, type SheetOptionValue } from '../command-spec.js';
import { type TargetGroupOptionValues, targetGroupOptions } from './target-group-options.js';

/** Typed options of `flere progress`, as the command line hands them over. */
export interface ProgressOptions extends TargetGroupOptionValues, SheetOptionValue {
  format?: Format;
  lang?: Lang;
  output?: string;
  pool?: string;
}

const EXAMPLE = `
Example:
  $ flere progress persons.csv -o progress.csv
  $ flere check progress.csv --allocation allocation.json

The person file has one row per person and month: person,kommune,month,recipient,cleared,
company,paid_hours (flags 0/1; Danish headers such as cpr, kommunenavn, måned, afklaret work
too). Each kommune's target group is its recipients in the reference month (the pool's,
by default its start month). Per kommune and month: target_group = members cleared by then
(wherever) plus members still in the kommune (--leavers keep: all members); cleared =
members first cleared in that month or earlier, in any kommune; recipients and
company_activity (recipient and company) of the kommune that month; paid_hours = members
counted in target_group with paid hours that month. Rows may come in any order. Person
identifiers and cells never appear in the output or in messages.`;

/** `flere progress`. */
export const progressCommand: CommandSpec = {
  name: 'progress',
  summary: 'turn person-month records into the kommune-month progress that flere check reads',
  argument: { name: 'persons', description: 'person-month CSV or .xlsx workbook, or - for standard input', required: true },
  options: [
    { long: 'pool', value: '<name|file>', description: 'pool preset or JSON file whose reference month forms the target groups (default: flere-skal-med-1)' },
    ...targetGroupOptions(),
    { long: 'format', value: '<format>', description: "output format (default: csv, or from -o's extension)", choices: FORMATS },
    langOption,
    outputOption,
    sheetOption('PERSONS'),
  ],
  example: EXAMPLE,
  run: async (persons, options, ctx) => {
    const { runProgress } = await import('../actions/progress.js');
    await runProgress(persons as string, options as ProgressOptions, ctx);
  },
};
