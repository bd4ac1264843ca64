import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../../src/io/csv-records.js';
import { CSV_DIALECTS } from '../../../src/io/render/csv-dialect.js';
import { neutralizeFormula, num, text, writeCsv } from '../../../src/io/render/csv-write.js';

describe('writeCsv', () => {
  it('quotes fields with the delimiter, quotes or line breaks, and nothing else', () => {
    const out = writeCsv(['a', 'b'], [[text('x,y'), text('say "hi"')], [text('two\nlines'), num('12.50')]], CSV_DIALECTS.plain);
    expect(out).toBe('a,b\n"x,y","say ""hi"""\n"two\nlines",12.50\n');
  });

  it('writes the Danish dialect: BOM, semicolons, decimal comma, CRLF', () => {
    const out = writeCsv(['navn', 'beløb'], [[text('Aarhus'), num('1234.56')]], CSV_DIALECTS.da);
    expect(out).toBe('\uFEFFnavn;beløb\r\nAarhus;1234,56\r\n');
  });

  it('writes one BOM and every row once, in order, however many rows there are', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [text(`r;${i}`), num(`${i}.5`)]);
    // Built by hand: the Danish dialect quotes the semicolon and writes a decimal comma.
    const expected = `\uFEFFnavn;beløb\r\n${rows.map((_, i) => `"r;${i}";${i},5\r\n`).join('')}`;
    expect(writeCsv(['navn', 'beløb'], rows, CSV_DIALECTS.da)).toBe(expected);
    expect(writeCsv(['navn'], [], CSV_DIALECTS.da)).toBe('\uFEFFnavn\r\n');
  });

  it('quotes a lone CR or LF in either dialect, not only the dialect\'s line end', () => {
    expect(writeCsv(['a'], [[text('x\ny')], [text('x\ry')]], CSV_DIALECTS.da)).toBe('\uFEFFa\r\n"x\ny"\r\n"x\ry"\r\n');
    expect(writeCsv(['a'], [[text('x\ry')]], CSV_DIALECTS.plain)).toBe('a\n"x\ry"\n');
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
    expect(writeCsv(['n'], [[num('-5')]], CSV_DIALECTS.plain)).toBe('n\n-5\n');
  });

  it('round-trips any text cells through the reader (after neutralisation)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'ø', ',', ';', '"', '\n', ' ', '=', '1') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), fc.constantFrom('plain', 'da' as const), (rows, locale) => {
        const dialect = CSV_DIALECTS[locale];
        const out = writeCsv(['h1', 'h2'], rows.map((r) => r.map(text)), dialect);
        const body = out.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
        const { records, failure } = parseCsvRecords(body.slice(0, -1), dialect.delimiter, 0, 'x');
        expect(failure).toBeUndefined();
        expect(records.slice(1).map((r) => r.cells)).toEqual(rows.map((r) => r.map(neutralizeFormula)));
      }),
      { numRuns: 500 },
    );
  });
});
