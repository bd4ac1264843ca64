/**
 * An exclusive lock beside the ledger (`LEDGER.lock`, beside the real file when the ledger
 * is reached through a symbolic link), so that two cron runs at once cannot both pay, by
 * whatever path they name the ledger. The lock file is created atomically with its content
 * (written to a temporary file and fsynced, then hard-linked into place, which fails if the
 * lock exists), so a lock is never seen half-written, not even after a power cut. It records
 * the holder's pid and host: a lock whose process is gone (killed by a signal or a power
 * cut, so its `finally` never ran) is stale and is broken — under a second, short-lived
 * lock, so that two runs cannot both break it and both proceed. A lock file that cannot be
 * read (empty, garbage: made by hand or by something else) counts as stale once it is
 * {@link UNREADABLE_LOCK_STALE_MS} old; a lock of another host is never broken.
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { link, open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { ioError } from '../core/diagnostics.js';
import { errorCode } from './errno.js';
import { locate } from './file-target.js';
import { processAlive, processStartTime } from './processes.js';


/** What a lock file says about its holder. */
export interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  /** ISO 8601 time the lock was taken. */
  readonly since: string;
  /**
   * The holder's start time in clock ticks since boot (Linux `/proc/PID/stat`, field 22), so
   * that a pid reused by an unrelated process after a crash is not mistaken for the holder.
   */
  readonly started?: string;
}

/**
 * How old (by its modification time) a lock file that cannot be read must be to count as
 * stale: 10 minutes. flere never leaves such a file (its locks are written before they
 * appear), so it is a remnant or someone else's; a run holds the lock for well under a
 * second, so ten minutes is far beyond any run, and short enough for a monthly cron job.
 */
export const UNREADABLE_LOCK_STALE_MS = 10 * 60 * 1000;

/**
 * The real path of the ledger `ledgerPath` names: symbolic links followed, also a dangling
 * one (where the ledger will be created). The path as given when it cannot be followed.
 */
export function realLedgerPath(ledgerPath: string): string {
  const where = locate(ledgerPath);
  return where.kind === 'file' || where.kind === 'new' ? where.real : ledgerPath;
}

/** The lock file of a ledger: beside the real file, so every name of the ledger takes the same lock. */
export function lockPathOf(ledgerPath: string): string {
  return `${realLedgerPath(ledgerPath)}.lock`;
}

/**
 * Runs `fn` while holding the ledger's lock, and releases it afterwards (also when `fn`
 * throws); `fn` gets the ledger's real path, to write through. A lock held by a live process
 * (or by another host, whose processes cannot be checked, or unreadable and younger than
 * {@link UNREADABLE_LOCK_STALE_MS}) is an io error `ledger.locked` (exit 3) naming the lock
 * file and its holder; a stale one is broken. Never waits: a cron run that finds the lock
 * held fails and the next run tries again.
 */
export async function withLedgerLock<T>(ledgerPath: string, fn: (realPath: string) => Promise<T>): Promise<T> {
  const real = realLedgerPath(ledgerPath);
  const lockPath = `${real}.lock`;
  const mine = await acquire(lockPath, ledgerPath);
  try {
    return await fn(real);
  } finally {
    await release(lockPath, mine);
  }
}

function newInfo(): LockInfo {
  const started = processStartTime(process.pid);
  return {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString('hex'),
    since: new Date().toISOString(),
    ...(started === undefined ? {} : { started }),
  };
}

/**
 * Creates `path` with `info` as content, atomically and durably: the content is written to a
 * temporary file and fsynced before the file is linked under its name (which fails if the
 * name exists), so the lock never appears empty, also after a power cut. False if it exists.
 */
async function createExclusive(path: string, info: LockInfo): Promise<boolean> {
  const temp = `${path}.${info.pid}.${info.token}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(`${JSON.stringify(info)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temp, path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * What a lock file holds: `gone` (no such file: released meanwhile), `held` (its holder),
 * or `unreadable` (empty, not flere's, or not readable: `errno` then) with the file's stat.
 */
type LockState =
  | { readonly kind: 'gone' }
  | { readonly kind: 'held'; readonly info: LockInfo }
  | { readonly kind: 'unreadable'; readonly errno?: string; readonly stat?: Stats };

async function readLock(path: string): Promise<LockState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const errno = errorCode(error);
    if (errno === 'ENOENT') return { kind: 'gone' };
    return { kind: 'unreadable', errno, ...(await statOf(path)) };
  }
  const info = parseInfo(text);
  if (info !== undefined) return { kind: 'held', info };
  const found = await statOf(path);
  // Removed between the read and the stat: gone, not unreadable.
  return found.stat === undefined ? { kind: 'gone' } : { kind: 'unreadable', ...found };
}

async function statOf(path: string): Promise<{ stat?: Stats }> {
  try {
    return { stat: await stat(path) };
  } catch {
    return {};
  }
}

/** A lock's content as flere writes it, or undefined for anything else. */
function parseInfo(text: string): LockInfo | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { pid, host, token, since, started } = data as Record<string, unknown>;
  if (typeof pid !== 'number' || typeof host !== 'string' || typeof token !== 'string') return undefined;
  return { pid, host, token, since: typeof since === 'string' ? since : '', ...(typeof started === 'string' ? { started } : {}) };
}

