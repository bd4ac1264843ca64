import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiagnosticBag, FlereError, type Diagnostic } from '../../src/core/diagnostics.js';
import { headerMatcher, type ColumnSpec } from '../../src/io/columns.js';
import { normalizeDelimiter, readTable, scanTable, sniffDelimiter, type ReadTableOptions, type TableRow } from '../../src/io/csv-table.js';
import { decodeText } from '../../src/io/decode.js';

const SPECS = [
  { key: 'kommune', aliases: ['kommunenavn', 'navn'], required: true },
  { key: 'antal', aliases: ['antal personer', 'count'], required: true },
] as const satisfies readonly ColumnSpec[];

const fixture = (name: string): string =>
  decodeText(readFileSync(new URL(`../fixtures/input/${name}`, import.meta.url))).text;

const opts = (extra: Partial<ReadTableOptions> = {}): ReadTableOptions => ({
  file: 'in.csv',
  findHeader: headerMatcher(SPECS),
  ...extra,
});

/** The diagnostics a call throws, as [code, line] pairs (and the error's kind). */
function thrown(f: () => unknown): { kind: string; problems: [string, number | undefined][] } {
  try {
    f();
  } catch (error) {
    if (!(error instanceof FlereError)) throw error;
    return { kind: error.kind, problems: error.diagnostics.map((d) => [d.code, d.line]) };
  }
  throw new Error('expected a FlereError');
}

const shape = (t: { rows: readonly { line: number; cells: readonly string[] }[] }): [number, readonly string[]][] =>
  t.rows.map((r) => [r.line, r.cells]);

describe('readTable on fixtures', () => {
  it('reads a Windows-1252 Excel file with CRLF', () => {
    const t = readTable(fixture('cp1252-semicolon.csv'), opts());
    expect(t.delimiter).toBe(';');
    expect(t.headerLine).toBe(1);
    expect(t.header).toEqual(['Kommune', 'Antal personer', 'Bemærkning']);
    expect(shape(t)).toEqual([
      [2, ['København', '2.700', 'pulje € 5']],
      [3, ['Ærø', '12', '']],
      [4, ['Aarhus – midt', '1.220', 'åÅØ']],
    ]);
  });

  it('reads UTF-8 with a BOM', () => {
    const t = readTable(fixture('utf8-bom.csv'), opts());
    expect(t.header).toEqual(['kommune', 'antal']);
    expect(shape(t)).toEqual([
      [2, ['Odense', '1.600']],
      [3, ['Køge', '250']],
    ]);
  });

  it('reads Excel "Unicode text" (UTF-16LE, tabs)', () => {
    const t = readTable(fixture('utf16le-tab.txt'), opts());
    expect(t.delimiter).toBe('\t');
    expect(shape(t)).toEqual([
      [2, ['Odense', '1600']],
      [3, ['Høje-Taastrup', '310']],
    ]);
    expect(readTable(fixture('utf16be-tab.txt'), opts()).rows).toHaveLength(1);
  });

  it('honours sep=, skips title lines, blank and ;;; rows, and keeps physical line numbers', () => {
    const t = readTable(fixture('sep-title-blank.csv'), opts());
    expect(t.delimiter).toBe(';');
    expect(t.headerLine).toBe(5);
    expect(shape(t)).toEqual([
      [7, ['Odense', '1.600']],
      [10, ['Aalborg', '1.220']],
    ]);
  });

  it('gives NFC cells and header for an NFD file', () => {
    const t = readTable(fixture('nfd-names.csv'), opts({ findHeader: (c) => c[0] === 'kommune' }));
    expect(t.header).toEqual(['kommune', 'Beløb']);
    expect(t.rows.map((r) => r.cells[0])).toEqual(['Århus', 'Høje-Tåstrup']);
  });

  it('reports every ragged row with its line, and tolerates trailing empty cells', () => {
    expect(thrown(() => readTable(fixture('ragged.csv'), opts()))).toEqual({
      kind: 'data',
      problems: [
        ['csv.ragged', 3],
        ['csv.ragged', 4],
      ],
    });
    const bag = new DiagnosticBag();
    const t = readTable(fixture('ragged.csv'), opts({ bag }));
    expect(shape(t)).toEqual([
      [2, ['Odense', '1600']],
      [5, ['Køge', '5']],
      [6, ['Stevns', '7']],
    ]);
    expect(bag.size).toBe(2);
    let diagnostics: readonly Diagnostic[] = [];
    try {
      bag.throwIfAny();
    } catch (e) {
      diagnostics = (e as FlereError).diagnostics;
    }
    expect(diagnostics[0]).toEqual({ code: 'csv.ragged', file: 'in.csv', line: 3, args: { cells: 3, expected: 2 } });
    expect(diagnostics[1]).toMatchObject({ code: 'csv.ragged', line: 4, args: { cells: 1, expected: 2 } });
  });

  it('reports an unterminated quote at the line where it opens, after the rows before it', () => {
    expect(thrown(() => readTable(fixture('unterminated-quote.csv'), opts())).problems).toEqual([
      ['csv.unterminated-quote', 3],
    ]);
    const bag = new DiagnosticBag();
    const t = readTable(fixture('unterminated-quote.csv'), opts({ bag }));
    expect(shape(t)).toEqual([[2, ['Odense', '1600']]]);
    expect(bag.size).toBe(1);
  });

  it('counts the lines of a multi-line quoted field (CRLF)', () => {
    const t = readTable(fixture('multiline-crlf.csv'), opts());
    expect(shape(t)).toEqual([
      [2, ['Odense', '1600', 'two\nlines']],
      [4, ['Aalborg', '1220', 'x']],
    ]);
  });

  it('copes with mixed line endings', () => {
    expect(shape(readTable(fixture('mixed-eol.csv'), opts()))).toEqual([
      [2, ['Odense', '1600']],
      [3, ['Aalborg', '1220']],
    ]);
  });

  it('reads a duplicate header as it is (matchColumns rejects it)', () => {
    expect(readTable(fixture('duplicate-header.csv'), opts()).header).toEqual(['kommune', 'antal', 'Antal']);
  });

  it('refuses binary garbage', () => {
    expect(thrown(() => readTable(fixture('binary.bin'), opts())).problems).toEqual([['csv.binary', undefined]]);
  });

  it('refuses an empty file and a header without rows', () => {
    expect(thrown(() => readTable(fixture('empty.csv'), opts())).problems).toEqual([['csv.empty-file', undefined]]);
    expect(thrown(() => readTable(fixture('header-only.csv'), opts())).problems).toEqual([['csv.no-rows', 1]]);
    expect(readTable(fixture('header-only.csv'), opts({ allowEmpty: true })).rows).toEqual([]);
  });
});

