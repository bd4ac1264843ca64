/**
 * The report in a real browser: headless Chromium (Debian's `chromium` package) opens the
 * page of the bundled 2017 story, which must render with no console error and no network
 * request, fit a laptop screen's width, and print to A4. The screenshot (1366 px wide, full
 * page) and the PDF are kept for people to look at:
 *
 *     test/.artifacts/report-laptop.png
 *     test/.artifacts/report-a4.pdf
 *
 * Without Chromium the test is skipped with a note on the console, never silently.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findChromium, visit } from '../helpers/chromium.js';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const chromium = findChromium();
const ARTIFACTS = join(ROOT, 'test/.artifacts');
const WIDTH = 1366;
const HEIGHT = 768;

if (chromium === undefined) {
  console.warn('SKIPPED: the report was not opened in a browser: no Chromium here (apt-get install chromium; .ci/run installs it)');
}

/** What the page says about itself, measured in the browser. */
const MEASURE = `JSON.stringify({
  title: document.title,
  scrollWidth: document.documentElement.scrollWidth,
  charts: document.querySelectorAll('svg.chart').length,
  unnamed: [...document.querySelectorAll('svg.chart')].filter((s) => !s.getAttribute('aria-label')).length,
  empty: [...document.querySelectorAll('svg')].filter((s) => { const r = s.getBoundingClientRect(); return r.width < 10 || r.height < 10; }).length,
  untitled: [...document.querySelectorAll('figure')].filter((f) => !f.querySelector('h3')).length,
  frames: [...document.querySelectorAll('td svg.spark use')].filter((u) => u.getBoundingClientRect().height > 0).length,
  sparks: document.querySelectorAll('td svg.spark').length,
  fonts: document.fonts.size,
})`;

describe('the report in headless Chromium', () => {
  (chromium === undefined ? it.skip : it)('renders with no error and no request, fits 1366 px, prints to A4', async () => {
    const { dir } = scratchDir('flere-report-browser-');
    const at = (name: string) => join(dir, name);
    const data = (name: string) => join(ROOT, 'data', name);
    const run = (args: string[]) => expect(runCli(args).code).toBe(0);
    run(['allocate', data('counts-2017.csv'), '--applicants', data('applicants-2017.csv'), '--format', 'json', '-o', at('allocation.json')]);
    run(['check', data('progress-2017.csv'), '--allocation', at('allocation.json'), '--as-of', '2019-12', '--format', 'json', '-o', at('check.json')]);
    // The README's story: round 1 in December 2017, round 2 of the forfeited tranches at the end.
    const to = ['--to', data('followup-2017.csv'), '--key', 'weight', '--unit', '1000', '--format', 'json'];
    run(['followup', at('allocation.json'), ...to, '-o', at('round-1.json')]);
    run(['followup', at('allocation.json'), '--forfeited', at('check.json'), '--sources', 'forfeited', '--after', at('round-1.json'), ...to, '-o', at('round-2.json')]);
    run(['report', at('allocation.json'), '--progress', data('progress-2017.csv'), '--as-of', '2019-12', '--followup', at('round-2.json'), '-o', at('report.html')]);

    const page = await visit(chromium as string, pathToFileURL(at('report.html')).href, WIDTH, HEIGHT, MEASURE);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'report-laptop.png'), page.screenshot);
    writeFileSync(join(ARTIFACTS, 'report-a4.pdf'), page.pdf);

    expect(page.errors).toEqual([]);
    expect(page.requests).toEqual([]);
    const m = JSON.parse(page.evaluated as string) as Record<string, number | string>;
    expect(m).toMatchObject({ title: 'Flere skal med 1, July 2017 – December 2019', unnamed: 0, empty: 0, untitled: 0, fonts: 0 });
    expect(m['scrollWidth']).toBeLessThanOrEqual(WIDTH);
    expect(m['charts']).toBe(5);
    // Every sparkline draws its series' shared frame (axis and threshold lines).
    expect(m['frames']).toBe(m['sparks']);
    expect(m['sparks']).toBe(89 * 2);

    // A PNG of the laptop width, the whole page long.
    expect(page.screenshot.subarray(1, 4).toString()).toBe('PNG');
    expect(page.screenshot.readUInt32BE(16)).toBe(WIDTH);
    expect(page.screenshot.readUInt32BE(20)).toBeGreaterThan(3000);
    // An A4 PDF (595 × 842 pt) of several pages, vector (a pattern fill once made it 19 MB).
    const pdf = page.pdf.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
    expect(pdf.match(/\/Type \/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(6);
    expect(page.pdf.length).toBeLessThan(3_000_000);
  }, 120_000);
});
