// Wording of the file and kommune problems that the hardening issue touches.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, sheetReference } from '../../src/cli/messages.js';

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

describe('problems in a workbook', () => {
  it('are told by sheet and cell, as Excel writes references', () => {
    const d = { code: 'number.not-whole', file: 'counts.xlsx', sheet: 'Ark1', cell: 'B7', line: 7, column: 'antal', value: '12,5', args: { decimalMark: ',' } };
    expect(formatDiagnostic(d)).toBe('counts.xlsx: Ark1!B7: column «antal»: not a whole number: "12,5"');
    expect(formatDiagnostic({ ...d, sheet: 'Tal 2017', cell: '7:7' })).toMatch(/^counts\.xlsx: 'Tal 2017'!7:7: /);
    expect(sheetReference("Kim's", 'A1')).toBe("'Kim''s'!A1");
    expect(sheetReference('2017', 'A1')).toBe("'2017'!A1");
    expect(sheetReference('Fordeling_2017.v2')).toBe('Fordeling_2017.v2');
    expect(formatDiagnostic({ code: 'allocation.all-zero', file: 'counts.xlsx', sheet: 'Ark1' })).toMatch(/^counts\.xlsx: Ark1: every count is zero/);
  });

  it('say which sheets the workbook has, and how to read another', () => {
    const d = { code: 'csv.no-header', file: 'c.xlsx', sheet: 'Forside', args: { expected: 'kommune and antal', sheets: 'Forside, Tal', sheetOption: 'yes' } };
    expect(formatDiagnostic(d)).toBe("c.xlsx: Forside: no header row found with columns such as kommune and antal (the workbook's sheets: Forside, Tal; --sheet NAME reads another)");
    expect(formatDiagnostic({ ...d, args: { ...d.args, sheetOption: 'no' } })).toContain('this input is read from its first sheet: move the sheet with the data first, or save it as CSV');
    expect(formatDiagnostic({ code: 'csv.empty-file', file: 'c.xlsx', sheet: 'Ark1', args: { sheets: 'Ark1' } })).toContain('the sheet is empty');
  });

  it('count rows, not lines', () => {
    expect(formatDiagnostic({ code: 'kommune.duplicate', file: 'c.xlsx', sheet: 'Ark1', cell: 'A9', line: 9, value: '461', args: { firstLine: 4 } })).toBe(
      'c.xlsx: Ark1!A9: "461" appears twice (first in row 4)',
    );
  });
});

describe('JSON documents of every family', () => {
  it('have a message for each problem readJsonDocument raises (the duplicate key of --after and --followup had none)', () => {
    for (const family of ['allocation', 'check-result', 'followup-round', 'followup-result']) {
      const shown = [
        formatDiagnostic({ code: `${family}.json-syntax`, file: 'x.json', value: 'Unexpected end of JSON input' }),
        formatDiagnostic({ code: `${family}.json-duplicate-key`, file: 'x.json', line: 3, value: 'sources[0].amount' }),
        formatDiagnostic({ code: `${family}.json-other-file`, file: 'x.json', args: { found: 'an Excel workbook (.xlsx)', expected: 'an object' } }),
        formatDiagnostic({ code: `${family}.json-shape`, file: 'x.json', value: 'version', args: { expected: 'version 1' } }),
      ];
      expect(shown, family).toEqual([
        'x.json: not valid JSON: Unexpected end of JSON input',
        'x.json:3: sources[0].amount is given twice; JSON would silently keep the last: keep one',
        'x.json: not JSON but an Excel workbook (.xlsx): expected an object',
        'x.json: version: expected version 1',
      ]);
    }
  });
});
