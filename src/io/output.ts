/**
 * Where a command's result goes: standard output, or with `-o FILE` a file written all at
 * once (temp file, fsync, rename), so that an error leaves an existing file untouched.
 */
import { extname } from 'node:path';
import { ioError } from '../core/diagnostics.js';
import { errorCode, writeFileAtomic } from './atomic-file.js';
import { defaultFormat, type Format } from './render/formats.js';

/** The name diagnostics use for standard output. */
export const STDOUT_NAME = '<stdout>';

/**
 * Writes the complete output text to `path` atomically, or to `stdout`. A reader that went
 * away (EPIPE: `flere … | head`) is not an error: nobody is left to want the rest. Any other
 * failure of stdout (`> /dev/full`: ENOSPC) is an I/O error (`io.write`, exit 3), not a bug.
 */
export async function writeOutput(
  text: string,
  path: string | undefined,
  stdout: NodeJS.WritableStream,
): Promise<void> {
  if (path !== undefined && path !== '-') {
    await writeFileAtomic(path, text);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    stdout.write(text, (error) => {
      if (!error || errorCode(error) === 'EPIPE') resolve();
      else reject(ioError({ code: 'io.write', file: STDOUT_NAME, value: errorCode(error) }));
    });
  });
}

/**
 * The format to use: `--format` if given; else from `-o`'s extension (`.json`, `.csv`,
 * `.txt` → table); else a table on a terminal and CSV when piped.
 */
export function chooseFormat(
  explicit: Format | undefined,
  path: string | undefined,
  stdoutIsTerminal: boolean,
): Format {
  if (explicit) return explicit;
  if (path !== undefined && path !== '-') {
    const ext = extname(path).toLowerCase();
    if (ext === '.json') return 'json';
    if (ext === '.txt') return 'table';
    return 'csv';
  }
  return defaultFormat(stdoutIsTerminal);
}

/** Whether the output goes to a terminal (and so may be coloured). */
export function outputIsTerminal(path: string | undefined, stdout: { isTTY?: boolean }): boolean {
  return (path === undefined || path === '-') && stdout.isTTY === true;
}
