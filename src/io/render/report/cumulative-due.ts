/**
 * Chart: the kroner fallen due so far, month by month, stacked by tranche, against the pool;
 * beside it one column with where the whole pool stands at the last month (fell due by
 * tranche, forfeited, pending, did not apply, below one unit), which sums to the pool. Each
 * month carries its exact cumulative amounts in `data-cumulative`.
 */
import { compareFixed, type Fixed, sumFixed as sum } from '../../../core/decimal.js';
import type { AllocationSummary } from '../../../core/report-allocation.js';
import type { Timeline } from '../../../core/report-timeline.js';
import { kronerAxis, verticalAxis } from './axis.js';
import { esc, kr, monthShort, percentText, plain, toNumber } from './format.js';
import { monthAxis, monthSlots } from './month-axis.js';
import { legend, line, rect, spread, svgOpen, text, trancheClass } from './svg.js';

const WIDTH = 1000;
const LEFT = 74;
const OUTCOME = 250;
const PLOT = 260;

/** One part of the outcome column. */
interface Part {
  readonly key: string;
  readonly label: string;
  readonly amount: Fixed;
  readonly cls: string;
}

/** The SVG of the cumulative kroner due, against the pool (`allocation.pool`, kroner). */
export function cumulativeDue(timeline: Timeline, allocation: AllocationSummary, shares: readonly string[]): string {
  const total = allocation.pool;
  const parts: Part[] = [
    ...timeline.fellDue.map((f, t) => ({ key: `fell-due-${t + 1}`, label: `tranche ${t + 1} fell due`, amount: f, cls: trancheClass(t + 1) })),
    { key: 'forfeited', label: 'forfeited', amount: sum(timeline.totals.forfeited), cls: 'ff' },
    { key: 'pending', label: 'pending', amount: sum(timeline.totals.pending), cls: 'pe' },
    { key: 'not-applied', label: 'did not apply', amount: allocation.notApplied.amount, cls: 'na' },
    { key: 'unallocated', label: 'below one unit', amount: allocation.unallocated, cls: 'un' },
  ];
  const items = [
    ...shares.map((s, i) => ({ cls: trancheClass(i + 1), label: `tranche ${i + 1} (${percentText(s)})` })),
    ...parts.slice(timeline.trancheCount).filter((p) => p.amount.digits !== 0n).map((p) => ({ cls: p.cls, label: p.label })),
    { cls: 'ref', label: 'the pool', shape: 'line' as const },
    { cls: 'ref2', label: 'the applicants’ tranches', shape: 'line' as const },
  ];
  const key = legend(items, LEFT, 0, WIDTH - LEFT);
  const top = key.height + 22;
  const y0 = top + PLOT;
  const axis = kronerAxis(toNumber(total), 5);
  const scale = PLOT / axis.top;
  const plotRight = WIDTH - OUTCOME;
  const slots = monthSlots(timeline.months.length, LEFT, plotRight - LEFT - 10);
  const columns = timeline.months.map((m, i) => {
    let y = y0;
    const segments = m.cumulative.map((c, t) => {
      const h = toNumber(c) * scale;
      y -= h;
      return rect(slots.x(i), y, slots.width + 0.4, h, trancheClass(t + 1));
    });
    const title = `${monthShort(m.month)}: ${kr(sum(m.cumulative))} kr. fallen due so far`;
    return `<g data-month="${m.month}" data-cumulative="${m.cumulative.map(plain).join(' ')}"><title>${esc(title)}</title>${segments.join('')}</g>`;
  });
  const applicants = allocation.applied.amount;
  const reference = (amount: Fixed, cls: string, label: string, dy: number): string => {
    const y = y0 - toNumber(amount) * scale;
    return line(LEFT, y, plotRight + 46, y, cls) + text(LEFT + 6, y + dy, `${label} ${kr(amount)} kr.`, 'start', 'val');
  };
  return (
    svgOpen(WIDTH, y0 + 48, 'Kroner fallen due so far, by tranche, against the pool') +
    key.svg +
    verticalAxis(axis, LEFT, plotRight - 10, y0, PLOT, 'fallen due so far') +
    columns.join('') +
    reference(total, 'ref', 'pool', -4) +
    // Equal in value, not in digits and scale: 100 and 100.00 kr. are one line.
    (compareFixed(applicants, total) === 0 ? '' : reference(applicants, 'ref2', 'applicants’ tranches', 12)) +
    monthAxis(timeline.months.map((m) => m.month), slots, y0, 'month') +
    outcomeColumn(parts, plotRight + 16, y0, scale, timeline.months[timeline.months.length - 1]?.month) +
    '</svg>'
  );
}

/** The outcome column: the pool's parts stacked, each labelled (labels pushed apart so none overlap). */
function outcomeColumn(parts: readonly Part[], x: number, y0: number, scale: number, last: string | undefined): string {
  const shown = parts.filter((p) => p.amount.digits !== 0n);
  let y = y0;
  const boxes = shown.map((p) => {
    const h = toNumber(p.amount) * scale;
    y -= h;
    return { p, y, h };
  });
  // Label centres, pushed apart (upwards: the boxes stack from the bottom) to at least 13 px.
  const centres = spread(boxes.map((b) => -(b.y + b.h / 2 + 4)), 13).map((c) => -c);
  const ink = boxes.map((b, i) => {
    const c = centres[i] as number;
    const label = `${b.p.label} ${kr(b.p.amount)}`;
    return (
      `<g data-part="${b.p.key}" data-amount="${plain(b.p.amount)}"><title>${esc(`${label} kr.`)}</title>` +
      rect(x, b.y, 30, Math.max(b.h, 1), b.p.cls) +
      line(x + 31, b.y + b.h / 2, x + 38, c - 4, 'lead') +
      text(x + 40, c, label, 'start', 'val') +
      '</g>'
    );
  });
  const heading = last === undefined ? 'the pool' : `the pool, ${monthShort(last)} (kr.)`;
  const headingY = Math.min(y, (centres[centres.length - 1] ?? y) - 12) - 8;
  return text(x, headingY, heading, 'start', 'at') + ink.join('');
}
