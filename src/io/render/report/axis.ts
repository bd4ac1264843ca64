/**
 * Axes of the report's charts: a kroner axis (in millions when the amounts are that large)
 * with its gridlines and title. Tick values are whole kroner, formatted exactly.
 */
import { count, esc, millions, px } from './format.js';
import { line, niceTicks, text } from './svg.js';

/** A kroner axis from 0 to `top` with its ticks, and how a tick is written. */
export interface KronerAxis {
  readonly top: number;
  readonly ticks: readonly number[];
  /** `5 mio.` or `500.000`. */
  readonly label: (tick: number) => string;
  /** The axis title's unit: `mio. kr.` or `kr.`. */
  readonly unit: string;
}

/** A kroner axis that holds `max` kroner, at most `most` intervals. */
export function kronerAxis(max: number, most = 6): KronerAxis {
  const { top, ticks } = niceTicks(max, most);
  const inMillions = top >= 2_000_000;
  const label = (t: number): string => {
    if (!inMillions) return count(BigInt(Math.round(t)));
    const decimals = ticks.every((v) => v % 1_000_000 === 0) ? 0 : 1;
    return millions({ digits: BigInt(Math.round(t)), scale: 0 }, decimals);
  };
  return { top, ticks, label, unit: inMillions ? 'mio. kr.' : 'kr.' };
}

/** Vertical gridlines and tick labels of a horizontal kroner axis at `y` (labels below), over `x0`…`x0 + width`. */
export function horizontalAxis(axis: KronerAxis, x0: number, width: number, top: number, y: number, title: string): string {
  const parts = axis.ticks.map((t) => {
    const x = x0 + (t / axis.top) * width;
    return line(x, top, x, y, 'grid') + text(x, y + 13, axis.label(t), 'middle', 'tick');
  });
  parts.push(line(x0, y, x0 + width, y, 'axis'));
  parts.push(text(x0 + width / 2, y + 28, `${title} (${axis.unit})`, 'middle', 'at'));
  return parts.join('');
}

/** Horizontal gridlines and tick labels of a vertical kroner axis at `x0` (labels left), from `y0` (0) up to `y0 - height`. */
export function verticalAxis(axis: KronerAxis, x0: number, x1: number, y0: number, height: number, title: string): string {
  const parts = axis.ticks.map((t) => {
    const y = y0 - (t / axis.top) * height;
    return line(x0, y, x1, y, t === 0 ? 'axis' : 'grid') + text(x0 - 6, y + 4, axis.label(t), 'end', 'tick');
  });
  const mid = y0 - height / 2;
  parts.push(`<text transform="translate(${px(x0 - 52)} ${px(mid)}) rotate(-90)" text-anchor="middle" class="at">${esc(`${title} (${axis.unit})`)}</text>`);
  return parts.join('');
}
