/**
 * `flere report`: read the allocation (and a check result or progress, and a follow-up
 * result) exactly as the other commands read them, compute every figure with the core's
 * functions (the statuses with the same `evaluateTranches` as `flere check`), check that
 * the inputs belong together, then render the page and write it. Nothing is written when
 * anything is wrong.
 */
import { FlereError, usageError } from '../../core/diagnostics.js';
import { formatFixed, sumFixed } from '../../core/decimal.js';
import { type Month, parseMonth } from '../../core/months.js';
import { summariseAllocation } from '../../core/report-allocation.js';
import { accountForPool, followupFlows } from '../../core/report-followup.js';
import { type ProgressWatch, watchProgress } from '../../core/report-progress.js';
import { outcomeProblems, type TrancheOutcome, trancheTimeline } from '../../core/report-timeline.js';
import { evaluateTranches } from '../../core/tranche-check.js';
import { type ReadAllocation, readAllocation } from '../../io/allocation-reader.js';
import { readCheckResult } from '../../io/check-result-reader.js';
import type { TextEncoding } from '../../io/decode.js';
import { readFollowupResult } from '../../io/followup-result-reader.js';
import { readInput, sourceName } from '../../io/input-source.js';
import { readLedger } from '../../io/ledger.js';
import { writeOutput } from '../../io/output.js';
import type { ReportPool, ReportView } from '../../io/render/report/model.js';
import { loadPool } from '../../pools/load-pool.js';
import type { PoolDefinition } from '../../pools/pool.js';
import { DEFAULT_POOL, poolNumbers, presetById } from '../../pools/presets.js';
import type { ReportOptions } from '../commands/report.js';
import type { CliContext } from '../context.js';
import { VERSION } from '../version.js';
import { checkPersonMetrics, readProgressInput } from './progress-input.js';

/** Runs `flere report ALLOCATION` with parsed options; throws FlereError for bad input. */
export async function runReport(allocationFile: string, options: ReportOptions, ctx: CliContext): Promise<void> {
  checkUsage(allocationFile, options, ctx);
  const named = options.pool === undefined ? undefined : await loadPool(options.pool);
  const poolFor = (id: string | undefined): PoolDefinition => named ?? presetById(id ?? '') ?? DEFAULT_POOL;
  if (options.persons !== undefined) checkPersonMetrics(named ?? DEFAULT_POOL);
  const encoding = options.encoding as TextEncoding | undefined;
  const csv = {
    ...(encoding ? { encoding } : {}),
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.decimalMark === undefined ? {} : { decimalMark: options.decimalMark }),
  };

  const allocationName = sourceName(allocationFile);
  const allocation = readAllocation(await readInput(allocationFile, ctx), {
    file: allocationName,
    shares: (id) => poolNumbers(poolFor(id)).shares,
    // Only a grants file is split by the unit, and a grants file names no pool.
    unit: poolNumbers(poolFor(undefined)).unit,
    summary: true,
    ...csv,
  });
  const pool = poolFor(allocation.pool);
  const summary = summariseAllocation(allocation.kommuner, allocation);
  if (summary.balances === false && summary.total !== undefined) {
    const sum = formatFixed(sumFixed([summary.sum, summary.unallocated]));
    throw new FlereError('data', [
      { code: 'followup.allocation-total', file: allocationName, args: { total: formatFixed(summary.total), sum } },
    ]);
  }

  const statuses = await readStatuses(allocation, pool, options, ctx);
  const names = new Map(allocation.kommuner.map((k) => [k.id, k.name]));
  const timeline =
    statuses === undefined
      ? undefined
      : trancheTimeline(statuses.outcomes, { start: pool.start, end: pool.end, trancheCount: pool.tranches.length }, statuses.asOf, names);

  let followup: ReportView['followup'];
  if (options.followup !== undefined) {
    const file = sourceName(options.followup);
    const result = readFollowupResult(await readInput(options.followup, ctx), file);
    const { flows, problems } = followupFlows(result, {
      file,
      poolId: pool.id,
      kommuner: allocation.kommuner,
      ...(statuses ? { outcomes: statuses.outcomes } : {}),
    });
    if (flows === undefined) throw new FlereError('data', problems);
    const account = accountForPool(allocation.kommuner, flows, {
      ...(summary.total === undefined ? {} : { total: summary.total }),
      unallocated: summary.unallocated,
    });
    // Every source was checked against the allocation: a balance that fails now is a bug.
    if (!account.balances) throw new Error('the follow-up does not account for every krone of the pool');
    followup = { flows, account };
  }

  const view: ReportView = {
    pool: reportPool(pool),
    inputs: {
      allocation: allocationName,
      ...(statuses ? { statuses: { kind: statuses.kind, file: statuses.file } } : {}),
      ...(options.ledger === undefined ? {} : { ledger: options.ledger }),
      ...(options.followup === undefined ? {} : { followup: sourceName(options.followup) }),
    },
    allocation: summary,
    ...(statuses ? { asOf: statuses.asOf } : {}),
    ...(timeline ? { timeline } : {}),
    ...(statuses?.progress ? { progress: statuses.progress } : {}),
    ...(followup ? { followup } : {}),
    version: VERSION,
  };
  // The page's renderer is a bundle of its own (dist/report.cjs), loaded only here.
  const { renderReport } = await import('../../io/render/report/page.js');
  await writeOutput(renderReport(view), options.output, ctx.stdout);
}

