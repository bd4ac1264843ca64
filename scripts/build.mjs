// Compiles the CLI for running: one minified CommonJS bundle, dist/flere.cjs, and V8's code
// cache for it, dist/flere.cjs.cache. One file and CommonJS because start-up is most of what a
// run of `flere allocate` costs: measured with callgrind, the split ESM bundle cost 658 M
// instructions against 623 M for this one (`node -e 0`: 499 M). Every command's code is in the
// file, but V8 only pre-parses what is not run; zod (pool files) and iconv-lite
// (Windows-1252) stay outside and are required on first use.
//
// The bundle holds no `import()` at all (chalk is bundled, the rest is required), and a test
// keeps it so: a script run from V8's code cache has no dynamic-import callback, and an
// `import()` there once crashed every coloured table on a terminal. Without `import()`, the
// cache cannot change what a run does, only how fast it starts (see bin/flere).
// `flere report`'s figures and page are a second bundle, dist/report.cjs, which the main
// bundle requires only when `report` runs: its computations and its HTML, CSS and SVG code
// cost the other commands nothing, not even parsing. It is pure (read inputs in, the page or
// diagnostics out; it throws no FlereError), so its own copies of the few helpers it shares
// with the main bundle do no harm.
// The workbook reader (read-excel-file, fflate, and flere's own checks around them) is a
// third bundle, dist/xlsx-read.cjs, required only when an input turns out to be a workbook:
// reading CSV pays nothing for it, not even parsing. It is pure too (problems are data).
// The workbook writer (the sheet XML and the zip container) is a fourth, dist/xlsx-write.cjs,
// required only when a workbook is written (`--format xlsx`, `-o FILE.xlsx`).
// Type checking is `tsc --noEmit` (npm run typecheck), run by `npm test`.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
// FLERE_BUILD_READABLE=1 keeps names and line structure, for profiling with --cpu-prof.
const readable = process.env.FLERE_BUILD_READABLE === '1';
/**
 * Resolves the report bundle's entry to the separate file, loaded at run time with a plain
 * `require` (an `import()` of a CommonJS file would go through Node's ES module loader,
 * which parses the whole file once more to find its exports: about 20 ms).
 */
const reportBundle = {
  name: 'report-bundle',
  setup(b) {
    b.onResolve({ filter: /render\/report\/make-report\.js$/ }, () => ({ path: 'report-bundle', namespace: 'report-bundle' }));
    b.onLoad({ filter: /.*/, namespace: 'report-bundle' }, () => ({ contents: "module.exports = require('./report.cjs');", loader: 'js' }));
    b.onResolve({ filter: /^\.\/report\.cjs$/ }, () => ({ path: './report.cjs', external: true }));
  },
};
/** The same for the workbook reader's entry: dist/xlsx-read.cjs, required when a workbook is read. */
const xlsxReadBundle = {
  name: 'xlsx-read-bundle',
  setup(b) {
    b.onResolve({ filter: /xlsx\/read-sheet\.js$/ }, () => ({ path: 'xlsx-read-bundle', namespace: 'xlsx-read-bundle' }));
    b.onLoad({ filter: /.*/, namespace: 'xlsx-read-bundle' }, () => ({ contents: "module.exports = require('./xlsx-read.cjs');", loader: 'js' }));
    b.onResolve({ filter: /^\.\/xlsx-read\.cjs$/ }, () => ({ path: './xlsx-read.cjs', external: true }));
  },
};
/** The same for the workbook writer: dist/xlsx-write.cjs, required when a workbook is written. */
const xlsxWriteBundle = {
  name: 'xlsx-write-bundle',
  setup(b) {
    b.onResolve({ filter: /xlsx\/write-workbook\.js$/ }, () => ({ path: 'xlsx-write-bundle', namespace: 'xlsx-write-bundle' }));
    b.onLoad({ filter: /.*/, namespace: 'xlsx-write-bundle' }, () => ({ contents: "module.exports = require('./xlsx-write.cjs');", loader: 'js' }));
    b.onResolve({ filter: /^\.\/xlsx-write\.cjs$/ }, () => ({ path: './xlsx-write.cjs', external: true }));
  },
};
const common = {
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: !readable,
  legalComments: 'linked',
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: { report: 'src/io/render/report/make-report.ts' },
});
await build({
  ...common,
  entryPoints: { 'xlsx-read': 'src/io/xlsx/read-sheet.ts' },
});
await build({
  ...common,
  entryPoints: { 'xlsx-write': 'src/io/xlsx/write-workbook.ts' },
});
await build({
  ...common,
  entryPoints: { flere: 'src/cli/main.ts' },
  plugins: [reportBundle, xlsxReadBundle, xlsxWriteBundle],
  external: ['zod', 'iconv-lite'],
  // The sources are ESM and use import.meta.url (to require iconv-lite lazily); in the
  // CommonJS bundle it is this file's URL, computed only when asked for.
  define: { 'import.meta.url': '__flereMeta.url' },
  banner: { js: "const __flereMeta={get url(){return require('node:url').pathToFileURL(__filename).href}};" },
});

// V8's code cache for the bundle, made by one real run so that it holds the functions that
// `flere allocate` compiles (bin/flere loads it; V8 refuses a cache made by another Node
// version or for other bytes, and the bundle is then compiled as usual).
execFileSync(process.execPath, ['bin/flere', 'allocate', 'data/counts-2017.csv', '--format', 'csv'], {
  env: { ...process.env, FLERE_WRITE_CODE_CACHE: '1' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
