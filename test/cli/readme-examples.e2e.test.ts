/**
 * Every command of the README's ```sh examples, run as written, in order, from an installed
 * package in a folder of its own, through bash (so `-o >(gzip …)`, pipes and `$(…)` work as
 * a reader's shell runs them). The folder starts with what the README tells the reader to do
 * (`cp -r "$(flere examples --path)" data`) and with the files it assumes the reader has of
 * their own (a projects file, a person file, a progress file). A line's `# exit N` comment is
 * the exit status it must give; every other line must succeed, with nothing on stderr but
 * warnings. Lines of the checkout (`test/fixtures/…`) run in the checkout.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installPackage } from '../helpers/installed-package.js';
import { ROOT } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

/** One example line: where it stands in the README, the command, the exit statuses it may give. */
interface Example {
  readonly line: number;
  readonly command: string;
  readonly exits: readonly number[];
}

/** The lines of the README's ```sh blocks that a reader runs with flere (not npm, not the bench). */
function readmeExamples(): Example[] {
  const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');
  const examples: Example[] = [];
  let inSh = false;
  lines.forEach((text, i) => {
    if (text.startsWith('```')) {
      inSh = !inSh && text === '```sh';
      return;
    }
    const command = text.trim();
    if (!inSh || !/^(flere |cat |cp -r )/.test(command)) return;
    const stated = /#\s*exit (\d+)/.exec(command)?.[1];
    // --exit-code's whole point: 4 when something fell due, 0 when nothing did.
    const exits = stated !== undefined ? [Number(stated)] : command.includes('--exit-code') ? [0, 4] : [0];
    examples.push({ line: i + 1, command, exits });
  });
  return examples;
}

const EXAMPLES = readmeExamples();
const { dir } = scratchDir('flere-readme-');
const work = join(dir, 'work');
const shims = join(dir, 'bin');
let packageData = '';

beforeAll(() => {
  const installed = installPackage(dir);
  packageData = installed.data;
  mkdirSync(work);
  mkdirSync(shims);
  // `flere` on the PATH is the installed package's launcher, as after `npm install -g`.
  writeFileSync(join(shims, 'flere'), `#!/bin/sh\nexec "${process.execPath}" "${installed.bin}" "$@"\n`);
  chmodSync(join(shims, 'flere'), 0o755);
  // The reader's own files that the README's examples name.
  writeFileSync(join(work, 'projects.csv'), 'name,count\nUngdomsprojekt Nord,120\nJob i fokus,75.5\nMentorordning Syd,40\n');
  // A person file of both pools' reference months: the example's persons, and again in 2020.
  const persons = readFileSync(join(installed.data, 'persons-example.csv'), 'utf8');
  writeFileSync(join(work, 'persons.csv'), persons + persons.split('\n').slice(1).join('\n').replaceAll(',2017-0', ',2020-0').replaceAll(',2020-07,', ',2020-01,'));
  copyFileSync(join(installed.data, 'progress-2017.csv'), join(work, 'progress.csv'));
}, 60_000);

describe("the README's examples, from an installed package", () => {
  it('has examples to run, and none that names a file the package does not ship', () => {
    expect(EXAMPLES.length).toBeGreaterThan(40);
    const shipped = new Set(readdirSync(join(ROOT, 'data')));
    for (const { command, line } of EXAMPLES) {
      for (const [, name] of command.matchAll(/\bdata\/([\w.-]+)/g)) expect(shipped.has(name ?? ''), `README:${line}: data/${name}`).toBe(true);
    }
  });

  it('every README section that flere itself names (README, Pools) exists', () => {
    const headings = new Set(readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').filter((l) => /^#{2,4} /.test(l)).map((l) => l.replace(/^#+ /, '')));
    const named = spawnSync(process.execPath, [join(ROOT, 'bin', 'flere'), 'pools'], { cwd: ROOT, encoding: 'utf8' }).stdout;
    const sections = [...named.matchAll(/README, ([A-Z][\w ]*)/g)].map((m) => m[1]);
    expect(sections.length).toBeGreaterThan(0);
    for (const name of sections) expect(headings.has(name ?? ''), `README section ${name}`).toBe(true);
  });

  it("the sample ledger's rows are the first a --record run writes for the bundled allocation (but for the time)", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const sample = /^`--ledger FILE` names a CSV[\s\S]*?```csv\n([\s\S]*?)```/m.exec(readme)?.[1]?.trimEnd().split('\n') ?? [];
    expect(sample.length).toBeGreaterThan(2);
    const ledger = join(dir, 'sample-ledger.csv');
    const flere = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'flere'), ...args], { cwd: ROOT, encoding: 'utf8' });
    const allocation = join(dir, 'sample-allocation.json');
    expect(flere(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json', '-o', allocation]).status).toBe(0);
    expect(flere(['check', 'data/progress-2017.csv', '--allocation', allocation, '--as-of', '2017-07', '--ledger', ledger, '--record', '--quiet']).status).toBe(0);
    const written = readFileSync(ledger, 'utf8').split('\n').slice(0, sample.length);
    const withoutTime = (row: string) => row.replace(/,\d{4}-\d\d-\d\dT[\d:.]+Z$/, ',TIME');
    expect(written.map(withoutTime)).toEqual(sample.map(withoutTime));
  });

  it('runs every one as written: the stated exit status, nothing on stderr but warnings, no input changed', () => {
    const failures: string[] = [];
    for (const { line, command, exits } of EXAMPLES) {
      const cwd = command.includes('test/fixtures/') ? ROOT : work;
      const r = spawnSync('bash', ['-c', command], {
        cwd,
        encoding: 'utf8',
        env: { PATH: `${shims}:${process.env['PATH'] ?? '/usr/bin:/bin'}`, TZ: 'UTC', HOME: dir },
        timeout: 60_000,
      });
      const errors = r.stderr.split('\n').filter((l) => l.startsWith('flere: ') && !l.startsWith('flere: warning: '));
      const ok = exits.includes(r.status ?? -1) && (r.status === 0 || r.status === 4 ? errors.length === 0 : errors.length > 0);
      const crashed = r.stderr.includes('internal error') || r.stderr.includes('    at ');
      if (!ok || crashed) failures.push(`README:${line}: ${command}\n  exit ${String(r.status)} (expected ${exits.join(' or ')})\n  ${r.stderr.trim().split('\n').slice(0, 3).join('\n  ')}`);
    }
    expect(failures).toEqual([]);
    // The examples that must fail (-o onto an input, …) left the copied data as it shipped.
    for (const name of readdirSync(packageData)) {
      expect(readFileSync(join(work, 'data', name)).equals(readFileSync(join(packageData, name))), name).toBe(true);
    }
  }, 300_000);
});
