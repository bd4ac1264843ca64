/**
 * A counts file without some of the 98 kommuner is allocated among those present, with a
 * warning that names the missing ones; `--require-all` makes it an error. Warnings never
 * change stdout.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';

// The bundled counts without Dragør (155) and Samsø (741).
const full = readFileSync(`${ROOT}data/counts-2017.csv`, 'utf8');
const partial = full
  .split('\n')
  .filter((l) => !l.startsWith('155,') && !l.startsWith('741,'))
  .join('\n');

describe('kommuner missing from the counts file', () => {
  it('are named in one warning; the pool is divided among the 96 present', () => {
    const r = runCli(['allocate', '-', '--format', 'csv'], { input: partial });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'flere: warning: <stdin>: 2 of the 98 kommuner have no row: Dragør (155), Samsø (741); the pool is divided among the 96 present (--require-all makes this an error)\n',
    );
    const rows = r.stdout.trim().split('\n').slice(1);
    expect(rows).toHaveLength(96);
    expect(rows.reduce((sum, row) => sum + BigInt(row.split(',')[4] ?? ''), 0n)).toBe(262_500_000n);
  });

  it('with --require-all are a data error and nothing is written', () => {
    const r = runCli(['allocate', '-', '--require-all', '--format', 'json'], { input: partial });
    expect([r.code, r.stdout]).toEqual([1, '']);
    const doc = JSON.parse(r.stderr) as { issues: { code: string; message: string }[] };
    expect(doc.issues.map((i) => i.code)).toEqual(['counts.missing-kommuner']);
    expect(doc.issues[0]?.message).toMatch(/Dragør \(155\), Samsø \(741\) \(--require-all: every kommune must have a row\)$/);
  });

  it('a complete file gives no warning, with or without --require-all; --require-all with --no-registry is a usage error', () => {
    expect(runCli(['allocate', 'data/counts-2017.csv', '--require-all', '--format', 'csv']).stderr).toBe('');
    expect(runCli(['allocate', 'data/counts-2017.csv', '--format', 'csv']).stderr).toBe('');
    expect(runCli(['allocate', '-', '--no-registry', '--require-all'], { input: 'name,count\na,1\n' }).code).toBe(2);
  });

  it('a JSON run gets the warning as a JSON document on stderr, stdout the allocation', () => {
    const r = runCli(['allocate', '-', '--format', 'json'], { input: partial });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { allocations: unknown[] }).allocations).toHaveLength(96);
    const doc = JSON.parse(r.stderr) as { version: number; warnings: { code: string; file: string }[]; omitted: number };
    expect(doc).toMatchObject({ version: 1, omitted: 0 });
    expect(doc.warnings.map((w) => [w.code, w.file])).toEqual([['counts.missing-kommuner', '<stdin>']]);
  });
});
