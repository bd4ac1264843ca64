import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, type Recipient } from '../../src/core/allocation.js';
import { type Fixed, parseFixed } from '../../src/core/decimal.js';
import { explainAllocation } from '../../src/core/explain.js';

const fixed = (s: string): Fixed => parseFixed(s) as Fixed;
const FSM1 = [fixed('30'), fixed('40'), fixed('30')];
const sum = (xs: readonly bigint[]): bigint => xs.reduce((s, x) => s + x, 0n);
const kommune = (id: string, count: number, applied = true): Recipient => ({
  id,
  name: `K${id}`,
  count: { digits: BigInt(count), scale: 0 },
  applied,
});

/** 1–40 recipients with distinct 3-digit ids, counts 0–3000 (some tiny, to force ties), not all zero. */
const recipients = fc
  .uniqueArray(fc.integer({ min: 100, max: 999 }), { minLength: 1, maxLength: 40 })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3000 })), { minLength: ids.length, maxLength: ids.length }),
      fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }),
    ),
  )
  .filter(([, counts]) => counts.some((c) => c > 0))
  .map(([ids, counts, applied]) => ids.map((id, i) => kommune(String(id), counts[i] as number, applied[i] as boolean)));

const totals = fc.oneof(
  fc.constant({ total: fixed('262500000'), unit: fixed('1') }),
  fc.constant({ total: fixed('262500000.00'), unit: fixed('0.01') }),
  fc.bigInt({ min: 0n, max: 10n ** 9n }).map((t) => ({ total: { digits: t, scale: 2 }, unit: fixed('0.05') })),
  fc.bigInt({ min: 0n, max: 10n ** 9n }).map((t) => ({ total: { digits: t, scale: 0 }, unit: fixed('1000') })),
);

describe('allocate', () => {
  it('puts rows in code order and gives a tie to the lower code whatever the input order', () => {
    // 1 unit over two equal counts: quotas ½ each, the tie goes to 147 (lower than 151).
    const forward = allocate({ total: fixed('1'), unit: fixed('1'), shares: FSM1, recipients: [kommune('147', 5), kommune('151', 5)] });
    const backward = allocate({ total: fixed('1'), unit: fixed('1'), shares: FSM1, recipients: [kommune('151', 5), kommune('147', 5)] });
    expect(forward.rows.map((r) => [r.recipient.id, r.amount])).toEqual([['147', 1n], ['151', 0n]]);
    expect(backward.rows.map((r) => [r.recipient.id, r.amount])).toEqual([['147', 1n], ['151', 0n]]);
  });

  it('keeps non-applicants out of the tranches and adds their amounts to the follow-up pool', () => {
    // 1000 units over counts 1, 1, 2: amounts 250, 250, 500. 151 did not apply:
    // follow-up 250; applicants' total 750 → tranche columns 225, 300, 225.
    const a = allocate({
      total: fixed('1000'),
      unit: fixed('1'),
      shares: FSM1,
      recipients: [kommune('101', 1), kommune('151', 1, false), kommune('147', 2)],
    });
    expect(a.rows.map((r) => [r.recipient.id, r.amount, r.tranches])).toEqual([
      ['101', 250n, [75n, 100n, 75n]],
      ['147', 500n, [150n, 200n, 150n]],
      ['151', 250n, []],
    ]);
    expect(a.followup).toBe(250n);
    expect(a.trancheTotals).toEqual([225n, 300n, 225n]);
  });

  it('keeps what is below one unit as unallocated', () => {
    const a = allocate({ total: fixed('10.07'), unit: fixed('0.05'), shares: FSM1, recipients: [kommune('101', 1)] });
    expect(a.units).toBe(201n);
    expect(a.unallocated).toEqual({ digits: 2n, scale: 2 });
  });

  it('accounts for every unit: amounts sum to the pool, tranches to amounts, columns to the applicants', () => {
    fc.assert(
      fc.property(recipients, totals, (rs, { total, unit }) => {
        const a = allocate({ total, unit, shares: FSM1, recipients: rs });
        expect(sum(a.rows.map((r) => r.amount))).toBe(a.units);
        // units · unit + unallocated = total, with 0 ≤ unallocated < unit.
        const scale = Math.max(total.scale, unit.scale);
        const up = (x: Fixed): bigint => x.digits * 10n ** BigInt(scale - x.scale);
        expect(a.units * up(unit) + up(a.unallocated)).toBe(up(total));
        expect(up(a.unallocated) < up(unit)).toBe(true);
        for (const row of a.rows) {
          if (row.recipient.applied) expect(sum(row.tranches)).toBe(row.amount);
          else expect(row.tranches).toEqual([]);
        }
        const applicants = a.rows.filter((r) => r.recipient.applied);
        expect(sum(a.trancheTotals)).toBe(sum(applicants.map((r) => r.amount)));
        expect(a.followup + sum(applicants.map((r) => r.amount))).toBe(a.units);
        a.trancheTotals.forEach((t, j) => expect(sum(applicants.map((r) => r.tranches[j] as bigint))).toBe(t));
        expect(explainAllocation(a).sumEqualsPool).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same allocation for any order of the input rows', () => {
    fc.assert(
      fc.property(recipients, totals, fc.infiniteStream(fc.nat()), (rs, { total, unit }, randoms) => {
        const shuffled = [...rs];
        // Fisher–Yates with fast-check's randomness, so failures shrink and replay.
        const it = randoms[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as Recipient, shuffled[i] as Recipient];
        }
        const a = allocate({ total, unit, shares: FSM1, recipients: rs });
        const b = allocate({ total, unit, shares: FSM1, recipients: shuffled });
        expect(b.rows).toEqual(a.rows);
      }),
      { numRuns: 300 },
    );
  });

  it('gives zero to a zero count and refuses all-zero counts', () => {
    const a = allocate({ total: fixed('100'), unit: fixed('1'), shares: FSM1, recipients: [kommune('101', 0), kommune('147', 3)] });
    expect(a.rows[0]?.amount).toBe(0n);
    expect(() => allocate({ total: fixed('100'), unit: fixed('1'), shares: FSM1, recipients: [kommune('101', 0)] })).toThrow(RangeError);
  });

  it('refuses a repeated id whether or not the input is already in order', () => {
    const request = (ids: string[]) => ({ total: fixed('100'), unit: fixed('1'), shares: FSM1, recipients: ids.map((id) => kommune(id, 1)) });
    expect(() => allocate(request(['101', '147', '147']))).toThrow(/duplicate id 147/);
    expect(() => allocate(request(['147', '101', '147']))).toThrow(/duplicate id 147/);
  });

  it('keeps input that is already in canonical order as it is, and sorts any other', () => {
    const ordered = [kommune('101', 3), kommune('147', 5), kommune('151', 5)];
    const a = allocate({ total: fixed('1000'), unit: fixed('1'), shares: FSM1, recipients: ordered });
    expect(a.rows.map((r) => r.recipient)).toEqual(ordered);
    const b = allocate({ total: fixed('1000'), unit: fixed('1'), shares: FSM1, recipients: [ordered[2]!, ordered[0]!, ordered[1]!] });
    expect(b.rows).toEqual(a.rows);
  });
});
