import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedBigInt, sharedWhole } from '../../src/core/shared-bigint.js';

describe('sharedBigInt', () => {
  it('returns a value equal to its argument, for any bigint', () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: -10n, max: 70_000n }), fc.bigInt()), (v) => {
        expect(sharedBigInt(v)).toBe(v);
      }),
      { numRuns: 2000 },
    );
  });

  it('is referentially transparent: sums and comparisons of shared values are those of the values', () => {
    const a = sharedBigInt(BigInt('41'));
    const b = sharedBigInt(40n + 1n);
    expect(a === b).toBe(true);
    expect(a + 1n).toBe(42n);
    expect(sharedBigInt(65_535n) + 1n).toBe(65_536n);
    expect(sharedBigInt(65_536n) + sharedBigInt(-1n)).toBe(65_535n);
  });

  it('gives whole decimals of scale 0 with the same value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: 0n, max: 70_000n }), fc.bigInt({ min: 0n })), (v) => {
        expect(sharedWhole(v)).toEqual({ digits: v, scale: 0 });
      }),
      { numRuns: 2000 },
    );
  });
});
