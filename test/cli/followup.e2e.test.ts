import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

interface FollowupJson {
  version: number;
  allocation_pool: string | null;
  pool: string;
  unit: string;
  unallocated: string;
  key: string;
  sources: { id: string; name: string; kind: string; tranche: number | null; amount: string; to: { id: string; amount: string }[]; unallocated: string }[];
  allocations: { id: string; name: string; weight: string; share: string; amount: string }[];
  check: Record<string, string | boolean>;
}

const sum = (xs: readonly string[]): bigint => xs.reduce((s, x) => s + BigInt(x), 0n);
const tmp = (): string => mkdtempSync(join(tmpdir(), 'flere-followup-'));

/** Runs a command that must succeed silently on stderr, and parses its JSON. */
function json<T>(args: string[]): T {
  const result = runCli(args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

/**
 * A hand-made allocation of 1,000,000 kr.: København 600,000 and Ballerup 100,000 applied
 * (tranches 30/40/30 %), Frederiksberg 250,500 and Dragør 49,500 did not. Follow-up pool:
 * 250,500 + 49,500 = 300,000.
 */
const ALLOCATION = {
  version: 1,
  pool: 'flere-skal-med-1',
  total: '1000000',
  unit: '1',
  unallocated: '0',
  followup: '300000',
  tranche_shares: ['30', '40', '30'],
  tranche_totals: ['210000', '280000', '210000'],
  allocations: [
    { id: '101', name: 'København', count: '12', share: '60', amount: '600000', tranches: ['180000', '240000', '180000'], applied: true },
    { id: '147', name: 'Frederiksberg', count: '5', share: '25.05', amount: '250500', tranches: [], applied: false },
    { id: '151', name: 'Ballerup', count: '2', share: '10', amount: '100000', tranches: ['30000', '40000', '30000'], applied: true },
    { id: '155', name: 'Dragør', count: '1', share: '4.95', amount: '49500', tranches: [], applied: false },
  ],
};

/** A check result at the pool's end: Ballerup's tranche 3 (30,000) was forfeited. */
const CHECK = {
  version: 1,
  as_of: '2019-12',
  pool: 'flere-skal-med-1',
  tranches: [
    { id: '101', name: 'København', tranche: 1, amount: '180000', status: 'paid', month: '2017-07', evidence: {} },
    { id: '101', name: 'København', tranche: 2, amount: '240000', status: 'paid', month: '2018-03', evidence: {} },
    { id: '101', name: 'København', tranche: 3, amount: '180000', status: 'paid', month: '2018-09', evidence: {} },
    { id: '151', name: 'Ballerup', tranche: 1, amount: '30000', status: 'paid', month: '2017-07', evidence: {} },
    { id: '151', name: 'Ballerup', tranche: 2, amount: '40000', status: 'paid', month: '2018-05', evidence: {} },
    { id: '151', name: 'Ballerup', tranche: 3, amount: '30000', status: 'forfeited', month: null, evidence: {} },
  ],
};

function fixtures(): { dir: string; allocation: string; check: string; to: string } {
  const dir = tmp();
  const allocation = join(dir, 'allocation.json');
  const check = join(dir, 'check.json');
  const to = join(dir, 'to.csv');
  writeFileSync(allocation, JSON.stringify(ALLOCATION));
  writeFileSync(check, JSON.stringify(CHECK));
  writeFileSync(to, 'kommune;vægt\nKøbenhavn;3\nBallerup;1\n');
  return { dir, allocation, check, to };
}

describe('flere followup on a hand-made allocation', () => {
  it('distributes the non-applicants\' 300,000 by count, in whole kroner and in whole thousands', () => {
    const f = fixtures();
    // By count 12 : 2. In kroner: 300,000·12/14 = 257,142 + 6/7, 300,000·2/14 = 42,857 + 1/7;
    // floors 299,999, the one leftover krone to the larger remainder (København): 257,143.
    const kroner = json<FollowupJson>(['followup', f.allocation, '--to', f.to, '--format', 'json']);
    expect(kroner.pool).toBe('300000');
    expect(kroner.allocations.map((a) => [a.id, a.weight, a.amount])).toEqual([
      ['101', '12', '257143'],
      ['151', '2', '42857'],
    ]);
    expect(kroner.unallocated).toBe('0');
    // In thousands: 300 units; 300·12/14 = 257 + 2/14, 300·2/14 = 42 + 12/14: the leftover
    // thousand goes to Ballerup: 257,000 and 43,000.
    const thousands = json<FollowupJson>(['followup', f.allocation, '--to', f.to, '--unit', '1000', '--format', 'json']);
    expect(thousands.allocations.map((a) => a.amount)).toEqual(['257000', '43000']);
    expect(thousands.sources.map((s) => [s.id, s.kind, s.tranche, s.amount])).toEqual([
      ['147', 'not-applied', null, '250500'],
      ['155', 'not-applied', null, '49500'],
    ]);
    expect(thousands.check).toMatchObject({
      recipients_plus_unallocated_equals_pool: true,
      accounts_for_original_pool: true,
      original_pool: '1000000',
      kept_by_applicants: '700000',
    });
  });

  it('adds the forfeited tranches of a check result, and weighs by a column or equally', () => {
    const f = fixtures();
    // 300,000 + Ballerup's forfeited tranche 3 (30,000) = 330,000; by vægt 3 : 1 → 247,500 and 82,500.
    const byColumn = json<FollowupJson>(['followup', f.allocation, '--forfeited', f.check, '--to', f.to, '--key', 'vægt', '--format', 'json']);
    expect(byColumn.pool).toBe('330000');
    expect(byColumn.key).toBe('vægt');
    expect(byColumn.allocations.map((a) => [a.weight, a.amount])).toEqual([
      ['3', '247500'],
      ['1', '82500'],
    ]);
    expect(byColumn.sources.map((s) => [s.id, s.tranche, s.amount])).toEqual([
      ['147', null, '250500'],
      ['151', 3, '30000'],
      ['155', null, '49500'],
    ]);
    // Applicants keep 700,000 − 30,000 = 670,000; 670,000 + 330,000 = 1,000,000.
    expect(byColumn.check).toMatchObject({ kept_by_applicants: '670000', accounts_for_original_pool: true });
    const equal = json<FollowupJson>(['followup', f.allocation, '--forfeited', f.check, '--to', f.to, '--key', 'equal', '--format', 'json']);
    expect(equal.allocations.map((a) => a.amount)).toEqual(['165000', '165000']);
  });

  it('traces every krone from its source to its recipient', () => {
    const f = fixtures();
    // Sources 250,500 and 49,500 to 257,000 and 43,000 (unit 1000, nothing unallocated).
    // Frederiksberg's exact shares: 250,500·257/300 = 214,595 and 250,500·43/300 = 35,905.
    // Dragør's: 49,500·257/300 = 42,405 and 49,500·43/300 = 7,095. All whole: no rounding.
    const result = json<FollowupJson>(['followup', f.allocation, '--to', f.to, '--unit', '1000', '--format', 'json']);
    expect(result.sources.map((s) => [s.id, s.to.map((t) => [t.id, t.amount]), s.unallocated])).toEqual([
      ['147', [['101', '214595'], ['151', '35905']], '0'],
      ['155', [['101', '42405'], ['151', '7095']], '0'],
    ]);
    const csv = runCli(['followup', f.allocation, '--to', f.to, '--unit', '1000', '--explain', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(
      [
        'source_id,source_name,source_kind,source_tranche,source_amount,recipient_id,recipient_name,amount',
        '147,Frederiksberg,not-applied,,250500,101,København,214595',
        '147,Frederiksberg,not-applied,,250500,151,Ballerup,35905',
        '147,Frederiksberg,not-applied,,250500,,unallocated,0',
        '155,Dragør,not-applied,,49500,101,København,42405',
        '155,Dragør,not-applied,,49500,151,Ballerup,7095',
        '155,Dragør,not-applied,,49500,,unallocated,0',
        '',
      ].join('\n'),
    );
  });

  it('prints CSV when piped and an uncoloured table with --format table', () => {
    const f = fixtures();
    const csv = runCli(['followup', f.allocation, '--to', f.to, '--unit', '1000']);
    expect(csv.stderr).toBe('');
    expect(csv.code).toBe(0);
    // Shares: 12/14 = 85.71428… %, 2/14 = 14.28571… %, rounded at 4 places.
    expect(csv.stdout).toBe('id,name,weight,share,amount\n101,København,12,85.7143,257000\n151,Ballerup,2,14.2857,43000\n');
    const table = runCli(['followup', f.allocation, '--to', f.to, '--unit', '1000', '--format', 'table']);
    expect(table.code).toBe(0);
    expect(table.stdout).not.toMatch(/\u001b\[/);
    expect(table.stdout).toMatch(/^Follow-up pool of Flere skal med 1: 300\.000 kr\. in units of 1\.000 kr\., 2 recipients by count/);
    expect(table.stdout).toMatch(/Total +14 +100,0000 +300\.000/);
    expect(table.stdout).toMatch(/Sources: 2 kommuner that did not apply \(300\.000 kr\.\)/);
    expect(table.stdout).toMatch(/applicants keep 700\.000 \+ follow-up 300\.000 \+ unallocated 0 = 1\.000\.000 kr\. = the original pool ✓/);
  });
});

describe('flere followup: errors', () => {
  it('refuses a recipient that did not apply, with the line of the --to file (exit 1)', () => {
    const f = fixtures();
    const to = join(f.dir, 'bad-to.csv');
    writeFileSync(to, 'kommune\nKøbenhavn\nFrederiksberg\n');
    const result = runCli(['followup', f.allocation, '--to', to]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `flere: ${to}:3: Frederiksberg did not apply: its own money is in the follow-up pool, so it cannot receive from it\n`,
    );
  });

  it('refuses a check result from another allocation (exit 1), naming the tranche', () => {
    const f = fixtures();
    const other = join(f.dir, 'other-check.json');
    const tranches = CHECK.tranches.map((t, i) => (i === 5 ? { ...t, amount: '30001' } : t));
    writeFileSync(other, JSON.stringify({ ...CHECK, tranches }));
    const result = runCli(['followup', f.allocation, '--forfeited', other, '--to', f.to]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `flere: ${other}: tranches[5]: tranche 3 of Ballerup (151) is 30001 here but 30000 in the allocation: the check result belongs to another allocation\n`,
    );
  });

  it('refuses an allocation whose amounts no longer make its total (exit 1)', () => {
    const f = fixtures();
    const edited = join(f.dir, 'edited.json');
    writeFileSync(edited, JSON.stringify({ ...ALLOCATION, total: '1000001' }));
    const result = runCli(['followup', edited, '--to', f.to]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `flere: ${edited}: the amounts and the unallocated rest add up to 1000000, but the total says 1000001: the allocation has been changed\n`,
    );
  });

  it('exits 2 for usage errors and 3 for a missing file, leaving -o untouched', () => {
    const f = fixtures();
    const noTo = runCli(['followup', f.allocation]);
    expect(noTo.code).toBe(2);
    expect(noTo.stderr).toMatch(/^flere: --to is required; see flere followup --help/);
    const noColumn = runCli(['followup', f.allocation, '--to', f.to, '--key', 'weight']);
    expect(noColumn.code).toBe(2);
    expect(noColumn.stderr).toBe(`flere: ${f.to}: no column "weight" for --key (the columns are: kommune, vægt)\n`);
    expect(runCli(['followup', f.allocation, '--to', f.to, '--unit', '0']).code).toBe(2);
    expect(runCli(['followup', '-', '--to', '-'], { input: '{}' }).code).toBe(2);
    const missing = runCli(['followup', join(f.dir, 'nope.json'), '--to', f.to]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe(`flere: ${join(f.dir, 'nope.json')}: no such file\n`);

    const out = join(f.dir, 'out.csv');
    writeFileSync(out, 'previous content\n');
    const bad = runCli(['followup', f.allocation, '--to', f.to, '--key', 'nope', '-o', out]);
    expect(bad.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous content\n');
  });

  it('reports problems as a JSON document on stderr with --format json', () => {
    const f = fixtures();
    const to = join(f.dir, 'bad-to.csv');
    writeFileSync(to, 'kommune\nDragør\n');
    const result = runCli(['followup', f.allocation, '--to', to, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const doc = JSON.parse(result.stderr) as { issues: { code: string; line: number }[] };
    expect(doc.issues.map((i) => [i.code, i.line])).toEqual([['followup.recipient-did-not-apply', 2]]);
  });
});

describe('the 2017 story with the bundled data: allocate with applicants, check, follow-up', () => {
  it('gives the 9 non-applicants\' money to the six 2017 kommuner in whole thousands', () => {
    const dir = tmp();
    const allocation = join(dir, 'allocation.json');
    const a = runCli(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json', '-o', allocation]);
    expect(a.code).toBe(0);
    const allocated = JSON.parse(readFileSync(allocation, 'utf8')) as { allocations: { id: string; amount: string; applied: boolean }[] };
    const notApplied = allocated.allocations.filter((k) => !k.applied);
    expect(notApplied.map((k) => k.id)).toEqual(['155', '187', '201', '223', '269', '350', '492', '727', '741']);

    const f = json<FollowupJson>(['followup', allocation, '--to', 'data/followup-2017.csv', '--key', 'weight', '--unit', '1000', '--format', 'json']);
    // The pool is the non-applicants' money, krone for krone.
    expect(BigInt(f.pool)).toBe(sum(notApplied.map((k) => k.amount)));
    // Their counts are 733 of 26,999: exactly 262,500,000·733/26,999 = 7,126,653.2… kr.; nine
    // amounts each within one krone of their quotas keep the pool within 7,126,644 … 7,126,662,
    // so it holds 7,126 whole thousands. Weights 295 : 2,763 : 1,171 : 581 : 438 : 1,912
    // (Σ 7,160): quotas 7,126·w/7,160 → floors 293, 2,749, 1,165, 578, 435, 1,902 (Σ 7,122);
    // the 4 leftover thousands go to the largest remainders: Sønderborg (.921), Struer
    // (.920), Lolland (.880), Lemvig (.599); Stevns (.241) and Odsherred (.439) get none.
    expect(f.allocations.map((r) => [r.name, r.amount])).toEqual([
      ['Odsherred', '1165000'],
      ['Stevns', '578000'],
      ['Lolland', '2750000'],
      ['Sønderborg', '1903000'],
      ['Lemvig', '294000'],
      ['Struer', '436000'],
    ]);
    expect(BigInt(f.unallocated)).toBe(BigInt(f.pool) - 7_126_000n);
    expect(f.check).toMatchObject({ recipients_plus_unallocated_equals_pool: true, accounts_for_original_pool: true, original_pool: '262500000' });
    // Each source's row of the trail sums to the source.
    for (const s of f.sources) expect(sum([...s.to.map((t) => t.amount), s.unallocated])).toBe(BigInt(s.amount));
  });

  it('adds the tranches that flere check finds forfeited at the pool\'s end', () => {
    const dir = tmp();
    const allocation = join(dir, 'allocation.json');
    const check = join(dir, 'check.json');
    expect(runCli(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json', '-o', allocation]).code).toBe(0);
    const c = runCli(['check', 'data/progress-2017.csv', '--allocation', allocation, '--as-of', '2019-12', '--format', 'json', '-o', check]);
    expect(c.code).toBe(0);
    const checked = JSON.parse(readFileSync(check, 'utf8')) as { tranches: { id: string; tranche: number; amount: string; status: string }[] };
    const forfeited = checked.tranches.filter((t) => t.status === 'forfeited');
    expect(forfeited.length).toBeGreaterThan(0);

    const plain = json<FollowupJson>(['followup', allocation, '--to', 'data/followup-2017.csv', '--format', 'json']);
    const f = json<FollowupJson>(['followup', allocation, '--forfeited', check, '--to', 'data/followup-2017.csv', '--format', 'json']);
    expect(BigInt(f.pool)).toBe(BigInt(plain.pool) + sum(forfeited.map((t) => t.amount)));
    expect(f.sources.filter((s) => s.kind === 'forfeited').map((s) => `${s.id}#${s.tranche}`).sort()).toEqual(
      forfeited.map((t) => `${t.id}#${t.tranche}`).sort(),
    );
    expect(sum(f.allocations.map((r) => r.amount)) + BigInt(f.unallocated)).toBe(BigInt(f.pool));
    expect(f.check['accounts_for_original_pool']).toBe(true);
  });
});
