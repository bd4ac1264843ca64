/**
 * Where a command's result goes: standard output, or with `-o FILE` a file written all at
 * once (temp file, fsync, rename), so that an error leaves an existing file untouched.
 */
import { extname } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { defaultFormat, type Format } from './render/formats.js';

/** Writes the complete output text to `path` atomically, or to `stdout`. */
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
    stdout.write(text, (error) => (error ? reject(error) : resolve()));
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
