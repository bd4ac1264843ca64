import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const FIXTURE = 'test/fixtures/persons-small.csv';
const fixture = readFileSync(FIXTURE, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'flere-progress-'));

// Worked out by hand in test/core/person-progress.test.ts (reference month 2017-07, the
// default pool's start; leavers dropped).
const EXPECTED_CSV = [
  'kommune,month,target_group,cleared,recipients,company_activity,paid_hours',
  '101,2017-07,2,0,2,0,0',
  '101,2017-08,2,2,3,2,0',
  '101,2017-09,2,2,2,1,0',
  '101,2017-10,2,2,1,0,1',
  '147,2017-07,2,0,2,1,0',
  '147,2017-08,1,0,1,0,0',
  '147,2017-09,2,1,2,1,1',
  '147,2017-10,2,1,0,0,0',
  '151,2017-07,1,0,1,0,0',
  '151,2017-08,1,1,1,1,0',
  '151,2017-10,1,1,0,0,0',
  '',
].join('\n');

describe('flere progress', () => {
  it('writes kommune-month progress as CSV on stdout, nothing on stderr', () => {
    const result = runCli(['progress', FIXTURE]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(EXPECTED_CSV);
  });

  it('reads standard input with -', () => {
    const result = runCli(['progress', '-'], { input: fixture.replace(/,/g, ';') });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(EXPECTED_CSV);
  });

  it('writes JSON with counts and what was read', () => {
    const result = runCli(['progress', FIXTURE, '--format', 'json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { version: number; source: unknown; target_group: unknown; progress: Record<string, unknown>[] };
    expect(doc.version).toBe(1);
    expect(doc.source).toEqual({ rows: 20, persons: 6 });
    expect(doc.target_group).toEqual({ reference_month: '2017-07', leavers: 'drop' });
    expect(doc.progress).toHaveLength(11);
    expect(doc.progress[1]).toEqual({
      kommune: '101',
      month: '2017-08',
      target_group: 2,
      cleared: 2,
      recipients: 3,
      company_activity: 2,
      paid_hours: 0,
    });
  });

  it('shows a table with kommune names for people', () => {
    const result = runCli(['progress', FIXTURE, '--format', 'table']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^kommune\s+name\s+month\s+target group\s+cleared/);
    expect(lines[1]).toMatch(/^101\s+København\s+2017-07\s+2\s+0\s+2\s+0\s+0$/);
    expect(result.stdout).toContain('20 person-months of 6 persons; target groups: the recipients of 2017-07, leavers dropped');
  });

  it('writes the output file with -o and nothing on stdout', () => {
    const out = join(dir, 'progress.csv');
    const result = runCli(['progress', FIXTURE, '-o', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(EXPECTED_CSV);
  });

  it('rejects bad rows by line, never naming the person, and leaves -o untouched', () => {
    const out = join(dir, 'kept.csv');
    writeFileSync(out, 'previous\n');
    const input = join(dir, 'bad.csv');
    writeFileSync(input, `${fixture}0101801111,147,2017-10,1,0,0,0\n0202802222,101,2017-13,1,0,0,0\n`);
    const result = runCli(['progress', input, '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `flere: ${input}:22: this person is in kommune 147 here but already in kommune 101 in 2017-10; a person belongs to one kommune per month\n` +
        `flere: ${input}:23: column «month»: not a month; expected YYYY-MM or YYYY-MM-DD (e.g. 2017-07)\n`,
    );
    expect(result.stderr).not.toMatch(/0101801111|0202802222/);
    expect(readFileSync(out, 'utf8')).toBe('previous\n');
  });

  it('reports a missing file as an I/O error (exit 3)', () => {
    const result = runCli(['progress', join(dir, 'missing.csv')]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`flere: ${join(dir, 'missing.csv')}: no such file\n`);
  });

  it('treats a missing argument and an unknown format as usage errors (exit 2)', () => {
    expect(runCli(['progress']).code).toBe(2);
    expect(runCli(['progress', FIXTURE, '--format', 'xml']).code).toBe(2);
  });

  it('does not create -o when the input is rejected', () => {
    const out = join(dir, 'never.csv');
    const result = runCli(['progress', '-', '-o', out], { input: 'person,kommune\n1,101\n' });
    expect(result.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});
