/** Wording for problems of the CLI itself, of files and of allocation inputs. */
import type { Diagnostic } from '../../core/diagnostics.js';

const quoted = (d: Diagnostic): string => JSON.stringify(d.value ?? '');
const col = (d: Diagnostic): string => (d.column ? `column «${d.column}»: ` : '');

export const commonMessages: Readonly<Record<string, (d: Diagnostic) => string>> = {
  'io.read': (d) => `cannot read the file (${d.value ?? 'unknown error'})`,
  'io.write': (d) => `cannot write the file (${d.value ?? 'unknown error'})`,
  'io.not-found': () => 'no such file',
  'io.is-directory': () => 'is a directory, not a file',
  'usage.stdin-terminal': () =>
    'no input: give a FILE, or pipe data in and use "-" (reading a terminal would wait forever)',
  'usage.option': (d) => String(d.value ?? 'invalid usage'),
  'kommune.unknown': (d) => {
    const suggestions = d.args?.['suggestions'];
    return `${col(d)}unknown kommune ${quoted(d)}${suggestions ? ` (did you mean ${suggestions}?)` : ''}`;
  },
  'kommune.duplicate': (d) =>
    `${col(d)}${quoted(d)} appears twice (first on line ${d.args?.['firstLine'] ?? '?'})`,
  'kommune.code-name-mismatch': (d) =>
    `code ${d.args?.['code'] ?? '?'} is ${d.args?.['codeName'] ?? '?'}, but the name says ${quoted(d)}`,
  'recipient.duplicate': (d) =>
    `${col(d)}recipient ${quoted(d)} appears twice (first on line ${d.args?.['firstLine'] ?? '?'})`,
  'recipient.empty-name': (d) => `${col(d)}empty name`,
  'allocation.all-zero': () => 'every count is zero: there is nothing to divide the pool by',
  'allocation.no-rows': () => 'no data rows',
  'allocation.too-small-total': (d) => `the total ${d.value ?? ''} is smaller than one unit (${d.args?.['unit'] ?? ''})`,
  'applicants.not-in-counts': (d) => `${col(d)}${quoted(d)} applied but has no count in the counts file`,
  'allocate.two-stdin': () => 'only one of the counts file and --applicants can be read from standard input',
};
