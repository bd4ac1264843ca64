import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type KommuneProgress,
  type MonthlyCounts,
  type TrancheCondition,
  evaluateCondition,
  meetsThreshold,
  ratePercent,
} from '../../src/core/conditions.js';
import { parseFixed } from '../../src/core/decimal.js';

const fixed = (s: string) => parseFixed(s)!;
const progress = (rows: Record<string, Record<string, number>>): KommuneProgress =>
  new Map(
    Object.entries(rows).map(([month, counts]): [string, MonthlyCounts] => [
      month,
      Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, BigInt(v)])),
    ]),
  );

const FSM1_T3: TrancheCondition = {
  kind: 'threshold',
  numerator: 'company_activity',
  denominator: 'recipients',
  threshold: '40',
  months: 3,
};
const CLEARED: TrancheCondition = { kind: 'all-cleared', cleared: 'cleared', target: 'target_group' };
const ca = (company_activity: number, recipients: number) => ({ company_activity, recipients });

describe('meetsThreshold (exact integers)', () => {
  it('counts exactly 40 % and not a hair below', () => {
    expect(meetsThreshold(40n, 100n, fixed('40'))).toBe(true);
    expect(meetsThreshold(2n, 5n, fixed('40'))).toBe(true); // 2/5 = 40 %
    expect(meetsThreshold(399n, 1000n, fixed('40'))).toBe(false);
    expect(meetsThreshold(3999999n, 10000000n, fixed('40'))).toBe(false);
  });
  it('handles fractional thresholds: 1/8 = 12.5 %', () => {
    expect(meetsThreshold(1n, 8n, fixed('12.5'))).toBe(true);
    expect(meetsThreshold(1n, 8n, fixed('12.51'))).toBe(false);
  });
  it('is exact where a float is not: 1/3 against 33.333333333333333333 %', () => {
    // 1/3 = 33.3333…%; 18 decimals of 3 is still below it, 34 is above.
    expect(meetsThreshold(1n, 3n, fixed('33.333333333333333333'))).toBe(true);
    expect(meetsThreshold(1n, 3n, fixed('33.333333333333333334'))).toBe(false);
  });
  it('never counts a denominator of 0', () => {
    expect(meetsThreshold(0n, 0n, fixed('40'))).toBe(false);
    expect(meetsThreshold(5n, 0n, fixed('0.1'))).toBe(false);
  });
  it('agrees with rational comparison for random counts', () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 10n ** 6n), fc.bigInt(1n, 10n ** 6n), fc.integer({ min: 1, max: 10000 }), (n, d, t) => {
        // t hundredths of a percent: n/d ≥ t/10000 ⇔ 10000 n ≥ t d
        expect(meetsThreshold(n, d, { digits: BigInt(t), scale: 2 })).toBe(10000n * n >= BigInt(t) * d);
      }),
    );
  });
});

describe('ratePercent', () => {
  it('truncates so that a shown 40.0 is really ≥ 40 %', () => {
    expect(ratePercent(3999n, 10000n, 1)).toBe('39.9');
    expect(ratePercent(2n, 5n, 1)).toBe('40.0');
    expect(ratePercent(1n, 3n, 2)).toBe('33.33');
    expect(ratePercent(2n, 3n, 0)).toBe('66');
    expect(ratePercent(0n, 7n, 1)).toBe('0.0');
    expect(ratePercent(1n, 0n)).toBeNull();
  });
});

describe('at-start', () => {
  const window = { start: '2017-07', last: '2017-07' };
  it('is met in the start month, with no data at all', () => {
    expect(evaluateCondition({ kind: 'at-start' }, new Map(), window)).toEqual({
      met: '2017-07',
      evidence: { kind: 'at-start', start: '2017-07' },
    });
  });
  it('is not met when as-of is before the start', () => {
    expect(evaluateCondition({ kind: 'at-start' }, new Map(), { start: '2017-07', last: '2017-06' }).met).toBeNull();
  });
});

