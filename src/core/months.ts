/**
 * Calendar months as `YYYY-MM` strings. The canonical form sorts lexicographically in
 * calendar order (years 1000–9999), so months compare as plain strings; arithmetic goes
 * through a month index (year × 12 + month − 1).
 */

/** A calendar month in canonical `YYYY-MM` form (zero-padded month 01–12). */
export type Month = string;

const MONTH = /^(\d{4})-(\d{2})$/;

/** Parses strict `YYYY-MM` (month 01–12, year 1000–9999); undefined for anything else. */
export function parseMonth(text: string): Month | undefined {
  const m = MONTH.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 1000 || month < 1 || month > 12) return undefined;
  return text;
}

/** The month index `year × 12 + (month − 1)`; consecutive months differ by exactly 1. */
export function monthIndex(month: Month): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** The month with the given index (inverse of `monthIndex`). */
export function monthFromIndex(index: number): Month {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month `n` months after `month` (n may be negative); `addMonths('2017-12', 1)` is `2018-01`. */
export function addMonths(month: Month, n: number): Month {
  return monthFromIndex(monthIndex(month) + n);
}

/** The later of two months. */
export function maxMonth(a: Month, b: Month): Month {
  return a < b ? b : a;
}

/** The earlier of two months. */
export function minMonth(a: Month, b: Month): Month {
  return a < b ? a : b;
}

/** Every month from `from` to `to`, both included, in order; empty when `from` is after `to`. */
export function monthRange(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let i = monthIndex(from), end = monthIndex(to); i <= end; i += 1) out.push(monthFromIndex(i));
  return out;
}

/** Days in a month of the Gregorian calendar (`month` 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
