// Issue 12 point 4: `--lang da` writes Danish headers, statuses and labels in tables, CSV and
// workbooks, and flere reads its own Danish output back (allocations, progress, ledgers) with
// the same results. JSON stays English; `--locale da` (numbers and CSV) does not imply it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, withoutWarnings } from '../helpers/run-cli.js';

const DIR = mkdtempSync(join(tmpdir(), 'flere-danish-'));
const at = (name: string): string => join(DIR, name);
const BASE = ['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv'];

function ok(args: readonly string[]): string {
  const r = runCli(args);
  expect(withoutWarnings(r.stderr)).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

beforeAll(() => {
  ok([...BASE, '--format', 'json', '-o', at('allocation.json')]);
  ok([...BASE, '--format', 'csv', '-o', at('allocation.csv')]);
  ok([...BASE, '--lang', 'da', '-o', at('fordeling.csv')]);
  ok([...BASE, '--lang', 'da', '--locale', 'da', '-o', at('fordeling-da.csv')]);
});

describe('Danish words in CSV and tables', () => {
  it('allocate: the CSV header and yes/no in Danish, the numbers as --locale says', () => {
    expect(readFileSync(at('fordeling.csv'), 'utf8').split('\n').slice(0, 2)).toEqual([
      'kommunekode,kommune,antal,andel,beløb,rate 1,rate 2,rate 3,ansøgt',
      '101,København,2700,10.0004,26250972,7875291,10500389,7875292,ja',
    ]);
    expect(readFileSync(at('fordeling-da.csv'), 'utf8').split('\r\n').slice(0, 2)).toEqual([
      '\ufeffkommunekode;kommune;antal;andel;beløb;rate 1;rate 2;rate 3;ansøgt',
      '101;København;2700;10,0004;26250972;7875291;10500389;7875292;ja',
    ]);
    expect(readFileSync(at('fordeling.csv'), 'utf8')).toContain('155,Dragør,64,0.2370,622245,,,,nej');
  });

  it('--locale da alone keeps the English words (the locale is the dialect, the language the words)', () => {
    expect(ok([...BASE, '--locale', 'da']).split('\r\n')[0]).toBe('\ufeffid;name;count;share;amount;tranche_1;tranche_2;tranche_3;applied');
  });

  it('JSON stays English, byte for byte', () => {
    expect(ok([...BASE, '--format', 'json', '--lang', 'da'])).toBe(readFileSync(at('allocation.json'), 'utf8'));
    const check = ['check', 'data/progress-2017.csv', '--allocation', at('allocation.json'), '--as-of', '2018-06', '--format', 'json'];
    expect(ok([...check, '--lang', 'da'])).toBe(ok(check));
  });

  it('tables: headings, totals and sentences in Danish', () => {
    const table = ok([...BASE, '--format', 'table', '--lang', 'da']);
    expect(table.split('\n').slice(0, 2)).toEqual([
      'Flere skal med 1: 262.500.000 kr. i enheder af 1 kr., 98 modtagere',
      'kode  navn                antal   andel %        beløb  rate 1 (30 %)  rate 2 (40 %)  rate 3 (30 %)  ansøgt',
    ]);
    expect(table).toContain('I alt              26.999  100,0000  262.500.000');
    expect(table).toContain('Restpulje: 7.126.653 kr. fra 9 modtagere, der ikke søgte');
    const check = ok(['check', 'data/progress-2017.csv', '--allocation', at('allocation.json'), '--as-of', '2019-12', '--format', 'table', '--lang', 'da']);
    expect(check).toMatch(/^Flere skal med 1: rater pr\. 2019-12 \(puljen 2017-07 til 2019-12\)/);
    expect(check).toContain('forfalden: 206 rater, 205.822.209 kr.');
    expect(check).toContain('bortfaldet: 61 rater, 49.551.138 kr.');
    expect(check).toContain('9 kommuner søgte ikke: 7.126.653 kr. til restpuljen');
    expect(check).toContain('søgte ikke');
    expect(check).not.toMatch(/\b(due|forfeited|pending|tranches)\b/);
  });

  it('check CSV: statuses, yes/no and the evidence in Danish', () => {
    const csv = ok(['check', 'data/progress-2017.csv', '--allocation', at('allocation.json'), '--as-of', '2018-06', '--lang', 'da', '--format', 'csv']);
    const lines = csv.split('\n');
    expect(lines[0]).toBe('kommunekode,kommune,rate,beløb,status,måned,bogført,grundlag');
    expect(lines[1]).toBe('101,København,1,7875291,forfalden,2017-07,nej,ved start 2017-07');
    expect(csv).toMatch(/,afventer,,nej,afklaret \d+ af \d+ \(2018-06\)/);
    expect(csv).toMatch(/\(≥ 40 % i 3 måneder i træk\)/);
  });
});

describe('flere reads its own Danish output back', () => {
  const check = (allocation: string, ...more: string[]): string =>
    ok(['check', 'data/progress-2017.csv', '--allocation', allocation, '--as-of', '2019-12', '--format', 'json', ...more]);

  it('check: an allocation in Danish words (either dialect) gives the same result as the JSON', () => {
    const fromJson = check(at('allocation.json'));
    expect(check(at('fordeling.csv'))).toBe(fromJson);
    expect(check(at('fordeling-da.csv'))).toBe(fromJson);
  });

  it('followup: from a Danish CSV allocation the same round as from the English CSV', () => {
    const followup = (allocation: string): string =>
      ok(['followup', allocation, '--to', 'data/followup-2017.csv', '--key', 'weight', '--unit', '1000', '--format', 'json']);
    expect(followup(at('fordeling-da.csv'))).toBe(followup(at('allocation.csv')));
    // The applied column (ja/nej) is read: nine kommuner did not apply.
    expect((JSON.parse(followup(at('fordeling-da.csv'))) as { sources: unknown[] }).sources).toHaveLength(9);
  });

  it('check: progress written with Danish headers reads as the English one', () => {
    ok(['progress', 'data/persons-example.csv', '-o', at('progress.csv')]);
    ok(['progress', 'data/persons-example.csv', '--lang', 'da', '-o', at('fremdrift.csv')]);
    expect(readFileSync(at('fremdrift.csv'), 'utf8').split('\n')[0]).toBe('kommunekode,måned,målgruppe,afklarede,modtagere,virksomhedsrettet,løntimer');
    const args = (progress: string): string[] => ['check', progress, '--allocation', at('allocation.json'), '--as-of', '2017-09', '--format', 'json'];
    const english = runCli(args(at('progress.csv')));
    const danish = runCli(args(at('fremdrift.csv')));
    expect(danish.code).toBe(english.code);
    expect(danish.stdout).toBe(english.stdout);
    expect(danish.stderr.replaceAll('fremdrift.csv', 'progress.csv')).toBe(english.stderr);
  });

  it('the ledger: a new one in Danish words; recorded tranches read back as paid; appends keep its columns', () => {
    const ledger = at('udbetalinger.csv');
    const record = (asOf: string, ...more: string[]): string =>
      ok(['check', 'data/progress-2017.csv', '--allocation', at('allocation.json'), '--as-of', asOf, '--ledger', ledger, '--record', '--format', 'json', ...more]);
    record('2017-07', '--lang', 'da', '--locale', 'da');
    const text = readFileSync(ledger, 'utf8');
    const [header, first] = text.split('\r\n');
    expect(header).toBe('\ufeffpulje;kommunekode;kommune;rate;beløb;forfalden;registreret');
    expect(first).toMatch(/^flere-skal-med-1;101;København;1;7875291;2017-07;\d{4}-/);
    // The next month, in English: the first run's tranches are paid, new ones appended under the same Danish columns.
    const next = JSON.parse(record('2018-03')) as { tranches: { id: string; tranche: number; status: string }[] };
    expect(next.tranches.find((t) => t.id === '101' && t.tranche === 1)?.status).toBe('paid');
    const rows = readFileSync(ledger, 'utf8').split('\r\n').filter((l) => l !== '');
    expect(rows[0]).toBe(header);
    expect(rows.length).toBeGreaterThan(text.split('\r\n').filter((l) => l !== '').length);
    for (const row of rows.slice(1)) expect(row).toMatch(/^flere-skal-med-1;\d{3};[^;\d]+;[123];\d+;\d{4}-\d{2};/);
  });

  it('a hand-kept ledger with kode;kommune (a code and a name) reads the same', () => {
    const ledger = at('hand.csv');
    writeFileSync(ledger, 'kode;kommune;rate;beløb;forfalden\r\n101;København;1;7875291;2017-07\r\n');
    const r = JSON.parse(
      ok(['check', 'data/progress-2017.csv', '--allocation', at('allocation.json'), '--as-of', '2017-07', '--ledger', ledger, '--format', 'json']),
    ) as { tranches: { id: string; tranche: number; status: string }[] };
    expect(r.tranches.find((t) => t.id === '101' && t.tranche === 1)?.status).toBe('paid');
  });
});
