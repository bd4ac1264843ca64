/**
 * All-or-nothing file writes: the data goes to a temporary file in the target's own
 * directory (so the rename cannot cross file systems), is flushed to disk, and only then
 * renamed over the target. A crash at any moment leaves the old file or the new one,
 * never a torn one; a failure leaves the old file byte for byte as it was.
 */
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ioError } from '../core/diagnostics.js';

/**
 * Writes `data` to `path` atomically. `data` may be an iterable of chunks, text or bytes
 * (written as they come, so a large output never has to exist as one string). Throws a FlereError of kind
 * `io` (code `io.write`) when the directory is missing or not writable; the temporary file
 * is removed then. An error thrown by the iterable itself (a bug in its producer) is
 * rethrown as it is, after the temporary file is removed: it is not an I/O problem.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string | Uint8Array>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  await sweepOrphans(path);
  const producer = { failed: false, error: undefined as unknown };
  let handle;
  try {
    handle = await open(temp, 'wx', 0o644);
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    // writeFile on an open handle writes at the current position: the chunks follow each other.
    else for (const chunk of watched(data, producer)) await handle.writeFile(chunk);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
    await syncDirectory(dirname(path));
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    if (producer.failed) throw producer.error;
    throw ioError({ code: 'io.write', file: path, value: errorCode(error) });
  }
}

/** `chunks`, noting in `producer` an error thrown while producing them. */
function* watched<T>(chunks: Iterable<T>, producer: { failed: boolean; error: unknown }): Generator<T> {
  try {
    yield* chunks;
  } catch (error) {
    producer.failed = true;
    producer.error = error;
    throw error;
  }
}

/**
 * Removes temporary files that a killed writer of the same target left behind: a crash is
 * safe for the target, but its `.NAME.PID.TIME.tmp` would otherwise stay. Only files whose
 * process no longer runs on this machine are removed; best effort, never an error.
 */
async function sweepOrphans(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (match && !processRuns(Number(match[1]))) await unlink(join(dirname(path), name)).catch(() => undefined);
  }
}

function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** Flushes the directory entry of a rename; not every platform allows it, hence best effort. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Directories cannot be opened for fsync on some systems; the rename is still atomic.
  }
}

/** The errno-style code of a Node error (`ENOENT`, `EACCES`, …), or `unknown`. */
export function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'unknown';
}
