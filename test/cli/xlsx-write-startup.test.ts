/**
 * Writing workbooks costs the other outputs nothing: the workbook writer is reached only by
 * a dynamic import (`render/xlsx-output.ts`), and in the built CLI it is a bundle of its own,
 * `dist/xlsx-write.cjs`, which the main bundle requires only when a workbook is written
 * (`npm test` builds before it tests). The reader's side: xlsx-startup.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { valueImports } from '../helpers/imports.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

describe('the workbook writer is loaded only for a workbook', () => {
  it('no module of the CLI imports it statically; one dynamic import reaches it', () => {
    const everything = valueImports(join(ROOT, 'src/cli/main.ts'));
    for (const action of ['allocate', 'check', 'followup', 'progress']) {
      for (const m of valueImports(join(ROOT, `src/cli/actions/${action}.ts`))) everything.add(m);
    }
    expect([...everything].filter((m) => m.endsWith('xlsx/write-workbook.ts') || m.endsWith('xlsx/zip.ts'))).toEqual([]);
    expect(readFileSync(join(ROOT, 'src/io/render/xlsx-output.ts'), 'utf8')).toContain("await import('../xlsx/write-workbook.js')");
  });

  it('the writer is dist/xlsx-write.cjs, not part of the main bundle, and the built CLI finds it', () => {
    const main = readFileSync(join(ROOT, 'dist/flere.cjs'), 'utf8');
    const xlsx = readFileSync(join(ROOT, 'dist/xlsx-write.cjs'), 'utf8');
    // Markers of the sheet XML and the zip container.
    for (const marker of ['_xlnm._FilterDatabase', '0x06054b50', '101010256']) {
      expect(main).not.toContain(marker);
    }
    expect(xlsx).toContain('_xlnm._FilterDatabase');
    expect(main).toContain('./xlsx-write.cjs');
    const r = runCli(['allocate', 'data/counts-2017.csv', '--format', 'xlsx']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdoutBytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
