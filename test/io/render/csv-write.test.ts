import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../../src/io/csv-records.js';
import { neutralizeFormula } from '../../../src/io/formula-text.js';
import { CSV_DIALECTS } from '../../../src/io/render/csv-dialect.js';
import { type CellValue, columnOf, type DataTable, tableCsvText } from '../../../src/io/render/data-table.js';

// The CSV every renderer writes: a DataTable through tableCsvText. A `text` column's cells are
// neutralised, a `decimal` column's only get the dialect's decimal mark.
const table = (columns: DataTable['columns'], rows: readonly (readonly CellValue[])[]): DataTable => ({ columns, rows });
const text = (header: string) => columnOf(header, 'text');
const decimal = (header: string) => columnOf(header, 'decimal');

describe('tableCsvText', () => {
  it('quotes fields with the delimiter, quotes or line breaks, and nothing else', () => {
    const out = tableCsvText(table([text('a'), decimal('b')], [['x,y', null], ['say "hi"', null], ['two\nlines', '12.50']]), CSV_DIALECTS.plain);
    expect(out).toBe('a,b\n"x,y",\n"say ""hi""",\n"two\nlines",12.50\n');
  });

  it('writes the Danish dialect: BOM, semicolons, decimal comma, CRLF', () => {
    const out = tableCsvText(table([text('navn'), decimal('beløb')], [['Aarhus', '1234.56']]), CSV_DIALECTS.da);
    expect(out).toBe('\uFEFFnavn;beløb\r\nAarhus;1234,56\r\n');
  });

  it('writes one BOM and every row once, in order, however many rows there are', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [`r;${i}`, `${i}.5`]);
    // Built by hand: the Danish dialect quotes the semicolon and writes a decimal comma.
    const expected = `\uFEFFnavn;beløb\r\n${rows.map((_, i) => `"r;${i}";${i},5\r\n`).join('')}`;
    expect(tableCsvText(table([text('navn'), decimal('beløb')], rows), CSV_DIALECTS.da)).toBe(expected);
    expect(tableCsvText(table([text('navn')], []), CSV_DIALECTS.da)).toBe('\uFEFFnavn\r\n');
  });

  it('quotes a lone CR or LF in either dialect, not only the dialect\'s line end', () => {
    expect(tableCsvText(table([text('a')], [['x\ny'], ['x\ry']]), CSV_DIALECTS.da)).toBe('\uFEFFa\r\n"x\ny"\r\n"x\ry"\r\n');
    expect(tableCsvText(table([text('a')], [['x\ry']]), CSV_DIALECTS.plain)).toBe('a\n"x\ry"\n');
  });

  it('neutralises text that a spreadsheet would run, but never numbers', () => {
    expect(['=1+1', '+45', '-2+3', '@SUM(A1)', '\tx', '\rx', 'Odense'].map(neutralizeFormula)).toEqual([
      "'=1+1",
      "'+45",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      'Odense',
    ]);
    expect(tableCsvText(table([decimal('n')], [['-5']]), CSV_DIALECTS.plain)).toBe('n\n-5\n');
    expect(tableCsvText(table([text('t')], [['=1+1']]), CSV_DIALECTS.plain)).toBe("t\n'=1+1\n");
  });

  it('round-trips any text cells through the reader (after neutralisation)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'ø', ',', ';', '"', '\n', ' ', '=', '1') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), fc.constantFrom('plain', 'da' as const), (rows, locale) => {
        const dialect = CSV_DIALECTS[locale];
        const out = tableCsvText(table([text('h1'), text('h2')], rows), dialect);
        const body = out.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
        const { records, failure } = parseCsvRecords(body.slice(0, -1), dialect.delimiter, 0, 'x');
        expect(failure).toBeUndefined();
        expect(records.slice(1).map((r) => r.cells)).toEqual(rows.map((r) => r.map(neutralizeFormula)));
      }),
      { numRuns: 500 },
    );
  });
});
