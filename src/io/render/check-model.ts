/**
 * What the check renderers are given: the statuses of every tranche plus what a person
 * needs around them (the pool, the as-of month, progress for the sparklines). Plain data.
 */
import { type ConditionEvidence, type KommuneProgress, ratePercent } from '../../core/conditions.js';
import { type Fixed, sumFixed } from '../../core/decimal.js';
import type { Month } from '../../core/months.js';
import { type AllocatedKommune, TRANCHE_STATUSES, type TrancheReport, type TrancheStatus, ledgerKey } from '../../core/tranche-status.js';
import type { PoolDefinition } from '../../pools/pool.js';
import type { OutputBody } from '../output.js';
import type { CsvDialect } from './csv-dialect.js';
import type { Palette } from './palette.js';
import { type Words, wordsFor } from './words.js';

/** The result of one `flere check` run, ready to render. */
export interface CheckView {
  readonly pool: PoolDefinition;
  readonly asOf: Month;
  /** Every kommune of the allocation, in its order (those that did not apply too). */
  readonly kommuner: readonly AllocatedKommune[];
  /** The tranches to show, in kommune and tranche order (with `--quiet`: only the due ones). */
  readonly reports: readonly TrancheReport[];
  /** Keys (`ledgerKey`) of the tranches this run recorded in the ledger. */
  readonly recorded: ReadonlySet<string>;
  readonly progress: ReadonlyMap<string, KommuneProgress>;
  /** The ledger file, when one was used. */
  readonly ledger?: string;
  /** `--quiet`: only due tranches are shown; the table leaves out everything else. */
  readonly quiet: boolean;
}

/** What a check renderer needs besides the view. */
export interface CheckRenderOptions {
  readonly palette: Palette;
  readonly dialect: CsvDialect;
  /** The words of headers, statuses and labels (default English). */
  readonly words?: Words;
}

/**
 * Renders a check view to the complete text of the output (empty: print nothing), or a
 * workbook's bytes once the workbook writer is loaded.
 */
export type CheckRenderer = (view: CheckView, options: CheckRenderOptions) => OutputBody | Promise<OutputBody>;

/** Whether this run recorded the report's tranche. */
export const wasRecorded = (view: CheckView, r: TrancheReport): boolean => view.recorded.has(ledgerKey(r.id, r.tranche));

/** How many tranches of one status the view shows, and their sum in kroner. */
export interface StatusTotal {
  readonly status: TrancheStatus;
  readonly count: number;
  readonly amount: Fixed;
}

/** The view's tranches by status, every status in {@link TRANCHE_STATUSES} order: the totals of JSON, table and workbook. */
export function statusTotals(view: CheckView): StatusTotal[] {
  return TRANCHE_STATUSES.map((status) => {
    const rs = view.reports.filter((r) => r.status === status);
    return { status, count: rs.length, amount: sumFixed(rs.map((r) => r.amount)) };
  });
}

/** The kommuner of the view that did not apply (none with `--quiet`, which shows only what is due). */
export const notApplied = (view: CheckView): readonly AllocatedKommune[] => (view.quiet ? [] : view.kommuner.filter((k) => !k.applied));

/** Evidence as JSON: counts as decimal strings, rates in percent truncated to 2 places. */
export function evidenceJson(e: ConditionEvidence): Record<string, unknown> {
  switch (e.kind) {
    case 'at-start':
      return { kind: e.kind, start: e.start };
    case 'all-cleared':
      return {
        kind: e.kind,
        month: e.month,
        cleared: e.cleared === null ? null : e.cleared.toString(),
        target: e.target === null ? null : e.target.toString(),
      };
    case 'threshold':
      return {
        kind: e.kind,
        threshold: e.threshold,
        months: e.months,
        streak: e.streak,
        rates: e.window.map((o) => ({
          month: o.month,
          numerator: o.numerator === null ? null : o.numerator.toString(),
          denominator: o.denominator === null ? null : o.denominator.toString(),
          rate: o.numerator === null || o.denominator === null ? null : percent(o.numerator, o.denominator, 2),
          meets: o.meets,
        })),
      };
  }
}

/** `n / d` in percent truncated to `decimals` places (as the verdict sees it); null for d = 0. */
export function percent(n: bigint, d: bigint, decimals: number): string | null {
  return ratePercent(n, d, decimals);
}

/**
 * Evidence as one line of text for CSV and people: `2017-10 40.00 %, 2017-11 44.44 % … (≥ 40 %
 * in 3 consecutive months)`, `cleared 98 of 100 (2017-09)`, `at start 2017-07` (in Danish
 * with `words` of `da`).
 */
export function evidenceText(e: ConditionEvidence, decimalMark: '.' | ',' = '.', w: Words = wordsFor()): string {
  const mark = (s: string): string => (decimalMark === ',' ? s.replace('.', ',') : s);
  switch (e.kind) {
    case 'at-start':
      return w('evidence.at-start', { month: e.start });
    case 'all-cleared':
      return e.month === null
        ? w('evidence.no-data')
        : w('evidence.cleared', { cleared: e.cleared?.toString() ?? '?', target: e.target?.toString() ?? '?', month: e.month });
    case 'threshold': {
      const rates = e.window.map((o) => {
        const p = o.numerator === null || o.denominator === null ? null : percent(o.numerator, o.denominator, 2);
        return `${o.month} ${p === null ? (o.numerator === null ? w('evidence.no-data') : w('evidence.not-applicable')) : `${mark(p)} %`}`;
      });
      const rule = e.months === 1 ? w('evidence.rule-one-month', { threshold: mark(e.threshold) }) : w('evidence.rule-months', { threshold: mark(e.threshold), months: e.months });
      return `${rates.length === 0 ? w('evidence.no-months') : rates.join(', ')} (${rule})`;
    }
  }
}
