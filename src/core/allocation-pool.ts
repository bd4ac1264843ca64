/**
 * Whether an allocation belongs to a pool. An allocation names its pool (JSON); a CSV
 * allocation does not, but its tranches betray the shares it was split by: `flere allocate`
 * puts every tranche cell within two units of `amount × share / 100`, so a cell further away
 * than that was split by other shares (50/40/10 where 30/40/30 is due).
 */
import { type Fixed, gcd, toCommonScale } from './decimal.js';
import type { AllocatedKommune } from './tranche-status.js';

/** The first kommune whose tranches are not the pool's shares of its amount, and how many are not. */
export interface ShareMismatch {
  readonly kommune: AllocatedKommune;
  /** How many applying kommuner have a tranche off its share. */
  readonly count: number;
}

/**
 * Checks every applying kommune's tranches against `shares` (percent, summing to 100).
 * The allowed distance is exact and never refuses a true allocation. The tranche columns C
 * are the applicants' total T apportioned by the shares (each within one unit u of
 * `T × share / 100`), and each cell is its exact part `amount × C / T` rounded down or up:
 * within u of it, and that part is within `amount × u / T ≤ u` of `amount × share / 100`.
 * So a true cell lies strictly within 2u of `amount × share / 100`; and u divides every
 * amount and cell, so u ≤ G, their greatest common divisor. A cell 2G or more away was not
 * split by these shares. Kommuner whose tranche count differs are left to the reader's own
 * check. Undefined when every kommune fits.
 */
export function trancheShareMismatch(kommuner: readonly AllocatedKommune[], shares: readonly Fixed[]): ShareMismatch | undefined {
  const applied = kommuner.filter((k) => k.applied && k.tranches.length === shares.length);
  const values = toCommonScale(applied.flatMap((k) => [k.amount, ...k.tranches]));
  let g = 0n;
  for (const v of values.digits) g = gcd(g, v);
  if (g === 0n) return undefined;
  const allowed = 2n * g;
  const percent = toCommonScale(shares);
  const hundred = 100n * 10n ** BigInt(percent.scale);
  let first: AllocatedKommune | undefined;
  let count = 0;
  let at = 0;
  for (const k of applied) {
    const amount = values.digits[at] as bigint;
    const off = k.tranches.some((_, i) => {
      const cell = values.digits[at + 1 + i] as bigint;
      const distance = cell * hundred - amount * (percent.digits[i] as bigint);
      return (distance < 0n ? -distance : distance) >= allowed * hundred;
    });
    at += 1 + k.tranches.length;
    if (off) {
      first ??= k;
      count += 1;
    }
  }
  return first === undefined ? undefined : { kommune: first, count };
}
