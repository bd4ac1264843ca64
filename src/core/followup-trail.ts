/**
 * The audit trail of a follow-up pool: how much of each source's money reached each
 * recipient, and how much of it stayed unallocated. Money in the pool is fungible, so the
 * natural attribution is proportional: source s (amount S) gives recipient r (amount A of
 * the pool P) exactly S·A / P. Those shares are rarely whole kroner, so the table is rounded
 * by controlled rounding (Cox): every cell is its exact share rounded down or up, every row
 * still sums to its source, and every column to its recipient's amount (and to the
 * unallocated rest). Every krone is thus traced, in whole base units, with no residue.
 */
import { roundSharesTable } from './controlled-rounding.js';
import { type Fixed, rescale } from './decimal.js';
import type { Followup } from './followup.js';

/**
 * flows[s][r]: base units of source s (in `followup.sources` order) that went to recipient r
 * (in `followup.rows` order); the last column, index `rows.length`, is what stayed
 * unallocated. A base unit is 10^−scale kroner: the finest decimal place of the sources and
 * the follow-up unit (1 krone for whole-kroner allocations).
 */
export interface FollowupTrail {
  /** Decimal places of the base unit: cells are `digits` of a Fixed at this scale. */
  readonly scale: number;
  readonly flows: readonly (readonly bigint[])[];
  /** Each source's amount in base units: flows[s] sums to it. */
  readonly sourceTotals: readonly bigint[];
  /** Each recipient's amount, then the unallocated rest, in base units: columns sum to these. */
  readonly columnTotals: readonly bigint[];
}

/**
 * Traces a distributed follow-up pool. Ties among equal fractional parts go to the earlier
 * source and column in canonical order (ascending code), so the trail does not depend on
 * the order of the input rows. Invariants: Σ_r flows[s][r] = source s;
 * Σ_s flows[s][r] = column r; |flows[s][r] − S·A/P| < 1 base unit.
 */
export function traceFollowup(followup: Followup): FollowupTrail {
  const scale = Math.max(followup.unit.scale, followup.pool.scale, ...followup.sources.map((s) => s.amount.scale));
  const base = (x: Fixed): bigint => rescale(x, scale).digits;
  const unitBase = base(followup.unit);
  const sourceTotals = followup.sources.map((s) => base(s.amount));
  const columnTotals = [...followup.rows.map((r) => r.amount * unitBase), base(followup.unallocated)];
  const pool = sourceTotals.reduce((s, x) => s + x, 0n);
  const flows =
    pool === 0n
      ? sourceTotals.map(() => columnTotals.map(() => 0n))
      : roundSharesTable(sourceTotals, columnTotals, columnTotals);
  return { scale, flows, sourceTotals, columnTotals };
}
