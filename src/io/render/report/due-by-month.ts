/**
 * Chart: the kroner that fell due in each month (status due or paid), stacked by tranche,
 * with each month's total in millions above its bar. Each month carries its exact amounts
 * per tranche in `data-due`.
 */
import { sumFixed, ZERO } from '../../../core/decimal.js';
import type { Timeline } from '../../../core/report-timeline.js';
import { kronerAxis, verticalAxis } from './axis.js';
import { esc, kr, millions, monthShort, percentText, plain, toNumber } from './format.js';
import { monthAxis, monthSlots } from './month-axis.js';
import { legend, rect, svgOpen, text, trancheClass } from './svg.js';

const WIDTH = 1000;
const LEFT = 74;
const RIGHT = 10;
const PLOT = 230;

/** The SVG of the kroner due per month. */
export function dueByMonth(timeline: Timeline, shares: readonly string[]): string {
  const key = legend(
    shares.map((s, i) => ({ cls: trancheClass(i + 1), label: `tranche ${i + 1} (${percentText(s)})` })),
    LEFT,
    0,
    WIDTH - LEFT,
  );
  const top = key.height + 18;
  const y0 = top + PLOT;
  const totals = timeline.months.map((m) => sumFixed(m.due));
  const axis = kronerAxis(Math.max(...totals.map(toNumber), 1), 5);
  const slots = monthSlots(timeline.months.length, LEFT, WIDTH - LEFT - RIGHT);
  const scale = PLOT / axis.top;
  const bars = timeline.months.map((m, i) => {
    const total = totals[i] ?? ZERO;
    const w = slots.width * 0.72;
    const x = slots.x(i) + (slots.width - w) / 2;
    let y = y0;
    const segments = m.due.map((d, t) => {
      const h = toNumber(d) * scale;
      y -= h;
      return rect(x, y, w, h, trancheClass(t + 1));
    });
    const label = total.digits === 0n ? '' : text(x + w / 2, y - 4, millions(total), 'middle', 'val');
    const title = `${monthShort(m.month)}: ${kr(total)} kr. fell due${m.due.map((d, t) => (d.digits === 0n ? '' : `; tranche ${t + 1}: ${kr(d)} kr.`)).join('')}`;
    return `<g data-month="${m.month}" data-due="${m.due.map(plain).join(' ')}"><title>${esc(title)}</title>${segments.join('')}${label}</g>`;
  });
  const height = y0 + 48;
  return (
    svgOpen(WIDTH, height, 'Kroner that fell due per month, by tranche') +
    key.svg +
    verticalAxis(axis, LEFT, WIDTH - RIGHT, y0, PLOT, 'fell due') +
    bars.join('') +
    monthAxis(timeline.months.map((m) => m.month), slots, y0, 'month the tranche fell due (labels above the bars: mio. kr.)') +
    '</svg>'
  );
}
