/**
 * One evaluation as `flere check` makes it: the ledger is first reconciled with the
 * allocation (a ledger that disagrees stops everything), then every tranche's status is
 * computed. `flere check` and `flere report` both call this, so that a report shows exactly
 * the statuses a check would print for the same inputs.
 */
import { FlereError } from './diagnostics.js';
import { reconcileLedger } from './ledger-reconcile.js';
import { type StatusInput, type TrancheReport, trancheStatuses } from './tranche-status.js';

/**
 * The status of every tranche (see `trancheStatuses`). With `ledgerFile` (the ledger's name
 * in diagnostics) the ledger's entries are reconciled first; any disagreement throws one
 * FlereError (data) with every `ledger.*` problem.
 */
export function evaluateTranches(input: StatusInput, ledgerFile?: string): TrancheReport[] {
  if (ledgerFile !== undefined) {
    const problems = reconcileLedger(input.ledger, input.allocations, input.pool.tranches.length, ledgerFile);
    if (problems.length > 0) throw new FlereError('data', problems);
  }
  return trancheStatuses(input);
}
