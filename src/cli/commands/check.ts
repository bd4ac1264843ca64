/**
 * `flere check`: its options and help. The work happens in `../actions/check.ts`, loaded
 * only when the command runs.
 */
import { FORMATS } from '../../io/render/formats.js';
import {
  type ColorOptionValue,
  type CommandSpec,
  type InputOptionValues,
  inputOptions,
  outputOptions,
  type OutputOptionValues,
  sheetOption,
  type SheetOptionValue,
} from '../command-spec.js';
import { monthValue, type TargetGroupOptionValues, targetGroupOptions } from './target-group-options.js';

/** Typed options of `flere check`, as the command line hands them over. */
export interface CheckOptions extends OutputOptionValues, InputOptionValues, SheetOptionValue, ColorOptionValue, TargetGroupOptionValues {
  allocation: string;
  /** A person-month file (or `-`) read instead of PROGRESS, aggregated as `flere progress` does. */
  persons?: string;
  pool?: string;
  asOf?: string;
  ledger?: string;
  record?: boolean;
  quiet?: boolean;
  /** Exit 4 instead of 0 when a tranche is due, so that cron can tell news by the status. */
  exitCode?: boolean;
}

const EXAMPLE = `
Example:
  $ flere allocate data/counts-2017.csv --format json -o allocation.json
  $ flere check data/progress-2017.csv --allocation allocation.json --as-of 2018-06
  $ flere check data/progress-2017.csv --allocation allocation.json --ledger payouts.csv --record --quiet
  $ flere check --persons persons.csv --allocation allocation.json

Give the progress either as PROGRESS or as a person file with --persons FILE (one row per
person and month, aggregated exactly as flere progress does), not both. With --persons,
--reference-month and --leavers form the target groups as in flere progress.

Statuses: due (condition met, not in the ledger), paid (in the ledger), pending (not met
yet), forfeited (not met by the pool's end month). With --record, the due tranches are
appended to the ledger (atomically, under a lock: a second run at the same time exits 3).
With --quiet, nothing is printed unless something is due: made for cron. With --exit-code
the status tells it too: 0 nothing due, 4 something due (and recorded), 1-3 and 70 errors.`;

/** `flere check`. */
export const checkCommand: CommandSpec = {
  name: 'check',
  summary: 'which tranches fell due, month by month, against a progress file and a payout ledger',
  argument: { name: 'progress', description: 'progress CSV or .xlsx (kommune, month, target_group, cleared, recipients, company_activity, …), or -', required: false },
  options: [
    { long: 'allocation', value: '<file>', description: 'what flere allocate wrote (JSON, CSV or .xlsx), or a kommune,amount grants file', required: true },
    { long: 'persons', value: '<file>', description: 'person-month CSV or .xlsx (as flere progress reads it), or -, instead of PROGRESS' },
    { long: 'pool', value: '<name|file>', description: 'pool preset or JSON file (default: flere-skal-med-1; see flere pools)' },
    { long: 'as-of', value: '<month>', description: 'evaluate the months up to this one, YYYY-MM (default: the last month in the data)', parse: monthValue },
    { long: 'ledger', value: '<file>', description: 'payout ledger CSV: tranches in it are paid' },
    { long: 'record', description: 'append the due tranches to the ledger (needs --ledger)' },
    { long: 'quiet', short: 'q', description: 'print only due tranches, and nothing when none is due' },
    ...targetGroupOptions(),
    { long: 'exit-code', description: 'exit 4 (not 0) when a tranche is due (recorded, with --record): for scripts' },
    ...outputOptions(FORMATS, 'table on a terminal, csv otherwise'),
    ...inputOptions('the progress file'),
    sheetOption('PROGRESS (or --persons)'),
  ],
  example: EXAMPLE,
  run: async (progress, options, ctx) => {
    const { runCheck } = await import('../actions/check.js');
    return runCheck(progress, options as unknown as CheckOptions, ctx);
  },
};
