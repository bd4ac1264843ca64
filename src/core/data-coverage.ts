/**
 * Whether the progress data covers the month a check is made for. A tranche that looks
 * pending because a kommune's rows stopped, or an `--as-of` beyond the data, is a reason to
 * look before anything is paid or forfeited; these findings become warnings, never errors.
 */
import type { KommuneProgress } from './conditions.js';
import type { Diagnostic } from './diagnostics.js';
import { type Month, minMonth } from './months.js';
import type { Period } from './period.js';

/** What the coverage check needs: the data, who it is for, and the month evaluated. */
export interface CoverageInput {
  readonly progress: ReadonlyMap<string, KommuneProgress>;
  /** The kommuner with a tranche not met (pending or forfeited), in report order: where missing data matters. */
  readonly kommuner: readonly { readonly id: string; readonly name: string }[];
  readonly asOf: Month;
  readonly period: Period;
  /** The latest month with a row anywhere in the data (null: none). */
  readonly lastMonth: Month | null;
  /** The progress file's name, for the diagnostics. */
  readonly file: string;
}

/**
 * Warnings about the data's reach, in this order:
 * - `coverage.as-of-after-data`: the as-of month is later than every row of the data;
 * - `coverage.data-stopped`, one per kommune of `kommuner` (those with a tranche not met)
 *   with rows whose last month lies before both the data's last month and the last month
 *   that counts (the earlier of as-of and the pool's end): it fell silent while others went
 *   on. Kommuner without any row are not listed (the report shows them); kommuner that stop
 *   with everyone else are covered by the first warning.
 */
export function coverageWarnings(input: CoverageInput): Diagnostic[] {
  const { asOf, lastMonth, file } = input;
  const warnings: Diagnostic[] = [];
  if (lastMonth !== null && asOf > lastMonth) {
    warnings.push({ code: 'coverage.as-of-after-data', file, value: asOf, args: { last: lastMonth } });
  }
  if (lastMonth === null) return warnings;
  const counts = minMonth(minMonth(asOf, input.period.end), lastMonth);
  for (const k of input.kommuner) {
    const months = input.progress.get(k.id);
    if (months === undefined || months.size === 0) continue;
    let last = '';
    for (const m of months.keys()) if (m > last) last = m;
    if (last < counts) warnings.push({ code: 'coverage.data-stopped', file, value: last, args: { kommune: k.name, id: k.id, last: lastMonth } });
  }
  return warnings;
}
