/**
 * The target group as a pool defines it (the bruttomålgruppe): the named persons who receive
 * the benefit in a kommune in the reference month. Fixed then: a person who appears later is
 * in no target group. A member counts as cleared for its kommune from the first month it is
 * cleared, wherever that happens. What becomes of a member who leaves before being cleared is
 * the {@link LeaverRule}.
 *
 * Every month's figures depend only on that month and earlier ones (and the reference
 * month), so data for later months never changes them: a tranche that fell due stays due.
 */
import type { Month } from './months.js';

/**
 * A member who, before being cleared, is gone in a month (another kommune's row, or no row at
 * all: moved away, died, folkepension):
 * - `drop` (the default): out of its kommune's target group for that month; back in when it
 *   returns, and counted again (as cleared) once it is cleared anywhere. This is how the
 *   pools are administered: a citizen leaves the group only by moving away, death or
 *   folkepension, and is then taken out of the group measured on. A kommune is never held
 *   up by a person it can no longer reach; and a group that everyone left uncleared counts
 *   0 members, which never meets "all cleared".
 * - `keep`: stays in the target group until cleared, wherever it goes (the strict reading:
 *   one person who moved away uncleared holds the tranche until someone clears them).
 */
export type LeaverRule = 'drop' | 'keep';

/** The leaver rules, the default first (the `--leavers` choices). */
export const LEAVER_RULES: readonly LeaverRule[] = ['drop', 'keep'];

/** How target groups are formed: the reference month and the rule for leavers. */
export interface TargetGroupRule {
  /** The month whose recipients form each kommune's target group (`YYYY-MM`). */
  readonly referenceMonth: Month;
  readonly leavers: LeaverRule;
}
