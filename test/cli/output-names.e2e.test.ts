// Issue 10 point 6: output files are what their names say. `-o x.xlsx` is a workbook,
// `-o x.tsv` tab-separated; an extension flere cannot write, or a --format that contradicts
// the extension, is a usage error (exit 2) found before anything is read or written; no
// extension leaves the choice to --format. A workbook never goes to a terminal.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInTerminal } from '../helpers/pty.js';
import { runCli } from '../helpers/run-cli.js';

const DIR = mkdtempSync(join(tmpdir(), 'flere-names-'));
const COUNTS = 'data/counts-2017.csv';
const out = (name: string): string => join(DIR, name);

const codes = (stderr: string): string[] => (JSON.parse(stderr) as { issues: { code: string }[] }).issues.map((i) => i.code);

describe('-o FILE: the extension decides the format', () => {
  it('.xlsx is a workbook (a zip), .tsv tab-separated, .json JSON, .txt a table, .csv CSV', () => {
    for (const name of ['a.xlsx', 'a.tsv', 'a.json', 'a.txt', 'a.csv', 'A.XLSX']) expect(runCli(['allocate', COUNTS, '-o', out(name)]).code).toBe(0);
    expect(readFileSync(out('a.xlsx')).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(readFileSync(out('A.XLSX')).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(readFileSync(out('a.tsv'), 'utf8').split('\n').slice(0, 2)).toEqual([
      'id\tname\tcount\tshare\tamount\ttranche_1\ttranche_2\ttranche_3\tapplied',
      '101\tKøbenhavn\t2700\t10.0004\t26250972\t7875291\t10500389\t7875292\tyes',
    ]);
    expect(JSON.parse(readFileSync(out('a.json'), 'utf8')).version).toBe(1);
    expect(readFileSync(out('a.txt'), 'utf8')).toMatch(/^Flere skal med 1: 262\.500\.000 kr\./);
    expect(readFileSync(out('a.csv'), 'utf8')).toMatch(/^id,name,count/);
  });

  it('.tsv with --locale da: tabs, decimal comma, BOM and CRLF', () => {
    expect(runCli(['allocate', COUNTS, '--locale', 'da', '-o', out('da.tsv')]).code).toBe(0);
    const text = readFileSync(out('da.tsv'), 'utf8');
    expect(text.startsWith('\ufeffid\tname\t')).toBe(true);
    expect(text.split('\r\n')[1]).toBe('101\tKøbenhavn\t2700\t10,0004\t26250972\t7875291\t10500389\t7875292\tyes');
  });

  it('every command: --format tsv writes tabs to standard output', () => {
    const r = runCli(['progress', 'data/persons-example.csv', '--format', 'tsv']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('kommune\tmonth\ttarget_group\tcleared\trecipients\tcompany_activity\tpaid_hours');
  });

  it('no extension (or a date after the dot): --format decides, CSV by default', () => {
    expect(runCli(['allocate', COUNTS, '-o', out('fordeling')]).code).toBe(0);
    expect(readFileSync(out('fordeling'), 'utf8')).toMatch(/^id,name/);
    expect(runCli(['allocate', COUNTS, '--format', 'xlsx', '-o', out('fordeling.2017')]).code).toBe(0);
    expect(readFileSync(out('fordeling.2017')).subarray(0, 2).toString('latin1')).toBe('PK');
    // .txt is plain text of any kind: a table, or CSV/TSV as Excel's text files are.
    expect(runCli(['allocate', COUNTS, '--format', 'csv', '-o', out('b.txt')]).code).toBe(0);
  });

  it.each([
    ['allocate', [COUNTS]],
    ['check', ['data/progress-2017.csv', '--allocation', 'allocation.json']],
    ['followup', ['allocation.json', '--to', 'data/followup-2017.csv']],
    ['progress', ['data/persons-example.csv']],
  ])('%s: an extension flere cannot write (.xls, .pdf, .docx) is exit 2, naming what it writes; nothing is written', (command, args) => {
    for (const name of ['old.xls', 'r.pdf', 'r.docx', 'r.csv.gz']) {
      const r = runCli([command, ...args, '-o', out(name), '--format', 'json']);
      expect(r.code).toBe(2);
      expect(codes(r.stderr)).toEqual(['output.unknown-extension']);
      const plain = runCli([command, ...args, '-o', out(name)]);
      expect(plain.code).toBe(2);
      expect(plain.stderr).toContain(`${out(name)}: cannot write a ${name.slice(name.lastIndexOf('.'))} file: flere writes .csv .tsv .json .txt .xlsx`);
      expect(existsSync(out(name))).toBe(false);
    }
  });

  it('a --format that contradicts the extension is exit 2, before anything is read', () => {
    for (const [format, name] of [['json', 'a2.csv'], ['csv', 'a2.xlsx'], ['xlsx', 'a2.csv'], ['table', 'a2.json'], ['csv', 'a2.tsv']] as const) {
      // The input does not exist: the output's name is checked first.
      const r = runCli(['allocate', 'no-such-file.csv', '--format', format, '-o', out(name)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`--format ${format} contradicts -o's extension \\${name.slice(2)}`));
      expect(existsSync(out(name))).toBe(false);
    }
  });

  it('flere report writes HTML: -o x.csv is exit 2', () => {
    const r = runCli(['report', 'data/counts-2017.csv', '-o', out('report.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write a .csv file: flere report writes an HTML page (.html .htm)');
  });
});

describe('a workbook and a terminal', () => {
  it('--format xlsx to a terminal is exit 2: give -o FILE.xlsx or redirect', () => {
    const r = runInTerminal(['allocate', COUNTS, '--format', 'xlsx']);
    expect(r.code).toBe(2);
    expect(r.output).toContain('flere: a workbook (.xlsx) is not for a terminal: give -o FILE.xlsx or redirect');
    expect(r.output).not.toContain('PK');
  });

  it('redirected, the workbook goes to standard output', () => {
    const r = runCli(['allocate', COUNTS, '--format', 'xlsx']);
    expect(r.code).toBe(0);
    expect(r.stdoutBytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  });
});
