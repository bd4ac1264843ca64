/**
 * Huge cells through the built CLI: a 10 MB number cell once ended in "Maximum call stack
 * size exceeded" (exit 70), and a cell of a million digits gave a 1 MB error line. Both are
 * data errors now (exit 1) with a message of readable length.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const { file } = scratchDir('flere-huge-');

describe('an over-long cell', () => {
  it('a free name of 10 MB is a data error, not a 20 MB output', () => {
    const r = runCli(['allocate', file('names.csv', `name,count\n${'x'.repeat(10_000_000)},5\ny,3\n`), '--no-registry']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^flere: \S+names\.csv:2: column «name»: a name longer than 1000 characters: is this the right column\?\n$/);
  });

  it.each([
    ['a 10 MB number cell', '1'.repeat(10_000_000)],
    ['a million digits and a letter', `${'1'.repeat(1_000_000)}x`],
    ['a million grouped digits', `1${'.000'.repeat(250_000)}`],
  ])('%s is a data error with one short line', (_, cell) => {
    const r = runCli(['allocate', file('huge.csv', `kommune;antal\n101;${cell}\n`)]);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^flere: \S+huge\.csv:2: column «antal»: far too long for a number \(\d+ characters\): "1{1,60}[^"]*…"\n$/);
    expect(r.stderr.length).toBeLessThan(300);
  });
});
