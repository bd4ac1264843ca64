/**
 * Issue 11, file safety, end to end on the built CLI: money is never recorded twice and no
 * file is destroyed, whatever the operator names as `-o` or `--ledger` (the ledger itself,
 * a link, a device, a FIFO, a directory, nothing), and whatever happens meanwhile (a lock
 * held, a lock left empty, a full disk).
 *
 * The small allocation and progress below are worked out by hand: as of 2017-07 (the pool's
 * start month) only the tranches "at start" are due — Odense's 300 and Aalborg's 30. Tranche
 * 2 needs the whole target group cleared (20 of 100, 10 of 50: no), tranche 3 three months.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  statfsSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceNode, fifoWithReader } from '../helpers/devices.js';
import { simulateDiskFull } from '../helpers/disk-full.js';
import { BIN, ROOT, runCli, type CliResult } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';
import { runInProcess } from '../fuzz/in-process.js';

const root = realpathSync(scratchDir('flere-files-').dir);
const isRoot = process.geteuid?.() === 0;

const ALLOCATION_TEXT = JSON.stringify({
  version: 1,
  total: '1100',
  unit: '1',
  unallocated: '0',
  followup: '0',
  allocations: [
    { id: '461', name: 'Odense', count: '100', amount: '1000', tranches: ['300', '400', '300'], applied: true },
    { id: '851', name: 'Aalborg', count: '10', amount: '100', tranches: ['30', '40', '30'], applied: true },
  ],
});
const PROGRESS_TEXT = 'kommune,month,target_group,cleared,recipients,company_activity\n461,2017-07,100,20,90,10\n851,2017-07,50,10,50,5\n';
const HEADER = 'pool,kommune,name,tranche,amount,month_due,recorded_at\n';
/** The two rows a run as of 2017-07 records (without their recorded_at). */
const DUE_ROWS = ['flere-skal-med-1,461,Odense,1,300,2017-07', 'flere-skal-med-1,851,Aalborg,1,30,2017-07'];
/** A ledger in which Odense's first tranche is paid already: a run records Aalborg's only. */
const ODENSE_PAID = `${HEADER}flere-skal-med-1,461,Odense,1,300,2017-07,2017-08-01T06:00:00.000Z\n`;
const CSV_HEADER = 'id,name,tranche,amount,status,month,recorded,evidence\n';

/** A fresh directory with the allocation and the progress in it. */
function workdir(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'allocation.json'), ALLOCATION_TEXT);
  writeFileSync(join(dir, 'progress.csv'), PROGRESS_TEXT);
  return dir;
}

/** `flere check progress.csv --allocation allocation.json --as-of 2017-07 ARGS…` in `cwd`. */
const check = (cwd: string, ...args: string[]): CliResult =>
  runCli(['check', 'progress.csv', '--allocation', 'allocation.json', '--as-of', '2017-07', ...args], { cwd });

/** The same with `--ledger LEDGER --record --quiet --format csv`. */
const record = (cwd: string, ledger: string, ...args: string[]): CliResult =>
  check(cwd, '--ledger', ledger, '--record', '--quiet', '--format', 'csv', ...args);

/** The diagnostic codes of a `--format json` run's error document. */
function codes(r: CliResult): string[] {
  return (JSON.parse(r.stderr) as { issues: { code: string }[] }).issues.map((i) => i.code);
}
function issues(r: CliResult): { code: string; file: string | null; value: string | null }[] {
  return (JSON.parse(r.stderr) as { issues: { code: string; file: string | null; value: string | null }[] }).issues;
}

/** A ledger's rows without their recorded_at. */
function ledgerRows(path: string): string[] {
  return readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 6).join(','));
}

/** No temporary or lock file is left in `dir`. */
function expectNoLeftovers(dir: string): void {
  expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
}

/** Runs the CLI with standard input opened from `path` (a file or a directory). */
function withStdinFrom(path: string, args: string[], cwd: string): CliResult {
  const fd = openSync(path, 'r');
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, stdio: [fd, 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } });
    return { stdout: r.stdout.toString(), stderr: r.stderr.toString(), code: r.status, stdoutBytes: r.stdout };
  } finally {
    closeSync(fd);
  }
}

