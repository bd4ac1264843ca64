// `--explain`'s exact quota, as a fraction and as a decimal in kroner, checked for every
// recipient against the quota computed here with BigInt from the definition
// (quota = units · unit · w / W kroner), for units below, at and above one krone, in every
// format that shows it, for `allocate` and for `followup`. The decimal once came out
// 10^(2·decimals) too large for units below one krone.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

/** The default pool of the bundled story, in kroner. */
const TOTAL = 262_500_000n;
/** Decimals the explanation shows beyond the unit's own. */
const EXTRA = 6;

interface Unit {
  readonly text: string;
  /** The unit is digits / 10^scale kroner. */
  readonly digits: bigint;
  readonly scale: number;
}
const UNITS: readonly Unit[] = [
  { text: '0.01', digits: 1n, scale: 2 },
  { text: '0.05', digits: 5n, scale: 2 },
  { text: '0.1', digits: 1n, scale: 1 },
  { text: '1', digits: 1n, scale: 0 },
  { text: '1000', digits: 1000n, scale: 0 },
];

interface Explained {
  quota: string;
  quota_decimal: string;
}
interface AllocationJson {
  allocations: { id: string; name: string; count: string; amount: string; applied: boolean; explain: Explained }[];
}
interface FollowupJson {
  pool: string;
  allocations: { id: string; name: string; weight: string; explain: Explained }[];
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** A decimal string (`1234`, `12.5`) as digits at `scale` decimals (no rounding: must fit). */
function atScale(text: string, scale: number): bigint {
  const [int = '', frac = ''] = text.split('.');
  expect(frac.length).toBeLessThanOrEqual(scale);
  return BigInt(int + frac.padEnd(scale, '0'));
}

/** num/den kroner as a reduced fraction `a/b`, or `a` when whole. */
function fraction(num: bigint, den: bigint): string {
  const g = gcd(num, den);
  return den / g === 1n ? `${num / g}` : `${num / g}/${den / g}`;
}

/** num/den kroner with `scale` decimals, half up, and `…` when digits were cut off. */
function decimal(num: bigint, den: bigint, scale: number): string {
  const scaled = num * 10n ** BigInt(scale);
  const q = scaled / den + (2n * (scaled % den) >= den ? 1n : 0n);
  const digits = q.toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return text + (scaled % den === 0n ? '' : '…');
}

/** Danish table form of a canonical decimal: `26.250.972,258…`. */
const danish = (s: string): string => {
  const [int = '', frac] = s.split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') + (frac === undefined ? '' : `,${frac}`);
};

/**
 * The exact quota of each weight in kroner, as [fraction, decimal]: the pool holds
 * floor(pool / unit) whole units; weight w of W gets units · unit · w / W.
 */
function expectedQuotas(pool: string, weights: readonly string[], unit: Unit): [string, string][] {
  const wScale = Math.max(0, ...weights.map((w) => w.split('.')[1]?.length ?? 0));
  const ws = weights.map((w) => atScale(w, wScale));
  const W = ws.reduce((s, w) => s + w, 0n);
  const poolScale = Math.max(unit.scale, pool.split('.')[1]?.length ?? 0);
  const units = atScale(pool, poolScale) / (unit.digits * 10n ** BigInt(poolScale - unit.scale));
  const den = W * 10n ** BigInt(unit.scale);
  return ws.map((w) => [fraction(units * unit.digits * w, den), decimal(units * unit.digits * w, den, unit.scale + EXTRA)]);
}

/** The cells of the rows of the explanation table (after its heading), keyed by id. */
function explainTableRows(stdout: string): Map<string, string[]> {
  const at = stdout.indexOf('Largest remainder:');
  expect(at).toBeGreaterThanOrEqual(0);
  const rows = new Map<string, string[]>();
  for (const line of stdout.slice(at).split('\n').slice(2)) {
    const cells = line.trim().split(/\s{2,}/);
    if (/^\d+$/.test(cells[0] ?? '')) rows.set(cells[0] as string, cells);
  }
  return rows;
}

const dir = mkdtempSync(join(tmpdir(), 'flere-explain-'));

function run(args: string[]): string {
  const r = runCli(args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe.each(UNITS)('--explain with unit $text: the decimal quota is the exact fraction', (unit) => {
  const counts = 'data/counts-2017.csv';
  const args = ['allocate', counts, '--unit', unit.text, '--explain'];

  it('allocate: json, csv and table agree with the quota computed from the counts', () => {
    const json = JSON.parse(run([...args, '--format', 'json'])) as AllocationJson;
    const expected = expectedQuotas(`${TOTAL}`, json.allocations.map((a) => a.count), unit);
    expect(json.allocations.map((a) => [a.explain.quota, a.explain.quota_decimal])).toEqual(expected);
    // København, 2,700 of 26,999: 262,500,000 · 2,700 / 26,999 = 26,250,972.2582317… kr.
    // for every unit here (the pool is a whole number of each).
    expect(json.allocations[0]?.explain.quota_decimal.startsWith('26250972.2582')).toBe(true);

    const csv = run([...args, '--format', 'csv']).trimEnd().split('\n');
    const header = (csv[0] ?? '').split(',');
    const q = header.indexOf('quota');
    const d = header.indexOf('quota_decimal');
    expect([q, d].every((i) => i > 0)).toBe(true);
    expect(csv.slice(1).map((line) => line.split(',')).map((cells) => [cells[q], cells[d]])).toEqual(expected);

    const table = explainTableRows(run([...args, '--format', 'table']));
    expect(json.allocations.map((a) => table.get(a.id)?.slice(2, 4))).toEqual(expected.map(([f, x]) => [f, danish(x)]));
  });

  it('followup: json and table agree with the quota computed from the follow-up pool', () => {
    const allocation = join(dir, `allocation-${unit.text}.json`);
    run(['allocate', counts, '--applicants', 'data/applicants-2017.csv', '--unit', unit.text, '--format', 'json', '-o', allocation]);
    const allocated = JSON.parse(readFileSync(allocation, 'utf8')) as AllocationJson;
    // The follow-up pool is the non-applicants' money, as the allocation states it.
    const pool = allocated.allocations.filter((a) => !a.applied).map((a) => atScale(a.amount, unit.scale)).reduce((s, x) => s + x, 0n);
    const poolText = decimal(pool, 10n ** BigInt(unit.scale), unit.scale);
    const base = ['followup', allocation, '--to', 'data/followup-2017.csv', '--key', 'weight', '--explain'];
    const json = JSON.parse(run([...base, '--format', 'json'])) as FollowupJson;
    expect(atScale(json.pool, unit.scale)).toBe(pool);
    const expected = expectedQuotas(poolText, json.allocations.map((a) => a.weight), unit);
    expect(json.allocations.map((a) => [a.explain.quota, a.explain.quota_decimal])).toEqual(expected);

    const table = explainTableRows(run([...base, '--format', 'table']));
    expect(json.allocations.map((a) => table.get(a.id)?.slice(2, 4))).toEqual(expected.map(([f, x]) => [f, danish(x)]));
  });
});
