/**
 * All-or-nothing file writes: the data goes to a temporary file in the target's own
 * directory (so the rename cannot cross file systems), is flushed to disk, and only then
 * renamed over the target. A crash at any moment leaves the old file or the new one,
 * never a torn one; a failure leaves the old file byte for byte as it was.
 */
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ioError } from '../core/diagnostics.js';

/**
 * Writes `data` to `path` atomically. Throws a FlereError of kind `io` (code `io.write`)
 * when the directory is missing or not writable; the temporary file is removed then.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let handle;
  try {
    handle = await open(temp, 'wx', 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
    await syncDirectory(dirname(path));
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw ioError({ code: 'io.write', file: path, value: errorCode(error) });
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
