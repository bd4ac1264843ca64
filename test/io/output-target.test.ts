// `-o FILE` is checked before anything is read: an output that is one of the run's inputs is
// a usage error, one that cannot be written an I/O error; a device, FIFO or descriptor is
// written into, never replaced (issue 11, points 1, 5, 6, 12).
import { execFileSync } from 'node:child_process';
import { closeSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlereError } from '../../src/core/diagnostics.js';
import { writeOutput } from '../../src/io/output.js';
import { prepareOutput } from '../../src/io/output-target.js';
import { deviceNode, fifoWithReader } from '../helpers/devices.js';
import { scratchDir } from '../helpers/scratch.js';

const { dir, file } = scratchDir('flere-output-');

function failure(f: () => unknown): { kind: string; codes: string[]; diagnostics: FlereError['diagnostics'] } {
  try {
    f();
  } catch (error) {
    if (error instanceof FlereError) return { kind: error.kind, codes: error.diagnostics.map((d) => d.code), diagnostics: error.diagnostics };
    throw error;
  }
  throw new Error('expected a FlereError');
}

describe('prepareOutput', () => {
  const ledger = file('payouts.csv', 'pool,kommune\n');

  it('standard output for no -o and for -o -; a usage error for -o ""', () => {
    expect(prepareOutput(undefined)).toEqual({ kind: 'stdout' });
    expect(prepareOutput('-')).toEqual({ kind: 'stdout' });
    expect(failure(() => prepareOutput(''))).toMatchObject({ kind: 'usage', codes: ['output.empty-path'] });
  });

  it('an output that is an input, by any name, is a usage error naming the input’s role', () => {
    mkdirSync(join(dir, 'sub'));
    linkSync(ledger, join(dir, 'hard.csv'));
    symlinkSync('payouts.csv', join(dir, 'soft.csv'));
    const inputs = [
      { role: 'PROGRESS', path: undefined },
      { role: '--ledger', path: ledger },
    ];
    for (const name of [ledger, `${dir}/./payouts.csv`, `${dir}/sub/../payouts.csv`, join(dir, 'hard.csv'), join(dir, 'soft.csv')]) {
      const f = failure(() => prepareOutput(name, inputs));
      expect(f, name).toMatchObject({ kind: 'usage', codes: ['output.is-input'] });
      expect(f.diagnostics[0]).toMatchObject({ file: name, value: ledger, args: { role: '--ledger' } });
    }
    // A ledger not created yet is compared by where it would be created.
    const future = join(dir, 'future.csv');
    expect(failure(() => prepareOutput(`${dir}/sub/../future.csv`, [{ role: '--ledger', path: future }])).codes).toEqual(['output.is-input']);
    expect(prepareOutput(join(dir, 'report.csv'), inputs)).toEqual({ kind: 'file', path: join(dir, 'report.csv') });
  });

  it('standard input redirected from the output file is an input too', () => {
    const fd = openSync(ledger, 'r');
    try {
      const f = failure(() => prepareOutput(ledger, [{ role: 'FILE', path: '-' }], () => ({ fd })));
      expect(f.diagnostics[0]).toMatchObject({ code: 'output.is-input', value: '-', args: { role: 'FILE' } });
      expect(prepareOutput(join(dir, 'other.csv'), [{ role: 'FILE', path: '-' }], () => ({ fd }))).toMatchObject({ kind: 'file' });
    } finally {
      closeSync(fd);
    }
  });

  it('an output that cannot be written is an I/O error before anything is done', () => {
    const cases: [string, string][] = [
      [join(dir, 'missing', 'x.csv'), 'ENOENT'],
      [dir, 'EISDIR'],
      [join(ledger, 'x.csv'), 'ENOTDIR'],
    ];
    for (const [name, errno] of cases) {
      const f = failure(() => prepareOutput(name));
      expect(f, name).toMatchObject({ kind: 'io', codes: ['io.write'] });
      expect(f.diagnostics[0]?.value).toBe(errno);
    }
  });

  it('a FIFO, a device and a descriptor path are streams, written into, not replaced', () => {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(prepareOutput(join(dir, 'fifo'))).toEqual({ kind: 'stream', path: join(dir, 'fifo') });
    expect(prepareOutput('/dev/null')).toEqual({ kind: 'stream', path: '/dev/null' });
    // One of our own descriptors: its number comes along, for a socket that cannot be opened by path.
    expect(prepareOutput('/dev/stdout')).toEqual({ kind: 'stream', path: '/dev/stdout', fd: 1 });
  });
});

describe('writeOutput to a stream', () => {
  it('writes into a FIFO for its reader and leaves the FIFO a FIFO', async () => {
    const fifo = join(dir, 'pipe');
    const { read } = fifoWithReader(fifo);
    await writeOutput(['a,b\n', '1,2\n'], prepareOutput(fifo), process.stdout);
    expect(await read).toBe('a,b\n1,2\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a device that is full is an I/O error (ENOSPC); the device stays a device', async () => {
    const full = deviceNode(dir, 'full');
    await expect(writeOutput('x\n', prepareOutput(full), process.stdout)).rejects.toMatchObject({
      kind: 'io',
      diagnostics: [{ code: 'io.write', file: full, value: 'ENOSPC' }],
    });
    expect(lstatSync(full).isCharacterDevice()).toBe(true);
  });

  it('a file output replaces the old file only once all is written', async () => {
    const target = file('report.csv', 'last month\n');
    await writeOutput(['this ', 'month\n'], prepareOutput(target), process.stdout);
    expect(readFileSync(target, 'utf8')).toBe('this month\n');
  });
});
