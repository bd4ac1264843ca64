/**
 * The one place where diagnostics become words: `flere: FILE:LINE: what is wrong`, and for
 * a workbook `flere: FILE: SHEET!CELL: what is wrong`.
 * Each area keeps its message table beside the CLI (`messages/*.ts`); an unknown code still
 * prints its code and fields, so a missing wording never hides a problem.
 */
import type { Diagnostic, FlereError } from '../core/diagnostics.js';
import { visibleText } from '../io/render/visible-text.js';
import { checkMessages } from './messages/check.js';
import { commonMessages } from './messages/common.js';
import { fileMessages } from './messages/files.js';
import { followupMessages } from './messages/followup.js';
import { inputMessages } from './messages/input.js';
import { progressMessages } from './messages/progress.js';
import { reportMessages } from './messages/report.js';
import { workbookMessages } from './messages/workbook.js';

type MessageTable = Readonly<Record<string, (d: Diagnostic) => string>>;

const TABLES: readonly MessageTable[] = [
  commonMessages,
  fileMessages,
  inputMessages,
  checkMessages,
  progressMessages,
  followupMessages,
  reportMessages,
  workbookMessages,
];

function wording(d: Diagnostic): string {
  for (const table of TABLES) {
    const message = table[d.code];
    if (message) return message(d);
  }
  const fields = [d.column && `column «${d.column}»`, d.value !== undefined && JSON.stringify(d.value)];
  return [d.code, ...fields.filter(Boolean)].join(': ');
}

/**
 * A file name as shown: quoted when it would otherwise be invisible or break the line (empty,
 * surrounding spaces, control characters), so `flere allocate " "` says `" ": no such file`.
 */
function fileName(file: string): string {
  return file === '' || file !== file.trim() || /[\u0000-\u001f\u007f]/.test(file) ? JSON.stringify(file) : file;
}

/** The most characters (code points) of a cell or header name that a message quotes. */
export const MAX_QUOTED = 60;

/** `text` cut to {@link MAX_QUOTED} code points, with `…` where it was cut. */
export function excerpt(text: string): string {
  if (text.length <= MAX_QUOTED) return text;
  // 2 × MAX + 2 code units hold more than MAX code points whenever the text has them.
  const points = Array.from(text.slice(0, 2 * MAX_QUOTED + 2));
  return points.length <= MAX_QUOTED ? text : `${points.slice(0, MAX_QUOTED).join('')}…`;
}

/** `d` with its quoted texts cut to a readable length: a 1 MB cell must not make a 1 MB line. */
function shortened(d: Diagnostic): Diagnostic {
  const value = d.value === undefined ? undefined : excerpt(d.value);
  const column = d.column === undefined ? undefined : excerpt(d.column);
  const sheet = d.sheet === undefined ? undefined : excerpt(d.sheet);
  if (value === d.value && column === d.column && sheet === d.sheet) return d;
  return { ...d, ...(value === undefined ? {} : { value }), ...(column === undefined ? {} : { column }), ...(sheet === undefined ? {} : { sheet }) };
}

/**
 * A sheet and a cell as Excel writes a reference: `Ark1!B7`, `'Min data'!B7` (a name with
 * anything but letters, digits, `_` and `.`, or starting with a digit, is quoted, quotes
 * doubled), `Ark1!7:7` for a whole row, or the sheet alone.
 */
export function sheetReference(sheet: string, cell?: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet);
  const name = plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return cell === undefined ? name : `${name}!${cell}`;
}

/** `FILE:LINE: ` (or `FILE: SHEET!CELL: `, `FILE: `, or nothing) before the wording of one diagnostic. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const d = shortened(diagnostic);
  const file = d.file === undefined ? undefined : fileName(d.file);
  const where =
    file === undefined
      ? ''
      : d.sheet !== undefined
        ? `${file}: ${sheetReference(d.sheet, d.cell)}: `
        : d.line === undefined
          ? `${file}: `
          : `${file}:${d.line}: `;
  // One problem, one line, and nothing the terminal would obey: a line break quoted from the
  // input (JSON.parse's excerpt of a file) or a control character in a header name is shown
  // as an escape rather than starting a line without the `flere: ` prefix.
  return visibleText(`${where}${wording(d)}`);
}

/** The line that counts what a capped list left out: `… and 3 more problems`. */
export function andMore(omitted: number, noun: 'problem' | 'warning'): string {
  return `… and ${omitted} more ${noun}${omitted === 1 ? '' : 's'}`;
}

/** Every line an error prints, each without the `flere: ` prefix. */
export function formatError(error: FlereError): string[] {
  const lines = error.diagnostics.map(formatDiagnostic);
  if (error.omitted > 0) lines.push(andMore(error.omitted, 'problem'));
  return lines;
}

/** One problem or warning as JSON documents list it: its code and place, cut values, and the wording. */
export function issueOf(d: Diagnostic): object {
  return {
    code: d.code,
    file: d.file ?? null,
    sheet: d.sheet ?? null,
    cell: d.cell ?? null,
    line: d.line ?? null,
    column: d.column === undefined ? null : excerpt(d.column),
    value: d.value === undefined ? null : excerpt(d.value),
    message: formatDiagnostic(d),
  };
}

/**
 * An error as one JSON document for `--format json` runs, so that programs reading the JSON
 * also get the problems as data: each issue's code and place plus the same wording.
 */
export function errorDocument(error: FlereError): object {
  return {
    version: 1,
    error: error.kind,
    exit_code: error.exitCode,
    issues: error.diagnostics.map(issueOf),
    omitted: error.omitted,
  };
}
