/**
 * Tranche conditions evaluated over one kommune's monthly progress. Pure and exact: counts
 * are BigInt, thresholds exact decimals, and `num / den ≥ t %` is decided as the integer
 * comparison `num × 100 × 10^s ≥ t_digits × den` (t = t_digits / 10^s), so exactly 40 % counts.
 */
import { type Fixed, parseFixed } from './decimal.js';
import { type Month, addMonths, maxMonth, monthRange } from './months.js';

/**
 * When a tranche falls due. Metric names are progress-file columns (`cleared`,
 * `target_group`, `recipients`, `company_activity`, `paid_hours`, …).
 * - `at-start`: in the pool's start month, with no condition.
 * - `all-cleared`: in the first month where `cleared` ≥ `target` (and `target` > 0).
 * - `threshold`: in the first month M where `numerator / denominator ≥ threshold %` in each
 *   of the `months` consecutive calendar months ending in M; exact comparison, a month with
 *   no data breaks the streak, a denominator of 0 never counts. `threshold` is a percentage
 *   as a canonical decimal string (`"40"`, `"15"`, `"12.5"`), 0 < threshold ≤ 100.
 */
export type TrancheCondition =
  | { readonly kind: 'at-start' }
  | { readonly kind: 'all-cleared'; readonly cleared: string; readonly target: string }
  | {
      readonly kind: 'threshold';
      readonly numerator: string;
      readonly denominator: string;
      readonly threshold: string;
      readonly months: number;
    };

/** One month of a kommune's progress: metric name → non-negative count of people. */
export type MonthlyCounts = Readonly<Record<string, bigint>>;

/** A kommune's progress: month → counts. A month absent from the map has no data. */
export type KommuneProgress = ReadonlyMap<Month, MonthlyCounts>;

/** The months a condition may be met in: from the pool's start to `last` (both included). */
export interface EvaluationWindow {
  /** The pool's start month: the first month that counts. */
  readonly start: Month;
  /** The last month that counts: the earlier of `--as-of` and the pool's end month. */
  readonly last: Month;
}

/** A ratio in one month. Null counts mean the month has no data (or lacks the metric). */
export interface RatioObservation {
  readonly month: Month;
  readonly numerator: bigint | null;
  readonly denominator: bigint | null;
  /** Whether this month meets the threshold (false for no data or a denominator of 0). */
  readonly meets: boolean;
}

/** Why a condition is (not yet) met: the numbers a person needs to check the verdict. */
export type ConditionEvidence =
  | { readonly kind: 'at-start'; readonly start: Month }
  | {
      readonly kind: 'all-cleared';
      /** The month met, or else the latest month with data in the window (null: none). */
      readonly month: Month | null;
      readonly cleared: bigint | null;
      readonly target: bigint | null;
    }
  | {
      readonly kind: 'threshold';
      /** The threshold in percent, as in the pool. */
      readonly threshold: string;
      /** Consecutive months required. */
      readonly months: number;
      /** The streak that met the condition, or else the last `months` months of the window. */
      readonly window: readonly RatioObservation[];
      /** Length of the run of qualifying months ending at the window's last month. */
      readonly streak: number;
    };

/** The verdict on one condition: the month it was met (within the window) or null, and why. */
export interface ConditionResult {
  readonly met: Month | null;
  readonly evidence: ConditionEvidence;
}

/**
 * Exact test of `numerator / denominator ≥ threshold %`. A denominator of 0 never counts
 * (0/0 is no progress, not 100 %).
 */
export function meetsThreshold(numerator: bigint, denominator: bigint, threshold: Fixed): boolean {
  if (denominator <= 0n) return false;
  return numerator * 100n * 10n ** BigInt(threshold.scale) >= threshold.digits * denominator;
}

/**
 * `numerator / denominator` in percent, truncated (toward zero) to `decimals` places, as a
 * canonical decimal string; null for a denominator of 0. Truncation keeps the shown rate
 * consistent with the exact verdict: a rate shown as `40.00` is really ≥ 40 %.
 */
