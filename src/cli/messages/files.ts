/**
 * Wording for problems of where flere writes: `-o` targets, the ledger file and its lock,
 * and a report that could not be written after the ledger was.
 */
import type { Diagnostic } from '../../core/diagnostics.js';
import { arg } from './parts.js';


/** What to do about a lock that nobody may be holding any more. */
const removeIt = (d: Diagnostic): string => `remove ${d.value ?? 'the lock file'}`;

function locked(d: Diagnostic): string {
  const lock = d.value ?? 'the lock file';
  const unreadable = d.args?.['unreadable'];
  if (unreadable === 'content') {
    return `ledger locked: the lock file ${lock} cannot be read (empty, or not written by flere); it counts as stale once it is ${arg(d, 'staleAfterMinutes')} minutes old — if no flere check --record is running, ${removeIt(d)} now`;
  }
  if (unreadable !== undefined) {
    return `ledger locked: the lock file ${lock} cannot be read (${String(unreadable)}); check who owns it, and if no flere check --record is running, ${removeIt(d)}`;
  }
  if (d.args?.['pid'] === undefined) return `ledger locked (${lock}); if no flere check --record is running, ${removeIt(d)}`;
  const holder = `ledger locked by process ${arg(d, 'pid')} on ${arg(d, 'host')} since ${arg(d, 'since')} (${lock})`;
  if (d.args?.['where'] === 'other-host') {
    return `${holder}: a lock from another machine is never removed automatically; once no flere check --record runs on ${arg(d, 'host')}, ${removeIt(d)}`;
  }
  return `${holder}: another flere check --record is running; try again when it has finished (if it is not running, ${removeIt(d)})`;
}

export const fileMessages: Readonly<Record<string, (d: Diagnostic) => string>> = {
  'output.empty-path': () => '-o needs a file name (it was empty); use -o - or leave -o out for standard output',
  'output.is-input': (d) =>
    `-o names the same file as ${arg(d, 'role')} (${d.value === '-' ? 'standard input' : d.value ?? '?'}): writing there would destroy it; choose another output file`,
  'output.unknown-extension': (d) =>
    d.args?.['command'] === 'report'
      ? `cannot write a ${d.value ?? '?'} file: flere report writes an HTML page (${arg(d, 'extensions')})`
      : `cannot write a ${d.value ?? '?'} file: flere writes ${arg(d, 'extensions')} (or a name without an extension, as --format says)`,
  'output.format-extension': (d) =>
    `--format ${d.value ?? '?'} contradicts -o's extension ${arg(d, 'extension')} (which holds ${arg(d, 'formats')}): leave --format out, or name the file to match`,
  'output.xlsx-too-many-rows': (d) =>
    `${d.value ?? '?'} rows do not fit an Excel sheet (${arg(d, 'sheet')}: at most ${arg(d, 'most')} below its header); write CSV or TSV instead`,
  'output.xlsx-terminal': () => 'a workbook (.xlsx) is not for a terminal: give -o FILE.xlsx or redirect',
  'io.not-regular': () => 'not a regular file (a device, FIFO or socket): it cannot be replaced by a file',
  'io.stdin-directory': () => 'standard input is a directory, not a file (did you mean a file inside it?)',

  'ledger.not-a-file': () =>
    '--ledger must name a file (not standard input, a device or a FIFO): the ledger is read and rewritten in place',
  'ledger.hard-linked': (d) =>
    `the ledger has ${d.value ?? 'several'} hard links; recording would rewrite only this name and leave the others with the old rows — keep one name (a symbolic link is fine)`,
  'ledger.locked': locked,
  'ledger.lock-failed': (d) => `cannot create the ledger's lock file (${d.value ?? 'unknown error'})`,

  'check.recorded-not-reported': (d) =>
    `${d.value ?? '?'} tranche${d.value === '1' ? ' was' : 's were'} recorded in this ledger (recorded_at ${arg(d, 'recordedAt')}), but the report was not written (see above); run flere check again without --record to see them, now as paid`,
};
