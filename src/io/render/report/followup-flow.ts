/**
 * Chart: where the follow-up pool's money came from (left: the kommuner that did not apply,
 * each forfeited tranche) and where it went (right: each recipient, and the rest below one
 * unit), as bands whose heights are proportional to kroner. The bands are the follow-up's own
 * audit trail (each source's `to`), summed by group, so they add up to the krone on both
 * sides; each carries its exact amount in `data-amount`.
 */
import type { Fixed } from '../../../core/decimal.js';
import type { FollowupFlows, FollowupGroup } from '../../../core/report-followup.js';
import { esc, kr, plain, plural, px, toNumber } from './format.js';
import { rect, spread, svgOpen, text } from './svg.js';

const WIDTH = 1000;
const LEFT_X = 270;
const RIGHT_X = 700;
const NODE = 16;
const SPAN = 300;
const MIN = 2;

/** How a group is named on the page: `did not apply`, `tranche 3 forfeited`. */
export const groupName = (g: FollowupGroup): string => (g.tranche === null ? 'did not apply' : `tranche ${g.tranche} forfeited`);

/** A group's key in data attributes: `not-applied`, `forfeited-3`. */
export const groupKey = (g: FollowupGroup): string => (g.tranche === null ? 'not-applied' : `forfeited-${g.tranche}`);

/** Fill class of a group: hatched grey for money of kommuner that did not apply; the forfeited ones alternate dark and light. */
function groupClass(flows: FollowupFlows, g: FollowupGroup): string {
  if (g.tranche === null) return 'na';
  const forfeited = flows.groups.filter((x) => x.tranche !== null);
  return forfeited.indexOf(g) % 2 === 0 ? 'ff' : 'ffl';
}

interface Node {
  readonly y: number;
  readonly h: number;
  readonly amount: Fixed;
}

/** Stacks nodes of `amounts` from `top` with `gap` between them, at `scale` px per krone (at least {@link MIN} px each). */
function stack(amounts: readonly Fixed[], top: number, gap: number, scale: number): Node[] {
  let y = top;
  return amounts.map((amount) => {
    const h = Math.max(toNumber(amount) * scale, MIN);
    const node = { y, h, amount };
    y += h + gap;
    return node;
  });
}

/** The SVG of the follow-up flows. */
export function followupFlow(flows: FollowupFlows): string {
  const top = 40;
  const pool = Math.max(toNumber(flows.pool), 1);
  const rightAmounts = [...flows.recipients.map((r) => r.amount), flows.unallocated];
  const scale = SPAN / pool;
  const left = stack(flows.groups.map((g) => g.amount), top, 14, scale);
  const right = stack(rightAmounts, top, 8, scale);
  const parts: string[] = [
    text(LEFT_X + NODE, top - 22, 'where the money came from', 'end', 'at'),
    text(RIGHT_X, top - 22, 'where it went', 'start', 'at'),
  ];
  // Bands: from each group (in recipient order) to each recipient (in group order), in a
  // plain fill one step of lightness apart per group (the hatching is on the group's node).
  const leftOffset = left.map(() => 0);
  const rightOffset = right.map(() => 0);
  flows.groups.forEach((g, gi) => {
    const columns = [...g.to, g.unallocated];
    columns.forEach((amount, ri) => {
      const h = toNumber(amount) * scale;
      const l = left[gi] as Node;
      const r = right[ri] as Node;
      const y1 = l.y + (leftOffset[gi] as number);
      const y2 = r.y + (rightOffset[ri] as number);
      leftOffset[gi] = (leftOffset[gi] as number) + h;
      rightOffset[ri] = (rightOffset[ri] as number) + h;
      const to = ri < flows.recipients.length ? (flows.recipients[ri]?.id ?? '') : 'unallocated';
      const toName = ri < flows.recipients.length ? (flows.recipients[ri]?.name ?? '') : 'below one unit';
      const x1 = LEFT_X + NODE;
      const x2 = RIGHT_X;
      const xm = (x1 + x2) / 2;
      const d = `M${px(x1)} ${px(y1)}C${px(xm)} ${px(y1)} ${px(xm)} ${px(y2)} ${px(x2)} ${px(y2)}V${px(y2 + h)}C${px(xm)} ${px(y2 + h)} ${px(xm)} ${px(y1 + h)} ${px(x1)} ${px(y1 + h)}Z`;
      parts.push(
        `<path d="${d}" class="band b${groupClass(flows, g)}" data-from="${groupKey(g)}" data-to="${esc(to)}" data-amount="${plain(amount)}">` +
          `<title>${esc(`${groupName(g)} → ${toName}: ${kr(amount)} kr.`)}</title></path>`,
      );
    });
  });
  flows.groups.forEach((g, gi) => {
    const n = left[gi] as Node;
    const who = g.tranche === null ? plural(g.sources.length, 'kommune', 'kommuner') : plural(g.sources.length, 'tranche', 'tranches');
    parts.push(
      `<g data-group="${groupKey(g)}" data-amount="${plain(g.amount)}">` +
        rect(LEFT_X, n.y, NODE, n.h, groupClass(flows, g)) +
        text(LEFT_X - 8, n.y + n.h / 2 - 2, `${groupName(g)} (${who})`, 'end', 'nm') +
        text(LEFT_X - 8, n.y + n.h / 2 + 11, `${kr(g.amount)} kr.`, 'end', 'amt') +
        '</g>',
    );
  });
  const labels = spread(right.map((n) => n.y + n.h / 2 + 4), 14);
  right.forEach((n, ri) => {
    const recipient = flows.recipients[ri];
    const name = recipient === undefined ? 'below one unit (unallocated)' : recipient.name;
    parts.push(
      `<g data-recipient="${esc(recipient?.id ?? 'unallocated')}" data-amount="${plain(n.amount)}">` +
        rect(RIGHT_X, n.y, NODE, n.h, recipient === undefined ? 'un' : 'rcp') +
        text(RIGHT_X + NODE + 8, labels[ri] as number, `${name} ${kr(n.amount)} kr.`, 'start', 'nm') +
        '</g>',
    );
  });
  const bottom = Math.max(...left.map((n) => n.y + n.h), ...right.map((n) => n.y + n.h), ...labels) + 24;
  parts.push(text(WIDTH / 2, bottom - 4, 'band heights are proportional to kroner', 'middle', 'lg'));
  return `${svgOpen(WIDTH, bottom, 'Where the follow-up pool’s money came from and where it went')}${parts.join('')}</svg>`;
}
