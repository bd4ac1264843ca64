import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareFixed, formatFixed, type Fixed } from '../../src/core/decimal.js';
import {
  decimalMarkFromName,
  numberDiagnostic,
  numberStyleFor,
  parseCount,
  parseDecimal,
  type NumberCode,
  type NumberResult,
  type NumberStyle,
} from '../../src/io/numbers.js';

const DANISH: NumberStyle = { decimalMark: ',' };
const DOT: NumberStyle = { decimalMark: '.' };
const EITHER: NumberStyle = { decimalMark: 'either' };

/** A result as a value or its code (plus hint), for compact tables. */
const show = <T>(r: NumberResult<T>): T | string => (r.ok ? r.value : r.code + (r.hint ? `+${r.hint}` : ''));
const fx = (digits: bigint, scale: number): Fixed => ({ digits, scale });

describe('numberStyleFor / decimalMarkFromName', () => {
  it('derives the decimal mark from the delimiter unless told', () => {
    expect(numberStyleFor({ delimiter: ';' })).toEqual(DANISH);
    expect(numberStyleFor({ delimiter: ',' })).toEqual(DOT);
    expect(numberStyleFor({ delimiter: '\t' })).toEqual(DOT);
    expect(numberStyleFor({ delimiter: ';' }, '.')).toEqual(DOT);
    expect(numberStyleFor({ delimiter: '\t' }, ',')).toEqual(DANISH);
  });

  it("takes a sheet's own mark (a sheet has no delimiter), unless told", () => {
    expect(numberStyleFor({ delimiter: '', decimalMark: ',' })).toEqual(DANISH);
    expect(numberStyleFor({ delimiter: '', decimalMark: '.' })).toEqual(DOT);
    expect(numberStyleFor({ delimiter: '', decimalMark: ',' }, '.')).toEqual(DOT);
  });

  it('reads --decimal-mark values', () => {
    expect(decimalMarkFromName('komma')).toBe(',');
    expect(decimalMarkFromName(' . ')).toBe('.');
    expect(decimalMarkFromName('x')).toBeUndefined();
  });
});

// Each expectation worked out by hand from the rules in src/io/numbers.ts.
describe('parseCount in a semicolon (Danish) file', () => {
  const cases: [string, bigint | string][] = [
    ['1600', 1600n],
    ['1.600', 1600n],
    ['1 600', 1600n],
    ['1\u00a0600', 1600n], // no-break space
    ['1\u202f600', 1600n], // narrow no-break space
    ['+1600', 1600n],
    [' 1.600\u00a0', 1600n],
    ['1.234.567', 1234567n],
    ['1 234 567', 1234567n],
    ['007', 7n],
    ['0', 0n],
    ['-0', 0n],
    ['1600,00', 1600n],
    ['1.600,0', 1600n],
    ['999.999.999.999.999.999.999.999.999.999', 999999999999999999999999999999n],
    ['1.000.000.000.000.000.000.000.000.000.000', 'number.too-large'],
    ['12,5', 'number.not-whole'],
    ['1,600', 'number.not-whole+decimal-mark'], // 1,6 here; 1600 in an English file
    ['-3', 'number.negative'],
    ['\u22123', 'number.negative'],
    ['-12,5', 'number.negative'],
    ['1.60', 'number.decimal-mark'], // not groups of three: only a decimal point fits
    ['1.6', 'number.decimal-mark'],
    ['1 600.5', 'number.decimal-mark'],
    ['262500000.00', 'number.decimal-mark'],
    ['1.600.00', 'number.invalid'],
    ['1.600 000', 'number.invalid'], // two kinds of grouping
    ['12 5', 'number.invalid'],
    [',5', 'number.invalid'],
    ['5,', 'number.invalid'],
    ['1,2,3', 'number.invalid'],
    ['.', 'number.invalid'],
    ['--3', 'number.invalid'],
    ['- 3', 'number.invalid'],
    ['1600-', 'number.invalid'],
    ['(1600)', 'number.invalid'],
    ['1600 kr.', 'number.invalid'],
    ['abc', 'number.invalid'],
    ['NaN', 'number.invalid'],
    ['Infinity', 'number.invalid'],
    ['0x10', 'number.invalid'],
    ['١٢', 'number.invalid'], // Arabic-Indic digits
    ['1e999999', 'number.exponent'],
    ['1,23457E+15', 'number.exponent'],
    ['', 'number.empty'],
    ['  \u00a0', 'number.empty'],
    ['#I/T', 'number.excel-error'],
    ['#N/A', 'number.excel-error'],
    ['#VÆRDI!', 'number.excel-error'],
    ['#VALUE!', 'number.excel-error'],
    ['#DIV/0!', 'number.excel-error'],
    ['#REF!', 'number.excel-error'],
    ['#NAVN?', 'number.excel-error'],
    ['#NUM!', 'number.excel-error'],
    ['#', 'number.invalid'],
    ['#12', 'number.invalid'],
  ];
  it.each(cases)('%j → %s', (cell, expected) => {
    expect(show(parseCount(cell, DANISH))).toBe(expected);
  });
});

