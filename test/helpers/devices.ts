/**
 * Device nodes and FIFOs for tests of `-o /dev/null`, `-o /dev/full` and `-o FIFO`. As root, a copy of the node
 * in the test's own directory (`mknod`), so that a regression that replaced the node by a
 * regular file would break only the copy, never the machine's /dev; as anyone else the real
 * node, which an unprivileged process cannot replace anyway.
 */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

const NUMBERS = { null: '3', full: '7' } as const;

/** A path to a character device that behaves as /dev/null or /dev/full. */
export function deviceNode(dir: string, name: keyof typeof NUMBERS): string {
  if (process.geteuid?.() !== 0) return `/dev/${name}`;
  const path = join(dir, name);
  execFileSync('mknod', ['-m', '666', path, 'c', '1', NUMBERS[name]]);
  return path;
}

/** Makes a FIFO at `path` and starts a reader on it; `read` is all it received once the writer closed. */
export function fifoWithReader(path: string): { read: Promise<string> } {
  execFileSync('mkfifo', [path]);
  const reader = spawn('cat', [path]);
  let got = '';
  reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
  return { read: new Promise((resolve) => reader.on('close', () => resolve(got))) };
}
