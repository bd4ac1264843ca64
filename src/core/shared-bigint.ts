/**
 * One shared bigint per small value. A bigint is a heap object, and an allocation over a
 * million recipients keeps millions of them (counts, floors, amounts, tranche cells) until
 * the output is written: the young-generation garbage collector copies each one twice on its
 * way to the old generation, which was the largest single cost of such a run. Most of them
 * are small numbers with few distinct values (counts of persons, amounts of small grants), so
 * handing back one shared object per value lets every freshly computed one die young.
 * Bigints are immutable values (`===` compares values), so the sharing cannot be observed.
 */

import type { Fixed } from './decimal.js';

/** Values below this are shared: 2^16 slots, half a megabyte once in use. */
const SHARED_BELOW = 65_536;
const SHARED_BELOW_BIGINT = BigInt(SHARED_BELOW);

let shared: bigint[] | undefined;
let wholes: Fixed[] | undefined;

/** `v`, or the shared bigint equal to it when 0 ≤ v < {@link SHARED_BELOW}. */
export function sharedBigInt(v: bigint): bigint {
  if (v < 0n || v >= SHARED_BELOW_BIGINT) return v;
  // Allocated on first use, full length at once, so the array never turns sparse.
  shared ??= new Array<bigint>(SHARED_BELOW);
  const i = Number(v);
  return (shared[i] ??= v);
}

/**
 * The whole number `v` ≥ 0 as a decimal of scale 0, one shared object per small value (a
 * count of persons read from a million rows), for the same reason. Callers never mutate a
 * `Fixed`: its fields are read-only.
 */
export function sharedWhole(v: bigint): Fixed {
  if (v < 0n || v >= SHARED_BELOW_BIGINT) return { digits: v, scale: 0 };
  wholes ??= new Array<Fixed>(SHARED_BELOW);
  const i = Number(v);
  return (wholes[i] ??= { digits: sharedBigInt(v), scale: 0 });
}
