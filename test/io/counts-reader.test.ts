// readCounts as `flere allocate` uses it: which line is the header, free names that flere
// itself wrote (neutralised for spreadsheets), and what is reported when a column is missing.
import { describe, expect, it } from 'vitest';
import { formatFixed } from '../../src/core/decimal.js';
import { FlereError, type Diagnostic } from '../../src/core/diagnostics.js';
import { readCounts, type CountsReadOptions } from '../../src/io/counts-reader.js';

const KOMMUNER: CountsReadOptions = { file: 'c.csv', registry: true };
const FREE: CountsReadOptions = { file: 'c.csv', registry: false };
const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const rows = (s: string, o: CountsReadOptions) =>
  readCounts(bytes(s), o).map((r) => [r.id, r.name, formatFixed(r.count), r.line]);

function problems(s: string, o: CountsReadOptions): [string, number | undefined, string | undefined][] {
  try {
    readCounts(bytes(s), o);
  } catch (e) {
    if (e instanceof FlereError) return e.diagnostics.map((d: Diagnostic) => [d.code, d.line, d.column]);
    throw e;
  }
  return [];
}

describe('the header of a counts file', () => {
  it('is the line that names the count column; a title mentioning Kommune is a title', () => {
    expect(rows('Kommune; opgjort 2017\n\nkommune;antal\nOdense;3\n', KOMMUNER)).toEqual([['461', 'Odense', '3', 4]]);
  });

  it('without a count column is reported as exactly that, on its line', () => {
    expect(problems('Titel\nkode;kommune;beløb\n101;København;5\n', KOMMUNER)).toEqual([['csv.missing-column', 2, undefined]]);
    expect(problems('navn;beløb\nx;5\n', FREE)).toEqual([['csv.missing-column', 1, undefined]]);
  });

  it('with no known column at all is no header', () => {
    expect(problems('a;b\n1;2\n', KOMMUNER)).toEqual([['csv.no-header', 1, undefined]]);
  });
});

describe('free names (--no-registry)', () => {
  it("reads flere's own CSV back: id and name are the same text, the name column wins", () => {
    const own = 'id,name,count,share,amount,tranche_1,tranche_2,tranche_3,applied\nA,A,1.5,60.0000,60,18,24,18,yes\nB,B,1,40.0000,40,12,16,12,yes\n';
    expect(rows(own, FREE)).toEqual([
      ['A', 'A', '1.5', 2],
      ['B', 'B', '1', 3],
    ]);
    expect(rows('id;vægt\nx;2,5\n', FREE)).toEqual([['x', 'x', '2.5', 2]]);
  });

  it('restores names that were neutralised for spreadsheets', () => {
    const own = `name;count\n"'=HYPERLINK(""http://x"")";1\n'@SUM(1);2\n'-2+3;3\n'+x;4\nO'Brien;5\n''=x;6\n`;
    expect(readCounts(bytes(own), FREE).map((r) => r.name)).toEqual(['=HYPERLINK("http://x")', '@SUM(1)', '-2+3', '+x', "O'Brien", "'=x"]);
  });

  it('reports an empty name and a duplicate name with their lines', () => {
    expect(problems('name,count\n,1\nx,1\nx,2\n', FREE)).toEqual([
      ['recipient.empty-name', 2, 'name'],
      ['recipient.duplicate', 4, 'name'],
    ]);
  });
});

describe('numbers in a counts file', () => {
  it('does not take 0.500 for five hundred in a Danish file (a leading 0 group is no grouping)', () => {
    expect(problems('kommune;antal\nOdense;0.500\n', KOMMUNER)).toEqual([['number.decimal-mark', 2, 'antal']]);
    expect(rows('kommune;antal\nOdense;1.500\n', KOMMUNER)).toEqual([['461', 'Odense', '1500', 2]]);
  });
});
