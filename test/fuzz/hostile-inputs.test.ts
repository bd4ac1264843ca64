/**
 * Hostile files: a 1 MB header cell or data cell made of one repeated character, fed to every
 * reader. Every pattern that sees input must run in linear time (a backtracking `/\(.*\)$/`
 * took 28 s on 160,000 × `(`), a huge cell is a data error rather than a stack overflow, and
 * the message quotes a readable excerpt, never the megabyte. The bound is CPU time of this
 * process, generous against noise and far below what a quadratic pattern costs.
 */
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../helpers/scratch.js';
import { expectCleanOutcome, runInProcess } from './in-process.js';

const { file } = scratchDir('flere-hostile-');
/**
 * About 1 MB of the characters that make backtracking patterns slow, each in a long run:
 * brackets, underscores, spaces, digits, separators, letters, accents. A pattern that is
 * quadratic in any one run of them takes minutes here.
 */
const RUNS = ['(', ')', '_', ' ', '\u00a0', '0', '1', '.', '-', 'a', 'å', '#', 'e', '%', '*', '\\'];
const MIX = RUNS.map((c) => c.repeat(65_536)).join('');
/** CPU milliseconds a run may take: linear reading of 1 MB takes a few hundred at most. */
const BOUND_MS = 1000;

const ALLOCATION = file(
  'allocation.json',
  JSON.stringify({
    version: 1,
    pool: 'flere-skal-med-1',
    total: '1000',
    unit: '1',
    unallocated: '0',
    followup: '0',
    allocations: [{ id: '101', name: 'København', count: '1', amount: '1000', tranches: ['300', '400', '300'], applied: true }],
  }),
);
const PROGRESS = file('progress.csv', 'kommune,month,target_group,cleared,recipients,company_activity\n101,2017-07,1,1,1,1\n');

/** One reader: the header and row it needs, and the command line that reads a file of them. */
interface Role {
  readonly name: string;
  readonly header: string[];
  readonly row: string[];
  readonly args: (path: string) => string[];
}

const ROLES: readonly Role[] = [
  { name: 'counts', header: ['kommune', 'antal'], row: ['101', '5'], args: (p) => ['allocate', p, '--format', 'csv'] },
  { name: 'free names', header: ['name', 'count'], row: ['x', '5'], args: (p) => ['allocate', p, '--no-registry', '--format', 'csv'] },
  { name: 'applicants', header: ['kommune'], row: ['101'], args: (p) => ['allocate', file('c.csv', 'kommune,antal\n101,5\n'), '--applicants', p, '--format', 'csv'] },
  {
    name: 'progress',
    header: ['kommune', 'month', 'target_group', 'cleared', 'recipients', 'company_activity'],
    row: ['101', '2017-07', '1', '1', '1', '1'],
    args: (p) => ['check', p, '--allocation', ALLOCATION, '--format', 'csv'],
  },
  {
    name: 'allocation csv',
    header: ['id', 'name', 'count', 'share', 'amount', 'tranche_1', 'tranche_2', 'tranche_3', 'applied'],
    row: ['101', 'København', '1', '100', '1000', '300', '400', '300', 'yes'],
    args: (p) => ['check', PROGRESS, '--allocation', p, '--format', 'csv'],
  },
  { name: 'grants', header: ['kommune', 'amount'], row: ['101', '1000'], args: (p) => ['check', PROGRESS, '--allocation', p, '--format', 'csv'] },
  { name: 'follow-up recipients', header: ['kommune', 'weight'], row: ['101', '1'], args: (p) => ['followup', ALLOCATION, '--to', p, '--key', 'weight', '--format', 'csv'] },
  {
    name: 'ledger',
    header: ['pool', 'kommune', 'name', 'tranche', 'amount', 'month_due', 'recorded_at'],
    row: ['flere-skal-med-1', '101', 'København', '1', '300', '2017-07', '2017-08-01T06:00:00.000Z'],
    args: (p) => ['check', PROGRESS, '--allocation', ALLOCATION, '--ledger', p, '--format', 'csv'],
  },
];

const csvLine = (cells: readonly string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

async function timed(args: string[], context: string): Promise<void> {
  const before = process.cpuUsage();
  const r = await runInProcess(args);
  const spent = process.cpuUsage(before);
  const ms = (spent.user + spent.system) / 1000;
  expectCleanOutcome(r, context);
  expect(ms, `${context}: ${ms.toFixed(0)} ms of CPU`).toBeLessThan(BOUND_MS);
  // No line of a message quotes the megabyte.
  for (const line of r.stderr.split('\n')) expect(line.length, context).toBeLessThan(2000);
}

describe.each(ROLES)('the $name reader on 1 MB of hostile text', (role) => {
  it('as an extra header cell, as the whole header line, as every cell of a row, and as quotes', async () => {
    const header = (cells: readonly string[]) => file(`${role.name}.csv`, `${cells.join('\n')}\n`);
    await timed(role.args(header([csvLine([...role.header, MIX]), csvLine([...role.row, '1'])])), `${role.name}: header cell`);
    await timed(role.args(header([MIX, csvLine(role.row)])), `${role.name}: whole header`);
    await timed(role.args(header([','.repeat(1 << 20), csvLine(role.row)])), `${role.name}: a million empty columns`);
    await timed(role.args(header([csvLine(role.header), csvLine(role.row.map(() => MIX))])), `${role.name}: every cell`);
    await timed(role.args(header([`${csvLine(role.header)},"${'"'.repeat(1 << 20)}"`, csvLine(role.row)])), `${role.name}: quotes`);
  });
});
