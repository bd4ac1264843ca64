/**
 * All-or-nothing file writes: the data goes to a temporary file in the target's own
 * directory (so the rename cannot cross file systems), is flushed to disk, and only then
 * renamed over the target. A crash at any moment leaves the old file or the new one,
 * never a torn one; a failure leaves the old file byte for byte as it was.
 *
 * The target is the file a path really names: a symbolic link is written through (the link
 * stays a link, the file it points to gets the new content), and the new file keeps the old
 * one's mode, owner and group (owner and group where the process may set them). A new file
 * gets the default mode, 0666 less the umask.
 */
import { accessSync, closeSync, constants, openSync, type Stats, unlinkSync } from 'node:fs';
import { type FileHandle, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type Diagnostic, ioError } from '../core/diagnostics.js';
import { errorCode } from './errno.js';
import { type Location, locate } from './file-target.js';
import { processAlive } from './processes.js';

/** Data to write: text, bytes, or chunks of either in order (never one string for a large output). */
export type FileData = string | Uint8Array | Iterable<string | Uint8Array>;

/**
 * Data written and flushed to a temporary file beside its target, not yet in place: `commit`
 * renames it over the target, `discard` removes it. Staging first lets a command find a full
 * disk before it records anything, and put everything in place only once all is written.
 */
export interface StagedFile {
  /** The file that `commit` replaces or creates: symbolic links followed. */
  readonly target: string;
  /** Puts the data in place (rename, then the directory is synced). Throws io `io.write`. */
  commit(): Promise<void>;
  /** Removes the temporary file; the target stays as it was. Never throws. */
  discard(): Promise<void>;
}

/**
 * Writes `data` to `path` atomically (see the module comment). Throws a FlereError of kind
 * `io` (code `io.write`, or `io.not-regular` for a device or FIFO, which cannot be replaced)
 * naming the file as `name` (the user's name for it) when it cannot be written; the temporary file is removed then. An error thrown by
 * the iterable itself (a bug in its producer) is rethrown as it is, after the temporary
 * file is removed: it is not an I/O problem.
 */
export async function writeFileAtomic(path: string, data: FileData, name: string = path): Promise<void> {
  await (await stageFile(path, data, name)).commit();
}

/** Distinguishes temporary files of one process made within the same millisecond. */
let made = 0;

/** A new temporary file name beside `target`, in the form {@link sweepOrphans} knows. */
function tempBeside(target: string): string {
  made += 1;
  return join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}${made}.tmp`);
}

/**
 * Checks, before any work is done, that the file `location` names can be written the way
 * {@link stageFile} writes it: an existing file must be writable, and a temporary file must
 * be creatable in its directory (tried: created and removed at once). Throws what
 * {@link stageFile} would: `io.write` with the errno (missing directory, permission, a
 * read-only or full file system), `io.not-regular` for a device or FIFO.
 */
export function checkReplaceable(location: Location): void {
  if (location.kind !== 'file' && location.kind !== 'new') throw targetError(location);
  const fail = (error: unknown) => ioError({ code: 'io.write', file: location.given, value: errorCode(error) });
  if (location.kind === 'file') {
    try {
      accessSync(location.real, constants.W_OK);
    } catch (error) {
      throw fail(error);
    }
  }
  const probe = tempBeside(location.real);
  try {
    closeSync(openSync(probe, 'wx', 0o600));
  } catch (error) {
    throw fail(error);
  }
  try {
    unlinkSync(probe);
  } catch {
    // Left behind, it is swept as an orphan by the next write.
  }
}

/**
 * Writes `data` to a temporary file beside the file `path` names, flushed to disk, with the
 * old file's mode and owner; see {@link StagedFile}. Errors as {@link writeFileAtomic}.
 */
export async function stageFile(path: string, data: FileData, name: string = path): Promise<StagedFile> {
  const location = locate(path);
  if (location.kind !== 'file' && location.kind !== 'new') throw targetError({ ...location, given: name });
  const target = location.real;
  const old = location.kind === 'file' ? location.stat : undefined;
  const dir = dirname(target);
  const temp = tempBeside(target);
  await sweepOrphans(target);
  const producer = { failed: false, error: undefined as unknown };
  let handle: FileHandle | undefined;
  try {
    // The old file's permissions from the first byte on: a 0600 ledger is never readable by others.
    handle = await open(temp, 'wx', old === undefined ? 0o666 : old.mode & 0o777);
    if (old !== undefined) await keepOwnerAndMode(handle, old);
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    // writeFile on an open handle writes at the current position: the chunks follow each other.
    else for (const chunk of watched(data, producer)) await handle.writeFile(chunk);
    await handle.sync();
    await handle.close();
    handle = undefined;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    if (producer.failed) throw producer.error;
    throw ioError({ code: 'io.write', file: name, value: errorCode(error) });
  }
  return {
    target,
    async commit() {
      try {
        await rename(temp, target);
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw ioError({ code: 'io.write', file: name, value: errorCode(error) });
      }
      await syncDirectory(dir);
    },
    async discard() {
      await unlink(temp).catch(() => undefined);
    },
  };
}

/**
 * The error for a path that cannot be replaced by a file: `io.write` with the errno for a
 * missing directory, a directory (EISDIR) and the like; `io.not-regular` for a device,
 * FIFO, socket or descriptor.
 */
export function targetError(location: Location): ReturnType<typeof ioError> {
  const d: Diagnostic =
    location.kind === 'unreachable'
      ? { code: 'io.write', file: location.given, value: location.errno }
      : location.kind === 'directory'
        ? { code: 'io.write', file: location.given, value: 'EISDIR' }
        : { code: 'io.not-regular', file: location.given };
  return ioError(d);
}

/**
 * Gives the temporary file the old file's owner, group and mode. Changing the owner needs
 * privileges a cron job of the file's owner does not have: then at least the group (which
 * an owner may set to one of its groups), and nothing when that is refused too. The mode is
 * set after the owner, since a change of owner clears the set-id bits.
 */
async function keepOwnerAndMode(handle: FileHandle, old: Stats): Promise<void> {
  const uid = process.geteuid?.();
  const gid = process.getegid?.();
  if (old.uid !== uid || old.gid !== gid) {
    try {
      await handle.chown(old.uid, old.gid);
    } catch {
      await handle.chown(-1, old.gid).catch(() => undefined);
    }
  }
  await handle.chmod(old.mode & 0o7777);
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
    if (match && !processAlive(Number(match[1]))) await unlink(join(dirname(path), name)).catch(() => undefined);
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
