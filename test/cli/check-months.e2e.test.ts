/**
 * Mistyped months and data that stopped, through the built CLI. One progress row for
 * `2107-12` used to move the default `--as-of` a century on and forfeit every tranche (and
 * `followup --forfeited` built a pool from them), with exit 0. Expected values by hand.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const { dir, file } = scratchDir('flere-months-');

// Odense and Aalborg applied (tranches 300/400/300 and 30/40/30); FSM1 runs 2017-07 to 2019-12.
const ALLOCATION = file(
  'allocation.json',
  JSON.stringify({
    version: 1,
    pool: 'flere-skal-med-1',
    total: '1100',
    unit: '1',
    unallocated: '0',
    followup: '0',
    allocations: [
      { id: '461', name: 'Odense', count: '100', amount: '1000', tranches: ['300', '400', '300'], applied: true },
      { id: '851', name: 'Aalborg', count: '10', amount: '100', tranches: ['30', '40', '30'], applied: true },
    ],
  }),
);
const HEADER = 'kommune,month,target_group,cleared,recipients,company_activity';
const progress = (name: string, ...rows: string[]) => file(name, [HEADER, ...rows, ''].join('\n'));
const statuses = (csv: string) =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').slice(0, 6).filter((_, i) => i !== 1 && i !== 3).join(' '));

describe('a month that cannot be right', () => {
  it('a row for 2107-12 is a data error naming its line; nothing is decided or recorded', () => {
    const p = progress('typo.csv', '461,2017-07,10,1,10,1', '851,2017-07,10,1,10,1', '461,2107-12,10,1,10,1');
    const ledger = join(dir, 'ledger-typo.csv');
    const r = runCli(['check', p, '--allocation', ALLOCATION, '--ledger', ledger, '--record', '--format', 'csv']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe(
      `flere: ${p}:4: column «month»: 2107-12 is far outside the pool's period 2017-07 to 2019-12 (more than 36 months away): a mistyped year?\n`,
    );
    expect(existsSync(ledger)).toBe(false);
  });

  it.each(['0000-07', '0099-12', '2017-02-30', '2017-13'])('%s in a progress row is not a month', (month) => {
    const r = runCli(['check', progress(`bad-${month}.csv`, `461,${month},10,1,10,1`), '--allocation', ALLOCATION, '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stderr) as { issues: { code: string; line: number }[] };
    expect(doc.issues.map((i) => `${i.code}@${i.line}`)).toEqual(['progress.bad-month@2']);
  });

  it('--as-of 2107-12 is a usage error; --as-of 2017-13 too', () => {
    const p = progress('fine.csv', '461,2017-07,10,1,10,1');
    expect(runCli(['check', p, '--allocation', ALLOCATION, '--as-of', '2107-12']).code).toBe(2);
    expect(runCli(['check', p, '--allocation', ALLOCATION, '--as-of', '2017-13']).code).toBe(2);
  });
});

describe('forfeiting needs data that reached the end, or a stated --as-of', () => {
  // Odense's rows reach 2019-12 without ever clearing; Aalborg's stop in 2018-03 uncleared.
  const p = progress('stopped.csv', '461,2017-07,10,1,10,1', '461,2019-12,10,2,10,1', '851,2017-07,10,1,10,1', '851,2018-03,10,2,10,1');

  it('by default (as-of = the data\'s last month, 2019-12) only Odense forfeits; Aalborg stays pending with a warning', () => {
    const r = runCli(['check', p, '--allocation', ALLOCATION, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(statuses(r.stdout)).toEqual([
      '461 1 due 2017-07',
      '461 2 forfeited ',
      '461 3 forfeited ',
      '851 1 due 2017-07',
      '851 2 pending ',
      '851 3 pending ',
    ]);
    expect(r.stderr).toBe(
      `flere: warning: ${p}: Aalborg (851): no data since 2018-03 (the data runs to 2019-12); its unmet tranches may be waiting for rows that never came\n`,
    );
  });

  it('with --as-of 2019-12 stated, both forfeit; the warning stays', () => {
    const r = runCli(['check', p, '--allocation', ALLOCATION, '--as-of', '2019-12', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(statuses(r.stdout).filter((s) => s.includes('forfeited'))).toEqual(['461 2 forfeited ', '461 3 forfeited ', '851 2 forfeited ', '851 3 forfeited ']);
    expect(r.stderr).toMatch(/Aalborg \(851\): no data since 2018-03/);
  });
});

describe('warnings', () => {
  const p = progress('short.csv', '461,2017-07,10,1,10,1', '851,2017-07,10,1,10,1', '461,2017-08,10,1,10,1', '851,2017-08,10,1,10,1');

  it('an --as-of after the data\'s last month is said on stderr only; the statuses are as without it', () => {
    const warned = runCli(['check', p, '--allocation', ALLOCATION, '--as-of', '2017-09', '--format', 'csv']);
    const quiet = runCli(['check', p, '--allocation', ALLOCATION, '--as-of', '2017-08', '--format', 'csv']);
    expect([warned.code, quiet.code, quiet.stderr]).toEqual([0, 0, '']);
    expect(warned.stderr).toBe(
      `flere: warning: ${p}: --as-of 2017-09 is after the last month in the progress data (2017-08): the months after it count as no data\n`,
    );
    // Nothing is met in either month but the start tranche, so the statuses are equal; the
    // evidence differs only by the month without data.
    expect(statuses(warned.stdout)).toEqual(statuses(quiet.stdout));
    expect(warned.stdout).not.toMatch(/warning/);
  });

  it('in a JSON run the warnings are one JSON document on stderr, and stdout is the result', () => {
    const r = runCli(['check', p, '--allocation', ALLOCATION, '--as-of', '2017-09', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ version: 1, as_of: '2017-09' });
    const doc = JSON.parse(r.stderr) as { warnings: { code: string }[]; omitted: number };
    expect(doc.warnings.map((w) => w.code)).toEqual(['coverage.as-of-after-data']);
    expect(doc.omitted).toBe(0);
  });
});

describe('a mistyped month in a person file', () => {
  // Canonical columns and digit identifiers: the reader's fast path sees these rows first.
  const persons = file(
    'persons-typo.csv',
    [
      'person,kommune,month,recipient,cleared,company,paid_hours',
      '1111111111,461,2017-07,1,0,0,0',
      '2222222222,461,2107-12,1,0,0,0',
      '3333333333,461,2017-02-30,1,0,0,0',
      '4444444444,461,1917-07,1,0,0,0',
      '',
    ].join('\n'),
  );

  it.each([
    ['progress', ['progress', persons, '--format', 'json']],
    ['check --persons', ['check', '--persons', persons, '--allocation', ALLOCATION, '--format', 'json']],
  ])('%s refuses each with its line, and decides nothing', (_, args) => {
    const r = runCli(args);
    expect([r.code, r.stdout]).toEqual([1, '']);
    const doc = JSON.parse(r.stderr) as { issues: { code: string; line: number; value: unknown }[] };
    expect(doc.issues.map((i) => `${i.code}@${i.line}`)).toEqual(['persons.month-out-of-period@3', 'persons.bad-month@4', 'persons.month-out-of-period@5']);
    // The month cell is never quoted (it might be a person's number in a file with swapped columns).
    expect(doc.issues.every((i) => i.value === null)).toBe(true);
  });
});
