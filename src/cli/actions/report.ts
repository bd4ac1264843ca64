/**
 * `flere report`: read the allocation (and a check result or progress, and a follow-up
 * result) exactly as the other commands read them, compute the statuses with the same
 * `evaluateTranches` as `flere check`, then hand everything to the report's own bundle,
 * which checks that the inputs belong together, computes the page's figures and renders it.
 * Nothing is written when anything is wrong.
 */
import { FlereError, usageError } from '../../core/diagnostics.js';
import { parseMonth } from '../../core/months.js';
import type { ReadAllocation } from '../../io/allocation-reader.js';
import { readCheckResult } from '../../io/check-result-reader.js';
import { readFollowupResult } from '../../io/followup-result-reader.js';
import { readInput, sourceName } from '../../io/input-source.js';
import { readLedger } from '../../io/ledger.js';
import { writeOutput } from '../../io/output.js';
import { checkReportExtension } from '../../io/output-format.js';
import { type OutputTarget, prepareOutput } from '../../io/output-target.js';
import type { ReportStatuses } from '../../io/render/report/make-report.js';
import { loadPool } from '../../pools/load-pool.js';
import type { PoolDefinition } from '../../pools/pool.js';
import { DEFAULT_POOL, poolFileOf } from '../../pools/presets.js';
import type { ReportOptions } from '../commands/report.js';
import { targetGroupRule } from '../commands/target-group-options.js';
import type { CliContext } from '../context.js';
import { VERSION } from '../version.js';
import { printWarnings } from '../warnings.js';
import { readAllocationOfPool } from './allocation-of-pool.js';
import { checkPersonMetrics, coverageOf, evaluateProgress, evaluationMonth, readProgressInput } from './progress-input.js';

/** Runs `flere report ALLOCATION` with parsed options; throws FlereError for bad input. */
export async function runReport(allocationFile: string, options: ReportOptions, ctx: CliContext): Promise<void> {
  const output = checkUsage(allocationFile, options, ctx);
  const named = options.pool === undefined ? undefined : await loadPool(options.pool);
  if (options.persons !== undefined) checkPersonMetrics(named ?? DEFAULT_POOL);
  const { allocation, pool, name: allocationName } = await readAllocationOfPool(allocationFile, options, async () => named, ctx);
  const statuses = await readStatuses(allocation, pool, options, ctx);
  const followupFile = options.followup === undefined ? undefined : sourceName(options.followup);
  const followup =
    options.followup === undefined || followupFile === undefined
      ? undefined
      : { file: followupFile, result: readFollowupResult(await readInput(options.followup, ctx), followupFile, 'followup-result') };

  // The report's own bundle (dist/report.cjs), loaded only here.
  const { makeReport } = await import('../../io/render/report/make-report.js');
  const made = makeReport({
    pool,
    allocation: { ...allocation, file: allocationName },
    ...(statuses ? { statuses } : {}),
    ...(options.ledger === undefined ? {} : { ledger: options.ledger }),
    ...(followup ? { followup } : {}),
    version: VERSION,
  });
  if ('problems' in made) throw new FlereError('data', made.problems);
  await writeOutput(made.html, output, ctx.stdout);
}

/** Usage problems, before anything is read; returns where the page goes (checked: not one of the inputs, writable). */
function checkUsage(allocationFile: string, options: ReportOptions, ctx: CliContext): OutputTarget {
  const progress = options.progress ?? options.persons;
  if (options.progress !== undefined && options.persons !== undefined) throw usageError({ code: 'report.progress-and-persons' });
  if (options.check !== undefined && progress !== undefined) throw usageError({ code: 'report.check-and-progress' });
  for (const [given, name] of [[options.asOf, '--as-of'], [options.ledger, '--ledger']] as const) {
    if (given !== undefined && progress === undefined) throw usageError({ code: 'report.needs-progress', value: name });
  }
  if (options.persons === undefined && (options.referenceMonth !== undefined || options.leavers !== undefined)) {
    throw usageError({ code: 'check.progress-target-group-options' });
  }
  const stdin = [allocationFile, options.check, progress, options.followup].filter((f) => f === '-');
  if (stdin.length > 1) throw usageError({ code: 'report.two-stdin' });
  checkReportExtension(options.output);
  // A page of HTML on a terminal helps nobody; a pipe or a file is what was meant.
  if ((options.output === undefined || options.output === '-') && ctx.stdout.isTTY === true) {
    throw usageError({ code: 'report.terminal-output' });
  }
  return prepareOutput(
    options.output,
    [
      { role: 'ALLOCATION', path: allocationFile },
      { role: '--check', path: options.check },
      { role: '--progress', path: options.progress },
      { role: '--persons', path: options.persons },
      { role: '--ledger', path: options.ledger },
      { role: '--followup', path: options.followup },
      { role: '--pool', path: poolFileOf(options.pool) },
    ],
    () => ctx.stdin,
  );
}

/** The statuses of the tranches, from progress (computed as `flere check` does) or from a check result. */
async function readStatuses(
  allocation: ReadAllocation,
  pool: PoolDefinition,
  options: ReportOptions,
  ctx: CliContext,
): Promise<ReportStatuses | undefined> {
  if (options.check !== undefined) {
    const file = sourceName(options.check);
    const check = readCheckResult(await readInput(options.check, ctx), file);
    if (check.pool !== undefined && check.pool !== pool.id) {
      throw new FlereError('data', [{ code: 'report.check-other-pool', file, value: check.pool, args: { pool: pool.id } }]);
    }
    const asOf = check.asOf === undefined ? undefined : parseMonth(check.asOf);
    if (asOf === undefined) throw new FlereError('data', [{ code: 'report.check-no-as-of', file, value: check.asOf ?? '' }]);
    return { kind: 'check', file, asOf, tranches: check.tranches };
  }
  if (options.progress === undefined && options.persons === undefined) return undefined;
  const input = await readProgressInput(
    { progress: options.progress, persons: options.persons },
    pool,
    // --sheet chooses the ALLOCATION's sheet: progress is read from its first sheet.
    { ...options, sheet: undefined, sheetOption: false, rule: targetGroupRule(pool, options) },
    allocation.kommuner,
    ctx,
  );
  const asOf = evaluationMonth(options.asOf, input, pool);
  const ledger = options.ledger === undefined ? undefined : await readLedger(options.ledger, pool.id);
  const reports = evaluateProgress(input, allocation.kommuner, pool, { month: asOf, stated: options.asOf !== undefined }, ledger);
  // The same warnings as flere check gives for the same data.
  printWarnings(ctx, coverageOf(input, reports, allocation.kommuner, asOf, pool));
  return { kind: 'progress', file: input.name, asOf, reports, progress: input.progress.byKommune, dataLast: input.progress.lastMonth };
}
