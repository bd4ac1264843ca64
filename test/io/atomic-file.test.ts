import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stageFile, writeFileAtomic } from '../../src/io/atomic-file.js';
import { simulateDiskFull } from '../helpers/disk-full.js';

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

describe('writeFileAtomic: links, modes, owners, devices, a full disk (issue 11)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes through a symbolic link: the link stays a link, the file it points to gets the data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-atomic-'));
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'ledger.csv'), 'old');
    symlinkSync('real/ledger.csv', join(dir, 'ledger.csv'));
    await writeFileAtomic(join(dir, 'ledger.csv'), 'new');
    expect(lstatSync(join(dir, 'ledger.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'ledger.csv'))).toBe('real/ledger.csv');
    expect(readFileSync(join(dir, 'real', 'ledger.csv'), 'utf8')).toBe('new');
    // The temporary file was made beside the target (no stray file anywhere).
    expect(readdirSync(dir).sort()).toEqual(['ledger.csv', 'real']);
    expect(readdirSync(join(dir, 'real'))).toEqual(['ledger.csv']);
    // A dangling link: the file is created where it points.
    symlinkSync('real/later.csv', join(dir, 'later.csv'));
    await writeFileAtomic(join(dir, 'later.csv'), 'first');
    expect(lstatSync(join(dir, 'later.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real', 'later.csv'), 'utf8')).toBe('first');
  });

  it('keeps the old file’s mode (0600, 0640) and, where allowed, its owner and group', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-atomic-'));
    for (const mode of [0o600, 0o640, 0o604]) {
      const target = join(dir, `m${mode.toString(8)}.csv`);
      writeFileSync(target, 'old');
      chmodSync(target, mode);
      await writeFileAtomic(target, 'new');
      expect(statSync(target).mode & 0o7777).toBe(mode);
    }
    if (process.geteuid?.() !== 0) return; // only root may give a file to another user
    const target = join(dir, 'nobody.csv');
    writeFileSync(target, 'old');
    chownSync(target, 65534, 65534);
    chmodSync(target, 0o600);
    await writeFileAtomic(target, 'new');
    const after = statSync(target);
    expect([after.uid, after.gid, after.mode & 0o7777]).toEqual([65534, 65534, 0o600]);
  });

  it('a new file gets 0666 less the umask', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-atomic-'));
    const before = process.umask(0o077);
    try {
      await writeFileAtomic(join(dir, 'private.csv'), 'x');
      process.umask(0o002);
      await writeFileAtomic(join(dir, 'shared.csv'), 'x');
    } finally {
      process.umask(before);
    }
    expect(statSync(join(dir, 'private.csv')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'shared.csv')).mode & 0o777).toBe(0o664);
  });

  it('refuses to replace a FIFO or a directory (they are not files to rename over)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-atomic-'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    await expect(writeFileAtomic(join(dir, 'fifo'), 'x')).rejects.toMatchObject({ kind: 'io', diagnostics: [{ code: 'io.not-regular' }] });
    expect(lstatSync(join(dir, 'fifo')).isFIFO()).toBe(true);
    await expect(writeFileAtomic(dir, 'x')).rejects.toMatchObject({ diagnostics: [{ code: 'io.write', value: 'EISDIR' }] });
  });

  it('a full disk (ENOSPC, simulated in-process) leaves the old file byte for byte and no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-atomic-'));
    const target = join(dir, 'ledger.csv');
    writeFileSync(target, 'old rows\n');
    await simulateDiskFull();
    await expect(writeFileAtomic(target, 'new rows\n', 'payouts.csv')).rejects.toMatchObject({
      kind: 'io',
      diagnostics: [{ code: 'io.write', file: 'payouts.csv', value: 'ENOSPC' }],
    });
    expect(readFileSync(target, 'utf8')).toBe('old rows\n');
    expect(readdirSync(dir)).toEqual(['ledger.csv']);
  });

  it('staged data is not in place until committed, and a discard leaves the old file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-atomic-'));
    const target = join(dir, 'report.csv');
    writeFileSync(target, 'last month');
    const dropped = await stageFile(target, 'never');
    await dropped.discard();
    expect(readFileSync(target, 'utf8')).toBe('last month');
    expect(readdirSync(dir)).toEqual(['report.csv']);
    const kept = await stageFile(target, 'this month');
    expect(readFileSync(target, 'utf8')).toBe('last month');
    await kept.commit();
    expect(readFileSync(target, 'utf8')).toBe('this month');
    expect(readdirSync(dir)).toEqual(['report.csv']);
  });
});