/** Held by a process of this host that is gone, or whose pid now belongs to a younger process. */
function isStale(info: LockInfo): boolean {
  if (info.host !== hostname()) return false;
  if (!processAlive(info.pid)) return true;
  const now = info.started === undefined ? undefined : processStartTime(info.pid);
  return now !== undefined && now !== info.started;
}

/**
 * Whether a lock file in `state` may be broken: a holder that is gone, or a file whose
 * content cannot be understood (not one that cannot be read at all: permissions say it is
 * someone else's) and that has not changed for {@link UNREADABLE_LOCK_STALE_MS}.
 */
function breakable(state: LockState, now: number): boolean {
  if (state.kind === 'held') return isStale(state.info);
  if (state.kind === 'unreadable') {
    return state.errno === undefined && state.stat !== undefined && now - state.stat.mtimeMs > UNREADABLE_LOCK_STALE_MS;
  }
  return false;
}

/** Whether `now` is still the very lock file found stale as `seen` (not a new lock taken meanwhile). */
function sameLock(seen: LockState, now: LockState): boolean {
  if (seen.kind === 'held') return now.kind === 'held' && now.info.token === seen.info.token;
  if (seen.kind === 'unreadable' && now.kind === 'unreadable' && seen.stat && now.stat) {
    return seen.stat.ino === now.stat.ino && seen.stat.dev === now.stat.dev && seen.stat.mtimeMs === now.stat.mtimeMs;
  }
  return false;
}

async function acquire(lockPath: string, ledgerPath: string): Promise<LockInfo> {
  const mine = newInfo();
  let state: LockState = { kind: 'gone' };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      if (await createExclusive(lockPath, mine)) return mine;
    } catch (error) {
      throw ioError({ code: 'ledger.lock-failed', file: ledgerPath, value: errorCode(error) });
    }
    state = await readLock(lockPath);
    // Released between our link and our read: try again.
    if (state.kind === 'gone') continue;
    if (!breakable(state, Date.now())) break;
    await breakStale(lockPath, state);
  }
  throw ioError({ code: 'ledger.locked', file: ledgerPath, value: lockPath, args: lockedArgs(state) });
}

/** What the `ledger.locked` message says about the lock: its holder, or why it cannot be read. */
function lockedArgs(state: LockState): Record<string, string | number> {
  if (state.kind === 'held') {
    const { pid, host, since } = state.info;
    return { pid, host, since, where: host === hostname() ? 'this-host' : 'other-host' };
  }
  if (state.kind === 'unreadable') {
    return { unreadable: state.errno ?? 'content', staleAfterMinutes: UNREADABLE_LOCK_STALE_MS / 60_000 };
  }
  return {};
}

/**
 * Removes a stale lock, but only while holding `LOCK.break` and only if the lock still is
 * the stale one we saw: a run that raced us may have broken it already and taken a new one.
 */
async function breakStale(lockPath: string, stale: LockState): Promise<void> {
  const breakPath = `${lockPath}.break`;
  const me = newInfo();
  if (!(await createExclusive(breakPath, me))) {
    const breaker = await readLock(breakPath);
    // A breaker killed inside its few microseconds of breaking: clear its lock for the next attempt.
    if (breakable(breaker, Date.now())) await unlink(breakPath).catch(() => undefined);
    return;
  }
  try {
    if (sameLock(stale, await readLock(lockPath))) await unlink(lockPath).catch(() => undefined);
  } finally {
    await unlink(breakPath).catch(() => undefined);
  }
}

async function release(lockPath: string, mine: LockInfo): Promise<void> {
  const now = await readLock(lockPath);
  if (now.kind === 'held' && now.info.token === mine.token) await unlink(lockPath).catch(() => undefined);
}
