/**
 * `flere check --format json`: versioned, stable key order, amounts as decimal strings.
 *
 *     { "version": 1, "as_of": "2018-05", "pool": "flere-skal-med-1", "pool_name": …,
 *       "start", "end", "quiet": false,
 *       "tranches": [ { "id", "name", "tranche", "amount", "status", "month", "evidence",
 *                       "recorded" } ],
 *       "not_applied": [ { "id", "name", "amount" } ], "totals": { "due": "…", … } }
 */
import { formatFixed } from '../../core/decimal.js';
import { type CheckView, evidenceJson, notApplied, statusTotals, wasRecorded } from './check-model.js';

/** The JSON document of a check (see the module comment). */
export function renderCheckJson(view: CheckView): string {
  const totals = Object.fromEntries(statusTotals(view).map((t) => [t.status, formatFixed(t.amount)]));
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
    not_applied: notApplied(view).map((k) => ({ id: k.id, name: k.name, amount: formatFixed(k.amount) })),
    totals,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
