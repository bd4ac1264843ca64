/**
 * Largest-remainder (Hamilton) apportionment on exact rationals.
 *
 * Recipient i with weight w_i of a total weight W has the exact quota q_i = N·w_i / W of N
 * units. It gets floor(q_i); the L = N − Σ floor(q_i) units left over go one each to the L
 * largest remainders (N·w_i mod W, compared as integers because they share the denominator
 * W). Equal remainders are ordered by the caller's tie rule, which must depend only on the
 * recipients themselves (e.g. the lower kommune code), never on the order of input rows.
 */

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
   * (largest remainder first, ties by the tie rule); null for a zero remainder.
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
    floors[i] = floor;
    remainders[i] = scaled - floor * denominator;
    handedOut += floor;
  }
  const leftover = units - handedOut;

  const order: number[] = [];
  for (let i = 0; i < n; i++) if ((remainders[i] as bigint) > 0n) order.push(i);
  order.sort((i, j) => {
    const ri = remainders[i] as bigint;
    const rj = remainders[j] as bigint;
    return ri > rj ? -1 : ri < rj ? 1 : tieOrder(i, j);
  });

  const amounts = floors.slice();
  const ranks = new Array<number | null>(n).fill(null);
  order.forEach((i, position) => {
    ranks[i] = position + 1;
    if (BigInt(position) < leftover) amounts[i] = (amounts[i] as bigint) + 1n;
  });
  return { amounts, floors, remainders, denominator, leftover, ranks };
}

/** A tie rule for recipients identified by keys: ascending by key (code point order). */
export function tieByKey(keys: readonly string[]): (i: number, j: number) => number {
  return (i, j) => {
    const a = keys[i] as string;
    const b = keys[j] as string;
    return a < b ? -1 : a > b ? 1 : 0;
  };
}
