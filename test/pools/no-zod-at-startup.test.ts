import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.js';

/** Value (non-type) imports of a module, followed through relative paths. */
function valueImports(file: string, seen = new Set<string>()): Set<string> {
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

describe('start-up cost', () => {
  it('the presets (allocate’s defaults) load without zod', () => {
    const graph = valueImports(join(ROOT, 'src/pools/presets.ts'));
    expect([...graph].filter((m) => m === 'zod' || m.endsWith('pool-schema.ts'))).toEqual([]);
  });
  it('loadPool reaches the schema only through a dynamic import', () => {
    const graph = valueImports(join(ROOT, 'src/pools/load-pool.ts'));
    expect([...graph].filter((m) => m === 'zod')).toEqual([]);
    expect(readFileSync(join(ROOT, 'src/pools/load-pool.ts'), 'utf8')).toContain("await import('./pool-schema.js')");
  });
});
