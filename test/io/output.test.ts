// Where output goes when standard output fails: a reader that left (EPIPE, `| head`) is no
// error; a full disk is an I/O error with exit 3, not a bug.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FlereError } from '../../src/core/diagnostics.js';
import { utf8Batches, writeOutput } from '../../src/io/output.js';

function failingStdout(code: string): Writable {
  const stream = new Writable({
    write(_chunk, _encoding, callback) {
      callback(Object.assign(new Error(`${code}: write failed`), { code }));
    },
  });
  stream.on('error', () => undefined); // the launcher listens in the real process
  return stream;
}

describe('writeOutput to standard output', () => {
  it('ends quietly when the reader has gone (EPIPE)', async () => {
    await expect(writeOutput('x\n', undefined, failingStdout('EPIPE'))).resolves.toBeUndefined();
  });

  it('turns any other failure into an io.write error on <stdout>', async () => {
    const error = await writeOutput('x\n', '-', failingStdout('ENOSPC')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlereError);
    expect((error as FlereError).exitCode).toBe(3);
    expect((error as FlereError).diagnostics).toEqual([{ code: 'io.write', file: '<stdout>', value: 'ENOSPC' }]);
  });
});

describe('writeOutput with chunks', () => {
  /** A stream that keeps every write it receives, as a separate piece. */
  function recordingStdout(): { stream: Writable; writes: string[] } {
    const writes: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        writes.push(chunk.toString('utf8'));
        callback();
      },
    });
    return { stream, writes };
  }

  it('encodes chunks as UTF-8 into batches of about the batch size, in order, characters whole', () => {
    const chunks = Array.from({ length: 1000 }, (_, i) => `${i}: Ærø € 😀\n`);
    const batches = [...utf8Batches(chunks, 4096)];
    expect(Buffer.concat(batches).toString('utf8')).toBe(chunks.join(''));
    expect(batches.length).toBeGreaterThan(3);
    for (const b of batches.slice(0, -1)) expect(b.length).toBeLessThanOrEqual(4096);
    expect([...utf8Batches([], 3)]).toEqual([]);
    // A piece larger than a batch gets a buffer of its own.
    expect(Buffer.concat([...utf8Batches(['x'.repeat(10_000)], 100)]).toString()).toBe('x'.repeat(10_000));
  });

  it('writes the chunks to standard output in order, in batches rather than one write per chunk', async () => {
    const out = recordingStdout();
    const lines = Array.from({ length: 100_000 }, (_, i) => `row ${i}\n`);
    await writeOutput(lines, undefined, out.stream);
    expect(out.writes.join('')).toBe(lines.join(''));
    expect(out.writes.length).toBeGreaterThan(0);
    expect(out.writes.length).toBeLessThan(10);
  });

  it('stops quietly at EPIPE without asking for the rest of the chunks', async () => {
    let produced = 0;
    function* many(): Generator<string> {
      for (let i = 0; i < 5_000_000; i++) {
        produced += 1;
        yield 'x'.repeat(10);
      }
    }
    await expect(writeOutput(many(), undefined, failingStdout('EPIPE'))).resolves.toBeUndefined();
    expect(produced).toBeLessThan(5_000_000);
  });
});
