/**
 * `flere check` end to end: the built CLI on small hand-made files, with every expected
 * value worked out by hand from the pool rules (see the comments next to the data).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const { dir, file } = scratchDir('flere-check-');

// Amounts chosen by hand; tranches sum to each amount. Lemvig did not apply.
const ALLOCATION = file(
  'allocation.json',
  JSON.stringify({
    version: 1,
    total: '1160',
    unit: '1',
    unallocated: '0',
    followup: '50',
    allocations: [
      { id: '461', name: 'Odense', count: '100', amount: '1000', tranches: ['300', '400', '300'], applied: true },
      { id: '851', name: 'Aalborg', count: '10', amount: '100', tranches: ['30', '40', '30'], applied: true },
      { id: '101', name: 'København', count: '1', amount: '10', tranches: ['3', '4', '3'], applied: true },
      { id: '665', name: 'Lemvig', count: '5', amount: '50', tranches: [], applied: false },
    ],
  }),
);

// Odense: cleared reaches the group in 2017-09 (100/100). Company activity / recipients:
//   2017-09 35/90 = 38.9 % (no), 2017-10 36/90 = 40 % exactly (yes), 2017-11 40/90 (yes),
//   2017-12 45/90 (yes) → three months in a row end in 2017-12.
// Aalborg: cleared in 2018-02; 20/50 = 40 % in 2018-01 and 02, no row for 2018-03, then
//   18/40 = 45 % in 2018-04, 05, 06 → the gap breaks the streak: due 2018-06, not 2018-04.
// København: no rows at all.
const PROGRESS = file(
  'progress.csv',
  [
    'kommune,month,target_group,cleared,recipients,company_activity',
    '461,2017-07,100,20,90,10',
    '461,2017-08,100,80,90,30',
    '461,2017-09,100,100,90,35',
    '461,2017-10,100,100,90,36',
    '461,2017-11,100,100,90,40',
    '461,2017-12,100,100,90,45',
    'Aalborg,2018-01,50,40,50,20',
    'Aalborg,2018-02,50,50,50,20',
    'Aalborg,2018-04,50,50,40,18',
    'Aalborg,2018-05,50,50,40,18',
    'Aalborg,2018-06,50,50,40,18',
    '',
  ].join('\n'),
);

const check = (...args: string[]) => runCli(['check', PROGRESS, '--allocation', ALLOCATION, ...args]);
const csvRows = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').slice(0, 7).join(','));

describe('flere check: statuses month by month', () => {
  it('as of 2018-05: the missing month keeps Aalborg’s tranche 3 pending', () => {
    const r = check('--as-of', '2018-05', '--format', 'csv');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('id,name,tranche,amount,status,month,recorded,evidence');
    expect(csvRows(r.stdout)).toEqual([
      '461,Odense,1,300,due,2017-07,no',
      '461,Odense,2,400,due,2017-09,no',
      '461,Odense,3,300,due,2017-12,no',
      '851,Aalborg,1,30,due,2017-07,no',
      '851,Aalborg,2,40,due,2018-02,no',
      '851,Aalborg,3,30,pending,,no',
      '101,København,1,3,due,2017-07,no',
      '101,København,2,4,pending,,no',
      '101,København,3,3,pending,,no',
    ]);
  });

  it('the default as-of is the last month in the data (2018-06): Aalborg’s streak completes', () => {
    const r = check('--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.version).toBe(1);
    expect(doc.as_of).toBe('2018-06');
    expect(doc.pool).toBe('flere-skal-med-1');
    expect(doc.quiet).toBe(false);
    const aalborg3 = doc.tranches.find((t: { id: string; tranche: number }) => t.id === '851' && t.tranche === 3);
    expect(aalborg3).toEqual({
      id: '851',
      name: 'Aalborg',
      tranche: 3,
      amount: '30',
      status: 'due',
      month: '2018-06',
      evidence: {
        kind: 'threshold',
        threshold: '40',
        months: 3,
        streak: 3,
        rates: [
          { month: '2018-04', numerator: '18', denominator: '40', rate: '45.00', meets: true },
          { month: '2018-05', numerator: '18', denominator: '40', rate: '45.00', meets: true },
          { month: '2018-06', numerator: '18', denominator: '40', rate: '45.00', meets: true },
        ],
      },
      recorded: false,
    });
    // Exactly 40 % (36/90) counts: Odense's streak is Oct–Dec 2017.
    const odense3 = doc.tranches.find((t: { id: string; tranche: number }) => t.id === '461' && t.tranche === 3);
    expect(odense3.evidence.rates.map((x: { rate: string }) => x.rate)).toEqual(['40.00', '44.44', '50.00']);
    // Lemvig did not apply: no tranches, listed apart.
    expect(doc.tranches.some((t: { id: string }) => t.id === '665')).toBe(false);
    expect(doc.not_applied).toEqual([{ id: '665', name: 'Lemvig', amount: '50' }]);
    // due: 300+400+300 + 30+40+30 + 3 = 1103; pending: København's 4 + 3 = 7.
    expect(doc.totals).toEqual({ due: '1103', paid: '0', pending: '7', forfeited: '0' });
  });

  it('--quiet lists only the due tranches, and says so in JSON', () => {
    const r = check('--as-of', '2017-08', '--quiet', '--format', 'json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const doc = JSON.parse(r.stdout);
    expect(doc.quiet).toBe(true);
    // As of 2017-08 only the start tranches are due (Odense clears in 2017-09).
    expect(doc.tranches.map((t: { id: string; tranche: number; status: string }) => `${t.id}/${t.tranche} ${t.status}`)).toEqual([
      '461/1 due',
      '851/1 due',
      '101/1 due',
    ]);
    // Before the pool starts nothing is due: a table or CSV prints nothing at all (cron mails
    // only news); JSON is still a valid document, with an empty list (issue 10, point 8).
    expect(check('--as-of', '2017-06', '--quiet', '--format', 'csv')).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(check('--as-of', '2017-06', '--quiet', '--format', 'table')).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const none = check('--as-of', '2017-06', '--quiet', '--format', 'json');
    expect([none.code, none.stderr]).toEqual([0, '']);
    expect(JSON.parse(none.stdout)).toMatchObject({ quiet: true, as_of: '2017-06', tranches: [] });
  });

  it('--as-of before a streak completes: Odense as of 2017-11 has 2 of 3 months', () => {
    const doc = JSON.parse(check('--as-of', '2017-11', '--format', 'json').stdout);
    const odense3 = doc.tranches.find((t: { id: string; tranche: number }) => t.id === '461' && t.tranche === 3);
    expect(odense3.status).toBe('pending');
    expect(odense3.month).toBeNull();
    expect(odense3.evidence.streak).toBe(2);
  });

  it('at the end month (2019-12) unmet tranches are forfeited; before it they are pending', () => {
    const before = csvRows(check('--as-of', '2019-11', '--format', 'csv').stdout);
    expect(before.filter((l) => l.startsWith('101,'))).toEqual([
      '101,København,1,3,due,2017-07,no',
      '101,København,2,4,pending,,no',
      '101,København,3,3,pending,,no',
    ]);
    const end = csvRows(check('--as-of', '2019-12', '--format', 'csv').stdout);
    expect(end.filter((l) => l.startsWith('101,'))).toEqual([
      '101,København,1,3,due,2017-07,no',
      '101,København,2,4,forfeited,,no',
      '101,København,3,3,forfeited,,no',
    ]);
  });

  it('the table shows each kommune’s tranches at a glance, with the rates as a sparkline', () => {
    const r = check('--as-of', '2018-05', '--format', 'table');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Flere skal med 1: tranches as of 2018-05 (pool 2017-07 to 2019-12)');
    // Odense: 10/90 → ⌊4·11.1/40⌋ = 1 ▂, 30/90 → 3 ▄, 35/90 → 3 ▄, 36/90 → 4 ▅, 40/90 → 4 ▅,
    // 45/90 → 5 ▆, then five months without rows; the latest rate is 50,0 %.
    expect(lines[2]).toMatch(/^461 {2}Odense +due 2017-07 +due 2017-09 +due 2017-12 +1\.000 {2}▂▄▄▅▅▆····· 50,0 %$/);
    // Aalborg as of 2018-05, months 2017-07 … 2018-05 (11 months, from the pool start):
    // no data until 2017-12 (6 ·), 40 % → ▅ (4·40/40 = 4), 40 % ▅, 2018-03 ·, 45 % → ▅ (4·45/40 = 4.5), ▅.
    expect(lines[3]).toMatch(/^851 {2}Aalborg +due 2017-07 +due 2018-02 +pending 2\/3 mo +70 {2}······▅▅·▅▅ 45,0 %$/);
    expect(lines[4]).toMatch(/^101 {2}København +due 2017-07 +pending +pending 0\/3 mo +3 {2}·{11}$/);
    expect(lines[5]).toMatch(/^665 {2}Lemvig +did not apply$/);
    // due: 300+400+300 + 30+40 + 3 = 1073 in 6 tranches; pending: 30 + 4 + 3 = 37 in 3.
    expect(r.stdout).toContain('due: 6 tranches, 1.073 kr.   pending: 3 tranches, 37 kr.');
    expect(r.stdout).not.toContain('\u001b[');
  });
});

describe('flere check: FSM2 with a kommune,amount grants file', () => {
  // Grants 1000 + 3 = 1003 split 50/40/10: columns 501.5/401.2/100.3 → 502/401/100 (the
  // leftover unit to the largest remainder, .5). Frederiksberg 1000 → 500/400/100 exactly;
  // Odense gets what the columns have left: 2/1/0.
  const grants = file('grants.csv', 'kommune;beløb\nFrederiksberg;1000\nOdense;3\n');
  // Frederiksberg's paid hours / target group: 29/200 = 14.5 %, 30/200 = 15 % exactly,
  // 39/200 = 19.5 %, 40/200 = 20 % exactly.
  const progress = file(
    'fsm2.csv',
    [
      'kommune,month,target_group,paid_hours',
      '147,2020-01,200,29',
      '147,2020-02,200,30',
      '147,2020-03,200,39',
      '147,2020-04,200,40',
      '461,2020-01,10,0',
      '461,2020-02,0,0',
      '',
    ].join('\n'),
  );
  const fsm2 = (asOf: string) =>
    runCli(['check', progress, '--allocation', grants, '--pool', 'flere-skal-med-2', '--as-of', asOf, '--format', 'csv']);

  it('single-month thresholds: 15 % in 2020-02, 20 % in 2020-04; a target group of 0 never counts', () => {
    const r = fsm2('2020-03');
    // Odense's rows stop in 2020-02 while Frederiksberg's go on: said, as a warning only.
    expect(r.stderr).toBe(
      `flere: warning: ${progress}: Odense (461): no data since 2020-02 (the data runs to 2020-04); its unmet tranches may be waiting for rows that never came\n`,
    );
    expect(r.code).toBe(0);
    expect(csvRows(r.stdout)).toEqual([
      '147,Frederiksberg,1,500,due,2020-01,no',
      '147,Frederiksberg,2,400,due,2020-02,no',
      '147,Frederiksberg,3,100,pending,,no',
      '461,Odense,1,2,due,2020-01,no',
      '461,Odense,2,1,pending,,no',
      '461,Odense,3,0,pending,,no',
    ]);
    expect(csvRows(fsm2('2020-04').stdout)[2]).toBe('147,Frederiksberg,3,100,due,2020-04,no');
  });
});

describe('flere check: the ledger', () => {
  it('--record appends what is due, and recording again changes nothing', () => {
    const ledger = join(dir, 'payouts.csv');
    const first = check('--as-of', '2017-09', '--ledger', ledger, '--record', '--quiet', '--format', 'csv');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // Due as of 2017-09: the three start tranches and Odense's tranche 2 (cleared in 2017-09).
    expect(csvRows(first.stdout)).toEqual([
      '461,Odense,1,300,due,2017-07,yes',
      '461,Odense,2,400,due,2017-09,yes',
      '851,Aalborg,1,30,due,2017-07,yes',
      '101,København,1,3,due,2017-07,yes',
    ]);
    const text = readFileSync(ledger, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('pool,kommune,name,tranche,amount,month_due,recorded_at');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
      'flere-skal-med-1,461,Odense,1,300,2017-07',
      'flere-skal-med-1,461,Odense,2,400,2017-09',
      'flere-skal-med-1,851,Aalborg,1,30,2017-07',
      'flere-skal-med-1,101,København,1,3,2017-07',
    ]);
    expect(lines[1]).toMatch(/,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const again = check('--as-of', '2017-09', '--ledger', ledger, '--record', '--quiet');
    expect([again.code, again.stdout, again.stderr]).toEqual([0, '', '']);
    expect(readFileSync(ledger, 'utf8')).toBe(text);
    expect(existsSync(`${ledger}.lock`)).toBe(false);

    // Without --record the ledger is only read: paid stays paid, nothing is written.
    const later = check('--as-of', '2017-12', '--ledger', ledger, '--format', 'csv');
    expect(csvRows(later.stdout).slice(0, 3)).toEqual([
      '461,Odense,1,300,paid,2017-07,no',
      '461,Odense,2,400,paid,2017-09,no',
      '461,Odense,3,300,due,2017-12,no',
    ]);
    expect(readFileSync(ledger, 'utf8')).toBe(text);
  });

  it('a ledger amount that disagrees with the allocation is a data error; the ledger is left alone', () => {
    const bad = 'pool,kommune,name,tranche,amount,month_due,recorded_at\nflere-skal-med-1,461,Odense,1,301,2017-07,x\n';
    const ledger = file('bad-ledger.csv', bad);
    const r = check('--ledger', ledger, '--record');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `flere: ${ledger}:2: column «amount»: Odense tranche 1 was paid as 301, but the allocation says 300; the ledger is not changed — check which is right\n`,
    );
    expect(readFileSync(ledger, 'utf8')).toBe(bad);
  });

  it('a lock held by a live process: exit 3, "ledger locked", nothing written', () => {
    const ledger = join(dir, 'locked.csv');
    writeFileSync(`${ledger}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), token: 't', since: '2018-01-01T00:00:00Z' }));
    const r = check('--ledger', ledger, '--record');
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^flere: .*locked\.csv: ledger locked by process \d+ on .* since 2018-01-01T00:00:00Z/);
    expect(existsSync(ledger)).toBe(false);
  });

  it('a stale lock (its process is gone) is broken and the run records', () => {
    const ledger = join(dir, 'stale.csv');
    const dead = deadPid();
    writeFileSync(`${ledger}.lock`, JSON.stringify({ pid: dead, host: hostname(), token: 't', since: '2018-01-01T00:00:00Z' }));
    const r = check('--as-of', '2017-07', '--ledger', ledger, '--record', '--quiet', '--format', 'csv');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(csvRows(r.stdout)).toHaveLength(3);
    expect(existsSync(`${ledger}.lock`)).toBe(false);
  });
});

describe('flere check: bad input', () => {
  it('duplicate rows, cleared above the group, a numerator above its denominator: every line reported', () => {
    const bad = file(
      'bad-progress.csv',
      [
        'kommune;måned;målgruppe;afklaret;modtagere;virksomhedsrettet',
        '461;2017-07;100;20;90;10',
        '461;2017-07;100;20;90;10',
        '461;2017-08;100;101;90;10',
        '461;2017-09;100;100;90;91',
        '461;2017-1O;100;100;90;-1',
        '',
      ].join('\n'),
    );
    const r = runCli(['check', bad, '--allocation', ALLOCATION]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      `flere: ${bad}:3: column «måned»: Odense has a second row for 2017-07 (first on line 2)`,
      `flere: ${bad}:4: column «afklaret»: 101 is more than «målgruppe» (100)`,
      `flere: ${bad}:5: column «virksomhedsrettet»: 91 is more than «modtagere» (90)`,
      `flere: ${bad}:6: column «måned»: not a month: "2017-1O" (expected YYYY-MM, like 2017-07)`,
      `flere: ${bad}:6: column «virksomhedsrettet»: negative number: "-1"`,
    ]);
  });

  it('progress for a kommune that is not in the allocation is a data error', () => {
    const other = file('other.csv', 'kommune,month,target_group,cleared,recipients,company_activity\n461,2017-07,1,1,1,1\nVejle,2017-07,1,1,1,1\n');
    const r = runCli(['check', other, '--allocation', ALLOCATION]);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe(`flere: ${other}:3: kommune 630 has progress rows but is not in the allocation\n`);
  });

  it('usage errors exit 2: --record without --ledger, a bad --as-of, an unknown pool', () => {
    const noLedger = check('--record');
    expect([noLedger.code, noLedger.stdout]).toEqual([2, '']);
    expect(noLedger.stderr).toBe('flere: --record needs --ledger FILE: where should the payouts be recorded?\n');
    const asOf = check('--as-of', '2018-13');
    expect([asOf.code, asOf.stdout]).toEqual([2, '']);
    expect(asOf.stderr).toContain('expected a month as YYYY-MM, got "2018-13"');
    const pool = check('--pool', 'flere-skal-med-9');
    expect([pool.code, pool.stdout]).toEqual([2, '']);
    expect(pool.stderr).toBe(
      'flere: unknown pool "flere-skal-med-9": not a preset (flere-skal-med-1, flere-skal-med-2) and no such file\n',
    );
  });

  it('a missing progress file is an I/O error (exit 3)', () => {
    const r = runCli(['check', join(dir, 'nope.csv'), '--allocation', ALLOCATION]);
    expect([r.code, r.stdout]).toEqual([3, '']);
    expect(r.stderr).toBe(`flere: ${join(dir, 'nope.csv')}: no such file\n`);
  });
});

describe('flere check on the bundled data', () => {
  it('prints a readable status table for the 2017 allocation with applicants', () => {
    const allocation = join(dir, 'alloc-2017.json');
    const a = runCli(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json', '-o', allocation]);
    expect([a.code, a.stderr]).toEqual([0, '']);
    const r = runCli(['check', 'data/progress-2017.csv', '--allocation', allocation, '--as-of', '2018-06', '--format', 'table']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const line = (id: string) => r.stdout.split('\n').find((l) => l.startsWith(`${id}  `)) ?? '';
    // Scripted in scripts/make-example-progress.mjs: Odense clears in 2017-12 and reaches
    // 41 %, 40 % (600/1500) and 42 % in 2018-01…03; Aalborg has no row for 2018-03 and
    // qualifies again 2018-04…06; Aarhus stays below on both; Dragør did not apply.
    expect(line('461')).toMatch(/^461 {2}Odense +due 2017-07 +due 2017-12 +due 2018-03 /);
    expect(line('851')).toMatch(/^851 {2}Aalborg +due 2017-07 +due 2018-04 +due 2018-06 /);
    expect(line('751')).toMatch(/^751 {2}Aarhus +due 2017-07 +pending \d+\/2000 +pending 0\/3 mo /);
    expect(line('155')).toMatch(/^155 {2}Dragør +did not apply$/);
  });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}
