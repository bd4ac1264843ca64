// A table larger than an Excel sheet is refused as a usage error before anything is built.
import { describe, expect, it } from 'vitest';
import { FlereError } from '../../../src/core/diagnostics.js';
import { reiterable } from '../../../src/io/render/data-table.js';
import { workbookOutput } from '../../../src/io/render/xlsx-output.js';
import { MAX_SHEET_ROWS } from '../../../src/io/xlsx/workbook.js';

const columns = [{ header: 'id', kind: 'text' as const }];
const rows = (size: number) =>
  reiterable(function* () {
    for (let i = 0; i < size; i++) yield [`${i}`];
  }, size);

describe('workbookOutput', () => {
  it('refuses a sheet of more rows than Excel has (header and totals counted), before making any', async () => {
    const error = await workbookOutput([{ name: 'S', columns, rows: rows(MAX_SHEET_ROWS), totals: [null] }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlereError);
    expect((error as FlereError).exitCode).toBe(2);
    expect((error as FlereError).diagnostics[0]).toMatchObject({ code: 'output.xlsx-too-many-rows', value: String(MAX_SHEET_ROWS) });
    // One row fewer with no totals row is still too many: the header takes one.
    await expect(workbookOutput([{ name: 'S', columns, rows: Array.from({ length: MAX_SHEET_ROWS }, () => ['x']) }])).rejects.toBeInstanceOf(FlereError);
  });

  it('writes a sheet that fits', async () => {
    const bytes = await workbookOutput([{ name: 'S', columns, rows: rows(3), totals: [null] }]);
    expect(Buffer.from(bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
  });
});