describe('readTable', () => {
  it('treats whitespace and ;;; rows only as an empty file', () => {
    for (const text of ['', '  \r\n\r\n', ';;;\r\n;;\r\n', 'sep=;\r\n;;;\r\n']) {
      expect(thrown(() => readTable(text, opts())).problems, JSON.stringify(text)).toEqual([['csv.empty-file', undefined]]);
    }
  });

  it('skips the last row when it is a totals row, in any of its spellings, and keeps one with rows after it', () => {
    const cellsOf = (text: string, extra: Partial<ReadTableOptions> = {}): string[][] => readTable(text, opts(extra)).rows.map((r) => [...r.cells]);
    for (const word of ['I alt', 'i alt:', 'Total', 'TOTALT', 'Sum', 'Samlet', 'Hele landet', ' Grand total ']) {
      expect(cellsOf(`kommune;antal\nAarhus;10\nOdense;5\n${word};15\n;;\n`), word).toEqual([['Aarhus', '10'], ['Odense', '5']]);
    }
    // flere's own totals row: the id empty, the word in the name column; blank rows after it.
    expect(cellsOf('id;kommune;antal\n101;København;10\n;Total;10\n\n;;\n')).toEqual([['101', 'København', '10']]);
    // In the middle it is data (an unknown kommune later, loudly), and so is a name that only contains the word.
    expect(cellsOf('kommune;antal\nI alt;15\nAarhus;10\n')).toEqual([['I alt', '15'], ['Aarhus', '10']]);
    expect(cellsOf('kommune;antal\nAarhus;10\nSum of all;15\n')).toEqual([['Aarhus', '10'], ['Sum of all', '15']]);
    // An id before the name is the first filled cell: a recipient named Total stays.
    expect(cellsOf('id;kommune;antal\n7;Total;10\n')).toEqual([['7', 'Total', '10']]);
    // A table of only a totals row has no rows.
    expect(thrown(() => readTable('kommune;antal\nI alt;15\n', opts())).problems).toEqual([['csv.no-rows', 1]]);
  });

  it('reports a missing header at the first non-blank line', () => {
    expect(thrown(() => readTable('\nfoo;bar\n1;2\n', opts({ expected: 'kommune, antal' })))).toEqual({
      kind: 'data',
      problems: [['csv.no-header', 2]],
    });
  });

  it('looks for the header in the first 50 non-blank lines only', () => {
    const titles = Array.from({ length: 50 }, (_, i) => `title ${i}`).join('\n');
    expect(thrown(() => readTable(`${titles}\nkommune;antal\nOdense;1\n`, opts())).problems[0]?.[0]).toBe('csv.no-header');
    const t = readTable(`${titles.split('\n').slice(1).join('\n')}\nkommune;antal\nOdense;1\n`, opts());
    expect(t.headerLine).toBe(50);
  });

  it('never splits a semicolon file on a decimal comma', () => {
    const t = readTable('kommune;antal\nOdense;12,5\nAalborg;1.220,0\n', opts());
    expect(shape(t)).toEqual([
      [2, ['Odense', '12,5']],
      [3, ['Aalborg', '1.220,0']],
    ]);
  });

  it('sniffs commas, with quoted commas inside fields', () => {
    const t = readTable('kommune,antal\n"Odense","1,600"\n', opts());
    expect(t.delimiter).toBe(',');
    expect(t.rows[0]?.cells).toEqual(['Odense', '1,600']);
  });

  it('picks the delimiter of the header line, not of a title line above it', () => {
    const t = readTable('Opgørelse, marts 2017, foreløbig\nkommune;antal\nOdense;"12,5"\n', opts());
    expect([t.delimiter, t.headerLine]).toEqual([';', 2]);
    const u = readTable('Fordeling; 2017\nkommune,antal\nOdense,5\n', opts());
    expect([u.delimiter, u.headerLine]).toEqual([',', 2]);
  });

  it('takes quotes inside unquoted fields (titles, inch marks) as text', () => {
    const t = readTable('Opgørelse "FSM" 2017\nkommune;antal\n5" skærm;3\n"Odense ""C"";x";1600\n', opts());
    expect(shape(t)).toEqual([
      [3, ['5" skærm', '3']],
      [4, ['Odense "C";x', '1600']],
    ]);
  });

  it('uses --delimiter, but a sep= line wins', () => {
    const e = readTable('kommune,antal;x\nOdense,1;5\n', opts({ delimiter: ',' }));
    expect([e.delimiter, e.rows[0]?.cells]).toEqual([',', ['Odense', '1;5']]);
    // A wrong --delimiter is not second-guessed: the header is then not found.
    expect(thrown(() => readTable('kommune;antal\nOdense;1,5\n', opts({ delimiter: ',' }))).problems).toEqual([
      ['csv.no-header', 1],
    ]);
    const t = readTable('sep=,\nkommune,antal\nOdense,"1,5"\n', opts({ delimiter: ';' }));
    expect([t.delimiter, t.headerLine, t.rows[0]?.line]).toEqual([',', 2, 3]);
    expect(readTable('"sep=\t"\nkommune\tantal\nOdense\t2\n', opts()).delimiter).toBe('\t');
    expect(readTable('kommune|antal\nOdense|2\n', opts({ delimiter: '|' })).rows[0]?.cells).toEqual(['Odense', '2']);
  });

  it('rejects an impossible --delimiter as a usage error', () => {
    for (const d of ['"', '\n', 'ab', 'x', '7', ' ']) {
      expect(thrown(() => readTable('kommune;antal\nOdense;1\n', opts({ delimiter: d }))), JSON.stringify(d)).toEqual({
        kind: 'usage',
        problems: [['csv.bad-delimiter', undefined]],
      });
    }
  });

  it('drops trailing empty header cells (Excel exports of a wider range)', () => {
    const t = readTable('kommune;antal;;\r\nOdense;1600;;\r\nAalborg;1220\r\n', opts());
    expect(t.header).toEqual(['kommune', 'antal']);
    expect(shape(t)).toEqual([
      [2, ['Odense', '1600']],
      [3, ['Aalborg', '1220']],
    ]);
  });

  it('takes a lone CR as a line break', () => {
    expect(shape(readTable('kommune;antal\rOdense;1\rAalborg;2\r', opts()))).toEqual([
      [2, ['Odense', '1']],
      [3, ['Aalborg', '2']],
    ]);
  });

  it('keeps cells as written (no trimming, no casting)', () => {
    expect(readTable('kommune;antal\n 0101 ; 007\n', opts()).rows[0]?.cells).toEqual([' 0101 ', ' 007']);
  });

  it('reports ragged rows and an unterminated quote together, in line order', () => {
    expect(thrown(() => readTable('kommune;antal\nA;1;2\nB;2\n"C;3\n', opts())).problems).toEqual([
      ['csv.ragged', 2],
      ['csv.unterminated-quote', 4],
    ]);
  });

  it('reports an unterminated quote that swallows the header instead of "no header"', () => {
    expect(thrown(() => readTable('"Fordeling\nkommune;antal\nOdense;1\n', opts())).problems).toEqual([
      ['csv.unterminated-quote', 1],
    ]);
  });
});

