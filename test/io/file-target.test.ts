// What a path names before flere writes to it: links followed (also dangling ones),
// descriptor paths recognised, and "the same file" by device and inode or by real path.
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locate, sameFile } from '../../src/io/file-target.js';
import { scratchDir } from '../helpers/scratch.js';

const { dir: made, file } = scratchDir('flere-target-');
// The scratch directory may itself lie behind a link (/tmp on some systems): compare real paths.
const dir = realpathSync(made);

describe('locate', () => {
  it('an existing file, a new name, a directory, and a missing directory', () => {
    file('a.csv', 'x');
    expect(locate(join(dir, 'a.csv'))).toMatchObject({ kind: 'file', real: join(dir, 'a.csv') });
    expect(locate(join(dir, 'none.csv'))).toMatchObject({ kind: 'new', real: join(dir, 'none.csv') });
    expect(locate(dir)).toMatchObject({ kind: 'directory' });
    expect(locate(`${join(dir, 'a.csv')}/`)).toMatchObject({ kind: 'unreachable', errno: 'ENOTDIR' });
    expect(locate(join(dir, 'missing', 'x.csv'))).toMatchObject({ kind: 'unreachable', errno: 'ENOENT' });
    expect(locate(join(dir, 'a.csv', 'x.csv'))).toMatchObject({ kind: 'unreachable', errno: 'ENOTDIR' });
  });

  it('follows a chain of symbolic links, relative to each link’s own directory, also to a file not yet made', () => {
    mkdirSync(join(dir, 'real'));
    file('real/ledger.csv', 'x');
    symlinkSync('real/ledger.csv', join(dir, 'one'));
    symlinkSync(join(dir, 'one'), join(dir, 'two'));
    expect(locate(join(dir, 'two'))).toMatchObject({ kind: 'file', real: join(dir, 'real', 'ledger.csv') });
    symlinkSync('../real/later.csv', join(dir, 'real', 'dangling'));
    expect(locate(join(dir, 'real', 'dangling'))).toMatchObject({ kind: 'new', real: join(dir, 'real', 'later.csv') });
  });

  it('a loop of links is unreachable (ELOOP), not an endless walk', () => {
    symlinkSync('loop-b', join(dir, 'loop-a'));
    symlinkSync('loop-a', join(dir, 'loop-b'));
    expect(locate(join(dir, 'loop-a'))).toMatchObject({ kind: 'unreachable', errno: 'ELOOP' });
  });

  it('a FIFO and a device are special; /dev/stdout, /dev/fd/N and a link to /proc/self/fd/1 are descriptors', () => {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(locate(join(dir, 'fifo'))).toMatchObject({ kind: 'special' });
    expect(locate('/dev/null')).toMatchObject({ kind: 'special' });
    expect(locate('/dev/stdout')).toMatchObject({ kind: 'descriptor', given: '/dev/stdout' });
    expect(locate('/dev/fd/1')).toMatchObject({ kind: 'descriptor' });
    symlinkSync('/proc/self/fd/1', join(dir, 'my-stdout'));
    expect(locate(join(dir, 'my-stdout'))).toMatchObject({ kind: 'descriptor' });
  });
});

describe('sameFile', () => {
  const sub = join(dir, 'sub');
  mkdirSync(sub);
  const ledger = join(sub, 'payouts.csv');
  writeFileSync(ledger, 'rows');

  it('is true for every other name of the same file', () => {
    linkSync(ledger, join(dir, 'hard.csv'));
    symlinkSync(ledger, join(dir, 'soft.csv'));
    // `ld/..` is sub (the kernel's reading), not dir (what a lexical path.join would make of it).
    mkdirSync(join(sub, 'deep'));
    symlinkSync(join(sub, 'deep'), join(dir, 'ld'));
    const names = [`${sub}/./payouts.csv`, `${dir}/sub/../sub/payouts.csv`, `${dir}/ld/../payouts.csv`, join(dir, 'hard.csv'), join(dir, 'soft.csv')];
    for (const name of names) {
      expect(sameFile(locate(name), locate(ledger)), name).toBe(true);
    }
    expect(sameFile(locate(join(dir, 'other.csv')), locate(ledger))).toBe(false);
  });

  it('compares names of a file not made yet by real path', () => {
    symlinkSync(join(sub, 'future.csv'), join(dir, 'to-future.csv'));
    expect(sameFile(locate(join(dir, 'to-future.csv')), locate(join(sub, 'future.csv')))).toBe(true);
    expect(sameFile(locate(join(dir, 'future.csv')), locate(join(sub, 'future.csv')))).toBe(false);
  });

  it('never calls devices the same file: writing /dev/null destroys nothing another name reads', () => {
    expect(sameFile(locate('/dev/null'), locate('/dev/null'))).toBe(false);
  });
});
