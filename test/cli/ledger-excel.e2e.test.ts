/**
 * The ledger in the operator's dialect: created with `--locale da` it is what Danish Excel
 * opens (semicolons, decimal comma, UTF-8 BOM, CRLF); appended to, it keeps whatever dialect
 * it has; and after a round trip through Danish Excel (Windows-1252, semicolons, months
 * turned into dates such as `jul-17` or `01-07-2017`) it still reads, so nothing is paid twice.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const { dir } = scratchDir('flere-ledger-excel-');
const ALLOCATION = join(dir, 'allocation.json');
runCli(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json', '-o', ALLOCATION]);
const record = (ledger: string, asOf: string, ...extra: string[]) =>
  runCli(['check', 'data/progress-2017.csv', '--allocation', ALLOCATION, '--as-of', asOf, '--ledger', ledger, '--record', '--quiet', '--format', 'csv', ...extra]);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
/** What Danish Excel saves as "CSV (semikolonsepareret)" after opening a plain ledger. */
function savedByDanishExcel(text: string, month: (m: string) => string): Buffer {
  const lines = text.trimEnd().split('\n').map((l) => l.split(','));
  const at = (lines[0] as string[]).indexOf('month_due');
  const rows = lines.map((cells, i) => (i === 0 ? cells : cells.map((c, j) => (j === at ? month(c) : c))));
  return iconv.encode(rows.map((cells) => cells.join(';')).join('\r\n') + '\r\n', 'windows-1252');
}

describe('a new ledger with --locale da', () => {
  it('is written as Danish Excel opens it; a later plain run appends in the same dialect', () => {
    const ledger = join(dir, 'da.csv');
    expect(record(ledger, '2017-07', '--locale', 'da').code).toBe(0);
    const bytes = readFileSync(ledger);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('pool;kommune;name;tranche;amount;month_due;recorded_at');
    expect(lines[1]).toMatch(/^flere-skal-med-1;101;København;1;7875291;2017-07;\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');

    expect(record(ledger, '2018-06').code).toBe(0);
    const after = readFileSync(ledger);
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const grown = after.toString('utf8').slice(1);
    expect(grown.startsWith(text)).toBe(true);
    expect(grown.length).toBeGreaterThan(text.length);
    for (const line of grown.trimEnd().split('\r\n')) expect(line.split(';')).toHaveLength(7);
  });
});

describe('a ledger round-tripped through Danish Excel', () => {
  it.each([
    ['jul-17', (m: string) => `${MONTHS[Number(m.slice(5)) - 1]}-${m.slice(2, 4)}`],
    ['01-07-2017', (m: string) => `01-${m.slice(5)}-${m.slice(0, 4)}`],
  ])('with months saved as %s still reads: nothing is recorded twice', (_, month) => {
    const ledger = join(dir, `excel-${month('2017-07')}.csv`);
    expect(record(ledger, '2018-06').code).toBe(0);
    const plain = readFileSync(ledger, 'utf8');
    const paid = plain.trim().split('\n').length - 1;
    expect(paid).toBeGreaterThan(89);
    const saved = savedByDanishExcel(plain, month);
    writeFileSync(ledger, saved);

    const again = record(ledger, '2018-06');
    expect([again.code, again.stdout, again.stderr]).toEqual([0, '', '']);
    expect(readFileSync(ledger)).toEqual(saved);
    const report = runCli(['check', 'data/progress-2017.csv', '--allocation', ALLOCATION, '--as-of', '2018-06', '--ledger', ledger, '--format', 'json']);
    expect(report.code).toBe(0);
    const tranches = (JSON.parse(report.stdout) as { tranches: { status: string }[] }).tranches;
    expect(tranches.filter((t) => t.status === 'paid')).toHaveLength(paid);
    expect(tranches.filter((t) => t.status === 'due')).toHaveLength(0);
  });
});
