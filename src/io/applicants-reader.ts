/**
 * Reading an applicants file (`--applicants`): the kommuner that applied to a pool, one per
 * row in a kommune column (code or name). Every unknown or repeated kommune is reported.
 */
import { DiagnosticBag } from '../core/diagnostics.js';
import { type ColumnSpec, headerMatcher, matchColumns } from './columns.js';
import { readTable } from './csv-table.js';
import { decodeText, type TextEncoding } from './decode.js';
import { kommuneFromCell } from './kommune-cell.js';

const SPECS = [
  { key: 'kommune', aliases: ['kode', 'code', 'kommunekode', 'kommunenavn', 'navn', 'name', 'ansøger', 'applicant'], required: true },
] as const satisfies readonly ColumnSpec[];

/** An applying kommune: its code and the line that named it. */
export interface Applicant {
  readonly code: string;
  readonly line: number;
  readonly text: string;
}

/** Reads the applicants; throws one FlereError (data) listing every bad row. */
export function readApplicants(bytes: Uint8Array, file: string, encoding?: TextEncoding): Applicant[] {
  const { text } = decodeText(bytes, encoding);
  const bag = new DiagnosticBag();
  const table = readTable(text, { file, findHeader: headerMatcher(SPECS), expected: 'kommune', bag });
  const { kommune: column } = matchColumns(table.header, SPECS, { file, line: table.headerLine });
  const seen = new Map<string, number>();
  const applicants: Applicant[] = [];
  for (const { line, cells } of table.rows) {
    const cell = (cells[column.index] ?? '').trim();
    const match = kommuneFromCell(cell, { file, line, column: column.name });
    if (!match.ok) {
      bag.add(match.diagnostic);
      continue;
    }
    const first = seen.get(match.kommune.code);
    if (first !== undefined) {
      bag.add({ code: 'kommune.duplicate', file, line, column: column.name, value: cell, args: { firstLine: first } });
      continue;
    }
    seen.set(match.kommune.code, line);
    applicants.push({ code: match.kommune.code, line, text: cell });
  }
  bag.throwIfAny('data');
  return applicants;
}
