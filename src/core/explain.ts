/**
 * Why each recipient got what it got: exact quota, floor, remainder, rank and whether it
 * received one of the leftover units. Everything is exact; formatting happens in `src/io`.
 */
import type { Apportionment } from './apportion.js';

/** A non-negative rational num / den with den > 0 (not necessarily reduced). */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

/** The explanation of one row of an allocation; quantities in units of the pool's unit. */
export interface RowExplanation {
  /** Exact quota N·w / W in units. */
  readonly quota: Ratio;
  /** floor(quota) in units. */
  readonly floor: bigint;
  /** quota − floor, in [0, 1). */
  readonly remainder: Ratio;
  /** 1-based place in the queue for leftover units; null for a zero remainder. */
  readonly rank: number | null;
  /** Whether the row received a leftover unit. */
  readonly extra: boolean;
  /** How many rows share this exact, non-zero remainder (1 = no tie). */
  readonly tieGroup: number;
}

/** The whole explanation, with the check that the amounts sum to the pool. */
export interface AllocationExplanation {
  readonly rows: readonly RowExplanation[];
  /** Units handed out by remainder. */
  readonly leftover: bigint;
  /** Σ amounts (units); equals `units` of the allocation. */
  readonly sum: bigint;
  readonly sumEqualsPool: boolean;
}

/**
 * What can be explained: a largest-remainder result over rows with the number of units it
 * divided (an `Allocation`, or a follow-up pool).
 */
export interface Apportioned {
  readonly apportionment: Apportionment;
  readonly rows: readonly unknown[];
  /** Units divided; Σ apportionment amounts. */
  readonly units: bigint;
}

/** Explains an allocation (or any apportioned pool) row by row (same order as `allocation.rows`). */
export function explainAllocation(allocation: Apportioned): AllocationExplanation {
  const { floors, remainders, denominator, ranks, leftover, amounts } = allocation.apportionment;
  const ties = new Map<bigint, number>();
  for (const r of remainders) if (r > 0n) ties.set(r, (ties.get(r) ?? 0) + 1);
  const rows = allocation.rows.map((_, i): RowExplanation => {
    const floor = floors[i] as bigint;
    const remainder = remainders[i] as bigint;
    return {
      quota: { num: floor * denominator + remainder, den: denominator },
      floor,
      remainder: { num: remainder, den: denominator },
      rank: ranks[i] ?? null,
      extra: (amounts[i] as bigint) > floor,
      tieGroup: remainder > 0n ? (ties.get(remainder) ?? 1) : 1,
    };
  });
  const sum = amounts.reduce((s, a) => s + a, 0n);
  return { rows, leftover, sum, sumEqualsPool: sum === allocation.units };
}
