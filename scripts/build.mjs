// Compiles the CLI for running: one minified CommonJS bundle, dist/flere.cjs. One file and
// CommonJS because start-up is most of what a run of `flere allocate` costs: measured with
// callgrind, the split ESM bundle cost 658 M instructions against 623 M for this one
// (`node -e 0`: 499 M). Every command's code is in the file, but V8 only pre-parses what is
// not run; the heavy dependencies stay outside and load on first use (zod for pool files,
// iconv-lite for Windows-1252, chalk for colour).
// `flere report`'s figures and page are a second bundle, dist/report.cjs, which the main
// bundle requires only when `report` runs: its computations and its HTML, CSS and SVG code
// cost the other commands nothing, not even parsing. It is pure (read inputs in, the page or
// diagnostics out; it throws no FlereError), so its own copies of the few helpers it shares
// with the main bundle do no harm. The workbook writer is a third bundle, dist/xlsx.cjs, for
// the same reason: only `--format xlsx` (or `-o FILE.xlsx`) loads it.
// Type checking is `tsc --noEmit` (npm run typecheck), run by `npm test`.
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
/**
 * The same for the workbook writer (its XML and zip container): `dist/xlsx.cjs`, required
 * only when a command writes a workbook, so that CSV, JSON and tables start up as before.
 */
const xlsxBundle = {
  name: 'xlsx-bundle',
  setup(b) {
    b.onResolve({ filter: /xlsx\/write-workbook\.js$/ }, () => ({ path: 'xlsx-bundle', namespace: 'xlsx-bundle' }));
    b.onLoad({ filter: /.*/, namespace: 'xlsx-bundle' }, () => ({ contents: "module.exports = require('./xlsx.cjs');", loader: 'js' }));
    b.onResolve({ filter: /^\.\/xlsx\.cjs$/ }, () => ({ path: './xlsx.cjs', external: true }));
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
  entryPoints: { xlsx: 'src/io/xlsx/write-workbook.ts' },
});
await build({
  ...common,
  entryPoints: { flere: 'src/cli/main.ts' },
  plugins: [reportBundle, xlsxBundle],
  external: ['zod', 'iconv-lite', 'chalk'],
  // The sources are ESM and use import.meta.url (to require iconv-lite lazily); in the
  // CommonJS bundle it is this file's URL, computed only when asked for.
  define: { 'import.meta.url': '__flereMeta.url' },
  banner: { js: "const __flereMeta={get url(){return require('node:url').pathToFileURL(__filename).href}};" },
});
