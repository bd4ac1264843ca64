import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFixed, parseFixed } from '../../src/core/decimal.js';
import { FlereError } from '../../src/core/diagnostics.js';
import { readAllocation } from '../../src/io/allocation-reader.js';
import { parseMonthCell } from '../../src/io/month-cell.js';
import { readProgress } from '../../src/io/progress-reader.js';
import { runCli } from '../helpers/run-cli.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const FSM1 = { shares: ['30', '40', '30'].map((s) => parseFixed(s)!), unit: parseFixed('1')! };
const codes = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof FlereError) return e.diagnostics.map((d) => `${d.code}@${d.line ?? d.value}`);
    throw e;
  }
  throw new Error('expected a FlereError');
};
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
});
