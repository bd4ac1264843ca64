/**
 * The allocation of a pool: the pool is apportioned among all recipients by weight
 * (largest remainder in whole units), then the amounts of the recipients that applied are
 * split into tranches. The amounts of those that did not apply form the follow-up pool.
 */
import { type Apportionment, largestRemainder } from './apportion.js';
import { codePointOrderAmong } from './code-point-order.js';
import { type Fixed, toCommonScale } from './decimal.js';
import { splitIntoUnits } from './money.js';
import { splitTranches } from './tranche-split.js';

/** One recipient of a pool: a kommune, or a free name with `--no-registry`. */
export interface Recipient {
  /** Kommune code (`101`) or the free name: unique within an allocation. */
  readonly id: string;
  readonly name: string;
  /** The count (persons) or weight as given, for display. */
  readonly count: Fixed;
  /** Whether the recipient applied; non-applicants get no tranches. */
  readonly applied: boolean;
}

/** What to allocate. */
export interface AllocationRequest {
  /** Pool in kroner, ≥ 0. */
  readonly total: Fixed;
  /** Rounding unit in kroner, > 0. */
  readonly unit: Fixed;
  /** Tranche shares in percent, positive, summing to 100. */
  readonly shares: readonly Fixed[];
  /** Recipients with unique ids; counts ≥ 0 and not all zero. */
  readonly recipients: readonly Recipient[];
}

/** One recipient's result. Amounts are in units of the pool's unit. */
export interface AllocationRow {
  readonly recipient: Recipient;
  readonly amount: bigint;
  /** Tranche amounts in units summing to `amount`; empty for a non-applicant. */
  readonly tranches: readonly bigint[];
}

/** A complete allocation, rows in canonical order (ascending id). */
export interface Allocation {
  readonly total: Fixed;
  readonly unit: Fixed;
  readonly shares: readonly Fixed[];
  /** Whole units in the pool: Σ rows' amounts. */
  readonly units: bigint;
  /** Kroner below one unit that no one receives: total − units · unit. */
  readonly unallocated: Fixed;
  readonly rows: readonly AllocationRow[];
  /** Units of the tranche columns over the applicants: Σ = units − followup. */
  readonly trancheTotals: readonly bigint[];
  /** Units of the non-applicants, for the follow-up pool. */
  readonly followup: bigint;
  /** The apportionment among the rows (same order), for `--explain`. */
  readonly apportionment: Apportionment;
}

/**
 * Allocates a pool. Recipients are put in canonical order (ascending id, in Unicode code
 * point order) first, so equal remainders go to the lower id and the result is independent of
 * input order. Throws RangeError when all weights are zero or ids repeat: callers validate first.
 */
export function allocate(request: AllocationRequest): Allocation {
  const recipients = canonicalOrder(request.recipients);
  const { units, unallocated } = splitIntoUnits(request.total, request.unit);
  const { digits: weights } = toCommonScale(recipients.map((r) => r.count));
  // Rows are in ascending id order, so "lower index first" is the tie rule "lower id first".
  const apportionment = largestRemainder(units, weights, (i, j) => i - j);

  const applicantRows: number[] = [];
  const applicantAmounts: bigint[] = [];
  recipients.forEach((r, i) => {
    if (!r.applied) return;
    applicantRows.push(i);
    applicantAmounts.push(apportionment.amounts[i] as bigint);
  });
  const split = splitTranches(applicantAmounts, request.shares);
  const tranchesOf = new Array<readonly bigint[]>(recipients.length).fill(NO_TRANCHES);
  applicantRows.forEach((i, k) => {
    tranchesOf[i] = split.cells[k] as readonly bigint[];
  });

  let followup = 0n;
  const rows = recipients.map((recipient, i): AllocationRow => {
    const amount = apportionment.amounts[i] as bigint;
    if (!recipient.applied) followup += amount;
    return { recipient, amount, tranches: tranchesOf[i] as readonly bigint[] };
  });
  return {
    total: request.total,
    unit: request.unit,
    shares: request.shares,
    units,
    unallocated,
    rows,
    trancheTotals: split.columnTotals,
    followup,
    apportionment,
  };
}

/** The tranches of a non-applicant: none (one shared empty array). */
const NO_TRANCHES: readonly bigint[] = Object.freeze([]);

/**
 * The recipients in canonical order, ascending by id in code point order; throws RangeError
 * for a repeated id. Input already in that order (sorted files; kommuner listed by code) is
 * recognised in one pass and returned as it is, without the sort's n log n comparisons.
 */
function canonicalOrder(recipients: readonly Recipient[]): readonly Recipient[] {
  const order = codePointOrderAmong(recipients, (r) => r.id);
  if (isStrictlyAscending(recipients, order)) return recipients;
  const sorted = [...recipients].sort((a, b) => order(a.id, b.id));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.id === sorted[i - 1]?.id) throw new RangeError(`duplicate id ${sorted[i]?.id}`);
  }
  return sorted;
}

/** Whether every id is greater than the one before in `order` (so no id repeats either). */
function isStrictlyAscending(recipients: readonly Recipient[], order: (a: string, b: string) => number): boolean {
  for (let i = 1; i < recipients.length; i++) {
    if (order((recipients[i - 1] as Recipient).id, (recipients[i] as Recipient).id) >= 0) return false;
  }
  return true;
}