describe('all-cleared', () => {
  const rows = progress({
    '2017-07': { cleared: 10, target_group: 100 },
    '2017-08': { cleared: 99, target_group: 100 },
    '2017-09': { cleared: 98, target_group: 98 }, // the group shrank: now all cleared
    '2017-10': { cleared: 100, target_group: 100 },
  });
  it('is met in the first month where cleared reaches the target group', () => {
    expect(evaluateCondition(CLEARED, rows, { start: '2017-07', last: '2017-12' })).toEqual({
      met: '2017-09',
      evidence: { kind: 'all-cleared', month: '2017-09', cleared: 98n, target: 98n },
    });
  });
  it('as of August: not met, evidence is the latest month', () => {
    expect(evaluateCondition(CLEARED, rows, { start: '2017-07', last: '2017-08' })).toEqual({
      met: null,
      evidence: { kind: 'all-cleared', month: '2017-08', cleared: 99n, target: 100n },
    });
  });
  it('an empty target group does not count as cleared', () => {
    const empty = progress({ '2017-07': { cleared: 0, target_group: 0 } });
    expect(evaluateCondition(CLEARED, empty, { start: '2017-07', last: '2017-07' }).met).toBeNull();
  });
  it('no data: not met, no evidence month', () => {
    expect(evaluateCondition(CLEARED, new Map(), { start: '2017-07', last: '2019-12' })).toEqual({
      met: null,
      evidence: { kind: 'all-cleared', month: null, cleared: null, target: null },
    });
  });
  it('ignores months before the pool starts', () => {
    const early = progress({ '2017-06': { cleared: 5, target_group: 5 } });
    expect(evaluateCondition(CLEARED, early, { start: '2017-07', last: '2017-12' }).met).toBeNull();
  });
});

describe('threshold over 3 consecutive months (FSM1 tranche 3)', () => {
  it('is met in the third month of the first qualifying streak', () => {
    // 30 %, 40 % (exactly), 45 %, 41 %: the streak 08–10 completes in October.
    const rows = progress({
      '2017-07': ca(30, 100),
      '2017-08': ca(40, 100),
      '2017-09': ca(45, 100),
      '2017-10': ca(41, 100),
      '2017-11': ca(50, 100),
    });
    const r = evaluateCondition(FSM1_T3, rows, { start: '2017-07', last: '2017-12' });
    expect(r.met).toBe('2017-10');
    expect(r.evidence).toEqual({
      kind: 'threshold',
      threshold: '40',
      months: 3,
      streak: 3,
      window: [
        { month: '2017-08', numerator: 40n, denominator: 100n, meets: true },
        { month: '2017-09', numerator: 45n, denominator: 100n, meets: true },
        { month: '2017-10', numerator: 41n, denominator: 100n, meets: true },
      ],
    });
  });

  it('counts months exactly at the threshold (2/5, 40/100, 400/1000)', () => {
    const rows = progress({ '2018-01': ca(2, 5), '2018-02': ca(40, 100), '2018-03': ca(400, 1000) });
    expect(evaluateCondition(FSM1_T3, rows, { start: '2017-07', last: '2018-03' }).met).toBe('2018-03');
  });

  it('one month just below breaks it (399/1000)', () => {
    const rows = progress({ '2018-01': ca(2, 5), '2018-02': ca(399, 1000), '2018-03': ca(400, 1000) });
    expect(evaluateCondition(FSM1_T3, rows, { start: '2017-07', last: '2018-03' }).met).toBeNull();
  });

  it('a missing month inside a streak breaks it; the streak restarts after the gap', () => {
    // Jan and Feb qualify, March has no row, April–June qualify: met in June, not March or April.
    const rows = progress({
      '2018-01': ca(50, 100),
      '2018-02': ca(50, 100),
      '2018-04': ca(50, 100),
      '2018-05': ca(50, 100),
      '2018-06': ca(50, 100),
    });
    const asOfMay = evaluateCondition(FSM1_T3, rows, { start: '2017-07', last: '2018-05' });
    expect(asOfMay.met).toBeNull();
    expect(asOfMay.evidence).toEqual({
      kind: 'threshold',
      threshold: '40',
      months: 3,
      streak: 2,
      window: [
        { month: '2018-03', numerator: null, denominator: null, meets: false },
        { month: '2018-04', numerator: 50n, denominator: 100n, meets: true },
        { month: '2018-05', numerator: 50n, denominator: 100n, meets: true },
      ],
    });
    expect(evaluateCondition(FSM1_T3, rows, { start: '2017-07', last: '2018-06' }).met).toBe('2018-06');
  });

  it('a denominator of 0 never counts, even with 0 in the numerator', () => {
    const rows = progress({ '2018-01': ca(5, 10), '2018-02': ca(0, 0), '2018-03': ca(5, 10), '2018-04': ca(5, 10) });
    expect(evaluateCondition(FSM1_T3, rows, { start: '2017-07', last: '2018-04' }).met).toBeNull();
    const rows2 = progress({ '2018-01': ca(5, 10), '2018-02': ca(0, 0), '2018-03': ca(5, 10), '2018-04': ca(5, 10), '2018-05': ca(5, 10) });
    expect(evaluateCondition(FSM1_T3, rows2, { start: '2017-07', last: '2018-05' }).met).toBe('2018-05');
  });

  it('--as-of before the streak completes: pending with the partial streak as evidence', () => {
    const rows = progress({ '2018-01': ca(50, 100), '2018-02': ca(60, 100), '2018-03': ca(70, 100) });
    const r = evaluateCondition(FSM1_T3, rows, { start: '2017-07', last: '2018-02' });
    expect(r.met).toBeNull();
    expect(r.evidence).toMatchObject({ streak: 2 });
    expect((r.evidence as { window: readonly unknown[] }).window).toEqual([
      { month: '2017-12', numerator: null, denominator: null, meets: false },
      { month: '2018-01', numerator: 50n, denominator: 100n, meets: true },
      { month: '2018-02', numerator: 60n, denominator: 100n, meets: true },
    ]);
    expect(evaluateCondition(FSM1_T3, rows, { start: '2017-07', last: '2018-03' }).met).toBe('2018-03');
  });

  it('a streak spanning New Year is consecutive', () => {
    const rows = progress({ '2017-11': ca(40, 100), '2017-12': ca(40, 100), '2018-01': ca(40, 100) });
    expect(evaluateCondition(FSM1_T3, rows, { start: '2017-07', last: '2018-01' }).met).toBe('2018-01');
  });

  it('a streak completing after the window end is not met', () => {
    const rows = progress({ '2019-11': ca(40, 100), '2019-12': ca(40, 100), '2020-01': ca(40, 100) });
    expect(evaluateCondition(FSM1_T3, rows, { start: '2017-07', last: '2019-12' }).met).toBeNull();
  });

  it('months before the pool start do not count toward a streak', () => {
    const rows = progress({ '2017-05': ca(40, 100), '2017-06': ca(40, 100), '2017-07': ca(40, 100) });
    expect(evaluateCondition(FSM1_T3, rows, { start: '2017-07', last: '2017-08' }).met).toBeNull();
  });
});

