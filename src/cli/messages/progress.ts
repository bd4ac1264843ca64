/**
 * Wording for problems of person files (`flere progress`, `flere check --persons`).
 * No message ever names a person or quotes a cell (any cell may hold a person's identifier):
 * the file, line and column are how a problem is found.
 */
import type { Diagnostic } from '../../core/diagnostics.js';
import { arg, col } from './parts.js';
import { otherSheets } from './workbook.js';


export const progressMessages: Readonly<Record<string, (d: Diagnostic) => string>> = {
  'persons.no-header': (d) =>
    `the ${d.sheet === undefined ? 'file' : 'sheet'} is empty: expected a header person,kommune,month,recipient,cleared,company,paid_hours${otherSheets(d)}`,
  'persons.no-rows': (d) => `the ${d.sheet === undefined ? 'file' : 'sheet'} has a header but no data rows${otherSheets(d)}`,
  'persons.no-reference-month': (d) =>
    `no row in the reference month ${d.value ?? '?'}, whose recipients form the target groups (the file has ${arg(d, 'first')} to ${arg(d, 'last')}): ` +
    'give the pool with --pool, or the month with --reference-month YYYY-MM',
  'persons.utf16': () => 'UTF-16 text ("Unicode text") is not read here; save the file as CSV UTF-8',
  'persons.line-too-long': () => 'a line longer than 1 MiB: this is not a person file (or it has no line breaks)',
  'persons.bad-quotes': () => 'cannot read this row as CSV (unbalanced or misplaced quotes)',
  'persons.field-count': (d) =>
    d.sheet === undefined
      ? `row has ${arg(d, 'found')} cells, the header has ${arg(d, 'expected')}`
      : `a value to the right of the table, whose header has ${arg(d, 'expected')} columns: empty the cell, or give its column a header`,
  'persons.empty-person': (d) => `${col(d)}empty person identifier`,
  'persons.empty-kommune': (d) => `${col(d)}empty kommune`,
  'persons.cell-too-long': (d) => `${col(d)}a cell longer than ${arg(d, 'limit')} bytes: not a value of this column (a missing quote or line break?)`,
  'persons.unknown-kommune': (d) => {
    const suggestions = d.args?.['suggestions'];
    return `${col(d)}not a kommune code or name${suggestions === undefined ? '' : ` (did you mean ${String(suggestions)}?)`}`;
  },
  'persons.bad-month': (d) => `${col(d)}not a month; expected YYYY-MM or YYYY-MM-DD (e.g. 2017-07)`,
  'persons.month-out-of-period': (d) =>
    `${col(d)}a month far outside the pool's period (rows may run from ${String(d.args?.['first'] ?? '?')} to ${String(d.args?.['last'] ?? '?')}): a mistyped year?`,
  'persons.bad-flag': (d) => `${col(d)}expected 0 or 1`,
  'persons.duplicate-month': (d) =>
    `a second row for the same person in ${arg(d, 'month')} (kommune ${arg(d, 'kommune')}); each person has at most one row per month`,
  'persons.two-kommuner': (d) =>
    `this person is in kommune ${arg(d, 'kommune')} here but already in kommune ${arg(d, 'other')} in ${arg(d, 'month')}; a person belongs to one kommune per month`,
};
