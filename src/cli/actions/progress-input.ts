/**
 * The progress a tranche evaluation reads, as `flere check` reads it: a kommune-month
 * progress file (PROGRESS), or a person-month file (`--persons`) aggregated exactly as
 * `flere progress` does. Shared by `flere check` and `flere report`, so that both read the
 * same data the same way.
 */
import { coverageWarnings } from '../../core/data-coverage.js';
import { type Diagnostic, FlereError, usageError } from '../../core/diagnostics.js';
import type { Month } from '../../core/months.js';
import { nearPeriod, type Period, PERIOD_MARGIN_MONTHS } from '../../core/period.js';
import { evaluateTranches } from '../../core/tranche-check.js';
import type { ProgressRow } from '../../core/person-progress.js';
import type { TargetGroupRule } from '../../core/target-group.js';
import type { AllocatedKommune, LedgerEntry, TrancheReport } from '../../core/tranche-status.js';
import type { TextEncoding } from '../../io/decode.js';
import { sourceName } from '../../io/input-source.js';
import { readTableInput, type SheetChoice } from '../../io/table-input.js';
import type { DecimalMark } from '../../io/numbers.js';
import { type MetricBound, type Progress, readProgress } from '../../io/progress-reader.js';
import { type PoolDefinition, poolMetrics } from '../../pools/pool.js';
import type { CliContext } from '../context.js';

/** Where the progress comes from: exactly one of the two is a path (or `-`). */
export interface ProgressSource {
  readonly progress?: string | undefined;
  readonly persons?: string | undefined;
}

/** How a PROGRESS file is read, and the target-group rule a person file is aggregated by. */
export interface ProgressReading {
  readonly encoding?: string | undefined;
  readonly delimiter?: string | undefined;
  readonly decimalMark?: DecimalMark | undefined;
  /** `--sheet`, when it chooses the progress's sheet (in `check`, not in `report`). */
  readonly sheet?: string | undefined;
  /** Whether `--sheet` applies to the progress at all (for the wording of a sheet without data). */
  readonly sheetOption?: boolean;
  /** For a person file: the reference month and the leavers rule (`--reference-month`, `--leavers`). */
  readonly rule: TargetGroupRule;
}

/** Read progress, and the name its diagnostics use. */
export interface ProgressInput {
  readonly progress: Progress;
  readonly name: string;
}

/**
 * Reads the progress of `source` for `pool` and checks that every kommune in it is one of
 * `kommuner` (`progress.not-in-allocation`: a wrong file, likely). Throws FlereError.
 */
export async function readProgressInput(
  source: ProgressSource,
  pool: PoolDefinition,
  reading: ProgressReading,
  kommuner: readonly AllocatedKommune[],
  ctx: CliContext,
): Promise<ProgressInput> {
  const name = sourceName(source.progress ?? source.persons);
  const choice: SheetChoice = { sheet: reading.sheet, decimalMark: reading.decimalMark, sheetOption: reading.sheetOption === true };
  const progress =
    source.progress !== undefined
      ? await readProgressFile(source.progress, name, pool, reading, choice, ctx)
      : await readPersons(source.persons as string, name, reading.rule, pool, choice, ctx);
  checkProgressKommuner(progress, kommuner, name);
  return { progress, name };
}

/** Reads PROGRESS (a path or `-`), a kommune-month progress CSV. */
async function readProgressFile(
  path: string,
  name: string,
  pool: PoolDefinition,
  reading: ProgressReading,
  choice: SheetChoice,
  ctx: CliContext,
): Promise<Progress> {
  const encoding = reading.encoding as TextEncoding | undefined;
  return readProgress(await readTableInput(path, ctx, choice), {
    file: name,
    metrics: poolMetrics(pool),
    bounds: boundsOf(pool),
    period: pool,
    ...(encoding ? { encoding } : {}),
    ...(reading.delimiter === undefined ? {} : { delimiter: reading.delimiter }),
    ...(reading.decimalMark === undefined ? {} : { decimalMark: reading.decimalMark }),
  });
}

/**
 * Reads a person file (a path or `-`) and aggregates it exactly as `flere progress` does
 * (the same entry point). Loaded only when asked for; its errors name the file and line only,
 * never a person.
 */
async function readPersons(path: string, name: string, rule: TargetGroupRule, period: Period, choice: SheetChoice, ctx: CliContext): Promise<Progress> {
  const { asCheckProgress, readPersonProgress } = await import('../../io/person-progress-input.js');
  const { withProgressMeter } = await import('../progress-meter.js');
  return asCheckProgress(
    await withProgressMeter(ctx.stderr, (onProgress) =>
      readPersonProgress(path, { name, rule, period, stdin: ctx.stdin, workbook: { ...choice, context: ctx }, ...(onProgress ? { onProgress } : {}) }),
    ),
  );
}

