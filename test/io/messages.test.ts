import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import { inputMessages } from '../../src/cli/messages/input.js';

const say = (d: Diagnostic): string => {
  const message = inputMessages[d.code as keyof typeof inputMessages];
  return message(d);
};

describe('inputMessages', () => {
  it('words every code, even with no fields at all', () => {
    for (const [code, message] of Object.entries(inputMessages)) {
      const text = message({ code });
      expect(text.length, code).toBeGreaterThan(0);
      expect(text, code).not.toMatch(/undefined|\[object/);
    }
  });

  it('says what the design asks for', () => {
    expect(say({ code: 'csv.ragged', line: 4, args: { cells: 3, expected: 4 } })).toBe('row has 3 cells, the header has 4');
    expect(say({ code: 'number.not-whole', column: 'antal', value: '12,5x', args: { decimalMark: ',' } })).toBe(
      'column «antal»: not a whole number: "12,5x"',
    );
  });

  it('suggests --decimal-mark where it helps', () => {
    expect(say({ code: 'number.not-whole', column: 'antal', value: '1.600', args: { decimalMark: '.', hint: 'decimal-mark' } })).toBe(
      'column «antal»: not a whole number: "1.600" (this file is read with a decimal point (comma- or tab-separated); if that is wrong, use --decimal-mark ,)',
    );
    expect(say({ code: 'number.ambiguous', column: 'antal', value: '1,600', args: { decimalMark: '.' } })).toContain(
      '--decimal-mark ,',
    );
    expect(say({ code: 'number.decimal-mark', value: '1.6', args: { decimalMark: ',' } })).toContain('--decimal-mark .');
    expect(say({ code: 'number.ambiguous', value: '1.600', args: { decimalMark: 'either' } })).toContain(
      'without thousands separators',
    );
  });

  it('names both columns of a duplicate', () => {
    expect(
      say({ code: 'csv.duplicate-column', column: 'Antal', args: { key: 'count', first: 'antal', firstPosition: 2, position: 3 } }),
    ).toBe('columns «antal» and «Antal» both give the count (columns 2 and 3); keep one');
    expect(
      say({ code: 'csv.duplicate-column', column: 'antal', args: { key: 'count', first: 'antal', firstPosition: 2, position: 3 } }),
    ).toBe('column «antal» appears twice (columns 2 and 3)');
    expect(say({ code: 'csv.missing-column', args: { key: 'count', accepted: 'antal, count' } })).toBe(
      'no count column (accepted names: antal, count)',
    );
  });
});

describe('inputMessages for a missing header', () => {
  it('says how the file was read', () => {
    expect(say({ code: 'csv.no-header', line: 1, args: { delimiter: ';', expected: 'kommune, antal' } })).toBe(
      'no header row found with columns such as kommune, antal (reading the file as semicolon-separated; --delimiter changes that)',
    );
  });
});
