/**
 * Runs the CLI in-process (`main(argv, ctx)`) with a fake context, and judges the outcome
 * the way the fuzz suites demand: exit 0 with output, or exit 1/2/3 with every stderr line a
 * `flere: ` diagnostic (or the JSON issues document in JSON mode), never a stack trace and
 * never exit 70. Spawning the built CLI would cost ~60 ms a case; this costs well under one.
 */
import { PassThrough, Writable } from 'node:stream';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';
import { withoutWarnings } from '../helpers/run-cli.js';

/** What one in-process run produced. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A stream that keeps what is written, synchronously, so nothing waits on a reader. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** How standard input looks to the run: these bytes (then end of file), or a terminal. */
export type FakeStdin = { readonly bytes: Uint8Array | string } | { readonly tty: true };

/** Runs `flere ARGS…` in this process with NO_COLOR=1 and the given stdin. */
export async function runInProcess(args: readonly string[], stdin: FakeStdin = { bytes: '' }): Promise<RunResult> {
  const out = collector();
  const err = collector();
  const input = new PassThrough() as PassThrough & { isTTY?: boolean };
  if ('tty' in stdin) input.isTTY = true;
  else input.end(stdin.bytes);
  const ctx: CliContext = { stdout: out.stream, stderr: err.stream, stdin: input, env: { NO_COLOR: '1' }, debug: false };
  const code = await main(['node', 'flere', ...args], ctx);
  return { code, stdout: out.text(), stderr: err.text() };
}

/** A stack frame or an error class name: never acceptable on stderr without --debug. */
const STACK = /^\s+at |\b(?:Type|Range|Reference|Syntax)?Error: |\.[cm]?[jt]s:\d+:\d+/m;

/**
 * Asserts a failed run failed cleanly: exit 1, 2 or 3, nothing on stdout, and stderr either
 * `flere: ` lines (at least one) or, in JSON mode, one issues document with the same exit code.
 */
export function expectCleanFailure(r: RunResult, context: string): void {
  expect([1, 2, 3], `exit ${r.code} for ${context}\n${r.stderr}`).toContain(r.code);
  expect(r.stdout, context).toBe('');
  expect(r.stderr, context).not.toMatch(STACK);
  // Warnings found before the failure (a kommune missing from the counts) come first.
  const stderr = withoutWarnings(r.stderr);
  if (stderr.startsWith('{')) {
    const document = JSON.parse(stderr) as { exit_code: number; issues: { code: string; message: string }[] };
    expect(document.exit_code, context).toBe(r.code);
    expect(document.issues.length, context).toBeGreaterThan(0);
    for (const issue of document.issues) expect(issue.code, context).toMatch(/^[a-z]+(?:[.-][a-z0-9]+)+$/);
    return;
  }
  const lines = stderr.split('\n').filter((l) => l !== '');
  expect(lines.length, context).toBeGreaterThan(0);
  for (const line of lines) expect(line, context).toMatch(/^flere: \S/);
}

/** Asserts the run never hit an internal error (exit 70) and failed cleanly if it failed. */
export function expectCleanOutcome(r: RunResult, context: string): void {
  expect(r.code, `${context}\n${r.stderr}`).not.toBe(70);
  if (r.code !== 0) expectCleanFailure(r, context);
}

/** A decimal string (`-12.5`, Danish `12,5`) as an integer at `scale` fractional digits. */
export function scaled(decimal: string, scale: number): bigint {
  const m = /^(-?)(\d+)(?:[.,](\d+))?$/.exec(decimal);
  if (!m) throw new Error(`not a decimal: ${JSON.stringify(decimal)}`);
  const frac = (m[3] ?? '').padEnd(scale, '0');
  if (frac.length > scale) throw new Error(`more than ${scale} decimals: ${decimal}`);
  const value = BigInt((m[2] ?? '') + frac);
  return m[1] === '-' ? -value : value;
}

/** Fractional digits used to compare amounts exactly (flere allows 18). */
export const COMPARE_SCALE = 18;
