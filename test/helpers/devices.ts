/**
 * Device nodes for tests of `-o /dev/null` and `-o /dev/full`. As root, a copy of the node
 * in the test's own directory (`mknod`), so that a regression that replaced the node by a
 * regular file would break only the copy, never the machine's /dev; as anyone else the real
 * node, which an unprivileged process cannot replace anyway.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const NUMBERS = { null: '3', full: '7' } as const;

/** A path to a character device that behaves as /dev/null or /dev/full. */
export function deviceNode(dir: string, name: keyof typeof NUMBERS): string {
  if (process.geteuid?.() !== 0) return `/dev/${name}`;
  const path = join(dir, name);
  execFileSync('mknod', ['-m', '666', path, 'c', '1', NUMBERS[name]]);
  return path;
}
