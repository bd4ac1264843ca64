/** Wording for problems of `flere report`: its options, and how its inputs must agree. */
import type { Diagnostic } from '../../core/diagnostics.js';
import { arg, quoted } from './parts.js';
import { jsonMessages } from './common.js';
import { kommune, path } from './followup.js';


/** English messages for the report command's codes, without the `flere: FILE:LINE: ` prefix. */
export const reportMessages: Readonly<Record<string, (d: Diagnostic) => string>> = {
  ...jsonMessages('followup-result'),
  'report.progress-and-persons': () => 'give the progress either as --progress FILE or as a person file with --persons FILE, not both',
  'report.check-and-progress': () =>
    'give the statuses either as a check result (--check) or as progress (--progress or --persons), not both',
  'report.needs-progress': (d) => `${d.value ?? 'this option'} is for progress data: give --progress FILE or --persons FILE (a check result is already evaluated)`,
  'report.two-stdin': () => 'only one of the allocation, --check, --progress, --persons and --followup can be read from standard input',
  'report.terminal-output': () => 'the report is an HTML page: write it to a file with -o report.html (or pipe it)',

  'report.check-other-pool': (d) => `this check result is about pool ${quoted(d)}, the allocation about ${arg(d, 'pool')} (is --pool right?)`,
  'report.check-no-as-of': (d) => `the check result has no month "as_of" (found ${quoted(d)}): is it what flere check --format json writes?`,
  'report.check-missing': (d) =>
    `tranche ${arg(d, 'tranche')} of ${kommune(d)} is not in the check result: it belongs to another allocation, or was cut`,
  'report.check-month': (d) =>
    arg(d, 'status') === 'due' || arg(d, 'status') === 'paid'
      ? `${path(d)}a tranche that is ${arg(d, 'status')} needs the month it fell due`
      : `${path(d)}a tranche that is ${arg(d, 'status')} has not fallen due, so it has no month`,

  'report.followup-other-pool': (d) => `this follow-up is of pool ${quoted(d)}, the allocation of ${arg(d, 'pool')}`,
  'report.followup-unknown-kommune': (d) => `${path(d)}kommune ${arg(d, 'kommune')} is not in the allocation: the follow-up belongs to another allocation`,
  'report.followup-kind': (d) =>
    arg(d, 'kind') === 'not-applied'
      ? `${path(d)}${kommune(d)} applied, but the follow-up counts it among those that did not`
      : `${path(d)}${kommune(d)} did not apply, so it has no tranche to forfeit`,
  'report.followup-no-such-tranche': (d) => `${path(d)}${kommune(d)} has no tranche ${arg(d, 'tranche')} in the allocation`,
  'report.followup-amount': (d) =>
    `${path(d)}${kommune(d)} gives ${arg(d, 'found')} here but ${arg(d, 'expected')} in the allocation: the follow-up belongs to another allocation`,
  'report.followup-duplicate': (d) => `${path(d)}${kommune(d)} is a source twice`,
  'report.followup-not-forfeited': (d) =>
    `${path(d)}tranche ${arg(d, 'tranche')} of ${kommune(d)} is in the follow-up as forfeited, but its status is ${arg(d, 'status')}`,
  'report.followup-sum': (d) => `${path(d)}the parts add up to ${arg(d, 'found')}, not ${arg(d, 'expected')}: the follow-up has been changed`,
  'report.followup-recipients': (d) => `${path(d)}does not list the recipients of "allocations", in their order`,

};
