// Compiles the CLI for running: one minified ESM bundle per entry with shared chunks, so that
// start-up reads a few files instead of resolving a hundred modules, and each command's heavy
// code (zod for pool files, iconv-lite, chalk …) stays in a chunk loaded only when used.
// Type checking is `tsc --noEmit` (npm run typecheck), run by `npm test`.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
// FLERE_BUILD_READABLE=1 keeps names and line structure, for profiling with --cpu-prof.
const readable = process.env.FLERE_BUILD_READABLE === '1';
await build({
  entryPoints: { flere: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: !readable,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  logLevel: 'warning',
});
