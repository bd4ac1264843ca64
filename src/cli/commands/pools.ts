/** `flere pools`: lists the pool presets and their rules. The work is in `../actions/pools.ts`. */
import type { CommandSpec } from '../command-spec.js';

/** Typed options of `flere pools`. */
export interface PoolsOptions {
  format?: 'table' | 'json';
}

/** Adds `pools` to the program. */
/** `flere pools`. */
export const poolsCommand: CommandSpec = {
  name: 'pools',
  summary: 'list the pool presets (for --pool) with their total, period, tranche shares and conditions',
  argument: { name: 'pool', description: 'show only this preset, or validate and show a pool JSON file', required: false },
  options: [
    { long: 'format', value: '<format>', description: 'table (default) or json: a preset as JSON is a template for a pool file', choices: ['table', 'json'] },
  ],
  example: `
Example:
  $ flere pools
  $ flere pools flere-skal-med-2 --format json > my-pool.json   # edit, then --pool my-pool.json`,
  run: async (pool, options, ctx) => {
    const { runPools } = await import('../actions/pools.js');
    await runPools(pool, options as PoolsOptions, ctx);
  },
};
