import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('flere pools', () => {
  it('lists the presets with their rules', () => {
    const r = runCli(['pools']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(
      [
        'flere-skal-med-1 (default): Flere skal med 1',
        '  total 262.500.000 kr., unit 1 kr., 2017-07 to 2019-12',
        '  tranche 1: 30 % at the start month',
        '  tranche 2: 40 % when cleared reaches target_group',
        '  tranche 3: 30 % when company_activity / recipients ≥ 40 % in 3 consecutive months',
        '  target group: the recipients of 2017-07 (from a person file)',
      ].join('\n'),
    );
    expect(r.stdout).toContain(
      [
        'flere-skal-med-2: Flere skal med 2',
        '  total 148.000.000 kr., unit 1 kr., 2020-01 to 2022-06',
        '  tranche 1: 50 % at the start month',
        '  tranche 2: 40 % when paid_hours / target_group ≥ 15 % in a month',
        '  tranche 3: 10 % when paid_hours / target_group ≥ 20 % in a month',
      ].join('\n'),
    );
  });

  it('prints a preset as JSON, a template for a pool file', () => {
    const r = runCli(['pools', 'flere-skal-med-2', '--format', 'json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const pool = JSON.parse(r.stdout);
    expect(pool).toMatchObject({ id: 'flere-skal-med-2', total: '148000000', start: '2020-01', end: '2022-06', reference_month: '2020-01' });
    expect(pool.tranches.map((t: { share: string }) => t.share)).toEqual(['50', '40', '10']);
  });

  it('an unknown pool is a usage error', () => {
    const r = runCli(['pools', 'nope']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('flere: unknown pool "nope": not a preset (flere-skal-med-1, flere-skal-med-2) and no such file\n');
  });
});
