/**
 * An exclusive lock beside the ledger (`LEDGER.lock`), so that two cron runs at once cannot
 * both pay. The lock file is created atomically with its content (written to a temporary
 * file, then hard-linked into place, which fails if the lock exists), so a lock is never
 * seen half-written. It records the holder's pid and host: a lock whose process is gone
 * (killed by a signal or a power cut, so its `finally` never ran) is stale and is broken —
 * under a second, short-lived lock, so that two runs cannot both break it and both proceed.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { ioError } from '../core/diagnostics.js';
import { errorCode } from './atomic-file.js';

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

/** The lock file of a ledger. */
export function lockPathOf(ledgerPath: string): string {
  return `${ledgerPath}.lock`;
}

/**
 * Runs `fn` while holding the ledger's lock, and releases it afterwards (also when `fn`
 * throws). A lock held by a live process (or by another host, whose processes cannot be
 * checked) is an io error `ledger.locked` (exit 3) naming the holder; a stale one is broken.
 * Never waits: a cron run that finds the lock held fails and the next run tries again.
 */
export async function withLedgerLock<T>(ledgerPath: string, fn: () => Promise<T>): Promise<T> {
  const lockPath = lockPathOf(ledgerPath);
  const mine = await acquire(lockPath, ledgerPath);
  try {
    return await fn();
  } finally {
    await release(lockPath, mine);
  }
}

/** Whether a process with this pid exists on this host (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** A process's start time from `/proc/PID/stat` (Linux), or undefined where there is none. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
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

/** Creates `path` with `info` as content, atomically; false if it exists already. */
async function createExclusive(path: string, info: LockInfo): Promise<boolean> {
  const temp = `${path}.${info.pid}.${info.token}.tmp`;
  await writeFile(temp, `${JSON.stringify(info)}\n`, { flag: 'wx', mode: 0o644 });
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** The lock's holder, or undefined when the file is gone or unreadable. */
async function readInfo(path: string): Promise<LockInfo | undefined> {
  try {
    const data: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (typeof data !== 'object' || data === null) return undefined;
    const { pid, host, token, since, started } = data as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof token !== 'string') return undefined;
    return { pid, host, token, since: typeof since === 'string' ? since : '', ...(typeof started === 'string' ? { started } : {}) };
  } catch {
    return undefined;
  }
}

/** Held by a process of this host that is gone, or whose pid now belongs to a younger process. */
function isStale(info: LockInfo): boolean {
  if (info.host !== hostname()) return false;
  if (!processAlive(info.pid)) return true;
  const now = info.started === undefined ? undefined : processStartTime(info.pid);
  return now !== undefined && now !== info.started;
}

async function acquire(lockPath: string, ledgerPath: string): Promise<LockInfo> {
  const mine = newInfo();
  let holder: LockInfo | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      if (await createExclusive(lockPath, mine)) return mine;
    } catch (error) {
      throw ioError({ code: 'ledger.lock-failed', file: ledgerPath, value: errorCode(error) });
    }
    holder = await readInfo(lockPath);
    // Unreadable: someone else's file, or a lock removed between our link and read. Retry.
    if (holder === undefined || !isStale(holder)) {
      if (holder !== undefined) break;
      continue;
    }
    await breakStale(lockPath, holder);
  }
  throw ioError({
    code: 'ledger.locked',
    file: ledgerPath,
    value: lockPath,
    args: holder === undefined ? {} : { pid: holder.pid, host: holder.host, since: holder.since },
  });
}

/**
 * Removes a stale lock, but only while holding `LOCK.break` and only if the lock still is
 * the stale one we saw: a run that raced us may have broken it already and taken a new one.
 */
async function breakStale(lockPath: string, stale: LockInfo): Promise<void> {
  const breakPath = `${lockPath}.break`;
  const me = newInfo();
  if (!(await createExclusive(breakPath, me))) {
    const breaker = await readInfo(breakPath);
    // A breaker killed inside its few microseconds of breaking: clear its lock for the next attempt.
    if (breaker !== undefined && isStale(breaker)) await unlink(breakPath).catch(() => undefined);
    return;
  }
  try {
    const now = await readInfo(lockPath);
    if (now?.token === stale.token) await unlink(lockPath).catch(() => undefined);
  } finally {
    await unlink(breakPath).catch(() => undefined);
  }
}

async function release(lockPath: string, mine: LockInfo): Promise<void> {
  const now = await readInfo(lockPath);
  if (now?.token === mine.token) await unlink(lockPath).catch(() => undefined);
}
