/**
 * `flere followup`: read the allocation (and a check result), find the follow-up pool's
 * sources, weigh the recipients, distribute exactly, trace every krone, check the balances,
 * render, write. Everything is computed and checked before the first byte is written.
 */
import { FlereError, usageError } from '../../core/diagnostics.js';
import { distributeFollowup } from '../../core/followup.js';
import { accountFollowup } from '../../core/followup-accounting.js';
import { allocationCounts, weighRecipients } from '../../core/followup-recipients.js';
import { collectSources } from '../../core/followup-sources.js';
import { traceFollowup } from '../../core/followup-trail.js';
import { formatFixed, sumFixed } from '../../core/decimal.js';
import { readAllocation } from '../../io/allocation-reader.js';
import { readCheckResult } from '../../io/check-result-reader.js';
import type { TextEncoding } from '../../io/decode.js';
import { readFollowupTargets } from '../../io/followup-reader.js';
import { readInput, sourceName } from '../../io/input-source.js';
import { chooseFormat, outputIsTerminal, writeOutput } from '../../io/output.js';
import { prepareOutput } from '../../io/output-target.js';
import { CSV_DIALECTS } from '../../io/render/csv-dialect.js';
import { followupRenderers, type FollowupView } from '../../io/render/followup.js';
import { loadPool, poolFileOf } from '../../pools/load-pool.js';
import type { PoolDefinition } from '../../pools/pool.js';
import { DEFAULT_POOL, poolNumbers, presetById } from '../../pools/presets.js';
import type { FollowupOptions } from '../commands/followup.js';
import { colorLevel, paletteFor } from '../color.js';
import type { CliContext } from '../context.js';

/** Runs `flere followup ALLOCATION` with parsed options; throws FlereError for bad input. */
export async function runFollowup(allocationFile: string, options: FollowupOptions, ctx: CliContext): Promise<void> {
  const stdinUsers = [allocationFile, options.to, options.forfeited].filter((f) => f === '-');
  if (stdinUsers.length > 1) throw usageError({ code: 'followup.two-stdin' });
  // Before anything is read: an output that is one of the inputs, or cannot be written, stops the run.
  const output = prepareOutput(
    options.output,
    [
      { role: 'ALLOCATION', path: allocationFile },
      { role: '--to', path: options.to },
      { role: '--forfeited', path: options.forfeited },
      { role: '--pool', path: poolFileOf(options.pool) },
    ],
    () => ctx.stdin,
  );
  const encoding = options.encoding as TextEncoding | undefined;
  const key = options.key ?? { kind: 'count' };
  const csv = {
    ...(encoding ? { encoding } : {}),
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.decimalMark === undefined ? {} : { decimalMark: options.decimalMark }),
  };

  const allocationName = sourceName(allocationFile);
  const allocationBytes = await readInput(allocationFile, ctx);
  // The pool gives the tranche count the allocation is checked against: the one named, else
  // the preset the allocation itself names, else the default.
  const named = options.pool === undefined ? undefined : await loadPool(options.pool);
  const poolFor = (id: string | undefined): PoolDefinition => named ?? presetById(id ?? '') ?? DEFAULT_POOL;
  const allocation = readAllocation(allocationBytes, {
    file: allocationName,
    shares: (id) => poolNumbers(poolFor(id)).shares,
    // Only a grants file is split by the unit, and a grants file names no pool.
    unit: poolNumbers(poolFor(undefined)).unit,
    summary: true,
    ...csv,
  });
  const pool = poolFor(allocation.pool);
  const numbers = poolNumbers(pool);

  let checked;
  if (options.forfeited !== undefined) {
    const checkName = sourceName(options.forfeited);
    const check = readCheckResult(await readInput(options.forfeited, ctx), checkName);
    if (check.pool !== undefined && check.pool !== pool.id) {
      throw new FlereError('data', [{ code: 'followup.check-other-pool', file: checkName, value: check.pool, args: { pool: pool.id } }]);
    }
    checked = { file: checkName, tranches: check.tranches };
  }
  const sources = collectSources(allocation.kommuner, checked?.tranches, checked?.file ?? '');
  if (sources.problems.length > 0) throw new FlereError('data', sources.problems);

  const toName = sourceName(options.to);
  const targets = readFollowupTargets(await readInput(options.to, ctx), {
    file: toName,
    ...(key.kind === 'column' ? { weightColumn: key.column } : {}),
    ...csv,
  });
  const counts = allocationCounts(allocation.kommuner);
  if (key.kind === 'count' && counts === undefined) {
    throw usageError({ code: 'followup.no-counts', file: allocationName });
  }
  const weighed = weighRecipients(targets, allocation.kommuner, counts, key, toName);
  if (weighed.problems.length > 0) throw new FlereError('data', weighed.problems);

  const followup = distributeFollowup({
    sources: sources.sources,
    recipients: weighed.recipients,
    unit: options.unit ?? allocation.unit ?? numbers.unit,
  });
  const trail = traceFollowup(followup);
  const accounting = accountFollowup(allocation.kommuner, allocation, followup);
  if (!accounting.allocationBalances) {
    throw new FlereError('data', [
      {
        code: 'followup.allocation-total',
        file: allocationName,
        args: { total: formatFixed(accounting.originalPool), sum: formatFixed(sumFixed([accounting.allocated, accounting.allocationUnallocated])) },
      },
    ]);
  }
  // Inputs were checked above; a balance that fails now is a bug, never output to be trusted.
  if (!accounting.followupBalances || !accounting.originalBalances) {
    throw new Error('the follow-up does not account for every krone');
  }

  const view: FollowupView = {
    followup,
    trail,
    accounting,
    key,
    ...(allocation.pool === undefined && options.pool === undefined ? {} : { pool: { id: pool.id, name: pool.name } }),
  };
  const format = chooseFormat(options.format, options.output, ctx.stdout.isTTY === true);
  const level = format === 'table' ? colorLevel(ctx, options.color, outputIsTerminal(options.output, ctx.stdout)) : 0;
  const text = followupRenderers[format](view, {
    explain: options.explain === true,
    palette: await paletteFor(level),
    dialect: CSV_DIALECTS[options.locale ?? 'plain'],
  });
  await writeOutput(text, output, ctx.stdout);
}
