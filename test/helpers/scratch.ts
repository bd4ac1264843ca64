/**
 * A scratch directory for tests that give the CLI files of their own: made fresh under the
 * system's temporary directory, so parallel test files never share one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scratch directory and a writer of files into it. */
export interface Scratch {
  /** The directory's path. */
  readonly dir: string;
  /** Writes `text` to `name` in the directory (replacing it) and returns the file's path. */
  file(name: string, text: string | Uint8Array): string;
}

/** A new scratch directory whose name starts with `prefix` (`flere-check-`). */
export function scratchDir(prefix: string): Scratch {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}
