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
 * The bundles of their own, each with the source module that is its entry. In the main
 * bundle an import of that module resolves to a plain `require` of the separate file, loaded
 * at run time only where it is used (an `import()` of a CommonJS file would go through
 * Node's ES module loader, which parses the whole file once more to find its exports: about
 * 20 ms).
 */
const SEPARATE = [
  { name: 'report', entry: 'src/io/render/report/make-report.ts', imported: /render\/report\/make-report\.js$/ },
  { name: 'xlsx-read', entry: 'src/io/xlsx/read-sheet.ts', imported: /xlsx\/read-sheet\.js$/ },
  { name: 'xlsx-write', entry: 'src/io/xlsx/write-workbook.ts', imported: /xlsx\/write-workbook\.js$/ },
];
/** An esbuild plugin that turns imports of a separate bundle's entry into `require('./NAME.cjs')`. */
const requireSeparately = ({ name, imported }) => ({
  name: `${name}-bundle`,
  setup(b) {
    const namespace = `${name}-bundle`;
    b.onResolve({ filter: imported }, () => ({ path: namespace, namespace }));
    b.onLoad({ filter: /.*/, namespace }, () => ({ contents: `module.exports = require('./${name}.cjs');`, loader: 'js' }));
    b.onResolve({ filter: new RegExp(`^\\./${name}\\.cjs$`) }, () => ({ path: `./${name}.cjs`, external: true }));
  },
});
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
// Without code splitting each entry is a standalone file, as if built alone.
await build({ ...common, entryPoints: Object.fromEntries(SEPARATE.map((x) => [x.name, x.entry])) });
await build({
  ...common,
  entryPoints: { flere: 'src/cli/main.ts' },
  plugins: SEPARATE.map(requireSeparately),
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
