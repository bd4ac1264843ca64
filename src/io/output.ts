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

/** About how many bytes go to the file or stream at once when output comes in chunks. */
export const WRITE_BATCH = 1 << 20;

/**
 * Writes the output to `path` atomically, or to `stdout`. Chunks are encoded into batches
 * of about {@link WRITE_BATCH} bytes: fewer, larger writes, and never the whole text in
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
    await writeFileAtomic(path, typeof text === 'string' ? text : utf8Batches(text, WRITE_BATCH));
    return;
  }
  for (const batch of typeof text === 'string' ? [text] : utf8Batches(text, WRITE_BATCH)) {
    if (!(await writeToStream(stdout, batch))) return;
  }
}

/**
 * Writes one piece to `stdout` and waits until the stream has taken it (which is also how a
 * slow reader holds back the producer). False when the reader went away (EPIPE).
 */
function writeToStream(stdout: NodeJS.WritableStream, data: string | Uint8Array): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    stdout.write(data, (error) => {
      if (!error) resolve(true);
      else if (errorCode(error) === 'EPIPE') resolve(false);
      else reject(ioError({ code: 'io.write', file: STDOUT_NAME, value: errorCode(error) }));
    });
  });
}

/** Chunks joined at once into one flat piece of text; see {@link utf8Batches}. */
const CHUNKS_PER_PIECE = 64;

/**
 * `chunks` encoded as UTF-8 into buffers of about `size` bytes (the last may be shorter; a
 * buffer is never reused once handed out). Every {@link CHUNKS_PER_PIECE} chunks are joined
 * into one flat piece right away and encoded into the current buffer: a renderer's chunk is
 * a rope of many small strings, and holding thousands of them until a batch is full made the
 * young-generation GC copy them all (about a second over a million rows).
 */
export function* utf8Batches(chunks: Iterable<string>, size: number): Generator<Uint8Array> {
  let buffer = Buffer.allocUnsafe(size);
  let used = 0;
  for (const piece of pieces(chunks, CHUNKS_PER_PIECE)) {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2).
    const most = 3 * piece.length;
    if (used + most > buffer.length) {
      if (used > 0) yield buffer.subarray(0, used);
      buffer = Buffer.allocUnsafe(Math.max(size, most));
      used = 0;
    }
    used += buffer.write(piece, used);
  }
  if (used > 0) yield buffer.subarray(0, used);
}

/** `chunks` joined `count` at a time (the last piece may have fewer). */
function* pieces(chunks: Iterable<string>, count: number): Generator<string> {
  let recent: string[] = [];
  for (const chunk of chunks) {
    recent.push(chunk);
    if (recent.length === count) {
      yield recent.join('');
      recent = [];
    }
  }
  if (recent.length > 0) yield recent.join('');
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
