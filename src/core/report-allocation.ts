/**
 * The allocation as a report shows it: the kommuner by amount, the totals of those that
 * applied and those that did not, each tranche's total, and the check that the amounts (and
 * the rest below one unit) make the pool. Pure and exact: amounts in kroner as `Fixed`.
 */
import { compareCodePoints } from './code-point-order.js';
import { compareFixed, type Fixed, sumFixed, ZERO } from './decimal.js';
import type { AllocatedKommune } from './tranche-status.js';

/** A sum of kroner over some kommuner, and how many they are. */
export interface KommuneTotal {
  readonly kommuner: number;
  /** Kroner, exact. */
  readonly amount: Fixed;
}

/** Everything the allocation section shows. */
export interface AllocationSummary {
  /** Every kommune, largest amount first; equal amounts in code order. */
  readonly byAmount: readonly AllocatedKommune[];
  readonly applied: KommuneTotal;
  readonly notApplied: KommuneTotal;
  /** Σ tranche i over the applicants, per tranche (length: the most tranches any kommune has). */
  readonly trancheTotals: readonly Fixed[];
  /** Σ every kommune's amount. */
  readonly sum: Fixed;
  /** The rest below one unit the file states (0 when it states none). */
  readonly unallocated: Fixed;
  /**
   * Kroner the file accounts for: `sum + unallocated`, exact. Equal in value to `total` when
   * `balances`; the figure a mismatch is reported with.
   */
  readonly counted: Fixed;
  /** The pool the file states (JSON's `total`); undefined when it states none (CSV). */
  readonly total?: Fixed;
  /**
   * Kroner of the whole pool, the figure the page measures against: `total` when the file
   * states one (as written, so its scale is the file's), else `counted`.
   */
  readonly pool: Fixed;
  /** counted = total, exactly; undefined when there is no total to check against. */
  readonly balances?: boolean;
}

/** Compares kommune names in Danish order (Æ, Ø, Å after Z); one collator, made once. */
export const byDanishName: (a: string, b: string) => number = new Intl.Collator('da').compare;

/** Orders by amount, largest first, then by id in code-point order (the one order of ids). */
export function byAmountDescending(a: AllocatedKommune, b: AllocatedKommune): number {
  return compareFixed(b.amount, a.amount) || compareCodePoints(a.id, b.id);
}

/** Summarises an allocation; `total` and `unallocated` as the file states them (if it does). */
export function summariseAllocation(
  kommuner: readonly AllocatedKommune[],
  stated: { readonly total?: Fixed; readonly unallocated?: Fixed },
): AllocationSummary {
  const applied = kommuner.filter((k) => k.applied);
  const notApplied = kommuner.filter((k) => !k.applied);
  const trancheCount = Math.max(0, ...applied.map((k) => k.tranches.length));
  const trancheTotals = Array.from({ length: trancheCount }, (_, i) =>
    sumFixed(applied.flatMap((k) => (k.tranches[i] === undefined ? [] : [k.tranches[i] as Fixed]))),
  );
  const sum = sumFixed(kommuner.map((k) => k.amount));
  const unallocated = stated.unallocated ?? ZERO;
  const counted = sumFixed([sum, unallocated]);
  return {
    byAmount: [...kommuner].sort(byAmountDescending),
    applied: { kommuner: applied.length, amount: sumFixed(applied.map((k) => k.amount)) },
    notApplied: { kommuner: notApplied.length, amount: sumFixed(notApplied.map((k) => k.amount)) },
    trancheTotals,
    sum,
    unallocated,
    counted,
    pool: stated.total ?? counted,
    ...(stated.total === undefined ? {} : { total: stated.total, balances: compareFixed(counted, stated.total) === 0 }),
  };
}
