/**
 * Exact decimal numbers as a BigInt coefficient and a power-of-ten scale:
 * value = digits / 10^scale. No binary float is ever involved.
 */

/** An exact decimal: `digits / 10^scale`, scale ≥ 0. */
export interface Fixed {
  readonly digits: bigint;
  readonly scale: number;
}

const CANONICAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Most fractional digits accepted anywhere; guards against absurd inputs like 1e-999999. */
export const MAX_SCALE = 18;
/** Most integer digits accepted anywhere (well beyond any pool in kroner or øre). */
export const MAX_INTEGER_DIGITS = 30;

/**
 * Parses a canonical decimal string (`-?\d+(\.\d+)?`, dot as decimal mark, no grouping,
 * no exponent). Returns undefined for anything else or for more than MAX_SCALE fractional
 * or MAX_INTEGER_DIGITS integer digits. Locale forms are turned canonical in `src/io`.
 */
export function parseFixed(text: string): Fixed | undefined {
  const m = CANONICAL.exec(text);
  if (!m) return undefined;
  const [, sign, int = '', frac = ''] = m;
  if (frac.length > MAX_SCALE || int.replace(/^0+(?=\d)/, '').length > MAX_INTEGER_DIGITS) return undefined;
  const digits = BigInt(int + frac);
  return { digits: sign === '-' ? -digits : digits, scale: frac.length };
}

/** The same value at a larger (or equal) scale; `x` itself when the scale is already right. */
export function rescale(x: Fixed, scale: number): Fixed {
  if (scale < x.scale) throw new RangeError(`cannot rescale ${x.scale} down to ${scale}`);
  if (scale === x.scale) return x;
  return { digits: x.digits * 10n ** BigInt(scale - x.scale), scale };
}

/**
 * Rescales all values to their largest scale, so that their `digits` compare and add.
 * Values already at that scale keep their own `digits` (no new bigint per value).
 */
export function toCommonScale(xs: readonly Fixed[]): { digits: bigint[]; scale: number } {
  let scale = 0;
  for (const x of xs) if (x.scale > scale) scale = x.scale;
  const digits = new Array<bigint>(xs.length);
  for (let i = 0; i < xs.length; i++) digits[i] = rescale(xs[i] as Fixed, scale).digits;
  return { digits, scale };
}

/**
 * Formats exactly, with exactly `scale` fractional digits (default: the value's own scale).
 * Dot decimal mark, no grouping, `-` for negatives: the form used in JSON and plain CSV.
 */
export function formatFixed(x: Fixed, scale: number = x.scale): string {
  // A whole number needs no padding or point: bigint's own decimal form (`-12`) is the form.
  if (scale === 0 && x.scale === 0) return x.digits.toString();
  const v = rescale(x, scale);
  const negative = v.digits < 0n;
  const abs = (negative ? -v.digits : v.digits).toString().padStart(scale + 1, '0');
  const int = abs.slice(0, abs.length - scale);
  const frac = abs.slice(abs.length - scale);
  return (negative ? '-' : '') + int + (scale > 0 ? '.' + frac : '');
}

/** Compares two decimals exactly: negative, zero or positive like a sort comparator. */
export function compareFixed(a: Fixed, b: Fixed): number {
  const { digits } = toCommonScale([a, b]);
  const [x = 0n, y = 0n] = digits;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Zero, at scale 0: what an empty sum is. */
export const ZERO: Fixed = { digits: 0n, scale: 0 };

/** Σ xs exactly, at the largest scale among them; {@link ZERO} for none. */
export function sumFixed(xs: readonly Fixed[]): Fixed {
  const { digits, scale } = toCommonScale(xs);
  return { digits: digits.reduce((s, d) => s + d, 0n), scale };
}

/**
 * The exact quotient num / den (den > 0) as a decimal with `scale` fractional digits,
 * rounded half away from zero; `exact` tells whether nothing was rounded away.
 */
export function divideToFixed(num: bigint, den: bigint, scale: number): { value: Fixed; exact: boolean } {
  if (den <= 0n) throw new RangeError('denominator must be positive');
  const scaled = num * 10n ** BigInt(scale);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  let q = abs / den;
  const r = abs - q * den;
  if (2n * r >= den) q += 1n;
  return { value: { digits: negative ? -q : q, scale }, exact: r === 0n };
}

/** Greatest common divisor of two integers (≥ 0); gcd(0, 0) = 0. */
export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
