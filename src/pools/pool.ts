/**
 * A pool definition as plain typed data: what `flere allocate` and `flere check` need to
 * know about a grant pool. No zod here, so that the presets (and `allocate`'s defaults)
 * load without the validator; files are validated in `./pool-schema.ts`.
 */
import type { TrancheCondition } from '../core/conditions.js';
import type { Month } from '../core/months.js';

export type { TrancheCondition };

/** One tranche: its share of each kommune's amount in percent (decimal string) and its condition. */
export interface TrancheRule {
  readonly share: string;
  readonly condition: TrancheCondition;
  /** A short human description, shown by `flere pools`. */
  readonly label?: string;
}

/**
 * A grant pool. `total` and `unit` are kroner as canonical decimal strings (`unit` > 0);
 * `start` ≤ `end` are `YYYY-MM`, and `reference_month` ≤ `end`; tranche shares are positive
 * and sum to exactly 100.
 */
export interface PoolDefinition {
  /** A stable identifier, kebab-case (`flere-skal-med-1`). */
  readonly id: string;
  /** A human name (`Flere skal med 1`). */
  readonly name: string;
  readonly total: string;
  readonly unit: string;
  readonly start: Month;
  readonly end: Month;
  /**
   * The month whose recipients form each kommune's target group (the bruttomålgruppe, fixed
   * then); `start` when absent. Used when the progress is made from a person file.
   */
  readonly reference_month?: Month;
  readonly tranches: readonly TrancheRule[];
  /** Where the rules come from, for `flere pools`. */
  readonly source?: string;
}

/** The progress-file columns (metrics) a pool's conditions read, in first-use order. */
export function poolMetrics(pool: PoolDefinition): string[] {
  const names: string[] = [];
  const add = (n: string): void => {
    if (!names.includes(n)) names.push(n);
  };
  for (const t of pool.tranches) {
    if (t.condition.kind === 'all-cleared') {
      add(t.condition.cleared);
      add(t.condition.target);
    } else if (t.condition.kind === 'threshold') {
      add(t.condition.numerator);
      add(t.condition.denominator);
    }
  }
  return names;
}

/** The month a pool's target groups are fixed in: its `reference_month`, else its start month. */
export function referenceMonth(pool: PoolDefinition): Month {
  return pool.reference_month ?? pool.start;
}
