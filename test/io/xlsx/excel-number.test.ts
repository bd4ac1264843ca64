import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainDecimal } from '../../../src/io/xlsx/excel-number.js';

/**
 * An independent reference: the stored text as the exact rational digits × 10^exponent,
 * written out with BigInt division into whole part and 400 places, trailing zeros trimmed.
 */
function reference(mantissa: string, exponent: number): string {
  const negative = mantissa.startsWith('-');
  const body = mantissa.replace(/^[+-]/, '');
  const [int = '', frac = ''] = body.split('.');
  const digits = BigInt((int + frac) || '0');
  const power = exponent - frac.length; // value = digits × 10^power
  const scale = 400n;
  const scaled = power >= 0 ? digits * 10n ** BigInt(power) * 10n ** scale : (digits * 10n ** scale) / 10n ** BigInt(-power);
  const whole = scaled / 10n ** scale;
  const places = (scaled % 10n ** scale).toString().padStart(Number(scale), '0').replace(/0+$/, '');
  const zero = digits === 0n;
  return (negative && !zero ? '-' : '') + whole.toString() + (places === '' ? '' : `.${places}`);
}

describe('plainDecimal', () => {
  it('spells out what spreadsheets store', () => {
    expect(plainDecimal('2700')).toBe('2700');
    expect(plainDecimal('12.5')).toBe('12.5');
    expect(plainDecimal('0.30000000000000004')).toBe('0.30000000000000004');
    expect(plainDecimal('1.2345E+15')).toBe('1234500000000000');
    expect(plainDecimal('1E-4')).toBe('0.0001');
    expect(plainDecimal('-2.5e-3')).toBe('-0.0025');
    expect(plainDecimal('1.5E+1')).toBe('15');
    expect(plainDecimal('1E+21')).toBe('1000000000000000000000');
    expect(plainDecimal('-0')).toBe('0');
    expect(plainDecimal('007')).toBe('7');
    expect(plainDecimal('.5')).toBe('0.5');
  });

  it('keeps the places a stored text writes (as a CSV cell keeps them), without an exponent', () => {
    expect(plainDecimal('12.50')).toBe('12.50');
    expect(plainDecimal('1.50E+1')).toBe('15');
  });

  it('gives up on what is no stored number, and on exponents beyond any double', () => {
    for (const raw of ['', 'abc', '1,5', '1.2.3', 'E5', '1E', '1E+99999', '1E+401', 'NaN', 'Infinity', '0x10']) {
      expect(plainDecimal(raw), raw).toBeUndefined();
    }
  });

  it('agrees with exact BigInt arithmetic on any mantissa and exponent', () => {
    const mantissa = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,17}$/), fc.option(fc.stringMatching(/^[0-9]{1,17}$/), { nil: undefined }))
      .map(([negative, int, frac]) => `${negative ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`);
    fc.assert(
      fc.property(mantissa, fc.integer({ min: -330, max: 330 }), (m, e) => {
        const plain = plainDecimal(`${m}E${e >= 0 ? '+' : ''}${e}`);
        expect(plain).toBe(reference(m, e));
      }),
    );
  });
});
