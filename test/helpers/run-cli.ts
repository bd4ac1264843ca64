/**
 * Runs the built CLI (`bin/flere` → `dist/`) as a user would, with a minimal environment,
 * and returns stdout, stderr and the exit code together. `npm test` builds first.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The launcher under test. */
export const BIN = fileURLToPath(new URL('../../bin/flere', import.meta.url));

/** What a run produced. */
export interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly stdoutBytes: Buffer;
}

/** Options of a run: stdin bytes, working directory, extra environment. */
export interface RunOptions {
  readonly input?: string | Uint8Array;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** Runs `flere ARGS…` synchronously with NO_COLOR=1, TZ=UTC and nothing else but PATH. */
export function runCli(args: readonly string[], options: RunOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NO_COLOR: '1', TZ: 'UTC', ...options.env },
    input: options.input ?? '',
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    stdout: result.stdout.toString('utf8'),
    stderr: result.stderr.toString('utf8'),
    code: result.status,
    stdoutBytes: result.stdout,
  };
}

/**
 * `stderr` without its warning lines (`flere: warning: …`, or a JSON run's warnings
 * document): for tests about a run's errors that use data a warning is right about.
 */
export function withoutWarnings(stderr: string): string {
  return stderr
    .split(/(?<=\n)/)
    .filter((line) => !line.startsWith('flere: warning: ') && !line.startsWith('{"version":1,"warnings":'))
    .join('');
}
