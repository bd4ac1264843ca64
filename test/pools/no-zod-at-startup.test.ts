import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { valueImports } from '../helpers/imports.js';
import { ROOT } from '../helpers/run-cli.js';

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
