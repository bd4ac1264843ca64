/**
 * flere as an installed package (test/helpers/installed-package.ts), run from another folder
 * as a person would: from a pipe and from a terminal, with the example data it ships. Every
 * example of the README is run from an installed package too: readme-examples.e2e.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installPackage } from '../helpers/installed-package.js';
import { hasColour, runInTerminal, visible } from '../helpers/pty.js';
import { ROOT } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const { dir } = scratchDir('flere-installed-');
const work = join(dir, 'work');
let prefix = '';
let bin = '';

beforeAll(() => {
  ({ prefix, bin } = installPackage(dir));
  mkdirSync(work);
}, 60_000);

const run = (args: string[], cwd = work) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC' }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('an installed package', () => {
  it('ships its example data and says where it is', () => {
    const where = run(['examples', '--path']);
    expect([where.code, where.stderr]).toEqual([0, '']);
    expect(where.stdout).toBe(`${join(prefix, 'node_modules', 'flere', 'data')}\n`);
    for (const name of ['counts-2017.csv', 'applicants-2017.csv', 'progress-2017.csv', 'followup-2017.csv', 'kommuner.csv']) {
      expect(readFileSync(join(where.stdout.trim(), name))).toEqual(readFileSync(join(ROOT, 'data', name)));
    }
  });

  it("runs the README's 2017 story from a folder of its own, with the data copied there", () => {
    cpSync(run(['examples', '--path']).stdout.trim(), join(work, 'data'), { recursive: true });
    const steps = [
      ['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json', '-o', 'allocation.json'],
      ['check', 'data/progress-2017.csv', '--allocation', 'allocation.json', '--as-of', '2018-06', '--format', 'json', '-o', 'check.json'],
      ['followup', 'allocation.json', '--to', 'data/followup-2017.csv', '--key', 'weight', '--unit', '1000', '--format', 'csv'],
      ['pools'],
    ];
    for (const step of steps) {
      const r = run(step);
      expect([r.code, r.stderr], step.join(' ')).toEqual([0, '']);
    }
    // The same allocation as the checkout's own build makes.
    const fromCheckout = spawnSync(process.execPath, [join(ROOT, 'bin', 'flere'), 'allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect(readFileSync(join(work, 'allocation.json'), 'utf8')).toBe(fromCheckout.stdout);
  });

  it('bare flere prints the overview; in a terminal the table is coloured and nothing crashes', () => {
    const bare = run([]);
    expect([bare.code, bare.stderr]).toEqual([0, '']);
    expect(bare.stdout).toMatch(/^Commands:/m);
    const shown = runInTerminal(['allocate', join(prefix, 'node_modules', 'flere', 'data', 'counts-2017.csv')], { cwd: work, bin });
    expect(shown.code).toBe(0);
    expect(hasColour(shown.output)).toBe(true);
    expect(visible(shown.output)).toMatch(/^101 +København /m);
  });
});
