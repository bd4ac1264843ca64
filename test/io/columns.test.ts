import { describe, expect, expectTypeOf, it } from 'vitest';
import { FlereError } from '../../src/core/diagnostics.js';
import { headerMatcher, matchColumns, normalizeColumnName, type ColumnSpec, type MatchedColumn } from '../../src/io/columns.js';

const SPECS = [
  { key: 'code', aliases: ['kode', 'kommunekode'], required: false },
  { key: 'name', aliases: ['kommune', 'kommunenavn', 'navn'], required: false },
  { key: 'count', aliases: ['antal', 'antal personer', 'personer'], required: true },
] as const satisfies readonly ColumnSpec[];

const where = { file: 'in.csv', line: 3 };

function problems(header: string[]): FlereError {
  try {
    matchColumns(header, SPECS, where);
  } catch (error) {
    if (error instanceof FlereError) return error;
    throw error;
  }
  throw new Error('expected a FlereError');
}

describe('normalizeColumnName', () => {
  it('ignores case, spaces, underscores, hyphens and accents', () => {
    const same = ['Antal personer', 'antal_personer', 'ANTAL  PERSONER', ' antal-personer ', 'Antal\u00a0personer'];
    for (const s of same) expect(normalizeColumnName(s), s).toBe('antalpersoner');
    expect(normalizeColumnName('Udbetalt år')).toBe(normalizeColumnName('Udbetalt år'.normalize('NFD')));
    expect(normalizeColumnName('Beløb')).toBe('belob');
    expect(normalizeColumnName('Kommunenavn (år)')).toBe('kommunenavn(ar)');
    expect(normalizeColumnName('Ærø')).toBe('aero');
    expect(normalizeColumnName('\ufeffkode')).toBe('kode');
  });
});

describe('matchColumns', () => {
  it('finds columns by any alias, in any spelling, and ignores unknown ones', () => {
    const m = matchColumns(['Region', 'Kommunenavn', 'Antal_Personer', 'Note'], SPECS, where);
    expect(m).toEqual({ name: { index: 1, name: 'Kommunenavn' }, count: { index: 2, name: 'Antal_Personer' } });
    expect(m.code).toBeUndefined();
  });

  it('accepts the key itself as a name', () => {
    expect(matchColumns(['name', 'count'], SPECS, where).count).toEqual({ index: 1, name: 'count' });
  });

  it('matches NFD headers', () => {
    const specs = [{ key: 'amount', aliases: ['beløb'], required: true }] as const;
    expect(matchColumns(['Beløb'.normalize('NFD')], specs, where).amount.index).toBe(0);
  });

  it('types required keys as present and optional ones as possibly absent', () => {
    const m = matchColumns(['antal'], SPECS, where);
    expectTypeOf(m.count).toEqualTypeOf<MatchedColumn>();
    expectTypeOf(m.code).toEqualTypeOf<MatchedColumn | undefined>();
  });

  it('reports a missing required column with the accepted names', () => {
    const e = problems(['kommune', 'beløb']);
    expect(e.kind).toBe('data');
    expect(e.diagnostics).toEqual([
      {
        code: 'csv.missing-column',
        file: 'in.csv',
        line: 3,
        args: { key: 'count', accepted: 'antal, antal personer, personer, count' },
      },
    ]);
  });

  it('reports a name that appears twice', () => {
    const e = problems(['kommune', 'antal', 'Antal']);
    expect(e.diagnostics).toEqual([
      {
        code: 'csv.duplicate-column',
        file: 'in.csv',
        line: 3,
        column: 'Antal',
        args: { key: 'count', first: 'antal', firstPosition: 2, position: 3 },
      },
    ]);
  });

  it('reports two aliases of one field, and every problem at once', () => {
    const e = problems(['kode', 'kommunekode', 'navn', 'kommune', 'note']);
    expect(e.diagnostics.map((d) => [d.code, d.column ?? d.args?.['key']])).toEqual([
      ['csv.duplicate-column', 'kommunekode'],
      ['csv.duplicate-column', 'kommune'],
      ['csv.missing-column', 'count'],
    ]);
  });

  it('ignores duplicate columns nobody asked for', () => {
    expect(matchColumns(['note', 'antal', 'note'], SPECS, where).count.index).toBe(1);
  });
});

describe('headerMatcher', () => {
  const isHeader = headerMatcher(SPECS);

  it('accepts a row naming a required field', () => {
    expect(isHeader(['Kommune', 'Antal personer'])).toBe(true);
    expect(isHeader(['', 'ANTAL'])).toBe(true);
  });

  it('rejects title lines and rows naming only optional fields', () => {
    expect(isHeader(['Fordeling af Flere skal med', ' 2017'])).toBe(false);
    expect(isHeader(['kommune', 'kode'])).toBe(false);
    expect(isHeader(['Odense', '1.600'])).toBe(false);
    expect(isHeader([])).toBe(false);
  });

  it('accepts any field when none is required', () => {
    const optional = [{ key: 'note', aliases: ['bemærkning'], required: false }] as const;
    expect(headerMatcher(optional)(['Bemaerkning'])).toBe(true);
  });
});
