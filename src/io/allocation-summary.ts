/**
 * What an allocation file says beyond each kommune's amount and tranches (which
 * `readAllocation` reads and checks): the pool's id, total, unit and unallocated rest (JSON
 * only: `flere allocate` writes no such summary into CSV) and each kommune's count (JSON and
 * CSV), which `flere followup --key count` weighs recipients by. Read after
 * `readAllocation` has accepted the file, so only these fields are checked here.
 */
import { type Fixed, parseFixed } from '../core/decimal.js';
import { DiagnosticBag, FlereError } from '../core/diagnostics.js';
import { resolveKommune } from '../registry/match.js';
import { type ColumnSpec, headerMatcher, matchColumns } from './columns.js';
import { COUNT_ALIASES } from './counts-reader.js';
import { readTable } from './csv-table.js';
import { decodeText, type TextEncoding } from './decode.js';
import { type DecimalMark, numberDiagnostic, numberStyleFor, parseDecimal } from './numbers.js';

/** The summary of an allocation file; every amount in kroner. */
export interface AllocationSummary {
  /** The pool's id (`"flere-skal-med-1"`). */
  readonly pool?: string;
  /** The original pool. */
  readonly total?: Fixed;
  /** The allocation's rounding unit. */
  readonly unit?: Fixed;
  /** The original pool's rest below one unit. */
  readonly unallocated?: Fixed;
  /** Count per kommune code; undefined when the file has no counts (a grants file). */
  readonly counts?: ReadonlyMap<string, Fixed>;
}

/** How the allocation file is read (as for `readAllocation`). */
export interface SummaryReadOptions {
  readonly file: string;
  readonly encoding?: TextEncoding;
  readonly delimiter?: string;
  readonly decimalMark?: DecimalMark;
}

/**
 * Reads the summary. Throws FlereError (data): `allocation.json-shape` (value = the JSON
 * path) for a summary field or count of the wrong form, number codes for a bad count cell.
 * Text that is not JSON, or JSON of another shape, gives an empty summary: `readAllocation`
 * reports those problems.
 */
export function readAllocationSummary(bytes: Uint8Array, options: SummaryReadOptions): AllocationSummary {
  const { text } = decodeText(bytes, options.encoding);
  return /^\s*[[{]/.test(text) ? jsonSummary(text, options.file) : csvSummary(text, options);
}

function jsonSummary(text: string, file: string): AllocationSummary {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {}; // readAllocation reports the syntax error, with its wording.
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const doc = data as Record<string, unknown>;
  const bag = new DiagnosticBag();
  const decimal = (path: string, value: unknown): Fixed | undefined => {
    if (value === undefined) return undefined;
    const f = typeof value === 'string' ? parseFixed(value) : undefined;
    if (f === undefined || f.digits < 0n) {
      bag.add({ code: 'allocation.json-shape', file, value: path, args: { expected: 'a non-negative decimal string' } });
    }
    return f;
  };
  const total = decimal('total', doc['total']);
  const unit = decimal('unit', doc['unit']);
  const unallocated = decimal('unallocated', doc['unallocated']);
  const items = Array.isArray(doc['allocations']) ? (doc['allocations'] as unknown[]) : [];
  const counts = new Map<string, Fixed>();
  let complete = true;
  items.forEach((item, i) => {
    const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const count = decimal(`allocations[${i}].count`, o['count']);
    const id = o['id'];
    const kommune = typeof id === 'string' || typeof id === 'number' ? resolveKommune(String(id)) : undefined;
    if (count === undefined || !kommune?.ok) complete = false;
    else counts.set(kommune.kommune.code, count);
  });
  bag.throwIfAny('data');
  if (unit !== undefined && unit.digits === 0n) {
    throw new FlereError('data', [{ code: 'allocation.json-shape', file, value: 'unit', args: { expected: 'a positive decimal string' } }]);
  }
  return {
    ...(typeof doc['pool'] === 'string' ? { pool: doc['pool'] } : {}),
    ...(total === undefined ? {} : { total }),
    ...(unit === undefined ? {} : { unit }),
    ...(unallocated === undefined ? {} : { unallocated }),
    ...(complete && items.length > 0 ? { counts } : {}),
  };
}

const CSV_SPECS = [
  { key: 'id', aliases: ['kode', 'code', 'kommunekode', 'kommune', 'kommunenr'], required: false },
  { key: 'name', aliases: ['navn', 'kommunenavn'], required: false },
  { key: 'count', aliases: COUNT_ALIASES, required: false },
] as const satisfies readonly ColumnSpec[];

function csvSummary(text: string, options: SummaryReadOptions): AllocationSummary {
  const { file } = options;
  const bag = new DiagnosticBag();
  const table = readTable(text, {
    file,
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    findHeader: headerMatcher(CSV_SPECS),
    bag,
  });
  const columns = matchColumns(table.header, CSV_SPECS, { file, line: table.headerLine });
  // Same kommune column as readAllocation: the code column, else the name column.
  const kommuneColumn = columns.id ?? columns.name;
  if (columns.count === undefined || kommuneColumn === undefined) return {};
  const style = numberStyleFor(table.delimiter, options.decimalMark);
  const counts = new Map<string, Fixed>();
  for (const { line, cells } of table.rows) {
    const kommune = resolveKommune((cells[kommuneColumn.index] ?? '').trim());
    const cell = cells[columns.count.index] ?? '';
    const count = parseDecimal(cell, style);
    if (!count.ok) bag.add(numberDiagnostic(count, style, { file, line, column: columns.count.name, value: cell }));
    else if (kommune.ok) counts.set(kommune.kommune.code, count.value);
  }
  bag.throwIfAny('data');
  return { counts };
}
