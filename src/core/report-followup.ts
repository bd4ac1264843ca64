/**
 * The follow-up pool as a report shows it: where its money came from (kommuner that did not
 * apply; forfeited tranches, by tranche) and where it went (each recipient, and the rest
 * below one unit), to the krone. The numbers are those of a `flere followup --format json`
 * result; they are trusted only as far as they add up and agree with the allocation (and
 * with the statuses, when the report has them).
 */
import { compareFixed, type Fixed, formatFixed, sumFixed } from './decimal.js';
import type { Diagnostic } from './diagnostics.js';
import { type FollowupSourceKind, sourceKey } from './followup.js';
import { keptByApplicants, originalOutcome } from './followup-accounting.js';
import { amountInAllocation } from './followup-rounds.js';
import { visitAllocated } from './followup-sources.js';
import type { TrancheOutcome } from './report-timeline.js';
import { type AllocatedKommune, ledgerKey } from './tranche-status.js';

/** A source of a follow-up result: `to[r]` went to recipient r of the result (by id). */
export interface FollowupResultSource {
  readonly kind: FollowupSourceKind;
  readonly id: string;
  readonly name: string;
  /** 1-based tranche of a forfeited tranche; null for a kommune that did not apply. */
  readonly tranche: number | null;
  /** Kroner. */
  readonly amount: Fixed;
  readonly to: readonly { readonly id: string; readonly amount: Fixed }[];
  readonly unallocated: Fixed;
  /** Where it is in the file (`sources[3]`), for diagnostics. */
  readonly path: string;
}

/** A recipient of a follow-up result. */
export interface FollowupResultRecipient {
  readonly id: string;
  readonly name: string;
  /** Kroner. */
  readonly amount: Fixed;
  readonly path: string;
}

/** A source listed without its trail: distributed by an earlier round, or left for a later one. */
export interface FollowupOtherSource {
  readonly kind: FollowupSourceKind;
  readonly id: string;
  readonly tranche: number | null;
  /** Kroner. */
  readonly amount: Fixed;
}

/** A read `flere followup --format json` result (one round); every amount in kroner. */
export interface FollowupResult {
  /** The allocation's pool id, when the allocation named one. */
  readonly allocationPool: string | null;
  /** 1, 2, …: follow-ups may come in rounds; a result from before rounds is round 1. */
  readonly round: number;
  readonly pool: Fixed;
  readonly unit: Fixed;
  readonly unallocated: Fixed;
  readonly sources: readonly FollowupResultSource[];
  readonly recipients: readonly FollowupResultRecipient[];
  /** What the earlier rounds distributed: paid, left below one unit, and their sources. */
  readonly earlier: { readonly paid: Fixed; readonly unallocated: Fixed; readonly sources: readonly FollowupOtherSource[] };
  /** Sources known but left for a later round. */
  readonly notDistributed: readonly FollowupOtherSource[];
}

/** The sources of one kind (and tranche), and what of their money went where. */
export interface FollowupGroup {
  readonly kind: FollowupSourceKind;
  /** The forfeited tranche; null for the kommuner that did not apply. */
  readonly tranche: number | null;
  readonly sources: readonly FollowupResultSource[];
  readonly amount: Fixed;
  /** Kroner to each recipient, in {@link FollowupFlows.recipients} order. */
  readonly to: readonly Fixed[];
  readonly unallocated: Fixed;
}

/** Where the follow-up pool's money came from and went, every sum checked to the krone. */
export interface FollowupFlows {
  readonly round: number;
  readonly pool: Fixed;
  readonly unit: Fixed;
  /** Did not apply first, then the forfeited tranches in tranche order. */
  readonly groups: readonly FollowupGroup[];
  readonly recipients: readonly FollowupResultRecipient[];
  readonly unallocated: Fixed;
}

/** The flows, or the problems that make the result untrustworthy for this report. */
export interface FollowupFlowsResult {
  readonly flows?: FollowupFlows;
  readonly problems: readonly Diagnostic[];
}

const equal = (a: Fixed, b: Fixed): boolean => compareFixed(a, b) === 0;

/**
 * Checks a follow-up result against itself, the allocation and (when given) the tranche
 * outcomes, and groups its flows. Problems (file = `file`, value = the JSON path):
 * `report.followup-other-pool`; a source that is not the allocation's
 * (`report.followup-unknown-kommune`, `report.followup-kind` for a kommune that applied given
 * as not applying or the other way round, `report.followup-no-such-tranche`,
 * `report.followup-amount`, `report.followup-duplicate`, `report.followup-not-forfeited`);
 * numbers that do not add up (`report.followup-sum`, args `found` and `expected`) or a
 * source's `to` that does not list the recipients (`report.followup-recipients`).
 */
export function followupFlows(
  result: FollowupResult,
  context: {
    readonly file: string;
    readonly poolId: string;
    readonly kommuner: readonly AllocatedKommune[];
    readonly outcomes?: readonly TrancheOutcome[];
  },
): FollowupFlowsResult {
  const { file } = context;
  const problems: Diagnostic[] = [];
  if (result.allocationPool !== null && result.allocationPool !== context.poolId) {
    problems.push({ code: 'report.followup-other-pool', file, value: result.allocationPool, args: { pool: context.poolId } });
  }
  checkSources(result, context, problems);
  checkSums(result, file, problems);
  if (problems.length > 0) return { problems };
  return { flows: group(result), problems };
}

