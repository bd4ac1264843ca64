/**
 * `flere check`: read the pool, the allocation and the progress; under the ledger's lock
 * (with --record) read the ledger, compute every tranche's status, append the due ones;
 * then render. Everything is read and checked before anything is written.
 */
import { usageError } from '../../core/diagnostics.js';
import type { Month } from '../../core/months.js';
import { evaluateTranches } from '../../core/tranche-check.js';
import { type TrancheReport, ledgerKey, newPayouts } from '../../core/tranche-status.js';
import { readAllocation } from '../../io/allocation-reader.js';
import { readInput, sourceName } from '../../io/input-source.js';
import { appendPayouts, type Ledger, readLedger, writeLedger } from '../../io/ledger.js';
import { withLedgerLock } from '../../io/ledger-lock.js';
import { chooseFormat, outputIsTerminal, writeOutput } from '../../io/output.js';
import type { CheckView } from '../../io/render/check-model.js';
import { checkRenderers } from '../../io/render/check-renderers.js';
import { CSV_DIALECTS } from '../../io/render/csv-dialect.js';
import { loadPool } from '../../pools/load-pool.js';
import { poolNumbers } from '../../pools/presets.js';
import type { CheckOptions } from '../commands/check.js';
import { colorLevel, paletteFor } from '../color.js';
import type { CliContext } from '../context.js';
import { checkPersonMetrics, readProgressInput } from './progress-input.js';

/**
 * Runs `flere check PROGRESS` or `flere check --persons FILE` with parsed options; throws
 * FlereError for bad input.
 */
export async function runCheck(progressFile: string | undefined, options: CheckOptions, ctx: CliContext): Promise<void> {
  const personsFile = options.persons;
  if (progressFile !== undefined && personsFile !== undefined) throw usageError({ code: 'check.progress-and-persons' });
  if (progressFile === undefined && personsFile === undefined) throw usageError({ code: 'check.no-progress' });
  if (personsFile !== undefined && (options.encoding !== undefined || options.delimiter !== undefined)) {
    throw usageError({ code: 'check.persons-reading-options' });
  }
  if (options.record && options.ledger === undefined) {
    throw usageError({ code: 'check.record-needs-ledger' });
  }
  if ((progressFile ?? personsFile) === '-' && options.allocation === '-') throw usageError({ code: 'check.two-stdin' });
  const pool = await loadPool(options.pool);
  if (personsFile !== undefined) checkPersonMetrics(pool);
  const numbers = poolNumbers(pool);

  const allocationName = sourceName(options.allocation);
  const allocation = readAllocation(await readInput(options.allocation, ctx), {
    file: allocationName,
    shares: numbers.shares,
    unit: numbers.unit,
    ...(options.decimalMark === undefined ? {} : { decimalMark: options.decimalMark }),
  });
  const { progress, name: progressName } = await readProgressInput(
    { progress: progressFile, persons: personsFile },
    pool,
    options,
    allocation.kommuner,
    ctx,
  );
  const asOf = options.asOf ?? progress.lastMonth;
  if (asOf === null) throw usageError({ code: 'check.no-as-of', file: progressName });

  const evaluate = (ledger: Ledger | undefined): TrancheReport[] =>
    evaluateTranches(
      { pool, allocations: allocation.kommuner, progress: progress.byKommune, ledger: ledger?.entries ?? [], asOf },
      ledger?.file,
    );

  let reports: TrancheReport[];
  const recorded = new Set<string>();
  const ledgerPath = options.ledger;
  if (ledgerPath !== undefined && options.record) {
    reports = await withLedgerLock(ledgerPath, async () => {
      const ledger = await readLedger(ledgerPath, pool.id);
      const result = evaluate(ledger);
      const payouts = newPayouts(result, new Date().toISOString());
      if (payouts.length > 0) {
        const names = new Map(allocation.kommuner.map((k) => [k.id, k.name]));
        const text = appendPayouts(ledger, payouts.map((entry) => ({ entry, name: names.get(entry.kommune) ?? '' })), pool.id);
        await writeLedger(ledgerPath, text, ledger);
        for (const p of payouts) recorded.add(ledgerKey(p.kommune, p.tranche));
      }
      return result;
    });
  } else {
    reports = evaluate(ledgerPath === undefined ? undefined : await readLedger(ledgerPath, pool.id));
  }

  const quiet = options.quiet === true;
  const shown = quiet ? reports.filter((r) => r.status === 'due') : reports;
  if (quiet && shown.length === 0) return;
  const view: CheckView = {
    pool,
    asOf: asOf as Month,
    kommuner: allocation.kommuner,
    reports: shown,
    recorded,
    progress: progress.byKommune,
    ...(ledgerPath === undefined ? {} : { ledger: ledgerPath }),
    quiet,
  };
  const format = chooseFormat(options.format, options.output, ctx.stdout.isTTY === true);
  const level = format === 'table' ? colorLevel(ctx, options.color, outputIsTerminal(options.output, ctx.stdout)) : 0;
  const text = checkRenderers[format](view, {
    palette: await paletteFor(level),
    dialect: CSV_DIALECTS[options.locale ?? 'plain'],
  });
  await writeOutput(text, options.output, ctx.stdout);
}
