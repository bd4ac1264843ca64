import { describe, expect, it } from 'vitest';
import { formatFixed, parseFixed } from '../../src/core/decimal.js';
import { accountForPool, type FollowupResult, followupFlows } from '../../src/core/report-followup.js';
import type { TrancheOutcome } from '../../src/core/report-timeline.js';
import type { AllocatedKommune } from '../../src/core/tranche-status.js';

const fixed = (s: string) => parseFixed(s)!;
const kommuner: AllocatedKommune[] = [
  { id: '101', name: 'København', amount: fixed('600000'), tranches: ['180000', '240000', '180000'].map(fixed), applied: true },
  { id: '147', name: 'Frederiksberg', amount: fixed('250500'), tranches: [], applied: false },
  { id: '151', name: 'Ballerup', amount: fixed('100000'), tranches: ['30000', '40000', '30000'].map(fixed), applied: true },
  { id: '155', name: 'Dragør', amount: fixed('49500'), tranches: [], applied: false },
];

/**
 * The follow-up of the hand-made allocation: 250,500 + 49,500 (did not apply) + Ballerup's
 * forfeited tranche 3, 30,000 = 330,000 kr. to København 247,000 and Ballerup 82,000 in
 * units of 1,000 (1,000 kr. left below one unit). The shares are set by hand so that every
 * source (row) and every recipient (column) adds up; this function checks sums, not quotas.
 */
function result(): FollowupResult {
  const to = (a: string, b: string) => [
    { id: '101', amount: fixed(a) },
    { id: '151', amount: fixed(b) },
  ];
  return {
    allocationPool: 'flere-skal-med-1',
    round: 1,
    earlier: { paid: fixed('0'), unallocated: fixed('0'), sources: [] },
    notDistributed: [],
    pool: fixed('330000'),
    unit: fixed('1000'),
    unallocated: fixed('1000'),
    sources: [
      { kind: 'not-applied', id: '147', name: 'Frederiksberg', tranche: null, amount: fixed('250500'), to: to('187500', '62241'), unallocated: fixed('759'), path: 'sources[0]' },
      { kind: 'forfeited', id: '151', name: 'Ballerup', tranche: 3, amount: fixed('30000'), to: to('22455', '7454'), unallocated: fixed('91'), path: 'sources[1]' },
      { kind: 'not-applied', id: '155', name: 'Dragør', tranche: null, amount: fixed('49500'), to: to('37045', '12305'), unallocated: fixed('150'), path: 'sources[2]' },
    ],
    recipients: [
      { id: '101', name: 'København', amount: fixed('247000'), path: 'allocations[0]' },
      { id: '151', name: 'Ballerup', amount: fixed('82000'), path: 'allocations[1]' },
    ],
  };
}
const context = { file: 'f.json', poolId: 'flere-skal-med-1', kommuner };
const codes = (r: FollowupResult, outcomes?: TrancheOutcome[]) =>
  followupFlows(r, { ...context, ...(outcomes ? { outcomes } : {}) }).problems.map((p) => `${p.code}@${p.value}`);

