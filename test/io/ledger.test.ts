/**
 * The payout ledger: reading with line numbers, appending in the file's own dialect, the
 * lock, and what happens when the writer is killed at random moments or two run at once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFixed } from '../../src/core/decimal.js';
import type { LedgerEntry } from '../../src/core/tranche-status.js';
import { appendPayouts, parseLedger, readLedger, writeLedger } from '../../src/io/ledger.js';
import { lockPathOf, withLedgerLock } from '../../src/io/ledger-lock.js';
import { processStartTime } from '../../src/io/processes.js';
import { thrownFlereError } from '../helpers/flere-error.js';
import { BIN, ROOT, runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'flere-ledger-'));
const POOL = 'flere-skal-med-1';
const entry = (kommune: string, tranche: number, amount: string, monthDue: string): LedgerEntry => ({
  kommune,
  tranche,
  amount: parseFixed(amount)!,
  monthDue,
  recordedAt: '2018-01-01T06:00:00.000Z',
});
const failure = (f: () => unknown) => thrownFlereError(f).diagnostics.map((d) => `${d.code}@${d.line}`);

describe('reading the ledger', () => {
  it('a missing file is an empty ledger with the standard header', async () => {
    const ledger = await readLedger(join(dir, 'none.csv'), POOL);
    expect(ledger.entries).toEqual([]);
    expect(ledger.text).toBeNull();
    expect(appendPayouts(ledger, [{ entry: entry('461', 1, '300', '2017-07'), name: 'Odense' }], POOL)).toBe(
      'pool,kommune,name,tranche,amount,month_due,recorded_at\n' +
        'flere-skal-med-1,461,Odense,1,300,2017-07,2018-01-01T06:00:00.000Z\n',
    );
  });

  it('accepts a hand-kept ledger: names, Danish headers, semicolons and decimal commas', () => {
    const text = 'Kommune;Rate;Beløb;Måned\r\nOdense;1;300,50;2017-07\r\n';
    const ledger = parseLedger(text, 'l.csv', POOL);
    expect(ledger.entries).toEqual([
      { kommune: '461', tranche: 1, amount: { digits: 30050n, scale: 2 }, monthDue: '2017-07', recordedAt: '', line: 2 },
    ]);
    // Appending keeps the file's delimiter, column order, decimal mark and CRLF; columns it
    // does not have (pool, name, recorded_at) are left out.
    expect(appendPayouts(ledger, [{ entry: entry('851', 2, '40.25', '2018-02'), name: 'Aalborg' }], POOL)).toBe(
      `${text}851;2;40,25;2018-02\r\n`,
    );
  });

  it('keeps extra columns a person added, leaving them empty in new rows', () => {
    const text = 'pool,kommune,name,tranche,amount,month_due,recorded_at,note\nflere-skal-med-1,461,Odense,1,300,2017-07,x,"paid late, see mail"';
    const ledger = parseLedger(text, 'l.csv', POOL);
    expect(appendPayouts(ledger, [{ entry: entry('461', 2, '400', '2017-09'), name: 'Odense' }], POOL)).toBe(
      `${text}\nflere-skal-med-1,461,Odense,2,400,2017-09,2018-01-01T06:00:00.000Z,\n`,
    );
  });

  it('a rewrite keeps the file’s encoding and BOM (Danish Excel’s Windows-1252, UTF-8 with BOM)', async () => {
    const row = { entry: entry('101', 1, '3', '2017-07'), name: 'København' };
    const cp1252 = join(dir, 'cp1252.csv');
    // "Kommune;Navn;Rate;Beløb;Måned" and "Hørsholm" in Windows-1252: ø = 0xF8, å = 0xE5.
    writeFileSync(cp1252, Buffer.from('Kommune;Navn;Rate;Bel\xf8b;M\xe5ned\r\n223;H\xf8rsholm;1;5;2017-07\r\n', 'latin1'));
    const l1 = await readLedger(cp1252, POOL);
    expect([l1.encoding, l1.bom]).toEqual(['windows-1252', false]);
    await writeLedger(cp1252, appendPayouts(l1, [row], POOL), l1);
    expect(readFileSync(cp1252).toString('latin1')).toBe(
      'Kommune;Navn;Rate;Bel\xf8b;M\xe5ned\r\n223;H\xf8rsholm;1;5;2017-07\r\n101;K\xf8benhavn;1;3;2017-07\r\n',
    );
    const bom = join(dir, 'bom.csv');
    writeFileSync(bom, '\ufeffkommune,tranche,amount,month_due\n223,1,5,2017-07\n');
    const l2 = await readLedger(bom, POOL);
    expect([l2.encoding, l2.bom]).toEqual(['utf-8', true]);
    await writeLedger(bom, appendPayouts(l2, [row], POOL), l2);
    expect(readFileSync(bom, 'utf8')).toBe('\ufeffkommune,tranche,amount,month_due\n223,1,5,2017-07\n101,1,3,2017-07\n');
  });

  it('reports every bad row with its line', () => {
    const text = [
      'pool,kommune,name,tranche,amount,month_due,recorded_at',
      'flere-skal-med-1,461,Odense,1,300,2017-07,x',
      'flere-skal-med-1,Odensee,Odense,1,300,2017-07,x',
      'flere-skal-med-1,461,Odense,0,300,2017-07,x',
      'flere-skal-med-1,461,Odense,2,-5,2017-07,x',
      'flere-skal-med-1,461,Odense,2,400,17-07,x',
      'flere-skal-med-2,461,Odense,3,300,2017-07,x',
    ].join('\n');
    expect(failure(() => parseLedger(text, 'l.csv', POOL))).toEqual([
      'kommune.unknown@3',
      'ledger.bad-tranche@4',
      'number.negative@5',
      'ledger.bad-month@6',
      'ledger.other-pool@7',
    ]);
  });
});

describe('the ledger lock', () => {
  it('is exclusive while held, and released afterwards, also after an error', async () => {
    const ledger = join(dir, 'lock-a.csv');
    await withLedgerLock(ledger, async () => {
      expect(existsSync(lockPathOf(ledger))).toBe(true);
      const info = JSON.parse(readFileSync(lockPathOf(ledger), 'utf8'));
      expect(info).toMatchObject({ pid: process.pid, host: hostname() });
      await expect(withLedgerLock(ledger, async () => 'no')).rejects.toMatchObject({
        kind: 'io',
        diagnostics: [{ code: 'ledger.locked', file: ledger, args: { pid: process.pid } }],
      });
    });
    expect(existsSync(lockPathOf(ledger))).toBe(false);
    await expect(withLedgerLock(ledger, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(lockPathOf(ledger))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('lock-a'))).toEqual([]);
  });

  it('breaks a stale lock of a dead process, but not a lock of another host', async () => {
    const ledger = join(dir, 'lock-b.csv');
    const dead = await deadPid();
    writeFileSync(lockPathOf(ledger), JSON.stringify({ pid: dead, host: hostname(), token: 'old', since: 'then' }));
    expect(await withLedgerLock(ledger, async () => 'ran')).toBe('ran');
    expect(existsSync(lockPathOf(ledger))).toBe(false);

    writeFileSync(lockPathOf(ledger), JSON.stringify({ pid: dead, host: 'elsewhere', token: 'x', since: 'then' }));
    await expect(withLedgerLock(ledger, async () => 'ran')).rejects.toMatchObject({
      diagnostics: [{ code: 'ledger.locked', args: { host: 'elsewhere' } }],
    });
  });
});

describe('the ledger lock and reused pids', () => {
  it('a live pid whose start time differs from the lock’s is another process: the lock is stale', async () => {
    const started = processStartTime(process.pid);
    if (started === undefined) return; // no /proc: only the pid is checked
    const ledger = join(dir, 'lock-c.csv');
    const lock = (s: string) =>
      writeFileSync(lockPathOf(ledger), JSON.stringify({ pid: process.pid, host: hostname(), token: 'x', since: 'then', started: s }));
    lock(started);
    await expect(withLedgerLock(ledger, async () => 'ran')).rejects.toMatchObject({ diagnostics: [{ code: 'ledger.locked' }] });
    lock(`${started}0`);
    expect(await withLedgerLock(ledger, async () => 'ran')).toBe('ran');
  });
});

// --- Killing the writer, and two writers at once --------------------------------------

/** An allocation of the bundled data and a large ledger of its start tranches, once. */
function bigLedgerSetup(): { allocation: string; base: string; baseText: string } {
  const allocation = join(dir, 'allocation.json');
  const a = runCli(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json', '-o', allocation]);
  if (a.code !== 0) throw new Error(a.stderr);
  const doc = JSON.parse(readFileSync(allocation, 'utf8')) as {
    allocations: { id: string; name: string; tranches: string[]; applied: boolean }[];
  };
  // A person's notes make the ledger large (about 9 MB), so a write takes long enough to be
  // killed in the middle.
  const note = 'x'.repeat(100_000);
  const rows = doc.allocations
    .filter((k) => k.applied)
    .map((k) => `flere-skal-med-1,${k.id},${k.name},1,${k.tranches[0]},2017-07,2017-08-01T06:00:00.000Z,${note}`);
  const baseText = `pool,kommune,name,tranche,amount,month_due,recorded_at,note\n${rows.join('\n')}\n`;
  const base = join(dir, 'base-ledger.csv');
  writeFileSync(base, baseText);
  return { allocation, base, baseText };
}

const ROW = /^flere-skal-med-1,\d{3},[^,]+,[23],\d+,\d{4}-\d\d,\d{4}-\d\d-\d\dT[\d:.]+Z,$/;

/** The ledger is the old file byte for byte, or the old file plus `added` complete rows. */
function oldOrNew(text: string, baseText: string, added: number): 'old' | 'new' {
  if (text === baseText) return 'old';
  expect(text.startsWith(baseText)).toBe(true);
  const tail = text.slice(baseText.length);
  expect(tail.endsWith('\n')).toBe(true);
  const lines = tail.slice(0, -1).split('\n');
  expect(lines).toHaveLength(added);
  for (const l of lines) expect(l).toMatch(ROW);
  return 'new';
}

function spawnRecord(allocation: string, ledger: string): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn(
    process.execPath,
    [BIN, 'check', 'data/progress-2017.csv', '--allocation', allocation, '--as-of', '2018-06', '--ledger', ledger, '--record', '--quiet', '--format', 'csv'],
    { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NO_COLOR: '1', TZ: 'UTC' } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the ledger under SIGKILL and under concurrency', () => {
  const setup = bigLedgerSetup();

  // Reference run: how many rows one run appends, and how long a run takes.
  const reference = join(dir, 'reference.csv');
  copyFileSync(setup.base, reference);
  const t0 = Date.now();
  const ref = runCli(['check', 'data/progress-2017.csv', '--allocation', setup.allocation, '--as-of', '2018-06', '--ledger', reference, '--record', '--quiet', '--format', 'csv']);
  const runMs = Date.now() - t0;
  const added = ref.stdout.trim().split('\n').length - 1;

  it('a reference run appends the due tranches', () => {
    expect([ref.code, ref.stderr]).toEqual([0, '']);
    expect(added).toBeGreaterThan(50);
    expect(oldOrNew(readFileSync(reference, 'utf8'), setup.baseText, added)).toBe('new');
  });

  it('killed at random moments, the ledger is always the old one or the new one, never torn', async () => {
    const ledger = join(dir, 'killed.csv');
    const outcomes = { old: 0, new: 0, midWrite: 0 };
    // At least 40 kills, and more until six of them landed mid-write: on a loaded machine the
    // temporary file's short life is often missed, and a fixed count made the test flaky.
    for (let i = 0; i < 40 || (outcomes.midWrite < 6 && i < 160); i += 1) {
      copyFileSync(setup.base, ledger);
      const { child, done } = spawnRecord(setup.allocation, ledger);
      if (i % 2 === 0) {
        // Half the kills at any moment of the run …
        await sleep(Math.random() * runMs * 1.2);
      } else {
        // … half just after the temporary file of the atomic write appears: mid-write.
        const deadline = Date.now() + runMs * 3;
        while (Date.now() < deadline && !readdirSync(dir).some((f) => f.startsWith('.killed.csv.') && f.endsWith('.tmp'))) {
          await new Promise((r) => setImmediate(r));
        }
        await sleep(Math.random() * 5);
        if (readdirSync(dir).some((f) => f.startsWith('.killed.csv.') && f.endsWith('.tmp'))) outcomes.midWrite += 1;
      }
      child.kill('SIGKILL');
      await done;
      outcomes[oldOrNew(readFileSync(ledger, 'utf8'), setup.baseText, added)] += 1;
    }
    expect(outcomes.midWrite).toBeGreaterThan(5);
    // A killed run leaves its lock behind; the next run sees the pid is gone and proceeds.
    copyFileSync(setup.base, ledger);
    const after = runCli(['check', 'data/progress-2017.csv', '--allocation', setup.allocation, '--as-of', '2018-06', '--ledger', ledger, '--record', '--quiet', '--format', 'csv']);
    expect([after.code, after.stderr]).toEqual([0, '']);
    expect(oldOrNew(readFileSync(ledger, 'utf8'), setup.baseText, added)).toBe('new');
    expect(existsSync(lockPathOf(ledger))).toBe(false);
  }, 300_000);

  it('two runs at once: exactly one pays; the other exits 3 (locked) or finds everything paid', async () => {
    const ledger = join(dir, 'concurrent.csv');
    for (let i = 0; i < 6; i += 1) {
      copyFileSync(setup.base, ledger);
      const [a, b] = await Promise.all([spawnRecord(setup.allocation, ledger).done, spawnRecord(setup.allocation, ledger).done]);
      const results = [a, b];
      const payers = results.filter((r) => r.code === 0 && r.stdout !== '');
      expect(payers).toHaveLength(1);
      expect(payers[0]?.stdout.trim().split('\n').length).toBe(added + 1);
      const other = results.find((r) => r !== payers[0]);
      if (other?.code === 3) {
        expect(other.stdout).toBe('');
        expect(other.stderr).toMatch(/^flere: .*concurrent\.csv: ledger locked by process \d+/);
      } else {
        // It ran after the payer: everything due is in the ledger, so --quiet prints nothing.
        expect([other?.code, other?.stdout, other?.stderr]).toEqual([0, '', '']);
      }
      expect(oldOrNew(readFileSync(ledger, 'utf8'), setup.baseText, added)).toBe('new');
    }
  }, 120_000);
});

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  const pid = child.pid ?? 0;
  await new Promise((r) => child.on('close', r));
  return pid;
}
