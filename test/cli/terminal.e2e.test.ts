/**
 * The built CLI in a real (pseudo-)terminal, as a person types it: every command, every
 * `--help`, `--explain`, with colour where the README documents it. Pipes never take the
 * terminal-only paths (colour, chalk's loading, the table as default, the progress meter);
 * a crash on those paths once shipped while every piped test was green.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasColour, runInTerminal, visible } from '../helpers/pty.js';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const { dir } = scratchDir('flere-terminal-');
const data = (name: string) => join(ROOT, 'data', name);
const ALLOCATION = join(dir, 'allocation.json');
const made = runCli(['allocate', data('counts-2017.csv'), '--applicants', data('applicants-2017.csv'), '--format', 'json', '-o', ALLOCATION]);
const CHECK = join(dir, 'check.json');
runCli(['check', data('progress-2017.csv'), '--allocation', ALLOCATION, '--as-of', '2019-12', '--format', 'json', '-o', CHECK]);

/** A terminal run that must succeed without an internal error. */
function expectClean(args: string[], env: Record<string, string> = {}) {
  const r = runInTerminal(args, { env });
  expect(r.output).not.toMatch(/flere: internal error/);
  expect(r.code, visible(r.output)).toBe(0);
  // Colour reaches the terminal as colour, never as escaped text (`\u001b[31m` shown).
  expect(visible(r.output)).not.toMatch(/\\u001b|\\u009b/);
  return r;
}

describe('every command in a terminal', () => {
  it('allocate prints a coloured table by default (the README quick start)', () => {
    expect(made.code).toBe(0);
    const r = expectClean(['allocate', 'data/counts-2017.csv']);
    expect(hasColour(r.output)).toBe(true);
    expect(visible(r.output)).toMatch(/^101 +København +2\.700 +10,0004 +26\.250\.972 /m);
  });

  it('allocate --explain and --unit 0.01 --explain', () => {
    expect(visible(expectClean(['allocate', 'data/counts-2017.csv', '--explain']).output)).toMatch(/København/);
    expect(visible(expectClean(['allocate', 'data/counts-2017.csv', '--unit', '0.01', '--explain']).output)).toMatch(/København/);
  });

  it('check prints its coloured table, and --record --quiet reports what it recorded', () => {
    const r = expectClean(['check', 'data/progress-2017.csv', '--allocation', ALLOCATION]);
    expect(hasColour(r.output)).toBe(true);
    expect(visible(r.output)).toMatch(/^461 +Odense /m);
    // The sparkline: one coloured glyph a month, then the latest rate.
    expect(visible(r.output)).toMatch(/^101 +København .*  [▁▂▃▄▅▆▇█·]{6,} \d+,\d %$/m);

    const ledger = join(dir, 'payouts.csv');
    const recorded = expectClean(['check', 'data/progress-2017.csv', '--allocation', ALLOCATION, '--ledger', ledger, '--record', '--quiet', '--format', 'table']);
    const rows = readFileSync(ledger, 'utf8').trim().split('\n').length - 1;
    expect(rows).toBeGreaterThan(0);
    // The report names what was recorded: the run that pays also tells.
    expect(visible(recorded.output)).toMatch(/due: \d+ tranches/);
    // A second run has nothing new and, with --quiet, prints nothing.
    const again = expectClean(['check', 'data/progress-2017.csv', '--allocation', ALLOCATION, '--ledger', ledger, '--record', '--quiet', '--format', 'table']);
    expect(visible(again.output).trim()).toBe('');
    expect(readFileSync(ledger, 'utf8').trim().split('\n').length - 1).toBe(rows);
  });

  it('followup, with and without --explain and --forfeited', () => {
    const to = data('followup-2017.csv');
    const plain = expectClean(['followup', ALLOCATION, '--to', to, '--key', 'weight', '--unit', '1000']);
    expect(hasColour(plain.output)).toBe(true);
    expect(visible(plain.output)).toMatch(/^665 +Lemvig /m);
    expect(visible(expectClean(['followup', ALLOCATION, '--to', to, '--key', 'weight', '--unit', '1000', '--explain']).output)).toMatch(/Audit trail/);
    expect(visible(expectClean(['followup', ALLOCATION, '--forfeited', CHECK, '--to', to, '--key', 'weight']).output)).toMatch(/forfeited/);
  });

  it('progress reads a person file and prints to the terminal', () => {
    const persons = join(dir, 'persons.csv');
    copyFileSync(join(ROOT, 'test/fixtures/persons-small.csv'), persons);
    expect(visible(expectClean(['progress', persons, '--format', 'table']).output)).toMatch(/København/);
    expect(visible(expectClean(['progress', persons]).output)).toMatch(/^kommune,month,target_group/m);
  });

  it('report writes its page to a file, and refuses to pour HTML onto the terminal', () => {
    const page = join(dir, 'report.html');
    expectClean(['report', ALLOCATION, '--check', CHECK, '-o', page]);
    expect(readFileSync(page, 'utf8')).toMatch(/^<!doctype html>/);
    const r = runInTerminal(['report', ALLOCATION]);
    expect(r.code).toBe(2);
    expect(visible(r.output)).toMatch(/^flere: the report is an HTML page: write it to a file with -o report\.html/m);
  });

  it('pools, with and without a name', () => {
    expect(visible(expectClean(['pools']).output)).toMatch(/flere-skal-med-1 \(default\)/);
    expect(visible(expectClean(['pools', 'flere-skal-med-2']).output)).toMatch(/Flere skal med 2/);
  });

  it('every --help, bare flere and flere help COMMAND', () => {
    for (const command of ['allocate', 'check', 'followup', 'report', 'progress', 'pools', 'examples']) {
      expect(visible(expectClean([command, '--help']).output)).toMatch(new RegExp(`^Usage: flere ${command} `, 'm'));
      expect(visible(expectClean(['help', command]).output)).toMatch(new RegExp(`^Usage: flere ${command} `, 'm'));
    }
    expect(visible(expectClean(['--help']).output)).toMatch(/^Commands:/m);
    expect(visible(expectClean([]).output)).toMatch(/^Commands:/m);
    expect(visible(expectClean(['examples']).output)).toMatch(/counts-2017\.csv/);
  });

  it('honours NO_COLOR, --no-color and FORCE_COLOR=0 on a terminal', () => {
    expect(hasColour(expectClean(['allocate', 'data/counts-2017.csv'], { NO_COLOR: '1' }).output)).toBe(false);
    expect(hasColour(expectClean(['allocate', 'data/counts-2017.csv', '--no-color']).output)).toBe(false);
    expect(hasColour(expectClean(['allocate', 'data/counts-2017.csv'], { FORCE_COLOR: '0' }).output)).toBe(false);
  });

  it('an error in a terminal (a missing file: exit 3) is one plain line, never a crash', () => {
    const r = runInTerminal(['allocate', join(ROOT, 'test/fixtures/bad/does-not-exist.csv')]);
    expect(r.code).toBe(3);
    expect(visible(r.output)).toMatch(/^flere: .*does-not-exist\.csv/m);
  });
});
