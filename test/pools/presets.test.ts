import { describe, expect, it } from 'vitest';
import { formatFixed } from '../../src/core/decimal.js';
import { poolMetrics, referenceMonth } from '../../src/pools/pool.js';
import { validatePool } from '../../src/pools/pool-schema.js';
import { DEFAULT_POOL, FLERE_SKAL_MED_1, PRESETS, poolNumbers, presetById } from '../../src/pools/presets.js';

describe('presets', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('%s passes the schema unchanged', (_id, pool) => {
    const result = validatePool(JSON.parse(JSON.stringify(pool)));
    expect(result).toEqual({ ok: true, pool });
  });

  it('flere-skal-med-1 is the default: 262,500,000 DKK, 2017-07 to 2019-12, 30/40/30', () => {
    expect(DEFAULT_POOL).toBe(FLERE_SKAL_MED_1);
    const n = poolNumbers(DEFAULT_POOL);
    expect(formatFixed(n.total)).toBe('262500000');
    expect(formatFixed(n.unit)).toBe('1');
    expect(n.shares.map((s) => formatFixed(s))).toEqual(['30', '40', '30']);
    expect([DEFAULT_POOL.start, DEFAULT_POOL.end, referenceMonth(DEFAULT_POOL)]).toEqual(['2017-07', '2019-12', '2017-07']);
    expect(DEFAULT_POOL.tranches.map((t) => t.condition)).toEqual([
      { kind: 'at-start' },
      { kind: 'all-cleared', cleared: 'cleared', target: 'target_group' },
      { kind: 'threshold', numerator: 'company_activity', denominator: 'recipients', threshold: '40', months: 3 },
    ]);
    expect(poolMetrics(DEFAULT_POOL)).toEqual(['cleared', 'target_group', 'company_activity', 'recipients']);
  });

  it('flere-skal-med-2: 148,000,000 DKK, 2020-01 to 2022-06, 50/40/10 with single-month thresholds 15 % and 20 %', () => {
    const p = presetById('Flere-Skal-Med-2')!;
    const n = poolNumbers(p);
    expect(formatFixed(n.total)).toBe('148000000');
    expect(n.shares.map((s) => formatFixed(s))).toEqual(['50', '40', '10']);
    expect([p.start, p.end, p.reference_month]).toEqual(['2020-01', '2022-06', '2020-01']);
    expect(p.tranches.map((t) => t.condition)).toEqual([
      { kind: 'at-start' },
      { kind: 'threshold', numerator: 'paid_hours', denominator: 'target_group', threshold: '15', months: 1 },
      { kind: 'threshold', numerator: 'paid_hours', denominator: 'target_group', threshold: '20', months: 1 },
    ]);
  });

  it('unknown ids give undefined', () => {
    expect(presetById('flere-skal-med-3')).toBeUndefined();
  });
});
