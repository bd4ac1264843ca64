// Exactness at scale: 200,000 free recipients through the built CLI, every number checked
// with BigInt arithmetic written here from the definitions (not with flere's own code):
// amounts are floor or ceiling of the exact quota and sum to the pool, the leftover units go
// to the largest remainders (ties to the lower id), tranche rows and columns add up exactly,
// and the result does not depend on the order of the input rows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const N_RECIPIENTS = 200_000;
/** 262,500,000.00 kr. in øre: the pool in units of 0.01. */
const UNITS = 26_250_000_000n;
/** FSM1's tranche shares in percent; P = 100. */
const SHARES = [30n, 40n, 30n];
const P = 100n;

interface Row {
  readonly name: string;
  /** The weight as written in the file (`12`, `3.5`, `0.25`). */
  readonly weight: string;
}

interface AllocationJson {
  total: string;
  unit: string;
  unallocated: string;
  followup: string;
  tranche_totals: string[];
  allocations: { id: string; name: string; count: string; share: string; amount: string; tranches: string[]; applied: boolean }[];
}

/** mulberry32: a small seeded PRNG, so that the data is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Recipients with weights that make ties (many small whole numbers), zeros, large weights
 * and weights with one or two decimals (so that counts are rescaled), and names that need
 * CSV quoting or JSON escaping now and then.
 */
function recipients(): Row[] {
  const next = random(2017);
  const rows: Row[] = [];
  for (let i = 0; i < N_RECIPIENTS; i++) {
    const kind = next();
    const weight =
      kind < 0.05 ? '0' : kind < 0.7 ? `${1 + Math.floor(next() * 20)}` : kind < 0.9 ? `${Math.floor(next() * 1_000_000)}` : (next() * 1000).toFixed(1 + Math.floor(next() * 2));
    const odd = i % 9973 === 0 ? ' "Æblegård", ApS' : '';
    rows.push({ name: `Modtager ${String(i).padStart(6, '0')}${odd}`, weight });
  }
  return rows;
}

/** `name,count` CSV of the rows in the given order. */
function csv(rows: readonly Row[]): string {
  const cell = (s: string): string => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `name,count\n${rows.map((r) => `${cell(r.name)},${r.weight}\n`).join('')}`;
}

/** A decimal string (`12`, `3.5`, `262500000.00`) as an integer count of 10^-scale. */
function scaled(decimal: string, scale: number): bigint {
  const [int = '', frac = ''] = decimal.split('.');
  if (frac.length > scale) throw new Error(`${decimal} has more than ${scale} decimals`);
  return BigInt(int + frac.padEnd(scale, '0'));
}

/** Checks `amounts` (units) against the exact quotas N·w/W, largest remainder with ties to the lower id. */
function expectLargestRemainder(ids: readonly string[], weights: readonly bigint[], amounts: readonly bigint[], units: bigint): void {
  const W = weights.reduce((s, w) => s + w, 0n);
  expect(amounts.reduce((s, a) => s + a, 0n)).toBe(units);
  // The weakest row that got an extra unit must still come before the strongest that did not.
  let weakestExtra: { r: bigint; id: string } | undefined;
  let strongestOther: { r: bigint; id: string } | undefined;
  for (let i = 0; i < amounts.length; i++) {
    const a = amounts[i] as bigint;
    const exact = units * (weights[i] as bigint); // the quota is exact / W
    const gap = a * W - exact;
    if (gap <= -W || gap >= W) throw new Error(`${ids[i]}: ${a} is not floor or ceiling of ${exact}/${W}`);
    const r = exact % W;
    const id = ids[i] as string;
    if (gap > 0n) {
      if (!weakestExtra || r < weakestExtra.r || (r === weakestExtra.r && id > weakestExtra.id)) weakestExtra = { r, id };
    } else if (r > 0n && (!strongestOther || r > strongestOther.r || (r === strongestOther.r && id < strongestOther.id))) {
      strongestOther = { r, id };
    }
  }
  if (weakestExtra && strongestOther) {
    const before = weakestExtra.r > strongestOther.r || (weakestExtra.r === strongestOther.r && weakestExtra.id < strongestOther.id);
    expect(before, `${weakestExtra.id} got a leftover unit before ${strongestOther.id}`).toBe(true);
  }
}

