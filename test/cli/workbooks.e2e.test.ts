// Issue 12: every tabular output as an Excel workbook. Each workbook is written by the built
// CLI, read back with read-excel-file (numbers as their raw text, so nothing passes through a
// float in the test either), and every cell is compared with the CSV (or, for sheets the CSV
// does not have, the JSON) of the same run; totals are summed here from the CSV's own
// column. In English and in Danish (`--lang da`).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, withoutWarnings } from '../helpers/run-cli.js';

const DIR = mkdtempSync(join(tmpdir(), 'flere-workbooks-'));
const COUNTS = 'data/counts-2017.csv';
const APPLICANTS = 'data/applicants-2017.csv';
const PROGRESS = 'data/progress-2017.csv';
const TO = 'data/followup-2017.csv';
const ALLOCATION = join(DIR, 'allocation.json');
const CHECK = join(DIR, 'check.json');

/** A number cell as read back: its raw text, marked so that it cannot be mistaken for a text cell. */
interface NumberCell {
  readonly num: string;
}
type Cell = string | NumberCell | Date | boolean | null;
interface ReadSheet {
  readonly name: string;
  readonly rows: Cell[][];
}

const isNumber = (c: Cell): c is NumberCell => typeof c === 'object' && c !== null && !(c instanceof Date);

/** Runs flere and expects success (warnings on stderr are fine: the bundled progress ends in 2018). */
function ok(args: readonly string[]): string {
  const r = runCli(args);
  expect(withoutWarnings(r.stderr)).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

let serial = 0;
/** Writes `args` as a workbook and reads every sheet back. */
async function workbook(args: readonly string[]): Promise<ReadSheet[]> {
  serial += 1;
  const path = join(DIR, `w${serial}.xlsx`);
  ok([...args, '-o', path]);
  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]); // a zip, as .xlsx is
  const sheets = await readXlsxFile(bytes, { parseNumber: (text: string): NumberCell => ({ num: text }) });
  return sheets.map((s) => ({ name: s.sheet, rows: s.data as Cell[][] }));
}

/** The CSV of the same command, parsed by csv-parse (not by flere's readers). */
function csv(args: readonly string[]): string[][] {
  return parse(ok([...args, '--format', 'csv']), { relax_column_count: false }) as string[][];
}

const json = (args: readonly string[]): Record<string, unknown> => JSON.parse(ok([...args, '--format', 'json'])) as Record<string, unknown>;

/** A date cell as the month it stands for (`2017-07`); read-excel-file gives UTC midnight. */
const monthOf = (d: Date): string => d.toISOString().slice(0, 7);

