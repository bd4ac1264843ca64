/**
 * `flere report` costs the other commands next to nothing: its action is loaded only by a
 * dynamic import, and its computations and page (the HTML, CSS and SVG code) are a bundle of
 * their own that the main bundle requires only when `report` runs (`npm test` builds before
 * it tests).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { valueImports } from '../helpers/imports.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

describe('the report is loaded only for report', () => {
  it('nothing the CLI loads at start-up reaches the report’s action, computations or renderer', () => {
    const reportCode = (m: string) => m.includes('/render/report/') || m.includes('/core/report-');
    expect([...valueImports(join(ROOT, 'src/cli/main.ts'))].filter((m) => reportCode(m) || m.endsWith('actions/report.ts'))).toEqual([]);
    expect(readFileSync(join(ROOT, 'src/cli/commands/report.ts'), 'utf8')).toContain("await import('../actions/report.js')");
    // The action itself reaches the computations and the page only through the report bundle.
    expect([...valueImports(join(ROOT, 'src/cli/actions/report.ts'))].filter(reportCode)).toEqual([]);
    expect(readFileSync(join(ROOT, 'src/cli/actions/report.ts'), 'utf8')).toContain("await import('../../io/render/report/make-report.js')");
  });

  it('the computations and the page are dist/report.cjs, not part of the main bundle', () => {
    const main = readFileSync(join(ROOT, 'dist/flere.cjs'), 'utf8');
    const report = readFileSync(join(ROOT, 'dist/report.cjs'), 'utf8');
    // The stylesheet's print rules and a chart's frame are the renderer's own.
    for (const marker of ['@page{size:A4', 'spark-frame-']) {
      expect(main).not.toContain(marker);
      expect(report).toContain(marker);
    }
    expect(main).toContain('./report.cjs');
  });

  it('the built CLI finds the renderer and writes a page', () => {
    const r = runCli(['report', 'data/counts-2017.csv']);
    // A counts file is no allocation: refused, but only after the command was loaded.
    expect(r.code).toBe(1);
    const page = runCli(['report', '-'], { input: JSON.stringify({ version: 1, allocations: [{ id: '101', amount: '10', tranches: ['3', '4', '3'], applied: true }] }) });
    expect([page.code, page.stderr]).toEqual([0, '']);
    expect(page.stdout).toMatch(/^<!doctype html>/);
  });
});
