/**
 * The few styles tables use. Renderers take a palette instead of importing a colour
 * library, so they stay pure and CSV/JSON are never coloured; the CLI decides the level.
 */
export interface Palette {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly red: (s: string) => string;
  readonly cyan: (s: string) => string;
}

const same = (s: string): string => s;

/** No colour at all. */
export const PLAIN: Palette = { bold: same, dim: same, green: same, yellow: same, red: same, cyan: same };
