/**
 * `flere check` as a monthly cron job runs it: no terminal, `--quiet`, and a script that
 * tells the outcome by the exit status alone when it asks for that (`--exit-code`): 0 nothing
 * due, 4 something due (recorded, with --record), 1–3 an error. Without `--exit-code` a
 * success stays 0, as the README has always said.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const { dir } = scratchDir('flere-cron-');
const ALLOCATION = join(dir, 'allocation.json');
runCli(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json', '-o', ALLOCATION]);
const cron = (ledger: string, asOf: string, ...extra: string[]) =>
  runCli(['check', 'data/progress-2017.csv', '--allocation', ALLOCATION, '--as-of', asOf, '--ledger', ledger, '--record', '--quiet', ...extra]);
const rows = (ledger: string) => readFileSync(ledger, 'utf8').trim().split('\n').length - 1;

describe('the monthly cron job with --exit-code', () => {
  const ledger = join(dir, 'payouts.csv');

  it('the first month: 89 start tranches due and recorded → exit 4 and the list on stdout', () => {
    const r = cron(ledger, '2017-07', '--exit-code');
    expect([r.code, r.stderr]).toEqual([4, '']);
    expect(r.stdout.trim().split('\n')).toHaveLength(1 + 89);
    expect(rows(ledger)).toBe(89);
  });

  it('the same month again: nothing newly due → exit 0 and nothing printed', () => {
    const r = cron(ledger, '2017-07', '--exit-code');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(rows(ledger)).toBe(89);
  });

  it('an error is neither: a locked ledger exits 3 and records nothing', () => {
    // A fresh lock that cannot be read counts as held (for 10 minutes): another run's.
    writeFileSync(`${ledger}.lock`, '');
    try {
      const r = cron(ledger, '2018-06', '--exit-code');
      expect(r.code).toBe(3);
      expect(rows(ledger)).toBe(89);
    } finally {
      unlinkSync(`${ledger}.lock`);
    }
  });

  it('a later month with news → exit 4 again; a mistyped --as-of is exit 2', () => {
    expect(cron(ledger, '2018-06', '--exit-code').code).toBe(4);
    expect(cron(ledger, '2108-06', '--exit-code').code).toBe(2);
  });
});

describe('without --exit-code', () => {
  it('a success is exit 0 whether or not something was due', () => {
    const ledger = join(dir, 'plain.csv');
    expect(cron(ledger, '2017-07').code).toBe(0);
    expect(rows(ledger)).toBe(89);
    expect(cron(ledger, '2017-07').code).toBe(0);
  });

  it('without a ledger, --exit-code tells whether anything is due', () => {
    const check = (asOf: string) => runCli(['check', 'data/progress-2017.csv', '--allocation', ALLOCATION, '--as-of', asOf, '--quiet', '--exit-code']);
    expect(check('2017-07').code).toBe(4);
    expect(check('2017-06').code).toBe(0);
  });
});
