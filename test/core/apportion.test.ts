import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestRemainder } from '../../src/core/apportion.js';

const byIndex = (i: number, j: number): number => i - j;
const apportion = (units: bigint, weights: bigint[]): bigint[] => [...largestRemainder(units, weights, byIndex).amounts];

/** Random weights (some zero, not all zero) with a number of units. */
const problem = fc
  .record({
    units: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    weights: fc.array(fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.bigInt({ min: 1n, max: 5n })), {
      minLength: 1,
      maxLength: 40,
    }),
  })
  .filter(({ weights }) => weights.some((w) => w > 0n));

describe('largestRemainder: known cases checked by hand', () => {
  it("Wikipedia's largest-remainder example: 10 seats over six parties", () => {
    // Hare quota 10,000 votes: quotas 4.7, 1.6, 1.58, 1.2, 0.61, 0.31 → floors 4,1,1,1,0,0;
    // 3 leftover seats go to the largest remainders .7, .61 and .6.
    expect(apportion(10n, [47000n, 16000n, 15800n, 12000n, 6100n, 3100n])).toEqual([5n, 2n, 1n, 1n, 1n, 0n]);
  });

  it('keeps the Alabama paradox: growing the pool from 10 to 11 units takes one from C', () => {
    // Weights 6, 6, 2: at 10 quotas 4.29, 4.29, 1.43 → C gets the leftover unit (4,4,2);
    // at 11 quotas 4.71, 4.71, 1.57 → A and B get the two leftover units (5,5,1).
    expect(apportion(10n, [6n, 6n, 2n])).toEqual([4n, 4n, 2n]);
    expect(apportion(11n, [6n, 6n, 2n])).toEqual([5n, 5n, 1n]);
  });

  it('breaks an exact tie by the tie rule, not by input order', () => {
    // 1 unit over equal weights: quotas 1/3 each, the tie rule picks who gets it.
    expect(largestRemainder(1n, [1n, 1n, 1n], (i, j) => j - i).amounts).toEqual([0n, 0n, 1n]);
    expect(largestRemainder(1n, [1n, 1n, 1n], (i, j) => i - j).amounts).toEqual([1n, 0n, 0n]);
  });

  it('reports floors, remainders over the total weight, leftover and ranks', () => {
    // 7 units over 1, 2, 4 (W = 7): quotas exactly 1, 2, 4 → no remainder at all.
    const exact = largestRemainder(7n, [1n, 2n, 4n], byIndex);
    expect(exact).toMatchObject({ floors: [1n, 2n, 4n], remainders: [0n, 0n, 0n], leftover: 0n, ranks: [null, null, null] });
    // 5 units over 1, 1, 1 (W = 3): quotas 5/3 → floors 1, remainders 2/3 each; 2 leftover.
    const tied = largestRemainder(5n, [1n, 1n, 1n], byIndex);
    expect(tied).toMatchObject({ amounts: [2n, 2n, 1n], remainders: [2n, 2n, 2n], denominator: 3n, leftover: 2n, ranks: [1, 2, 3] });
  });

  it('refuses weights that sum to zero', () => {
    expect(() => largestRemainder(5n, [0n, 0n], byIndex)).toThrow(RangeError);
  });
});