describe('parseCount in a comma- or tab-delimited file', () => {
  const cases: [string, bigint | string][] = [
    ['1600', 1600n],
    ['1 600', 1600n],
    ['1\u00a0600', 1600n],
    ['1600.0', 1600n],
    ['1,600,000', 1600000n], // two commas: only grouping fits
    ['1,600.00', 1600n], // a comma before the decimal point: grouping
    ['1.600', 'number.not-whole+decimal-mark'], // 1.6 here, by the rule; Danish eyes see 1600
    ['12.5', 'number.not-whole'],
    ['1,600', 'number.ambiguous'],
    ['12,5', 'number.decimal-mark'],
    ['1.600.000', 'number.decimal-mark'],
    ['1.234,5', 'number.decimal-mark'],
    ['1,60', 'number.decimal-mark'],
    ['1,600.000.0', 'number.invalid'],
    ['-1,600,000', 'number.negative'],
  ];
  it.each(cases)('%j → %s', (cell, expected) => {
    expect(show(parseCount(cell, DOT))).toBe(expected);
  });
});

describe('parseDecimal', () => {
  it('reads Danish amounts', () => {
    expect(show(parseDecimal('262.500.000,00', DANISH))).toEqual(fx(26250000000n, 2));
    expect(show(parseDecimal('262500000', DANISH))).toEqual(fx(262500000n, 0));
    expect(show(parseDecimal('262 500 000,00', DANISH))).toEqual(fx(26250000000n, 2));
    expect(show(parseDecimal('0,05', DANISH))).toEqual(fx(5n, 2));
    expect(show(parseDecimal('12,50', DANISH))).toEqual(fx(1250n, 2));
    expect(show(parseDecimal('1.600', DANISH))).toEqual(fx(1600n, 0));
    expect(show(parseDecimal('262500000.00', DANISH))).toBe('number.decimal-mark');
    expect(show(parseDecimal('262,500,000.00', DANISH))).toBe('number.decimal-mark');
  });

  it('reads dot-decimal amounts, with unambiguous comma grouping', () => {
    expect(show(parseDecimal('262500000.00', DOT))).toEqual(fx(26250000000n, 2));
    expect(show(parseDecimal('262,500,000.00', DOT))).toEqual(fx(26250000000n, 2));
    expect(show(parseDecimal('262,500,000', DOT))).toEqual(fx(262500000n, 0));
    expect(show(parseDecimal('1.6', DOT))).toEqual(fx(16n, 1));
    expect(show(parseDecimal('1,500', DOT))).toBe('number.ambiguous');
    expect(show(parseDecimal('1,5', DOT))).toBe('number.decimal-mark');
    expect(show(parseDecimal('262.500.000,00', DOT))).toBe('number.decimal-mark');
  });

  it('accepts either mark on the command line when only one reading exists', () => {
    expect(show(parseDecimal('262.500.000,00', EITHER))).toEqual(fx(26250000000n, 2));
    expect(show(parseDecimal('262500000.00', EITHER))).toEqual(fx(26250000000n, 2));
    expect(show(parseDecimal('262,500,000.00', EITHER))).toEqual(fx(26250000000n, 2));
    expect(show(parseDecimal('262.500.000', EITHER))).toEqual(fx(262500000n, 0));
    expect(show(parseDecimal('0.01', EITHER))).toEqual(fx(1n, 2));
    expect(show(parseDecimal('0,05', EITHER))).toEqual(fx(5n, 2));
    expect(show(parseDecimal('1 000', EITHER))).toEqual(fx(1000n, 0));
    expect(show(parseDecimal('1.600', EITHER))).toBe('number.ambiguous');
    expect(show(parseDecimal('1,600', EITHER))).toBe('number.ambiguous');
    expect(show(parseDecimal('1600', EITHER))).toEqual(fx(1600n, 0));
    expect(show(parseCount('1.600,00', EITHER))).toBe(1600n);
    expect(show(parseCount('12,5', EITHER))).toBe('number.not-whole');
  });

  it('handles signs: negatives only when allowed, Unicode minus included', () => {
    expect(show(parseDecimal('-5', DANISH))).toBe('number.negative');
    expect(show(parseDecimal('\u22121,5', DANISH, { allowNegative: true }))).toEqual(fx(-15n, 1));
    expect(show(parseDecimal('-1.600,25', DANISH, { allowNegative: true }))).toEqual(fx(-160025n, 2));
    expect(show(parseDecimal('+0,5', DANISH))).toEqual(fx(5n, 1));
    expect(show(parseDecimal('-0,00', DANISH))).toEqual(fx(0n, 2));
  });

  it('limits digits: 30 integer digits, 18 significant fractional digits', () => {
    expect(show(parseDecimal('1' + '0'.repeat(30), DOT))).toBe('number.too-large');
    expect(show(parseDecimal('0.' + '1'.repeat(19), DOT))).toBe('number.too-precise');
    expect(show(parseDecimal('0.1' + '0'.repeat(30), DOT))).toEqual(fx(10n ** 17n, 18));
    expect(show(parseDecimal('0.' + '1'.repeat(18), DOT))).toEqual(fx(BigInt('1'.repeat(18)), 18));
  });

  it('rejects the same non-numbers as counts', () => {
    for (const [cell, code] of [
      ['', 'number.empty'],
      ['#VÆRDI!', 'number.excel-error'],
      ['1e3', 'number.exponent'],
      ['NaN', 'number.invalid'],
    ] as const) {
      expect(show(parseDecimal(cell, DANISH))).toBe(code);
    }
  });
});