describe('followupFlows', () => {
  it('groups the sources by kind and tranche, every sum to the krone', () => {
    const { flows, problems } = followupFlows(result(), context);
    expect(problems).toEqual([]);
    expect(
      flows?.groups.map((g) => [g.kind, g.tranche, g.sources.map((s) => s.id), formatFixed(g.amount), g.to.map((x) => formatFixed(x)), formatFixed(g.unallocated)]),
    ).toEqual([
      ['not-applied', null, ['147', '155'], '300000', ['224545', '74546'], '909'],
      ['forfeited', 3, ['151'], '30000', ['22455', '7454'], '91'],
    ]);
  });

  it('refuses numbers that do not add up, naming the place', () => {
    const r = result();
    const changed = { ...r, sources: [{ ...r.sources[0]!, unallocated: fixed('760') }, ...r.sources.slice(1)] };
    expect(codes(changed)).toEqual(['report.followup-sum@sources[0]']);
    const recipients = { ...r, recipients: [{ ...r.recipients[0]!, amount: fixed('247001') }, r.recipients[1]!] };
    expect(codes(recipients)).toEqual(['report.followup-sum@allocations[0]', 'report.followup-sum@allocations']);
    const pool = { ...r, pool: fixed('330001') };
    expect(codes(pool)).toEqual(['report.followup-sum@pool', 'report.followup-sum@allocations']);
    const order = { ...r, sources: [{ ...r.sources[0]!, to: [...r.sources[0]!.to].reverse() }, ...r.sources.slice(1)] };
    expect(codes(order)).toEqual(['report.followup-recipients@sources[0].to']);
  });

  it('refuses sources that are not this allocation’s, or a tranche that was not forfeited', () => {
    const r = result();
    const swap = (i: number, change: Partial<FollowupResult['sources'][number]>) => ({
      ...r,
      sources: r.sources.map((s, j) => (j === i ? { ...s, ...change } : s)),
    });
    expect(codes(swap(0, { id: '999' }))).toEqual(['report.followup-unknown-kommune@sources[0]']);
    expect(codes(swap(0, { id: '101' }))).toEqual(['report.followup-kind@sources[0]']);
    expect(codes(swap(1, { amount: fixed('30001'), to: r.sources[1]!.to, unallocated: fixed('92') }))).toEqual(['report.followup-amount@sources[1]']);
    expect(codes(swap(1, { tranche: 4 }))).toEqual(['report.followup-no-such-tranche@sources[1]']);
    expect(codes({ ...r, allocationPool: 'flere-skal-med-2' })).toEqual(['report.followup-other-pool@flere-skal-med-2']);
    const pending: TrancheOutcome[] = [{ id: '151', tranche: 3, amount: fixed('30000'), status: 'pending', month: null }];
    expect(codes(r, pending)).toEqual(['report.followup-not-forfeited@sources[1]']);
    const forfeited: TrancheOutcome[] = [{ ...pending[0]!, status: 'forfeited' }];
    expect(codes(r, forfeited)).toEqual([]);
  });
});

describe('accountForPool', () => {
  it('what the applicants keep + the follow-up pool + the rest = the pool', () => {
    // Applicants' tranches 700,000 less Ballerup's forfeited 30,000 = 670,000; + 330,000 = 1,000,000.
    const a = accountForPool(kommuner, result(), { total: fixed('1000000'), unallocated: fixed('0') });
    expect([formatFixed(a.kept), formatFixed(a.followup), a.balances]).toEqual(['670000', '330000', true]);
    expect(accountForPool(kommuner, result(), { total: fixed('1000001'), unallocated: fixed('0') }).balances).toBe(false);
  });

  it('a second round: what earlier rounds distributed and what is left for later count too', () => {
    // Round 2 distributes Ballerup's forfeited 30,000 alone; round 1 paid 299,000 and left
    // 1,000 below one unit; København's tranche 3 (180,000) waits for a later round.
    // Kept: 700,000 − 30,000 − 180,000 = 490,000; 490,000 + 300,000 + 30,000 + 180,000 = 1,000,000.
    const r = result();
    const round2 = {
      ...r,
      round: 2,
      pool: fixed('30000'),
      sources: r.sources.filter((s) => s.tranche !== null),
      earlier: {
        paid: fixed('299000'),
        unallocated: fixed('1000'),
        sources: [
          { kind: 'not-applied' as const, id: '147', tranche: null, amount: fixed('250500') },
          { kind: 'not-applied' as const, id: '155', tranche: null, amount: fixed('49500') },
        ],
      },
      notDistributed: [{ kind: 'forfeited' as const, id: '101', tranche: 3, amount: fixed('180000') }],
    };
    const a = accountForPool(kommuner, round2, { total: fixed('1000000'), unallocated: fixed('0') });
    expect([a.kept, a.earlier, a.followup, a.notDistributed].map((x) => formatFixed(x))).toEqual(['490000', '300000', '30000', '180000']);
    expect(a.balances).toBe(true);
  });
});
