import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, type Recipient } from '../../src/core/allocation.js';
import { compareCodePoints } from '../../src/core/code-point-order.js';
import { type Fixed, parseFixed } from '../../src/core/decimal.js';
import { explainAllocation } from '../../src/core/explain.js';

const fixed = (s: string): Fixed => parseFixed(s) as Fixed;
const FSM1 = [fixed('30'), fixed('40'), fixed('30')];

/**
 * The reference: the strings as arrays of code points (`Array.from` splits a string into
 * code points, a lone surrogate as itself), compared element by element, a prefix first.
 */
function referenceOrder(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
}

/**
 * Strings that stress the difference between code units and code points: characters from
 * ASCII, Danish letters, U+E000–U+FFFF (above the surrogates), supplementary characters
 * (surrogate pairs) around U+1D538 and U+10000, and lone surrogates of both kinds.
 */
const char = fc.oneof(
  fc.constantFrom('a', 'b', 'Æ', 'ø', 'å', '\u00ff', '\ud7ff'),
  fc.integer({ min: 0xe000, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('ﬀ', '\ufb01', '\uffff', '\ue000'),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  fc.constantFrom('𝔸', '𝔹', '\u{10000}', '\u{1d537}'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);
const name = fc.array(char, { maxLength: 6 }).map((cs) => cs.join(''));
const sign = (n: number): number => Math.sign(n);

describe('code point order', () => {
  it('puts ﬀ (U+FB00) before 𝔸 (U+1D538), where UTF-16 code units say the opposite', () => {
    expect(compareCodePoints('ﬀ', '𝔸')).toBeLessThan(0);
    expect(compareCodePoints('𝔸', 'ﬀ')).toBeGreaterThan(0);
    expect('𝔸' < 'ﬀ').toBe(true); // why the comparator exists
    expect(compareCodePoints('Aalborg', 'Aarhus')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('𝔸', '𝔸')).toBe(0);
  });

  it('orders a lone high surrogate before the pair it starts, and by its value otherwise', () => {
    // [U+D835, U+1D538] against [U+1D538]: the lone D835 is below the supplementary character.
    expect(sign(compareCodePoints('\ud835𝔸', '𝔸'))).toBe(-1);
    expect(sign(compareCodePoints('\ud835x', '\ue000'))).toBe(-1);
  });

  it('agrees with an independent code point comparison on any two strings', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(sign(compareCodePoints(a, b))).toBe(sign(referenceOrder(a, b)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('sorts like the reference (so it is a consistent total order)', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 30 }), (names) => {
        expect([...names].sort(compareCodePoints)).toEqual([...names].sort(referenceOrder));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('free names in an allocation', () => {
  const recipient = (id: string, count = 1): Recipient => ({ id, name: id, count: { digits: BigInt(count), scale: 0 }, applied: true });

  it('lists ﬀ first and gives it the tie, in the rows and in the explanation\'s ranks', () => {
    for (const order of [['ﬀ', '𝔸'], ['𝔸', 'ﬀ']]) {
      const a = allocate({ total: fixed('1'), unit: fixed('1'), shares: FSM1, recipients: order.map((n) => recipient(n)) });
      expect(a.rows.map((r) => [r.recipient.id, r.amount])).toEqual([['ﬀ', 1n], ['𝔸', 0n]]);
      expect(explainAllocation(a).rows.map((r) => r.rank)).toEqual([1, 2]);
    }
  });

  it('orders rows by code point and gives every tie to the name earlier in that order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(name.filter((n) => n !== ''), { minLength: 2, maxLength: 12 }), fc.integer({ min: 1, max: 11 }), (names, units) => {
        // Equal counts: every remainder ties, so the leftover units go down the tie order.
        const a = allocate({ total: { digits: BigInt(units), scale: 0 }, unit: fixed('1'), shares: FSM1, recipients: names.map((n) => recipient(n)) });
        const expected = [...names].sort(referenceOrder);
        expect(a.rows.map((r) => r.recipient.id)).toEqual(expected);
        const n = BigInt(names.length);
        const floor = BigInt(units) / n;
        const extra = Number(BigInt(units) % n);
        expect(a.rows.map((r) => r.amount)).toEqual(expected.map((_, i) => floor + (i < extra ? 1n : 0n)));
        const ranks = explainAllocation(a).rows.map((r) => r.rank);
        expect(ranks).toEqual(expected.map((_, i) => (extra === 0 ? null : i + 1)));
      }),
      { numRuns: 1_000 },
    );
  });
});
