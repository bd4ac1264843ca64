/**
 * Colour is decided once per run, here: off with NO_COLOR or --no-color, forced by
 * FORCE_COLOR, otherwise only when the table goes to a terminal. chalk's own detection is
 * not used (it ignores NO_COLOR and sniffs argv), and chalk is only loaded when needed.
 */
import { PLAIN, type Palette } from '../io/render/palette.js';
import type { CliContext } from './context.js';

/** chalk's colour levels: 0 none, 1 basic 16 colours, 2 256 colours, 3 truecolour. */
export type ColorLevel = 0 | 1 | 2 | 3;

/** The colour level for output to a stream with the given TTY-ness. */
export function colorLevel(ctx: CliContext, colorFlag: boolean, toTerminal: boolean): ColorLevel {
  const noColor = ctx.env['NO_COLOR'];
  if (!colorFlag || (noColor !== undefined && noColor !== '')) return 0;
  const force = ctx.env['FORCE_COLOR'];
  if (force !== undefined) {
    if (force === '' || force === 'true') return 1;
    if (force === 'false' || force === '0') return 0;
    const level = Number.parseInt(force, 10);
    return level >= 3 ? 3 : level === 2 ? 2 : 1;
  }
  return toTerminal && ctx.env['TERM'] !== 'dumb' ? 1 : 0;
}

/** A palette for the level; PLAIN for 0, without loading chalk. */
export async function paletteFor(level: ColorLevel): Promise<Palette> {
  if (level === 0) return PLAIN;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level });
  return {
    bold: (s) => chalk.bold(s),
    dim: (s) => chalk.dim(s),
    green: (s) => chalk.green(s),
    yellow: (s) => chalk.yellow(s),
    red: (s) => chalk.red(s),
    cyan: (s) => chalk.cyan(s),
  };
}
