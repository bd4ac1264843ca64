import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KommuneProgress, MonthlyCounts } from '../../src/core/conditions.js';
import { parseFixed } from '../../src/core/decimal.js';
import { ratioSeries, watchProgress } from '../../src/core/report-progress.js';
import { type AllocatedKommune, trancheStatuses } from '../../src/core/tranche-status.js';
import { FLERE_SKAL_MED_1, FLERE_SKAL_MED_2 } from '../../src/pools/presets.js';

const fixed = (s: string) => parseFixed(s)!;
const kommune = (id: string, name: string): AllocatedKommune => ({
  id,
  name,
  amount: fixed('100'),
  tranches: ['30', '40', '30'].map(fixed),
  applied: true,
});
/** Months → [target_group, cleared, recipients, company_activity]. */
const progress = (r: Record<string, [number, number, number, number]>): KommuneProgress =>
  new Map(
    Object.entries(r).map(([m, [t, c, rec, co]]): [string, MonthlyCounts] => [
      m,
      { target_group: BigInt(t), cleared: BigInt(c), recipients: BigInt(rec), company_activity: BigInt(co) },
    ]),
  );
const pool = { ...FLERE_SKAL_MED_1, start: '2017-07', end: '2017-12' };

/** Runs the same evaluation flere check runs, then the watch. */
function watch(kommuner: AllocatedKommune[], data: Map<string, KommuneProgress>, asOf = '2017-12') {
  const reports = trancheStatuses({ pool, allocations: kommuner, progress: data, ledger: [], asOf, asOfStated: true });
  const last = [...data.values()].flatMap((p) => [...p.keys()]).sort().at(-1) ?? null;
  return watchProgress({ pool, kommuner, progress: data, reports, asOf, dataLast: last });
}

describe('ratioSeries', () => {
  it('one series per pair of metrics: FSM1 has two, FSM2 one with two thresholds', () => {
    expect(ratioSeries(FLERE_SKAL_MED_1.tranches.map((t) => t.condition))).toEqual([
      { numerator: 'cleared', denominator: 'target_group', rules: [{ tranche: 2, threshold: '100', months: 1, kind: 'all-cleared' }] },
      { numerator: 'company_activity', denominator: 'recipients', rules: [{ tranche: 3, threshold: '40', months: 3, kind: 'threshold' }] },
    ]);
    expect(ratioSeries(FLERE_SKAL_MED_2.tranches.map((t) => t.condition))).toEqual([
      {
        numerator: 'paid_hours',
        denominator: 'target_group',
        rules: [
          { tranche: 2, threshold: '15', months: 1, kind: 'threshold' },
          { tranche: 3, threshold: '20', months: 1, kind: 'threshold' },
        ],
      },
    ]);
  });
});