function checkSources(
  result: FollowupResult,
  context: { readonly file: string; readonly kommuner: readonly AllocatedKommune[]; readonly outcomes?: readonly TrancheOutcome[] },
  problems: Diagnostic[],
): void {
  const { file } = context;
  const status = new Map(context.outcomes?.map((o) => [ledgerKey(o.id, o.tranche), o.status]));
  const refuse = {
    duplicate: (s: FollowupResultSource): Diagnostic => ({ code: 'report.followup-duplicate', file, value: s.path, args: { kommune: s.id, name: s.name } }),
    unknown: (s: FollowupResultSource): Diagnostic => ({ code: 'report.followup-unknown-kommune', file, value: s.path, args: { kommune: s.id } }),
  };
  visitAllocated(context.kommuner, result.sources, sourceKey, refuse, problems, (s, k) => {
    const at = { file, value: s.path };
    if ((s.kind === 'not-applied') === k.applied) {
      problems.push({ code: 'report.followup-kind', ...at, args: { kommune: k.id, name: k.name, kind: s.kind } });
      return;
    }
    const expected = amountInAllocation(k, s);
    if (expected === undefined) {
      problems.push({ code: 'report.followup-no-such-tranche', ...at, args: { kommune: k.id, name: k.name, tranche: s.tranche ?? 0 } });
      return;
    }
    if (!equal(expected, s.amount)) {
      problems.push({
        code: 'report.followup-amount',
        ...at,
        args: { kommune: k.id, name: k.name, found: formatFixed(s.amount), expected: formatFixed(expected) },
      });
      return;
    }
    const now = s.tranche === null ? undefined : status.get(ledgerKey(s.id, s.tranche));
    if (now !== undefined && now !== 'forfeited') {
      problems.push({ code: 'report.followup-not-forfeited', ...at, args: { kommune: k.id, name: k.name, tranche: s.tranche ?? 0, status: now } });
    }
  });
}

function checkSums(result: FollowupResult, file: string, problems: Diagnostic[]): void {
  const sum = (found: Fixed, expected: Fixed, path: string): void => {
    if (!equal(found, expected)) {
      problems.push({ code: 'report.followup-sum', file, value: path, args: { found: formatFixed(found), expected: formatFixed(expected) } });
    }
  };
  const ids = result.recipients.map((r) => r.id).join(',');
  for (const s of result.sources) {
    if (s.to.map((t) => t.id).join(',') !== ids) {
      problems.push({ code: 'report.followup-recipients', file, value: `${s.path}.to` });
      continue;
    }
    sum(sumFixed([...s.to.map((t) => t.amount), s.unallocated]), s.amount, s.path);
  }
  if (problems.length > 0) return;
  result.recipients.forEach((r, i) => sum(sumFixed(result.sources.map((s) => s.to[i]?.amount as Fixed)), r.amount, r.path));
  sum(sumFixed(result.sources.map((s) => s.unallocated)), result.unallocated, 'unallocated');
  sum(sumFixed(result.sources.map((s) => s.amount)), result.pool, 'pool');
  sum(sumFixed([...result.recipients.map((r) => r.amount), result.unallocated]), result.pool, 'allocations');
}

/** The sources grouped: those that did not apply, then each forfeited tranche. */
function group(result: FollowupResult): FollowupFlows {
  const keys = [...new Set(result.sources.map((s) => s.tranche ?? 0))].sort((a, b) => a - b);
  const groups = keys.map((tranche): FollowupGroup => {
    const sources = result.sources.filter((s) => (s.tranche ?? 0) === tranche);
    return {
      kind: tranche === 0 ? 'not-applied' : 'forfeited',
      tranche: tranche === 0 ? null : tranche,
      sources,
      amount: sumFixed(sources.map((s) => s.amount)),
      to: result.recipients.map((_, i) => sumFixed(sources.map((s) => s.to[i]?.amount as Fixed))),
      unallocated: sumFixed(sources.map((s) => s.unallocated)),
    };
  });
  return { round: result.round, pool: result.pool, unit: result.unit, groups, recipients: result.recipients, unallocated: result.unallocated };
}

/** The original pool after a follow-up round, part by part (kroner), and whether the parts make it. */
export interface PoolAccount {
  /** The applicants' tranches less every forfeited one the follow-up knows of (any round, or left for later). */
  readonly kept: Fixed;
  /** What earlier rounds paid and left below one unit. */
  readonly earlier: Fixed;
  /** This round's follow-up pool. */
  readonly followup: Fixed;
  /** Sources known but left for a later round. */
  readonly notDistributed: Fixed;
  /** The allocation's own rest below one unit. */
  readonly unallocated: Fixed;
  readonly total: Fixed;
  readonly balances: boolean;
}

/**
 * The original pool after a follow-up round, each part summed from its own data: what the
 * applicants keep (their tranches less every forfeited tranche the follow-up lists, in this
 * round, an earlier one or left for a later one), what earlier rounds distributed, this
 * round's pool, what is left for later, and the allocation's rest below one unit;
 * `balances` when they make the total.
 */
export function accountForPool(
  kommuner: readonly AllocatedKommune[],
  result: Pick<FollowupResult, 'pool' | 'sources' | 'earlier' | 'notDistributed'>,
  stated: { readonly total?: Fixed; readonly unallocated: Fixed },
): PoolAccount {
  const kept = keptByApplicants(kommuner, [...result.sources, ...result.earlier.sources, ...result.notDistributed]);
  const earlier = sumFixed([result.earlier.paid, result.earlier.unallocated]);
  const notDistributed = sumFixed(result.notDistributed.map((s) => s.amount));
  // The pool as the result states it: checkSums has held it to its recipients and rest.
  const outcome = originalOutcome({
    kept,
    earlier,
    followup: result.pool,
    notYetDistributed: notDistributed,
    allocationUnallocated: stated.unallocated,
  });
  const total = stated.total ?? outcome;
  return { kept, earlier, followup: result.pool, notDistributed, unallocated: stated.unallocated, total, balances: equal(outcome, total) };
}
