import type { SheetRegistry } from '../io/table-input.js';

/**
 * The process's edges as one value, so that commands never reach for `process` themselves
 * and tests can run a command in-process with their own streams.
 */
export interface CliContext {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Set by `--debug`: an internal error then shows its stack. */
  debug: boolean;
  /** Set for a `--format json` run: problems and warnings go to stderr as JSON documents. */
  json?: boolean;
  /** The workbook sheets read in this run, so that problems in them are worded as cells. */
  sheets?: SheetRegistry;
}

/**
 * The real process's streams and environment. `stdin` is a getter: creating Node's stdin
 * stream costs about 1.5 ms at start-up, which commands that never read it should not pay.
 */
export function processContext(): CliContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    debug: false,
  };
}