describe('watchProgress: who is listed first', () => {
  const months = ['2017-07', '2017-08', '2017-09', '2017-10', '2017-11', '2017-12'];
  const steady = (cleared: number, company: number) =>
    progress(Object.fromEntries(months.map((m) => [m, [100, cleared, 100, company]])));
  // A: 35 of 100 in every month: exactly 5 points below 40 %: close.
  // B: 3,499 of 10,000: 5.01 points below: behind.
  // C: at 41 % in the last two months only: a streak of 2 under way, above the line: close, first.
  // D: rows stop in 2017-10 while the others go on to 2017-12: stopped, before everyone.
  // E: all cleared in 2017-08 and 45 % from 2017-09: every tranche due: last.
  // F: all cleared except 94 of 100: further (and 20 %).
  const data = new Map<string, KommuneProgress>([
    ['101', steady(100, 35)],
    ['147', progress(Object.fromEntries(months.map((m) => [m, [10000, 10000, 10000, 3499]])))],
    ['151', progress(Object.fromEntries(months.map((m, i) => [m, [100, 100, 100, i >= 4 ? 41 : 30]])))],
    ['153', progress(Object.fromEntries(months.slice(0, 4).map((m) => [m, [100, 100, 100, 45]])))],
    ['155', progress(Object.fromEntries(months.map((m, i) => [m, [100, i >= 1 ? 100 : 50, 100, i >= 2 ? 45 : 10]])))],
    ['157', steady(94, 20)],
  ]);
  const kommuner = [
    kommune('101', 'A'),
    kommune('147', 'B'),
    kommune('151', 'C'),
    kommune('153', 'D'),
    kommune('155', 'E'),
    kommune('157', 'F'),
  ];
  const result = watch(kommuner, data);

  it('orders stopped, close (above the line first), behind, done', () => {
    expect(result.kommuner.map((k) => [k.name, k.attention])).toEqual([
      ['D', 'stopped'],
      ['C', 'close'],
      ['A', 'close'],
      ['B', 'behind'],
      ['F', 'behind'],
      ['E', 'done'],
    ]);
    expect(result.kommuner.find((k) => k.name === 'D')?.lastData).toBe('2017-10');
    expect(result.months).toEqual(months);
  });

  it('marks the streak that met a condition, and the run under way', () => {
    const mark = (name: string, series: number) => result.kommuner.find((k) => k.name === name)?.series[series]?.marks[0];
    expect(mark('E', 1)).toMatchObject({ status: 'due', month: '2017-11', met: true, streak: ['2017-09', '2017-10', '2017-11'] });
    expect(mark('E', 0)).toMatchObject({ status: 'due', month: '2017-08', met: true, streak: ['2017-08'] });
    expect(mark('C', 1)).toMatchObject({ status: 'forfeited', met: false, streak: ['2017-11', '2017-12'] });
    expect(mark('A', 1)).toMatchObject({ met: false, streak: [] });
    // D's run ends where its data ends: 2017-07 … 2017-10 at 45 %, four months, met in 2017-09.
    expect(mark('D', 1)).toMatchObject({ status: 'due', month: '2017-09', streak: ['2017-07', '2017-08', '2017-09'] });
  });

  it('gives each month’s counts, and months without a row as gaps', () => {
    const gap = new Map([['101', progress({ '2017-07': [10, 1, 10, 4], '2017-09': [10, 2, 10, 4] })]]);
    const w = watch([kommune('101', 'A')], gap, '2017-09');
    const [k] = w.kommuner;
    expect(k?.gaps).toEqual(['2017-08']);
    expect(k?.series[1]?.points.map((p) => (p.numerator === null ? '-' : `${p.numerator}/${p.denominator}`))).toEqual(['4/10', '-', '4/10']);
  });

  it('a kommune without any row has stopped, its data never began', () => {
    const w = watch([kommune('101', 'A'), kommune('147', 'B')], new Map([['147', steady(100, 45)]]));
    expect(w.kommuner.map((k) => [k.name, k.attention, k.lastData])).toEqual([
      ['A', 'stopped', null],
      ['B', 'done', '2017-12'],
    ]);
  });
});

describe('close is decided exactly', () => {
  it('within 5 points below 40 % (or above it): 100·n ≥ 35·d, for any counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (d, f) => {
        const n = Math.min(d, Math.floor(d * f));
        // Cleared throughout, so only tranche 3 (40 %, 3 months) is open: one month of data.
        const data = new Map([['101', progress({ '2017-07': [d, d, d, n] })]]);
        const w = watch([kommune('101', 'A')], data, '2017-07');
        const expected = 100n * BigInt(n) >= 35n * BigInt(d) ? 'close' : 'behind';
        return w.kommuner[0]?.attention === expected;
      }),
    );
  });

  it('the order does not depend on the order of the allocation', () => {
    const months = ['2017-07', '2017-08', '2017-09'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 3 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (specs) => {
          const codes = ['101', '147', '151', '153', '155', '157', '159', '161', '163', '165', '167', '169'];
          const kommuner = specs.map((_, i) => kommune(codes[i] as string, `K${i}`));
          const data = new Map(
            specs.map(([cleared, company, n], i) => [
              codes[i] as string,
              progress(Object.fromEntries(months.slice(0, n).map((m) => [m, [100, cleared, 100, company]]))),
            ]),
          );
          const order = (ks: AllocatedKommune[]) => watch(ks, data, '2017-09').kommuner.map((k) => k.id);
          return JSON.stringify(order(kommuner)) === JSON.stringify(order([...kommuner].reverse()));
        },
      ),
    );
  });
});
