import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundSharesTable } from '../../src/core/controlled-rounding.js';
import { type Fixed, parseFixed } from '../../src/core/decimal.js';
import { splitTranches } from '../../src/core/tranche-split.js';

const pct = (s: string): Fixed => parseFixed(s) as Fixed;
const FSM1 = [pct('30'), pct('40'), pct('30')];
const sum = (xs: readonly bigint[]): bigint => xs.reduce((s, x) => s + x, 0n);

/** Share vectors in percent: 1–6 positive parts with up to 2 decimals, summing to 100. */
const shares = fc
  .array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 6 })
  .map((cuts) => {
    // Turn arbitrary positive integers into hundredths of a percent summing to 10,000.
    const total = cuts.reduce((s, c) => s + c, 0);
    const parts = cuts.map((c) => Math.max(1, Math.floor((c * 10_000) / total)));
    const diff = 10_000 - parts.reduce((s, p) => s + p, 0);
    parts[0] = (parts[0] as number) + diff;
    return parts;
  })
  .filter((parts) => parts.every((p) => p > 0))
  .map((parts) => parts.map((p) => ({ digits: BigInt(p), scale: 2 }) as Fixed));

const amounts = fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 50n }), fc.bigInt({ min: 0n, max: 10n ** 10n })), {
  minLength: 0,
  maxLength: 60,
});

describe('splitTranches: hand-checked cases', () => {
  it('splits FSM1 30/40/30 with whole columns: 78,750,000 / 105,000,000 / 78,750,000', () => {
    const split = splitTranches([262_500_000n], FSM1);
    expect(split.columnTotals).toEqual([78_750_000n, 105_000_000n, 78_750_000n]);
    expect(split.cells).toEqual([[78_750_000n, 105_000_000n, 78_750_000n]]);
  });

  it('rounds a small table so that rows and columns both add up', () => {
    // 5 and 5 units at 30/40/30: exact cells 1.5, 2, 1.5 in each row; columns 3, 4, 3.
    // Each row must round one 1.5 up and the other down; the columns force one of each.
    const split = splitTranches([5n, 5n], FSM1);
    expect(split.columnTotals).toEqual([3n, 4n, 3n]);
    expect(split.cells.map((r) => sum(r))).toEqual([5n, 5n]);
    expect(split.cells.map((r) => r[1])).toEqual([2n, 2n]);
    expect(new Set(split.cells.map((r) => `${r[0]},${r[2]}`))).toEqual(new Set(['2,1', '1,2']));
  });

  it('apportions columns that are not whole units by largest remainder, ties to the earlier tranche', () => {
    // 10 units in thirds: 3.33 each → 4, 3, 3.
    const thirds = [pct('33.34'), pct('33.33'), pct('33.33')];
    expect(splitTranches([10n], thirds).columnTotals).toEqual([4n, 3n, 3n]);
    // 1 unit at 50/50: a tie of two halves, the first tranche takes it.
    expect(splitTranches([1n], [pct('50'), pct('50')]).cells).toEqual([[1n, 0n]]);
  });

  it('handles no rows and zero rows', () => {
    expect(splitTranches([], FSM1)).toEqual({ cells: [], columnTotals: [0n, 0n, 0n] });
    expect(splitTranches([0n, 7n], FSM1).cells[0]).toEqual([0n, 0n, 0n]);
  });
});

describe('splitTranches: properties', () => {
  it('rows sum to their amount, columns to the apportioned totals, every cell within one unit of exact', () => {
    fc.assert(
      fc.property(amounts, shares, (rows, parts) => {
        const split = splitTranches(rows, parts);
        const weights = parts.map((p) => p.digits);
        const P = sum(weights);
        const total = sum(rows);
        // Column totals: floor or ceil of the exact share of the total, summing to the total.
        expect(sum(split.columnTotals)).toBe(total);
        split.columnTotals.forEach((c, j) => {
          const exact = total * (weights[j] as bigint);
          expect(c * P - exact).toBeGreaterThan(-P);
          expect(c * P - exact).toBeLessThan(P);
        });
        rows.forEach((amount, i) => {
          const row = split.cells[i] as readonly bigint[];
          expect(sum(row)).toBe(amount);
          row.forEach((cell, j) => {
            const exact = amount * (weights[j] as bigint);
            // |x − a| < 1, and x = a exactly when a is a whole number.
            expect(cell * P - exact).toBeGreaterThan(-P);
            expect(cell * P - exact).toBeLessThan(P);
            if (exact % P === 0n) expect(cell * P).toBe(exact);
          });
        });
        split.columnTotals.forEach((c, j) => expect(sum(split.cells.map((r) => r[j] as bigint))).toBe(c));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('roundSharesTable', () => {
  it('refuses column totals that do not match the rows', () => {
    expect(() => roundSharesTable([10n], [1n, 1n], [6n, 6n])).toThrow(/infeasible/);
  });
});
