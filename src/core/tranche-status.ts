/**
 * The state of every tranche of every kommune at a month: `due`, `paid`, `pending` or
 * `forfeited`. Pure: the allocation, the progress, the ledger and the month come in; the
 * statuses go out. Amounts are exact decimals in kroner, taken from the allocation.
 */
import type { Fixed } from './decimal.js';
import {
  type ConditionEvidence,
  type KommuneProgress,
  type TrancheCondition,
  evaluateCondition,
} from './conditions.js';
import { type Month, minMonth } from './months.js';

/** What a tranche is at the as-of month. */
export type TrancheStatus = 'due' | 'paid' | 'pending' | 'forfeited';

/** Every status, in the order a person reads them (what needs action first). */
export const TRANCHE_STATUSES: readonly TrancheStatus[] = ['due', 'paid', 'pending', 'forfeited'];

/**
 * One kommune of an allocation: `amount` in kroner, `tranches[i]` the amount of tranche i+1
 * (they sum to `amount`). A kommune that did not apply (`applied: false`) has no tranches.
 */
export interface AllocatedKommune {
  /** The official kommune code as text (`"101"`). */
  readonly id: string;
  readonly name: string;
  readonly amount: Fixed;
  readonly tranches: readonly Fixed[];
  readonly applied: boolean;
  /** The kommune's count (what the pool was divided by, e.g. persons), when the allocation states it. */
  readonly count?: Fixed;
}

/** A payout recorded in the ledger: tranche numbers are 1-based, amounts in kroner. */
export interface LedgerEntry {
  readonly kommune: string;
  readonly tranche: number;
  readonly amount: Fixed;
  readonly monthDue: Month;
  /** ISO 8601 timestamp of the run that recorded it. */
  readonly recordedAt: string;
  /** The ledger file's line, for diagnostics. */
  readonly line?: number;
}

/** The rules `tranche-status` needs from a pool: its period and each tranche's condition. */
export interface PoolRules {
  readonly start: Month;
  readonly end: Month;
  readonly tranches: readonly { readonly condition: TrancheCondition }[];
}

/**
 * One tranche of one kommune. `month` is the month it fell due (for `paid`: the ledger's
 * month due), null for `pending` and `forfeited`.
 */
export interface TrancheReport {
  readonly id: string;
  readonly name: string;
  /** 1-based. */
  readonly tranche: number;
  readonly amount: Fixed;
  readonly status: TrancheStatus;
  readonly month: Month | null;
  readonly evidence: ConditionEvidence;
  /** For `paid`: when the ledger recorded it. */
  readonly recordedAt?: string;
}

/** Everything the statuses are computed from. */
export interface StatusInput {
  readonly pool: PoolRules;
  readonly allocations: readonly AllocatedKommune[];
  /** Progress per kommune id; a kommune without rows may be absent. */
  readonly progress: ReadonlyMap<string, KommuneProgress>;
  readonly ledger: readonly LedgerEntry[];
  /** Evaluate with the months up to and including this one. */
  readonly asOf: Month;
  /**
   * Whether `asOf` was stated by the operator (`--as-of`) rather than taken from the data.
   * Forfeiting is final (the money goes to a follow-up pool), so without a stated month a
   * tranche is forfeited only where the kommune's own data reaches the pool's end month:
   * data that merely stopped, or one stray late row elsewhere, proves nothing.
   */
  readonly asOfStated: boolean;
}

const NO_PROGRESS: KommuneProgress = new Map();

/**
 * The status of every tranche of every kommune that applied, in allocation order and
 * tranche order. Rules, in order: in the ledger → `paid` (the ledger is the truth of what
 * was paid, whatever the data says now); condition met in a month ≤ min(as-of, end) →
 * `due`; as-of at or after the end month, stated or reached by the kommune's own data →
 * `forfeited`; otherwise `pending`.
 * Kommuner with `applied: false` get no tranches: their money is the follow-up pool's.
 */
export function trancheStatuses(input: StatusInput): TrancheReport[] {
  const { pool, asOf } = input;
  const paid = new Map<string, LedgerEntry>();
  for (const e of input.ledger) paid.set(ledgerKey(e.kommune, e.tranche), e);
  const window = { start: pool.start, last: minMonth(asOf, pool.end) };
  const reports: TrancheReport[] = [];
  for (const k of input.allocations) {
    if (!k.applied) continue;
    const progress = input.progress.get(k.id) ?? NO_PROGRESS;
    pool.tranches.forEach((rule, i) => {
      const tranche = i + 1;
      const amount = k.tranches[i];
      if (amount === undefined) throw new RangeError(`kommune ${k.id} has no amount for tranche ${tranche}`);
      const { met, evidence } = evaluateCondition(rule.condition, progress, window);
      const base = { id: k.id, name: k.name, tranche, amount, evidence };
      const entry = paid.get(ledgerKey(k.id, tranche));
      if (entry) reports.push({ ...base, status: 'paid', month: entry.monthDue, recordedAt: entry.recordedAt });
      else if (met !== null) reports.push({ ...base, status: 'due', month: met });
      else if (asOf >= pool.end && (input.asOfStated || reachesEnd(progress, pool.end))) {
        reports.push({ ...base, status: 'forfeited', month: null });
      }
      else reports.push({ ...base, status: 'pending', month: null });
    });
  }
  return reports;
}

/** Whether a kommune's progress has a month at or after `end`. */
function reachesEnd(progress: KommuneProgress, end: Month): boolean {
  for (const month of progress.keys()) if (month >= end) return true;
  return false;
}

/** The key of a kommune's tranche in maps and sets: `"101#2"`. */
export function ledgerKey(kommune: string, tranche: number): string {
  return `${kommune}#${tranche}`;
}

/**
 * The ledger entries to append for the tranches that are due and not yet paid, stamped with
 * `recordedAt` (ISO 8601, from the caller's clock). Recording them and computing the statuses
 * again turns exactly these reports into `paid`, so recording twice changes nothing.
 */
export function newPayouts(reports: readonly TrancheReport[], recordedAt: string): LedgerEntry[] {
  return reports
    .filter((r) => r.status === 'due')
    .map((r) => ({ kommune: r.id, tranche: r.tranche, amount: r.amount, monthDue: r.month ?? '', recordedAt }));
}
