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
 * A command's output: the whole text, or its chunks in order (a renderer of a million rows
 * yields them one by one, so that the complete text never has to exist as one string).
 */
export type OutputText = string | Iterable<string>;

/** About how many characters go to the file or stream at once when output comes in chunks. */
export const WRITE_BATCH = 1 << 20;

/**
 * Writes the output to `path` atomically, or to `stdout`. Chunks are joined into batches of
 * about {@link WRITE_BATCH} characters: fewer, larger writes, and never the whole text in
 * memory. A reader that went away (EPIPE: `flere … | head`) is not an error: nobody is left
 * to want the rest, so writing stops. Any other failure of stdout (`> /dev/full`: ENOSPC) is
 * an I/O error (`io.write`, exit 3), not a bug.
 */
export async function writeOutput(
  text: OutputText,
  path: string | undefined,
  stdout: NodeJS.WritableStream,
): Promise<void> {
  if (path !== undefined && path !== '-') {
    await writeFileAtomic(path, typeof text === 'string' ? text : batches(text, WRITE_BATCH));
    return;
  }
  for (const batch of typeof text === 'string' ? [text] : batches(text, WRITE_BATCH)) {
    if (!(await writeToStream(stdout, batch))) return;
  }
}

/**
 * Writes one piece to `stdout` and waits until the stream has taken it (which is also how a
 * slow reader holds back the producer). False when the reader went away (EPIPE).
 */
function writeToStream(stdout: NodeJS.WritableStream, text: string): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    stdout.write(text, (error) => {
      if (!error) resolve(true);
      else if (errorCode(error) === 'EPIPE') resolve(false);
      else reject(ioError({ code: 'io.write', file: STDOUT_NAME, value: errorCode(error) }));
    });
  });
}

/** Chunks joined at once into one flat piece of a batch; see {@link batches}. */
const CHUNKS_PER_PIECE = 64;

/**
 * `chunks` joined into strings of at least `size` characters (the last one may be shorter).
 * Every {@link CHUNKS_PER_PIECE} chunks are joined into one flat piece right away, and the
 * pieces into the batch: a renderer's chunk is a rope of many small strings, and holding
 * thousands of them until the batch is full made the young-generation GC copy them all
 * (about a second over a million rows); 64 at a time rarely live through a collection.
 */
export function* batches(chunks: Iterable<string>, size: number): Generator<string> {
  let pieces: string[] = [];
  let recent: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    recent.push(chunk);
    length += chunk.length;
    if (recent.length === CHUNKS_PER_PIECE || length >= size) {
      pieces.push(recent.join(''));
      recent = [];
    }
    if (length >= size) {
      yield pieces.join('');
      pieces = [];
      length = 0;
    }
  }
  if (recent.length > 0) pieces.push(recent.join(''));
  if (pieces.length > 0) yield pieces.join('');
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
