// Where output goes when standard output fails: a reader that left (EPIPE, `| head`) is no
// error; a full disk is an I/O error with exit 3, not a bug.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FlereError } from '../../src/core/diagnostics.js';
import { writeOutput } from '../../src/io/output.js';

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