describe('over-long number cells', () => {
  it('are refused by length before any pattern sees them, also a 10 MB cell', () => {
    const huge = '1'.repeat(10_000_000);
    expect(parseCount(huge, { decimalMark: ',' })).toEqual({ ok: false, code: 'number.too-long' });
    expect(parseDecimal(huge, { decimalMark: '.' })).toEqual({ ok: false, code: 'number.too-long' });
    expect(parseDecimal(` ${'1 '.repeat(100)}`, { decimalMark: ',' })).toEqual({ ok: false, code: 'number.too-long' });
  });

  it('leave every legitimate form alone: 30 digits grouped, 18 decimals and a sign fit', () => {
    const grouped = `-${'999.'.repeat(9)}999,${'1'.repeat(18)}`;
    expect(grouped.length).toBeLessThanOrEqual(80);
    const read = parseDecimal(grouped, { decimalMark: ',' }, { allowNegative: true });
    expect(read.ok && formatFixed(read.value)).toBe(`-${'999'.repeat(10)}.${'1'.repeat(18)}`);
  });
});

describe('numberDiagnostic', () => {
  it('carries where, what and the style', () => {
    const r = parseCount('1.600', DOT);
    if (r.ok) throw new Error('expected a failure');
    expect(numberDiagnostic(r, DOT, { file: 'a.csv', line: 7, column: 'antal', value: '1.600' })).toEqual({
      code: 'number.not-whole',
      file: 'a.csv',
      line: 7,
      column: 'antal',
      value: '1.600',
      args: { decimalMark: '.', hint: 'decimal-mark' },
    });
  });
});

