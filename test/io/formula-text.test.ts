import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralizeFormula, restoreFormulaText } from '../../src/io/formula-text.js';

describe('formula text', () => {
  it('neutralises every cell a spreadsheet would run, and restores it exactly', () => {
    const cell = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", 'a', '1', ' ', '(', '＝', '＋', '－', '＠') });
    fc.assert(
      fc.property(cell, (s) => {
        const safe = neutralizeFormula(s);
        expect(safe).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
        expect(restoreFormulaText(safe)).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('neutralises the full-width formula characters an East Asian keyboard types', () => {
    expect(['＝HYPERLINK("x")', '＋1', '－2', '＠SUM(1)'].map(neutralizeFormula)).toEqual(["'＝HYPERLINK(\"x\")", "'＋1", "'－2", "'＠SUM(1)"]);
  });

  it('leaves harmless text alone', () => {
    for (const s of ['Odense', "O'Brien", "'quoted'", '1-2', 'a=b', '']) {
      expect(neutralizeFormula(s)).toBe(s);
      expect(restoreFormulaText(s)).toBe(s);
    }
  });
});
