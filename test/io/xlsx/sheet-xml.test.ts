import { describe, expect, it } from 'vitest';
import { columnLetter, columnNumber } from '../../../src/io/xlsx/cell-reference.js';
import { errorCellsAsText, MAX_SHEET_CELLS, MAX_USED_RANGE, sheetExtent, tooLarge } from '../../../src/io/xlsx/sheet-xml.js';

const sheet = (data: string): string =>
  `<worksheet xmlns="x"><dimension ref="A1"/><cols><col min="1" max="3" width="9"/></cols><sheetData>${data}</sheetData><mergeCells><mergeCell ref="A1:XFD1"/></mergeCells></worksheet>`;

describe('sheetExtent', () => {
  it('measures the last row and column from the cells and rows themselves', () => {
    const xml = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>2</v></c></row><row r="7" spans="1:2"><c s="1" r="B7"><v>1</v></c></row><row r="9"/>');
    expect(sheetExtent(xml)).toEqual({ rows: 9, columns: 3, cells: 3 });
    expect(sheetExtent(sheet(''))).toEqual({ rows: 0, columns: 0, cells: 0 });
  });

  it('reads namespace prefixes and single quotes, and is not fooled by other elements', () => {
    const xml = "<x:worksheet><x:cols><x:col min='1' max='16384'/></x:cols><x:sheetData><x:row r='2'><x:c r='AB2'><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>";
    expect(sheetExtent(xml)).toEqual({ rows: 2, columns: 28, cells: 1 });
  });

  it('tells a sheet too large to read: a far cell, or too many cells', () => {
    expect(tooLarge({ rows: 100_000, columns: 20, cells: 2_000_000 })).toBe(false);
    expect(tooLarge({ rows: 1_048_576, columns: 16_384, cells: 2 })).toBe(true);
    expect(tooLarge({ rows: 1, columns: 3, cells: MAX_SHEET_CELLS + 1 })).toBe(true);
    expect(tooLarge({ rows: MAX_USED_RANGE / 10 + 1, columns: 10, cells: 2 })).toBe(true);
    expect(tooLarge({ rows: 1_048_577, columns: 1, cells: 1 })).toBe(true);
  });
});

describe('columnNumber and columnLetter', () => {
  it('are inverses over every column Excel has', () => {
    for (let i = 0; i < 16_384; i += 1) expect(columnNumber(columnLetter(i))).toBe(i + 1);
    expect([columnNumber('A'), columnNumber('Z'), columnNumber('AA'), columnNumber('xfd')]).toEqual([1, 26, 27, 16_384]);
  });
});

describe('errorCellsAsText', () => {
  it('types error cells as formula text, so that their value is read', () => {
    const xml = sheet('<row r="2"><c r="A2" s="0" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B2" t=\'e\'><v>#N/A</v></c><c r="C2" t="s"><v>3</v></c></row>');
    const out = errorCellsAsText(xml);
    expect(out).toContain('<c r="A2" s="0" t="str"><f>1/0</f><v>#DIV/0!</v></c>');
    expect(out).toContain("<c r=\"B2\" t='str'><v>#N/A</v></c>");
    expect(out).toContain('<c r="C2" t="s">');
  });
});
