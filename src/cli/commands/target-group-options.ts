/**
 * The options that form the target groups of a person file, shared by `flere progress` and
 * `flere check --persons` so that both say the same and read the same.
 */
import { parseMonth } from '../../core/months.js';
import { type LeaverRule, LEAVER_RULES, type TargetGroupRule } from '../../core/target-group.js';
import { type PoolDefinition, referenceMonth } from '../../pools/pool.js';
import { type OptionSpec, OptionValueError } from '../command-spec.js';

/** The values of {@link targetGroupOptions}. */
export interface TargetGroupOptionValues {
  /** `YYYY-MM`; default: the pool's reference month. */
  referenceMonth?: string;
  leavers?: LeaverRule;
}

/** An option value that is a month, `YYYY-MM` (surrounding spaces allowed). */
export function monthValue(text: string): string {
  const m = parseMonth(text.trim());
  if (m === undefined) throw new OptionValueError(`expected a month as YYYY-MM, got "${text}"`);
  return m;
}

/** `--reference-month` and `--leavers`. */
export const targetGroupOptions = (): OptionSpec[] => [
  {
    long: 'reference-month',
    value: '<month>',
    description: "the month whose recipients in a person file form each kommune's target group, YYYY-MM (default: the pool's, its start month)",
    parse: monthValue,
  },
  {
    long: 'leavers',
    value: '<rule>',
    description: 'a member gone (moved away, no row) before being cleared: drop (default; out of the target group while gone) or keep (in it until cleared)',
    choices: LEAVER_RULES,
  },
];

/** The rule the options give for `pool`: its reference month and `drop`, unless told otherwise. */
export function targetGroupRule(pool: PoolDefinition, options: TargetGroupOptionValues): TargetGroupRule {
  return { referenceMonth: options.referenceMonth ?? referenceMonth(pool), leavers: options.leavers ?? 'drop' };
}
