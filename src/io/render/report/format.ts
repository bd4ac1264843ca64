/**
 * How the report writes numbers, months and text: Danish number format (`262.500.000`,
 * `38,2 %`), months as people say them (`Jul 2017`), and HTML-escaped text. Every amount is
 * formatted from its exact value; coordinates are the only floats, and they only place ink.
 */
import { divideToFixed, type Fixed, formatFixed } from '../../../core/decimal.js';
import { ratePercent } from '../../../core/conditions.js';
import type { Month } from '../../../core/months.js';
import { groupDigits } from '../grouping.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML and SVG content and attribute values. */
export const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** An exact decimal in Danish format: `262.500.000`, `1.234,50`. */
export const danish = (x: Fixed): string => groupDigits(formatFixed(x));

/** Kroner in Danish format, exactly (without the unit). */
export const kr = danish;

/** A count in Danish format: `2.700`. */
export const count = (n: bigint | number): string => groupDigits(n.toString());

/** Kroner as a canonical decimal string, for data attributes (`262500000`): what the JSON outputs write. */
export const plain = (x: Fixed): string => formatFixed(x);

/** Kroner in millions, rounded half up to `decimals` places, Danish: `76,6`. */
export function millions(x: Fixed, decimals = 1): string {
  const { value } = divideToFixed(x.digits, 10n ** BigInt(x.scale + 6), decimals);
  return groupDigits(formatFixed(value));
}

/** A percentage written as a canonical decimal string (`"40"`, `"12.5"`), Danish: `12,5 %`. */
export const percentText = (p: string): string => `${groupDigits(p)} %`;

/**
 * `numerator / denominator` in percent, truncated to `decimals` places as `flere check`
 * shows rates (so `40,0 %` really is at least 40 %), Danish; `–` for a denominator of 0.
 */
export function rate(numerator: bigint, denominator: bigint, decimals = 1): string {
  const r = ratePercent(numerator, denominator, decimals);
  return r === null ? '–' : percentText(r);
}

/** A value for placing ink only (pixels): never used for a figure shown as a number. */
export const toNumber = (x: Fixed): number => Number(x.digits) / 10 ** x.scale;

const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `Jul 2017`. */
export const monthShort = (m: Month): string => `${SHORT[Number(m.slice(5, 7)) - 1] ?? '?'} ${m.slice(0, 4)}`;

/** `July 2017`. */
export const monthLong = (m: Month): string => `${LONG[Number(m.slice(5, 7)) - 1] ?? '?'} ${m.slice(0, 4)}`;

/** `Jul` (the month's name alone, for axes that write the year once). */
export const monthName = (m: Month): string => SHORT[Number(m.slice(5, 7)) - 1] ?? '?';

/** A coordinate rounded to 0.1 px: enough for ink, and short to write. */
export const px = (x: number): string => String(Math.round(x * 10) / 10);

/** `1 kommune`, `9 kommuner`. */
export const plural = (n: number, one: string, many: string): string => `${count(n)} ${n === 1 ? one : many}`;
