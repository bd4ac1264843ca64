/**
 * Chart: one kommune's ratio month by month (a line; a square where the month meets the
 * lowest threshold; × where the month has no data) against its threshold lines, with the
 * months of each condition's streak shaded. Small enough for one row of a table; its month
 * axis is the table's header ({@link sparkAxis}). The exact counts are in `data-points`
 * (`numerator/denominator` per month, `-` for none).
 */
import { meetsThreshold, thresholdOf } from '../../../core/conditions.js';
import type { Month } from '../../../core/months.js';
import type { KommuneSeries, RatioSeries } from '../../../core/report-progress.js';
import { esc, monthName, percentText, px, rate } from './format.js';
import { monthAxis, monthSlots } from './month-axis.js';
import { line, rect, svgOpen, text } from './svg.js';

/** Width and height of a sparkline, and its inner margins. */
const SPARK = { width: 280, height: 40, left: 34, right: 4, top: 3, bottom: 4 } as const;

/** The top of a series' scale in percent: 100 for "all cleared", else twice the highest threshold (at most 100). */
function scaleTop(series: RatioSeries): number {
  const highest = Math.max(...series.rules.map((r) => Number(r.threshold)));
  return highest >= 100 ? 100 : Math.min(100, 2 * highest);
}

const slotsOf = (months: number) => monthSlots(months, SPARK.left, SPARK.width - SPARK.left - SPARK.right);

const PLOT = SPARK.height - SPARK.top - SPARK.bottom;
const Y0 = SPARK.height - SPARK.bottom;
/** The y of `percent` on a scale to `top` percent (values above the top are drawn at it). */
const yOf = (percent: number, top: number): number => Y0 - (Math.min(percent, top) / top) * PLOT;

/** The id of series `index`'s frame (axis, threshold lines and their labels), drawn once and used by every sparkline. */
const frameId = (index: number): string => `spark-frame-${index}`;

/** The frame every sparkline of a series shares: its 0 line and threshold lines, labelled. */
function frame(series: RatioSeries, index: number): string {
  const top = scaleTop(series);
  const parts = [line(SPARK.left, Y0, SPARK.width - SPARK.right, Y0, 'axis'), text(SPARK.left - 3, Y0, '0', 'end', 'sy')];
  for (const rule of series.rules) {
    const y = yOf(Number(rule.threshold), top);
    parts.push(line(SPARK.left, y, SPARK.width - SPARK.right, y, 'thr'));
    parts.push(text(SPARK.left - 3, y + 3, percentText(rule.threshold), 'end', 'sy'));
  }
  return `<g id="${frameId(index)}">${parts.join('')}</g>`;
}

/** The sparkline of one kommune's series (the `index`th of the pool's) over `months`. */
export function sparkline(name: string, series: RatioSeries, index: number, k: KommuneSeries, months: readonly Month[]): string {
  const slots = slotsOf(months.length);
  const top = scaleTop(series);
  const at = new Map(months.map((m, i) => [m, i]));
  const parts: string[] = [];
  for (const mark of k.marks) {
    const idx = mark.streak.map((m) => at.get(m)).filter((i): i is number => i !== undefined);
    if (idx.length === 0) continue;
    const first = Math.min(...idx);
    const last = Math.max(...idx);
    parts.push(rect(slots.x(first), SPARK.top, slots.x(last + 1) - slots.x(first), PLOT, mark.met ? 'streak' : 'run'));
  }
  parts.push(`<use href="#${frameId(index)}"/>`);
  const lowest = thresholdOf(series.rules.map((r) => r.threshold).sort((a, b) => Number(a) - Number(b))[0] ?? '100');
  let path = '';
  let squares = '';
  let missing = '';
  let pen = false;
  k.points.forEach((p, i) => {
    const x = slots.x(i) + slots.width / 2;
    if (p.numerator === null || p.denominator === null || p.denominator === 0n) {
      pen = false;
      missing += `M${px(x - 2)} ${px(Y0 - 4)}l4 4m0 -4l-4 4`;
      return;
    }
    // Placing ink only: the exact verdict is the square (an integer comparison).
    const y = yOf((Number(p.numerator) / Number(p.denominator)) * 100, top);
    path += `${pen ? 'L' : 'M'}${px(x)} ${px(y)}`;
    pen = true;
    if (meetsThreshold(p.numerator, p.denominator, lowest)) squares += `M${Math.round(x - 2)} ${Math.round(y - 2)}h4v4h-4z`;
  });
  if (path) parts.push(`<path d="${path}" class="rate"/>`);
  if (squares) parts.push(`<path d="${squares}" class="meet"/>`);
  if (missing) parts.push(`<path d="${missing}" class="miss"/>`);
  // Compact, as a tooltip: the year once, then `Jul 15,0 %, Aug 16,4 %, …`.
  const rates = k.points
    .map((p, i) => {
      const year = i === 0 || p.month.endsWith('-01') ? `${p.month.slice(0, 4)}: ` : '';
      const value = p.numerator === null || p.denominator === null ? 'no data' : rate(p.numerator, p.denominator);
      return `${year}${monthName(p.month)} ${value}`;
    })
    .join(', ');
  const points = k.points.map((p) => (p.numerator === null || p.denominator === null ? '-' : `${p.numerator}/${p.denominator}`)).join(' ');
  return (
    svgOpen(SPARK.width, SPARK.height, undefined, 'spark', ` data-points="${points}"`) +
    `<title>${esc(`${name}, ${series.numerator} / ${series.denominator}: ${rates}`)}</title>` +
    parts.join('') +
    '</svg>'
  );
}

/**
 * The month axis over the sparklines' plot area, for the table's header; it also holds the
 * frame the series' sparklines share.
 */
export function sparkAxis(series: RatioSeries, index: number, months: readonly Month[]): string {
  const slots = slotsOf(months.length);
  return `${svgOpen(SPARK.width, 30, 'Month axis of the charts below', 'spark')}<defs>${frame(series, index)}</defs>${monthAxis(months, slots, 2, '')}</svg>`;
}
