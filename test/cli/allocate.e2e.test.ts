import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, withoutWarnings } from '../helpers/run-cli.js';

interface AllocationJson {
  version: number;
  total: string;
  unit: string;
  unallocated: string;
  followup: string;
  tranche_totals: string[];
  allocations: { id: string; name: string; count: string; amount: string; tranches: string[]; applied: boolean }[];
}

const sum = (xs: readonly string[]): bigint => xs.reduce((s, x) => s + BigInt(x), 0n);
const json = (args: string[], input?: string): AllocationJson => {
  const result = runCli(args, input === undefined ? {} : { input });
  expect(withoutWarnings(result.stderr)).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as AllocationJson;
};

describe('flere allocate on the bundled illustrative data', () => {
  it('allocates 262,500,000 among the 98 kommuner with tranche columns 78,750,000 / 105,000,000 / 78,750,000', () => {
    const result = json(['allocate', 'data/counts-2017.csv', '--format', 'json']);
    expect(result.version).toBe(1);
    expect(result.allocations).toHaveLength(98);
    expect(sum(result.allocations.map((a) => a.amount))).toBe(262_500_000n);
    expect([0, 1, 2].map((j) => sum(result.allocations.map((a) => a.tranches[j] as string)))).toEqual([
      78_750_000n,
      105_000_000n,
      78_750_000n,
    ]);
    for (const a of result.allocations) expect(sum(a.tranches)).toBe(BigInt(a.amount));
    expect(result.total).toBe('262500000');
    expect(result.unallocated).toBe('0');
    expect(result.followup).toBe('0');
  });

  it('gives the same JSON, byte for byte, for the same rows shuffled', () => {
    const text = readFileSync('data/counts-2017.csv', 'utf8').trim().split('\n');
    const [header, ...rows] = text;
    // A deterministic shuffle: reverse, then interleave halves.
    const reversed = [...rows].reverse();
    const half = Math.ceil(reversed.length / 2);
    const shuffled = reversed.slice(0, half).flatMap((r, i) => [r, reversed[half + i]].filter((x): x is string => x !== undefined));
    const original = runCli(['allocate', '-', '--format', 'json'], { input: `${text.join('\n')}\n` });
    const permuted = runCli(['allocate', '-', '--format', 'json'], { input: `${[header, ...shuffled].join('\n')}\n` });
    expect(permuted.code).toBe(0);
    expect(permuted.stdout).toBe(original.stdout);
  });

  it('prints CSV when piped and a table with --format table', () => {
    const csv = runCli(['allocate', 'data/counts-2017.csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('id,name,count,share,amount,tranche_1,tranche_2,tranche_3,applied');
    const table = runCli(['allocate', 'data/counts-2017.csv', '--format', 'table']);
    expect(table.stdout).toMatch(/Total\s+26\.999\s+100,0000\s+262\.500\.000\s+78\.750\.000\s+105\.000\.000\s+78\.750\.000/);
    expect(table.stdout).not.toMatch(/\u001b\[/);
  });
});

describe('flere allocate: exactness where floats go wrong', () => {
  it('gives a tied odd øre to the lower kommune code, where a float implementation gives it to the other', () => {
    // 262,500,000.00 kr. = 26,250,000,000 øre over counts 952, 75, 1348 (Σ 2375):
    //   København     952 → 26,250,000,000·952/2375  = 10,522,105,263 + 375/2375 øre
    //   Frederiksberg  75 → 26,250,000,000·75/2375   =    828,947,368 + 1000/2375 øre
    //   Ballerup     1348 → 26,250,000,000·1348/2375 = 14,898,947,368 + 1000/2375 øre
    // Floors sum to 26,249,999,999: one øre is left, and the two largest remainders tie
    // exactly (1000/2375). The tie rule gives it to the lower code, 147 Frederiksberg.
    // In binary floats the fractional parts come out as 0.421052575… (Frederiksberg) and
    // 0.421052932… (Ballerup), so a float implementation hands the øre to Ballerup instead.
    const input = 'kode,antal\n101,952\n147,75\n151,1348\n';
    const result = json(['allocate', '-', '--total', '262500000.00', '--unit', '0.01', '--format', 'json'], input);
    expect(result.allocations.map((a) => [a.id, a.amount])).toEqual([
      ['101', '105221052.63'],
      ['147', '8289473.69'],
      ['151', '148989473.68'],
    ]);
    const floatQuota = (w: number): number => (262500000 * 100 * w) / 2375;
    const frac = (x: number): number => x - Math.floor(x);
    expect(frac(floatQuota(1348))).toBeGreaterThan(frac(floatQuota(75))); // the float trap is real
  });

  it('keeps the part of a total below one unit as unallocated', () => {
    // 100.07 kr. in units of 0.05 kr.: 2001 units = 100.05 kr.; 0.02 kr. stay unallocated.
    const result = json(['allocate', '-', '--total', '100.07', '--unit', '0.05', '--format', 'json'], 'kode,antal\n101,1\n147,1\n');
    expect(result.unallocated).toBe('0.02');
    expect(result.allocations.map((a) => a.amount)).toEqual(['50.05', '50.00']);
  });

  it('orders free names by code point: ﬀ (U+FB00) before 𝔸 (U+1D538), in rows, the tie and the ranks', () => {
    // By UTF-16 code units 𝔸 (D835 DD38) would come first; by code points ﬀ does. One unit,
    // equal counts: the tie goes to the name earlier in code point order.
    const input = 'name,count\n𝔸,1\nﬀ,1\n';
    const result = json(['allocate', '-', '--no-registry', '--total', '1', '--format', 'json'], input);
    expect(result.allocations.map((a) => [a.name, a.amount])).toEqual([['ﬀ', '1'], ['𝔸', '0']]);
    const explained = runCli(['allocate', '-', '--no-registry', '--total', '1', '--explain', '--format', 'csv'], { input });
    expect(explained.code).toBe(0);
    const [header = '', ...rows] = explained.stdout.trimEnd().split('\n');
    const rank = header.split(',').indexOf('rank');
    expect(rows.map((r) => [r.split(',')[0], r.split(',')[rank]])).toEqual([['ﬀ', '1'], ['𝔸', '2']]);
  });
});

describe('flere allocate: errors', () => {
  it('reports every bad row as FILE:LINE with exit 1 and no stack trace', () => {
    const result = runCli(['allocate', '-'], { input: 'kode;antal\n101;2.700\n999;1\n461;x\n' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^flere: <stdin>:3: /);
    expect(lines[1]).toMatch(/^flere: <stdin>:4: /);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('exits 2 for usage errors and 3 for a missing file', () => {
    expect(runCli(['allocate', 'data/counts-2017.csv', '--format', 'xml']).code).toBe(2);
    expect(runCli(['allocate', 'data/counts-2017.csv', '--total', '-5']).code).toBe(2);
    expect(runCli(['allocate', 'data/counts-2017.csv', '--unit', '0']).code).toBe(2);
    expect(runCli(['allocate', '--no-such-option']).code).toBe(2);
    const missing = runCli(['allocate', 'no/such/file.csv']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe('flere: no/such/file.csv: no such file\n');
  });

  it('leaves an existing output file untouched when the input is bad', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-'));
    const out = join(dir, 'out.csv');
    writeFileSync(out, 'previous content\n');
    const result = runCli(['allocate', '-', '-o', out], { input: 'kode,antal\n101,-3\n' });
    expect(result.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('previous content\n');
  });

  it('writes -o atomically and reports an unwritable path as exit 3', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-'));
    const out = join(dir, 'allocation.json');
    const ok = runCli(['allocate', 'data/counts-2017.csv', '-o', out]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as AllocationJson).allocations).toHaveLength(98);
    const bad = runCli(['allocate', 'data/counts-2017.csv', '-o', join(dir, 'missing-dir', 'x.csv')]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/^flere: .*x\.csv: cannot write/);
  });
});

describe('flere allocate --format json: problems as data', () => {
  it('writes one JSON document with the issues to stderr instead of text lines', () => {
    const result = runCli(['allocate', '-', '--format', 'json'], { input: 'kode;antal\n101;2.700\n999;1\n461;-4\n' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const document = JSON.parse(result.stderr) as { exit_code: number; issues: { code: string; line: number }[] };
    expect(document.exit_code).toBe(1);
    expect(document.issues.map((i) => [i.code, i.line])).toEqual([
      ['kommune.unknown', 3],
      ['number.negative', 4],
    ]);
  });
});
