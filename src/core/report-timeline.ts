/**
 * The tranches over time, as a report shows them: the kroner that fell due in each month,
 * by tranche and cumulatively, and when each kommune's tranches fell due (or are pending, or
 * were forfeited). Pure and exact: the statuses come from `evaluateTranches` (or a check
 * result), amounts in kroner as `Fixed`.
 */
import { type Fixed, sumFixed, ZERO } from './decimal.js';
import type { Diagnostic } from './diagnostics.js';
import { type CheckedTranche, collectSources } from './followup-sources.js';
import { type Month, maxMonth, minMonth, monthRange } from './months.js';
import { byDanishName } from './report-allocation.js';
import { type AllocatedKommune, ledgerKey, TRANCHE_STATUSES, type TrancheStatus } from './tranche-status.js';

/** One tranche of one kommune as a check reports it (a `TrancheReport` is one). */
export interface TrancheOutcome {
  readonly id: string;
  /** 1-based. */
  readonly tranche: number;
  /** Kroner. */
  readonly amount: Fixed;
  readonly status: TrancheStatus;
  /** The month it fell due (`due`, `paid`: the ledger's month due); null otherwise. */
  readonly month: Month | null;
}

/** What fell due in one month. */
export interface TimelineMonth {
  readonly month: Month;
  /** Kroner that fell due this month (status due or paid), per tranche (index 0 = tranche 1). */
  readonly due: readonly Fixed[];
  /** Kroner that fell due up to and including this month, per tranche. */
  readonly cumulative: readonly Fixed[];
}

/** A kommune's row of the kommune × month grid: its tranches in order. */
export interface TimelineRow {
  readonly id: string;
  readonly name: string;
  readonly tranches: readonly TrancheOutcome[];
}

/** The tranches over time. */
export interface Timeline {
  /** From the pool's start to the as-of month (capped at the end), widened to any month a tranche fell due in. */
  readonly months: readonly TimelineMonth[];
  readonly trancheCount: number;
  /** Kroner per status and tranche: Σ over every kommune. */
  readonly totals: Readonly<Record<TrancheStatus, readonly Fixed[]>>;
  /** Kroner that fell due (due + paid), per tranche: the last month's cumulative. */
  readonly fellDue: readonly Fixed[];
  /** Kommuner in report order: tranches forfeited first, then pending, then the rest; see {@link compareRows}. */
  readonly rows: readonly TimelineRow[];
}

/** The statuses of a tranche that fell due. */
export const fellDue = (status: TrancheStatus): boolean => status === 'due' || status === 'paid';

/**
 * The timeline of `outcomes` (every tranche of every applying kommune) for a pool running
 * `start`…`end`, as of `asOf`. `names` gives each kommune's name (by id).
 */
export function trancheTimeline(
  outcomes: readonly TrancheOutcome[],
  pool: { readonly start: Month; readonly end: Month; readonly trancheCount: number },
  asOf: Month,
  names: ReadonlyMap<string, string>,
): Timeline {
  const { trancheCount } = pool;
  let first = pool.start;
  let last = minMonth(asOf, pool.end);
  for (const o of outcomes) {
    if (o.month === null) continue;
    first = minMonth(first, o.month);
    last = maxMonth(last, o.month);
  }
  const months = monthRange(first, last);
  const at = new Map(months.map((m, i) => [m, i]));
  const cells: Fixed[][][] = months.map(() => Array.from({ length: trancheCount }, () => []));
  const byStatus = Object.fromEntries(
    TRANCHE_STATUSES.map((s) => [s, Array.from({ length: trancheCount }, () => [] as Fixed[])]),
  ) as Record<TrancheStatus, Fixed[][]>;
  for (const o of outcomes) {
    byStatus[o.status][o.tranche - 1]?.push(o.amount);
    if (fellDue(o.status) && o.month !== null) cells[at.get(o.month) as number]?.[o.tranche - 1]?.push(o.amount);
  }
  let running: readonly Fixed[] = Array.from({ length: trancheCount }, () => ZERO);
  const timeline = months.map((month, i): TimelineMonth => {
    const due = (cells[i] ?? []).map(sumFixed);
    running = running.map((r, t) => sumFixed([r, due[t] ?? ZERO]));
    return { month, due, cumulative: running };
  });
  const totals = Object.fromEntries(
    TRANCHE_STATUSES.map((s) => [s, byStatus[s].map(sumFixed)]),
  ) as Record<TrancheStatus, Fixed[]>;
  return {
    months: timeline,
    trancheCount,
    totals,
    fellDue: totals.due.map((d, t) => sumFixed([d, totals.paid[t] ?? ZERO])),
    rows: kommuneRows(outcomes, names),
  };
}

/** The outcomes grouped by kommune, in report order. */
function kommuneRows(outcomes: readonly TrancheOutcome[], names: ReadonlyMap<string, string>): TimelineRow[] {
  const rows = new Map<string, TrancheOutcome[]>();
  for (const o of outcomes) {
    const row = rows.get(o.id);
    if (row) row.push(o);
    else rows.set(o.id, [o]);
  }
  return [...rows]
    .map(([id, tranches]) => ({ id, name: names.get(id) ?? id, tranches: [...tranches].sort((a, b) => a.tranche - b.tranche) }))
    .sort(compareRows);
}

const count = (row: TimelineRow, status: TrancheStatus): number => row.tranches.filter((t) => t.status === status).length;
const lastDue = (row: TimelineRow): Month =>
  row.tranches.reduce<Month>((m, t) => (fellDue(t.status) && t.month !== null && t.month > m ? t.month : m), '');

/**
 * Report order of the grid: more forfeited tranches first, then more pending ones, then the
 * kommune whose last tranche fell due latest, then by name (Danish order: Æ, Ø, Å last).
 */
export function compareRows(a: TimelineRow, b: TimelineRow): number {
  return (
    count(b, 'forfeited') - count(a, 'forfeited') ||
    count(b, 'pending') - count(a, 'pending') ||
    (lastDue(a) < lastDue(b) ? 1 : lastDue(a) > lastDue(b) ? -1 : 0) ||
    byDanishName(a.name, b.name)
  );
}

/**
 * The problems of a check result's tranches (file `file`) as the outcomes of `kommuner`:
 * each must be a tranche of an applying kommune with the allocation's amount, once (the
 * codes of `collectSources`: `followup.check-*`); every tranche of every applying kommune
 * must be there (`report.check-missing`, args kommune, name, tranche); a tranche that fell
 * due names its month and no other does (`report.check-month`, value = the JSON path).
 */
export function outcomeProblems(
  kommuner: readonly AllocatedKommune[],
  tranches: readonly (CheckedTranche & { readonly month: Month | null })[],
  file: string,
): Diagnostic[] {
  const problems = [...collectSources(kommuner, tranches, file).problems];
  const listed = new Set(tranches.map((t) => ledgerKey(t.id, t.tranche)));
  for (const k of kommuner) {
    if (!k.applied) continue;
    k.tranches.forEach((_, i) => {
      if (!listed.has(ledgerKey(k.id, i + 1))) {
        problems.push({ code: 'report.check-missing', file, args: { kommune: k.id, name: k.name, tranche: i + 1 } });
      }
    });
  }
  for (const t of tranches) {
    if (fellDue(t.status) !== (t.month !== null)) {
      problems.push({ code: 'report.check-month', file, value: t.path, args: { status: t.status } });
    }
  }
  return problems;
}
