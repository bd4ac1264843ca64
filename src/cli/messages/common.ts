/** Wording for problems of the CLI itself, of files and of allocation inputs. */
import type { Diagnostic } from '../../core/diagnostics.js';
import { arg, col, quoted } from './parts.js';
import { usageMessages } from './usage.js';
import { firstAt } from './workbook.js';


// What the usual errno codes mean for a file, so that nobody has to look ENOENT up.
const ERRNO: Readonly<Record<string, string>> = {
  ENOENT: 'the directory does not exist',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
};
const why = (d: Diagnostic): string => {
  const code = d.value ?? 'unknown error';
  const meaning = ERRNO[code];
  return meaning === undefined ? ` (${code})` : `: ${meaning} (${code})`;
};

/**
 * The wording of every problem `readJsonDocument` raises for a document family (`allocation`,
 * `check-result`, …): one table, so that no family lacks one of them.
 */
export function jsonMessages(family: string): Readonly<Record<string, (d: Diagnostic) => string>> {
  return {
    [`${family}.json-syntax`]: (d) => `not valid JSON: ${d.value ?? ''}`,
    [`${family}.json-duplicate-key`]: (d) => `${d.value ?? '?'} is given twice; JSON would silently keep the last: keep one`,
    [`${family}.json-other-file`]: (d) => `not JSON but ${arg(d, 'found')}: expected ${arg(d, 'expected')}`,
    [`${family}.json-shape`]: (d) => `${d.value ?? '(root)'}: expected ${arg(d, 'expected')}`,
  };
}

export const commonMessages: Readonly<Record<string, (d: Diagnostic) => string>> = {
  ...usageMessages,
  'io.read': (d) => `cannot read the file${why(d)}`,
  'io.write': (d) => `cannot write ${d.file === '<stdout>' ? 'the output' : 'the file'}${why(d)}`,
  'io.not-found': () => 'no such file',
  'io.is-directory': () => 'is a directory, not a file',
  'usage.stdin-terminal': () =>
    'no input: give a FILE, or pipe data in and use "-" (reading a terminal would wait forever)',
  'usage.option': (d) => String(d.value ?? 'invalid usage'),
  'kommune.unknown': (d) => {
    const suggestions = d.args?.['suggestions'];
    const hint =
      d.args?.['hint'] === 'encoding'
        ? '; the file looks wrongly decoded (like "Ã¸" for "ø"): check its encoding (--encoding utf-8 or --encoding windows-1252) or export it again'
        : '';
    return `${col(d)}unknown kommune ${quoted(d)}${suggestions ? ` (did you mean ${suggestions}?)` : ''}${hint}`;
  },
  'kommune.duplicate': (d) => {
    // "Århus" after "Aarhus" is the same kommune under another spelling: say which.
    const kommune = d.args?.['kommune'];
    const again = kommune === undefined ? 'appears twice' : `is ${String(kommune)} a second time`;
    return `${col(d)}${quoted(d)} ${again} (first ${firstAt(d)})`;
  },
  'kommune.code-name-mismatch': (d) =>
    `code ${d.args?.['code'] ?? '?'} is ${d.args?.['codeName'] ?? '?'}, but the name says ${quoted(d)}`,
  'recipient.duplicate': (d) =>
    `${col(d)}recipient ${quoted(d)} appears twice (first ${firstAt(d)})`,
  'recipient.empty-name': (d) => `${col(d)}empty name`,
  'recipient.name-too-long': (d) => `${col(d)}a name longer than ${String(d.args?.['limit'] ?? '?')} characters: is this the right column?`,
  'allocation.all-zero': () => 'every count is zero: there is nothing to divide the pool by',
  'allocation.no-rows': () => 'no data rows',
  'allocation.too-small-total': (d) => `the total ${d.value ?? ''} is smaller than one unit (${d.args?.['unit'] ?? ''})`,
  'applicants.not-in-counts': (d) => `${col(d)}${quoted(d)} applied but has no count in the counts file`,
  'allocate.require-all-free': () => '--require-all is about the 98 kommuner; it cannot go with --no-registry',
  'counts.missing-kommuner': (d) => {
    const count = Number(d.args?.['count'] ?? 0);
    const names = String(d.args?.['names'] ?? '').split(', ');
    const shown = names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
    const what = `${count} of the 98 kommuner ${count === 1 ? 'has' : 'have'} no row: ${shown}`;
    return d.args?.['required'] === 'yes'
      ? `${what} (--require-all: every kommune must have a row)`
      : `${what}; the pool is divided among the ${98 - count} present (--require-all makes this an error)`;
  },
  'allocate.two-stdin': () => 'only one of the counts file and --applicants can be read from standard input',
};
