import { describe, expect, it } from 'vitest';
import { sheetDecimalMark } from '../../../src/io/xlsx/sheet-decimal-mark.js';

describe('sheetDecimalMark', () => {
  it('is Danish when text cells read as numbers only with a decimal comma', () => {
    expect(sheetDecimalMark(['kommune', 'antal', '12,5', '1.600.000', 'Odense'])).toBe(',');
    expect(sheetDecimalMark(['1.600,50'])).toBe(',');
  });

  it('is English when more text cells read only with a decimal point', () => {
    expect(sheetDecimalMark(['12.5', '1,600,000', '12,5'])).toBe('.');
    expect(sheetDecimalMark(['1,600.00'])).toBe('.');
  });

  it('is Danish when nothing tells: whole numbers, codes, `1.600` and `1,600` read both ways', () => {
    expect(sheetDecimalMark([])).toBe(',');
    expect(sheetDecimalMark(['2700', '0101', '1.600', '1,600', '1 600'])).toBe(',');
  });

  it('ignores words, dates and months, whatever digits they hold', () => {
    expect(sheetDecimalMark(['2017-07', '1.7.2017', '07-2017', 'jul-17', 'Opgjort 12.5 pct', '12.5 %'])).toBe(',');
  });
});
