// Issue 12: flere's workbook as a spreadsheet program shows it. LibreOffice (headless), with a
// scratch profile set to Danish, converts the allocation workbook to CSV "as shown": the
// amounts must come out grouped the Danish way (26.250.972, 10,0004) where flere's CSV says
// 26250972 and 10.0004, and months as 2017-07. With an English profile: 26,250,972. Where
// soffice is not installed the tests are skipped with a note; they never fail CI for that.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli, withoutWarnings } from '../helpers/run-cli.js';

const SOFFICE = ['soffice', 'libreoffice'].find((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0);
if (SOFFICE === undefined) {
  console.warn('note: LibreOffice (soffice) is not installed: the test of the workbook in a Danish spreadsheet is skipped');
}

const DIR = mkdtempSync(join(tmpdir(), 'flere-soffice-'));

/** A LibreOffice user profile whose locale (numbers, dates) is `locale`. */
function profile(locale: string): string {
  const dir = join(DIR, `profile-${locale}`);
  mkdirSync(join(dir, 'user'), { recursive: true });
  const item = (name: string): string =>
    `<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="${name}" oor:op="fuse"><value>${locale}</value></prop></item>`;
  writeFileSync(
    join(dir, 'user', 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `${item('ooSetupSystemLocale')}${item('ooLocale')}</oor:items>\n`,
  );
  return dir;
}

/**
 * The workbook's first sheet as LibreOffice shows it, as rows: semicolons, UTF-8 (76), cells
 * "as shown" (the 9th token), through the Text - txt - csv (StarCalc) filter.
 */
function shownAs(workbook: string, locale: string): string[][] {
  const out = join(DIR, `out-${locale}`);
  const r = spawnSync(
    SOFFICE as string,
    [`-env:UserInstallation=file://${profile(locale)}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76,1,,1030,false,true,true', '--outdir', out, workbook],
    { encoding: 'utf8', timeout: 120_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  const name = workbook.split('/').pop()?.replace(/\.xlsx$/, '.csv') ?? '';
  return parse(readFileSync(join(out, name), 'utf8'), { delimiter: ';', relax_column_count: true }) as string[][];
}

function run(args: readonly string[]): string {
  const r = runCli(args);
  expect(withoutWarnings(r.stderr)).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe.skipIf(SOFFICE === undefined)('the workbook in LibreOffice', () => {
  const args = ['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv'];
  const workbook = join(DIR, 'fordeling.xlsx');
  const plain = () => parse(run([...args, '--format', 'csv']), {}) as string[][];

  it('in a Danish locale shows 26.250.972 where the CSV says 26250972, and 10,0004 for 10.0004', { timeout: 180_000 }, () => {
    run([...args, '-o', workbook]);
    const csv = plain();
    const shown = shownAs(workbook, 'da-DK');
    expect(csv[1]?.slice(0, 5)).toEqual(['101', 'København', '2700', '10.0004', '26250972']);
    expect(shown[0]).toEqual(csv[0]);
    expect(shown[1]).toEqual(['101', 'København', '2.700', '10,0004', '26.250.972', '7.875.291', '10.500.389', '7.875.292', 'yes']);
    // Every amount of every row as Danish grouping of the CSV's digits, worked out here.
    const danish = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    csv.slice(1).forEach((row, i) => expect(shown[i + 1]?.[4]).toBe(danish(row[4] ?? '')));
    // The totals row, values (not formulas: a formula would need recalculating to show).
    expect(shown[csv.length]).toEqual(['', 'Total', '26.999', '100,0000', '262.500.000', '76.612.004', '102.149.339', '76.612.004', '']);
  });

  it('in an English locale shows 26,250,972', { timeout: 180_000 }, () => {
    run([...args, '-o', workbook]);
    const shown = shownAs(workbook, 'en-US');
    expect(shown[1]?.slice(2, 5)).toEqual(['2,700', '10.0004', '26,250,972']);
  });

  it('shows months as months (2017-07), in Danish words with --lang da', { timeout: 180_000 }, () => {
    const allocation = join(DIR, 'allocation.json');
    run([...args, '--format', 'json', '-o', allocation]);
    const check = join(DIR, 'rater.xlsx');
    run(['check', 'data/progress-2017.csv', '--allocation', allocation, '--as-of', '2019-12', '--lang', 'da', '-o', check]);
    const shown = shownAs(check, 'da-DK');
    expect(shown[0]).toEqual(['kommunekode', 'kommune', 'rate', 'beløb', 'status', 'måned', 'bogført', 'grundlag']);
    expect(shown[1]?.slice(0, 7)).toEqual(['101', 'København', '1', '7.875.291', 'forfalden', '2017-07', 'nej']);
  });
});
