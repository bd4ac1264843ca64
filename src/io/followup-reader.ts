/**
 * Reading the `--to` file of `flere followup`: the kommuner that receive the follow-up pool,
 * one per row in a kommune column (code or name), and with `--key COLUMN` a weight column
 * of non-negative decimals. Every bad row is reported with its line; nothing is guessed.
 */
import type { FollowupTarget } from '../core/followup-recipients.js';
import { dataError, DiagnosticBag, usageError } from '../core/diagnostics.js';
import { type ColumnSpec, headerMatcher, matchColumns, normalizeColumnName } from './columns.js';
import { readTable } from './csv-table.js';
import { column, KOMMUNE_COLUMN } from './header-vocabulary.js';
import { looksLikeMojibake, type TextEncoding } from './decode.js';
import { type TableInput, tableSource } from './table-input.js';
import { kommuneFromCell } from './kommune-cell.js';
import { type DecimalMark, numberDiagnostic, numberStyleFor, parseDecimal } from './numbers.js';

const SPECS = [column('kommune', [...KOMMUNE_COLUMN, 'payee'], true)] as const satisfies readonly ColumnSpec[];

/** How to read the `--to` file. */
export interface FollowupReadOptions {
  /** The file's name in diagnostics. */
  readonly file: string;
  /** The weight column's header (`--key COLUMN`), matched like every header; none: no weights. */
  readonly weightColumn?: string;
  readonly encoding?: TextEncoding;
  readonly delimiter?: string;
  readonly decimalMark?: DecimalMark;
}

/**
 * Reads the recipients. Throws one FlereError (data) listing every bad row (unknown or
 * repeated kommune, bad weight), or a usage error `followup.no-such-column` when the file
 * has no column named by `--key` (`args.columns`: the file's headers).
 */
export function readFollowupTargets(input: TableInput, options: FollowupReadOptions): FollowupTarget[] {
  const { file } = options;
  const source = tableSource(input, options.encoding);
  const mojibake = typeof source === 'string' && looksLikeMojibake(source);
  const bag = new DiagnosticBag();
  const table = readTable(source, {
    file,
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    findHeader: headerMatcher(SPECS),
    expected: options.weightColumn === undefined ? 'kommune' : `kommune and ${options.weightColumn}`,
    bag,
  });
  const { kommune: column } = matchColumns(table.header, SPECS, { file, line: table.headerLine });
  const weightIndex = options.weightColumn === undefined ? undefined : findColumn(table.header, options.weightColumn, file, table.headerLine);
  const weightName = weightIndex === undefined ? '' : (table.header[weightIndex] ?? '');
  const style = numberStyleFor(table, options.decimalMark);

  const seen = new Map<string, number>();
  const targets: FollowupTarget[] = [];
  for (const { line, cells } of table.rows) {
    const cell = (cells[column.index] ?? '').trim();
    const match = kommuneFromCell(cell, { file, line, column: column.name }, mojibake);
    if (!match.ok) bag.add(match.diagnostic);
    let weight;
    if (weightIndex !== undefined) {
      const weightCell = cells[weightIndex] ?? '';
      const parsed = parseDecimal(weightCell, style);
      if (parsed.ok) weight = parsed.value;
      else bag.add(numberDiagnostic(parsed, style, { file, line, column: weightName, value: weightCell }));
    }
    if (!match.ok || (weightIndex !== undefined && weight === undefined)) continue;
    const first = seen.get(match.kommune.code);
    if (first !== undefined) {
      bag.add({ code: 'kommune.duplicate', file, line, column: column.name, value: cell, args: { firstLine: first } });
      continue;
    }
    seen.set(match.kommune.code, line);
    const target = { id: match.kommune.code, name: match.kommune.name, line, text: cell };
    targets.push(weight === undefined ? target : { ...target, weight });
  }
  bag.throwIfAny('data');
  return targets;
}

/** The index of the header named `name` (compared like every header name). */
function findColumn(header: readonly string[], name: string, file: string, headerLine: number): number {
  const wanted = normalizeColumnName(name);
  const matches = header.flatMap((h, i) => (normalizeColumnName(h) === wanted ? [i] : []));
  const [index, second] = matches;
  if (index === undefined) {
    throw usageError({ code: 'followup.no-such-column', file, value: name, args: { columns: header.join(', ') } });
  }
  if (second !== undefined) {
    // Two columns with one name: which one holds the weights is a guess we do not make.
    throw dataError({
      code: 'csv.duplicate-column',
      file,
      line: headerLine,
      column: header[second] ?? name,
      args: { key: name, first: header[index] ?? name, firstPosition: index + 1, position: second + 1 },
    });
  }
  return index;
}
