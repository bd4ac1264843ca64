/**
 * One round of a follow-up pool from its inputs to its checked result: find the sources,
 * check them against the earlier rounds, take the kinds the round takes, weigh the
 * recipients, distribute exactly, trace every krone and check both balances. Pure; the
 * `flere followup` command reads the inputs and renders the result.
 */
import { type Fixed, formatFixed, sumFixed } from './decimal.js';
import { type Diagnostic, FlereError } from './diagnostics.js';
import { distributeFollowup, type Followup, type FollowupSource } from './followup.js';
import { accountFollowup, type FollowupAccounting, originalPoolOf } from './followup-accounting.js';
import { allocationCounts, type FollowupKey, type FollowupTarget, weighRecipients } from './followup-recipients.js';
import { checkEarlierRounds, type EarlierRounds, selectSources, type SourceKinds } from './followup-rounds.js';
import { type CheckedTranche, collectSources } from './followup-sources.js';
import { type FollowupTrail, traceFollowup } from './followup-trail.js';
import type { AllocatedKommune } from './tranche-status.js';

/** Everything a round is computed from; amounts in kroner. */
export interface FollowupRoundRequest {
  readonly allocation: {
    /** The allocation file, for diagnostics. */
    readonly file: string;
    readonly kommuner: readonly AllocatedKommune[];
    /** The pool's id, when known (the file's or the one given): earlier rounds must match it. */
    readonly pool?: string;
    /** The original pool (`total`) and its rest below one unit, when the file states them. */
    readonly total?: Fixed;
    readonly unallocated?: Fixed;
  };
  /** The tranches of a check result (`--forfeited`). */
  readonly checked?: { readonly file: string; readonly tranches: readonly CheckedTranche[] };
  /** The earlier rounds (`--after`). */
  readonly earlier?: EarlierRounds;
  /** The kinds of source this round takes (`--sources`). */
  readonly kinds: SourceKinds;
  /** The recipients (`--to`), as read. */
  readonly targets: { readonly file: string; readonly rows: readonly FollowupTarget[] };
  readonly key: FollowupKey;
  /** The round's rounding unit in kroner, > 0. */
  readonly unit: Fixed;
}

/** A computed round whose balances hold exactly. */
export interface FollowupRound {
  /** 1 for a first round, else the earlier round's number + 1. */
  readonly round: number;
  readonly followup: Followup;
  readonly trail: FollowupTrail;
  readonly accounting: FollowupAccounting;
  readonly earlier?: EarlierRounds;
  /** Sources found now that this round leaves for a later one. */
  readonly heldBack: readonly FollowupSource[];
}

/**
 * Computes a round. Throws FlereError (data) with every problem of a stage: sources that do
 * not agree with the allocation, earlier rounds of another allocation, a source an earlier
 * round distributed, recipients that cannot receive, an allocation whose amounts no longer
 * make its total. A balance that fails after that is a bug (a plain Error), never output.
 */
export function computeFollowupRound(request: FollowupRoundRequest): FollowupRound {
  const { allocation, earlier } = request;
  const found = collectSources(allocation.kommuner, request.checked?.tranches, request.checked?.file ?? '');
  throwAny(found.problems);

  const original = originalPoolOf(allocation.kommuner, allocation);
  if (earlier !== undefined) {
    const problems = checkEarlierRounds(allocation.kommuner, { ...(allocation.pool === undefined ? {} : { id: allocation.pool }), original }, earlier);
    throwAny(problems);
  }
  const selected = selectSources(found.sources, request.kinds, earlier);
  throwAny(selected.problems);

  const counts = allocationCounts(allocation.kommuner);
  const weighed = weighRecipients(request.targets.rows, allocation.kommuner, counts, request.key, request.targets.file);
  throwAny(weighed.problems);

  const followup = distributeFollowup({ sources: selected.taken, recipients: weighed.recipients, unit: request.unit });
  const trail = traceFollowup(followup);
  const accounting = accountFollowup(allocation.kommuner, allocation, followup, {
    ...(earlier === undefined ? {} : { earlier }),
    heldBack: selected.heldBack,
  });
  if (!accounting.allocationBalances) {
    throw new FlereError('data', [
      {
        code: 'followup.allocation-total',
        file: allocation.file,
        args: { total: formatFixed(accounting.originalPool), sum: formatFixed(sumFixed([accounting.allocated, accounting.allocationUnallocated])) },
      },
    ]);
  }
  // Inputs were checked above; a balance that fails now is a bug, never output to be trusted.
  if (!accounting.followupBalances || !accounting.originalBalances) {
    throw new Error('the follow-up does not account for every krone');
  }
  return {
    round: earlier === undefined ? 1 : earlier.round + 1,
    followup,
    trail,
    accounting,
    ...(earlier === undefined ? {} : { earlier }),
    heldBack: selected.heldBack,
  };
}

/** Throws the problems of a stage as one data error (FlereError lists up to the cap and counts the rest). */
function throwAny(problems: readonly Diagnostic[]): void {
  if (problems.length > 0) throw new FlereError('data', problems);
}
