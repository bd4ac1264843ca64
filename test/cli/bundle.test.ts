/**
 * The launcher runs the bundle from V8's code cache, where a script has no dynamic-import
 * callback: an `import()` in the bundle once crashed every coloured table on a terminal.
 * So the bundle must hold none, and a missing, stale or damaged cache must change nothing
 * but the speed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasColour, runInTerminal } from '../helpers/pty.js';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const bundle = readFileSync(join(ROOT, 'dist', 'flere.cjs'), 'utf8');

describe('the bundle', () => {
  it('holds no import() that a code-cached script could not run', () => {
    expect(bundle).not.toMatch(/\bimport\s*\(/);
  });

  it('has its code cache beside it, made by the build', () => {
    expect(readFileSync(join(ROOT, 'dist', 'flere.cjs.cache')).length).toBeGreaterThan(10_000);
  });
});

describe('a code cache that does not fit', () => {
  const { dir } = scratchDir('flere-cache-');
  // A copy of the launcher and bundle whose cache can be spoiled without touching the build.
  const copy = (name: string, cache: Uint8Array | null): string => {
    const root = join(dir, name);
    mkdirSync(root);
    cpSync(join(ROOT, 'bin'), join(root, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true });
    rmSync(join(root, 'dist', 'flere.cjs.cache'));
    if (cache !== null) writeFileSync(join(root, 'dist', 'flere.cjs.cache'), cache);
    return join(root, 'bin', 'flere');
  };
  const expected = runCli(['allocate', 'data/counts-2017.csv', '--format', 'json']).stdout;

  it.each([
    ['missing', null],
    ['damaged', Buffer.from('not a code cache at all')],
    ['of other bytes', readFileSync(join(ROOT, 'dist', 'flere.cjs.cache')).subarray(0, 5000)],
  ])('%s: the bundle is compiled as usual and the result is the same, piped and on a terminal', (_, cache) => {
    const bin = copy(String(_).replace(/\s/g, '-'), cache as Uint8Array | null);
    const piped = spawnSync(process.execPath, [bin, 'allocate', 'data/counts-2017.csv', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect([piped.status, piped.stderr]).toEqual([0, '']);
    expect(piped.stdout).toBe(expected);
    const shown = runInTerminal(['allocate', 'data/counts-2017.csv'], { bin });
    expect(shown.code).toBe(0);
    expect(hasColour(shown.output)).toBe(true);
  });
});
