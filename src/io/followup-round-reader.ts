/**
 * Reading an earlier follow-up round for `flere followup --after`: the JSON result of
 * `flere followup --format json`, read by the same parser as report's `--followup`. It lists
 * the round's own sources and what it paid and left unallocated, and under `earlier` the same
 * for every round before it, so the latest round alone carries the whole history. Only the
 * shape is checked here; whether the rounds belong to the allocation is checked in the core.
 */
import { sumFixed } from '../core/decimal.js';
import type { EarlierRounds } from '../core/followup-rounds.js';
import { readFollowupResult } from './followup-result-reader.js';

/**
 * Parses a follow-up round and adds it to the rounds before it: their sources and this
 * round's (with its number), and what they all paid and left below one unit, in kroner.
 * Throws one FlereError (data) with the `followup-round` codes of {@link readFollowupResult}.
 * A result written before rounds were numbered is round 1 with no earlier rounds.
 */
export function readFollowupRound(bytes: Uint8Array, file: string): EarlierRounds {
  const r = readFollowupResult(bytes, file, 'followup-round');
  return {
    file,
    round: r.round,
    ...(r.allocationPool === null ? {} : { pool: r.allocationPool }),
    ...(r.originalPool === undefined ? {} : { originalPool: r.originalPool }),
    sources: [
      ...r.earlier.sources,
      ...r.sources.map(({ kind, id, name, tranche, amount, path }) => ({ kind, id, name, tranche, amount, round: r.round, path })),
    ],
    paid: sumFixed([r.earlier.paid, ...r.recipients.map((x) => x.amount)]),
    unallocated: sumFixed([r.earlier.unallocated, r.unallocated]),
  };
}