/** Usage problems, before anything is read. */
function checkUsage(allocationFile: string, options: ReportOptions, ctx: CliContext): void {
  const progress = options.progress ?? options.persons;
  if (options.progress !== undefined && options.persons !== undefined) throw usageError({ code: 'report.progress-and-persons' });
  if (options.check !== undefined && progress !== undefined) throw usageError({ code: 'report.check-and-progress' });
  for (const [given, name] of [[options.asOf, '--as-of'], [options.ledger, '--ledger']] as const) {
    if (given !== undefined && progress === undefined) throw usageError({ code: 'report.needs-progress', value: name });
  }
  const stdin = [allocationFile, options.check, progress, options.followup].filter((f) => f === '-');
  if (stdin.length > 1) throw usageError({ code: 'report.two-stdin' });
  // A page of HTML on a terminal helps nobody; a pipe or a file is what was meant.
  if ((options.output === undefined || options.output === '-') && ctx.stdout.isTTY === true) {
    throw usageError({ code: 'report.terminal-output' });
  }
}

/** The statuses of the tranches, from progress (computed as `flere check` does) or a check result. */
interface Statuses {
  readonly kind: 'progress' | 'check';
  readonly file: string;
  readonly asOf: Month;
  readonly outcomes: readonly TrancheOutcome[];
  readonly progress?: ProgressWatch;
}

async function readStatuses(
  allocation: ReadAllocation,
  pool: PoolDefinition,
  options: ReportOptions,
  ctx: CliContext,
): Promise<Statuses | undefined> {
  if (options.check !== undefined) {
    const file = sourceName(options.check);
    const check = readCheckResult(await readInput(options.check, ctx), file);
    if (check.pool !== undefined && check.pool !== pool.id) {
      throw new FlereError('data', [{ code: 'report.check-other-pool', file, value: check.pool, args: { pool: pool.id } }]);
    }
    const asOf = check.asOf === undefined ? undefined : parseMonth(check.asOf);
    if (asOf === undefined) throw new FlereError('data', [{ code: 'report.check-no-as-of', file, value: check.asOf ?? '' }]);
    const problems = outcomeProblems(allocation.kommuner, check.tranches, file);
    if (problems.length > 0) throw new FlereError('data', problems);
    return { kind: 'check', file, asOf, outcomes: check.tranches };
  }
  if (options.progress === undefined && options.persons === undefined) return undefined;
  const { progress, name } = await readProgressInput(
    { progress: options.progress, persons: options.persons },
    pool,
    options,
    allocation.kommuner,
    ctx,
  );
  const asOf = options.asOf ?? progress.lastMonth;
  if (asOf === null) throw usageError({ code: 'check.no-as-of', file: name });
  const ledger = options.ledger === undefined ? undefined : await readLedger(options.ledger, pool.id);
  const reports = evaluateTranches(
    { pool, allocations: allocation.kommuner, progress: progress.byKommune, ledger: ledger?.entries ?? [], asOf },
    ledger?.file,
  );
  const watch = watchProgress({
    pool,
    kommuner: allocation.kommuner,
    progress: progress.byKommune,
    reports,
    asOf,
    dataLast: progress.lastMonth,
  });
  return { kind: 'progress', file: name, asOf, outcomes: reports, progress: watch };
}

/** The pool as the page names it; a tranche without a label is described by its condition. */
function reportPool(pool: PoolDefinition): ReportPool {
  return {
    id: pool.id,
    name: pool.name,
    start: pool.start,
    end: pool.end,
    tranches: pool.tranches.map((t) => ({ share: t.share, label: t.label ?? describe(t.condition) })),
  };
}

function describe(c: PoolDefinition['tranches'][number]['condition']): string {
  switch (c.kind) {
    case 'at-start':
      return 'at start';
    case 'all-cleared':
      return `${c.cleared} reaches ${c.target}`;
    case 'threshold':
      return `${c.numerator} / ${c.denominator} ≥ ${c.threshold} % in ${c.months === 1 ? '1 month' : `${c.months} consecutive months`}`;
  }
}
