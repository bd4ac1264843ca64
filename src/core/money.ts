/**
 * Money in whole rounding units. A pool of `total` kroner with rounding unit `unit`
 * (1 krone, 0.01 = øre, 1000, 0.05 …) holds floor(total / unit) units; the part below one
 * unit is kept apart as `unallocated`, never dropped and never invented.
 */
import { type Fixed, formatFixed, toCommonScale } from './decimal.js';

/** Whole units of `unit` in `total` (both in kroner, unit > 0, total ≥ 0) and what is left (kroner). */
export function splitIntoUnits(total: Fixed, unit: Fixed): { units: bigint; unallocated: Fixed } {
  if (unit.digits <= 0n) throw new RangeError('unit must be positive');
  if (total.digits < 0n) throw new RangeError('total must be ≥ 0');
  const { digits, scale } = toCommonScale([total, unit]);
  const [t = 0n, u = 1n] = digits;
  const units = t / u;
  return { units, unallocated: { digits: t - units * u, scale } };
}

/** The amount in kroner of `units` units: exact, at the unit's scale. */
export function unitsToAmount(units: bigint, unit: Fixed): Fixed {
  // Units of 1 krone, 1 øre …: the digits are the units themselves (no new bigint).
  return { digits: unit.digits === 1n ? units : units * unit.digits, scale: unit.scale };
}

/** `units` units as a canonical decimal string in kroner (`1234`, `1234.56`), at the unit's scale. */
export function formatUnits(units: bigint, unit: Fixed): string {
  // Units of 1 krone are kroner: their decimal form is the answer.
  if (unit.digits === 1n && unit.scale === 0) return units.toString();
  return formatFixed(unitsToAmount(units, unit));
}
