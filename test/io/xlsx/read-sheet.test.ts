import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkbookSheet, type SheetRead } from '../../../src/io/xlsx/read-sheet.js';
import { workbookBytes } from '../../../src/io/xlsx/write-workbook.js';
import type { Sheet } from '../../../src/io/xlsx/workbook.js';

const counts = (name: string, rows: (string | null)[][]): Sheet => ({
  name,
  columns: [
    { header: 'kommune', kind: 'text' },
    { header: 'antal', kind: 'decimal', decimals: 2 },
    { header: 'måned', kind: 'month' },
  ],
  rows,
});

const rowsOf = (read: SheetRead): string[][] => {
  if (!read.ok) throw new Error(read.problem.code);
  return read.rows.map((r) => [...r.cells]);
};

/** `xml` with its cell data replaced by `rows` (inline XML of `<row>` elements). */
const withData = (rows: string) => (xml: string): string => xml.replace(/<sheetData>.*<\/sheetData>/s, `<sheetData>${rows}</sheetData>`);
const text = (ref: string, t: string): string => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;

/** A workbook with its first sheet's XML edited (what no writer writes). */
function edited(bytes: Uint8Array, edit: (xml: string) => string, part = 'xl/worksheets/sheet1.xml'): Uint8Array {
  const parts = unzipSync(bytes);
  parts[part] = strToU8(edit(new TextDecoder().decode(parts[part])));
  return zipSync(parts);
}

describe('readWorkbookSheet', () => {
  it('gives each cell as text: numbers as stored, in the sheet’s mark; months as dates', async () => {
    const written = workbookBytes({ sheets: [counts('Ark1', [['Odense', '1600', '2017-07'], ['Aalborg', '12.5', null], ['Aarhus', '13.5', '2017-08']])] });
    // Aarhus's count typed as Danish text (the writer types cells by column, so it is edited in).
    const bytes = edited(written, (xml) => xml.replace(/<c r="B4"[^>]*><v>13\.5<\/v><\/c>/, text('B4', '12,5')));
    const read = await readWorkbookSheet(bytes, {});
    expect(read.ok && [read.sheet, read.sheets, read.decimalMark]).toEqual(['Ark1', ['Ark1'], ',']);
    expect(rowsOf(read)).toEqual([
      ['kommune', 'antal', 'måned'],
      ['Odense', '1600', '2017-07-01'],
      ['Aalborg', '12,5', ''],
      ['Aarhus', '12,5', '2017-08-01'],
    ]);
    // --decimal-mark decides for stored numbers and text alike.
    expect(rowsOf(await readWorkbookSheet(bytes, { decimalMark: '.' }))[2]).toEqual(['Aalborg', '12.5', '']);
  });

  it('keeps row numbers: blank rows above and between stay, as lines', async () => {
    const bytes = edited(
      workbookBytes({ sheets: [counts('S', [])] }),
      withData(`<row r="1">${text('A1', 'Titel')}</row><row r="3">${text('A3', 'kommune')}${text('B3', 'antal')}${text('C3', 'måned')}</row><row r="5">${text('A5', 'Odense')}<c r="B5"><v>1</v></c></row>`),
    );
    const read = await readWorkbookSheet(bytes, {});
    expect(read.ok && read.rows.map((r) => [r.line, r.cells.join('|')])).toEqual([
      [1, 'Titel||'],
      [2, '||'],
      [3, 'kommune|antal|måned'],
      [4, '||'],
      [5, 'Odense|1|'],
    ]);
  });

  it('reads the first sheet shown, or the one named (ignoring case), and says which exist', async () => {
    const bytes = workbookBytes({ sheets: [counts('Skjult', [['A', '1', null]]), counts('Tal', [['B', '2', null]])] });
    const hidden = edited(bytes, (xml) => xml.replace('<sheet name="Skjult"', '<sheet state="hidden" name="Skjult"'), 'xl/workbook.xml');
    expect((await readWorkbookSheet(bytes, {})).ok && rowsOf(await readWorkbookSheet(bytes, {}))[1]).toEqual(['A', '1', '']);
    expect(rowsOf(await readWorkbookSheet(hidden, {}))[1]).toEqual(['B', '2', '']);
    expect(rowsOf(await readWorkbookSheet(bytes, { sheet: 'TAL' }))[1]).toEqual(['B', '2', '']);
    expect(await readWorkbookSheet(bytes, { sheet: 'Data' })).toEqual({ ok: false, problem: { code: 'xlsx.no-such-sheet', value: 'Data', args: { sheets: 'Skjult, Tal' } } });
  });

  it('reads error values as their text, and true/false', async () => {
    const bytes = edited(
      workbookBytes({ sheets: [counts('S', [])] }),
      withData(`<row r="1">${text('A1', 'Odense')}<c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c></row>`),
    );
    expect(rowsOf(await readWorkbookSheet(bytes, {}))).toEqual([['Odense', '#DIV/0!', 'true', '#N/A']]);
  });

  it('tells an .xls, an encrypted workbook, a zip of something else, and a damaged archive apart', async () => {
    const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const code = async (bytes: Uint8Array): Promise<string> => {
      const read = await readWorkbookSheet(bytes, {});
      return read.ok ? 'ok' : read.problem.code;
    };
    expect(await code(ole2)).toBe('xlsx.xls');
    expect(await code(Buffer.concat([ole2, Buffer.from('EncryptedPackage', 'utf16le')]))).toBe('xlsx.encrypted');
    expect(await code(zipSync({ 'content.xml': strToU8('<office:document/>'), mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet') }))).toBe('xlsx.not-workbook');
    expect(await code(workbookBytes({ sheets: [counts('S', [])] }).subarray(0, 300))).toBe('xlsx.corrupt');
    expect(await code(zipSync({ 'xl/workbook.xml': strToU8('<workbook><sheets/></workbook>') }))).toBe('xlsx.no-sheets');
  });
});
