/**
 * From read inputs to the page: the core's report computations (what fell due when, who is
 * close to a threshold, where the follow-up's money went) and the renderer. This module is
 * the entry of the report's own bundle (dist/report.cjs), which the CLI loads only when
 * `report` runs, so that none of this code costs the other commands their start-up. It is
 * pure: problems come back as diagnostics, for the CLI to raise.
 */
import type { Fixed } from '../../../core/decimal.js';
import { formatFixed } from '../../../core/decimal.js';
import type { Diagnostic } from '../../../core/diagnostics.js';
import type { Month } from '../../../core/months.js';
import type { KommuneProgress } from '../../../core/conditions.js';
import { summariseAllocation } from '../../../core/report-allocation.js';
import { accountForPool, type FollowupResult, followupFlows } from '../../../core/report-followup.js';
import { watchProgress } from '../../../core/report-progress.js';
import { outcomeProblems, type TrancheOutcome, trancheTimeline } from '../../../core/report-timeline.js';
import type { AllocatedKommune, TrancheReport } from '../../../core/tranche-status.js';
import { describeCondition } from '../../../pools/describe-condition.js';
import type { PoolDefinition } from '../../../pools/pool.js';
import type { ReportPool, ReportView } from './model.js';
import { renderReport } from './page.js';

/** The statuses of the tranches: computed from progress (as `flere check` does), or a check result's. */
export type ReportStatuses =
  | {
      readonly kind: 'progress';
      readonly file: string;
      readonly asOf: Month;
      /** As `evaluateTranches` computed them. */
      readonly reports: readonly TrancheReport[];
      readonly progress: ReadonlyMap<string, KommuneProgress>;
      /** The progress data's last month; null without rows. */
      readonly dataLast: Month | null;
    }
  | {
      readonly kind: 'check';
      readonly file: string;
      readonly asOf: Month;
      /** The check result's tranches, each with its JSON path. */
      readonly tranches: readonly (TrancheOutcome & { readonly path: string })[];
    };

/** Everything the page is made from, as read. */
export interface ReportInput {
  readonly pool: PoolDefinition;
  readonly allocation: {
    readonly file: string;
    readonly kommuner: readonly AllocatedKommune[];
    readonly total?: Fixed;
    readonly unallocated?: Fixed;
  };
  readonly statuses?: ReportStatuses;
  readonly ledger?: string;
  readonly followup?: { readonly file: string; readonly result: FollowupResult };
  readonly version: string;
}

/** The page, or the data problems (diagnostics) that stop it. */
export type MadeReport = { readonly html: string } | { readonly problems: readonly Diagnostic[] };

/**
 * Checks that the inputs belong together and makes the page. Problems: an allocation whose
 * amounts do not make its total (`followup.allocation-total`, as `flere followup` says it); a
 * check result that is not this allocation's or not whole (see `outcomeProblems`); a
 * follow-up that does not add up or belong (see `followupFlows`).
 */
export function makeReport(input: ReportInput): MadeReport {
  const { pool, allocation } = input;
  const summary = summariseAllocation(allocation.kommuner, allocation);
  if (summary.balances === false && summary.total !== undefined) {
    return {
      problems: [{ code: 'followup.allocation-total', file: allocation.file, args: { total: formatFixed(summary.total), sum: formatFixed(summary.counted) } }],
    };
  }
  const s = input.statuses;
  if (s?.kind === 'check') {
    const problems = outcomeProblems(allocation.kommuner, s.tranches, s.file);
    if (problems.length > 0) return { problems };
  }
  const outcomes: readonly TrancheOutcome[] | undefined = s === undefined ? undefined : s.kind === 'check' ? s.tranches : s.reports;
  const names = new Map(allocation.kommuner.map((k) => [k.id, k.name]));
  const timeline =
    s === undefined || outcomes === undefined
      ? undefined
      : trancheTimeline(outcomes, { start: pool.start, end: pool.end, trancheCount: pool.tranches.length }, s.asOf, names);
  const progress =
    s?.kind === 'progress'
      ? watchProgress({ pool, kommuner: allocation.kommuner, progress: s.progress, reports: s.reports, asOf: s.asOf, dataLast: s.dataLast })
      : undefined;

  let followup: ReportView['followup'];
  if (input.followup !== undefined) {
    const { flows, problems } = followupFlows(input.followup.result, {
      file: input.followup.file,
      poolId: pool.id,
      kommuner: allocation.kommuner,
      ...(outcomes ? { outcomes } : {}),
    });
    if (flows === undefined) return { problems };
    const account = accountForPool(allocation.kommuner, input.followup.result, {
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
      allocation: allocation.file,
      ...(s ? { statuses: { kind: s.kind, file: s.file } } : {}),
      ...(input.ledger === undefined ? {} : { ledger: input.ledger }),
      ...(input.followup === undefined ? {} : { followup: input.followup.file }),
    },
    allocation: summary,
    ...(s ? { asOf: s.asOf } : {}),
    ...(timeline ? { timeline } : {}),
    ...(progress ? { progress } : {}),
    ...(followup ? { followup } : {}),
    version: input.version,
  };
  return { html: renderReport(view) };
}

/** The pool as the page names it; a tranche without a label is described by its condition. */
function reportPool(pool: PoolDefinition): ReportPool {
  return {
    id: pool.id,
    name: pool.name,
    start: pool.start,
    end: pool.end,
    tranches: pool.tranches.map((t) => ({ share: t.share, label: t.label ?? describeCondition(t.condition) })),
  };
}
