/**
 * A tranche's condition in words, one wording for `flere pools` and the report's page (which
 * names a tranche by it when the pool gives no label). No CLI code here: the report's own
 * bundle imports it.
 */
import type { TrancheCondition } from '../core/conditions.js';
import { groupDigits } from '../io/render/grouping.js';

/** A condition in words; a threshold (percent) is written with Danish digit grouping. */
export function describeCondition(c: TrancheCondition): string {
  switch (c.kind) {
    case 'at-start':
      return 'at the start month';
    case 'all-cleared':
      return `when ${c.cleared} reaches ${c.target}`;
    case 'threshold':
      return `when ${c.numerator} / ${c.denominator} ≥ ${groupDigits(c.threshold)} % ${
        c.months === 1 ? 'in a month' : `in ${c.months} consecutive months`
      }`;
  }
}
