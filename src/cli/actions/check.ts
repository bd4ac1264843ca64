/**
 * `flere check`: read the pool, the allocation and the progress; under the ledger's lock
 * (with --record) read the ledger, compute every tranche's status, append the due ones;
 * then render. Everything is read and checked before anything is written.
 */
import { ExitCode, FlereError, usageError } from '../../core/diagnostics.js';
import type { Month } from '../../core/months.js';
import { type TrancheReport, ledgerKey, newPayouts } from '../../core/tranche-status.js';
import { readAllocation } from '../../io/allocation-reader.js';
import { checkAllocationPool } from './allocation-of-pool.js';
import { sourceName } from '../../io/input-source.js';
import { readTableInput } from '../../io/table-input.js';
import { appendPayouts, checkLedgerPath, type Ledger, readLedger, writeLedger } from '../../io/ledger.js';
import { lockPathOf, withLedgerLock } from '../../io/ledger-lock.js';
import { type OutputBody, outputIsTerminal, type PendingOutput, stageOutput } from '../../io/output.js';
import { type OutputTarget, prepareOutput } from '../../io/output-target.js';
import type { CheckView } from '../../io/render/check-model.js';
import { checkRenderers } from '../../io/render/check-renderers.js';
import { CSV_DIALECTS } from '../../io/render/csv-dialect.js';
import { loadPool } from '../../pools/load-pool.js';
import { poolNumbers, poolFileOf } from '../../pools/presets.js';
import type { CheckOptions } from '../commands/check.js';
import { targetGroupRule } from '../commands/target-group-options.js';
import { colorLevel, paletteFor } from '../color.js';
import type { CliContext } from '../context.js';
import { outputSettings } from '../output-settings.js';
import { printWarnings } from '../warnings.js';
import { checkPersonMetrics, coverageOf, evaluateProgress, evaluationMonth, readProgressInput } from './progress-input.js';

/**
 * Runs `flere check PROGRESS` or `flere check --persons FILE` with parsed options; throws
 * FlereError for bad input.
 */
