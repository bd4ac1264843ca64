/**
 * The one order of recipient ids (kommune codes and free names) everywhere in flere:
 * Unicode code point order, as the README promises. JavaScript's `<` compares UTF-16 code
 * units instead, which differs for characters above U+FFFF: `𝔸` (U+1D538, the surrogates
 * D835 DD38) sorts before `ﬀ` (U+FB00) by code units, after it by code points.
 */

const HIGH_FIRST = 0xd800;
const HIGH_LAST = 0xdbff;
const LOW_FIRST = 0xdc00;
const LOW_LAST = 0xdfff;

/**
 * Compares two strings by Unicode code points: negative, zero or positive like a sort
 * comparator. A lone surrogate counts as the code point of its own value (as `Array.from`
 * and `String.prototype.codePointAt` see it). Equal strings give 0; a proper prefix
 * comes first.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Below the surrogates on both sides, code units are code points (almost every name).
    if (x < HIGH_FIRST && y < HIGH_FIRST) return x - y;
    // The strings agree before i. If a low surrogate at i completes the high one both share
    // at i − 1, the code points that differ start at i − 1; otherwise they start at i.
    const at = i > 0 && isHigh(a.charCodeAt(i - 1)) && (isLow(x) || isLow(y)) ? i - 1 : i;
    return (a.codePointAt(at) as number) - (b.codePointAt(at) as number);
  }
  return a.length - b.length;
}

const isHigh = (c: number): boolean => c >= HIGH_FIRST && c <= HIGH_LAST;
const isLow = (c: number): boolean => c >= LOW_FIRST && c <= LOW_LAST;

// A string without surrogates is all BMP characters: each code unit is its code point.
const SURROGATE = /[\ud800-\udfff]/;

/** Whether `s` holds a UTF-16 surrogate; without one, `<` on it is code point order. */
export const hasSurrogate = (s: string): boolean => SURROGATE.test(s);

/**
 * compareCodePoints' order, chosen once for comparisons among the keys of `items`: the
 * engine's own `<` when no key holds a surrogate (then code units are code points, and `<`
 * sorts a million names several times faster), else compareCodePoints itself.
 */
export function codePointOrderAmong<T>(items: readonly T[], key: (item: T) => string): (a: string, b: string) => number {
  for (const item of items) if (hasSurrogate(key(item))) return compareCodePoints;
  return byCodeUnits;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
