import { describe, expect, it } from 'vitest';
import { formatFixed, parseFixed } from '../../src/core/decimal.js';
import { outcomeProblems, type TrancheOutcome, trancheTimeline } from '../../src/core/report-timeline.js';
import { summariseAllocation } from '../../src/core/report-allocation.js';
import type { AllocatedKommune } from '../../src/core/tranche-status.js';

const fixed = (s: string) => parseFixed(s)!;
const o = (id: string, tranche: number, amount: string, status: TrancheOutcome['status'], month: string | null): TrancheOutcome => ({
  id,
  tranche,
  amount: fixed(amount),
  status,
  month,
});
const names = new Map([
  ['101', 'København'],
  ['151', 'Ballerup'],
  ['155', 'Dragør'],
]);
const text = (xs: readonly { digits: bigint; scale: number }[]) => xs.map((x) => formatFixed(x)).join(' ');

describe('trancheTimeline', () => {
  // København: 30 + 40 + 30 (tranche 3 paid, fell due 2017-09); Ballerup: 3 + 4 (due 2017-08)
  // + 3.50 forfeited. Dragør: all pending, its tranche 1 paid in 2017-06 (before the start).
  const outcomes = [
    o('101', 1, '30', 'due', '2017-07'),
    o('101', 2, '40', 'due', '2017-09'),
    o('101', 3, '30', 'paid', '2017-09'),
    o('151', 1, '3', 'due', '2017-07'),
    o('151', 2, '4', 'due', '2017-08'),
    o('151', 3, '3.50', 'forfeited', null),
    o('155', 1, '1', 'paid', '2017-06'),
    o('155', 2, '1', 'pending', null),
    o('155', 3, '1', 'pending', null),
  ];
  const t = trancheTimeline(outcomes, { start: '2017-07', end: '2017-12', trancheCount: 3 }, '2017-10', names);

  it('runs from the start (or an earlier payment) to the as-of month', () => {
    expect(t.months.map((m) => m.month)).toEqual(['2017-06', '2017-07', '2017-08', '2017-09', '2017-10']);
  });

  it('adds up what fell due in each month, per tranche, and so far', () => {
    expect(t.months.map((m) => text(m.due))).toEqual(['1 0 0', '33 0 0', '0 4 0', '0 40 30', '0 0 0']);
    expect(t.months.map((m) => text(m.cumulative))).toEqual(['1 0 0', '34 0 0', '34 4 0', '34 44 30', '34 44 30']);
    expect(text(t.fellDue)).toBe('34 44 30');
    expect(text(t.totals.forfeited)).toBe('0 0 3.50');
    expect(text(t.totals.pending)).toBe('0 1 1');
    expect(text(t.totals.paid)).toBe('1 0 30');
  });

  it('lists kommuner with forfeited tranches first, then pending, then the latest to finish', () => {
    expect(t.rows.map((r) => r.name)).toEqual(['Ballerup', 'Dragør', 'København']);
    expect(t.rows[0]?.tranches.map((x) => x.tranche)).toEqual([1, 2, 3]);
  });

  it('stops at the pool’s end even when the as-of month is later', () => {
    const late = trancheTimeline(outcomes.slice(0, 6), { start: '2017-07', end: '2017-09', trancheCount: 3 }, '2019-12', names);
    expect(late.months.map((m) => m.month)).toEqual(['2017-07', '2017-08', '2017-09']);
  });
});

describe('outcomeProblems: a check result must be this allocation’s, whole', () => {
  const kommuner: AllocatedKommune[] = [
    { id: '101', name: 'København', amount: fixed('100'), tranches: ['30', '40', '30'].map(fixed), applied: true },
    { id: '155', name: 'Dragør', amount: fixed('10'), tranches: [], applied: false },
  ];
  const tranche = (t: number, amount: string, status: TrancheOutcome['status'], month: string | null, path: string) => ({
    ...o('101', t, amount, status, month),
    path,
  });
  const codes = (ts: ReturnType<typeof tranche>[]) => outcomeProblems(kommuner, ts, 'c.json').map((p) => `${p.code}@${p.value ?? p.args?.['tranche']}`);

  it('accepts the whole result', () => {
    expect(codes([tranche(1, '30', 'due', '2017-07', 't[0]'), tranche(2, '40', 'pending', null, 't[1]'), tranche(3, '30', 'forfeited', null, 't[2]')])).toEqual([]);
  });

  it('names a missing tranche, a wrong amount, and a month that does not fit the status', () => {
    expect(codes([tranche(1, '31', 'due', '2017-07', 't[0]'), tranche(2, '40', 'due', null, 't[1]')])).toEqual([
      'followup.check-amount-mismatch@t[0]',
      'report.check-missing@3',
      'report.check-month@t[1]',
    ]);
  });
});

describe('summariseAllocation', () => {
  const kommuner: AllocatedKommune[] = [
    { id: '155', name: 'Dragør', amount: fixed('10'), tranches: [], applied: false },
    { id: '101', name: 'København', amount: fixed('60.50'), tranches: ['18', '24.50', '18'].map(fixed), applied: true },
    { id: '147', name: 'Frederiksberg', amount: fixed('10'), tranches: ['3', '4', '3'].map(fixed), applied: true },
  ];

  it('sorts by amount (ties by code) and checks the sum against the stated total', () => {
    const s = summariseAllocation(kommuner, { total: fixed('80.51'), unallocated: fixed('0.01') });
    expect(s.byAmount.map((k) => k.id)).toEqual(['101', '147', '155']);
    expect([formatFixed(s.applied.amount), s.applied.kommuner, formatFixed(s.notApplied.amount), s.notApplied.kommuner]).toEqual(['70.50', 2, '10', 1]);
    expect(text(s.trancheTotals)).toBe('21 28.50 21');
    expect([formatFixed(s.sum), s.balances]).toEqual(['80.50', true]);
    expect([formatFixed(s.counted), formatFixed(s.pool)]).toEqual(['80.51', '80.51']);
    const short = summariseAllocation(kommuner, { total: fixed('80.50'), unallocated: fixed('0.01') });
    expect([short.balances, formatFixed(short.counted), formatFixed(short.pool)]).toEqual([false, '80.51', '80.50']);
    const none = summariseAllocation(kommuner, {});
    expect([none.balances, formatFixed(none.counted), formatFixed(none.pool)]).toEqual([undefined, '80.50', '80.50']);
  });
});
