/**
 * The follow-up pool (restpulje): money of a pool that did not reach its intended kommuner
 * (the amounts of those that did not apply, and tranches forfeited at the pool's end),
 * distributed afterwards among chosen recipients by largest remainder in whole units.
 * Pure: sources and recipients in, exact amounts out.
 */
import { type Apportionment, largestRemainder } from './apportion.js';
import { compareCodePoints } from './code-point-order.js';
import { type Fixed, sumFixed, toCommonScale } from './decimal.js';
import { splitIntoUnits } from './money.js';

/** Why money is in the follow-up pool: a kommune that did not apply, or a forfeited tranche. */
export type FollowupSourceKind = 'not-applied' | 'forfeited';

/** One contribution to the follow-up pool. */
export interface FollowupSource {
  readonly kind: FollowupSourceKind;
  /** Kommune code (`"155"`). */
  readonly id: string;
  readonly name: string;
  /** 1-based tranche number of a forfeited tranche; null for a kommune that did not apply. */
  readonly tranche: number | null;
  /** Kroner, ≥ 0, exact (at the allocation's scale). */
  readonly amount: Fixed;
}

/** One recipient of the follow-up pool with its weight (a count, 1, or a weight column's value). */
export interface FollowupRecipient {
  /** Kommune code; unique among the recipients. */
  readonly id: string;
  readonly name: string;
  /** ≥ 0; the weights are not all zero. */
  readonly weight: Fixed;
}

/** What to distribute, and to whom. */
export interface FollowupRequest {
  readonly sources: readonly FollowupSource[];
  readonly recipients: readonly FollowupRecipient[];
  /** Rounding unit of the follow-up amounts in kroner, > 0 (1000 in December 2017). */
  readonly unit: Fixed;
}

/** One recipient's result; `amount` in units of the follow-up's `unit`. */
export interface FollowupRow {
  readonly recipient: FollowupRecipient;
  readonly amount: bigint;
}

/**
 * A distributed follow-up pool. Invariant: Σ rows' amounts · unit + unallocated = pool,
 * exactly; `unallocated` < one unit.
 */
export interface Followup {
  readonly unit: Fixed;
  /** Sources in canonical order: ascending kommune code, then tranche. */
  readonly sources: readonly FollowupSource[];
  /** Σ sources' amounts in kroner. */
  readonly pool: Fixed;
  /** Whole units of `unit` in the pool: Σ rows' amounts. */
  readonly units: bigint;
  /** Kroner below one unit that no recipient receives: pool − units · unit. */
  readonly unallocated: Fixed;
  /** Recipients in canonical order (ascending code). */
  readonly rows: readonly FollowupRow[];
  /** The apportionment among the rows (same order), for `--explain`. */
  readonly apportionment: Apportionment;
}

/** One key per source: a kommune's own money (`155#`) or one of its tranches (`153#3`). */
export const sourceKey = (s: Pick<FollowupSource, 'id' | 'tranche'>): string => `${s.id}#${s.tranche ?? ''}`;

/** Orders sources by kommune code, a kommune's own money before its tranches, then by tranche. */
export function compareSources(a: FollowupSource, b: FollowupSource): number {
  return compareCodePoints(a.id, b.id) || (a.tranche ?? 0) - (b.tranche ?? 0);
}

/**
 * Distributes the sources' money among the recipients in proportion to their weights:
 * largest remainder in whole units of `unit`, equal remainders to the lower kommune code,
 * so the result does not depend on the order of the inputs. The part of the pool below one
 * unit stays `unallocated`. Throws RangeError for repeated recipient ids, negative amounts
 * or weights, or weights that are all zero: callers validate first.
 */
export function distributeFollowup(request: FollowupRequest): Followup {
  const sources = [...request.sources].sort(compareSources);
  const recipients = [...request.recipients].sort((a, b) => compareCodePoints(a.id, b.id));
  for (let i = 1; i < recipients.length; i++) {
    if (recipients[i]?.id === recipients[i - 1]?.id) throw new RangeError(`duplicate recipient ${recipients[i]?.id}`);
  }
  if (sources.some((s) => s.amount.digits < 0n)) throw new RangeError('source amounts must be ≥ 0');
  const pool = sumFixed(sources.map((s) => s.amount));
  const { units, unallocated } = splitIntoUnits(pool, request.unit);
  const { digits: weights } = toCommonScale(recipients.map((r) => r.weight));
  // Rows are in ascending code order, so "lower index first" is "lower code first".
  const apportionment = largestRemainder(units, weights, (i, j) => i - j);
  const rows = recipients.map((recipient, i) => ({ recipient, amount: apportionment.amounts[i] as bigint }));
  return { unit: request.unit, sources, pool, units, unallocated, rows, apportionment };
}
