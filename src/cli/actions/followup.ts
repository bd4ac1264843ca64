/**
 * `flere followup`: read the allocation (and a check result), find the follow-up pool's
 * sources, weigh the recipients, distribute exactly, trace every krone, check the balances,
 * render, write. Everything is computed and checked before the first byte is written.
 */
import { FlereError, usageError } from '../../core/diagnostics.js';
import type { FollowupSourceKind } from '../../core/followup.js';
import { allocationCounts } from '../../core/followup-recipients.js';
import { computeFollowupRound } from '../../core/followup-round.js';
import { readCheckResult } from '../../io/check-result-reader.js';
import type { TextEncoding } from '../../io/decode.js';
import { readFollowupTargets } from '../../io/followup-reader.js';
import { readFollowupRound } from '../../io/followup-round-reader.js';
import { readInput, sourceName } from '../../io/input-source.js';
import { readTableInput } from '../../io/table-input.js';
import { outputIsTerminal, writeOutput } from '../../io/output.js';
import { prepareOutput } from '../../io/output-target.js';
import { followupRenderers, type FollowupView } from '../../io/render/followup.js';
import { loadPool } from '../../pools/load-pool.js';
import { readAllocationOfPool } from './allocation-of-pool.js';
import { poolNumbers, poolFileOf } from '../../pools/presets.js';
import type { FollowupOptions } from '../commands/followup.js';
import { colorLevel, paletteFor } from '../color.js';
import type { CliContext } from '../context.js';
import { outputSettings } from '../output-settings.js';

/** Runs `flere followup ALLOCATION` with parsed options; throws FlereError for bad input. */
export async function runFollowup(allocationFile: string, options: FollowupOptions, ctx: CliContext): Promise<void> {
  const stdinUsers = [allocationFile, options.to, options.forfeited, options.after].filter((f) => f === '-');
  if (stdinUsers.length > 1) throw usageError({ code: 'followup.two-stdin' });
  const kinds: ReadonlySet<FollowupSourceKind> = options.sources ?? new Set(options.forfeited === undefined ? ['not-applied'] : ['not-applied', 'forfeited']);
  if (kinds.has('forfeited') && options.forfeited === undefined) throw usageError({ code: 'followup.sources-need-forfeited' });
  // Before anything is read: an output that is one of the inputs, or cannot be written, stops the run.
  const output = prepareOutput(
    options.output,
    [
      { role: 'ALLOCATION', path: allocationFile },
      { role: '--to', path: options.to },
      { role: '--forfeited', path: options.forfeited },
      { role: '--after', path: options.after },
      { role: '--pool', path: poolFileOf(options.pool) },
    ],
    () => ctx.stdin,
  );
  const { format, dialect, words } = outputSettings(options, ctx);
  const encoding = options.encoding as TextEncoding | undefined;
  const key = options.key ?? { kind: 'count' };
  const csv = {
    ...(encoding ? { encoding } : {}),
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.decimalMark === undefined ? {} : { decimalMark: options.decimalMark }),
  };

  // The pool gives the tranche count the allocation is checked against: the one named, else
  // the preset the allocation itself names, else the default.
  const { allocation, pool, name: allocationName } = await readAllocationOfPool(
    allocationFile,
    options,
    async () => (options.pool === undefined ? undefined : await loadPool(options.pool)),
    ctx,
  );
  const numbers = poolNumbers(pool);
  // The README promises the allocation's unit; a CSV written by `flere allocate` does not
  // state it, and guessing 1 krone for an allocation made in thousands would be wrong.
  if (options.unit === undefined && allocation.kind === 'csv') {
    throw usageError({ code: 'followup.unit-not-stated', file: allocationName });
  }

  let checked;
  if (options.forfeited !== undefined) {
    const checkName = sourceName(options.forfeited);
    const check = readCheckResult(await readInput(options.forfeited, ctx), checkName);
    if (check.pool !== undefined && check.pool !== pool.id) {
      throw new FlereError('data', [{ code: 'followup.check-other-pool', file: checkName, value: check.pool, args: { pool: pool.id } }]);
    }
    checked = { file: checkName, tranches: check.tranches };
  }
  const earlier = options.after === undefined ? undefined : readFollowupRound(await readInput(options.after, ctx), sourceName(options.after));

  const toName = sourceName(options.to);
  const targets = readFollowupTargets(await readTableInput(options.to, ctx, { decimalMark: options.decimalMark }), {
    file: toName,
    ...(key.kind === 'column' ? { weightColumn: key.column } : {}),
    ...csv,
  });
  if (key.kind === 'count' && allocationCounts(allocation.kommuner) === undefined) {
    throw usageError({ code: 'followup.no-counts', file: allocationName });
  }

  const round = computeFollowupRound({
    allocation: {
      file: allocationName,
      kommuner: allocation.kommuner,
      // Earlier rounds are checked against the pool the allocation names (or the one given).
      ...(allocation.pool === undefined && options.pool === undefined ? {} : { pool: pool.id }),
      ...(allocation.total === undefined ? {} : { total: allocation.total }),
      ...(allocation.unallocated === undefined ? {} : { unallocated: allocation.unallocated }),
    },
    ...(checked === undefined ? {} : { checked }),
    ...(earlier === undefined ? {} : { earlier }),
    kinds,
    targets: { file: toName, rows: targets },
    key,
    unit: options.unit ?? allocation.unit ?? numbers.unit,
  });

  const view: FollowupView = {
    ...round,
    key,
    ...(allocation.pool === undefined && options.pool === undefined ? {} : { pool: { id: pool.id, name: pool.name } }),
  };
  const level = format === 'table' ? colorLevel(ctx, options.color, outputIsTerminal(options.output, ctx.stdout)) : 0;
  const text = await followupRenderers[format](view, {
    explain: options.explain === true,
    palette: await paletteFor(level),
    dialect,
    words,
  });
  await writeOutput(text, output, ctx.stdout);
}
