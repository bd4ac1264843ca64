/**
 * Chart: kommune × month. A kommune's row darkens with each tranche that falls due (steps of
 * grey: how many of its tranches have fallen due by then), the month a tranche fell due
 * carries its number, and the column after the last month shows the tranches that did not
 * fall due: forfeited (cross-hatched) or pending (dashed). Two panels side by side. Each
 * row carries its tranches' statuses and months in `data-outcomes` (`2:due:2018-03`).
 */
import { type Timeline, type TimelineRow, fellDue } from '../../../core/report-timeline.js';
import { esc, kr, monthShort } from './format.js';
import { monthAxis, monthSlots } from './month-axis.js';
import { legend, type LegendItem, rect, svgOpen, text } from './svg.js';

const WIDTH = 1000;
const PANEL = 490;
const NAME = 120;
const ROW = 14;

/** Grey steps for 0…n tranches fallen due (0: none). */
export function gridGreys(n: number): string[] {
  return Array.from({ length: n + 1 }, (_, i) => {
    if (i === 0) return '#ffffff';
    // From 78 % (at least 1.5:1 against the white of none, so the first step survives a
    // greyscale print) down to 30 %.
    const l = Math.round(78 - ((i - 1) * (78 - 30)) / Math.max(n - 1, 1));
    return `hsl(0 0% ${l}%)`;
  });
}

/** The SVG of the kommune × month grid. */
export function trancheGrid(timeline: Timeline): string {
  const n = timeline.trancheCount;
  const months = timeline.months.map((m) => m.month);
  const outcomeWidth = 8 + n * 16;
  const slots = (x0: number) => monthSlots(months.length, x0 + NAME, PANEL - NAME - outcomeWidth);
  const any = (status: string): boolean => timeline.rows.some((r) => r.tranches.some((t) => t.status === status));
  const items: LegendItem[] = [
    ...Array.from({ length: n }, (_, i) => ({ cls: `g${i + 1}`, label: i + 1 === n ? `all ${n} fallen due` : `${i + 1} of ${n} fallen due` })),
    ...(any('forfeited') ? [{ cls: 'ff', label: 'n: tranche n forfeited' }] : []),
    ...(any('pending') ? [{ cls: 'pe', label: 'n: tranche n pending' }] : []),
    ...(any('paid') ? [{ cls: 'paid', label: 'outlined: paid (in the ledger)' }] : []),
  ];
  const key = legend(items, 0, 0, WIDTH);
  const top = key.height + 40;
  const perPanel = Math.ceil(timeline.rows.length / 2);
  const bottom = top + perPanel * ROW;
  const parts = [key.svg, text(0, key.height + 12, 'A number in a cell: the month that tranche fell due.', 'start', 'lg')];
  for (let panel = 0; panel < 2; panel++) {
    const x0 = panel * (WIDTH - PANEL);
    const rows = timeline.rows.slice(panel * perPanel, (panel + 1) * perPanel);
    if (rows.length === 0) continue;
    const s = slots(x0);
    const outcomeX = x0 + PANEL - outcomeWidth + 6;
    parts.push(text(x0 + NAME - 6, top - 6, 'kommune', 'end', 'at'));
    parts.push(text(outcomeX - 4, top - 6, 'not due', 'start', 'at'));
    rows.forEach((row, i) => parts.push(gridRow(row, months, s, outcomeX, top + i * ROW, n, x0)));
    parts.push(monthAxis(months, s, bottom + 2, 'month'));
  }
  return `${svgOpen(WIDTH, bottom + 46, 'When each kommune’s tranches fell due, month by month')}${parts.join('')}</svg>`;
}

function gridRow(
  row: TimelineRow,
  months: readonly string[],
  s: ReturnType<typeof monthSlots>,
  outcomeX: number,
  y: number,
  n: number,
  x0: number,
): string {
  const dueAt = (m: string): number => row.tranches.filter((t) => fellDue(t.status) && t.month !== null && t.month <= m).length;
  const parts: string[] = [];
  // Runs of months with the same number of tranches fallen due: one rectangle each.
  let start = 0;
  for (let i = 1; i <= months.length; i++) {
    const level = dueAt(months[start] as string);
    if (i < months.length && dueAt(months[i] as string) === level) continue;
    parts.push(rect(s.x(start), y + 0.5, s.x(i) - s.x(start), ROW - 1, `g${level}`));
    start = i;
  }
  // The month each tranche fell due: its number, outlined when the ledger says paid.
  const byMonth = new Map<string, number[]>();
  for (const t of row.tranches) {
    if (!fellDue(t.status) || t.month === null) continue;
    byMonth.set(t.month, [...(byMonth.get(t.month) ?? []), t.tranche]);
  }
  for (const [m, tranches] of byMonth) {
    const i = months.indexOf(m);
    const level = dueAt(m);
    const paid = row.tranches.some((t) => t.status === 'paid' && t.month === m);
    if (paid) parts.push(rect(s.x(i) + 0.5, y + 1, s.width - 1, ROW - 2, 'paid'));
    parts.push(text(s.x(i) + s.width / 2, y + ROW - 3.5, tranches.join(''), 'middle', level * 2 > n ? 'dg inv' : 'dg'));
  }
  let ox = outcomeX;
  for (const t of row.tranches) {
    if (fellDue(t.status)) continue;
    parts.push(rect(ox, y + 1, 14, ROW - 2, t.status === 'forfeited' ? 'ff' : 'pe'));
    parts.push(text(ox + 7, y + ROW - 3.5, String(t.tranche), 'middle', t.status === 'forfeited' ? 'dg halo' : 'dg'));
    ox += 16;
  }
  const title = `${row.name} (${row.id}): ${row.tranches
    .map((t) => `tranche ${t.tranche} ${t.status}${t.month === null ? '' : ` ${monthShort(t.month)}`} (${kr(t.amount)} kr.)`)
    .join('; ')}`;
  const outcomes = row.tranches.map((t) => `${t.tranche}:${t.status}:${t.month ?? '-'}`).join(' ');
  return (
    `<g data-id="${esc(row.id)}" data-outcomes="${outcomes}"><title>${esc(title)}</title>` +
    text(x0 + NAME - 6, y + ROW - 3.5, row.name, 'end', 'nm') +
    parts.join('') +
    '</g>'
  );
}
