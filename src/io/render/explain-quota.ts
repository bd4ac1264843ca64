/**
 * How an apportionment is explained to a person, for every renderer that explains one
 * (`allocate --explain`, `followup --explain`): the exact quota as a fraction and as a
 * decimal in kroner, the floor, the remainder and its rank, and the table of all of them.
 */
import { divideToFixed, type Fixed, formatFixed, gcd } from '../../core/decimal.js';
import type { AllocationExplanation, Ratio, RowExplanation } from '../../core/explain.js';
import { formatUnits } from '../../core/money.js';
import { type CellValue, columnOf, numberColumn, type SheetColumn } from './data-table.js';
import { groupDigits } from './grouping.js';
import type { Palette } from './palette.js';
import { layoutTable, type TextRow } from './text-table.js';
import { visibleText } from './visible-text.js';
import { plural, type Words } from './words.js';

/** Fractional digits of a share column, in percent. */
export const SHARE_SCALE = 4;
/** Fractional digits beyond the unit's scale for an explained quota's decimal form. */
const QUOTA_EXTRA_SCALE = 6;

/** A quota in units of `unit` kroner as a fraction of kroner (not reduced). */
function quotaInKroner(unit: Fixed, quota: Ratio): Ratio {
  return { num: quota.num * unit.digits, den: quota.den * 10n ** BigInt(unit.scale) };
}

/** A quota (in units of `unit` kroner) in kroner as a reduced fraction `num/den`, or a whole number. */
export function quotaFraction(unit: Fixed, quota: Ratio): string {
  const { num, den } = quotaInKroner(unit, quota);
  const g = gcd(num, den) || 1n;
  return den / g === 1n ? `${num / g}` : `${num / g}/${den / g}`;
}

/**
 * A quota (in units) in kroner as a decimal with QUOTA_EXTRA_SCALE digits beyond the unit's
 * scale, rounded half up; `…` marks that digits were rounded away. A unit of `digits /
 * 10^scale` kroner makes the quota `num · digits / (den · 10^scale)` kroner: the same
 * fraction `quotaFraction` shows, so the two forms can never disagree.
 */
export function quotaDecimal(unit: Fixed, quota: Ratio): string {
  const { num, den } = quotaInKroner(unit, quota);
  const { value, exact } = divideToFixed(num, den, unit.scale + QUOTA_EXTRA_SCALE);
  return formatFixed(value) + (exact ? '' : '…');
}

/** A remainder as `num/den` of a unit, or `0`. */
export const remainderText = (r: Ratio): string => (r.num === 0n ? '0' : `${r.num}/${r.den}`);

/**
 * The explanation's columns in CSV and workbooks: the quota as a fraction (text: exact) and
 * as a decimal with QUOTA_EXTRA_SCALE places beyond the unit's (`…` when rounded), the floor
 * in kroner, the remainder as a fraction of a unit (text), the rank and the extra unit.
 */
export function quotaColumns(unit: Fixed, w: Words): SheetColumn[] {
  return [
    columnOf(w('col.quota'), 'text'),
    numberColumn(w('col.quota-decimal'), unit.scale + QUOTA_EXTRA_SCALE),
    numberColumn(w('col.floor'), unit.scale),
    columnOf(w('col.remainder'), 'text'),
    columnOf(w('col.rank'), 'integer'),
    columnOf(w('col.extra-unit'), 'text'),
  ];
}

/** One recipient's cells of {@link quotaColumns}. */
export function quotaCells(unit: Fixed, x: RowExplanation, w: Words): CellValue[] {
  return [
    quotaFraction(unit, x.quota),
    quotaDecimal(unit, x.quota),
    formatUnits(x.floor, unit),
    remainderText(x.remainder),
    x.rank === null ? null : `${x.rank}`,
    w(x.extra ? 'yes' : 'no'),
  ];
}

/**
 * The explanation as a text table with its heading line: one line per recipient (same order
 * as `explanation.rows`), amounts in kroner at the unit's scale.
 */
export function quotaTable(
  recipients: readonly { readonly id: string; readonly name: string }[],
  explanation: AllocationExplanation,
  unit: Fixed,
  p: Palette,
  w: Words,
): string[] {
  const rows: TextRow[] = recipients.map((r, i) => {
    const x = explanation.rows[i] as AllocationExplanation['rows'][number];
    // The same cells as CSV and workbooks show, grouped for people.
    const [quota, decimal, floor, remainder, rank] = quotaCells(unit, x, w);
    return {
      cells: [
        visibleText(r.id),
        visibleText(r.name),
        quota ?? '',
        groupDigits(decimal ?? ''),
        groupDigits(floor ?? ''),
        remainder ?? '',
        rank ?? '',
        x.extra ? '+1' : '',
        x.tieGroup > 1 ? w('table.tie-of', { n: x.tieGroup }) : '',
      ],
    };
  });
  const columns = [
    { heading: w('table.id'), right: true },
    { heading: w('table.name') },
    { heading: w('table.exact-quota'), right: true },
    { heading: w('table.as-decimal'), right: true },
    { heading: w('table.floor'), right: true },
    { heading: w('table.remainder'), right: true },
    { heading: w('table.rank'), right: true },
    { heading: w('table.extra') },
    { heading: w('table.tie') },
  ];
  const leftover = explanation.leftover;
  return [
    p.bold(w(plural(leftover, 'explain.heading-one', 'explain.heading-many'), { count: leftover })),
    ...layoutTable(columns, rows, p.bold),
  ];
}