describe('point 1: -o onto the ledger, its lock or an input is a usage error; nothing is written or recorded', () => {
  const dir = workdir('p1');
  const ledger = join(dir, 'L.csv');
  writeFileSync(ledger, ODENSE_PAID);
  linkSync(ledger, join(dir, 'L-hard.csv'));
  symlinkSync('L.csv', join(dir, 'L-soft.csv'));

  it('check --record: the ledger by its own name, ./, ../dir/, a symbolic link, a hard link; its lock file', () => {
    for (const output of ['L.csv', './L.csv', '../p1/L.csv', join(dir, 'L.csv'), 'L-soft.csv', 'L-hard.csv', 'L.csv.lock']) {
      const r = check(dir, '--ledger', 'L.csv', '--record', '--quiet', '--format', 'json', '-o', output);
      expect([r.code, r.stdout], output).toEqual([2, '']);
      expect(codes(r), output).toEqual(['output.is-input']);
      expect(readFileSync(ledger, 'utf8'), output).toBe(ODENSE_PAID);
      expect(lstatSync(join(dir, 'L-soft.csv')).isSymbolicLink()).toBe(true);
      expectNoLeftovers(dir);
    }
  });

  it('every input of every command with -o, by any name (also standard input redirected from the file)', () => {
    for (const name of ['persons.csv', 'pool.json', 'counts.csv', 'applicants.csv', 'to.csv', 'check.json']) writeFileSync(join(dir, name), `${name}\n`);
    symlinkSync('allocation.json', join(dir, 'alloc-link.json'));
    const cases: [string[], string][] = [
      [['check', 'progress.csv', '--allocation', 'allocation.json', '-o', './progress.csv'], 'PROGRESS'],
      [['check', 'progress.csv', '--allocation', 'allocation.json', '-o', 'alloc-link.json'], '--allocation'],
      [['check', '--persons', 'persons.csv', '--allocation', 'allocation.json', '-o', 'persons.csv'], '--persons'],
      [['check', 'progress.csv', '--allocation', 'allocation.json', '--pool', 'pool.json', '-o', '../p1/pool.json'], '--pool'],
      [['check', 'progress.csv', '--allocation', 'allocation.json', '--ledger', 'L.csv', '-o', 'L-hard.csv'], '--ledger'],
      [['allocate', 'counts.csv', '-o', 'counts.csv'], 'FILE'],
      [['allocate', 'counts.csv', '--applicants', 'applicants.csv', '-o', 'applicants.csv'], '--applicants'],
      [['allocate', 'counts.csv', '--pool', 'pool.json', '-o', 'pool.json'], '--pool'],
      [['followup', 'allocation.json', '--to', 'to.csv', '-o', 'allocation.json'], 'ALLOCATION'],
      [['followup', 'allocation.json', '--to', 'to.csv', '-o', 'to.csv'], '--to'],
      [['followup', 'allocation.json', '--to', 'to.csv', '--forfeited', 'check.json', '-o', 'check.json'], '--forfeited'],
      [['progress', 'persons.csv', '-o', './persons.csv'], 'PERSONS'],
    ];
    const before = new Map(readdirSync(dir).map((f) => [f, lstatSync(join(dir, f)).isFile() ? readFileSync(join(dir, f), 'utf8') : '']));
    for (const [args, role] of cases) {
      const r = runCli([...args, '--format', 'json'], { cwd: dir });
      expect([r.code, r.stdout], args.join(' ')).toEqual([2, '']);
      expect(issues(r), args.join(' ')).toMatchObject([{ code: 'output.is-input' }]);
      expect(JSON.parse(r.stderr).issues[0].message, args.join(' ')).toContain(role);
    }
    const fromStdin = withStdinFrom(join(dir, 'counts.csv'), ['allocate', '-', '-o', 'counts.csv'], dir);
    expect(fromStdin.code).toBe(2);
    expect(fromStdin.stderr).toMatch(/^flere: counts\.csv: -o names the same file as FILE \(standard input\)/);
    for (const [f, text] of before) if (text !== '') expect(readFileSync(join(dir, f), 'utf8'), f).toBe(text);
    expect(readFileSync(ledger, 'utf8')).toBe(ODENSE_PAID);
  });
});

