import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFixed } from '../../src/core/decimal.js';
import { readCheckResult } from '../../src/io/check-result-reader.js';
import { readFollowupResult } from '../../src/io/followup-result-reader.js';
import { thrownFlereError } from '../helpers/flere-error.js';
import { runCli } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const bytes = (x: unknown) => new TextEncoder().encode(typeof x === 'string' ? x : JSON.stringify(x));
const codes = (f: () => unknown) => thrownFlereError(f).diagnostics.map((d) => `${d.code}@${d.value}`);

describe('readFollowupResult', () => {
  it('reads what flere followup --format json writes', () => {
    const { dir } = scratchDir('flere-readers-');
    const allocation = join(dir, 'a.json');
    const out = join(dir, 'f.json');
    runCli(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json', '-o', allocation]);
    const r = runCli(['followup', allocation, '--to', 'data/followup-2017.csv', '--key', 'weight', '--unit', '1000', '--format', 'json', '-o', out]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { sources: { id: string; amount: string }[]; allocations: { id: string; amount: string }[] };
    const read = readFollowupResult(readFileSync(out), 'f.json');
    expect([read.allocationPool, formatFixed(read.pool), formatFixed(read.unit), formatFixed(read.unallocated)]).toEqual(['flere-skal-med-1', '7126653', '1000', '653']);
    expect(read.sources.map((s) => [s.id, s.kind, s.tranche, formatFixed(s.amount), s.path])).toEqual(
      json.sources.map((s, i) => [s.id, 'not-applied', null, s.amount, `sources[${i}]`]),
    );
    expect(read.recipients.map((x) => [x.id, formatFixed(x.amount)])).toEqual(json.allocations.map((a) => [a.id, a.amount]));
    expect(read.sources[0]?.to.map((t) => t.id)).toEqual(json.allocations.map((a) => a.id));
  });

  it('names every part of another shape by its JSON path', () => {
    const good = {
      version: 1,
      allocation_pool: null,
      pool: '10',
      unit: '1',
      unallocated: '0',
      sources: [{ id: '155', name: 'Dragør', kind: 'not-applied', tranche: null, amount: '10', to: [{ id: '101', amount: '10' }], unallocated: '0' }],
      allocations: [{ id: '101', name: 'København', amount: '10' }],
    };
    expect(readFollowupResult(bytes(good), 'f.json').sources).toHaveLength(1);
    expect(codes(() => readFollowupResult(bytes('{'), 'f.json'))).toEqual([expect.stringMatching(/^followup-result\.json-syntax@/)]);
    const bad = {
      ...good,
      version: 2,
      pool: 10,
      sources: [
        { ...good.sources[0], kind: 'given', tranche: 2 },
        { ...good.sources[0], kind: 'forfeited', tranche: null, to: [{ id: '101', amount: '-1' }] },
      ],
      allocations: [{ name: 'København', amount: '10' }],
    };
    expect(codes(() => readFollowupResult(bytes(bad), 'f.json'))).toEqual([
      'followup-result.json-shape@version',
      'followup-result.json-shape@pool',
      'followup-result.json-shape@sources[0].kind',
      'followup-result.json-shape@sources[0].tranche',
      'followup-result.json-shape@sources[1].tranche',
      'followup-result.json-shape@sources[1].to[0].amount',
      'followup-result.json-shape@allocations[0].id',
    ]);
  });
});

describe('readCheckResult reads the month each tranche fell due', () => {
  const doc = (month: unknown) => ({ version: 1, as_of: '2019-12', tranches: [{ id: '101', tranche: 1, amount: '5', status: 'due', month }] });
  it('a month, or null', () => {
    expect(readCheckResult(bytes(doc('2017-07')), 'c.json').tranches[0]?.month).toBe('2017-07');
    expect(readCheckResult(bytes(doc(null)), 'c.json').tranches[0]?.month).toBeNull();
    expect(codes(() => readCheckResult(bytes(doc('July')), 'c.json'))).toEqual(['check-result.json-shape@tranches[0].month']);
  });
});
