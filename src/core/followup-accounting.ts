/**
 * The checks that a follow-up pool lost or invented no money, each side summed separately
 * from its own data so that a mistake in one place cannot hide behind a sum taken from
 * another: the recipients plus the unallocated rest make the follow-up pool, and what the
 * applicants keep plus the follow-up plus every unallocated rest make the original pool.
 */
import { compareFixed, type Fixed, sumFixed } from './decimal.js';
import { unitsToAmount } from './money.js';
import type { Followup } from './followup.js';
import { type AllocatedKommune, ledgerKey } from './tranche-status.js';

/** What the allocation file states about the original pool, when it states it (JSON does, CSV not). */
export interface OriginalPool {
  /** The original pool in kroner (`total`); undefined when the file does not say. */
  readonly total?: Fixed;
  /** The original pool's rest below one unit in kroner (`unallocated`); undefined = 0. */
  readonly unallocated?: Fixed;
}

/** Every amount of the two balances, in kroner, and whether each balance holds exactly. */
export interface FollowupAccounting {
  /** The original pool: as stated, or Σ allocated + its unallocated rest when not stated. */
  readonly originalPool: Fixed;
  readonly originalStated: boolean;
  /** Σ amounts of every kommune in the allocation. */
  readonly allocated: Fixed;
  /** The allocation's own rest below one unit. */
  readonly allocationUnallocated: Fixed;
  /** Σ tranches of the applying kommuner that were not forfeited. */
  readonly keptByApplicants: Fixed;
  /** Σ sources of the follow-up pool. */
  readonly followupPool: Fixed;
  /** Σ follow-up recipients' amounts. */
  readonly followupPaid: Fixed;
  readonly followupUnallocated: Fixed;
  /** The allocation's amounts plus its rest make its stated total (the input is consistent). */
  readonly allocationBalances: boolean;
  /** followupPaid + followupUnallocated = followupPool. */
  readonly followupBalances: boolean;
  /** keptByApplicants + followupPaid + followupUnallocated + allocationUnallocated = originalPool. */
  readonly originalBalances: boolean;
}

const ZERO: Fixed = { digits: 0n, scale: 0 };
const sum = (xs: readonly Fixed[]): Fixed => (xs.length === 0 ? ZERO : sumFixed(xs));
const equal = (a: Fixed, b: Fixed): boolean => compareFixed(a, b) === 0;

/**
 * Accounts for the original pool after a follow-up. The applicants' kept money is summed
 * from the allocation's tranches (skipping the forfeited ones), the follow-up pool from its
 * sources, and the recipients' money from their rows, so the balances are true checks.
 */
export function accountFollowup(
  allocation: readonly AllocatedKommune[],
  original: OriginalPool,
  followup: Followup,
): FollowupAccounting {
  const forfeited = new Set(followup.sources.filter((s) => s.tranche !== null).map((s) => ledgerKey(s.id, s.tranche ?? 0)));
  const allocated = sum(allocation.map((k) => k.amount));
  const allocationUnallocated = original.unallocated ?? ZERO;
  const keptByApplicants = sum(
    allocation.flatMap((k) => (k.applied ? k.tranches.filter((_, j) => !forfeited.has(ledgerKey(k.id, j + 1))) : [])),
  );
  const followupPaid = sum(followup.rows.map((r) => unitsToAmount(r.amount, followup.unit)));
  const originalPool = original.total ?? sumFixed([allocated, allocationUnallocated]);
  const outcome = sum([keptByApplicants, followupPaid, followup.unallocated, allocationUnallocated]);
  return {
    originalPool,
    originalStated: original.total !== undefined,
    allocated,
    allocationUnallocated,
    keptByApplicants,
    followupPool: followup.pool,
    followupPaid,
    followupUnallocated: followup.unallocated,
    allocationBalances: equal(sumFixed([allocated, allocationUnallocated]), originalPool),
    followupBalances: equal(sumFixed([followupPaid, followup.unallocated]), followup.pool),
    originalBalances: equal(outcome, originalPool),
  };
}
