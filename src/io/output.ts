/**
 * Where a command's result goes: standard output; with `-o FILE` a file written all at once
 * (temp file, fsync, rename), so that an error leaves an existing file untouched; or a
 * device, FIFO or descriptor (`-o /dev/null`, `-o >(gzip > x.gz)`), written into as a shell
 * redirection would. The target is chosen and checked by `prepareOutput` (output-target.ts).
 */
import { writeSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { ioError } from '../core/diagnostics.js';
import { stageFile } from './atomic-file.js';
import { errorCode } from './errno.js';
import { type OutputTarget, prepareOutput } from './output-target.js';

/** The name diagnostics use for standard output. */
export const STDOUT_NAME = '<stdout>';

/**
 * A command's output: the whole text, or its chunks in order (a renderer of a million rows
 * yields them one by one, so that the complete text never has to exist as one string).
 */
export type OutputText = string | Iterable<string>;

/** What a renderer hands over: text, or the bytes of a binary file (an .xlsx workbook). */
export type OutputBody = OutputText | Uint8Array;

/** About how many bytes go to the file or stream at once when output comes in chunks. */
export const WRITE_BATCH = 1 << 20;

/**
 * Output made ready but not yet delivered: for a file, written and flushed to a temporary
 * file beside it; for standard output or a stream, nothing yet. `deliver` puts it in place
 * (rename) or writes it out; `discard` drops it, leaving any existing file as it was.
 */
export interface PendingOutput {
  deliver(stdout: NodeJS.WritableStream): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Makes the output ready (see {@link PendingOutput}). A file is staged here, so a full disk
 * or a vanished directory shows now, before a caller records anything; the text is
 * rendered (its chunks consumed) here for a file, at `deliver` otherwise.
 */
export async function stageOutput(text: OutputBody, target: OutputTarget): Promise<PendingOutput> {
  if (target.kind === 'file') {
    const staged = await stageFile(target.path, typeof text === 'string' || text instanceof Uint8Array ? text : utf8Batches(text, WRITE_BATCH));
    return { deliver: () => staged.commit(), discard: () => staged.discard() };
  }
  return {
    deliver: (stdout) => (target.kind === 'stdout' ? writeStdout(text, stdout) : writeStream(text, target.path, target.fd)),
    discard: async () => undefined,
  };
}

/**
 * Writes the output to its target: `target` as `prepareOutput` made it, or a path (`-` or
 * undefined: standard output), checked here then. Chunks are encoded into batches of about
 * {@link WRITE_BATCH} bytes: fewer, larger writes, and never the whole text in memory. A
 * reader that went away (EPIPE: `flere … | head`) is not an error: nobody is left to want
 * the rest, so writing stops. Any other failure (`> /dev/full`: ENOSPC) is an I/O error
 * (`io.write`, exit 3), not a bug.
 */
export async function writeOutput(
  text: OutputBody,
  target: OutputTarget | string | undefined,
  stdout: NodeJS.WritableStream,
): Promise<void> {
  const checked = typeof target === 'object' ? target : prepareOutput(target);
  await (await stageOutput(text, checked)).deliver(stdout);
}

async function writeStdout(text: OutputBody, stdout: NodeJS.WritableStream): Promise<void> {
  for (const batch of typeof text === 'string' || text instanceof Uint8Array ? [text] : utf8Batches(text, WRITE_BATCH)) {
    if (!(await writeToStream(stdout, batch))) return;
  }
}

/**
 * Opens a device, FIFO or descriptor path for writing (O_TRUNC, as `>` does; a FIFO waits
 * for its reader as a shell would) and writes the text into it. A socket (stdout under
 * systemd, a socket pair from a parent process) cannot be opened by path (ENXIO): when the
 * path is one of our descriptors (`fd`), the text is written through that descriptor. EPIPE
 * ends it quietly.
 */
async function writeStream(text: OutputBody, path: string, fd: number | undefined): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    try {
      handle = await open(path, 'w');
    } catch (error) {
      if (errorCode(error) !== 'ENXIO' || fd === undefined) throw error;
      return await writeDescriptor(text, fd);
    }
    for (const batch of batchesOf(text)) {
      let done = 0;
      while (done < batch.length) done += (await handle.write(batch, done)).bytesWritten;
    }
    await handle.close();
    handle = undefined;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    const code = errorCode(error);
    // No errno: the renderer's own failure, a bug to report as such.
    if (code === 'unknown') throw error;
    if (code !== 'EPIPE') throw ioError({ code: 'io.write', file: path, value: code });
  }
}

/** Writes to an inherited descriptor, waiting out EAGAIN (a non-blocking socket whose buffer is full). */
async function writeDescriptor(text: OutputBody, fd: number): Promise<void> {
  for (const batch of batchesOf(text)) {
    let done = 0;
    while (done < batch.length) {
      try {
        done += writeSync(fd, batch, done);
      } catch (error) {
        if (errorCode(error) !== 'EAGAIN') throw error;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
  }
}

/** The output as buffers: bytes as they are, a string as UTF-8, chunks in batches of {@link WRITE_BATCH}. */
function batchesOf(text: OutputBody): Iterable<Uint8Array> {
  if (text instanceof Uint8Array) return [text];
  return typeof text === 'string' ? [Buffer.from(text)] : utf8Batches(text, WRITE_BATCH);
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

/** Whether the output goes to a terminal (and so may be coloured). */
export function outputIsTerminal(path: string | undefined, stdout: { isTTY?: boolean }): boolean {
  return (path === undefined || path === '-') && stdout.isTTY === true;
}
