/** `flere pools`: lists the pool presets and their rules. The work is in `../actions/pools.ts`. */
import { type Command, Option } from 'commander';
import type { CliContext } from '../context.js';

/** Typed options of `flere pools`. */
export interface PoolsOptions {
  format?: 'table' | 'json';
}

/** Adds `pools` to the program. */
export function definePools(program: Command, ctx: CliContext): void {
  program
    .command('pools')
    .description('list the pool presets (for --pool) with their total, period, tranche shares and conditions')
    .argument('[pool]', 'show only this preset, or validate and show a pool JSON file')
    .addOption(new Option('--format <format>', 'table (default) or json: a preset as JSON is a template for a pool file').choices(['table', 'json']))
    .addHelpText(
      'after',
      `
Example:
  $ flere pools
  $ flere pools flere-skal-med-2 --format json > my-pool.json   # edit, then --pool my-pool.json`,
    )
    .action(async (pool: string | undefined, options: PoolsOptions) => {
      const { runPools } = await import('../actions/pools.js');
      await runPools(pool, options, ctx);
    });
}
