import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFixed } from '../../../src/core/decimal.js';
import { kr, millions, rate } from '../../../src/io/render/report/format.js';
import { hatch, niceTicks, spread } from '../../../src/io/render/report/svg.js';

const fixed = (s: string) => parseFixed(s)!;

describe('numbers as the page writes them', () => {
  it('kroner in Danish format, exactly', () => {
    expect(kr(fixed('262500000'))).toBe('262.500.000');
    expect(kr(fixed('1234.50'))).toBe('1.234,50');
  });
  it('millions rounded half up from the exact value', () => {
    expect(millions(fixed('76612004'))).toBe('76,6');
    expect(millions(fixed('1950000'))).toBe('2,0');
    expect(millions(fixed('1949999.99'))).toBe('1,9');
  });
  it('rates truncated, so 40,0 % is at least 40 %', () => {
    expect(rate(3999n, 10000n)).toBe('39,9 %');
    expect(rate(4n, 10n)).toBe('40,0 %');
    expect(rate(1n, 0n)).toBe('–');
  });
});

describe('drawing helpers', () => {
  it('hatch lines stay inside their rectangle', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 900, noNaN: true }),
        fc.double({ min: 0, max: 900, noNaN: true }),
        fc.double({ min: 0.5, max: 300, noNaN: true }),
        fc.double({ min: 0.5, max: 300, noNaN: true }),
        fc.boolean(),
        (x, y, w, h, cross) => {
          const numbers = [...hatch(x, y, w, h, cross).matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
          // Coordinates are written to 0.1 px.
          return numbers.every(([px, py]) => px! >= x - 0.06 && px! <= x + w + 0.06 && py! >= y - 0.06 && py! <= y + h + 0.06);
        },
      ),
    );
  });

  it('labels are spread at least the gap apart, and never moved up', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { maxLength: 20 }), (ys) => {
        const wanted = [...ys].sort((a, b) => a - b);
        const got = spread(wanted, 13);
        return got.every((g, i) => g >= wanted[i]! && (i === 0 || g - got[i - 1]! >= 13 - 1e-9));
      }),
    );
  });

  it('axis ticks: steps of 1, 2 or 5 × 10^k from 0 past the maximum', () => {
    expect(niceTicks(26_250_972, 5)).toEqual({ top: 30_000_000, ticks: [0, 10_000_000, 20_000_000, 30_000_000] });
    expect(niceTicks(262_500_000, 5).ticks.at(-1)).toBe(300_000_000);
    expect(niceTicks(0)).toEqual({ top: 1, ticks: [0, 1] });
  });
});