/** Σ of decimal texts, exactly, at the finest scale among them (`['1.5', '2']` → `3.5`). */
function decimalSum(values: readonly string[]): string {
  const scale = Math.max(0, ...values.map((v) => (v.split('.')[1] ?? '').length));
  const total = values.reduce((s, v) => {
    const [int = '', frac = ''] = v.split('.');
    return s + BigInt(int + frac.padEnd(scale, '0'));
  }, 0n);
  if (scale === 0) return total.toString();
  const digits = total.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** A cell's value as the CSV writes it: numbers as their raw text, months as `YYYY-MM`, empty as ''. */
function shown(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return monthOf(c);
  if (isNumber(c)) return c.num;
  return String(c);
}

/**
 * Every column of `sheet` is a column of the CSV with the same header, and every cell of its
 * first `csv.length - 1` data rows is the CSV's cell: the same text, number or month (a
 * decimal the CSV shows rounded, `…`, holds the digits shown). `numeric` lists the headers
 * whose cells must be number cells (and only those). Returns the rows below the data (totals).
 */
function expectSheetIsCsv(sheet: ReadSheet, table: string[][], numeric: readonly string[]): Cell[][] {
  const [header = [], ...rows] = table;
  const sheetHeader = (sheet.rows[0] ?? []).map(shown);
  const at = sheetHeader.map((h) => header.indexOf(h));
  expect(at, `${sheet.name}: every column is a column of the CSV`).not.toContain(-1);
  for (const h of numeric) expect(sheetHeader, `${sheet.name}: has ${h}`).toContain(h);
  rows.forEach((row, i) => {
    const cells = sheet.rows[i + 1] ?? [];
    sheetHeader.forEach((h, j) => {
      const want = row[at[j] as number] ?? '';
      const cell = cells[j] ?? null;
      const where = `${sheet.name}!${h} row ${i + 2}`;
      if (numeric.includes(h) && want !== '') {
        expect(isNumber(cell), `${where}: a number cell`).toBe(true);
        expect(shown(cell), where).toBe(want.replace(/…$/, ''));
      } else {
        expect(isNumber(cell), `${where}: not a number cell`).toBe(false);
        expect(shown(cell), where).toBe(want);
      }
    });
  });
  return sheet.rows.slice(table.length);
}

/** The column of the CSV under `header`. */
const column = (table: string[][], header: string): string[] => {
  const j = (table[0] ?? []).indexOf(header);
  expect(j, header).toBeGreaterThanOrEqual(0);
  return table.slice(1).map((r) => r[j] ?? '');
};

const sheetNamed = (sheets: readonly ReadSheet[], name: string): ReadSheet => {
  const sheet = sheets.find((s) => s.name === name);
  expect(sheet, `sheet ${name}`).toBeDefined();
  return sheet as ReadSheet;
};

/** The words of each language, written out here by hand (not taken from flere). */
const WORDS = {
  en: {
    sheets: { allocation: 'Allocation', quotas: 'Quotas', tranches: 'Tranches', notApplied: 'Did not apply', totals: 'Totals', recipients: 'Recipients', sources: 'Sources', trail: 'Audit trail', progress: 'Progress' },
    total: 'Total',
    allocation: ['id', 'name', 'count', 'share', 'amount', 'tranche_1', 'tranche_2', 'tranche_3', 'applied'],
    quotas: ['id', 'name', 'quota', 'quota_decimal', 'floor', 'remainder', 'rank', 'extra_unit'],
    check: ['id', 'name', 'tranche', 'amount', 'status', 'month', 'recorded', 'evidence'],
    notApplied: ['id', 'name', 'amount'],
    totals: ['status', 'tranches', 'amount'],
    recipients: ['id', 'name', 'weight', 'share', 'amount'],
    sources: ['id', 'name', 'kind', 'tranche', 'amount', 'unallocated'],
    progress: ['kommune', 'month', 'target_group', 'cleared', 'recipients', 'company_activity', 'paid_hours'],
    status: { due: 'due', paid: 'paid', pending: 'pending', forfeited: 'forfeited' } as Record<string, string>,
    kind: { 'not-applied': 'not-applied', forfeited: 'forfeited' } as Record<string, string>,
    yes: 'yes',
    no: 'no',
  },
  da: {
    sheets: { allocation: 'Fordeling', quotas: 'Kvoter', tranches: 'Rater', notApplied: 'Ikke ansøgt', totals: 'I alt', recipients: 'Modtagere', sources: 'Kilder', trail: 'Revisionsspor', progress: 'Fremdrift' },
    total: 'I alt',
    allocation: ['kommunekode', 'kommune', 'antal', 'andel', 'beløb', 'rate 1', 'rate 2', 'rate 3', 'ansøgt'],
    quotas: ['kommunekode', 'kommune', 'kvote', 'kvote decimal', 'nedrundet', 'rest', 'placering', 'ekstra enhed'],
    check: ['kommunekode', 'kommune', 'rate', 'beløb', 'status', 'måned', 'bogført', 'grundlag'],
    notApplied: ['kommunekode', 'kommune', 'beløb'],
    totals: ['status', 'rater', 'beløb'],
    recipients: ['kommunekode', 'kommune', 'vægt', 'andel', 'beløb'],
    sources: ['kommunekode', 'kommune', 'art', 'rate', 'beløb', 'ufordelt'],
    progress: ['kommunekode', 'måned', 'målgruppe', 'afklarede', 'modtagere', 'virksomhedsrettet', 'løntimer'],
    status: { due: 'forfalden', paid: 'betalt', pending: 'afventer', forfeited: 'bortfaldet' } as Record<string, string>,
    kind: { 'not-applied': 'ikke ansøgt', forfeited: 'bortfaldet' } as Record<string, string>,
    yes: 'ja',
    no: 'nej',
  },
} as const;

beforeAll(() => {
  ok(['allocate', COUNTS, '--applicants', APPLICANTS, '--format', 'json', '-o', ALLOCATION]);
  ok(['check', PROGRESS, '--allocation', ALLOCATION, '--as-of', '2019-12', '--format', 'json', '-o', CHECK]);
});

describe.each(['en', 'da'] as const)('workbooks read back cell for cell (--lang %s)', (lang) => {
  const w = WORDS[lang];
  const langArgs = lang === 'da' ? ['--lang', 'da'] : [];

  it('allocate: the allocation with numeric counts, shares and amounts, and the totals as values', async () => {
    const args = ['allocate', COUNTS, '--applicants', APPLICANTS, ...langArgs];
    const sheets = await workbook(args);
    expect(sheets.map((s) => s.name)).toEqual([w.sheets.allocation]);
    const table = csv(args);
    expect(table[0]).toEqual(w.allocation);
    const [, , count, share, amount, t1, t2, t3] = w.allocation;
    const below = expectSheetIsCsv(sheetNamed(sheets, w.sheets.allocation), table, [count, share, amount, t1, t2, t3] as string[]);
    const tranches = [t1, t2, t3].map((h) => decimalSum(column(table, h as string).filter((v) => v !== '')));
    // 30/40/30 % of the applicants' money, summed from the CSV rows here.
    expect(below.map((r) => r.map(shown))).toEqual([['', w.total, decimalSum(column(table, count as string)), '100.0000', decimalSum(column(table, amount as string)), ...tranches, '']]);
    expect(tranches).toEqual(['76612004', '102149339', '76612004']);
    expect(column(table, w.allocation[8])).toContain(w.no);
  });

  it('allocate --explain: a second sheet with the exact quotas and remainders, quota decimals as numbers', async () => {
    const args = ['allocate', COUNTS, '--unit', '0.01', '--explain', ...langArgs];
    const sheets = await workbook(args);
    expect(sheets.map((s) => s.name)).toEqual([w.sheets.allocation, w.sheets.quotas]);
    const table = csv(args);
    const [, , count, share, amount, t1, t2, t3] = w.allocation;
    expectSheetIsCsv(sheetNamed(sheets, w.sheets.allocation), table, [count, share, amount, t1, t2, t3] as string[]);
    const quotas = sheetNamed(sheets, w.sheets.quotas);
    expect((quotas.rows[0] ?? []).map(shown)).toEqual(w.quotas);
    const [, , , decimal, floor, , rank] = w.quotas;
    const below = expectSheetIsCsv(quotas, table, [decimal, floor, rank] as string[]);
    expect(below).toEqual([]);
    // København's quota: 26250000000 øre · 2700 / 26999 = 26250972.258231… kr.: rounded, so the CSV marks it.
    const kbh = table.find((r) => r[0] === '101') ?? [];
    expect(kbh[(table[0] ?? []).indexOf(decimal as string)]).toBe('26250972.25823179…');
    expect(shown(quotas.rows[1]?.[3] ?? null)).toBe('26250972.25823179');
  });

  it('check: the tranche table; the kommuner that did not apply and the totals, as the JSON has them', async () => {
    const args = ['check', PROGRESS, '--allocation', ALLOCATION, '--as-of', '2019-12', ...langArgs];
    const sheets = await workbook(args);
    expect(sheets.map((s) => s.name)).toEqual([w.sheets.tranches, w.sheets.notApplied, w.sheets.totals]);
    const table = csv(args);
    expect(table[0]).toEqual(w.check);
    const [, , tranche, amount, status, month] = w.check;
    const tranches = sheetNamed(sheets, w.sheets.tranches);
    expect(expectSheetIsCsv(tranches, table, [tranche, amount] as string[])).toEqual([]);
    // Months are date cells (shown yyyy-mm), never text.
    const monthColumn = (w.check as readonly string[]).indexOf(month as string);
    const months = tranches.rows.slice(1).map((r) => r[monthColumn] ?? null).filter((c) => c !== null);
    expect(months.length).toBeGreaterThan(100);
    for (const m of months) expect(m).toBeInstanceOf(Date);
    expect(new Set(column(table, status as string))).toEqual(new Set([w.status['due'], w.status['forfeited']]));

    const doc = JSON.parse(readFileSync(CHECK, 'utf8')) as {
      tranches: { status: string; amount: string }[];
      not_applied: { id: string; name: string; amount: string }[];
      totals: Record<string, string>;
    };
    const notApplied = sheetNamed(sheets, w.sheets.notApplied).rows.map((r) => r.map(shown));
    expect(notApplied).toEqual([
      w.notApplied,
      ...doc.not_applied.map((k) => [k.id, k.name, k.amount]),
      ['', w.total, decimalSum(doc.not_applied.map((k) => k.amount))],
    ]);
    expect(notApplied.at(-1)?.[2]).toBe('7126653');
    const totals = sheetNamed(sheets, w.sheets.totals).rows;
    expect(totals.map((r) => r.map(shown))).toEqual([
      w.totals,
      ...['due', 'paid', 'pending', 'forfeited'].map((s) => [w.status[s], String(doc.tranches.filter((t) => t.status === s).length), doc.totals[s]]),
    ]);
    for (const r of totals.slice(1)) expect(isNumber(r[1] ?? null) && isNumber(r[2] ?? null)).toBe(true);
  });

  it('followup: the recipients with totals, and the sources as the JSON has them', async () => {
    const args = ['followup', ALLOCATION, '--to', TO, '--key', 'weight', '--unit', '1000', ...langArgs];
    const sheets = await workbook(args);
    expect(sheets.map((s) => s.name)).toEqual([w.sheets.recipients, w.sheets.sources]);
    const table = csv(args);
    expect(table[0]).toEqual(w.recipients);
    const [, , weight, share, amount] = w.recipients;
    const below = expectSheetIsCsv(sheetNamed(sheets, w.sheets.recipients), table, [weight, share, amount] as string[]);
    expect(below.map((r) => r.map(shown))).toEqual([
      ['', w.total, decimalSum(column(table, weight as string)), '100.0000', decimalSum(column(table, amount as string))],
    ]);
    expect(shown(below[0]?.[4] ?? null)).toBe('7126000');
    const doc = json(args) as { pool: string; unallocated: string; sources: { id: string; name: string; kind: string; tranche: number | null; amount: string; unallocated: string }[] };
    const sources = sheetNamed(sheets, w.sheets.sources).rows;
    expect(sources.map((r) => r.map(shown))).toEqual([
      w.sources,
      ...doc.sources.map((s) => [s.id, s.name, w.kind[s.kind], s.tranche === null ? '' : String(s.tranche), s.amount, s.unallocated]),
      ['', w.total, '', '', doc.pool, doc.unallocated],
    ]);
  });

  it('followup --explain: the audit trail as the explain CSV, and the quotas as the JSON explains them', async () => {
    const args = ['followup', ALLOCATION, '--forfeited', CHECK, '--to', TO, '--key', 'weight', '--unit', '1000', '--explain', ...langArgs];
    const sheets = await workbook(args);
    expect(sheets.map((s) => s.name)).toEqual([w.sheets.recipients, w.sheets.sources, w.sheets.trail, w.sheets.quotas]);
    const trail = csv(args);
    const header = trail[0] ?? [];
    // source amount, source tranche, amount: numbers; the rest text.
    const numeric = [header[3], header[4], header[7]] as string[];
    const below = expectSheetIsCsv(sheetNamed(sheets, w.sheets.trail), trail, numeric);
    const doc = json(args) as { pool: string; allocations: { id: string; name: string; explain: Record<string, string | number | boolean | null> }[] };
    // The trail's amounts make the whole follow-up pool.
    expect(below.map((r) => shown(r[7] ?? null))).toEqual([decimalSum(column(trail, header[7] as string))]);
    expect(decimalSum(column(trail, header[7] as string))).toBe(doc.pool);
    const quotas = sheetNamed(sheets, w.sheets.quotas).rows;
    expect(quotas.map((r) => r.map(shown))).toEqual([
      w.quotas,
      ...doc.allocations.map((a) => {
        const e = a.explain;
        return [a.id, a.name, e['quota'], String(e['quota_decimal']).replace(/…$/, ''), e['floor'], e['remainder'], e['rank'] === null ? '' : String(e['rank']), e['extra_unit'] ? w.yes : w.no];
      }),
    ]);
  });

  it('progress: kommune, month (a date) and the counts as whole numbers', async () => {
    const args = ['progress', 'data/persons-example.csv', ...langArgs];
    const sheets = await workbook(args);
    expect(sheets.map((s) => s.name)).toEqual([w.sheets.progress]);
    const table = csv(args);
    expect(table[0]).toEqual(w.progress);
    expect(expectSheetIsCsv(sheetNamed(sheets, w.sheets.progress), table, w.progress.slice(2))).toEqual([]);
    for (const row of sheetNamed(sheets, w.sheets.progress).rows.slice(1)) expect(row[1]).toBeInstanceOf(Date);
  });
});

describe('the workbook itself', () => {
  it('holds text that looks like a formula as text, and every number exactly (no float on the way)', async () => {
    const counts = join(DIR, 'hostile.csv');
    // 17 significant digits of weight: a double would change it; the names look like formulas.
    const text = 'name,count\n"=HYPERLINK(""http://x"",""y"")",12345678901234567.5\n+cmd,1\n@SUM(A1),2\n-1,3\n';
    writeFileSync(counts, text);
    const args = ['allocate', counts, '--no-registry', '--total', '1000000000000000000.01', '--unit', '0.01'];
    const sheets = await workbook(args);
    const table = csv(args);
    const [sheet] = sheets;
    expectSheetIsCsv(sheet as ReadSheet, table.map((r) => r.map((c) => c.replace(/^'/, ''))), ['count', 'share', 'amount', 'tranche_1', 'tranche_2', 'tranche_3']);
    const names = (sheet as ReadSheet).rows.slice(1, 5).map((r) => r[1]);
    expect(names).toEqual(expect.arrayContaining(['=HYPERLINK("http://x","y")', '+cmd', '@SUM(A1)', '-1']));
    const weights = (sheet as ReadSheet).rows.slice(1, 5).map((r) => shown(r[2] ?? null));
    expect(weights).toContain('12345678901234567.5');
    expect(String(Number('12345678901234567.5'))).not.toBe('12345678901234567.5');
  });
});
