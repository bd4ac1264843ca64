/**
 * What the report page is rendered from: plain data, every figure already computed exactly
 * by the core (the same functions `flere check` and `flere followup` use). The renderer only
 * lays it out and formats it; it computes no amount of its own.
 */
import type { Month } from '../../../core/months.js';
import type { AllocationSummary } from '../../../core/report-allocation.js';
import type { FollowupFlows, PoolAccount } from '../../../core/report-followup.js';
import type { ProgressWatch } from '../../../core/report-progress.js';
import type { Timeline } from '../../../core/report-timeline.js';

/** The pool as the page names it. */
export interface ReportPool {
  readonly id: string;
  readonly name: string;
  readonly start: Month;
  readonly end: Month;
  /** Each tranche's share in percent (`"30"`) and its rule in words. */
  readonly tranches: readonly { readonly share: string; readonly label: string }[];
}

/** Everything the page shows. Sections without their input are left out (with a note). */
export interface ReportView {
  readonly pool: ReportPool;
  /** The files the page was made from, as named on the command line. */
  readonly inputs: {
    readonly allocation: string;
    readonly statuses?: { readonly kind: 'progress' | 'check'; readonly file: string };
    readonly ledger?: string;
    readonly followup?: string;
  };
  readonly allocation: AllocationSummary;
  /** The month the statuses are as of; absent without a check result or progress. */
  readonly asOf?: Month;
  readonly timeline?: Timeline;
  readonly progress?: ProgressWatch;
  readonly followup?: { readonly flows: FollowupFlows; readonly account: PoolAccount };
  /** flere's version, in the page's footer. */
  readonly version: string;
}
