/**
 * `flere report`: its options and help. The work happens in `../actions/report.ts`, and the
 * page's rendering in a bundle of its own, both loaded only when the command runs.
 */
import { type ColorOptionValue, type CommandSpec, type InputOptionValues, inputOptions, sheetOption, type SheetOptionValue } from '../command-spec.js';
import { monthValue, type TargetGroupOptionValues, targetGroupOptions } from './target-group-options.js';

/** Typed options of `flere report`, as the command line hands them over. */
export interface ReportOptions extends InputOptionValues, SheetOptionValue, ColorOptionValue, TargetGroupOptionValues {
  /** A `flere check --format json` result. */
  check?: string;
  /** A kommune-month progress file, evaluated as `flere check` evaluates it. */
  progress?: string;
  /** A person-month file, aggregated as `flere progress` does, instead of --progress. */
  persons?: string;
  pool?: string;
  asOf?: string;
  ledger?: string;
  /** A `flere followup --format json` result. */
  followup?: string;
  output?: string;
}

const EXAMPLE = `
Example:
  $ flere allocate data/counts-2017.csv --applicants data/applicants-2017.csv --format json -o allocation.json
  $ flere report allocation.json --progress data/progress-2017.csv -o report.html
  $ flere report allocation.json --check check.json --followup followup.json -o report.html

One self-contained HTML page (no network, no script): the allocation; with a check result
or progress, the tranches over time; with progress, each kommune's progress against the
rules (kommuner whose data stopped, or close to a threshold, first); with a follow-up
result, where the follow-up pool's money came from and went. Give the statuses either as
--check or as progress (--progress or --persons, with --as-of, --ledger, and for a person
file --reference-month and --leavers, as for flere check), not both.`;

/** `flere report`. */
export const reportCommand: CommandSpec = {
  name: 'report',
  summary: 'one self-contained HTML page: the allocation, the tranches over time, progress, the follow-up pool',
  argument: { name: 'allocation', description: 'what flere allocate wrote (JSON, CSV or .xlsx), or - for standard input', required: true },
  options: [
    { long: 'check', value: '<file>', description: 'a flere check --format json result: the tranches’ statuses' },
    { long: 'progress', value: '<file>', description: 'progress CSV or .xlsx (as flere check reads it): statuses and month-by-month progress' },
    { long: 'persons', value: '<file>', description: 'person-month CSV or .xlsx (as flere progress reads it), instead of --progress' },
    { long: 'pool', value: '<name|file>', description: 'pool preset or JSON file (default: the one the allocation names, else flere-skal-med-1)' },
    { long: 'as-of', value: '<month>', description: 'with progress: evaluate the months up to this one, YYYY-MM (default: the last month in the data)', parse: monthValue },
    { long: 'ledger', value: '<file>', description: 'with progress: payout ledger CSV, read only (tranches in it are paid)' },
    ...targetGroupOptions(),
    { long: 'followup', value: '<file>', description: 'a flere followup --format json result: where the follow-up pool came from and went' },
    { long: 'output', short: 'o', value: '<file>', description: 'write the page to FILE (atomically) instead of standard output' },
    ...inputOptions('the CSV inputs'),
    sheetOption('ALLOCATION'),
  ],
  example: EXAMPLE,
  run: async (allocation, options, ctx) => {
    const { runReport } = await import('../actions/report.js');
    await runReport(allocation as string, options as unknown as ReportOptions, ctx);
  },
};
