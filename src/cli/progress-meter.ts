/**
 * A one-line progress indication on stderr for long reads (rows read, rate), shown only
 * when stderr is a terminal: a pipe or a cron log gets nothing.
 */

/** The meter's callbacks; `update` is cheap enough to call after every chunk read. */
export interface ProgressMeter {
  readonly update: (rows: number) => void;
  readonly done: () => void;
}

/** Redraw at most this often (milliseconds). */
const INTERVAL = 200;

/** A meter writing to `stderr`, or undefined when stderr is not a terminal. */
export function progressMeter(stderr: NodeJS.WritableStream & { isTTY?: boolean }): ProgressMeter | undefined {
  if (stderr.isTTY !== true) return undefined;
  const started = Date.now();
  let last = started;
  let shown = false;
  const grouped = new Intl.NumberFormat('en-US');
  return {
    update(rows) {
      const now = Date.now();
      if (now - last < INTERVAL) return;
      last = now;
      const rate = rows / Math.max(0.001, (now - started) / 1000);
      stderr.write(`\rflere: ${grouped.format(rows)} rows read (${grouped.format(Math.round(rate))} rows/s)\u001b[K`);
      shown = true;
    },
    done() {
      if (shown) stderr.write('\r\u001b[K');
    },
  };
}

/**
 * Runs a long read with a meter on a terminal's stderr: `read` gets the callback to report
 * rows read with (none when stderr is not a terminal), and the line is cleared afterwards,
 * whether the read succeeded or not.
 */
export async function withProgressMeter<T>(
  stderr: NodeJS.WritableStream & { isTTY?: boolean },
  read: (onProgress: ((rows: number) => void) | undefined) => Promise<T>,
): Promise<T> {
  const meter = progressMeter(stderr);
  try {
    return await read(meter?.update);
  } finally {
    meter?.done();
  }
}
