import { describe, expect, it } from 'vitest';
import type { Fixed } from '../../src/core/decimal.js';
import type { FollowupSource } from '../../src/core/followup.js';
import { checkEarlierRounds, type DistributedSource, type EarlierRounds, selectSources } from '../../src/core/followup-rounds.js';
import type { AllocatedKommune } from '../../src/core/tranche-status.js';

const kr = (n: number): Fixed => ({ digits: BigInt(n), scale: 0 });
/** 1,000 kr.: København 600 (180/240/180) and Ballerup 100 (30/40/30) applied; Frederiksberg 300 did not. */
const ALLOCATION: AllocatedKommune[] = [
  { id: '101', name: 'København', amount: kr(600), tranches: [kr(180), kr(240), kr(180)], applied: true },
  { id: '147', name: 'Frederiksberg', amount: kr(300), tranches: [], applied: false },
  { id: '151', name: 'Ballerup', amount: kr(100), tranches: [kr(30), kr(40), kr(30)], applied: true },
];
const own = (id: string, amount: number): FollowupSource => ({ kind: 'not-applied', id, name: id, tranche: null, amount: kr(amount) });
const lost = (id: string, tranche: number, amount: number): FollowupSource => ({ kind: 'forfeited', id, name: id, tranche, amount: kr(amount) });
const done = (s: FollowupSource, round: number, path: string): DistributedSource => ({ ...s, round, path });
const rounds = (sources: DistributedSource[], paid: number, unallocated: number, extra: Partial<EarlierRounds> = {}): EarlierRounds => ({
  file: 'round.json',
  round: Math.max(1, ...sources.map((s) => s.round)),
  sources,
  paid: kr(paid),
  unallocated: kr(unallocated),
  ...extra,
});
const POOL = { id: 'flere-skal-med-1', original: kr(1000) };
const codes = (problems: readonly { code: string; value?: string }[]): string[][] => problems.map((p) => [p.code, p.value ?? '']);

describe('earlier rounds', () => {
  it('accepts rounds of this allocation whose sources are paid and left exactly', () => {
    // Round 1: Frederiksberg's 300 (299 paid, 1 left); round 2: Ballerup's tranche 3 (30).
    const earlier = rounds([done(own('147', 300), 1, 'earlier.sources[0]'), done(lost('151', 3, 30), 2, 'sources[0]')], 329, 1, { pool: POOL.id, originalPool: kr(1000) });
    expect(checkEarlierRounds(ALLOCATION, POOL, earlier)).toEqual([]);
  });

  it('refuses rounds of another pool, another original pool or with sources the allocation does not have', () => {
    const earlier = rounds(
      [
        done(own('147', 301), 1, 'sources[0]'), // another amount
        done(own('101', 600), 1, 'sources[1]'), // 101 applied: its money is no source
        done(lost('153', 1, 5), 1, 'sources[2]'), // not in the allocation
        done(lost('151', 4, 5), 1, 'sources[3]'), // no tranche 4
      ],
      911,
      0,
      { pool: 'flere-skal-med-2', originalPool: kr(2000) },
    );
    expect(codes(checkEarlierRounds(ALLOCATION, POOL, earlier))).toEqual([
      ['followup.round-other-pool', 'allocation_pool'],
      ['followup.round-other-allocation', 'check.original_pool'],
      ['followup.round-other-allocation', 'sources[0]'],
      ['followup.round-other-allocation', 'sources[1]'],
      ['followup.round-other-allocation', 'sources[2]'],
      ['followup.round-other-allocation', 'sources[3]'],
    ]);
  });

  it('refuses a source the rounds distributed twice, and rounds that do not balance', () => {
    const twice = rounds([done(own('147', 300), 1, 'earlier.sources[0]'), done(own('147', 300), 2, 'sources[0]')], 600, 0);
    expect(codes(checkEarlierRounds(ALLOCATION, POOL, twice))).toEqual([['followup.round-twice', 'sources[0]']]);
    const unbalanced = rounds([done(own('147', 300), 1, 'sources[0]')], 299, 0);
    expect(codes(checkEarlierRounds(ALLOCATION, POOL, unbalanced))).toEqual([['followup.round-unbalanced', '']]);
  });
});

describe('which sources a round takes', () => {
  const found = [own('147', 300), lost('101', 3, 180), lost('151', 3, 30)];

  it('takes the kinds asked for and holds the others back for a later round', () => {
    const s = selectSources(found, new Set(['forfeited']), undefined);
    expect(s.taken).toEqual([lost('101', 3, 180), lost('151', 3, 30)]);
    expect(s.heldBack).toEqual([own('147', 300)]);
    expect(s.problems).toEqual([]);
  });

  it('refuses a source an earlier round distributed, and does not call it held back', () => {
    const earlier = rounds([done(own('147', 300), 1, 'sources[0]'), done(lost('151', 3, 30), 1, 'sources[1]')], 330, 0);
    const forfeitedOnly = selectSources(found, new Set(['forfeited']), earlier);
    expect(forfeitedOnly.taken).toEqual([lost('101', 3, 180)]);
    expect(forfeitedOnly.heldBack).toEqual([]);
    expect(forfeitedOnly.problems.map((p) => [p.code, p.file, p.value, p.args?.['round']])).toEqual([['followup.already-distributed', 'round.json', 'sources[1]', 1]]);
    const both = selectSources(found, new Set(['not-applied', 'forfeited']), earlier);
    expect(codes(both.problems)).toEqual([
      ['followup.already-distributed', 'sources[0]'],
      ['followup.already-distributed', 'sources[1]'],
    ]);
  });
});
