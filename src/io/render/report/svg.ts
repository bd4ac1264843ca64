/**
 * Small pieces every chart of the report is drawn with: the SVG element itself, nice axis
 * ticks, a legend, and the fills (lightness steps of one blue for tranches; hatching for
 * money that did not reach its kommune), chosen so that they stay apart for colour-blind
 * readers and in greyscale print. Hatching is drawn as lines, not as SVG patterns: a
 * browser prints a pattern as an image (a hundred small ones made a 19 MB PDF).
 */
import { esc, px } from './format.js';

/**
 * Opens a chart: scales to its container's width (CSS), named by `label`, or by its first
 * child `<title>` when `label` is undefined (small charts in a table, which carry one).
 */
export function svgOpen(width: number, height: number, label: string | undefined, className = 'chart', attributes = ''): string {
  const name = label === undefined ? '' : ` aria-label="${esc(label)}"`;
  return `<svg class="${className}" viewBox="0 0 ${width} ${height}" role="img"${name}${attributes}>`;
}

/** Text at (x, y); `anchor` start, middle or end; `cls` for its style. */
export function text(x: number, y: number, content: string, anchor: 'start' | 'middle' | 'end' = 'start', cls?: string): string {
  const a = anchor === 'start' ? '' : ` text-anchor="${anchor}"`;
  return `<text x="${px(x)}" y="${px(y)}"${a}${cls ? ` class="${cls}"` : ''}>${esc(content)}</text>`;
}

/**
 * The hatched fills, by class: `na` (did not apply: grey, one way), `ff` and `ffl`
 * (forfeited: vermillion, dark and light, cross-hatched). Their lines are class `h<fill>`.
 */
const HATCHED: Readonly<Record<string, boolean>> = { na: false, ff: true, ffl: true };

/** A rectangle; zero or negative sizes draw nothing. A hatched fill class (`na`, `ff`, `ffl`) also draws its lines. */
export function rect(x: number, y: number, w: number, h: number, cls: string, extra = ''): string {
  if (w <= 0 || h <= 0) return '';
  const box = `<rect x="${px(x)}" y="${px(y)}" width="${px(w)}" height="${px(h)}" class="${cls}"${extra}/>`;
  const fill = cls.split(' ')[0] ?? '';
  const cross = HATCHED[fill];
  if (cross === undefined) return box;
  const d = hatch(x, y, w, h, cross);
  return d === '' ? box : `${box}<path d="${d}" class="h${fill}"/>`;
}

/** Spacing of hatch lines, px. */
const HATCH = 5;

/**
 * Hatch lines inside the rectangle: 45° lines on the page-wide grid x + y = k·{@link HATCH}
 * (so that neighbouring cells line up), and with `cross` also x − y = k·HATCH.
 */
export function hatch(x: number, y: number, w: number, h: number, cross: boolean): string {
  const parts: string[] = [];
  for (let k = Math.ceil((x + y) / HATCH); k * HATCH < x + w + y + h; k++) {
    const c = k * HATCH - x - y;
    const u1 = Math.max(0, c - h);
    const u2 = Math.min(c, w);
    if (u2 > u1) parts.push(`M${px(x + u1)} ${px(y + c - u1)}L${px(x + u2)} ${px(y + c - u2)}`);
  }
  if (cross) {
    for (let k = Math.ceil((x - y - h) / HATCH); k * HATCH < x - y + w; k++) {
      const c = k * HATCH - x + y;
      const u1 = Math.max(0, c);
      const u2 = Math.min(w, h + c);
      if (u2 > u1) parts.push(`M${px(x + u1)} ${px(y + u1 - c)}L${px(x + u2)} ${px(y + u2 - c)}`);
    }
  }
  return parts.join('');
}

/** A line from (x1, y1) to (x2, y2). */
export function line(x1: number, y1: number, x2: number, y2: number, cls: string): string {
  return `<path d="M${px(x1)} ${px(y1)}L${px(x2)} ${px(y2)}" class="${cls}"/>`;
}

/** Ticks for an axis from 0: a step of 1, 2 or 5 × 10^k giving at most `most` intervals up to `max`. */
export function niceTicks(max: number, most = 6): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const raw = max / most;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(Math.round(t));
  return { top, ticks };
}

/** Average width of a character of 11 px sans-serif text, for laying out labels. */
export const CHAR = 6.1;

/** One legend entry: a swatch of `cls` (a fill class, or `line` classes) and its label. */
export interface LegendItem {
  readonly cls: string;
  readonly label: string;
  /** `box` (default): a filled square; `line`: a stroke; `dot`: a marker. */
  readonly shape?: 'box' | 'line' | 'dot';
}

/** A legend in one row from (x, y) (the swatches' top), wrapping at `width`. Returns the SVG and its height. */
export function legend(items: readonly LegendItem[], x: number, y: number, width: number): { svg: string; height: number } {
  let cx = x;
  let cy = y;
  const parts: string[] = [];
  for (const item of items) {
    const w = 18 + item.label.length * CHAR + 16;
    if (cx > x && cx + w > x + width) {
      cx = x;
      cy += 18;
    }
    if (item.shape === 'line') parts.push(line(cx, cy + 6, cx + 14, cy + 6, item.cls));
    else if (item.shape === 'dot') parts.push(`<circle cx="${px(cx + 7)}" cy="${px(cy + 6)}" r="3.5" class="${item.cls}"/>`);
    else parts.push(rect(cx, cy, 14, 12, `${item.cls} sw`));
    parts.push(text(cx + 18, cy + 10, item.label, 'start', 'lg'));
    cx += w;
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: cy - y + 18 };
}

/**
 * Lightness steps of one blue for tranches 1…n (darkest first): apart in greyscale and for
 * every kind of colour blindness. More than six tranches repeat the steps.
 */
export function trancheColors(n: number): string[] {
  const blues = ['#08306b', '#08519c', '#2171b5', '#4292c6', '#6baed6', '#9ecae1'];
  const picks: Readonly<Record<number, number[]>> = {
    1: [2],
    2: [0, 5],
    3: [0, 2, 5],
    4: [0, 2, 4, 5],
    5: [0, 1, 2, 4, 5],
  };
  const at = picks[n] ?? [0, 1, 2, 3, 4, 5];
  return Array.from({ length: n }, (_, i) => blues[at[i % at.length] as number] as string);
}

/** Fill class of tranche `tranche` (1-based). */
export const trancheClass = (tranche: number): string => `t${tranche}`;

/** Label positions near `wanted` (ascending), each moved down just enough to be at least `gap` below the one before. */
export function spread(wanted: readonly number[], gap: number): number[] {
  const out: number[] = [];
  for (const w of wanted) out.push(out.length === 0 ? w : Math.max(w, (out[out.length - 1] as number) + gap));
  return out;
}