/** Checks the tranche table: rows sum to their amount, columns to the totals, every cell within one of exact. */
function expectTranches(result: AllocationJson): void {
  const columns = SHARES.map(() => 0n);
  let applicants = 0n;
  for (const row of result.allocations) {
    const amount = scaled(row.amount, 2);
    if (!row.applied) {
      if (row.tranches.length !== 0) throw new Error(`${row.id} did not apply but has tranches`);
      continue;
    }
    applicants += amount;
    const cells = row.tranches.map((t) => scaled(t, 2));
    if (cells.reduce((s, c) => s + c, 0n) !== amount) throw new Error(`${row.id}: tranches do not sum to ${amount}`);
    cells.forEach((c, j) => {
      const gap = c * P - amount * (SHARES[j] as bigint);
      if (gap <= -P || gap >= P) throw new Error(`${row.id}: tranche ${j + 1} ${c} is not within one of ${amount}·${SHARES[j]}/100`);
      columns[j] = (columns[j] as bigint) + c;
    });
  }
  expect(result.tranche_totals.map((t) => scaled(t, 2))).toEqual(columns);
  expect(columns.reduce((s, c) => s + c, 0n)).toBe(applicants);
  columns.forEach((c, j) => {
    const gap = c * P - applicants * (SHARES[j] as bigint);
    expect(gap > -P && gap < P).toBe(true);
  });
}

describe(`flere allocate --no-registry over ${N_RECIPIENTS.toLocaleString('en')} recipients`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'flere-scale-'));
  const rows = recipients();
  const sortedFile = join(dir, 'sorted.csv');
  const shuffledFile = join(dir, 'shuffled.csv');
  const applicantsFile = join(dir, 'applicants.csv');
  const args = ['--no-registry', '--total', '262500000.00', '--unit', '0.01', '--format', 'json'];
  let sorted: { stdout: string; result: AllocationJson };

  beforeAll(() => {
    writeFileSync(sortedFile, csv(rows));
    const shuffle = random(7);
    const shuffled = [...rows];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(shuffle() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] as Row, shuffled[i] as Row];
    }
    writeFileSync(shuffledFile, csv(shuffled));
    writeFileSync(applicantsFile, `name\n${rows.filter((_, i) => i % 3 !== 0).map((r) => (/[",]/.test(r.name) ? `"${r.name.replace(/"/g, '""')}"` : r.name)).join('\n')}\n`);
    const run = runCli(['allocate', sortedFile, ...args]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    sorted = { stdout: run.stdout, result: JSON.parse(run.stdout) as AllocationJson };
  });

  it('gives every recipient the floor or ceiling of its exact quota, the leftover øre by largest remainder, summing to the pool', () => {
    const { result } = sorted;
    expect([result.total, result.unit, result.unallocated, result.followup]).toEqual(['262500000.00', '0.01', '0.00', '0.00']);
    expect(result.allocations).toHaveLength(N_RECIPIENTS);
    const byName = new Map(rows.map((r) => [r.name, r.weight]));
    const ids = result.allocations.map((a) => a.id);
    expect(ids.every((id, i) => i === 0 || (ids[i - 1] as string) < id)).toBe(true);
    expect(result.allocations.filter((a) => a.count !== byName.get(a.id))).toEqual([]);
    const weights = result.allocations.map((a) => scaled(a.count, 2));
    expectLargestRemainder(ids, weights, result.allocations.map((a) => scaled(a.amount, 2)), UNITS);
  });

  it('splits every amount into tranches whose rows and columns add up exactly', () => {
    expectTranches(sorted.result);
  });

  it('writes the same rows as CSV (the row model of CSV and workbooks, at this scale)', () => {
    const run = runCli(['allocate', sortedFile, ...args.slice(0, -2), '--format', 'csv']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toHaveLength(N_RECIPIENTS + 2);
    // Names without commas or quotes are written bare: the CSV line is the JSON item's fields.
    sorted.result.allocations.forEach((a, i) => {
      if (/[",\n\r]|^[=+\-@\t]/.test(a.id)) return;
      expect(lines[i + 1]).toBe([a.id, a.name, a.count, a.share, a.amount, ...a.tranches, 'yes'].join(','));
    });
  });

  it('gives byte for byte the same output for the rows in another order', () => {
    const run = runCli(['allocate', shuffledFile, ...args]);
    expect(run.code).toBe(0);
    expect(run.stdout === sorted.stdout).toBe(true);
  });

  it('keeps the follow-up pool and the applicants\' tranche columns exact when a third did not apply', () => {
    const run = runCli(['allocate', shuffledFile, ...args, '--applicants', applicantsFile]);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as AllocationJson;
    const amounts = result.allocations.map((a) => a.amount);
    expect(amounts).toEqual(sorted.result.allocations.map((a) => a.amount));
    const followup = result.allocations.filter((a) => !a.applied).reduce((s, a) => s + scaled(a.amount, 2), 0n);
    expect(result.allocations.filter((a) => !a.applied)).toHaveLength(Math.ceil(N_RECIPIENTS / 3));
    expect(scaled(result.followup, 2)).toBe(followup);
    expectTranches(result);
  });
});
