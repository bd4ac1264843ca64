import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visibleText } from '../../../src/io/render/visible-text.js';

describe('visibleText', () => {
  it('escapes what a terminal would obey, and nothing else', () => {
    expect(visibleText('\u001b[2JOdense')).toBe('\\u001b[2JOdense');
    expect(visibleText('a\nb\tc\rd')).toBe('a\\nb\\tc\\rd');
    expect(visibleText('\u202eevil\u2066')).toBe('\\u202eevil\\u2066');
    expect(visibleText('\u009b31m')).toBe('\\u009b31m');
    expect(visibleText('Høje-Taastrup – 1.600 €')).toBe('Høje-Taastrup – 1.600 €');
  });

  it('never leaves a control character behind', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(visibleText(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 1000 },
    );
  });
});
