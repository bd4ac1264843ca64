/**
 * `flere progress`: stream the person file into kommune-month progress, render, write.
 * Everything is read and checked before the first byte is written.
 */
import { readPersonProgress } from '../../io/person-progress-input.js';
import { writeOutput } from '../../io/output.js';
import { prepareOutput } from '../../io/output-target.js';
import { progressRenderers } from '../../io/progress-output.js';
import { sourceName } from '../../io/input-source.js';
import { loadPool } from '../../pools/load-pool.js';
import { poolFileOf } from '../../pools/presets.js';
import type { ProgressOptions } from '../commands/progress.js';
import { targetGroupRule } from '../commands/target-group-options.js';
import type { CliContext } from '../context.js';
import { outputSettings } from '../output-settings.js';
import { withProgressMeter } from '../progress-meter.js';

/** Runs `flere progress PERSONS`; throws FlereError for bad input. */
export async function runProgress(persons: string, options: ProgressOptions, ctx: CliContext): Promise<void> {
  // Before anything is read: an output that is the person file, or cannot be written, stops the run.
  const output = prepareOutput(
    options.output,
    [
      { role: 'PERSONS', path: persons },
      { role: '--pool', path: poolFileOf(options.pool) },
    ],
    () => ctx.stdin,
  );
  // CSV unless asked otherwise (or `-o x.json`): the output is made to be read by `flere check`.
  const { format, dialect, words } = outputSettings(options, ctx, 'csv');
  const name = sourceName(persons);
  const pool = await loadPool(options.pool);
  const rule = targetGroupRule(pool, options);
  const result = await withProgressMeter(ctx.stderr, (onProgress) =>
    readPersonProgress(persons, {
      name,
      rule,
      period: pool,
      ...(persons === '-' ? { stdin: ctx.stdin } : {}),
      workbook: { sheet: options.sheet, sheetOption: true, context: ctx },
      ...(onProgress ? { onProgress } : {}),
    }),
  );
  const kommuneName = format === 'table' ? await kommuneNames() : () => '';
  const text = await progressRenderers[format](result.rows, { ...result.summary, rule }, { dialect, words, kommuneName });
  await writeOutput(text, output, ctx.stdout);
}

async function kommuneNames(): Promise<(code: string) => string> {
  const { kommuneByCode } = await import('../../registry/kommuner.js');
  return (code) => kommuneByCode(code)?.name ?? '';
}
