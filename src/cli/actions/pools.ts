/** `flere pools`: the presets (or one pool, or a pool file) described for people, or as JSON. */
import { groupDigits } from '../../io/render/grouping.js';
import { visibleText } from '../../io/render/visible-text.js';
import { writeOutput } from '../../io/output.js';
import { describeCondition } from '../../pools/describe-condition.js';
import { loadPool } from '../../pools/load-pool.js';
import { type PoolDefinition, referenceMonth } from '../../pools/pool.js';
import { DEFAULT_POOL, PRESETS } from '../../pools/presets.js';
import type { PoolsOptions } from '../commands/pools.js';
import type { CliContext } from '../context.js';

/** Prints the presets, or the pool named (a preset id or a JSON file, validated). */
export async function runPools(name: string | undefined, options: PoolsOptions, ctx: CliContext): Promise<void> {
  const pools = name === undefined ? PRESETS : [await loadPool(name)];
  const text =
    options.format === 'json'
      ? `${JSON.stringify(name === undefined ? pools : pools[0], null, 2)}\n`
      : `${pools.map(describePool).join('\n')}`;
  await writeOutput(text, undefined, ctx.stdout);
}

function describePool(pool: PoolDefinition): string {
  const lines = [
    `${pool.id}${pool === DEFAULT_POOL ? ' (default)' : ''}: ${pool.name}`,
    `  total ${groupDigits(pool.total)} kr., unit ${groupDigits(pool.unit)} kr., ${pool.start} to ${pool.end}`,
    ...pool.tranches.map((t, i) => `  tranche ${i + 1}: ${groupDigits(t.share)} % ${describeCondition(t.condition)}`),
    `  target group: the recipients of ${referenceMonth(pool)} (from a person file)`,
  ];
  if (pool.source) lines.push(`  source: ${pool.source}`);
  // A pool file's name, source and labels are a person's text: shown, never obeyed.
  return `${lines.map(visibleText).join('\n')}\n`;
}