describe('sniffDelimiter / normalizeDelimiter', () => {
  it('counts outside quotes only', () => {
    expect(sniffDelimiter('"a;b;c",d,e')).toBe(',');
    expect(sniffDelimiter('kommune;antal, personer')).toBe(';');
    expect(sniffDelimiter('kommune\tantal')).toBe('\t');
    expect(sniffDelimiter('kommune')).toBeUndefined();
  });

  it('normalises delimiter options', () => {
    expect(normalizeDelimiter('tab')).toBe('\t');
    expect(normalizeDelimiter('\\t')).toBe('\t');
    expect(normalizeDelimiter(';')).toBe(';');
    expect(normalizeDelimiter('"')).toBeUndefined();
    expect(normalizeDelimiter('')).toBeUndefined();
  });
});

describe('readTable properties', () => {
  const cellChar = fc.constantFrom('a', 'Z', 'æ', 'Ø', '1', '.', ' ', '"', ';', ',', '\t', '\n', '\r\n', '\r', '#', '-', '€');
  const cell = fc.array(cellChar, { maxLength: 6 }).map((cs) => cs.join(''));

  it('reads back what a quoting writer wrote, with the line where each row starts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(';', ',', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 2, max: 5 }),
        fc.boolean(),
        fc.array(fc.constantFrom('Fordeling 2017', 'Kilde: STAR', ''), { maxLength: 3 }),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 12 }),
        (delimiter, eol, width, sepLine, titles, rawRows) => {
          const header = ['id', ...Array.from({ length: width - 1 }, (_, i) => `c${i}`)];
          const rows = rawRows.map((r) => r.slice(0, width));
          const quote = (c: string): string =>
            /["\r\n]/.test(c) || c.includes(delimiter) ? `"${c.replace(/"/g, '""')}"` : c;
          const lines = [...(sepLine ? [`sep=${delimiter}`] : []), ...titles, header.join(delimiter)];
          const expected: [number, string[]][] = [];
          let line = lines.length + 1;
          for (const r of rows) {
            const text = r.map(quote).join(delimiter);
            if (r.some((c) => c.trim() !== '')) expected.push([line, r.map((c) => c.replace(/\r\n?/g, '\n'))]);
            line += 1 + (text.match(/\r\n?|\n/g)?.length ?? 0);
            lines.push(text);
          }
          const t = readTable(lines.join(eol) + eol, { file: 'p.csv', findHeader: (c) => c[0] === 'id', allowEmpty: true });
          expect(t.delimiter).toBe(delimiter);
          expect(t.header).toEqual(header);
          expect(t.headerLine).toBe(lines.length - rows.length);
          expect(shape(t)).toEqual(expected);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('throws nothing but FlereError for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'antal', 'kommune', ';', ',', '\t', '"', '\n', '\r', ' ', '1', 'sep=') }), (text) => {
        try {
          const t = readTable(text, opts({ bag: new DiagnosticBag(), allowEmpty: true }));
          for (const r of t.rows) expect(r.cells).toHaveLength(t.header.length);
        } catch (error) {
          expect(error).toBeInstanceOf(FlereError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('scanTable', () => {
  const text = 'Titel\nkommune;antal\nOdense;1\nKøge;2;3\n\nAarhus;4\n';

  it('hands over the rows readTable keeps, in order, with the same header and problems', () => {
    const scannedBag = new DiagnosticBag();
    const readBag = new DiagnosticBag();
    const rows: TableRow[] = [];
    const head = scanTable(text, opts({ bag: scannedBag }), () => (row) => rows.push(row));
    const table = readTable(text, opts({ bag: readBag }));
    expect({ ...head, rows }).toEqual(table);
    expect(scannedBag.size).toBe(1); // the ragged Køge row
    expect(readBag.size).toBe(1);
  });

  it("raises the table's own errors before an error thrown by start, and hands over no rows then", () => {
    let handed = 0;
    const rejecting = (): ((row: TableRow) => void) => {
      throw new Error('header rejected');
    };
    expect(() => scanTable(text, opts({ bag: new DiagnosticBag() }), rejecting)).toThrow('header rejected');
    expect(thrown(() => scanTable('kommune;antal\n', opts(), rejecting)).problems).toEqual([['csv.no-rows', 1]]);
    expect(thrown(() => scanTable('kommune;antal\n"Odense;1\n', opts(), rejecting)).problems).toEqual([['csv.unterminated-quote', 2]]);
    scanTable(text, opts({ bag: new DiagnosticBag() }), () => () => (handed += 1));
    expect(handed).toBe(2);
  });
});

describe('DiagnosticBag.addAll', () => {
  it('is the same as adding the other bag\'s problems one by one, beyond the listing limit too', () => {
    const d = (line: number): Diagnostic => ({ code: 'csv.ragged', file: 'f', line });
    const direct = new DiagnosticBag();
    const first = new DiagnosticBag();
    const second = new DiagnosticBag();
    for (let line = 1; line <= 30; line++) {
      direct.add(d(line));
      (line <= 5 ? first : second).add(d(line));
    }
    first.addAll(second);
    expect(first.size).toBe(30);
    expect(thrown(() => first.throwIfAny()).problems).toEqual(thrown(() => direct.throwIfAny()).problems);
  });
});
