import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/cli/version.js';
import { runCli } from '../helpers/run-cli.js';

describe('flere --version and --help', () => {
  it('reports the version of package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    const result = runCli(['--version']);
    expect([result.code, result.stdout, result.stderr]).toEqual([0, `${pkg.version}\n`, '']);
  });

  it('documents the exit codes and each command with a worked example', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    for (const code of ['0', '1', '2', '3', '70']) expect(help.stdout).toMatch(new RegExp(`^\\s+${code}\\s+\\w`, 'm'));
    const allocate = runCli(['allocate', '--help']);
    expect(allocate.code).toBe(0);
    expect(allocate.stdout).toMatch(/Example:\n\s+\$ flere allocate data\/counts-2017\.csv/);
  });
});

describe('flere help', () => {
  it('shows a command\'s help, and refuses an unknown command with a suggestion', () => {
    const known = runCli(['help', 'check']);
    expect(known.code).toBe(0);
    expect(known.stdout).toMatch(/^Usage: flere check \[options\] \[progress\]/);
    const unknown = runCli(['help', 'chek']);
    expect([unknown.code, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toBe('flere: unknown command "chek" (did you mean check?); see flere --help\n');
  });

  it('bare flere prints the overview of commands, as --help does', () => {
    const none = runCli([]);
    expect([none.code, none.stderr]).toEqual([0, '']);
    expect(none.stdout).toBe(runCli(['--help']).stdout);
    expect(none.stdout).toMatch(/^Commands:\n(?:.*\n)*\s+allocate /m);
  });
});
