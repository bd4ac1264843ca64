/**
 * Follow-up rounds: the money of a pool that did not reach its kommuner is often distributed
 * in more than one round (in 2017: the non-applicants' money in December 2017, the forfeited
 * tranches at the pool's end). A krone must never be distributed twice, so a round is told
 * the previous one (`--after`), whose result records every source that it and the rounds
 * before it distributed; a source among them may not be distributed again. What a round
 * leaves below one unit stays that round's unallocated rest.
 */
import { compareFixed, type Fixed, formatFixed, sumFixed } from './decimal.js';
import type { Diagnostic } from './diagnostics.js';
import { type FollowupSource, type FollowupSourceKind, sourceKey } from './followup.js';
import type { AllocatedKommune } from './tranche-status.js';

/** A source that an earlier round distributed, and where the `--after` file lists it. */
export interface DistributedSource extends FollowupSource {
  /** The round (1, 2, …) that distributed it. */
  readonly round: number;
  /** Its JSON path in the `--after` file (`sources[0]`, `earlier.sources[4]`). */
  readonly path: string;
}

/**
 * What the earlier rounds did, as the latest of them (the `--after` file) records it: its
 * own sources and those of the rounds before it, and what they all paid and left below one
 * unit. Amounts in kroner.
 */
export interface EarlierRounds {
  /** The `--after` file, for diagnostics. */
  readonly file: string;
  /** The latest earlier round's number: the new round is `round + 1`. */
  readonly round: number;
  /** The pool of the allocation the rounds belong to (`allocation_pool`), when stated. */
  readonly pool?: string;
  /** The original pool the rounds accounted for (`check.original_pool`), when stated. */
  readonly originalPool?: Fixed;
  readonly sources: readonly DistributedSource[];
  /** Σ paid to recipients by all earlier rounds. */
  readonly paid: Fixed;
  /** Σ left unallocated (below one unit) by all earlier rounds. */
  readonly unallocated: Fixed;
}

/** Which kinds of source a round takes (`--sources`). */
export type SourceKinds = ReadonlySet<FollowupSourceKind>;


/**
 * Checks that the earlier rounds belong to this allocation and are whole. Problems, each
 * naming the `--after` file and the JSON path: `followup.round-other-pool` (another pool),
 * `followup.round-other-allocation` (another original pool, or a source that is not the
 * allocation's: an unknown kommune, a non-applicant's amount or a tranche that differs),
 * `followup.round-twice` (the rounds distributed a source twice) and
 * `followup.round-unbalanced` (what the rounds paid and left does not make their sources).
 */
export function checkEarlierRounds(
  allocation: readonly AllocatedKommune[],
  pool: { readonly id?: string; readonly original: Fixed },
  earlier: EarlierRounds,
): Diagnostic[] {
  const file = earlier.file;
  const problems: Diagnostic[] = [];
  if (earlier.pool !== undefined && pool.id !== undefined && earlier.pool !== pool.id) {
    problems.push({ code: 'followup.round-other-pool', file, value: 'allocation_pool', args: { found: earlier.pool, pool: pool.id } });
  }
  if (earlier.originalPool !== undefined && compareFixed(earlier.originalPool, pool.original) !== 0) {
    problems.push({
      code: 'followup.round-other-allocation',
      file,
      value: 'check.original_pool',
      args: { found: formatFixed(earlier.originalPool), expected: formatFixed(pool.original) },
    });
  }
  const byId = new Map(allocation.map((k) => [k.id, k]));
  const seen = new Map<string, DistributedSource>();
  for (const s of earlier.sources) {
    const first = seen.get(sourceKey(s));
    if (first !== undefined) {
      problems.push({ code: 'followup.round-twice', file, value: s.path, args: { ...describe(s), first: first.path, firstRound: first.round } });
      continue;
    }
    seen.set(sourceKey(s), s);
    const expected = amountInAllocation(byId.get(s.id), s);
    if (expected === undefined || compareFixed(expected, s.amount) !== 0) {
      problems.push({
        code: 'followup.round-other-allocation',
        file,
        value: s.path,
        args: { ...describe(s), found: formatFixed(s.amount), expected: expected === undefined ? '' : formatFixed(expected) },
      });
    }
  }
  const sources = sumFixed(earlier.sources.map((s) => s.amount));
  const outcome = sumFixed([earlier.paid, earlier.unallocated]);
  if (compareFixed(sources, outcome) !== 0) {
    problems.push({ code: 'followup.round-unbalanced', file, args: { sources: formatFixed(sources), outcome: formatFixed(outcome) } });
  }
  return problems;
}

/**
 * What source `s` is worth in the allocation, in kroner: a non-applicant's whole amount, or
 * an applicant's tranche; undefined when the allocation has no such source (no kommune `k`,
 * a kind that does not fit whether it applied, or no such tranche).
 */
export function amountInAllocation(k: AllocatedKommune | undefined, s: FollowupSource): Fixed | undefined {
  if (k === undefined) return undefined;
  if (s.kind === 'not-applied') return k.applied ? undefined : k.amount;
  return k.applied && s.tranche !== null ? k.tranches[s.tranche - 1] : undefined;
}

/** A source for a message: kommune code, name, kind and tranche (0 for a kommune's own money). */
const describe = (s: FollowupSource): Record<string, string | number> => ({
  kommune: s.id,
  name: s.name,
  kind: s.kind,
  tranche: s.tranche ?? 0,
  amount: formatFixed(s.amount),
});

/** The sources a round takes, those it leaves for a later round, and what stops it. */
export interface SelectedSources {
  /** Sources of the kinds the round takes. */
  readonly taken: readonly FollowupSource[];
  /** Sources of the other kinds that no earlier round distributed: not yet distributed. */
  readonly heldBack: readonly FollowupSource[];
  /** `followup.already-distributed` for each taken source an earlier round distributed. */
  readonly problems: readonly Diagnostic[];
}

/**
 * Splits the sources found now (non-applicants, forfeited tranches) into those the round
 * takes (`kinds`) and those it leaves. A taken source that an earlier round distributed is
 * refused (`followup.already-distributed`, naming the `--after` file, the path where it is
 * listed and the round), never silently dropped: the operator says what a round takes.
 */
export function selectSources(found: readonly FollowupSource[], kinds: SourceKinds, earlier: EarlierRounds | undefined): SelectedSources {
  const distributed = new Map((earlier?.sources ?? []).map((s) => [sourceKey(s), s]));
  const taken: FollowupSource[] = [];
  const heldBack: FollowupSource[] = [];
  const problems: Diagnostic[] = [];
  for (const s of found) {
    const before = distributed.get(sourceKey(s));
    if (!kinds.has(s.kind)) {
      if (before === undefined) heldBack.push(s);
      continue;
    }
    if (before !== undefined) {
      problems.push({
        code: 'followup.already-distributed',
        file: earlier?.file ?? '',
        value: before.path,
        args: { ...describe(s), round: before.round },
      });
      continue;
    }
    taken.push(s);
  }
  return { taken, heldBack, problems };
}
