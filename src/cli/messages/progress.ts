/**
 * Wording for problems of person files (`flere progress`, `flere check --persons`).
 * No message ever names a person: the line number is how a row is found.
 */
import type { Diagnostic } from '../../core/diagnostics.js';

const quoted = (d: Diagnostic): string => JSON.stringify(d.value ?? '');
const col = (d: Diagnostic): string => (d.column ? `column «${d.column}»: ` : '');
const arg = (d: Diagnostic, key: string): string => String(d.args?.[key] ?? '?');
// A value withheld because it might carry the person's identifier.
const valueOrWithheld = (d: Diagnostic): string => (d.value === undefined ? '(value not shown)' : quoted(d));

export const progressMessages: Readonly<Record<string, (d: Diagnostic) => string>> = {
  'persons.no-header': () => 'the file is empty: expected a header person,kommune,month,recipient,cleared,company,paid_hours',
  'persons.no-rows': () => 'the file has a header but no data rows',
  'persons.utf16': () => 'UTF-16 text ("Unicode text") is not read here; save the file as CSV UTF-8',
  'persons.line-too-long': () => 'a line longer than 1 MiB: this is not a person file (or it has no line breaks)',
  'persons.bad-quotes': () => 'cannot read this row as CSV (unbalanced or misplaced quotes)',
  'persons.field-count': (d) => `row has ${arg(d, 'found')} cells, the header has ${arg(d, 'expected')}`,
  'persons.empty-person': (d) => `${col(d)}empty person identifier`,
  'persons.empty-kommune': (d) => `${col(d)}empty kommune`,
  'persons.unknown-kommune': (d) => `${col(d)}unknown kommune (value not shown: it may hold the person's identifier)`,
  'persons.bad-month': (d) => `${col(d)}${valueOrWithheld(d)} is not a month; expected YYYY-MM (e.g. 2017-07)`,
  'persons.bad-flag': (d) => `${col(d)}expected 0 or 1, got ${valueOrWithheld(d)}`,
  'persons.duplicate-month': (d) =>
    `a second row for the same person in ${arg(d, 'month')} (kommune ${arg(d, 'kommune')}); each person has at most one row per month`,
  'persons.two-kommuner': (d) =>
    `this person is in kommune ${arg(d, 'kommune')} here but already in kommune ${arg(d, 'other')} in ${arg(d, 'month')}; a person belongs to one kommune per month`,
};
