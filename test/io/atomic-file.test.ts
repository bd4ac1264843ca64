import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic-file.js';

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-atomic-'));
    const target = join(dir, 'out.csv');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('removes temporary files of dead writers of the same target, and only those', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-atomic-'));
    const target = join(dir, 'ledger.csv');
    // PID 2^22 + 1 is above Linux's pid_max limit, so no process can have it.
    const dead = `.ledger.csv.${2 ** 22 + 1}.1700000000000.tmp`;
    const alive = `.ledger.csv.${process.ppid}.1700000000000.tmp`;
    const other = `.other.csv.${2 ** 22 + 1}.1700000000000.tmp`;
    for (const name of [dead, alive, other]) writeFileSync(join(dir, name), 'partial');
    await writeFileAtomic(target, 'rows');
    expect(readdirSync(dir).sort()).toEqual([alive, other, 'ledger.csv'].sort());
  });

  it('fails with an io error and leaves the directory as it was when the target cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-atomic-'));
    await expect(writeFileAtomic(join(dir, 'missing', 'x.csv'), 'x')).rejects.toMatchObject({ kind: 'io' });
    expect(readdirSync(dir)).toEqual([]);
  });
});