describe('point 2: a ledger reached through a symbolic link', () => {
  const dir = workdir('p2');
  mkdirSync(join(dir, 'real'));
  const real = join(dir, 'real', 'payouts.csv');
  writeFileSync(real, HEADER);
  symlinkSync('real/payouts.csv', join(dir, 'payouts.csv'));

  it('is written through: the link stays a link, and the real path then finds everything paid', () => {
    const first = record(dir, 'payouts.csv');
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(lstatSync(join(dir, 'payouts.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'payouts.csv'))).toBe('real/payouts.csv');
    expect(ledgerRows(real)).toEqual(DUE_ROWS);
    const again = record(dir, 'real/payouts.csv');
    expect([again.code, again.stdout, again.stderr]).toEqual([0, '', '']);
    expect(ledgerRows(real)).toEqual(DUE_ROWS);
    expectNoLeftovers(dir);
    expectNoLeftovers(join(dir, 'real'));
  });

  it('takes the real file’s lock: held through one name, a run through the other is refused and records nothing', () => {
    writeFileSync(real, HEADER);
    writeFileSync(`${real}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), token: 't', since: '2018-01-01T00:00:00Z' }));
    try {
      const r = record(dir, 'payouts.csv', '--format', 'json');
      expect(r.code).toBe(3);
      expect(issues(r)).toMatchObject([{ code: 'ledger.locked', file: 'payouts.csv', value: `${real}.lock` }]);
      expect(readFileSync(real, 'utf8')).toBe(HEADER);
    } finally {
      writeFileSync(`${real}.lock`, '');
      execFileSync('rm', [`${real}.lock`]);
    }
  });

  it('a dangling link names where the new ledger is created; -o onto a link writes through it', () => {
    symlinkSync('real/new.csv', join(dir, 'new.csv'));
    symlinkSync('real/report.csv', join(dir, 'report.csv'));
    const r = record(dir, 'new.csv', '-o', 'report.csv');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(lstatSync(join(dir, 'new.csv')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'report.csv')).isSymbolicLink()).toBe(true);
    expect(ledgerRows(join(dir, 'real', 'new.csv'))).toEqual(DUE_ROWS);
    expect(readFileSync(join(dir, 'real', 'report.csv'), 'utf8').startsWith(CSV_HEADER)).toBe(true);
  });
});

describe('point 5: the report is never lost after recording', () => {
  const dir = workdir('p5');
  const ledger = join(dir, 'L.csv');
  mkdirSync(join(dir, 'a-directory'));
  writeFileSync(join(dir, 'a-file'), 'x');

  it('an output that cannot be written is found before anything is recorded', () => {
    const cases: [string, string][] = [
      ['reports/x.csv', 'ENOENT'],
      ['a-directory', 'EISDIR'],
      ['a-file/x.csv', 'ENOTDIR'],
    ];
    if (!isRoot) {
      mkdirSync(join(dir, 'read-only'));
      chmodSync(join(dir, 'read-only'), 0o555);
      cases.push(['read-only/x.csv', 'EACCES']);
    }
    for (const [output, errno] of cases) {
      writeFileSync(ledger, ODENSE_PAID);
      const r = record(dir, 'L.csv', '--format', 'json', '-o', output);
      expect([r.code, r.stdout], output).toEqual([3, '']);
      expect(issues(r), output).toMatchObject([{ code: 'io.write', file: output, value: errno }]);
      expect(readFileSync(ledger, 'utf8'), output).toBe(ODENSE_PAID);
      expectNoLeftovers(dir);
    }
  });

  it('when the report fails after recording (a full device), the message says how many tranches went into which ledger', () => {
    writeFileSync(ledger, ODENSE_PAID);
    const full = deviceNode(join(dir, 'a-directory'), 'full');
    const r = record(dir, 'L.csv', '-o', full);
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^flere: .*full: cannot write the file: no space left on the device \(ENOSPC\)$/);
    expect(lines[1]).toMatch(/^flere: L\.csv: 1 tranche was recorded in this ledger \(recorded_at \d{4}-\d\d-\d\dT[\d:.]+Z\)/);
    expect(ledgerRows(ledger)).toEqual(DUE_ROWS);
    // The same as data, for programs.
    writeFileSync(ledger, HEADER);
    const json = record(dir, 'L.csv', '--format', 'json', '-o', full);
    expect(issues(json)).toMatchObject([
      { code: 'io.write', value: 'ENOSPC' },
      { code: 'check.recorded-not-reported', file: 'L.csv', value: '2' },
    ]);
  });

  it('--quiet with nothing due still replaces -o FILE: the CSV header, a JSON document with an empty list, an empty table', () => {
    writeFileSync(ledger, `${HEADER}${DUE_ROWS.map((r) => `${r},2017-08-01T06:00:00.000Z`).join('\n')}\n`);
    for (const name of ['r.csv', 'r.json', 'r.txt']) writeFileSync(join(dir, name), 'last month’s report\n');
    for (const name of ['r.csv', 'r.json', 'r.txt']) {
      const r = record(dir, 'L.csv', '--format', name === 'r.csv' ? 'csv' : name === 'r.json' ? 'json' : 'table', '-o', name);
      expect([r.code, r.stdout, r.stderr], name).toEqual([0, '', '']);
    }
    expect(readFileSync(join(dir, 'r.csv'), 'utf8')).toBe(CSV_HEADER);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'))).toMatchObject({ version: 1, quiet: true, tranches: [] });
    expect(readFileSync(join(dir, 'r.txt'), 'utf8')).toBe('');
    // On standard output: JSON is a valid document; CSV and the table print nothing (cron).
    const json = record(dir, 'L.csv', '--format', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ quiet: true, tranches: [] });
    expect(record(dir, 'L.csv').stdout).toBe('');
  });
});

describe('point 6: devices, FIFOs and descriptors are written into, never replaced', () => {
  const dir = workdir('p6');
  const expected = runCli(['allocate', 'data/counts-2017.csv', '--format', 'csv']).stdout;

  it('a device: /dev/null takes the output (exit 0), /dev/full is an I/O error (exit 3); both stay devices, also behind a link', () => {
    const devnull = deviceNode(dir, 'null');
    const full = deviceNode(dir, 'full');
    symlinkSync(devnull, join(dir, 'to-null'));
    for (const output of [devnull, 'to-null']) {
      const r = runCli(['allocate', join(ROOT, 'data/counts-2017.csv'), '-o', output], { cwd: dir });
      expect([r.code, r.stdout, r.stderr], output).toEqual([0, '', '']);
    }
    const r = runCli(['allocate', join(ROOT, 'data/counts-2017.csv'), '--format', 'json', '-o', full], { cwd: dir });
    expect(r.code).toBe(3);
    expect(issues(r)).toMatchObject([{ code: 'io.write', value: 'ENOSPC' }]);
    expect(statSync(devnull).isCharacterDevice()).toBe(true);
    expect(statSync(full).isCharacterDevice()).toBe(true);
    expect(lstatSync(join(dir, 'to-null')).isSymbolicLink()).toBe(true);
  });

  it('a FIFO: its reader gets the output, and it stays a FIFO', async () => {
    const fifo = join(dir, 'fifo');
    const { read } = fifoWithReader(fifo);
    const writer = spawn(process.execPath, [BIN, 'allocate', 'data/counts-2017.csv', '-o', fifo], { cwd: ROOT });
    const code = await new Promise((resolve) => writer.on('close', resolve));
    expect(code).toBe(0);
    expect(await read).toBe(expected);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a process substitution: -o >(gzip > x.gz) in bash', () => {
    const r = spawnSync('bash', ['-c', `"$0" "$1" allocate data/counts-2017.csv -o >(gzip > "$2"); status=$?; wait $!; exit $status`, process.execPath, BIN, join(dir, 'x.gz')], { cwd: ROOT });
    expect([r.status, r.stderr.toString()]).toEqual([0, '']);
    expect(gunzipSync(readFileSync(join(dir, 'x.gz'))).toString()).toBe(expected);
  });

  it('a descriptor: /dev/fd/3 (a socket, written through the descriptor) and a link to /proc/self/fd/1', () => {
    const r = spawnSync(process.execPath, [BIN, 'allocate', 'data/counts-2017.csv', '-o', '/dev/fd/3'], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    expect([r.status, r.stderr.toString(), r.stdout.toString()]).toEqual([0, '', '']);
    expect(r.output[3]?.toString()).toBe(expected);
    // /dev/stdout itself is such a link; a link of our own keeps a regression away from /dev.
    symlinkSync('/proc/self/fd/1', join(dir, 'my-stdout'));
    const out = runCli(['allocate', join(ROOT, 'data/counts-2017.csv'), '-o', 'my-stdout'], { cwd: dir });
    expect([out.code, out.stderr, out.stdout]).toEqual([0, '', expected]);
    expect(readlinkSync(join(dir, 'my-stdout'))).toBe('/proc/self/fd/1');
  });
});

describe('point 7: a rewrite keeps the mode and the owner; new files honour the umask', () => {
  const dir = workdir('p7');

  it('a 0600 ledger and a 0640 report keep their modes (and, as root, the owner nobody)', () => {
    const ledger = join(dir, 'L.csv');
    const report = join(dir, 'report.csv');
    writeFileSync(ledger, HEADER);
    writeFileSync(report, 'old\n');
    chmodSync(ledger, 0o600);
    chmodSync(report, 0o640);
    if (isRoot) for (const f of [ledger, report]) chownSync(f, 65534, 65534);
    const r = record(dir, 'L.csv', '-o', 'report.csv');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(ledgerRows(ledger)).toEqual(DUE_ROWS);
    expect(statSync(ledger).mode & 0o7777).toBe(0o600);
    expect(statSync(report).mode & 0o7777).toBe(0o640);
    if (isRoot) for (const f of [ledger, report]) expect([statSync(f).uid, statSync(f).gid], f).toEqual([65534, 65534]);
  });

  it('a new ledger and a new report get 0666 less the umask', () => {
    for (const [umask, mode] of [['077', 0o600], ['022', 0o644], ['002', 0o664]] as const) {
      const script = `umask ${umask} && exec "$0" "$@"`;
      const args = [BIN, 'check', 'progress.csv', '--allocation', 'allocation.json', '--as-of', '2017-07', '--ledger', `new-${umask}.csv`, '--record', '-o', `report-${umask}.csv`];
      const r = spawnSync('sh', ['-c', script, process.execPath, ...args], { cwd: dir });
      expect([r.status, r.stderr.toString()]).toEqual([0, '']);
      expect(statSync(join(dir, `new-${umask}.csv`)).mode & 0o777, umask).toBe(mode);
      expect(statSync(join(dir, `report-${umask}.csv`)).mode & 0o777, umask).toBe(mode);
    }
  });
});

describe('point 8: locks', () => {
  const dir = workdir('p8');
  const ledger = join(dir, 'L.csv');

  it('an empty lock file blocks for 10 minutes, with a message naming it; older, it is stale and the run records', () => {
    writeFileSync(ledger, HEADER);
    writeFileSync(`${ledger}.lock`, '');
    const young = record(dir, 'L.csv');
    expect(young.code).toBe(3);
    expect(young.stderr).toBe(
      `flere: L.csv: ledger locked: the lock file ${ledger}.lock cannot be read (empty, or not written by flere); it counts as stale once it is 10 minutes old — if no flere check --record is running, remove ${ledger}.lock now\n`,
    );
    expect(readFileSync(ledger, 'utf8')).toBe(HEADER);
    const then = new Date(Date.now() - 11 * 60 * 1000);
    utimesSync(`${ledger}.lock`, then, then);
    const old = record(dir, 'L.csv');
    expect([old.code, old.stderr]).toEqual([0, '']);
    expect(ledgerRows(ledger)).toEqual(DUE_ROWS);
    expectNoLeftovers(dir);
  });

  it('a lock of another host is never removed, however old; the message says what to do', () => {
    writeFileSync(ledger, HEADER);
    writeFileSync(`${ledger}.lock`, JSON.stringify({ pid: 1, host: 'elsewhere', token: 't', since: '2017-01-01T00:00:00Z' }));
    const then = new Date(Date.now() - 365 * 24 * 3600 * 1000);
    utimesSync(`${ledger}.lock`, then, then);
    const r = record(dir, 'L.csv');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`ledger locked by process 1 on elsewhere since 2017-01-01T00:00:00Z (${ledger}.lock): a lock from another machine is never removed automatically`);
    expect(existsSync(`${ledger}.lock`)).toBe(true);
    execFileSync('rm', [`${ledger}.lock`]);
  });

  it('40 runs at once: exactly one pays; the lock file is never seen empty or half-written', async () => {
    writeFileSync(ledger, HEADER);
    const runs = Array.from({ length: 40 }, () => {
      const child = spawn(process.execPath, [BIN, 'check', 'progress.csv', '--allocation', 'allocation.json', '--as-of', '2017-07', '--ledger', 'L.csv', '--record', '--quiet', '--format', 'csv'], { cwd: dir });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
    });
    let watching = true;
    const seen: string[] = [];
    const watcher = (async () => {
      while (watching) {
        try {
          seen.push(readFileSync(`${ledger}.lock`, 'utf8'));
        } catch {
          // No lock at this moment.
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    const results = await Promise.all(runs);
    watching = false;
    await watcher;
    const payers = results.filter((r) => r.code === 0 && r.stdout !== '');
    expect(payers).toHaveLength(1);
    expect(payers[0]?.stdout.trim().split('\n')).toHaveLength(3);
    for (const r of results.filter((x) => x !== payers[0])) {
      // Refused at the lock, or ran after the payer and found everything paid.
      if (r.code === 3) expect(r.stderr).toMatch(/ledger locked by process \d+/);
      else expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    }
    expect(ledgerRows(ledger)).toEqual(DUE_ROWS);
    for (const text of seen) expect(JSON.parse(text)).toMatchObject({ host: hostname() });
    expectNoLeftovers(dir);
  }, 60_000);
});

describe('point 12: names that are not files', () => {
  const dir = workdir('p12');
  mkdirSync(join(dir, 'somedir'));

  it('--ledger - and --ledger "" are usage errors, and no file named - appears', () => {
    for (const name of ['-', '']) {
      const r = check(dir, '--ledger', name, '--record', '--format', 'json');
      expect(r.code, name).toBe(2);
      expect(codes(r)).toEqual(['ledger.not-a-file']);
    }
    expect(existsSync(join(dir, '-'))).toBe(false);
    // A device cannot keep a ledger either: every run would pay again.
    const r = check(dir, '--ledger', deviceNode(dir, 'null'), '--record', '--format', 'json');
    expect([r.code, codes(r)]).toEqual([2, ['ledger.not-a-file']]);
  });

  it('-o "" is a usage error for every command with -o', () => {
    for (const args of [
      ['allocate', join(ROOT, 'data/counts-2017.csv')],
      ['check', 'progress.csv', '--allocation', 'allocation.json'],
      ['followup', 'allocation.json', '--to', 'progress.csv'],
      ['progress', 'progress.csv'],
    ]) {
      const r = runCli([...args, '--format', 'json', '-o', ''], { cwd: dir });
      expect([r.code, codes(r)], args[0]).toEqual([2, ['output.empty-path']]);
    }
  });

  it('standard input that is a directory is an I/O error saying so, not "the file is empty"', () => {
    for (const args of [
      ['allocate', '-'],
      ['check', '-', '--allocation', 'allocation.json'],
      ['check', '--persons', '-', '--allocation', 'allocation.json'],
      ['progress', '-'],
    ]) {
      const r = withStdinFrom(join(dir, 'somedir'), args, dir);
      expect([r.code, r.stdout], args.join(' ')).toEqual([3, '']);
      expect(r.stderr, args.join(' ')).toBe('flere: standard input is a directory, not a file (did you mean a file inside it?)\n');
    }
  });

  it('an input path that is a directory is an I/O error', () => {
    for (const args of [
      ['allocate', 'somedir'],
      ['check', 'progress.csv', '--allocation', 'somedir'],
      ['check', 'progress.csv', '--allocation', 'allocation.json', '--ledger', 'somedir'],
      ['progress', 'somedir'],
    ]) {
      const r = runCli(args, { cwd: dir });
      expect([r.code, r.stderr], args.join(' ')).toEqual([3, 'flere: somedir: is a directory, not a file\n']);
    }
  });
});

describe('a second run at the same time, a full disk: the ledger and the report stay byte for byte', () => {
  const dir = workdir('busy');
  const ledger = join(dir, 'L.csv');
  // Named .json: the runs below write JSON, and an output file must be what its name says.
  const report = join(dir, 'report.json');

  it('a run that finds the ledger locked records nothing and leaves the old report', () => {
    writeFileSync(ledger, ODENSE_PAID);
    writeFileSync(report, 'last month\n');
    writeFileSync(`${ledger}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), token: 't', since: '2018-01-01T00:00:00Z' }));
    const r = record(dir, 'L.csv', '--format', 'json', '-o', 'report.json');
    expect(r.code).toBe(3);
    expect(readFileSync(ledger, 'utf8')).toBe(ODENSE_PAID);
    expect(readFileSync(report, 'utf8')).toBe('last month\n');
    execFileSync('rm', [`${ledger}.lock`]);
  });

  describe('ENOSPC simulated in-process (every machine)', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    const args = ['check', join(dir, 'progress.csv'), '--allocation', join(dir, 'allocation.json'), '--as-of', '2017-07', '--ledger', ledger, '--record', '--format', 'json', '-o', report];

    it('while writing the ledger: nothing recorded, the old report stays', async () => {
      writeFileSync(ledger, ODENSE_PAID);
      writeFileSync(report, 'last month\n');
      await simulateDiskFull('flere-skal-med-1,851');
      const r = await runInProcess(args);
      expect(r.code).toBe(3);
      expect(JSON.parse(r.stderr).issues).toMatchObject([{ code: 'io.write', file: ledger, value: 'ENOSPC' }]);
      expect(readFileSync(ledger, 'utf8')).toBe(ODENSE_PAID);
      expect(readFileSync(report, 'utf8')).toBe('last month\n');
      expectNoLeftovers(dir);
    });

    it('while writing the report: found before the ledger is written, so nothing is recorded', async () => {
      writeFileSync(ledger, ODENSE_PAID);
      writeFileSync(report, 'last month\n');
      await simulateDiskFull('"tranches"');
      const r = await runInProcess(args);
      expect(r.code).toBe(3);
      expect(JSON.parse(r.stderr).issues).toMatchObject([{ code: 'io.write', file: report, value: 'ENOSPC' }]);
      expect(readFileSync(ledger, 'utf8')).toBe(ODENSE_PAID);
      expect(readFileSync(report, 'utf8')).toBe('last month\n');
      expectNoLeftovers(dir);
    });
  });

  describe('on a real full file system (a tiny tmpfs; only where this process may mount one)', () => {
    const tiny = join(dir, 'tiny');
    mkdirSync(tiny);
    /** Mounts a fresh 64 KiB tmpfs on `tiny` for the test's duration (false where it cannot). */
    const mount = (): boolean => isRoot && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', tiny]).status === 0;
    // Mounted and unmounted inside each test, never at collection: hooks of a filtered-out suite do not run.
    const mountable = mount() && spawnSync('umount', [tiny]).status === 0;
    const onTinyFs = (body: () => void) => () => {
      expect(mount()).toBe(true);
      try {
        body();
      } finally {
        spawnSync('umount', [tiny]);
      }
    };
    /** Fills the tmpfs, leaving `spare` bytes (one page: room for the lock file, not for a ledger). */
    const fill = (spare = 0) => {
      const free = statfsSync(tiny);
      writeFileSync(join(tiny, 'fill'), Buffer.alloc(Math.max(0, free.bavail * free.bsize - spare), 120));
    };

    it.runIf(mountable)('the ledger on a full disk: exit 3, the ledger byte for byte, no temporary file left', onTinyFs(() => {
      // A ledger of three pages (a person's long notes) with one page free: the lock fits, the new ledger does not.
      const big = `${HEADER.trimEnd()},note\nflere-skal-med-1,461,Odense,1,300,2017-07,2017-08-01T06:00:00.000Z,${'n'.repeat(10_000)}\n`;
      writeFileSync(join(tiny, 'L.csv'), big);
      fill(4096);
      const r = record(dir, 'tiny/L.csv', '--format', 'json', '-o', 'report.json');
      expect(r.code).toBe(3);
      expect(issues(r)).toMatchObject([{ code: 'io.write', file: 'tiny/L.csv', value: 'ENOSPC' }]);
      expect(readFileSync(join(tiny, 'L.csv'), 'utf8')).toBe(big);
      expect(readdirSync(tiny).sort()).toEqual(['L.csv', 'fill']);
    }));

    it.runIf(mountable)('the report on a full disk: exit 3 before anything is recorded; the old report stays', onTinyFs(() => {
      writeFileSync(ledger, ODENSE_PAID);
      writeFileSync(join(tiny, 'report.json'), 'last month\n');
      fill();
      const r = record(dir, 'L.csv', '--format', 'json', '-o', 'tiny/report.json');
      expect(r.code).toBe(3);
      expect(issues(r)).toMatchObject([{ code: 'io.write', file: 'tiny/report.json', value: 'ENOSPC' }]);
      expect(readFileSync(ledger, 'utf8')).toBe(ODENSE_PAID);
      expect(readFileSync(join(tiny, 'report.json'), 'utf8')).toBe('last month\n');
      expect(readdirSync(tiny).sort()).toEqual(['fill', 'report.json']);
    }));
  });
});
