import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/registry/edit-distance.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['odense', 'odense', 0],
    ['kitten', 'sitting', 3],
    ['odens', 'odense', 1], // one deletion
    ['koebenhvn', 'koebenhavn', 1], // one insertion
    ['vejle', 'vejen', 2], // two substitutions
    ['arhus', 'ahrus', 1], // one adjacent swap
    ['ca', 'abc', 3], // optimal string alignment: a swapped pair is not edited again
  ])('%j → %j is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 12 });

  it('is symmetric, zero exactly for equal strings, and between |Δlength| and the longer length', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = editDistance(a, b);
        expect(editDistance(b, a)).toBe(d);
        expect(d === 0).toBe(a === b);
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });

  it('counts one edit for one insertion, deletion, substitution or adjacent swap', () => {
    fc.assert(
      fc.property(word, fc.nat(), fc.constantFrom('a', 'b', 'c', 'd'), (a, at, ch) => {
        const i = at % (a.length + 1);
        expect(editDistance(a, a.slice(0, i) + ch + a.slice(i))).toBe(1);
        if (i < a.length) {
          expect(editDistance(a, a.slice(0, i) + a.slice(i + 1))).toBe(1);
          expect(editDistance(a, a.slice(0, i) + ch + a.slice(i + 1))).toBe(a[i] === ch ? 0 : 1);
        }
        if (i + 1 < a.length && a[i] !== a[i + 1]) {
          expect(editDistance(a, a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2))).toBe(1);
        }
      }),
    );
  });
});
