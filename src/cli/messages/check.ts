/** Wording for problems of `flere check` and `flere pools`: pools, progress, allocations, the ledger. */
import type { Diagnostic } from '../../core/diagnostics.js';
import { arg, col, quoted } from './parts.js';
import { jsonMessages } from './common.js';
import { firstAt } from './workbook.js';


/** English messages for the check command's codes, without the `flere: FILE:LINE: ` prefix. */
export const checkMessages: Readonly<Record<string, (d: Diagnostic) => string>> = {
  ...jsonMessages('pool'),
  ...jsonMessages('allocation'),
  'pool.unknown': (d) => `unknown pool ${quoted(d)}: not a preset (${arg(d, 'presets')}) and no such file`,
  'pool.invalid': (d) => `${d.value ?? '(root)'}: ${arg(d, 'message')}`,

  'check.record-needs-ledger': () => '--record needs --ledger FILE: where should the payouts be recorded?',
  'check.two-stdin': () => 'only one of the progress (PROGRESS or --persons) and --allocation can be read from standard input',
  'check.no-progress': () => 'no progress given: name a progress file as PROGRESS, or a person file with --persons FILE',
  'check.progress-and-persons': () =>
    'give the progress either as PROGRESS or as a person file with --persons FILE, not both',
  'check.persons-reading-options': () =>
    '--encoding and --delimiter are for a PROGRESS file; a --persons file is read as flere progress reads it',
  'check.progress-target-group-options': () =>
    '--reference-month and --leavers are for a --persons file; a PROGRESS file has its target groups already (give them to flere progress)',
  'check.persons-metric': (d) =>
    `pool ${arg(d, 'pool')} reads ${d.value ?? '?'}, which a person file does not give (it gives target_group, cleared, recipients, company_activity, paid_hours): use a progress file`,
  'check.as-of-out-of-period': (d) =>
    `--as-of ${d.value ?? '?'} is far outside the pool's period ${arg(d, 'start')} to ${arg(d, 'end')} (more than ${arg(d, 'margin')} months away): a mistyped year?`,
  'coverage.as-of-after-data': (d) =>
    `--as-of ${d.value ?? '?'} is after the last month in the progress data (${arg(d, 'last')}): the months after it count as no data`,
  'coverage.data-stopped': (d) =>
    `${arg(d, 'kommune')} (${arg(d, 'id')}): no data since ${d.value ?? '?'} (the data runs to ${arg(d, 'last')}); its unmet tranches may be waiting for rows that never came`,
  'check.no-as-of': () => 'the progress file has no data rows: give the month to evaluate with --as-of YYYY-MM',

  'progress.bad-month': (d) => `${col(d)}not a month: ${quoted(d)} (expected YYYY-MM, like 2017-07)`,
  'progress.month-out-of-period': (d) =>
    `${col(d)}${d.value ?? '?'} is far outside the pool's period ${arg(d, 'start')} to ${arg(d, 'end')} (more than ${arg(d, 'margin')} months away): a mistyped year?`,
  'progress.duplicate': (d) =>
    `${col(d)}${arg(d, 'kommune')} has a second row for ${d.value ?? '?'} (first ${firstAt(d)})`,
  'progress.above-bound': (d) =>
    `${col(d)}${d.value ?? '?'} is more than «${arg(d, 'whole')}» (${arg(d, 'wholeValue')})`,
  'progress.not-in-allocation': (d) => `kommune ${d.value ?? '?'} has progress rows but is not in the allocation`,

  'allocation.not-kommune': (d) => `${arg(d, 'path')}: ${quoted(d)} is not a kommune (check works on kommuner only)`,
  'allocation.duplicate': (d) => `${arg(d, 'path')}: ${d.value ?? '?'} appears twice (first at ${arg(d, 'first')})`,
  'allocation.bad-applied': (d) => `${col(d)}expected yes or no, got ${quoted(d)}`,
  'allocation.other-pool': (d) =>
    `this allocation was made for pool ${quoted(d)}, not ${arg(d, 'pool')}: ` +
    (d.args?.['preset'] === 'yes' ? `give --pool ${d.value ?? '?'} (see flere pools)` : 'give --pool with the pool file it was made with'),
  'allocation.other-shares': (d) => {
    const others = Number(d.args?.['count'] ?? 1) - 1;
    return (
      `the tranches of ${arg(d, 'kommune')} (${d.value ?? '?'}), ${arg(d, 'tranches')} of ${arg(d, 'amount')}, are not the ${arg(d, 'shares')} % of pool ${arg(d, 'pool')}` +
      `${others > 0 ? ` (nor are those of ${others} more)` : ''}: an allocation of another pool? Give its --pool`
    );
  },
  'allocation.tranche-count': (d) =>
    `${d.value ? `${d.value}: ` : ''}${arg(d, 'found')} tranches, but the pool has ${arg(d, 'expected')} (is --pool right?)`,
  'allocation.tranche-sum': (d) =>
    `${d.value ? `${d.value}: ` : ''}${arg(d, 'kommune')}'s tranches sum to ${arg(d, 'sum')}, not to its amount ${arg(d, 'amount')}`,

  'kommune.empty': (d) => `${col(d)}empty kommune`,

  'ledger.bad-month': (d) => `${col(d)}not a month: ${quoted(d)} (expected YYYY-MM)`,
  'ledger.bad-tranche': (d) => `${col(d)}not a tranche number: ${quoted(d)}`,
  'ledger.other-pool': (d) => `${col(d)}this row is for pool ${quoted(d)}, not ${arg(d, 'pool')}: is this the right ledger?`,
  'ledger.duplicate': (d) =>
    `kommune ${arg(d, 'kommune')} tranche ${arg(d, 'tranche')} is recorded twice (first on line ${arg(d, 'firstLine')})`,
  'ledger.unknown-kommune': (d) => `${col(d)}kommune ${d.value ?? '?'} is not in the allocation`,
  'ledger.not-applied': (d) => `${col(d)}${arg(d, 'name')} did not apply and has no tranches to pay`,
  'ledger.no-such-tranche': (d) => `${col(d)}tranche ${d.value ?? '?'}, but the pool has ${arg(d, 'count')}`,
  'ledger.amount-mismatch': (d) =>
    `${col(d)}${arg(d, 'name')} tranche ${arg(d, 'tranche')} was paid as ${d.value ?? '?'}, but the allocation says ${arg(d, 'expected')}; the ledger is not changed — check which is right`,
};
