/**
 * Getting the bytes of an input: a file path, or `-` for standard input. Problems become
 * typed errors: a missing or unreadable file is an I/O error (exit 3); no input at all with
 * a terminal on stdin is a usage error (exit 2) instead of a silent wait.
 */
import { fstatSync, readFileSync } from 'node:fs';
import { ioError, usageError } from '../core/diagnostics.js';
import { errorCode } from './errno.js';

/** The name diagnostics use for standard input. */
export const STDIN_NAME = '<stdin>';

/** A source as the user named it, and the name to show in diagnostics. */
export interface InputSource {
  readonly path: string | undefined;
  readonly display: string;
}

/** The display name of a path argument (`-` or nothing → `<stdin>`). */
export function sourceName(path: string | undefined): string {
  return path === undefined || path === '-' ? STDIN_NAME : path;
}

/**
 * Reads a whole input. `path` undefined or `-` reads `source.stdin`, refusing a terminal.
 * `source.stdin` is only touched then: creating Node's stdin stream costs start-up time.
 * Throws FlereError: `io.not-found`, `io.is-directory`, `io.read` (exit 3),
 * `usage.stdin-terminal` (exit 2), and for standard input what {@link checkStdin} throws.
 */
export async function readInput(
  path: string | undefined,
  source: { readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean } },
): Promise<Uint8Array> {
  if (path === undefined || path === '-') {
    const stdin = source.stdin;
    checkStdin(stdin);
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks);
  }
  try {
    // Synchronous on purpose: one whole file, nothing else to do meanwhile, and fewer turns
    // of the event loop at start-up than the promise API.
    return readFileSync(path);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') throw ioError({ code: 'io.not-found', file: path });
    if (code === 'EISDIR') throw ioError({ code: 'io.is-directory', file: path });
    throw ioError({ code: 'io.read', file: path, value: code });
  }
}

/**
 * Checks standard input before it is read: a terminal is a usage error
 * `usage.stdin-terminal` (reading it would wait forever); a directory (`< somedir`) is io
 * `io.stdin-directory` (reading it gives nothing, which would pass for an empty file).
 */
export function checkStdin(stdin: { isTTY?: boolean; fd?: unknown }): void {
  if (stdin.isTTY) throw usageError({ code: 'usage.stdin-terminal' });
  if (typeof stdin.fd !== 'number') return;
  let directory = false;
  try {
    directory = fstatSync(stdin.fd).isDirectory();
  } catch {
    // Not examinable (closed): reading will say what is wrong.
  }
  if (directory) throw ioError({ code: 'io.stdin-directory' });
}
