/**
 * `flere check --format json`: versioned, stable key order, amounts as decimal strings.
 *
 *     { "version": 1, "as_of": "2018-05", "pool": "flere-skal-med-1", "pool_name": …,
 *       "start", "end", "quiet": false,
 *       "tranches": [ { "id", "name", "tranche", "amount", "status", "month", "evidence",
 *                       "recorded" } ],
 *       "not_applied": [ { "id", "name", "amount" } ], "totals": { "due": "…", … } }
 */
import { formatFixed, sumFixed } from '../../core/decimal.js';
import { TRANCHE_STATUSES } from '../../core/tranche-status.js';
import { type CheckView, evidenceJson, wasRecorded } from './check-model.js';

/** The JSON document of a check (see the module comment). */
export function renderCheckJson(view: CheckView): string {
  const totals = Object.fromEntries(
    TRANCHE_STATUSES.map((s) => [s, formatFixed(sumFixed(view.reports.filter((r) => r.status === s).map((r) => r.amount)))]),
  );
  const document = {
    version: 1,
    as_of: view.asOf,
    pool: view.pool.id,
    pool_name: view.pool.name,
    start: view.pool.start,
    end: view.pool.end,
    // A --quiet result lists only the due tranches; readers such as `followup --forfeited` must know.
    quiet: view.quiet,
    tranches: view.reports.map((r) => ({
      id: r.id,
      name: r.name,
      tranche: r.tranche,
      amount: formatFixed(r.amount),
      status: r.status,
      month: r.month,
      evidence: evidenceJson(r.evidence),
      recorded: wasRecorded(view, r),
    })),
    not_applied: view.quiet
      ? []
      : view.kommuner.filter((k) => !k.applied).map((k) => ({ id: k.id, name: k.name, amount: formatFixed(k.amount) })),
    totals,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
