/**
 * The bundled pools, as plain data (no validator is loaded for them: `flere allocate` reads
 * its defaults from here at start-up; a test validates every preset with the zod schema).
 */
import { type Fixed, parseFixed } from '../core/decimal.js';
import type { PoolDefinition } from './pool.js';

/**
 * Flere skal med (FSM1), the ministry's announcement of April 2017: 262,500,000 DKK for
 * 2017–2019; 30 % at start, 40 % when the whole target group is cleared (afklaret og
 * visiteret), 30 % when ≥ 40 % of recipients are in company-oriented activity for 3
 * consecutive months. The target group is fixed in the start month.
 */
export const FLERE_SKAL_MED_1: PoolDefinition = {
  id: 'flere-skal-med-1',
  name: 'Flere skal med 1',
  total: '262500000',
  unit: '1',
  start: '2017-07',
  end: '2019-12',
  reference_month: '2017-07',
  source: 'Satspulje 2017, announcement April 2017',
  tranches: [
    { share: '30', condition: { kind: 'at-start' }, label: 'at start, to hire front-line staff' },
    {
      share: '40',
      condition: { kind: 'all-cleared', cleared: 'cleared', target: 'target_group' },
      label: 'the whole target group afklaret og visiteret',
    },
    {
      share: '30',
      condition: {
        kind: 'threshold',
        numerator: 'company_activity',
        denominator: 'recipients',
        threshold: '40',
        months: 3,
      },
      label: '≥ 40 % of recipients in company-oriented activity, 3 consecutive months',
    },
  ],
};

/**
 * Flere skal med 2 (FSM2): 148,000,000 DKK for 2020–2022; 50 % on interim accounts with no
 * result requirement; 40 % when ≥ 15 % of the target group have paid (unsubsidised) hours or
 * SU-eligible education within one month; the last 10 % at ≥ 20 %. The target group is fixed
 * in the start month.
 */
export const FLERE_SKAL_MED_2: PoolDefinition = {
  id: 'flere-skal-med-2',
  name: 'Flere skal med 2',
  total: '148000000',
  unit: '1',
  start: '2020-01',
  end: '2022-06',
  reference_month: '2020-01',
  source: "Flere skal med 2, the pool's announcement (its rules are summarised in flere's README, Pools)",
  tranches: [
    { share: '50', condition: { kind: 'at-start' }, label: 'on interim accounts, no result requirement' },
    {
      share: '40',
      condition: { kind: 'threshold', numerator: 'paid_hours', denominator: 'target_group', threshold: '15', months: 1 },
      label: '≥ 15 % of the target group with paid hours or SU-eligible education in a month',
    },
    {
      share: '10',
      condition: { kind: 'threshold', numerator: 'paid_hours', denominator: 'target_group', threshold: '20', months: 1 },
      label: '≥ 20 % of the target group with paid hours or SU-eligible education in a month',
    },
  ],
};

/** Every preset, in the order `flere pools` lists them. */
export const PRESETS: readonly PoolDefinition[] = [FLERE_SKAL_MED_1, FLERE_SKAL_MED_2];

/** The pool used when none is named. */
export const DEFAULT_POOL: PoolDefinition = FLERE_SKAL_MED_1;

/** The preset with this id (case-insensitive), or undefined. */
export function presetById(id: string): PoolDefinition | undefined {
  const key = id.trim().toLowerCase();
  return PRESETS.find((p) => p.id === key);
}

/** A pool's numbers as exact decimals: total and unit in kroner, tranche shares in percent. */
export interface PoolNumbers {
  readonly total: Fixed;
  readonly unit: Fixed;
  readonly shares: readonly Fixed[];
}

/**
 * The exact numbers of a (validated) pool, e.g. `allocate`'s defaults:
 * `poolNumbers(DEFAULT_POOL)` → total 262500000, unit 1, shares 30/40/30.
 */
export function poolNumbers(pool: PoolDefinition): PoolNumbers {
  const fixed = (s: string): Fixed => {
    const f = parseFixed(s);
    if (f === undefined) throw new RangeError(`pool ${pool.id}: not a decimal: ${s}`);
    return f;
  };
  return { total: fixed(pool.total), unit: fixed(pool.unit), shares: pool.tranches.map((t) => fixed(t.share)) };
}

/** The file `--pool nameOrFile` reads, or undefined for a preset (or no `--pool`). */
export function poolFileOf(nameOrFile: string | undefined): string | undefined {
  return nameOrFile === undefined || presetById(nameOrFile) !== undefined ? undefined : nameOrFile;
}