export function ratePercent(numerator: bigint, denominator: bigint, decimals = 1): string | null {
  if (denominator <= 0n) return null;
  const scaled = (numerator * 100n * 10n ** BigInt(decimals)) / denominator;
  const s = scaled.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? s : `${s.slice(0, s.length - decimals)}.${s.slice(s.length - decimals)}`;
}

/** The threshold of a condition as an exact decimal; throws on a malformed (unvalidated) pool. */
export function thresholdOf(threshold: string): Fixed {
  const t = parseFixed(threshold);
  if (t === undefined) throw new RangeError(`not a decimal threshold: ${threshold}`);
  return t;
}

/** One month's ratio observation (no data → nulls, never meets). */
export function observeRatio(
  progress: KommuneProgress,
  month: Month,
  numerator: string,
  denominator: string,
  threshold: Fixed,
): RatioObservation {
  const row = progress.get(month);
  const num = row?.[numerator];
  const den = row?.[denominator];
  if (num === undefined || den === undefined) return { month, numerator: null, denominator: null, meets: false };
  return { month, numerator: num, denominator: den, meets: meetsThreshold(num, den, threshold) };
}

/**
 * Evaluates one condition over the months `window.start … window.last`. Months before the
 * start or after `last` are ignored; `met` is the first qualifying month, never after `last`.
 */
export function evaluateCondition(
  condition: TrancheCondition,
  progress: KommuneProgress,
  window: EvaluationWindow,
): ConditionResult {
  const months = monthRange(window.start, window.last);
  switch (condition.kind) {
    case 'at-start':
      return { met: months.length > 0 ? window.start : null, evidence: { kind: 'at-start', start: window.start } };
    case 'all-cleared':
      return evaluateAllCleared(condition.cleared, condition.target, progress, months);
    case 'threshold':
      return evaluateThreshold(condition, progress, window, months);
  }
}

function evaluateAllCleared(
  clearedName: string,
  targetName: string,
  progress: KommuneProgress,
  months: readonly Month[],
): ConditionResult {
  let latest: ConditionEvidence & { kind: 'all-cleared' } = { kind: 'all-cleared', month: null, cleared: null, target: null };
  for (const month of months) {
    const row = progress.get(month);
    const cleared = row?.[clearedName];
    const target = row?.[targetName];
    if (cleared === undefined || target === undefined) continue;
    latest = { kind: 'all-cleared', month, cleared, target };
    // An empty target group is treated like a denominator of 0: no evidence of clearing anyone.
    if (target > 0n && cleared >= target) return { met: month, evidence: latest };
  }
  return { met: null, evidence: latest };
}

function evaluateThreshold(
  condition: TrancheCondition & { kind: 'threshold' },
  progress: KommuneProgress,
  window: EvaluationWindow,
  months: readonly Month[],
): ConditionResult {
  const threshold = thresholdOf(condition.threshold);
  const observe = (m: Month): RatioObservation =>
    observeRatio(progress, m, condition.numerator, condition.denominator, threshold);
  const evidence = (observations: RatioObservation[], streak: number): ConditionEvidence => ({
    kind: 'threshold',
    threshold: condition.threshold,
    months: condition.months,
    window: observations,
    streak,
  });
  let streak = 0;
  for (const month of months) {
    // Calendar months: a month with no row is a month that did not qualify.
    streak = observe(month).meets ? streak + 1 : 0;
    if (streak >= condition.months) {
      const from = addMonths(month, 1 - condition.months);
      return { met: month, evidence: evidence(monthRange(from, month).map(observe), streak) };
    }
  }
  if (months.length === 0) return { met: null, evidence: evidence([], 0) };
  const from = maxMonth(window.start, addMonths(window.last, 1 - condition.months));
  return { met: null, evidence: evidence(monthRange(from, window.last).map(observe), streak) };
}
