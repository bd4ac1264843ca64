import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlereError } from '../../src/core/diagnostics.js';
import { loadPool } from '../../src/pools/load-pool.js';
import { validatePool } from '../../src/pools/pool-schema.js';
import { FLERE_SKAL_MED_1, FLERE_SKAL_MED_2 } from '../../src/pools/presets.js';

const base = () => JSON.parse(JSON.stringify(FLERE_SKAL_MED_1)) as Record<string, any>;
const problems = (data: unknown) => {
  const r = validatePool(data);
  return r.ok ? [] : r.problems.map((p) => p.path);
};

describe('validatePool', () => {
  it('accepts shares that sum to exactly 100 at any scale', () => {
    const p = base();
    p.tranches[0].share = '33.34';
    p.tranches[1].share = '33.33';
    p.tranches[2].share = '33.33';
    expect(problems(p)).toEqual([]);
  });
  it('rejects shares that do not sum to 100', () => {
    const p = base();
    p.tranches[0].share = '33.3';
    p.tranches[1].share = '33.3';
    p.tranches[2].share = '33.3';
    expect(problems(p)).toEqual(['tranches']);
  });
  it('rejects months out of order, and a streak longer than the pool', () => {
    const p = base();
    p.end = '2017-06';
    expect(problems(p)).toEqual(['end']);
    const q = base();
    q.end = '2017-08'; // 2 months, FSM1's tranche 3 needs 3
    expect(problems(q)).toEqual(['tranches[2].condition.months']);
  });
  it('takes an optional reference month, before the start if need be, but not after the end', () => {
    const p = base();
    delete p.reference_month;
    const result = validatePool(p);
    expect(result.ok && result.pool.reference_month).toBe(undefined);
    for (const month of ['2016-01', '2017-07', '2019-12']) expect(problems({ ...base(), reference_month: month })).toEqual([]);
    expect(problems({ ...base(), reference_month: '2020-01' })).toEqual(['reference_month']);
    expect(problems({ ...base(), reference_month: '2017-7' })).toEqual(['reference_month']);
    expect(problems({ ...base(), reference_month: 201707 })).toEqual(['reference_month']);
  });
  it('reports every bad field with its JSON path', () => {
    const p = base();
    p.total = 262500000; // a JSON number: amounts are strings
    p.start = '2017-13';
    p.tranches[2].condition.threshold = '140';
    p.tranches[2].condition.treshold = '40'; // a typo is not ignored
    p.tranches[1].condition = { kind: 'everyone-happy' };
    expect(problems(p).sort()).toEqual(
      ['start', 'total', 'tranches[1].condition.kind', 'tranches[2].condition', 'tranches[2].condition.threshold'].sort(),
    );
  });
  it('rejects a zero unit, a zero threshold and zero months', () => {
    const p = base();
    p.unit = '0';
    p.tranches[2].condition.threshold = '0';
    p.tranches[2].condition.months = 0;
    expect(problems(p).sort()).toEqual(['tranches[2].condition.months', 'tranches[2].condition.threshold', 'unit']);
  });
});

describe('loadPool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flere-pool-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const failure = async (arg: string) => {
    try {
      await loadPool(arg);
    } catch (e) {
      if (e instanceof FlereError) return { kind: e.kind, diagnostics: e.diagnostics };
      throw e;
    }
    throw new Error('expected a failure');
  };

  it('gives the default without a name, presets by name', async () => {
    expect(await loadPool(undefined)).toBe(FLERE_SKAL_MED_1);
    expect(await loadPool('flere-skal-med-2')).toBe(FLERE_SKAL_MED_2);
  });
  it('loads a valid file', async () => {
    const p = { ...base(), id: 'afklaringspulje', name: 'Afklaringspulje', total: '100000000' };
    expect(await loadPool(file('ok.json', JSON.stringify(p)))).toEqual(p);
  });
  it('an unknown name is a usage error listing the presets', async () => {
    const f = await failure('flere-skal-med-9');
    expect(f.kind).toBe('usage');
    expect(f.diagnostics[0]).toMatchObject({ code: 'pool.unknown', args: { presets: 'flere-skal-med-1, flere-skal-med-2' } });
  });
  it('a missing file is an io error', async () => {
    expect((await failure(join(dir, 'nope.json'))).kind).toBe('io');
  });
  it('a JSON syntax error names the line', async () => {
    const f = await failure(file('bad.json', '{\n  "id": "x",\n  "name": "y"\n  "total": "1"\n}\n'));
    expect(f.kind).toBe('data');
    expect(f.diagnostics[0]).toMatchObject({ code: 'pool.json-syntax', line: 4 });
  });
  it('schema problems are data errors with the JSON path', async () => {
    const p = base();
    p.tranches[0].share = '31';
    const f = await failure(file('sum.json', JSON.stringify(p, null, 2)));
    expect(f.kind).toBe('data');
    expect(f.diagnostics).toEqual([
      { code: 'pool.invalid', file: join(dir, 'sum.json'), value: 'tranches', args: { message: 'tranche shares must sum to exactly 100' } },
    ]);
  });
});
