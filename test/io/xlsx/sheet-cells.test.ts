import { describe, expect, it } from 'vitest';
import { type Diagnostic, DiagnosticBag } from '../../../src/core/diagnostics.js';
import { inSheet } from '../../../src/io/xlsx/sheet-cells.js';
import type { SheetRegistry, SheetTable } from '../../../src/io/table-input.js';
import { readTable } from '../../../src/io/csv-table.js';

/** Sheet «Ark1» of counts.xlsx: a title, a blank row, the header in row 3, data below. */
function registry(): { sheets: SheetRegistry; table: SheetTable } {
  const rows = [
    ['Fordeling', '', '', ''],
    ['', '', '', ''],
    ['kode', 'kommune', 'antal', ''],
    ['101', 'København', '2700', ''],
    ['461', 'Odense', '12,5', 'note'],
  ].map((cells, i) => ({ line: i + 1, cells }));
  const table: SheetTable = { kind: 'sheet', file: 'counts.xlsx', sheet: 'Ark1', sheets: ['Ark1', 'Noter'], rows, decimalMark: ',', sheetOption: true };
  return { sheets: new Map([[table.file, table]]), table };
}

describe('inSheet', () => {
  it('turns a line and a column into the cell under that header, once the header is known', () => {
    const { sheets, table } = registry();
    const d: Diagnostic = { code: 'number.not-whole', file: 'counts.xlsx', line: 5, column: 'antal', value: '12,5' };
    // Before a reader found the header, only the row is known.
    expect(inSheet(d, sheets)).toEqual({ ...d, sheet: 'Ark1', cell: '5:5' });
    const bag = new DiagnosticBag();
    const read = readTable(table, { file: 'counts.xlsx', findHeader: (cells) => cells.includes('antal'), bag });
    // The same table pipeline as CSV: titles above the header skipped, a value right of the table reported.
    expect([read.headerLine, read.rows.map((r) => r.line), bag.size]).toEqual([3, [4], 1]);
    expect(table.header).toEqual({ line: 3, names: ['kode', 'kommune', 'antal'] });
    expect(inSheet(d, sheets)).toEqual({ ...d, sheet: 'Ark1', cell: 'C5' });
  });

  it('places other problems: a column named twice, a value right of the table, a row, the sheet', () => {
    const { sheets, table } = registry();
    table.header = { line: 3, names: ['kode', 'kommune', 'antal'] };
    const at = (d: Diagnostic) => {
      const placed = inSheet({ file: 'counts.xlsx', ...d }, sheets);
      return [placed.sheet, placed.cell];
    };
    expect(at({ code: 'csv.duplicate-column', line: 3, column: 'kode', args: { position: 2 } })).toEqual(['Ark1', 'B3']);
    expect(at({ code: 'csv.ragged', line: 5, args: { cells: 4, expected: 3 } })).toEqual(['Ark1', 'D5']);
    expect(at({ code: 'kommune.code-name-mismatch', line: 4 })).toEqual(['Ark1', '4:4']);
    expect(at({ code: 'counts.missing-kommuner' })).toEqual(['Ark1', undefined]);
    const whole = inSheet({ code: 'csv.no-header', file: 'counts.xlsx', line: 1 }, sheets);
    expect([whole.cell, whole.args]).toEqual([undefined, { sheets: 'Ark1, Noter', sheetOption: 'yes' }]);
  });

  it('leaves problems of other files, and runs without workbooks, as they are', () => {
    const { sheets } = registry();
    const d: Diagnostic = { code: 'number.empty', file: 'other.csv', line: 2, column: 'antal' };
    expect(inSheet(d, sheets)).toBe(d);
    expect(inSheet(d, undefined)).toBe(d);
  });
});
