/**
 * The static import graph of a source module: what loading it loads, followed through
 * relative paths (type-only imports bring in nothing at run time and are skipped). For tests
 * that keep heavy code off the start-up path.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Value (non-type) imports of a module, followed through relative paths: file paths and package names. */
export function valueImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^import\s+(?!type\b)([^'"]*?)from\s+'([^']+)'/gm)) {
    const [, what = '', spec = ''] = m;
    // `import { type A, type B } from` brings in nothing at run time.
    const names = /\{([^}]*)\}/.exec(what)?.[1]?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
    if (names.length > 0 && names.every((n) => n.startsWith('type ')) && !/^\s*\w+\s*,/.test(what)) continue;
    if (spec.startsWith('.')) valueImports(resolve(dirname(file), spec.replace(/\.js$/, '.ts')), seen);
    else seen.add(spec);
  }
  return seen;
}
