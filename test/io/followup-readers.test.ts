import { describe, expect, it } from 'vitest';
import { formatFixed } from '../../src/core/decimal.js';
import { readCheckResult } from '../../src/io/check-result-reader.js';
import { readFollowupTargets } from '../../src/io/followup-reader.js';
import { readFollowupRound } from '../../src/io/followup-round-reader.js';
import { thrownFlereError } from '../helpers/flere-error.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
/** The diagnostics of the FlereError `f` throws, as `code@line-or-value`, and its kind. */
function problems(f: () => unknown): string[] {
  const e = thrownFlereError(f);
  return [e.kind, ...e.diagnostics.map((d) => `${d.code}@${d.line ?? d.value}`)];
}

describe('the --to file', () => {
  it('reads kommuner by code or name, and a weight column in the file\'s decimal style', () => {
    const targets = readFollowupTargets(bytes('Kommune;Vægt\n665;295.000\nLolland;2.763.000,5\nAarhus Kommune;0\n'), { file: 'to.csv', weightColumn: 'vægt' });
    expect(targets.map((t) => [t.id, t.name, t.line, t.weight && formatFixed(t.weight)])).toEqual([
      ['665', 'Lemvig', 2, '295000'],
      ['360', 'Lolland', 3, '2763000.5'],
      ['751', 'Aarhus', 4, '0'],
    ]);
  });

  it('reports every bad row at once: unknown and repeated kommuner, bad weights', () => {
    expect(problems(() => readFollowupTargets(bytes('kommune,weight\nLemvig,1\nNowhere,1\n665,2\nStruer,-1\nStevns,\n'), { file: 'to.csv', weightColumn: 'weight' }))).toEqual([
      'data',
      'kommune.unknown@3',
      'kommune.duplicate@4',
      'number.negative@5',
      'number.empty@6',
    ]);
  });

  it('is a usage error when --key names a column the file does not have', () => {
    expect(problems(() => readFollowupTargets(bytes('kommune,weight\nLemvig,1\n'), { file: 'to.csv', weightColumn: 'vægt' }))).toEqual([
      'usage',
      'followup.no-such-column@vægt',
    ]);
  });
});

describe('the check result', () => {
  it('reads the tranches with their statuses and JSON paths', () => {
    const r = readCheckResult(
      bytes(JSON.stringify({ version: 1, as_of: '2019-12', pool: 'flere-skal-med-1', tranches: [{ id: '101', tranche: 3, amount: '7875292', status: 'forfeited' }] })),
      'check.json',
    );
    expect(r.pool).toBe('flere-skal-med-1');
    expect(r.tranches.map((t) => [t.id, t.tranche, formatFixed(t.amount), t.status, t.path])).toEqual([['101', 3, '7875292', 'forfeited', 'tranches[0]']]);
  });

  it('names every part of another shape by its JSON path, and refuses a --quiet result', () => {
    const doc = { version: 1, tranches: [{ id: 101, tranche: 0, amount: 5, status: 'lost' }] };
    expect(problems(() => readCheckResult(bytes(JSON.stringify(doc)), 'check.json'))).toEqual([
      'data',
      'check-result.json-shape@tranches[0].id',
      'check-result.json-shape@tranches[0].tranche',
      'check-result.json-shape@tranches[0].amount',
      'check-result.json-shape@tranches[0].status',
    ]);
    expect(problems(() => readCheckResult(bytes('{"version":1,'), 'check.json'))[1]).toMatch(/^check-result\.json-syntax@/);
    expect(problems(() => readCheckResult(bytes('{"version":1,"quiet":true,"tranches":[]}'), 'check.json'))).toEqual(['data', 'check-result.quiet@undefined']);
  });
});

describe('an earlier follow-up round (--after)', () => {
  const source = (id: string, amount: string, tranche: number | null = null) => ({ id, name: `K${id}`, kind: tranche === null ? 'not-applied' : 'forfeited', tranche, amount });

  it('reads a result written before rounds were numbered as round 1 with no history', () => {
    const doc = { version: 1, allocation_pool: 'flere-skal-med-1', pool: '1500', unallocated: '500', sources: [source('155', '1500')], allocations: [{ amount: '1000' }] };
    const r = readFollowupRound(bytes(JSON.stringify(doc)), 'r.json');
    expect([r.round, r.pool, formatFixed(r.paid), formatFixed(r.unallocated)]).toEqual([1, 'flere-skal-med-1', '1000', '500']);
    expect(r.sources.map((s) => [s.round, s.id, s.tranche, formatFixed(s.amount), s.path])).toEqual([[1, '155', null, '1500', 'sources[0]']]);
  });

  it('adds the rounds before it: their sources with their round numbers, what they paid and left', () => {
    const doc = {
      version: 1,
      round: 2,
      allocation_pool: null,
      pool: '300',
      unallocated: '0.50',
      sources: [source('153', '300', 3)],
      allocations: [{ amount: '200' }, { amount: '99.50' }],
      earlier: { paid: '1000', unallocated: '500', sources: [{ round: 1, ...source('155', '1500') }] },
      check: { original_pool: '100000' },
    };
    const r = readFollowupRound(bytes(JSON.stringify(doc)), 'r.json');
    expect([r.round, r.pool, r.originalPool && formatFixed(r.originalPool), formatFixed(r.paid), formatFixed(r.unallocated)]).toEqual([2, undefined, '100000', '1299.50', '500.50']);
    expect(r.sources.map((s) => [s.round, s.id, s.kind, s.tranche, s.path])).toEqual([
      [1, '155', 'not-applied', null, 'earlier.sources[0]'],
      [2, '153', 'forfeited', 3, 'sources[0]'],
    ]);
  });

  it('names every part of another shape by its JSON path', () => {
    const doc = { version: 1, round: 0, sources: [{ id: '155', kind: 'forfeited', tranche: null, amount: '1' }], allocations: [{ amount: -1 }], unallocated: '0', earlier: { sources: [source('153', '1')], paid: '0', unallocated: 'x' } };
    expect(problems(() => readFollowupRound(bytes(JSON.stringify(doc)), 'r.json'))).toEqual([
      'data',
      'followup-round.json-shape@round',
      'followup-round.json-shape@sources[0].tranche',
      'followup-round.json-shape@allocations[0].amount',
      'followup-round.json-shape@earlier.sources[0].round',
      'followup-round.json-shape@earlier.unallocated',
    ]);
    expect(problems(() => readFollowupRound(bytes('id,amount\n'), 'r.csv'))[1]).toMatch(/^followup-round\.json-other-file@/);
    expect(problems(() => readFollowupRound(bytes('{"round": 1,'), 'r.json'))[1]).toMatch(/^followup-round\.json-syntax@/);
  });
});