describe('largestRemainder: properties', () => {
  it('sums to the number of units exactly', () => {
    fc.assert(
      fc.property(problem, ({ units, weights }) => {
        expect(apportion(units, weights).reduce((s, a) => s + a, 0n)).toBe(units);
      }),
      { numRuns: 500 },
    );
  });

  it('gives everyone floor or floor + 1 of the exact quota, and zero to a zero weight', () => {
    fc.assert(
      fc.property(problem, ({ units, weights }) => {
        const W = weights.reduce((s, w) => s + w, 0n);
        apportion(units, weights).forEach((a, i) => {
          const w = weights[i] as bigint;
          // floor(q) ≤ a ≤ floor(q) + 1, with a = floor(q) when q is whole: a·W − N·w ∈ (−W, W).
          expect(a * W - units * w).toBeGreaterThan(-W);
          expect(a * W - units * w).toBeLessThan(W);
          if (w === 0n) expect(a).toBe(0n);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('hands extra units by largest remainder: nobody without one has a larger remainder (or an equal one and an earlier tie rank) than anybody with one', () => {
    fc.assert(
      fc.property(problem, ({ units, weights }) => {
        const W = weights.reduce((s, w) => s + w, 0n);
        const amounts = apportion(units, weights);
        // Independent of the implementation: recompute remainders from the definition.
        const remainder = (i: number): bigint => (units * (weights[i] as bigint)) % W;
        const extra = (i: number): boolean => (amounts[i] as bigint) * W > units * (weights[i] as bigint);
        for (let i = 0; i < weights.length; i++) {
          for (let j = 0; j < weights.length; j++) {
            if (extra(i) && !extra(j)) {
              const [ri, rj] = [remainder(i), remainder(j)];
              expect(ri > rj || (ri === rj && i < j)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of the recipients', () => {
    fc.assert(
      fc.property(problem, fc.func(fc.integer()), ({ units, weights }, key) => {
        // A tie rule over the recipients' own identities (here: their original position).
        const ids = weights.map((_, i) => i);
        const shuffled = [...ids].sort((a, b) => key(a) - key(b) || a - b);
        const direct = largestRemainder(units, weights, byIndex).amounts;
        const viaShuffle = largestRemainder(
          units,
          shuffled.map((i) => weights[i] as bigint),
          (a, b) => (shuffled[a] as number) - (shuffled[b] as number),
        ).amounts;
        shuffled.forEach((original, position) => expect(viaShuffle[position]).toBe(direct[original]));
      }),
      { numRuns: 300 },
    );
  });
});

describe('largestRemainder: leftover units without a full sort', () => {
  /** Many recipients with few distinct weights: long runs of equal remainders. */
  const tiedProblem = fc
    .record({
      units: fc.bigInt({ min: 0n, max: 10n ** 9n }),
      weights: fc.array(fc.bigInt({ min: 0n, max: 6n }), { minLength: 1, maxLength: 2000 }),
      reversed: fc.boolean(),
    })
    .filter(({ weights }) => weights.some((w) => w > 0n));

  it('hands the leftover units to the same recipients as a full sort, for either tie rule', () => {
    fc.assert(
      fc.property(tiedProblem, ({ units, weights, reversed }) => {
        const tie = reversed ? (i: number, j: number): number => j - i : byIndex;
        const result = largestRemainder(units, weights, tie);
        // Reference: sort everyone with a positive remainder, serve the first `leftover`.
        const W = weights.reduce((s, w) => s + w, 0n);
        const remainder = (i: number): bigint => (units * (weights[i] as bigint)) % W;
        const order = weights.map((_, i) => i).filter((i) => remainder(i) > 0n);
        order.sort((i, j) => (remainder(i) > remainder(j) ? -1 : remainder(i) < remainder(j) ? 1 : tie(i, j)));
        const served = new Set(order.slice(0, Number(result.leftover)));
        weights.forEach((w, i) => {
          expect(result.amounts[i]).toBe((units * w) / W + (served.has(i) ? 1n : 0n));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('ranks (computed on demand) agree with who got an extra unit', () => {
    fc.assert(
      fc.property(problem, ({ units, weights }) => {
        const result = largestRemainder(units, weights, byIndex);
        result.ranks.forEach((rank, i) => {
          const extra = (result.amounts[i] as bigint) > (result.floors[i] as bigint);
          expect(extra).toBe(rank !== null && BigInt(rank) <= result.leftover);
          expect(rank === null).toBe(result.remainders[i] === 0n);
        });
      }),
      { numRuns: 300 },
    );
  });
});
