// Every input that is CSV can be an .xlsx workbook too, and gives the same result. The
// hand-made workbooks of test/fixtures/xlsx/ were saved by LibreOffice (see make.mjs there:
// shared strings, date cells, a cached #DIV/0!, a title row, Danish headers, numbers typed as
// text, several sheets); others are made here with flere's own workbook writer (inline
// strings, numbers as exact decimal text), as `flere allocate --format xlsx` writes them.
import { readFileSync } from 'node:fs';
import { dirname as dirOf, join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { workbookBytes } from '../../src/io/xlsx/write-workbook.js';
import type { CellValue, Sheet, SheetColumn } from '../../src/io/xlsx/workbook.js';
import { runCli, withoutWarnings } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const DIR = 'test/fixtures/xlsx/';
const { file } = scratchDir('flere-xlsx-in-');

interface Issue {
  code: string;
  file: string | null;
  sheet: string | null;
  cell: string | null;
  line: number | null;
  column: string | null;
  value: string | null;
  message: string;
}

/** A successful run's stdout (warnings allowed on stderr, nothing else). */
function ok(args: readonly string[], input?: Uint8Array): string {
  const r = runCli(args, input === undefined ? {} : { input });
  expect(withoutWarnings(r.stderr)).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

/** A failed `--format json` run's exit code and issues. */
function issues(args: readonly string[]): { code: number | null; issues: Issue[] } {
  const r = runCli([...args, '--format', 'json']);
  expect(r.stdout).toBe('');
  return { code: r.code, issues: (JSON.parse(r.stderr) as { issues: Issue[] }).issues };
}

const COUNTS_CSV = readFileSync('data/counts-2017.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));

/** The bundled counts as Danish Excel saves "CSV (semikolonsepareret)": Windows-1252, CRLF, 2.700. */
function danishCsv(): Buffer {
  const dots = (n: string): string => n.replace(/\B(?=(\d{3})+$)/g, '.');
  const lines = ['Kode;Kommune;Antal', ...COUNTS_CSV.map(([code, name, n]) => `${code};${name};${dots(n ?? '')}`)];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
}

/** A one-sheet workbook (or more) by flere's writer; `null` is an empty cell. */
function book(...sheets: Sheet[]): Uint8Array {
  return workbookBytes({ sheets });
}
const col = (header: string, kind: SheetColumn['kind'] = 'text', decimals?: number): SheetColumn =>
  decimals === undefined ? { header, kind } : { header, kind, decimals };

/** A workbook with its first sheet's XML changed by `edit` (for what no writer writes). */
function patched(bytes: Uint8Array, edit: (xml: string) => string): Uint8Array {
  const parts = unzipSync(bytes);
  parts['xl/worksheets/sheet1.xml'] = strToU8(edit(new TextDecoder().decode(parts['xl/worksheets/sheet1.xml'])));
  return zipSync(parts);
}

describe('hand-made workbooks (saved by LibreOffice)', () => {
  it('counts as CSV, as Danish CSV and as .xlsx give the byte-identical allocation', () => {
    const danish = file('counts-da.csv', danishCsv());
    for (const format of ['csv', 'json']) {
      const csv = ok(['allocate', 'data/counts-2017.csv', '--format', format]);
      expect(ok(['allocate', danish, '--format', format])).toBe(csv);
      expect(ok(['allocate', `${DIR}counts-2017.xlsx`, '--format', format])).toBe(csv);
    }
    // The workbook is what make.mjs says: a title, Danish headers, counts as numbers and as text.
    const parts = readFileSync(`${DIR}counts-2017.xlsx`);
    expect(parts.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  });

  it('reads a workbook from standard input, told by its content', () => {
    const csv = ok(['allocate', 'data/counts-2017.csv', '--format', 'csv']);
    expect(ok(['allocate', '-', '--format', 'csv'], readFileSync(`${DIR}counts-2017.xlsx`))).toBe(csv);
    // A workbook named .csv is still a workbook.
    const misnamed = file('really-a-workbook.csv', readFileSync(`${DIR}counts-2017.xlsx`));
    expect(ok(['allocate', misnamed, '--format', 'csv'])).toBe(csv);
  });

  it('reads the first sheet, or the one --sheet names', () => {
    const cover = `${DIR}counts-cover-sheet.xlsx`;
    const first = issues(['allocate', cover]);
    expect(first.code).toBe(1);
    expect(first.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual([['csv.no-header', 'Forside', null]]);
    // The message names the sheets and says how to read another.
    expect(first.issues[0]?.message).toContain("the workbook's sheets: Forside, Tal; --sheet NAME reads another");

    const ten = ['101', '147', '169', '253', '360', '400', '461', '492', '751', '851'];
    const tenCsv = file('ten.csv', ['kode,kommune,antal', ...COUNTS_CSV.filter(([code]) => ten.includes(code ?? '')).map((r) => r.join(','))].join('\n'));
    const expected = ok(['allocate', tenCsv, '--format', 'json']);
    expect(ok(['allocate', cover, '--sheet', 'Tal', '--format', 'json'])).toBe(expected);
    // Sheet names are told apart as Excel does: without regard to case.
    expect(ok(['allocate', cover, '--sheet', 'tal', '--format', 'json'])).toBe(expected);
  });

  it('refuses a sheet that does not exist, and --sheet with a CSV input (usage, exit 2)', () => {
    const none = issues(['allocate', `${DIR}counts-cover-sheet.xlsx`, '--sheet', 'Data']);
    expect(none.code).toBe(2);
    expect(none.issues.map((i) => [i.code, i.value])).toEqual([['xlsx.no-such-sheet', 'Data']]);
    expect(none.issues[0]?.message).toContain('Forside, Tal');
    const csv = issues(['allocate', 'data/counts-2017.csv', '--sheet', 'Ark1']);
    expect(csv.code).toBe(2);
    expect(csv.issues.map((i) => i.code)).toEqual(['xlsx.sheet-not-workbook']);
    expect(runCli(['allocate', `${DIR}counts-2017.xlsx`, '--sheet', '']).code).toBe(2);
  });

  it('names the sheet and the cell of every problem', () => {
    const r = issues(['allocate', `${DIR}counts-problems.xlsx`]);
    expect(r.code).toBe(1);
    expect(r.issues.map((i) => [i.code, i.sheet, i.cell, i.line, i.value])).toEqual([
      ['number.not-whole', 'Ark1', 'B7', 7, '12,5'],
      ['number.excel-error', 'Ark1', 'B8', 8, '#DIV/0!'],
      ['kommune.unknown', 'Ark1', 'A9', 9, 'Odens'],
    ]);
    const text = runCli(['allocate', `${DIR}counts-problems.xlsx`]);
    expect(text.stderr.split('\n')[0]).toBe(`flere: ${DIR}counts-problems.xlsx: Ark1!B7: column «antal»: not a whole number: "12,5"`);
  });

  it('progress as .xlsx (dates as months, Danish headers, a title) gives the same check as CSV', () => {
    const allocation = file('allocation.json', ok(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json']));
    for (const asOf of ['2018-03', '2019-12']) {
      const csv = ok(['check', 'data/progress-2017.csv', '--allocation', allocation, '--as-of', asOf, '--format', 'json']);
      expect(ok(['check', `${DIR}progress-2017.xlsx`, '--allocation', allocation, '--as-of', asOf, '--format', 'json'])).toBe(csv);
    }
  });

  it('a person file as .xlsx gives the same progress and check as CSV, from a file or standard input', () => {
    const xlsx = `${DIR}persons-example.xlsx`;
    const progress = ok(['progress', 'data/persons-example.csv']);
    expect(ok(['progress', xlsx])).toBe(progress);
    expect(ok(['progress', '-'], readFileSync(xlsx))).toBe(progress);
    const allocation = file('allocation-p.json', ok(['allocate', 'data/counts-2017.csv', '--format', 'json']));
    const check = ok(['check', '--persons', 'data/persons-example.csv', '--allocation', allocation, '--format', 'json']);
    expect(ok(['check', '--persons', xlsx, '--allocation', allocation, '--format', 'json'])).toBe(check);
    expect(ok(['check', '--persons', '-', '--allocation', allocation, '--format', 'json'], readFileSync(xlsx))).toBe(check);
  });

  it('applicants and follow-up recipients as .xlsx give the same results as CSV', () => {
    const json = ok(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json']);
    expect(ok(['allocate', 'data/counts-2017.csv', '--applicants', `${DIR}applicants-2017.xlsx`, '--format', 'json'])).toBe(json);
    const allocation = file('allocation-f.json', json);
    const args = ['--key', 'weight', '--unit', '1000', '--format', 'json'];
    expect(ok(['followup', allocation, '--to', `${DIR}followup-2017.xlsx`, ...args])).toBe(ok(['followup', allocation, '--to', 'data/followup-2017.csv', ...args]));
  });
});

describe('an allocation written as .xlsx, read back', () => {
  const json = ok(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json']);
  const doc = JSON.parse(json) as { allocations: { id: string; name: string; count: string; share: string; amount: string; tranches: string[]; applied: boolean }[] };
  // The allocate CSV's columns, numbers as numeric cells: what `allocate --format xlsx` writes first.
  const sheet: Sheet = {
    name: 'Fordeling',
    columns: [col('id'), col('name'), col('count', 'integer'), col('share', 'decimal', 4), col('amount', 'integer'), col('tranche_1', 'integer'), col('tranche_2', 'integer'), col('tranche_3', 'integer'), col('applied')],
    rows: doc.allocations.map((a): CellValue[] => [a.id, a.name, a.count, a.share, a.amount, ...[0, 1, 2].map((j) => a.tranches[j] ?? null), a.applied ? 'yes' : 'no']),
  };
  const jsonFile = file('allocation.json', json);
  const xlsxFile = file('allocation.xlsx', book(sheet, { name: 'Forklaring', columns: [col('note')], rows: [['exact quotas']] }));

  it('check gives the same result as with the JSON', () => {
    const args = ['--as-of', '2019-12', '--format', 'json'];
    expect(ok(['check', 'data/progress-2017.csv', '--allocation', xlsxFile, ...args])).toBe(ok(['check', 'data/progress-2017.csv', '--allocation', jsonFile, ...args]));
  });

  it('followup gives the same result as with the JSON (the unit given, as for any table)', () => {
    const args = ['--to', 'data/followup-2017.csv', '--key', 'weight', '--unit', '1000', '--pool', 'flere-skal-med-1', '--format', 'json'];
    const fromXlsx = ok(['followup', xlsxFile, ...args]);
    // Byte for byte what the allocate CSV gives, whose columns the sheet has.
    const csvFile = file('allocation.csv', ok(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'csv']));
    expect(fromXlsx).toBe(ok(['followup', csvFile, ...args]));
    expect(ok(['followup', '-', ...args], readFileSync(xlsxFile))).toBe(fromXlsx);
    // And the JSON's result, but for saying whether the allocation stated the original pool:
    // a table does not (the pool is then the sum of its amounts, the same 262,500,000 here).
    const unstated = (text: string): unknown => {
      const result = JSON.parse(text) as { check: Record<string, unknown> };
      expect(result.check['original_pool']).toBe('262500000');
      delete result.check['original_pool_stated'];
      return result;
    };
    expect(unstated(fromXlsx)).toEqual(unstated(ok(['followup', jsonFile, ...args])));
  });

  it.each([['en'], ['da']])('flere’s own `allocate -o FILE.xlsx --lang %s`, its totals row included, reads back as the JSON does', (lang) => {
    const own = join(dirOf(xlsxFile), `own-${lang}.xlsx`);
    ok(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--lang', lang, '-o', own]);
    // The sheet really ends in a totals row (no id, the word, the pool): the reader skips it.
    const last = unzipSync(readFileSync(own))['xl/worksheets/sheet1.xml'];
    expect(new TextDecoder().decode(last)).toContain(lang === 'da' ? 'I alt' : 'Total');
    const checkArgs = ['--as-of', '2019-12', '--format', 'json'];
    expect(ok(['check', 'data/progress-2017.csv', '--allocation', own, ...checkArgs])).toBe(ok(['check', 'data/progress-2017.csv', '--allocation', jsonFile, ...checkArgs]));
    const followArgs = ['--to', 'data/followup-2017.csv', '--key', 'weight', '--unit', '1000', '--pool', 'flere-skal-med-1', '--format', 'json'];
    expect(ok(['followup', own, ...followArgs])).toBe(ok(['followup', xlsxFile, ...followArgs]));
  });

  it('a grants workbook (kommune, amount) is split as the grants CSV is', () => {
    const grants = doc.allocations.filter((a) => a.applied);
    const csv = file('grants.csv', ['kommune,amount', ...grants.map((g) => `${g.name},${g.amount}`)].join('\n'));
    const xlsx = file('grants.xlsx', book({ name: 'Bevillinger', columns: [col('Kommune'), col('Bevilget', 'integer')], rows: grants.map((g) => [g.name, g.amount]) }));
    const args = ['--as-of', '2018-06', '--format', 'json'];
    expect(ok(['check', 'data/progress-2017.csv', '--allocation', xlsx, ...args])).toBe(ok(['check', 'data/progress-2017.csv', '--allocation', csv, ...args]));
  });
});

describe('workbooks of other shapes (written by flere’s writer)', () => {
  it('reads numbers stored as English text, a date column and a second sheet with --sheet', () => {
    const rows: CellValue[][] = [
      ['København', '2,700.0', '2017-07'],
      ['Odense', '1600', '2017-07'],
      ['Aalborg', '1,220.00', '2017-07'],
    ];
    const wb = book(
      { name: 'Cover', columns: [col('About')], rows: [['counts on the next sheet']] },
      { name: 'Counts 2017', columns: [col('Municipality'), col('Persons'), col('Month', 'month')], rows },
    );
    const path = file('english.xlsx', wb);
    const csv = file('english.csv', 'kommune,antal\nKøbenhavn,2700\nOdense,1600\nAalborg,1220\n');
    expect(ok(['allocate', path, '--sheet', 'Counts 2017', '--format', 'json'])).toBe(ok(['allocate', csv, '--format', 'json']));
    // A problem on that sheet is told with the sheet's name quoted, as Excel writes it.
    const bad = file('english-bad.xlsx', book({ name: 'Counts 2017', columns: [col('kommune'), col('antal')], rows: [['Odense', '12.5']] }));
    const r = issues(['allocate', bad]);
    expect(r.issues.map((i) => [i.code, i.sheet, i.cell, i.value])).toEqual([['number.not-whole', 'Counts 2017', 'B2', '12.5']]);
    expect(r.issues[0]?.message).toContain(`${bad}: 'Counts 2017'!B2: `);
  });

  it('reads numbers exactly as stored: 17 digits and exponents are decimal text, never a float', () => {
    // 0.1 + 0.2 as Excel stores it, and a weight in exponent form (as Excel stores 1E-4 and 1E+21).
    const written = book({ name: 'W', columns: [col('name'), col('weight', 'decimal', 2)], rows: [['a', '0.30000000000000004'], ['b', '0.2']] });
    const weights = file('weights.xlsx', patched(written, (xml) => xml.replace('<v>0.2</v>', '<v>2E-1</v>')));
    const out = JSON.parse(ok(['allocate', weights, '--no-registry', '--total', '1000000000000000000', '--format', 'json'])) as { allocations: { name: string; count: string }[] };
    expect(out.allocations.map((a) => [a.name, a.count])).toEqual([
      ['a', '0.30000000000000004'],
      ['b', '0.2'],
    ]);
  });
});

describe('workbooks that cannot be read', () => {
  it('an old .xls, a password-protected workbook, a damaged one, another zip: clear data errors', () => {
    // OLE2 compound files: the header of every .xls, and an encrypted workbook's stream name.
    const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    const xls = file('old.xls', ole2);
    const encrypted = file('secret.xlsx', Buffer.concat([ole2, Buffer.from('EncryptedInfo\0EncryptedPackage', 'utf16le')]));
    const damaged = file('damaged.xlsx', readFileSync(`${DIR}counts-2017.xlsx`).subarray(0, 2000));
    const zip = file('other.zip', workbookBytes({ sheets: [{ name: 'S', columns: [col('x')], rows: [] }] }));
    // Another kind of zip: the same archive with its parts renamed away from xl/.
    const renamed = Buffer.from(readFileSync(zip).toString('latin1').replace(/xl\//g, 'zz/'), 'latin1');
    const other = file('other.zip', renamed);
    const cases: [string, string, string][] = [
      [xls, 'xlsx.xls', 'save it as an Excel workbook (.xlsx) or as CSV'],
      [encrypted, 'xlsx.encrypted', 'remove the password'],
      [damaged, 'xlsx.corrupt', 'save it as an Excel workbook (.xlsx) or as CSV again'],
      [other, 'xlsx.not-workbook', 'not an Excel workbook'],
    ];
    for (const [path, code, advice] of cases) {
      const r = issues(['allocate', path]);
      expect([r.code, r.issues.map((i) => i.code)]).toEqual([1, [code]]);
      expect(r.issues[0]?.message).toContain(advice);
    }
  });

  it('a zip bomb and a sheet of a thousand million cells are refused before they take the memory', () => {
    // A part that claims 1 GiB: the sizes the archive declares are checked before unpacking.
    const bytes = Buffer.from(workbookBytes({ sheets: [{ name: 'S', columns: [col('kommune'), col('antal', 'integer')], rows: [['Odense', '1']] }] }));
    for (let i = 0; i + 4 <= bytes.length; i += 1) {
      const signature = bytes.readUInt32LE(i);
      if (signature === 0x04034b50) bytes.writeUInt32LE(1 << 30, i + 22);
      if (signature === 0x02014b50) bytes.writeUInt32LE(1 << 30, i + 24);
    }
    const bomb = issues(['allocate', file('bomb.xlsx', bytes)]);
    expect([bomb.code, bomb.issues.map((i) => i.code)]).toEqual([1, ['xlsx.too-large']]);
    // One value in A1 and one in XFD1048576: a few bytes that would be 17,179,869,184 cells.
    const small = workbookBytes({ sheets: [{ name: 'S', columns: [col('kommune'), col('antal', 'integer')], rows: [['Odense', '1']] }] });
    const far = patched(small, (xml) => xml.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'));
    const wide = issues(['allocate', file('wide.xlsx', far)]);
    expect([wide.code, wide.issues.map((i) => i.code)]).toEqual([1, ['xlsx.too-large']]);
    expect(wide.issues[0]?.message).toContain('1048576 rows and 16384 columns');
  });

  it('a ledger kept as a workbook is refused: flere rewrites the ledger, as CSV', () => {
    const allocation = file('allocation-l.json', ok(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json']));
    const ledger = file('payouts.xlsx', book({ name: 'Udbetalinger', columns: [col('pool'), col('kommune'), col('tranche', 'integer'), col('amount', 'integer'), col('month_due', 'month')], rows: [] }));
    const before = readFileSync(ledger);
    const r = issues(['check', 'data/progress-2017.csv', '--allocation', allocation, '--ledger', ledger, '--record']);
    expect([r.code, r.issues.map((i) => i.code)]).toEqual([1, ['ledger.workbook']]);
    expect(r.issues[0]?.message).toContain('keep the ledger as a CSV file');
    expect(readFileSync(ledger).equals(before)).toBe(true);
  });
});

describe('inputs that only flere’s JSON can be', () => {
  const allocation = file('allocation-j.json', ok(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json']));
  const checkBook = join(dirOf(allocation), 'rater.xlsx');
  ok(['check', 'data/progress-2017.csv', '--allocation', allocation, '--as-of', '2019-12', '-o', checkBook]);
  const followup = ['followup', allocation, '--to', 'data/followup-2017.csv', '--key', 'weight', '--unit', '1000'];

  it.each([
    ['--forfeited', [...followup, '--forfeited'], 'an object with "tranches"'],
    ['--after', [...followup, '--after'], 'flere followup --format json'],
    ['report --check', ['report', allocation, '-o', join(dirOf(allocation), 'r.html'), '--check'], 'an object with "tranches"'],
  ])('%s given a workbook or a CSV table says so, and what it takes', (_, args, expected) => {
    for (const [input, found] of [[checkBook, 'an Excel workbook (.xlsx)'], ['data/counts-2017.csv', 'a table of delimited text (CSV)']] as const) {
      const r = runCli([...args, input]);
      expect(r.code).toBe(1);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^flere: ${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not JSON but ${found.replace(/[()]/g, '\\$&')}: expected .*${expected}`));
      expect(r.stderr).not.toContain('PK');
    }
  });
});

describe('person files as workbooks stay private', () => {
  it('problems are told by cell, never with the cell’s value', () => {
    const cpr = '0101801111';
    const persons = file(
      'persons.xlsx',
      book({
        name: 'Personer',
        columns: ['person', 'kommune', 'month', 'recipient', 'cleared', 'company', 'paid_hours'].map((h) => col(h)),
        rows: [
          [cpr, '101', '2017-07', '1', '0', '0', '0'],
          [cpr, cpr, '2017-08', '1', '0', '0', '0'],
          [cpr, '101', '2017-09', cpr, '0', '0', '0'],
        ],
      }),
    );
    const allocation = file('allocation-pp.json', ok(['allocate', 'data/counts-2017.csv', '--format', 'json']));
    for (const args of [['progress', persons], ['check', '--persons', persons, '--allocation', allocation]]) {
      const r = runCli([...args, '--format', 'json']);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toContain(cpr);
      expect(r.stderr).not.toContain('801111');
      const found = (JSON.parse(r.stderr) as { issues: Issue[] }).issues;
      expect(found.map((i) => [i.code, i.sheet, i.cell, i.value])).toEqual([
        ['persons.unknown-kommune', 'Personer', 'B3', null],
        ['persons.bad-flag', 'Personer', 'D4', null],
      ]);
    }
  });
});