const CODES: readonly NumberCode[] = [
  'number.empty',
  'number.invalid',
  'number.excel-error',
  'number.exponent',
  'number.negative',
  'number.not-whole',
  'number.ambiguous',
  'number.decimal-mark',
  'number.too-large',
  'number.too-precise',
];

/** Intl formats of exact decimal strings (ES2023; Node 20 has it, the ES2022 lib types do not). */
const intl = (locale: string, options: Intl.NumberFormatOptions = {}) => {
  const f = new Intl.NumberFormat(locale, options);
  return (value: string | bigint): string => (f.format as (v: string | bigint) => string)(value);
};

describe('number properties', () => {
  const count = fc.bigInt({ min: 0n, max: 10n ** 30n - 1n });

  it('reads back any count formatted the Danish way', () => {
    const formats = [
      (n: bigint) => n.toString(),
      intl('da-DK'),
      intl('fr-FR'), // narrow no-break spaces
      intl('sv-SE'), // no-break spaces
      (n: bigint) => intl('da-DK', { minimumFractionDigits: 2 })(n),
      (n: bigint) => `+${n}`,
    ];
    fc.assert(
      fc.property(count, fc.constantFrom(...formats), (n, format) => {
        expect(show(parseCount(format(n), DANISH))).toBe(n);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads back any count formatted the English way, or calls a lone comma group ambiguous', () => {
    const grouped = intl('en-US');
    const spaced = intl('fr-FR');
    const withCents = intl('en-US', { minimumFractionDigits: 2 });
    fc.assert(
      fc.property(count, (n) => {
        expect(show(parseCount(n.toString(), DOT))).toBe(n);
        expect(show(parseCount(spaced(n), DOT))).toBe(n);
        expect(show(parseCount(withCents(n), DOT))).toBe(n);
        const text = grouped(n);
        expect(show(parseCount(text, DOT))).toBe(text.split(',').length === 2 ? 'number.ambiguous' : n);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads back any exact decimal in either dialect, signed', () => {
    const decimal = fc
      .record({ digits: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), scale: fc.integer({ min: 0, max: 10 }) })
      .filter(({ digits, scale }) => (digits < 0n ? -digits : digits) < 10n ** BigInt(30 + scale));
    fc.assert(
      fc.property(decimal, fc.constantFrom('da-DK', 'sv-SE', 'en-US', 'plain'), (x, locale) => {
        const exact = formatFixed(x);
        const text =
          locale === 'plain'
            ? exact
            : intl(locale, { minimumFractionDigits: x.scale, maximumFractionDigits: x.scale })(exact);
        const style = locale === 'en-US' || locale === 'plain' ? DOT : DANISH;
        const r = parseDecimal(text, style, { allowNegative: true });
        if (!r.ok) {
          // Only an English number with a single comma group and no decimals is ambiguous.
          expect([r.code, locale]).toEqual(['number.ambiguous', 'en-US']);
          expect(text.split(',').length === 2 && !text.includes('.')).toBe(true);
          return;
        }
        expect(compareFixed(r.value, x)).toBe(0);
        expect(r.value.scale).toBe(x.scale);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on random strings, and always answers with a known code or a value', () => {
    const unit = fc.oneof(
      fc.constantFrom('0', '1', '5', '9', '.', ',', ' ', '\u00a0', '\u202f', '-', '+', '\u2212', 'e', 'E', '#', 'N', '/', '!'),
      fc.string({ maxLength: 1, unit: 'binary' }),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), fc.constantFrom(DANISH, DOT, EITHER), (s, style) => {
        for (const r of [parseCount(s, style), parseDecimal(s, style), parseDecimal(s, style, { allowNegative: true })]) {
          if (r.ok) continue;
          expect(CODES).toContain(r.code);
        }
        const c = parseCount(s, style);
        if (c.ok) expect(c.value >= 0n).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });

  it('agrees between parseCount and parseDecimal on whole numbers', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('1', '0', '.', ',', ' ', '-'), maxLength: 15 }), fc.constantFrom(DANISH, DOT, EITHER), (s, style) => {
        const c = parseCount(s, style);
        const d = parseDecimal(s, style);
        if (c.ok) expect(d.ok && compareFixed(d.value, { digits: c.value, scale: 0 }) === 0).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
