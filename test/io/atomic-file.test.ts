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

  it('writes chunks one after the other, multi-byte characters intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-atomic-'));
    const target = join(dir, 'out.csv');
    const chunks = ['navn,beløb\n', 'Ærø,12\n', 'Høje-Taastrup,7\n', '😀,1\n'];
    await writeFileAtomic(target, chunks);
    expect(readFileSync(target, 'utf8')).toBe(chunks.join(''));
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('leaves the old file as it was when the producer of the chunks fails, and passes its error on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-atomic-'));
    const target = join(dir, 'out.csv');
    writeFileSync(target, 'old');
    const bug = new Error('renderer bug');
    function* failing(): Generator<string> {
      yield 'first rows\n';
      throw bug;
    }
    await expect(writeFileAtomic(target, failing())).rejects.toBe(bug);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('fails with an io error and leaves the directory as it was when the target cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-atomic-'));
    await expect(writeFileAtomic(join(dir, 'missing', 'x.csv'), 'x')).rejects.toMatchObject({ kind: 'io' });
    expect(readdirSync(dir)).toEqual([]);
  });
});
