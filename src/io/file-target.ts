/**
 * What a path really names before flere writes to it or compares it with another: symbolic
 * links are followed (also a dangling one, to where it would create the file), directories
 * resolved, and a file descriptor path (`/dev/stdout`, `/dev/fd/63` of a process
 * substitution, `/proc/self/fd/N`) recognised as such, since its link text (`pipe:[…]`)
 * names no file. Synchronous on purpose: a handful of system calls at start-up, before any
 * input is read.
 */
import { lstatSync, readlinkSync, realpathSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { errorCode } from './errno.js';

/** Most symbolic links followed in a row, as Linux's own limit (ELOOP past it). */
const MAX_LINKS = 40;

/**
 * Where a path leads.
 * - `file`: an existing regular file at `real` (its `stat` as found);
 * - `new`: nothing at `real` yet (the directory exists): writing creates it;
 * - `directory`: an existing directory;
 * - `special`: a character or block device, a FIFO or a socket at `real`;
 * - `descriptor`: a file descriptor path (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`),
 *   used as given; `stat` is what the descriptor refers to, when it is open; `fd` its
 *   number when it is one of this process's own descriptors;
 * - `unreachable`: the path cannot be followed (`errno`: ENOENT for a missing directory,
 *   ENOTDIR, EACCES, ELOOP, ENAMETOOLONG).
 */
export type Location =
  | { readonly kind: 'file'; readonly given: string; readonly real: string; readonly stat: Stats }
  | { readonly kind: 'new'; readonly given: string; readonly real: string }
  | { readonly kind: 'directory'; readonly given: string; readonly real: string; readonly stat: Stats }
  | { readonly kind: 'special'; readonly given: string; readonly real: string; readonly stat: Stats }
  | { readonly kind: 'descriptor'; readonly given: string; readonly stat: Stats | undefined; readonly fd?: number }
  | { readonly kind: 'unreachable'; readonly given: string; readonly errno: string };

/** Follows `given` to what it names; never throws (a problem is an `unreachable` location). */
export function locate(given: string): Location {
  let path = given;
  for (let hops = 0; hops <= MAX_LINKS; hops += 1) {
    const name = basename(path);
    // `out/`, `.` and `..` can only name a directory, whatever is there.
    if (path.endsWith('/') || name === '.' || name === '..' || name === '') return asDirectory(given, path);
    let dir: string;
    try {
      dir = realpathSync.native(dirname(path));
    } catch (error) {
      return { kind: 'unreachable', given, errno: errorCode(error) };
    }
    if (isDescriptorDirectory(dir)) {
      const own = dir === `/proc/${process.pid}/fd` && /^\d+$/.test(name);
      return { kind: 'descriptor', given, stat: statOrUndefined(given), ...(own ? { fd: Number(name) } : {}) };
    }
    const real = join(dir, name);
    let stat: Stats;
    try {
      stat = lstatSync(real);
    } catch (error) {
      const errno = errorCode(error);
      return errno === 'ENOENT' ? { kind: 'new', given, real } : { kind: 'unreachable', given, errno };
    }
    if (stat.isSymbolicLink()) {
      let target: string;
      try {
        target = readlinkSync(real);
      } catch (error) {
        return { kind: 'unreachable', given, errno: errorCode(error) };
      }
      path = isAbsolute(target) ? target : join(dir, target);
      continue;
    }
    if (stat.isFile()) return { kind: 'file', given, real, stat };
    if (stat.isDirectory()) return { kind: 'directory', given, real, stat };
    return { kind: 'special', given, real, stat };
  }
  return { kind: 'unreachable', given, errno: 'ELOOP' };
}

function asDirectory(given: string, path: string): Location {
  try {
    const real = realpathSync.native(path);
    const stat = statSync(real);
    if (stat.isDirectory()) return { kind: 'directory', given, real, stat };
    return { kind: 'unreachable', given, errno: 'ENOTDIR' };
  } catch (error) {
    return { kind: 'unreachable', given, errno: errorCode(error) };
  }
}

/** `/proc/PID/fd` (what `/dev/fd` and `/proc/self/fd` resolve to on Linux), or a thread's. */
function isDescriptorDirectory(dir: string): boolean {
  return /^\/proc\/(?:\d+|self|thread-self)(?:\/task\/\d+)?\/fd$/.test(dir);
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Whether writing to `output` would overwrite the file at `input`: the same regular file by
 * device and inode (a hard link, a symbolic link, `./x`, `../dir/x`, a descriptor of it), or
 * the same real path where neither exists yet (two names for a ledger still to be created).
 * Devices, FIFOs and terminals are never "the same file": writing one does not destroy
 * what another read.
 */
export function sameFile(output: Location, input: Location): boolean {
  const a = fileStat(output);
  const b = fileStat(input);
  if (a !== undefined && b !== undefined) return a.dev === b.dev && a.ino === b.ino;
  const real = (l: Location): string | undefined => (l.kind === 'new' || l.kind === 'file' ? l.real : undefined);
  return real(output) !== undefined && real(output) === real(input);
}

/** The stat of a regular file behind a location (also behind a descriptor). */
function fileStat(l: Location): Stats | undefined {
  if (l.kind === 'file') return l.stat;
  if (l.kind === 'descriptor' && l.stat?.isFile()) return l.stat;
  return undefined;
}
