/**
 * The month axis shared by the time charts: one slot per month, the month's name under
 * every slot that has room, and the year under each January and under the first month.
 */
import type { Month } from '../../../core/months.js';
import { monthName } from './format.js';
import { line, text } from './svg.js';

/** Slots of `months` over `x0`…`x0 + width`: the left edge and width of month i. */
export interface MonthSlots {
  readonly x: (i: number) => number;
  readonly width: number;
}

/** Equal slots for `count` months across `width` pixels from `x0`. */
export function monthSlots(count: number, x0: number, width: number): MonthSlots {
  const w = width / Math.max(count, 1);
  return { x: (i) => x0 + i * w, width: w };
}

/** Tick labels under the slots at `y`, and the axis title below them. */
export function monthAxis(months: readonly Month[], slots: MonthSlots, y: number, title: string): string {
  const every = slots.width >= 24 ? 1 : slots.width >= 12 ? 3 : 6;
  const parts: string[] = [];
  months.forEach((m, i) => {
    const x = slots.x(i) + slots.width / 2;
    const january = m.endsWith('-01');
    if (i % every === 0 || january) {
      parts.push(line(x, y, x, y + 3, 'axis'));
      parts.push(text(x, y + 13, monthName(m), 'middle', 'tick'));
    }
    if (january || i === 0) parts.push(text(x, y + 25, m.slice(0, 4), 'middle', 'tick yr'));
  });
  const first = slots.x(0);
  const last = slots.x(months.length);
  parts.push(line(first, y, last, y, 'axis'));
  if (title !== '') parts.push(text((first + last) / 2, y + 40, title, 'middle', 'at'));
  return parts.join('');
}
