import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFixed, parseFixed } from '../../src/core/decimal.js';
import { allocationCounts } from '../../src/core/followup-recipients.js';
import { readAllocation } from '../../src/io/allocation-reader.js';
import { parseMonthCell } from '../../src/io/month-cell.js';
import { readProgress } from '../../src/io/progress-reader.js';
import { thrownFlereError } from '../helpers/flere-error.js';
import { runCli } from '../helpers/run-cli.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const FSM1 = { shares: ['30', '40', '30'].map((s) => parseFixed(s)!), unit: parseFixed('1')! };
const codes = (f: () => unknown) => thrownFlereError(f).diagnostics.map((d) => `${d.code}@${d.line ?? d.value}`);
const brief = (ks: readonly { id: string; amount: { digits: bigint; scale: number }; tranches: readonly { digits: bigint; scale: number }[]; applied: boolean }[]) =>
  ks.map((k) => `${k.id} ${formatFixed(k.amount)} [${k.tranches.map((t) => formatFixed(t)).join(' ')}] ${k.applied ? 'applied' : 'not'}`);

describe('readAllocation round-trips what flere allocate writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flere-readers-'));
  const allocate = (format: string, ...extra: string[]) => {
    const out = join(dir, `a-${format}-${extra.join('')}.${format}`);
    const r = runCli(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', format, '-o', out, ...extra]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    return readFileSync(out);
  };

  it('JSON, CSV and Danish-Excel CSV give the same kommuner, amounts and tranches', () => {
    const fromJson = readAllocation(allocate('json'), { file: 'a.json', ...FSM1 });
    const fromCsv = readAllocation(allocate('csv'), { file: 'a.csv', ...FSM1 });
    const fromDa = readAllocation(allocate('csv', '--locale', 'da'), { file: 'a.csv', ...FSM1 });
    expect(fromJson.kind).toBe('json');
    expect(fromCsv.kind).toBe('csv');
    expect(fromJson.kommuner).toHaveLength(98);
    expect(brief(fromCsv.kommuner)).toEqual(brief(fromJson.kommuner));
    expect(brief(fromDa.kommuner)).toEqual(brief(fromJson.kommuner));
    expect(fromJson.kommuner.filter((k) => !k.applied).map((k) => k.name)).toEqual([
      'Dragør', 'Vallensbæk', 'Allerød', 'Hørsholm', 'Solrød', 'Lejre', 'Ærø', 'Odder', 'Samsø',
    ]);
  });

  it('a grants file is split by the pool’s shares with exact columns', () => {
    // 10 + 10 + 1 = 21 split 30/40/30: columns 6.3/8.4/6.3 → 6/9/6 (the leftover unit to the
    // largest remainder, .4). Rows 3/4/3, 3/4/3 (exact), and the third row takes 0/1/0.
    const r = readAllocation(bytes('kommune,amount\n101,10\nOdense,10\n851,1\n'), { file: 'g.csv', ...FSM1 });
    expect(r.kind).toBe('grants');
    expect(brief(r.kommuner)).toEqual(['101 10 [3 4 3] applied', '461 10 [3 4 3] applied', '851 1 [0 1 0] applied']);
  });

  it('grants in øre are split in øre', () => {
    const r = readAllocation(bytes('kommune;beløb\n101;0,10\n'), { file: 'g.csv', ...FSM1 });
    expect(brief(r.kommuner)).toEqual(['101 0.10 [0.03 0.04 0.03] applied']);
  });

  it('reports tranches that do not sum, the wrong tranche count, unknown kommuner', () => {
    const csv = 'id,name,amount,tranche_1,tranche_2,tranche_3,applied\n101,København,10,3,4,4,yes\n999,X,1,1,0,0,yes\n';
    expect(codes(() => readAllocation(bytes(csv), { file: 'a.csv', ...FSM1 }))).toEqual(['allocation.tranche-sum@2', 'kommune.unknown@3']);
    const two = 'id,amount,tranche_1,tranche_2\n101,10,5,5\n';
    expect(codes(() => readAllocation(bytes(two), { file: 'a.csv', ...FSM1 }))).toEqual(['allocation.tranche-count@2']);
    const json = JSON.stringify({ version: 1, allocations: [{ id: 'Nowhere', amount: '1', tranches: ['1'], applied: true }] });
    expect(codes(() => readAllocation(bytes(json), { file: 'a.json', ...FSM1 }))).toEqual(['allocation.not-kommune@Nowhere']);
  });
});

