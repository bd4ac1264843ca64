/**
 * Reading an applicants file (`--applicants`): the kommuner that applied to a pool, one per
 * row in a kommune column (code or name), or with `--no-registry` the free names of the
 * recipients that applied. Every unknown or repeated kommune (or name) is reported.
 */
import { DiagnosticBag } from '../core/diagnostics.js';
import { type ColumnSpec, headerMatcher, matchColumns } from './columns.js';
import { readTable } from './csv-table.js';
import { column, KOMMUNE_COLUMN } from './header-vocabulary.js';
import { looksLikeMojibake, type TextEncoding } from './decode.js';
import { type TableInput, tableSource } from './table-input.js';
import { kommuneFromCell } from './kommune-cell.js';
import { MAX_NAME_LENGTH, readFreeName } from './free-name.js';

const SPECS = [column('kommune', [...KOMMUNE_COLUMN, 'payee'], true)] as const satisfies readonly ColumnSpec[];

/** An applying kommune (or free recipient): its code (or name) and the line that named it. */
export interface Applicant {
  /** The kommune code; with `registry` false, the free name (trimmed, NFC) as in the counts file. */
  readonly code: string;
  readonly line: number;
  readonly text: string;
}

/**
 * Reads the applicants; throws one FlereError (data) listing every bad row. With `registry`
 * false (`--no-registry`) the cells are free names, matched exactly like the counts file's.
 */
export function readApplicants(input: TableInput, file: string, encoding?: TextEncoding, registry = true): Applicant[] {
  const source = tableSource(input, encoding);
  const mojibake = typeof source === 'string' && looksLikeMojibake(source);
  const bag = new DiagnosticBag();
  // A header without rows is an answer, not a mistake: nobody applied (the whole pool goes to
  // the follow-up pool). A file without even a header is still refused.
  const table = readTable(source, { file, findHeader: headerMatcher(SPECS), expected: 'kommune', bag, allowEmpty: true });
  const { kommune: column } = matchColumns(table.header, SPECS, { file, line: table.headerLine });
  const seen = new Map<string, number>();
  const applicants: Applicant[] = [];
  for (const { line, cells } of table.rows) {
    const cell = (cells[column.index] ?? '').trim();
    let code: string;
    if (registry) {
      const match = kommuneFromCell(cell, { file, line, column: column.name }, mojibake);
      if (!match.ok) {
        bag.add(match.diagnostic);
        continue;
      }
      code = match.kommune.code;
    } else {
      const read = readFreeName(cell);
      if ('problem' in read) {
        bag.add({ code: read.problem, file, line, column: column.name, args: { limit: MAX_NAME_LENGTH } });
        continue;
      }
      code = read.name;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      const duplicate = registry ? 'kommune.duplicate' : 'recipient.duplicate';
      bag.add({ code: duplicate, file, line, column: column.name, value: cell, args: { firstLine: first } });
      continue;
    }
    seen.set(code, line);
    applicants.push({ code, line, text: cell });
  }
  bag.throwIfAny('data');
  return applicants;
}
