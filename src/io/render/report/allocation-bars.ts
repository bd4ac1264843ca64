/**
 * Chart: a bar per kommune, largest amount first, split into its tranches (lightness steps of
 * one blue) or hatched when the kommune did not apply, with the amount written at the bar.
 * Two panels side by side on one kroner scale, so that 98 bars fit a laptop screen and an A4
 * page. Each bar carries its exact figures in data attributes (`data-amount`,
 * `data-tranches`: the allocation's decimal strings).
 */
import type { AllocatedKommune } from '../../../core/tranche-status.js';
import { horizontalAxis, kronerAxis } from './axis.js';
import { esc, kr, percentText, plain, toNumber } from './format.js';
import { CHAR, legend, type LegendItem, rect, svgOpen, text, trancheClass } from './svg.js';

const WIDTH = 1000;
const PANEL = 490;
const GAP = WIDTH - 2 * PANEL;
const NAME = 116;
const ROW = 15;
const BAR = 11;

/** The SVG of the allocation bars. `shares` are the tranche shares in percent (`"30"`). */
export function allocationBars(kommuner: readonly AllocatedKommune[], shares: readonly string[]): string {
  const amountWidth = Math.max(...kommuner.map((k) => kr(k.amount).length), 1) * CHAR + 6;
  const barWidth = PANEL - NAME - amountWidth;
  const axis = kronerAxis(Math.max(...kommuner.map((k) => toNumber(k.amount)), 1), 5);
  const items: LegendItem[] = [
    ...shares.map((s, i) => ({ cls: trancheClass(i + 1), label: `tranche ${i + 1} (${percentText(s)})` })),
    ...(kommuner.some((k) => !k.applied) ? [{ cls: 'na', label: 'did not apply (no tranches: the follow-up pool’s)' }] : []),
  ];
  const key = legend(items, 0, 0, WIDTH);
  const top = key.height + 22;
  const perPanel = Math.ceil(kommuner.length / 2);
  const bottom = top + perPanel * ROW + 4;
  const height = bottom + 36;
  const parts = [key.svg];
  for (let panel = 0; panel < 2; panel++) {
    const x0 = panel * (PANEL + GAP);
    const rows = kommuner.slice(panel * perPanel, (panel + 1) * perPanel);
    if (rows.length === 0) continue;
    const first = panel * perPanel + 1;
    parts.push(text(x0 + NAME - 6, top - 6, `kommune (${first}–${first + rows.length - 1})`, 'end', 'at'));
    parts.push(text(x0 + PANEL, top - 6, 'amount (kr.)', 'end', 'at'));
    parts.push(horizontalAxis(axis, x0 + NAME, barWidth, top, bottom, 'amount'));
    rows.forEach((k, i) => parts.push(bar(k, x0, top + i * ROW, barWidth / axis.top)));
  }
  return `${svgOpen(WIDTH, height, 'Allocation per kommune, largest first, split into tranches')}${parts.join('')}</svg>`;
}

/** One kommune's row: name, tranche segments (or a hatched bar), amount. */
function bar(k: AllocatedKommune, x0: number, y: number, scale: number): string {
  const segments: string[] = [];
  let x = x0 + NAME;
  const by = y + (ROW - BAR) / 2;
  if (k.applied && k.tranches.length > 0) {
    k.tranches.forEach((t, i) => {
      const w = toNumber(t) * scale;
      segments.push(rect(x, by, w, BAR, trancheClass(i + 1)));
      x += w;
    });
  } else {
    const w = toNumber(k.amount) * scale;
    segments.push(rect(x, by, w, BAR, 'na'));
    x += w;
  }
  const title = k.applied
    ? `${k.name} (${k.id}): ${kr(k.amount)} kr.; ${k.tranches.map((t, i) => `tranche ${i + 1}: ${kr(t)} kr.`).join('; ')}`
    : `${k.name} (${k.id}): ${kr(k.amount)} kr.; did not apply, so the amount is the follow-up pool’s`;
  return (
    `<g class="row" data-id="${esc(k.id)}" data-amount="${plain(k.amount)}" data-tranches="${k.tranches.map(plain).join(' ')}" data-applied="${k.applied}">` +
    `<title>${esc(title)}</title>` +
    text(x0 + NAME - 6, y + 11, k.name, 'end', k.applied ? 'nm' : 'nm dim') +
    segments.join('') +
    text(x + 4, y + 11, kr(k.amount), 'start', 'amt') +
    '</g>'
  );
}