describe('FSM2 single-month thresholds', () => {
  const t15: TrancheCondition = { kind: 'threshold', numerator: 'paid_hours', denominator: 'target_group', threshold: '15', months: 1 };
  const t20: TrancheCondition = { ...t15, threshold: '20' };
  const rows = progress({
    '2020-01': { paid_hours: 14, target_group: 100 },
    '2020-02': { paid_hours: 15, target_group: 100 }, // exactly 15 %
    '2020-03': { paid_hours: 19, target_group: 100 },
    '2020-04': { paid_hours: 0, target_group: 0 },
    '2020-05': { paid_hours: 20, target_group: 100 }, // exactly 20 %
  });
  const window = { start: '2020-01', last: '2022-06' };
  it('15 % is met in the first month at 15 %', () => {
    const r = evaluateCondition(t15, rows, window);
    expect(r.met).toBe('2020-02');
    expect(r.evidence).toEqual({
      kind: 'threshold',
      threshold: '15',
      months: 1,
      streak: 1,
      window: [{ month: '2020-02', numerator: 15n, denominator: 100n, meets: true }],
    });
  });
  it('20 % is met in the first month at 20 %, months later', () => {
    expect(evaluateCondition(t20, rows, window).met).toBe('2020-05');
    expect(evaluateCondition(t20, rows, { start: '2020-01', last: '2020-04' }).met).toBeNull();
  });
});

describe('threshold streaks agree with a brute-force reading of the rule', () => {
  it('met = the first month M whose N calendar months ending in M all have data and meet', () => {
    const monthArb = fc.record({
      present: fc.boolean(),
      num: fc.integer({ min: 0, max: 20 }),
      den: fc.integer({ min: 0, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(monthArb, { minLength: 0, maxLength: 24 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 100 }), (months, n, t) => {
        const names = months.map((_, i) => `20${String(18 + Math.floor(i / 12))}-${String((i % 12) + 1).padStart(2, '0')}`);
        const rows = new Map<string, MonthlyCounts>();
        months.forEach((m, i) => {
          if (m.present) rows.set(names[i]!, { a: BigInt(m.num), b: BigInt(m.den) });
        });
        const cond: TrancheCondition = { kind: 'threshold', numerator: 'a', denominator: 'b', threshold: String(t), months: n };
        const last = names.at(-1) ?? '2018-01';
        const got = months.length === 0 ? null : evaluateCondition(cond, rows, { start: '2018-01', last }).met;
        // Reference: months qualify when present, den > 0 and 100·num ≥ t·den.
        const ok = months.map((m) => m.present && m.den > 0 && 100 * m.num >= t * m.den);
        let expected: string | null = null;
        for (let i = n - 1; i < months.length && expected === null; i += 1) {
          if (ok.slice(i - n + 1, i + 1).every(Boolean)) expected = names[i]!;
        }
        expect(got).toBe(expected);
      }),
    );
  });
});
