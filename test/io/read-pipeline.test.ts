// The readers together, as a command uses them: bytes → text → table → columns → numbers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DiagnosticBag, FlereError, type Diagnostic } from '../../src/core/diagnostics.js';
import { headerMatcher, matchColumns, type ColumnSpec } from '../../src/io/columns.js';
import { readTable } from '../../src/io/csv-table.js';
import { decodeText, looksLikeMojibake } from '../../src/io/decode.js';
import { numberDiagnostic, numberStyleFor, parseCount, type DecimalMark } from '../../src/io/numbers.js';

const SPECS = [
  { key: 'name', aliases: ['kommune', 'navn'], required: true },
  { key: 'count', aliases: ['antal', 'antal personer'], required: true },
] as const satisfies readonly ColumnSpec[];

/** Reads counts the way `flere allocate` would, collecting every problem. */
function readCounts(file: string, text: string, decimalMark?: DecimalMark): { name: string; count: bigint; line: number }[] {
  const bag = new DiagnosticBag();
  const table = readTable(text, { file, findHeader: headerMatcher(SPECS), bag });
  const columns = matchColumns(table.header, SPECS, { file, line: table.headerLine });
  const style = numberStyleFor(table, decimalMark);
  const out: { name: string; count: bigint; line: number }[] = [];
  for (const { line, cells } of table.rows) {
    const name = cells[columns.name.index] ?? '';
    const value = cells[columns.count.index] ?? '';
    if (looksLikeMojibake(name)) bag.add({ code: 'encoding.mojibake', file, line, column: columns.name.name, value: name });
    const r = parseCount(value, style);
    if (r.ok) out.push({ name, count: r.value, line });
    else bag.add(numberDiagnostic(r, style, { file, line, column: columns.count.name, value }));
  }
  bag.throwIfAny('data');
  return out;
}

const fromFixture = (name: string, decimalMark?: DecimalMark) =>
  readCounts(name, decodeText(readFileSync(new URL(`../fixtures/input/${name}`, import.meta.url))).text, decimalMark);

function problems(f: () => unknown): Diagnostic[] {
  try {
    f();
  } catch (e) {
    if (e instanceof FlereError) return [...e.diagnostics];
    throw e;
  }
  return [];
}

describe('reading counts', () => {
  it('gives the same counts from Windows-1252, UTF-8 with BOM and UTF-16 tab files', () => {
    expect(fromFixture('cp1252-semicolon.csv').map((r) => [r.name, r.count])).toEqual([
      ['København', 2700n],
      ['Ærø', 12n],
      ['Aarhus – midt', 1220n],
    ]);
    expect(fromFixture('utf8-bom.csv').map((r) => r.count)).toEqual([1600n, 250n]);
    expect(fromFixture('utf16le-tab.txt').map((r) => r.count)).toEqual([1600n, 310n]);
    expect(fromFixture('sep-title-blank.csv').map((r) => [r.line, r.count])).toEqual([
      [7, 1600n],
      [10, 1220n],
    ]);
  });

  it('reports every bad cell with its line and column', () => {
    const text = 'Kommune;Antal\nOdense;1.600\nAalborg;12,5x\nAarhus;−3\nKøge;#I/T\nStevns;1e999999\nLolland;\n';
    expect(problems(() => readCounts('c.csv', text)).map((d) => [d.line, d.code, d.column, d.value])).toEqual([
      [3, 'number.invalid', 'Antal', '12,5x'],
      [4, 'number.negative', 'Antal', '−3'],
      [5, 'number.excel-error', 'Antal', '#I/T'],
      [6, 'number.exponent', 'Antal', '1e999999'],
      [7, 'number.empty', 'Antal', ''],
    ]);
  });

  it('reports ragged rows and bad cells together, in line order per kind', () => {
    const codes = problems(() => fromFixture('ragged.csv')).map((d) => [d.code, d.line]);
    expect(codes).toEqual([
      ['csv.ragged', 3],
      ['csv.ragged', 4],
    ]);
  });

  it('hints at the encoding for mojibake', () => {
    expect(problems(() => fromFixture('mojibake.csv')).map((d) => [d.code, d.line, d.value])).toEqual([
      ['encoding.mojibake', 2, 'KÃ¸ge'],
      ['encoding.mojibake', 3, 'LÃ¦sø'],
    ]);
  });

  it('rejects the duplicate header', () => {
    expect(problems(() => fromFixture('duplicate-header.csv')).map((d) => [d.code, d.line, d.column])).toEqual([
      ['csv.duplicate-column', 1, 'Antal'],
    ]);
  });

  it('reads a Danish tab file with --decimal-mark ,', () => {
    const text = 'Kommune\tAntal\nOdense\t1.600\n';
    expect(problems(() => readCounts('t.txt', text))[0]).toMatchObject({ code: 'number.not-whole', args: { hint: 'decimal-mark' } });
    expect(readCounts('t.txt', text, ',')[0]?.count).toBe(1600n);
  });
});
