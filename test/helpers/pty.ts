/**
 * Runs the built CLI in a pseudo-terminal, the way a person at a terminal runs it: stdin,
 * stdout and stderr are all the terminal, so every code path that is taken only on a
 * terminal (colour, the progress meter, the table as default format) is taken. The pipes of
 * `run-cli.ts` never reach those paths; a crash there once shipped unseen.
 *
 * The terminal is driven by Python's `pty` module (`pty-run.py`), which every CI image here
 * has; without python3 these tests fail rather than skip, because they are the only guard
 * of the terminal paths.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BIN, ROOT } from './run-cli.js';

const DRIVER = fileURLToPath(new URL('./pty-run.py', import.meta.url));

/** What a terminal showed: stdout and stderr interleaved, with the terminal's CRLF line ends. */
export interface PtyResult {
  readonly output: string;
  readonly code: number | null;
}

/** Options of a terminal run: working directory, extra environment, window width, launcher. */
export interface PtyOptions {
  readonly cwd?: string;
  /** The launcher to run (default: this checkout's bin/flere). */
  readonly bin?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly columns?: number;
}

/**
 * Runs `flere ARGS…` in a pseudo-terminal with TERM=xterm-256color and TZ=UTC (no NO_COLOR,
 * so colour is on as for a person), and returns what the terminal showed and the exit code.
 */
export function runInTerminal(args: readonly string[], options: PtyOptions = {}): PtyResult {
  const cwd = options.cwd ?? ROOT;
  const result = spawnSync('python3', [DRIVER, String(options.columns ?? 160), '50', cwd, '--', process.execPath, options.bin ?? BIN, ...args], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', TERM: 'xterm-256color', TZ: 'UTC', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  if (result.status !== 0) {
    throw new Error(`the pseudo-terminal driver failed (${result.status}): ${result.stderr.toString('utf8')}`);
  }
  return JSON.parse(result.stdout.toString('utf8')) as PtyResult;
}

/** `text` without ANSI escape sequences and with LF line ends: what a reader sees. */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').replace(/\r\n/g, '\n');
}

/** Whether `text` holds an ANSI colour (SGR) sequence. */
export function hasColour(text: string): boolean {
  return /\u001b\[[0-9;]*m/.test(text);
}
