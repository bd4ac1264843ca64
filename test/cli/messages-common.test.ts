// Wording of the file and kommune problems that the hardening issue touches.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/cli/messages.js';

describe('file problems', () => {
  it('say what the errno means, and keep the errno', () => {
    expect(formatDiagnostic({ code: 'io.write', file: 'x/out.csv', value: 'ENOENT' })).toBe(
      'x/out.csv: cannot write the file: the directory does not exist (ENOENT)',
    );
    expect(formatDiagnostic({ code: 'io.write', file: '<stdout>', value: 'ENOSPC' })).toBe(
      '<stdout>: cannot write the output: no space left on the device (ENOSPC)',
    );
    expect(formatDiagnostic({ code: 'io.read', file: 'in.csv', value: 'EACCES' })).toBe('in.csv: cannot read the file: permission denied (EACCES)');
    expect(formatDiagnostic({ code: 'io.read', file: 'in.csv', value: 'EWHATEVER' })).toBe('in.csv: cannot read the file (EWHATEVER)');
  });
});

describe('kommune problems', () => {
  it('name the kommune a duplicate spelling stands for', () => {
    expect(
      formatDiagnostic({ code: 'kommune.duplicate', file: 'c.csv', line: 4, column: 'kommune', value: 'Århus', args: { firstLine: 2, kommune: 'Aarhus (751)' } }),
    ).toBe('c.csv:4: column «kommune»: "Århus" is Aarhus (751) a second time (first on line 2)');
    expect(formatDiagnostic({ code: 'kommune.duplicate', value: '461', args: { firstLine: 2 } })).toBe('"461" appears twice (first on line 2)');
  });

  it('hint at the encoding when the file looks mis-decoded', () => {
    expect(formatDiagnostic({ code: 'kommune.unknown', value: 'KÃ¸ge', args: { suggestions: 'Køge (259)', hint: 'encoding' } })).toMatch(
      /^unknown kommune "KÃ¸ge" \(did you mean Køge \(259\)\?\); the file looks wrongly decoded .*--encoding/,
    );
  });
});

describe('one problem, one line', () => {
  it('quotes file names that would vanish or break the line', () => {
    expect(formatDiagnostic({ code: 'io.not-found', file: ' ' })).toBe('" ": no such file');
    expect(formatDiagnostic({ code: 'io.not-found', file: '' })).toBe('"": no such file');
    expect(formatDiagnostic({ code: 'io.not-found', file: 'a\nb.csv' })).toBe('"a\\nb.csv": no such file');
    expect(formatDiagnostic({ code: 'io.not-found', file: 'data/counts 2017.csv' })).toBe('data/counts 2017.csv: no such file');
  });

  it('shows a line break quoted from the input as \\n', () => {
    const d = { code: 'pool.json-syntax', file: 'p.json', value: 'Unexpected token \'s\', "sep=;\r\nFle"... is not valid JSON' };
    expect(formatDiagnostic(d)).toBe('p.json: not valid JSON: Unexpected token \'s\', "sep=;\\r\\nFle"... is not valid JSON');
  });
});

describe('nothing the terminal would obey', () => {
  it('shows control characters of a header name as escapes', () => {
    expect(formatDiagnostic({ code: 'number.invalid', file: 'c.csv', line: 2, column: 'an\u001b[2Jtal', value: 'x' })).toBe(
      'c.csv:2: column «an\\u001b[2Jtal»: not a number: "x"',
    );
  });
});

describe('quoted values are cut to a readable length', () => {
  it('quotes at most 60 characters of a cell or header name, marked with …', () => {
    const value = '9'.repeat(1_000_000);
    const line = formatDiagnostic({ code: 'number.too-long', file: 'c.csv', line: 2, column: 'x'.repeat(500), value, args: { length: value.length } });
    expect(line).toBe(`c.csv:2: column «${'x'.repeat(60)}…»: far too long for a number (1000000 characters): "${'9'.repeat(60)}…"`);
  });

  it('cuts between code points, never inside a surrogate pair', () => {
    const line = formatDiagnostic({ code: 'number.invalid', value: '𝔸'.repeat(100) });
    expect(line).toBe(`not a number: "${'𝔸'.repeat(60)}…"`);
  });

  it('leaves short values whole', () => {
    expect(formatDiagnostic({ code: 'number.invalid', value: 'abc' })).toBe('not a number: "abc"');
  });
});
