/**
 * A kommune's recent monthly rates as a one-line sparkline against a threshold. The scale is
 * fixed so that it reads without colour: a bar at `▅` or higher meets the threshold, `▄` or
 * lower does not, `█` is twice the threshold or more; `·` is a month without data (or with a
 * denominator of 0). Bar heights are computed from exact integers.
 */
import { type KommuneProgress, meetsThreshold } from '../../core/conditions.js';
import type { Fixed } from '../../core/decimal.js';
import { type Month, addMonths, maxMonth, monthRange } from '../../core/months.js';

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
/** The glyph of a month with no usable data. */
export const NO_DATA = '·';

/** One month of a sparkline: its glyph and whether the month meets the threshold. */
export interface SparkPoint {
  readonly month: Month;
  readonly glyph: string;
  readonly meets: boolean;
}

/**
 * The last `width` months up to `last` (not before `start`) of `numerator / denominator`
 * against `threshold` percent: bar index min(7, ⌊4 · rate / threshold⌋), so rates below the
 * threshold get bars 0–3 and rates at or above it 4–7.
 */
export function sparkline(
  progress: KommuneProgress,
  ratio: { readonly numerator: string; readonly denominator: string; readonly threshold: Fixed },
  start: Month,
  last: Month,
  width = 12,
): SparkPoint[] {
  const from = maxMonth(start, addMonths(last, 1 - width));
  const t = ratio.threshold;
  return monthRange(from, last).map((month) => {
    const row = progress.get(month);
    const n = row?.[ratio.numerator];
    const d = row?.[ratio.denominator];
    if (n === undefined || d === undefined || d <= 0n || t.digits <= 0n) return { month, glyph: NO_DATA, meets: false };
    // rate / threshold = (n / d) / (t.digits / 10^s / 100) = n · 100 · 10^s / (d · t.digits)
    const level = (4n * n * 100n * 10n ** BigInt(t.scale)) / (d * t.digits);
    const glyph = BARS[Number(level > 7n ? 7n : level)] ?? NO_DATA;
    return { month, glyph, meets: meetsThreshold(n, d, t) };
  });
}