describe('readAllocation with summary: what flere followup reads besides the kommuner', () => {
  it('reads pool, total, unit, unallocated and counts from JSON, counts from CSV', () => {
    const json = readAllocation(
      bytes(
        JSON.stringify({
          version: 1,
          pool: 'flere-skal-med-1',
          total: '100.07',
          unit: '0.05',
          unallocated: '0.02',
          allocations: [
            { id: '101', count: '3', amount: '100', tranches: ['30', '40', '30'], applied: true },
            { id: 'Lemvig', count: '1', amount: '0.05', tranches: [], applied: false },
          ],
        }),
      ),
      { file: 'a.json', ...FSM1, summary: true },
    );
    expect([json.pool, json.total && formatFixed(json.total), json.unit && formatFixed(json.unit), json.unallocated && formatFixed(json.unallocated)]).toEqual([
      'flere-skal-med-1',
      '100.07',
      '0.05',
      '0.02',
    ]);
    expect([...(allocationCounts(json.kommuner) ?? new Map())].map(([id, c]) => [id, formatFixed(c)])).toEqual([['101', '3'], ['665', '1']]);
    const csv = readAllocation(bytes('id,name,count,amount\n101,København,2700,100\n665,Lemvig,91,5\n'), { file: 'a.csv', ...FSM1, summary: true });
    expect(csv.total).toBeUndefined();
    expect([...(allocationCounts(csv.kommuner) ?? new Map())].map(([id, c]) => [id, formatFixed(c)])).toEqual([['101', '2700'], ['665', '91']]);
    // A grants file has no counts: --key count cannot be used with it.
    expect(allocationCounts(readAllocation(bytes('kommune,amount\n101,100\n'), { file: 'g.csv', ...FSM1, summary: true }).kommuner)).toBeUndefined();
  });

  it('rejects a malformed summary or count with the other problems; without summary it reads none of it', () => {
    const doc = {
      version: 1,
      total: 100,
      unit: '0',
      allocations: [{ id: '101', count: 'many', amount: '10', tranches: ['3', '4', '3'] }, { id: 'Nowhere', amount: '1', tranches: [] }],
    };
    expect(codes(() => readAllocation(bytes(JSON.stringify(doc)), { file: 'a.json', ...FSM1, summary: true }))).toEqual([
      'allocation.json-shape@total',
      'allocation.json-shape@unit',
      'allocation.json-shape@allocations[0].count',
      'allocation.not-kommune@Nowhere',
    ]);
    const plain = { ...doc, allocations: doc.allocations.slice(0, 1) };
    const read = readAllocation(bytes(JSON.stringify(plain)), { file: 'a.json', ...FSM1 });
    expect([read.total, read.unit, read.kommuner[0]?.count]).toEqual([undefined, undefined, undefined]);
    const csv = 'id,amount,antal,count\n101,10,x,1\n';
    expect(codes(() => readAllocation(bytes(csv), { file: 'a.csv', ...FSM1, summary: true }))).toEqual(['csv.duplicate-column@1']);
    expect(readAllocation(bytes(csv), { file: 'a.csv', ...FSM1 }).kommuner.map((k) => k.count)).toEqual([undefined]);
  });

  it('checks the tranche count against the pool the file names, when the caller lets it choose', () => {
    const named: (string | undefined)[] = [];
    const shares = (pool: string | undefined) => {
      named.push(pool);
      return FSM1.shares.slice(0, 2);
    };
    const json = JSON.stringify({ version: 1, pool: 'other', allocations: [{ id: '101', amount: '10', tranches: ['3', '4', '3'] }] });
    expect(codes(() => readAllocation(bytes(json), { file: 'a.json', shares, unit: FSM1.unit }))).toEqual(['allocation.tranche-count@allocations[0]']);
    expect(readAllocation(bytes('kommune,amount\n101,10\n'), { file: 'g.csv', shares, unit: FSM1.unit }).kommuner[0]?.tranches).toHaveLength(2);
    expect(named).toEqual(['other', undefined]);
  });
});

describe('readProgress', () => {
  const options = {
    file: 'p.csv',
    metrics: ['cleared', 'target_group', 'company_activity', 'recipients'],
    bounds: [
      { part: 'cleared', whole: 'target_group' },
      { part: 'company_activity', whole: 'recipients' },
    ],
  };
  it('reads Danish headers, names, Excel month forms; an empty cell is no data, not 0', () => {
    const text = 'Kommunenavn;Måned;Målgruppe;Afklaret;Modtagere;Virksomhedsrettet indsats\nÅrhus;jul-17;100;10;90;\nAarhus;01-08-2017;100;20;90;30\n';
    const p = readProgress(bytes(text), options);
    expect(p.lastMonth).toBe('2017-08');
    expect(p.byKommune.get('751')?.get('2017-07')).toEqual({ target_group: 100n, cleared: 10n, recipients: 90n });
    expect(p.byKommune.get('751')?.get('2017-08')).toEqual({ target_group: 100n, cleared: 20n, recipients: 90n, company_activity: 30n });
  });
  it('a missing required column is reported', () => {
    expect(codes(() => readProgress(bytes('kommune,month,target_group,cleared,recipients\n101,2017-07,1,1,1\n'), options))).toEqual([
      'csv.missing-column@1',
    ]);
  });
});

describe('parseMonthCell', () => {
  it.each([
    ['2017-07', '2017-07'],
    ['2017-7', '2017-07'],
    ['201707', '2017-07'],
    ['07-2017', '2017-07'],
    ['7/2017', '2017-07'],
    ['2017-07-01', '2017-07'],
    ['01-07-2017', '2017-07'],
    ['1.7.2017', '2017-07'],
    ['jul-17', '2017-07'],
    ['Juli 2017', '2017-07'],
    ['okt. 2018', '2018-10'],
    ['maj-18', '2018-05'],
  ])('%s → %s', (cell, month) => expect(parseMonthCell(cell)).toBe(month));
  it.each(['2017-13', '2017', 'jul', '32-07-2017', 'foo 2017', ''])('%s is no month', (cell) => {
    expect(parseMonthCell(cell)).toBeUndefined();
  });
  // A mistyped month must not be widened into some century or rolled into a real month.
  it.each(['0000-07', '0099-12', '2017-02-30', '2019-02-29', '31-04-2018', '30-02-2020', '2017-00', '00-2017', `2017-07${' '.repeat(100)}x`])(
    '%j does not exist, so it is no month',
    (cell) => expect(parseMonthCell(cell)).toBeUndefined(),
  );
  it.each([
    ['2020-02-29', '2020-02'],
    ['29-02-2000', '2000-02'],
    ['jul-29', '2029-07'],
    ['jan-30', '1930-01'],
    ['dec-99', '1999-12'],
  ])('%s → %s (leap days exist; two-digit years as Excel widens them)', (cell, month) => expect(parseMonthCell(cell)).toBe(month));
});
