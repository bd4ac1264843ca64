// The ledger's lock (issue 11, points 2 and 8): it belongs to the real file, whatever name
// the ledger is reached by; a lock file that cannot be read blocks for at most
// UNREADABLE_LOCK_STALE_MS; a lock of another host is never broken.
import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPathOf, UNREADABLE_LOCK_STALE_MS, withLedgerLock } from '../../src/io/ledger-lock.js';
import { scratchDir } from '../helpers/scratch.js';

const dir = realpathSync(scratchDir('flere-lock-').dir);

/** Sets a file's modification time `ms` into the past. */
function age(path: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  utimesSync(path, then, then);
}

describe('the lock of a ledger reached through a symbolic link', () => {
  it('is beside the real file, so both names take the same lock; fn gets the real path', async () => {
    mkdirSync(join(dir, 'real'));
    symlinkSync('real/payouts.csv', join(dir, 'payouts.csv'));
    const real = join(dir, 'real', 'payouts.csv');
    expect(lockPathOf(join(dir, 'payouts.csv'))).toBe(`${real}.lock`);
    await withLedgerLock(join(dir, 'payouts.csv'), async (path) => {
      expect(path).toBe(real);
      expect(existsSync(`${real}.lock`)).toBe(true);
      expect(existsSync(join(dir, 'payouts.csv.lock'))).toBe(false);
      await expect(withLedgerLock(real, async () => 'second')).rejects.toMatchObject({
        kind: 'io',
        diagnostics: [{ code: 'ledger.locked', file: real, value: `${real}.lock`, args: { pid: process.pid, where: 'this-host' } }],
      });
    });
    expect(existsSync(`${real}.lock`)).toBe(false);
  });
});

describe('a lock file that cannot be read', () => {
  for (const [what, content] of [
    ['empty', ''],
    ['garbage', 'not a lock\n'],
    ['JSON of another program', '{"owner":"backup"}'],
  ] as const) {
    it(`(${what}) blocks while it is young, naming the lock file; older than the stated age it is stale`, async () => {
      const ledger = join(dir, `${what.replace(/\W/g, '-')}.csv`);
      const lock = `${ledger}.lock`;
      writeFileSync(lock, content);
      age(lock, UNREADABLE_LOCK_STALE_MS - 60_000);
      await expect(withLedgerLock(ledger, async () => 'ran')).rejects.toMatchObject({
        kind: 'io',
        diagnostics: [{ code: 'ledger.locked', file: ledger, value: lock, args: { unreadable: 'content', staleAfterMinutes: 10 } }],
      });
      expect(readFileSync(lock, 'utf8')).toBe(content);
      age(lock, UNREADABLE_LOCK_STALE_MS + 60_000);
      expect(await withLedgerLock(ledger, async () => 'ran')).toBe('ran');
      expect(existsSync(lock)).toBe(false);
    });
  }

  it('the stated age is ten minutes', () => {
    expect(UNREADABLE_LOCK_STALE_MS).toBe(10 * 60 * 1000);
  });
});

describe('a lock of another host', () => {
  it('is never broken, however old, and the message says so', async () => {
    const ledger = join(dir, 'network.csv');
    writeFileSync(`${ledger}.lock`, JSON.stringify({ pid: 1, host: `not-${hostname()}`, token: 't', since: '2017-01-01T00:00:00Z' }));
    age(`${ledger}.lock`, 365 * 24 * 3600 * 1000);
    await expect(withLedgerLock(ledger, async () => 'ran')).rejects.toMatchObject({
      diagnostics: [{ code: 'ledger.locked', args: { host: `not-${hostname()}`, where: 'other-host' } }],
    });
    expect(existsSync(`${ledger}.lock`)).toBe(true);
  });
});
