import { strFromU8, unzipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnLetter } from '../../../src/io/xlsx/cell-reference.js';
import { monthSerial, workbookBytes } from '../../../src/io/xlsx/write-workbook.js';
import type { Workbook } from '../../../src/io/xlsx/workbook.js';

const parts = (wb: Workbook) => {
  const files = unzipSync(workbookBytes(wb));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
};
const ONE: Workbook = {
  sheets: [
    {
      name: 'Fordeling',
      columns: [
        { header: 'id', kind: 'text' },
        { header: 'name', kind: 'text' },
        { header: 'amount', kind: 'integer' },
        { header: 'share', kind: 'decimal', decimals: 4 },
        { header: 'month', kind: 'month' },
      ],
      rows: [
        ['101', 'København', '26250972', '10.0004', '2017-07'],
        ['147', '=HYPERLINK("http://x")', '4598781', '1.7519', null],
      ],
      totals: [null, 'Total', '30849753', '11.7523', null],
    },
  ],
};

describe('workbookBytes', () => {
  it('holds the parts a spreadsheet needs, one sheet each', () => {
    expect(Object.keys(parts(ONE)).sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'].sort(),
    );
  });

  it('writes each number as the exact decimal text, never through a float', () => {
    const quota = '26250972.258231793396051705';
    const sheet = parts({ sheets: [{ name: 'S', columns: [{ header: 'q', kind: 'decimal', decimals: 6 }], rows: [[quota], ['12345678901234567890123']] }] })['xl/worksheets/sheet1.xml'];
    expect(sheet).toContain(`<v>${quota}</v>`);
    expect(sheet).toContain('<v>12345678901234567890123</v>');
    expect(Number(quota).toString()).not.toBe(quota); // what a float would have made of it
  });

  it('keeps text as text: a formula-looking name is an inline string, escaped, never a formula', () => {
    const sheet = parts(ONE)['xl/worksheets/sheet1.xml'] as string;
    expect(sheet).toMatch(/<c r="B3" s="\d+" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK\(&quot;http:\/\/x&quot;\)<\/t><\/is><\/c>/);
    expect(sheet).not.toContain('<f>');
  });

  it('freezes and filters the header row; the totals row is below the filtered range', () => {
    const sheet = parts(ONE)['xl/worksheets/sheet1.xml'] as string;
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(sheet).toContain('<autoFilter ref="A1:E3"/>');
    expect(sheet).toContain('<row r="4">');
    expect(parts(ONE)['xl/workbook.xml']).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Fordeling'!$A$1:$E$3</definedName>`);
  });

  it('makes each column as wide as its widest cell as shown (grouped, with its places), up to 60 characters', () => {
    const colWidths = (wb: Workbook) => [...(parts(wb)['xl/worksheets/sheet1.xml'] as string).matchAll(/<col min="(\d+)" max="\1" width="(\d+)" customWidth="1"\/>/g)].map((m) => Number(m[2]));
    // What a spreadsheet shows, spelled out here: 30,849,753 (10 characters), 11.7523 (7), 2017-07 (7).
    const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+$)/g, ',');
    expect(grouped('30849753')).toBe('30,849,753');
    const shown = { id: '101'.length, name: '=HYPERLINK("http://x")'.length, amount: grouped('30849753').length, share: '11.7523'.length, month: '2017-07'.length };
    // Text gets 2 characters of room, numbers and months 4 (their indent); a header 3 or 5 (its filter button).
    const room = (cell: number, header: number, text: boolean) => Math.max(cell + (text ? 2 : 4), header + (text ? 3 : 5));
    expect(colWidths(ONE)).toEqual([
      room(shown.id, 'id'.length, true),
      room(shown.name, 'name'.length, true),
      room(shown.amount, 'amount'.length, false),
      room(shown.share, 'share'.length, false),
      room(shown.month, 'month'.length, false),
    ]);
    const long: Workbook = { sheets: [{ name: 'S', columns: [{ header: 'name', kind: 'text' }], rows: [['x'.repeat(500)], ['y']] }] };
    expect(colWidths(long)).toEqual([60]);
  });

  it('formats numbers by grouped, locale-neutral codes and months as yyyy-mm dates', () => {
    const styles = parts(ONE)['xl/styles.xml'] as string;
    expect(styles).toContain('formatCode="#,##0.0000"');
    expect(styles).toContain('formatCode="yyyy-mm"');
    expect(styles).toMatch(/<xf numFmtId="3" /); // built-in #,##0
    expect(parts(ONE)['xl/worksheets/sheet1.xml']).toContain(`<v>${monthSerial('2017-07')}</v>`);
  });

  it('refuses a number that is not a canonical decimal, and a bad sheet name (bugs, not data)', () => {
    const bad = (value: string) => workbookBytes({ sheets: [{ name: 'S', columns: [{ header: 'n', kind: 'integer' }], rows: [[value]] }] });
    expect(() => bad('1,5')).toThrow(RangeError);
    expect(() => bad('1e5')).toThrow(RangeError);
    expect(() => workbookBytes({ sheets: [{ name: 'a/b', columns: [{ header: 'n', kind: 'text' }], rows: [] }] })).toThrow(RangeError);
  });
});

describe('workbookBytes: rounded decimals, alignment and printing', () => {
  const sheet = (rows: (string | null)[][]) =>
    parts({ sheets: [{ name: 'Kvoter', columns: [{ header: 'id', kind: 'text' }, { header: 'kvote', kind: 'decimal', decimals: 6 }], rows }] });

  it('writes a decimal shown rounded (`…`) as its digits, the `…` in the cell\'s number format', () => {
    const p = sheet([['101', '26250972.258232…'], ['147', '4598781.000000']]);
    const xml = p['xl/worksheets/sheet1.xml'] as string;
    expect(xml).toContain('<v>26250972.258232</v>');
    expect(xml).not.toContain('…');
    const styles = p['xl/styles.xml'] as string;
    expect(styles).toContain('formatCode="#,##0.000000&quot;…&quot;"');
    expect(styles).toContain('formatCode="#,##0.000000"');
    // The two cells have different styles: only the rounded one shows the `…`.
    const style = (ref: string) => xml.match(new RegExp(`<c r="${ref}" s="(\\d+)"`))?.[1];
    expect(style('B2')).not.toBe(style('B3'));
  });

  it('right-aligns numbers with an indent; repeats the header row on every printed page', () => {
    const p = sheet([['101', '1.5']]);
    expect(p['xl/styles.xml']).toContain('<alignment horizontal="right" indent="1"/>');
    expect(p['xl/workbook.xml']).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'Kvoter'!$1:$1</definedName>`);
    expect(p['xl/worksheets/sheet1.xml']).toMatch(/<pageSetup [^>]*fitToWidth="1" fitToHeight="0"\/><\/worksheet>$/);
  });
});

describe('monthSerial', () => {
  it('is Excel\'s serial day number of the month\'s first day', () => {
    // Known values of Excel's 1900 date system: 2017-01-01 is 42736, 2000-01-01 is 36526.
    expect(monthSerial('2017-01')).toBe(42736);
    expect(monthSerial('2017-07')).toBe(42736 + 181);
    expect(monthSerial('2000-01')).toBe(36526);
    expect(monthSerial('1900-03')).toBe(61);
  });

  it('agrees with the calendar as Date.UTC counts it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1901, max: 2999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const days = Date.UTC(year, month - 1, 1) / 86_400_000;
        expect(monthSerial(`${year}-${String(month).padStart(2, '0')}`)).toBe(days + 25569);
      }),
    );
  });
});

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i → %s', (i, letters) => expect(columnLetter(i)).toBe(letters));
});