export async function runCheck(progressFile: string | undefined, options: CheckOptions, ctx: CliContext): Promise<ExitCode> {
  const personsFile = options.persons;
  if (progressFile !== undefined && personsFile !== undefined) throw usageError({ code: 'check.progress-and-persons' });
  if (progressFile === undefined && personsFile === undefined) throw usageError({ code: 'check.no-progress' });
  if (personsFile !== undefined && (options.encoding !== undefined || options.delimiter !== undefined)) {
    throw usageError({ code: 'check.persons-reading-options' });
  }
  if (progressFile !== undefined && (options.referenceMonth !== undefined || options.leavers !== undefined)) {
    throw usageError({ code: 'check.progress-target-group-options' });
  }
  if (options.record && options.ledger === undefined) {
    throw usageError({ code: 'check.record-needs-ledger' });
  }
  if ((progressFile ?? personsFile) === '-' && options.allocation === '-') throw usageError({ code: 'check.two-stdin' });
  const output = checkFiles(progressFile, options, ctx);
  const { format, dialect, words } = outputSettings(options, ctx);
  const pool = await loadPool(options.pool);
  if (personsFile !== undefined) checkPersonMetrics(pool);
  const numbers = poolNumbers(pool);

  const allocationName = sourceName(options.allocation);
  const allocation = readAllocation(await readTableInput(options.allocation, ctx, { decimalMark: options.decimalMark }), {
    file: allocationName,
    shares: numbers.shares,
    unit: numbers.unit,
    ...(options.decimalMark === undefined ? {} : { decimalMark: options.decimalMark }),
  });
  checkAllocationPool(allocation, pool, numbers.shares, allocationName);
  const progressInput = await readProgressInput(
    { progress: progressFile, persons: personsFile },
    pool,
    { ...options, sheetOption: true, rule: targetGroupRule(pool, options) },
    allocation.kommuner,
    ctx,
  );
  const { progress } = progressInput;
  const asOf = evaluationMonth(options.asOf, progressInput, pool);
  const evaluate = (ledger: Ledger | undefined): TrancheReport[] =>
    evaluateProgress(progressInput, allocation.kommuner, pool, { month: asOf, stated: options.asOf !== undefined }, ledger);

  // What the evaluation found: how many tranches are due (news for --exit-code; with --record
  // they are recorded), and data that stopped where a tranche is still unmet (a warning).
  let due = 0;
  const takeStock = (reports: readonly TrancheReport[]): void => {
    due = reports.filter((r) => r.status === 'due').length;
    printWarnings(ctx, coverageOf(progressInput, reports, allocation.kommuner, asOf, pool));
  };

  const ledgerPath = options.ledger;
  const quiet = options.quiet === true;
  const level = format === 'table' ? colorLevel(ctx, options.color, outputIsTerminal(options.output, ctx.stdout)) : 0;
  const palette = await paletteFor(level);
  const report = async (reports: readonly TrancheReport[], recorded: ReadonlySet<string>): Promise<OutputBody> => {
    const shown = quiet ? reports.filter((r) => r.status === 'due') : reports;
    // --quiet with nothing due: nothing on standard output in table or CSV (cron mails only
    // news), but a JSON document with an empty list (or a workbook with empty sheets), which a
    // program reading it expects; an output file is always replaced, so that no stale report
    // of an earlier run remains.
    if (quiet && shown.length === 0 && output.kind === 'stdout' && format !== 'json' && format !== 'xlsx') return '';
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
    return checkRenderers[format](view, { palette, dialect, words });
  };

  // The report is rendered and, for a file, staged before the ledger is written, so that a
  // full disk or a renderer's failure shows before anything is recorded.
  const recorded = new Set<string>();
  const recordedAt = new Date().toISOString();
  let pending: PendingOutput;
  if (ledgerPath !== undefined && options.record) {
    pending = await withLedgerLock(ledgerPath, async (realLedger) => {
      // A new ledger is written in the run's dialect and with its words (`--lang da`: Danish headers).
      const ledger = await readLedger(ledgerPath, pool.id, CSV_DIALECTS[options.locale ?? 'plain'], words);
      const reports = evaluate(ledger);
      takeStock(reports);
      const payouts = newPayouts(reports, recordedAt);
      for (const p of payouts) recorded.add(ledgerKey(p.kommune, p.tranche));
      const staged = await stageOutput(await report(reports, recorded), output);
      if (payouts.length > 0) {
        const names = new Map(allocation.kommuner.map((k) => [k.id, k.name]));
        const text = appendPayouts(ledger, payouts.map((entry) => ({ entry, name: names.get(entry.kommune) ?? '' })), pool.id);
        await writeLedger(realLedger, text, ledger, ledgerPath).catch(async (error: unknown) => {
          await staged.discard();
          throw error;
        });
      }
      return staged;
    });
  } else {
    const reports = evaluate(ledgerPath === undefined ? undefined : await readLedger(ledgerPath, pool.id));
    takeStock(reports);
    pending = await stageOutput(await report(reports, recorded), output);
  }
  try {
    await pending.deliver(ctx.stdout);
  } catch (error) {
    // The ledger has the payouts but the operator has no report: say what was recorded.
    if (!(error instanceof FlereError) || recorded.size === 0 || ledgerPath === undefined) throw error;
    throw new FlereError(error.kind, [
      ...error.diagnostics,
      { code: 'check.recorded-not-reported', file: ledgerPath, value: String(recorded.size), args: { recordedAt } },
    ]);
  }
  return options.exitCode === true && due > 0 ? ExitCode.due : ExitCode.ok;
}

/**
 * Checks the files before anything is read (issue 11): the output first (not one of the
 * inputs, the ledger above all: a usage error; writable), then the ledger (a file; with
 * --record writable and not hard-linked). Returns the output's target.
 */
function checkFiles(progressFile: string | undefined, options: CheckOptions, ctx: CliContext): OutputTarget {
  const ledger = options.ledger;
  const output = prepareOutput(
    options.output,
    [
      { role: '--ledger', path: ledger },
      { role: "the ledger's lock", path: ledger === undefined ? undefined : lockPathOf(ledger) },
      progressFile === undefined ? { role: '--persons', path: options.persons } : { role: 'PROGRESS', path: progressFile },
      { role: '--allocation', path: options.allocation },
      { role: '--pool', path: poolFileOf(options.pool) },
    ],
    () => ctx.stdin,
  );
  if (ledger !== undefined) checkLedgerPath(ledger, options.record === true);
  return output;
}

