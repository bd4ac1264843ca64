/**
 * Splitting kommune amounts into payout tranches. First the pool's tranche columns are
 * fixed: the sum of the amounts is apportioned among the tranches by their shares
 * (largest remainder, ties to the earlier tranche), so 30 % of 262,500,000 is exactly
 * 78,750,000. Then each kommune's amount is split by controlled rounding, so that every
 * row sums to the kommune's amount and every column to its tranche total.
 */
import { largestRemainder } from './apportion.js';
import { roundSharesTable } from './controlled-rounding.js';
import { type Fixed, toCommonScale } from './decimal.js';

/** Tranche amounts per row plus the column totals, all in units. */
export interface TrancheSplit {
  /** cells[i][j]: row i's tranche j, in units. Σ_j cells[i][j] = amounts[i]. */
  readonly cells: readonly (readonly bigint[])[];
  /** Column totals in units: Σ_i cells[i][j]; the apportionment of Σ amounts by the shares. */
  readonly columnTotals: readonly bigint[];
}

/**
 * Splits `amounts` (units, ≥ 0, rows in canonical order) by `shares` (percent, positive,
 * summing to 100). Rows keep their sums exactly; columns sum to their exact share of the
 * total where that is a whole number of units, else to its largest-remainder rounding.
 */
export function splitTranches(amounts: readonly bigint[], shares: readonly Fixed[]): TrancheSplit {
  const { digits: weights } = toCommonScale(shares);
  const total = amounts.reduce((s, a) => s + a, 0n);
  const columnTotals =
    total === 0n ? weights.map(() => 0n) : largestRemainder(total, weights, (i, j) => i - j).amounts;
  return { cells: roundSharesTable(amounts, weights, columnTotals), columnTotals };
}
