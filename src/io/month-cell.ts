/**
 * A month as people and spreadsheets write it: `2017-07`, `2017-7`, `201707`, `07-2017`,
 * `7/2017`, a date in that month (`2017-07-01`, Danish Excel's `01-07-2017` or `1.7.2017`),
 * or Excel's `jul-17` / `juli 2017` (Danish or English month names). Strict about what does
 * not exist: `2017-13`, `2017-02-30`, year `0000`; a two-digit year is widened as Excel
 * widens it, never into any century.
 */
import { daysInMonth, type Month, parseMonth } from '../core/months.js';

const NAMES: Readonly<Record<string, number>> = {
  jan: 1, januar: 1, january: 1,
  feb: 2, februar: 2, february: 2,
  mar: 3, mrt: 3, marts: 3, march: 3,
  apr: 4, april: 4,
  maj: 5, may: 5,
  jun: 6, juni: 6, june: 6,
  jul: 7, juli: 7, july: 7,
  aug: 8, august: 8,
  sep: 9, sept: 9, september: 9,
  okt: 10, oct: 10, oktober: 10, october: 10,
  nov: 11, november: 11,
  dec: 12, december: 12,
};

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A year as written: four digits as they are (`0000` is no year: parseMonth refuses years
 * before 1000), two digits as Excel widens them (`00`–`29` → 2000s, `30`–`99` → 1900s).
 */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length !== 2) return year;
  return year < 30 ? 2000 + year : 1900 + year;
}

/** The month of a date; undefined when the day does not exist in it (`2017-02-30`). */
function month(yearText: string, m: number, day = 1): Month | undefined {
  const year = fullYear(yearText);
  if (m < 1 || m > 12 || day < 1 || day > daysInMonth(year, m)) return undefined;
  return parseMonth(`${String(year).padStart(4, '0')}-${pad(m)}`);
}

/** The month a cell names (see the module comment), or undefined for anything else. */
export function parseMonthCell(cell: string): Month | undefined {
  // Longer than any form above: refused before a pattern sees it.
  if (cell.length > 64) return undefined;
  const s = cell.trim().toLowerCase().replace(/\.$/, '');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) return month(m[1] as string, Number(m[2]));
  if ((m = /^(\d{4})(\d{2})$/.exec(s))) return month(m[1] as string, Number(m[2]));
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+z?)?$/.exec(s))) return month(m[1] as string, Number(m[2]), Number(m[3]));
  if ((m = /^(\d{1,2})[-/.](\d{4})$/.exec(s))) return month(m[2] as string, Number(m[1]));
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) return month(m[3] as string, Number(m[2]), Number(m[1]));
  if ((m = /^(\p{L}+)\.?[-\s/]+(\d{2}|\d{4})$/u.exec(s))) {
    const n = NAMES[m[1] ?? ''];
    return n === undefined ? undefined : month(m[2] as string, n);
  }
  return undefined;
}
