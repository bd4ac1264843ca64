/**
 * The checks that a follow-up pool lost or invented no money, each side summed separately
 * from its own data so that a mistake in one place cannot hide behind a sum taken from
 * another: the recipients plus the unallocated rest make the follow-up pool, and what the
 * applicants keep plus what every round paid and left plus what is not yet distributed
 * plus the allocation's own rest make the original pool.
 */
import { compareFixed, type Fixed, sumFixed, ZERO } from './decimal.js';
import { unitsToAmount } from './money.js';
import { type Followup, type FollowupSource, sourceKey } from './followup.js';
import type { AllocatedKommune } from './tranche-status.js';

/** What the allocation file states about the original pool, when it states it (JSON does, CSV not). */
export interface OriginalPool {
  /** The original pool in kroner (`total`); undefined when the file does not say. */
  readonly total?: Fixed;
  /** The original pool's rest below one unit in kroner (`unallocated`); undefined = 0. */
  readonly unallocated?: Fixed;
}

/** The follow-up money outside this round: earlier rounds, and sources left for later. */
export interface OtherRounds {
  /** Sources earlier rounds distributed, with what they paid and left below one unit. */
  readonly earlier?: { readonly sources: readonly FollowupSource[]; readonly paid: Fixed; readonly unallocated: Fixed };
  /** Sources found now that this round does not take and no earlier round took. */
  readonly heldBack: readonly FollowupSource[];
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
  /** Σ tranches of the applying kommuner that are no follow-up source (this round's, an earlier one's or held back). */
  readonly keptByApplicants: Fixed;
  /** Σ paid by earlier rounds (0 without any). */
  readonly earlierPaid: Fixed;
  /** Σ left below one unit by earlier rounds (0 without any). */
  readonly earlierUnallocated: Fixed;
  /** Σ sources held back for a later round. */
  readonly notYetDistributed: Fixed;
  /** Σ sources of the follow-up pool. */
  readonly followupPool: Fixed;
  /** Σ follow-up recipients' amounts. */
  readonly followupPaid: Fixed;
  readonly followupUnallocated: Fixed;
  /** The allocation's amounts plus its rest make its stated total (the input is consistent). */
  readonly allocationBalances: boolean;
  /** followupPaid + followupUnallocated = followupPool. */
  readonly followupBalances: boolean;
  /**
   * keptByApplicants + earlierPaid + earlierUnallocated + followupPaid + followupUnallocated
   * + notYetDistributed + allocationUnallocated = originalPool.
   */
  readonly originalBalances: boolean;
  /**
   * The finest decimal place among all these amounts: the scale at which every one of them
   * can be written exactly (the allocation's total may have øre where the follow-up has none).
   */
  readonly scale: number;
}

const sum = (xs: readonly Fixed[]): Fixed => (xs.length === 0 ? ZERO : sumFixed(xs));
const equal = (a: Fixed, b: Fixed): boolean => compareFixed(a, b) === 0;

/** The original pool in kroner: as the allocation states it, else Σ its amounts + its rest below one unit. */
export function originalPoolOf(allocation: readonly AllocatedKommune[], original: OriginalPool): Fixed {
  return original.total ?? sum([...allocation.map((k) => k.amount), original.unallocated ?? ZERO]);
}

/**
 * Σ tranches (kroner) that the applying kommuner keep: each of their tranches that is no
 * forfeited-tranche source among `sources` (this round's, an earlier round's or one held
 * back; a non-applicant's own money never matches a tranche). Summed from the allocation,
 * not from the follow-up, so that the original balance is a true check of the sources.
 */
export function keptByApplicants(
  allocation: readonly AllocatedKommune[],
  sources: readonly Pick<FollowupSource, 'id' | 'tranche'>[],
): Fixed {
  const forfeited = new Set(sources.filter((s) => s.tranche !== null).map(sourceKey));
  return sum(
    allocation.flatMap((k) => (k.applied ? k.tranches.filter((_, j) => !forfeited.has(sourceKey({ id: k.id, tranche: j + 1 }))) : [])),
  );
}

/** The parts that make the original pool after a follow-up round, each in kroner. */
export interface OriginalPoolParts {
  /** {@link keptByApplicants}. */
  readonly kept: Fixed;
  /** What earlier rounds paid and left below one unit (0 without any). */
  readonly earlier: Fixed;
  /** This round's follow-up pool: what it paid plus its rest below one unit. */
  readonly followup: Fixed;
  /** Sources held back for a later round. */
  readonly notYetDistributed: Fixed;
  /** The allocation's own rest below one unit. */
  readonly allocationUnallocated: Fixed;
}

/**
 * Σ of the parts, exact: what the original pool is after a follow-up round when no krone was
 * lost or invented. `flere followup` and `flere report` both compare it with the original
 * pool, so they balance the same parts.
 */
export function originalOutcome(parts: OriginalPoolParts): Fixed {
  return sum([parts.kept, parts.earlier, parts.followup, parts.notYetDistributed, parts.allocationUnallocated]);
}

/**
 * Accounts for the original pool after a follow-up round. The applicants' kept money is
 * summed from the allocation's tranches (skipping every tranche that is a follow-up source
 * anywhere), the follow-up pool from its sources, the recipients' money from their rows,
 * and the earlier rounds' from what they recorded, so the balances are true checks.
 */
export function accountFollowup(
  allocation: readonly AllocatedKommune[],
  original: OriginalPool,
  followup: Followup,
  others: OtherRounds = { heldBack: [] },
): FollowupAccounting {
  const earlierSources = others.earlier?.sources ?? [];
  const allocated = sum(allocation.map((k) => k.amount));
  const allocationUnallocated = original.unallocated ?? ZERO;
  const kept = keptByApplicants(allocation, [...followup.sources, ...earlierSources, ...others.heldBack]);
  const earlierPaid = others.earlier?.paid ?? ZERO;
  const earlierUnallocated = others.earlier?.unallocated ?? ZERO;
  const notYetDistributed = sum(others.heldBack.map((s) => s.amount));
  const followupPaid = sum(followup.rows.map((r) => unitsToAmount(r.amount, followup.unit)));
  const originalPool = originalPoolOf(allocation, original);
  const outcome = originalOutcome({
    kept,
    earlier: sum([earlierPaid, earlierUnallocated]),
    followup: sum([followupPaid, followup.unallocated]),
    notYetDistributed,
    allocationUnallocated,
  });
  const amounts = {
    originalPool,
    allocated,
    allocationUnallocated,
    keptByApplicants: kept,
    earlierPaid,
    earlierUnallocated,
    notYetDistributed,
    followupPool: followup.pool,
    followupPaid,
    followupUnallocated: followup.unallocated,
  };
  return {
    ...amounts,
    originalStated: original.total !== undefined,
    allocationBalances: equal(sumFixed([allocated, allocationUnallocated]), originalPool),
    followupBalances: equal(sumFixed([followupPaid, followup.unallocated]), followup.pool),
    originalBalances: equal(outcome, originalPool),
    // Every amount a document may show, the earlier rounds' sources among them.
    scale: Math.max(...Object.values(amounts).map((x) => x.scale), ...earlierSources.map((s) => s.amount.scale)),
  };
}
