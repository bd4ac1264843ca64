/**
 * A pool's period and how far data may lie outside it. Months are `YYYY-MM`.
 */
import { type Month, monthIndex } from './months.js';

/** The months a pool runs, both included. */
export interface Period {
  readonly start: Month;
  readonly end: Month;
}

/**
 * How far (in months) progress rows and `--as-of` may lie outside a pool's period: data
 * from the years around a pool is normal; a month further away is a typing error
 * (`2107-12` for `2017-12`) that would otherwise move the default `--as-of` and forfeit
 * every tranche.
 */
export const PERIOD_MARGIN_MONTHS = 36;

/**
 * The month indexes (year × 12 + month − 1, as {@link monthIndex} counts) that data for
 * `period` may have: the period widened by {@link PERIOD_MARGIN_MONTHS} on both sides, both
 * ends included, so `first <= last`. The one place the margin is applied, so the progress
 * reader's check and the person reader's month range cannot drift apart.
 */
export function periodMonthRange(period: Period): { readonly first: number; readonly last: number } {
  return { first: monthIndex(period.start) - PERIOD_MARGIN_MONTHS, last: monthIndex(period.end) + PERIOD_MARGIN_MONTHS };
}

/** Whether `month` lies within `period` widened by {@link PERIOD_MARGIN_MONTHS} on both sides ({@link periodMonthRange}). */
export function nearPeriod(month: Month, period: Period): boolean {
  const i = monthIndex(month);
  const { first, last } = periodMonthRange(period);
  return i >= first && i <= last;
}
