/**
 * Largest-remainder (Hamilton) apportionment on exact rationals.
 *
 * Recipient i with weight w_i of a total weight W has the exact quota q_i = N·w_i / W of N
 * units. It gets floor(q_i); the L = N − Σ floor(q_i) units left over go one each to the L
 * largest remainders (N·w_i mod W, compared as integers because they share the denominator
 * W). Equal remainders are ordered by the caller's tie rule, which must depend only on the
 * recipients themselves (e.g. the lower kommune code), never on the order of input rows.
 */
import { sharedBigInt } from './shared-bigint.js';

/** The outcome of one apportionment, with everything needed to explain it. */
export interface Apportionment {
  /** Units per recipient, in input order. Σ amounts = units. Each is floor or floor + 1 of its quota. */
  readonly amounts: readonly bigint[];
  /** floor(N·w_i / W), in input order. */
  readonly floors: readonly bigint[];
  /** N·w_i mod W: the remainder as a numerator over `denominator`. 0 ≤ r < W. */
  readonly remainders: readonly bigint[];
  /** W, the sum of the weights: the common denominator of every quota and remainder. */
  readonly denominator: bigint;
  /** Number of units handed out by remainder (N − Σ floors); always < number of recipients. */
  readonly leftover: bigint;
  /**
   * 1-based rank of each recipient's remainder in the order extra units are handed out
   * (largest remainder first, ties by the tie rule); null for a zero remainder. Only
   * `--explain` shows ranks, so they are computed (a full sort) on first access.
   */
  readonly ranks: readonly (number | null)[];
}

/**
 * Apportions `units` (≥ 0) among recipients with non-negative integer `weights` (not all 0).
 * `tieOrder(i, j) < 0` puts recipient i before j among equal remainders; it must be a total
 * order on the recipients. Invariants: Σ amounts = units; amounts[i] − quota_i ∈ (−1, 1);
 * a zero weight gets zero; the result does not depend on the order of the input.
 */
export function largestRemainder(
  units: bigint,
  weights: readonly bigint[],
  tieOrder: (i: number, j: number) => number,
): Apportionment {
  if (units < 0n) throw new RangeError('units must be ≥ 0');
  let denominator = 0n;
  for (const w of weights) {
    if (w < 0n) throw new RangeError('weights must be ≥ 0');
    denominator += w;
  }
  if (denominator === 0n) throw new RangeError('the weights sum to zero');

  const n = weights.length;
  const floors = new Array<bigint>(n);
  const remainders = new Array<bigint>(n);
  let handedOut = 0n;
  for (let i = 0; i < n; i++) {
    const scaled = units * (weights[i] as bigint);
    const floor = scaled / denominator;
    floors[i] = sharedBigInt(floor);
    remainders[i] = sharedBigInt(scaled % denominator);
    handedOut += floor;
  }
  const leftover = units - handedOut;

  const amounts = floors.slice();
  for (const i of firstInOrder(remainders, Number(leftover), tieOrder)) amounts[i] = sharedBigInt((amounts[i] as bigint) + 1n);
  let ranks: (number | null)[] | undefined;
  return {
    amounts,
    floors,
    remainders,
    denominator,
    leftover,
    // A getter, so that the full sort behind the ranks is paid only by `--explain`.
    get ranks() {
      ranks ??= rankRemainders(remainders, tieOrder);
      return ranks;
    },
  };
}

/**
 * Orders recipients for leftover units: the larger remainder first, equal remainders by
 * `tieOrder`. A comparator for indices into `remainders`.
 */
function handingOutOrder(
  remainders: readonly bigint[],
  tieOrder: (i: number, j: number) => number,
): (i: number, j: number) => number {
  return (i, j) => {
    const ri = remainders[i] as bigint;
    const rj = remainders[j] as bigint;
    return ri > rj ? -1 : ri < rj ? 1 : tieOrder(i, j);
  };
}

/** 1-based places in the handing-out order of every positive remainder; null for zero. */
function rankRemainders(remainders: readonly bigint[], tieOrder: (i: number, j: number) => number): (number | null)[] {
  const order: number[] = [];
  for (let i = 0; i < remainders.length; i++) if ((remainders[i] as bigint) > 0n) order.push(i);
  order.sort(handingOutOrder(remainders, tieOrder));
  const ranks = new Array<number | null>(remainders.length).fill(null);
  order.forEach((i, position) => {
    ranks[i] = position + 1;
  });
  return ranks;
}

/**
 * The first `count` recipients in the handing-out order (larger remainder first, ties by
 * `tieOrder`), in no particular order; `count` must not exceed the number of positive
 * remainders (true of a leftover). Rather than sorting everyone (n log n comparisons), it
 * finds the remainder t of the last one served: all remainders above t are served, and of
 * those equal to t the first by `tieOrder` until `count` is reached. The same set as the
 * first `count` of a full sort, for any total tie order.
 */
function firstInOrder(remainders: readonly bigint[], count: number, tieOrder: (i: number, j: number) => number): number[] {
  if (count === 0) return [];
  const candidates: bigint[] = [];
  for (const r of remainders) if (r > 0n) candidates.push(r);
  const threshold = kthLargest(candidates, count);
  const served: number[] = [];
  const tied: number[] = [];
  for (let i = 0; i < remainders.length; i++) {
    const r = remainders[i] as bigint;
    if (r > threshold) served.push(i);
    else if (r === threshold) tied.push(i);
  }
  tied.sort(tieOrder);
  for (let k = 0; served.length < count; k++) served.push(tied[k] as number);
  return served;
}

/**
 * The `k`-th largest value (1-based, counting repeats) of `values`, which it reorders:
 * Hoare's selection with a three-way partition, so that many equal values (remainders of
 * equal weights) cost one pass. Expected O(n); after 64 rounds without finishing (inputs
 * built against the middle pivot) it sorts what is left instead.
 */
function kthLargest(values: bigint[], k: number): bigint {
  let lo = 0;
  let hi = values.length; // the answer is in values[lo, hi)
  let target = k - 1; // its 0-based place in descending order, counted within [lo, hi)
  for (let round = 0; hi - lo > 1; round++) {
    if (round === 64) {
      const rest = values.slice(lo, hi).sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
      return rest[target] as bigint;
    }
    const pivot = values[(lo + hi) >>> 1] as bigint;
    // Partition [lo, hi) into  > pivot | = pivot | < pivot  (descending).
    let above = lo;
    let i = lo;
    let below = hi;
    while (i < below) {
      const v = values[i] as bigint;
      if (v > pivot) {
        values[i] = values[above] as bigint;
        values[above] = v;
        above++;
        i++;
      } else if (v < pivot) {
        below--;
        values[i] = values[below] as bigint;
        values[below] = v;
      } else {
        i++;
      }
    }
    if (lo + target < above) {
      hi = above;
    } else if (lo + target < below) {
      return pivot;
    } else {
      target -= below - lo;
      lo = below;
    }
  }
  return values[lo] as bigint;
}