/** The metrics a person file yields: a pool whose conditions read any other needs a progress file. */
const PERSON_METRICS: readonly string[] = [
  'target_group',
  'cleared',
  'recipients',
  'company_activity',
  'paid_hours',
] satisfies readonly (keyof ProgressRow)[];

/** A usage error (`check.persons-metric`) when `pool` reads a metric that a person file does not give. */
export function checkPersonMetrics(pool: PoolDefinition): void {
  const missing = poolMetrics(pool).filter((m) => !PERSON_METRICS.includes(m));
  if (missing.length > 0) {
    throw usageError({ code: 'check.persons-metric', value: missing.join(', '), args: { pool: pool.id } });
  }
}

/** Pairs of metrics where the first may never exceed the second in a progress row. */
function boundsOf(pool: PoolDefinition): MetricBound[] {
  const bounds: MetricBound[] = [{ part: 'cleared', whole: 'target_group' }];
  for (const t of pool.tranches) {
    const c = t.condition;
    if (c.kind === 'all-cleared') bounds.push({ part: c.cleared, whole: c.target });
    if (c.kind === 'threshold') bounds.push({ part: c.numerator, whole: c.denominator });
  }
  const seen = new Set<string>();
  return bounds.filter((b) => !seen.has(`${b.part}/${b.whole}`) && seen.add(`${b.part}/${b.whole}`));
}

/** Progress rows for a kommune that is not in the allocation are an error: a wrong file, likely. */
function checkProgressKommuner(progress: Progress, kommuner: readonly AllocatedKommune[], file: string): void {
  const known = new Map(kommuner.map((k) => [k.id, k]));
  const problems = [...progress.firstLine]
    .filter(([code]) => !known.has(code))
    .sort((a, b) => a[1] - b[1])
    .map(([code, line]) => ({ code: 'progress.not-in-allocation', file, line, value: code }));
  if (problems.length > 0) throw new FlereError('data', problems);
}

/**
 * The warnings about the data's reach for an evaluation (see `coverageWarnings`): where the
 * data stopped for a kommune with a tranche not met, or the as-of month lies past the data.
 */
export function coverageOf(
  input: ProgressInput,
  reports: readonly TrancheReport[],
  kommuner: readonly AllocatedKommune[],
  asOf: Month,
  pool: PoolDefinition,
): Diagnostic[] {
  const unmet = new Set(reports.filter((r) => r.status === 'pending' || r.status === 'forfeited').map((r) => r.id));
  return coverageWarnings({
    progress: input.progress.byKommune,
    kommuner: kommuner.filter((k) => unmet.has(k.id)),
    asOf,
    period: pool,
    lastMonth: input.progress.lastMonth,
    file: input.name,
  });
}

/**
 * The month to evaluate: `--as-of` (usage error `check.as-of-out-of-period` when it lies far
 * from the pool's period), else the data's last month (usage error `check.no-as-of` for
 * data without rows).
 */
export function evaluationMonth(asOf: Month | undefined, input: ProgressInput, pool: PoolDefinition): Month {
  if (asOf !== undefined && !nearPeriod(asOf, pool)) {
    throw usageError({ code: 'check.as-of-out-of-period', value: asOf, args: { start: pool.start, end: pool.end, margin: PERIOD_MARGIN_MONTHS } });
  }
  const month = asOf ?? input.progress.lastMonth;
  if (month === null) throw usageError({ code: 'check.no-as-of', file: input.name });
  return month;
}

/**
 * Every tranche's status, as `flere check` computes it: the ledger (when there is one, named
 * `file` in diagnostics) reconciled first, then the statuses as of `asOf` (`stated`: given as
 * `--as-of`, not taken from the data).
 */
export function evaluateProgress(
  input: ProgressInput,
  kommuner: readonly AllocatedKommune[],
  pool: PoolDefinition,
  asOf: { readonly month: Month; readonly stated: boolean },
  ledger?: { readonly file: string; readonly entries: readonly LedgerEntry[] },
): TrancheReport[] {
  return evaluateTranches(
    {
      pool,
      allocations: kommuner,
      progress: input.progress.byKommune,
      ledger: ledger?.entries ?? [],
      asOf: asOf.month,
      asOfStated: asOf.stated,
    },
    ledger?.file,
  );
}
