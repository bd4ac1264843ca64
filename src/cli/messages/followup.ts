/** Wording for problems of `flere followup`: its inputs and how they must agree. */
import type { Diagnostic } from '../../core/diagnostics.js';
import { arg, quoted } from './parts.js';
import { jsonMessages } from './common.js';

/** A kommune as `Lolland (360)`, from the `name` and `kommune` args. */
export const kommune = (d: Diagnostic): string =>
  d.args?.['name'] === undefined ? `kommune ${arg(d, 'kommune')}` : `${arg(d, 'name')} (${arg(d, 'kommune')})`;
/** A follow-up source: `Dragør (155), which did not apply` or `tranche 3 of Brøndby (153), forfeited`. */
const source = (d: Diagnostic): string =>
  arg(d, 'kind') === 'forfeited' ? `tranche ${arg(d, 'tranche')} of ${kommune(d)}, forfeited` : `${kommune(d)}, which did not apply`;
/** The JSON path of a diagnostic about a JSON document, as `tranches[3]: `. */
export const path = (d: Diagnostic): string => (d.value === undefined ? '' : `${d.value}: `);

/** English messages for the follow-up command's codes, without the `flere: FILE:LINE: ` prefix. */
export const followupMessages: Readonly<Record<string, (d: Diagnostic) => string>> = {
  ...jsonMessages('followup-round'),
  ...jsonMessages('check-result'),
  'followup.two-stdin': () => 'only one of the allocation, --to and --forfeited can be read from standard input',
  'followup.no-counts': () =>
    'the allocation has no counts to weigh the recipients by: use --key equal, or --key COLUMN with a weight column in --to',
  'followup.no-such-column': (d) => `no column ${quoted(d)} for --key (the columns are: ${arg(d, 'columns')})`,
  'followup.allocation-total': (d) =>
    `the amounts and the unallocated rest add up to ${arg(d, 'sum')}, but the total says ${arg(d, 'total')}: the allocation has been changed`,
  'followup.recipient-did-not-apply': (d) =>
    `${arg(d, 'name')} did not apply: its own money is in the follow-up pool, so it cannot receive from it`,
  'followup.recipient-not-in-allocation': (d) =>
    `${arg(d, 'name')} has no count in the allocation to weigh it by (use --key equal or --key COLUMN)`,
  'followup.all-zero': (d) => `every recipient's weight (${arg(d, 'key')}) is zero: there is nothing to divide the pool by`,

  'followup.check-other-pool': (d) => `this check result is about pool ${quoted(d)}, the allocation about ${arg(d, 'pool')}`,
  'followup.check-unknown-kommune': (d) => `${path(d)}kommune ${arg(d, 'kommune')} is not in the allocation: the check result belongs to another allocation`,
  'followup.check-not-applied': (d) =>
    `${path(d)}${kommune(d)} did not apply, so it has no tranches (its money is already in the follow-up pool)`,
  'followup.check-no-such-tranche': (d) =>
    `${path(d)}${kommune(d)} has ${arg(d, 'count')} tranches in the allocation, not a tranche ${arg(d, 'tranche')}`,
  'followup.check-amount-mismatch': (d) =>
    `${path(d)}tranche ${arg(d, 'tranche')} of ${kommune(d)} is ${arg(d, 'found')} here but ${arg(d, 'expected')} in the allocation: the check result belongs to another allocation`,
  'followup.check-duplicate': (d) =>
    `${path(d)}tranche ${arg(d, 'tranche')} of kommune ${arg(d, 'kommune')} appears twice (first at ${arg(d, 'first')})`,

  'followup.unit-not-stated': () =>
    'a CSV allocation does not state its rounding unit: give --unit (the unit it was allocated in, e.g. --unit 1000), or use the JSON allocation, which states it',
  'followup.sources-need-forfeited': () => '--sources forfeited needs --forfeited CHECK, the check result that lists the forfeited tranches',
  'followup.round-other-pool': (d) =>
    `${path(d)}this round is of pool ${JSON.stringify(arg(d, 'found'))}, the allocation of ${arg(d, 'pool')}: the round belongs to another allocation`,
  'followup.round-other-allocation': (d) =>
    d.value === 'check.original_pool'
      ? `${path(d)}the round accounted for an original pool of ${arg(d, 'found')}, this allocation's is ${arg(d, 'expected')}: the round belongs to another allocation`
      : arg(d, 'expected') === ''
        ? `${path(d)}${source(d)} is no source of this allocation: the round belongs to another allocation`
        : `${path(d)}${source(d)} is ${arg(d, 'found')} here but ${arg(d, 'expected')} in the allocation: the round belongs to another allocation`,
  'followup.round-twice': (d) =>
    `${path(d)}${source(d)} was distributed twice, by round ${arg(d, 'firstRound')} (${arg(d, 'first')}) and again: the earlier rounds distributed a krone twice`,
  'followup.round-unbalanced': (d) =>
    `the rounds' sources add up to ${arg(d, 'sources')}, but what they paid and left unallocated to ${arg(d, 'outcome')}: the round has been changed`,
  'followup.already-distributed': (d) =>
    `${path(d)}${source(d)}, ${arg(d, 'amount')} kr., was distributed by round ${arg(d, 'round')} already and cannot be distributed again` +
    (arg(d, 'kind') === 'forfeited' ? '' : ' (--sources forfeited takes only the forfeited tranches)'),


  'check-result.quiet': () =>
    'this check result was written with --quiet and lists only the due tranches: run flere check without --quiet for --forfeited',
};
