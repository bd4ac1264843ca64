// Which format an output gets from --format and -o's name (issue 10 point 6), decided
// before anything is read; the CLI's end-to-end side is test/cli/output-names.e2e.test.ts.
import { describe, expect, it } from 'vitest';
import { FlereError } from '../../src/core/diagnostics.js';
import { checkReportExtension, chooseFormat, extensionOf, outputDialect } from '../../src/io/output-format.js';

const problem = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (error) {
    if (error instanceof FlereError) return `${error.exitCode} ${error.diagnostics[0]?.code}`;
    throw error;
  }
  return undefined;
};

describe('extensionOf', () => {
  it.each([
    ['a.csv', '.csv'],
    ['dir.v2/A.XLSX', '.xlsx'],
    ['fordeling', undefined],
    ['fordeling.2017', undefined],
    ['rapport.2019-12', undefined],
    ['.xlsx', '.xlsx'],
    ['.hidden', undefined],
    ['/dev/fd/63', undefined],
    ['x.csv.gz', '.gz'],
  ])('%s → %s', (path, ext) => expect(extensionOf(path)).toBe(ext));
});

describe('chooseFormat', () => {
  it('takes the extension, --format where there is none, and the terminal default last', () => {
    expect(chooseFormat(undefined, 'a.xlsx', true)).toBe('xlsx');
    expect(chooseFormat(undefined, 'a.tsv', false)).toBe('tsv');
    expect(chooseFormat(undefined, 'a.txt', false)).toBe('table');
    expect(chooseFormat('csv', 'a.txt', false)).toBe('csv');
    expect(chooseFormat('xlsx', 'fordeling', true)).toBe('xlsx');
    expect(chooseFormat(undefined, undefined, true)).toBe('table');
    expect(chooseFormat(undefined, '-', false)).toBe('csv');
    expect(chooseFormat(undefined, 'fordeling', false, 'json')).toBe('json');
  });

  it('refuses, as usage errors, what the name contradicts or flere cannot write, and a workbook to a terminal', () => {
    expect(problem(() => chooseFormat(undefined, 'a.xls', false))).toBe('2 output.unknown-extension');
    expect(problem(() => chooseFormat('json', 'a.csv', false))).toBe('2 output.format-extension');
    expect(problem(() => chooseFormat('table', 'a.xlsx', false))).toBe('2 output.format-extension');
    expect(problem(() => chooseFormat('xlsx', undefined, true))).toBe('2 output.xlsx-terminal');
    expect(problem(() => chooseFormat('xlsx', '-', true))).toBe('2 output.xlsx-terminal');
    expect(problem(() => chooseFormat('xlsx', undefined, false))).toBeUndefined();
    expect(problem(() => checkReportExtension('r.csv'))).toBe('2 output.unknown-extension');
    expect(problem(() => checkReportExtension('r.HTML'))).toBeUndefined();
    expect(problem(() => checkReportExtension('r'))).toBeUndefined();
  });
});

describe('outputDialect', () => {
  it("is the locale's CSV dialect, with tabs for TSV", () => {
    expect(outputDialect('csv', 'da')).toEqual({ delimiter: ';', decimalMark: ',', bom: true, eol: '\r\n' });
    expect(outputDialect('tsv', 'da')).toEqual({ delimiter: '\t', decimalMark: ',', bom: true, eol: '\r\n' });
    expect(outputDialect('tsv', undefined)).toEqual({ delimiter: '\t', decimalMark: '.', bom: false, eol: '\n' });
  });
});
