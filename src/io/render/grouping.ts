/**
 * Human number formatting for tables: thousands grouping and a decimal mark, applied to
 * canonical decimal strings so that no value passes through a float.
 */

/** How a table shows numbers: Danish `262.500.000,50` or English `262,500,000.50`. */
export interface NumberStyle {
  readonly group: string;
  readonly decimal: string;
}

/** Danish style, as the people reading kroner amounts expect. */
export const DANISH: NumberStyle = { group: '.', decimal: ',' };

/** Groups the integer part of a canonical decimal string (`-?\d+(\.\d+)?`) by thousands. */
export function groupDigits(value: string, style: NumberStyle = DANISH): string {
  const negative = value.startsWith('-');
  const [int = '', frac] = (negative ? value.slice(1) : value).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, style.group);
  return (negative ? '-' : '') + grouped + (frac === undefined ? '' : style.decimal + frac);
}
