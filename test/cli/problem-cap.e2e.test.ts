/**
 * Every list of problems is capped as the README says (the first 20, then a count), also
 * where a command builds its list by hand rather than through a DiagnosticBag: a check
 * result or a ledger of another allocation disagrees on every tranche, hundreds of lines.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const { dir } = scratchDir('flere-cap-');
const data = (name: string) => join(ROOT, 'data', name);
const counts = data('counts-2017.csv');
const applicants = data('applicants-2017.csv');
const progress = data('progress-2017.csv');

// Two allocations of the same kommuner whose every amount differs: one krone more in the pool
// moves the split, and 262,500,000 → 262,600,000 changes every kommune's amount.
const mine = join(dir, 'mine.json');
const other = join(dir, 'other.json');
runCli(['allocate', counts, '--applicants', applicants, '--format', 'json', '-o', mine]);
runCli(['allocate', counts, '--applicants', applicants, '--total', '262600000', '--format', 'json', '-o', other]);

/** The `flere:` lines of stderr; asserts the cap: 20 problems and one count line. */
function expectCapped(stderr: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines.every((l) => l.startsWith('flere: '))).toBe(true);
  expect(lines).toHaveLength(21);
  expect(lines[20]).toMatch(/^flere: … and \d+ more problems$/);
}

describe('problem lists are capped at 20 plus a count', () => {
  it('followup --forfeited with the check result of another allocation', () => {
    const check = join(dir, 'check-other.json');
    expect(runCli(['check', progress, '--allocation', other, '--as-of', '2019-12', '--format', 'json', '-o', check]).code).toBe(0);
    const r = runCli(['followup', mine, '--forfeited', check, '--to', data('followup-2017.csv'), '--key', 'weight']);
    expect(r.code).toBe(1);
    expectCapped(r.stderr);
  });

  it('check with the ledger of another allocation', () => {
    const ledger = join(dir, 'ledger.csv');
    expect(runCli(['check', progress, '--allocation', other, '--ledger', ledger, '--record', '--quiet', '--format', 'csv']).code).toBe(0);
    const r = runCli(['check', progress, '--allocation', mine, '--ledger', ledger]);
    expect(r.code).toBe(1);
    expectCapped(r.stderr);
  });

  it('in JSON mode the document lists 20 issues and counts the rest', () => {
    const ledger = join(dir, 'ledger.csv');
    const r = runCli(['check', progress, '--allocation', mine, '--ledger', ledger, '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stderr) as { issues: unknown[]; omitted: number };
    expect(doc.issues).toHaveLength(20);
    expect(doc.omitted).toBeGreaterThan(0);
  });
});
