// Operational edges: output piped into `head` ends quietly, a terminal on stdin is a usage
// error rather than a hang, a full disk is an I/O error, and a stack trace appears only for
// internal errors and only with --debug.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers/run-cli.js';
import { runInProcess } from '../fuzz/in-process.js';
import { main } from '../../src/cli/main.js';

let dir = '';
let big = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flere-ops-'));
  // 20,000 free recipients: about 1.3 MB of CSV, far beyond a pipe's 64 KiB buffer, so that
  // `head` leaves while flere is still writing and the write fails with EPIPE.
  big = join(dir, 'big.csv');
  writeFileSync(big, ['name,count', ...Array.from({ length: 20_000 }, (_, i) => `modtager ${i},${(i % 97) + 1}`), ''].join('\n'));
});

/** Runs a shell pipeline; flere's exit status and stderr are kept apart from the pipe's. */
function pipeline(flereArgs: string, after: string): { status: string; stderr: string; stdout: string } {
  const status = join(dir, 'status');
  const stderr = join(dir, 'stderr');
  const script = `"${process.execPath}" "${BIN}" ${flereArgs} 2>"${stderr}" | ${after}; echo "\${PIPESTATUS[0]}" >"${status}"`;
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NO_COLOR: '1', TZ: 'UTC' } });
  return { status: readFileSync(status, 'utf8').trim(), stderr: readFileSync(stderr, 'utf8'), stdout: result.stdout.toString('utf8') };
}

describe('flere allocate | head', () => {
  it('ends quietly: the first line, nothing on stderr, exit 0', () => {
    const r = pipeline('allocate data/counts-2017.csv', 'head -1');
    expect(r.stdout).toBe('id,name,count,share,amount,tranche_1,tranche_2,tranche_3,applied\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe('0');
  });

  it('ends quietly when the reader leaves in the middle of a large output (EPIPE)', () => {
    for (const format of ['csv', 'json', 'table']) {
      const r = pipeline(`allocate "${big}" --no-registry --format ${format}`, 'head -1');
      expect(r.stdout.split('\n')).toHaveLength(2);
      expect(r.stderr, format).toBe('');
      // 0, or what a shell reports for SIGPIPE (141): the pipe's own status, never an error code.
      expect(['0', '141'], format).toContain(r.status);
    }
  });
});

describe('no input and a terminal on stdin', () => {
  it('is a usage error (exit 2) with a hint, not a wait', async () => {
    for (const args of [['allocate'], ['allocate', '-']]) {
      const r = await runInProcess(args, { tty: true });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^flere: no input: give a FILE, or pipe data in and use "-"/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('standard output that fails', () => {
  it('on a full disk is an I/O error (exit 3), one line, no stack', () => {
    const full = spawnSync(process.execPath, [BIN, 'allocate', big, '--no-registry'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NO_COLOR: '1' },
      stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'],
    });
    expect(full.stderr.toString('utf8')).toBe('flere: <stdout>: cannot write the output: no space left on the device (ENOSPC)\n');
    expect(full.status).toBe(3);
  });
});

/** A stdout whose write throws a plain programming error: the stand-in for a bug. */
function brokenStdout(): Writable {
  const stream = new Writable({ write: (_c, _e, cb) => cb() });
  stream.write = (() => {
    throw new TypeError('cannot read properties of undefined (reading "write")');
  }) as Writable['write'];
  return stream;
}

async function runWithBrokenStdout(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  const chunks: string[] = [];
  const stderr = new Writable({
    write(chunk: Buffer, _e, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  const stdin = new PassThrough();
  stdin.end();
  const code = await main(['node', 'flere', ...args], { stdout: brokenStdout(), stderr, stdin, env: { NO_COLOR: '1' }, debug: false });
  return { code, stderr: chunks.join('') };
}

describe('--debug', () => {
  it('shows no stack for bad input, with or without --debug', () => {
    for (const args of [['allocate', 'test/fixtures/bad/negative.csv'], ['--debug', 'allocate', 'test/fixtures/bad/negative.csv']]) {
      const r = runCli(args);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
    const usage = runCli(['--debug', 'allocate', 'data/counts-2017.csv', '--unit', '0']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).not.toMatch(/^\s+at /m);
  });

  it('an internal error is exit 70 with a hint, and a stack only with --debug', async () => {
    const plain = await runWithBrokenStdout(['allocate', 'data/counts-2017.csv']);
    expect(plain.code).toBe(70);
    expect(plain.stderr).toMatch(/^flere: internal error: /);
    expect(plain.stderr).toMatch(/--debug/);
    expect(plain.stderr).not.toMatch(/^\s+at /m);
    const debug = await runWithBrokenStdout(['--debug', 'allocate', 'data/counts-2017.csv']);
    expect(debug.code).toBe(70);
    expect(debug.stderr).toMatch(/^flere: internal error: /);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });
});
