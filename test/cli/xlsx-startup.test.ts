/**
 * Reading CSV pays nothing for workbooks: the workbook reader (read-excel-file, fflate and
 * flere's checks around them) is a bundle of its own, dist/xlsx-read.cjs, which the main
 * bundle requires only when an input's first bytes are a workbook's (`npm test` builds first).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { valueImports } from '../helpers/imports.js';
import { ROOT } from '../helpers/run-cli.js';

describe('the workbook reader is loaded only for workbooks', () => {
  it('nothing the CLI loads statically reaches the reader or its libraries', () => {
    const imports = [...valueImports(join(ROOT, 'src/cli/main.ts'))];
    for (const action of ['allocate', 'check', 'followup', 'progress', 'report']) imports.push(...valueImports(join(ROOT, `src/cli/actions/${action}.ts`)));
    expect(imports.filter((m) => m.endsWith('xlsx/read-sheet.ts') || m === 'read-excel-file/universal' || m === 'fflate')).toEqual([]);
    expect(readFileSync(join(ROOT, 'src/io/table-input.ts'), 'utf8')).toContain("await import('./xlsx/read-sheet.js')");
  });

  it('the reader is dist/xlsx-read.cjs, not part of the main bundle', () => {
    const main = readFileSync(join(ROOT, 'dist/flere.cjs'), 'utf8');
    const reader = readFileSync(join(ROOT, 'dist/xlsx-read.cjs'), 'utf8');
    // read-excel-file's own error class, and the part name only a workbook reader looks for.
    for (const marker of ['InvalidSpreadsheetError', 'sharedStrings']) {
      expect(main).not.toContain(marker);
      expect(reader).toContain(marker);
    }
    expect(main).toContain('./xlsx-read.cjs');
  });
});
