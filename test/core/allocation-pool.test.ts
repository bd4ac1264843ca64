import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, type Recipient } from '../../src/core/allocation.js';
import { trancheShareMismatch } from '../../src/core/allocation-pool.js';
import { type Fixed, parseFixed } from '../../src/core/decimal.js';
import { unitsToAmount } from '../../src/core/money.js';
import type { AllocatedKommune } from '../../src/core/tranche-status.js';

const fixed = (s: string): Fixed => parseFixed(s) as Fixed;
const shares = (...xs: string[]) => xs.map(fixed);
const kommune = (id: string, amount: string, tranches: string[], applied = true): AllocatedKommune => ({
  id,
  name: `K${id}`,
  amount: fixed(amount),
  tranches: tranches.map(fixed),
  applied,
});

describe('trancheShareMismatch by hand', () => {
  it('finds tranches split 50/40/10 where the pool says 30/40/30', () => {
    // G = gcd(1000, 500, 400, 100, 10, 5, 4, 1) = 1: 500 is 200 away from 300, far beyond 2G.
    const fsm2 = [kommune('147', '1000', ['500', '400', '100']), kommune('461', '10', ['5', '4', '1'])];
    const found = trancheShareMismatch(fsm2, shares('30', '40', '30'));
    expect(found?.kommune.id).toBe('147');
    expect(found?.count).toBe(2);
    expect(trancheShareMismatch(fsm2, shares('50', '40', '10'))).toBeUndefined();
  });

  it('accepts cells within two units of their share, and ignores kommuner that did not apply', () => {
    // 7 kr. at 30/40/30: exact 2.1/2.8/2.1; 3/2/2 is within one unit of each.
    expect(trancheShareMismatch([kommune('101', '7', ['3', '2', '2']), kommune('665', '5', [], false)], shares('30', '40', '30'))).toBeUndefined();
  });
});

const SHARE_LISTS = [shares('30', '40', '30'), shares('50', '40', '10'), shares('100'), shares('25', '25', '25', '25'), shares('33.3', '33.3', '33.4'), shares('12.5', '87.5')];

const recipients = fc
  .uniqueArray(fc.integer({ min: 100, max: 999 }), { minLength: 1, maxLength: 30 })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: ids.length, maxLength: ids.length }),
      fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }),
    ),
  )
  .filter(([, counts]) => counts.some((c) => c > 0))
  .map(([ids, counts, applied]) =>
    ids.map((id, i): Recipient => ({ id: String(id), name: `K${id}`, count: { digits: BigInt(counts[i] as number), scale: 0 }, applied: applied[i] as boolean })),
  );
const pools = fc.oneof(
  fc.bigInt({ min: 1n, max: 10n ** 10n }).map((t) => ({ total: { digits: t, scale: 0 }, unit: fixed('1') })),
  fc.bigInt({ min: 1n, max: 10n ** 10n }).map((t) => ({ total: { digits: t, scale: 2 }, unit: fixed('0.05') })),
  fc.bigInt({ min: 1000n, max: 10n ** 12n }).map((t) => ({ total: { digits: t, scale: 0 }, unit: fixed('1000') })),
);

/** What a reader makes of `flere allocate`'s result: amounts and tranches in kroner. */
function asRead(input: { total: Fixed; unit: Fixed; shares: Fixed[]; recipients: Recipient[] }): AllocatedKommune[] {
  const a = allocate(input);
  return a.rows.map((r) => ({
    id: r.recipient.id,
    name: r.recipient.name,
    amount: unitsToAmount(r.amount, input.unit),
    tranches: r.tranches.map((t) => unitsToAmount(t, input.unit)),
    applied: r.recipient.applied,
  }));
}

describe('trancheShareMismatch never refuses a true allocation', () => {
  it('for any counts, pool, unit and shares, flere allocate\'s own tranches fit their shares', () => {
    fc.assert(
      fc.property(recipients, pools, fc.constantFrom(...SHARE_LISTS), (rs, pool, s) => {
        if (pool.total.digits * 10n ** BigInt(pool.unit.scale) < pool.unit.digits * 10n ** BigInt(pool.total.scale)) return;
        expect(trancheShareMismatch(asRead({ ...pool, shares: s, recipients: rs }), s)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('and an allocation of 100 or more units a kommune under other shares is found', () => {
    // 30/40/30 against 50/40/10: tranche 1 is 20 % of the amount off, ≥ 20 units when the
    // amount is ≥ 100 units, while a true cell is within 2 units.
    fc.assert(
      fc.property(recipients, (rs) => {
        const applied = rs.map((r) => ({ ...r, applied: true, count: { digits: r.count.digits + 1n, scale: 0 } }));
        const read = asRead({ total: fixed(String(200 * applied.length * 3001)), unit: fixed('1'), shares: shares('50', '40', '10'), recipients: applied });
        expect(trancheShareMismatch(read, shares('30', '40', '30'))).toBeDefined();
      }),
      { numRuns: 100 },
    );
  });
});
