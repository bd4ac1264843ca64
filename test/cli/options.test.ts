// Option values typed on the command line: money in either decimal mark, refused when it could
// be read two ways, as the issue asks ("an ambiguous value is an error with a hint, never a guess").
import { describe, expect, it } from 'vitest';
import { formatFixed } from '../../src/core/decimal.js';
import { parseMoneyOption, positiveDecimal, trancheShares } from '../../src/cli/options.js';

const money = (s: string): string | undefined => {
  const v = parseMoneyOption(s);
  return v === undefined ? undefined : formatFixed(v);
};

describe('money on the command line', () => {
  it('reads both dialects where only one reading exists', () => {
    expect(money('262500000')).toBe('262500000');
    expect(money('262.500.000,00')).toBe('262500000.00');
    expect(money('262,500,000.00')).toBe('262500000.00');
    expect(money('262500000.00')).toBe('262500000.00');
    expect(money('262 500 000')).toBe('262500000');
    expect(money('262\u00a0500\u00a0000')).toBe('262500000');
    expect(money('1_000_000')).toBe('1000000');
    expect(money('0.01')).toBe('0.01');
    expect(money('0,05')).toBe('0.05');
    expect(money('1.5')).toBe('1.5');
    expect(money('\u22125')).toBe('-5');
  });

  it('refuses 1.500 and 1,500: thousands or a decimal? (0.500 has only one reading)', () => {
    expect(money('1.500')).toBeUndefined();
    expect(money('1,500')).toBeUndefined();
    expect(money('0.500')).toBe('0.500');
    expect(money('0,500')).toBe('0.500');
    expect(() => positiveDecimal('1.500')).toThrow(/ambiguous/);
  });

  it('refuses what is no plain decimal', () => {
    for (const s of ['', 'abc', '1e3', '1e999999', 'NaN', 'Infinity', '0x10', '.5', '5.', '1.2.3', '1,2,3', '_1', '1__0', '#I/T']) {
      expect(money(s), s).toBeUndefined();
    }
    expect(() => positiveDecimal('1e999999')).toThrow(/scientific notation/);
    expect(() => positiveDecimal('1' + '0'.repeat(40))).toThrow(/too large/);
  });

  it('wants a positive amount: --total -5 and --unit 0 are usage errors', () => {
    expect(() => positiveDecimal('-5')).toThrow(/greater than 0/);
    expect(() => positiveDecimal('0')).toThrow(/greater than 0/);
    expect(() => positiveDecimal('-0,00')).toThrow(/greater than 0/);
    expect(formatFixed(positiveDecimal('0.05'))).toBe('0.05');
  });
});

describe('tranche shares', () => {
  it('sum to exactly 100', () => {
    expect(trancheShares('30,40,30').map((s) => formatFixed(s))).toEqual(['30', '40', '30']);
    expect(trancheShares('50;40;10').map((s) => formatFixed(s))).toEqual(['50', '40', '10']);
    expect(() => trancheShares('30,40')).toThrow(/sum to 100/);
    expect(() => trancheShares('')).toThrow(/positive percentages/);
    expect(() => trancheShares('-30,130')).toThrow(/positive percentages/);
  });
});
