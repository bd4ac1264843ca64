/**
 * Where `-o FILE` writes, decided before a command reads anything: so that an output which
 * would destroy one of the run's inputs (the ledger above all), or which cannot be written,
 * stops the run before anything is computed, recorded or written.
 */
import { accessSync, constants, fstatSync } from 'node:fs';
import { ioError, usageError } from '../core/diagnostics.js';
import { checkReplaceable, targetError } from './atomic-file.js';
import { errorCode } from './errno.js';
import { type Location, locate, sameFile } from './file-target.js';

/**
 * A command's output:
 * - `stdout`: standard output (no `-o`, or `-o -`);
 * - `file`: a regular file, new or existing, replaced atomically (temp file, fsync,
 *   rename), symbolic links written through; `path` as the user gave it;
 * - `stream`: a device, FIFO, socket or descriptor path (`/dev/null`, `/dev/fd/63`,
 *   `/dev/stdout`): opened for writing and written into, as a shell redirection would;
 *   `fd` is the descriptor's number when the path is one of this process's descriptors
 *   (a socket cannot be opened by path: it is written through the descriptor itself).
 */
export type OutputTarget =
  | { readonly kind: 'stdout' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'stream'; readonly path: string; readonly fd?: number };

/** Standard output as a target. */
export const STDOUT_TARGET: OutputTarget = { kind: 'stdout' };

/**
 * One input of a run, for {@link prepareOutput}: its path as given (`-` for standard input;
 * undefined when the option was not given) and `role`, the option or argument that named it
 * (`--ledger`, `PROGRESS`, …), for the message.
 */
export interface NamedInput {
  readonly role: string;
  readonly path: string | undefined;
}

/**
 * The target of `-o path`, checked. Throws FlereError:
 * - usage `output.empty-path` for `-o ''`;
 * - usage `output.is-input` when the output is one of `inputs` by any path (a symbolic or
 *   hard link, `./x`, `../dir/x`, a descriptor; standard input when it is that file), so
 *   that nothing is written and nothing recorded;
 * - io `io.write` (missing directory, a directory, permission, read-only file system) and
 *   io `io.not-regular`, when the output cannot be written.
 * `stdin` gives standard input (its descriptor is examined), called only when an input is `-`.
 */
export function prepareOutput(
  path: string | undefined,
  inputs: readonly NamedInput[] = [],
  stdin?: () => object,
): OutputTarget {
  if (path === undefined || path === '-') return STDOUT_TARGET;
  if (path === '') throw usageError({ code: 'output.empty-path' });
  const output = locate(path);
  for (const input of inputs) {
    if (input.path === undefined) continue;
    const where = input.path === '-' ? stdinLocation(stdin?.()) : locate(input.path);
    if (where !== undefined && sameFile(output, where)) {
      throw usageError({ code: 'output.is-input', file: path, value: input.path, args: { role: input.role } });
    }
  }
  if (output.kind === 'special' || output.kind === 'descriptor') {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      throw ioError({ code: 'io.write', file: path, value: errorCode(error) });
    }
    return { kind: 'stream', path, ...(output.kind === 'descriptor' && output.fd !== undefined ? { fd: output.fd } : {}) };
  }
  if (output.kind === 'unreachable' || output.kind === 'directory') throw targetError(output);
  checkReplaceable(output);
  return { kind: 'file', path };
}

/** Where standard input comes from, when it is a descriptor that can be examined. */
function stdinLocation(stdin: object | undefined): Location | undefined {
  const fd = (stdin as { fd?: unknown } | undefined)?.fd;
  if (typeof fd !== 'number') return undefined;
  try {
    return { kind: 'descriptor', given: '-', stat: fstatSync(fd) };
  } catch {
    return undefined;
  }
}
