/**
 * Reading a counts file for `flere allocate`: one row per kommune (by code, by name, or
 * both, which must then agree) with its count of persons, or with `--no-registry` one row
 * per freely named recipient with a non-negative decimal weight. Every bad row of the file
 * is reported, each with its line; nothing is guessed.
 */
import { compareCodePoints, hasSurrogate } from '../core/code-point-order.js';
import type { Fixed } from '../core/decimal.js';
import { type Diagnostic, DiagnosticBag, FlereError } from '../core/diagnostics.js';
import { acceptedNames, type ColumnSpec, headerMatcher, matchColumns } from './columns.js';
import { scanTable, type Table, type TableHead, type TableRow } from './csv-table.js';
import { column, COUNT_CONCEPTS } from './header-vocabulary.js';
import { kommuneFromCell } from './kommune-cell.js';
import { looksLikeMojibake, type TextEncoding } from './decode.js';
import { type SheetTable, type TableInput, tableSource } from './table-input.js';
import { restoreFormulaText } from './formula-text.js';
import { type DecimalMark, numberDiagnostic, numberStyleFor, parseCount, parseDecimal } from './numbers.js';
import { MAX_NAME_LENGTH, readFreeName } from './free-name.js';

/** One row of a counts file: a kommune (id = code) or a free recipient (id = name). */
export interface CountRow {
  readonly id: string;
  readonly name: string;
  /** Persons (a whole number) or, for free recipients, a non-negative decimal weight. */
  readonly count: Fixed;
  /** 1-based line of the row in the file. */
  readonly line: number;
}

/** How to read the file. */
export interface CountsReadOptions {
  /** Name of the file for diagnostics. */
  readonly file: string;
  /** false: recipients are free names (`--no-registry`). */
  readonly registry: boolean;
  readonly encoding?: TextEncoding;
  readonly delimiter?: string;
  readonly decimalMark?: DecimalMark;
}

// The kommune by code, by name, or both (which must then agree); `kommune` may hold either.
const KOMMUNE_SPECS = [
  column('code', ['kommuneCode', 'id'], false),
  column('kommune', ['kommune', 'kommuneName', 'name'], false),
  column('count', COUNT_CONCEPTS, true),
] as const satisfies readonly ColumnSpec[];
const KOMMUNE_NAMES = KOMMUNE_SPECS.slice(0, 2).flatMap(acceptedNames).join(', ');
// `id` apart from `name`: flere's own CSV has both (the same text), and must read back.
const FREE_SPECS = [
  column('name', ['name', 'payee'], false),
  column('id', ['id'], false),
  column('count', [...COUNT_CONCEPTS, 'weight'], true),
] as const satisfies readonly ColumnSpec[];

/** Reads and checks a counts file (CSV or a sheet); throws one FlereError (data) listing every bad row. */
export function readCounts(input: TableInput, options: CountsReadOptions): CountRow[] {
  const source = tableSource(input, options.encoding);
  const mojibake = typeof source === 'string' && looksLikeMojibake(source);
  const bag = new DiagnosticBag();
  const rows = options.registry
    ? readKommuneRows(readCountsTable(source, KOMMUNE_SPECS, options, bag), options, bag, mojibake)
    : readFreeRows(source, options, bag);
  bag.throwIfAny('data');
  if (rows.length > 0 && rows.every((r) => r.count.digits === 0n)) {
    bag.add({ code: 'allocation.all-zero', file: options.file });
    bag.throwIfAny('data');
  }
  return rows;
}

/**
 * Reads the table under the header that names the count column, handing each row to the
 * function `start` returns for the header (see `scanTable`). Lines above the header are
 * titles, so a title mentioning "Kommune" is never taken for the header. When no line names
 * the count column but one names another known column (`kode;kommune;beløb`), the problem
 * is the missing count column, and that is what is reported.
 */
function scanCountsTable(
  source: string | SheetTable,
  specs: readonly ColumnSpec[],
  options: CountsReadOptions,
  bag: DiagnosticBag,
  start: (head: TableHead) => (row: TableRow) => void,
): TableHead {
  const scan = (findHeader: (cells: readonly string[]) => boolean, into: DiagnosticBag, begin: typeof start): TableHead =>
    scanTable(
      source,
      {
        file: options.file,
        ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
        findHeader,
        expected: options.registry ? 'kommune (or kode) and antal' : 'name and count',
        bag: into,
      },
      begin,
    );
  try {
    return scan(headerMatcher(specs), bag, start);
  } catch (error) {
    if (!(error instanceof FlereError) || error.diagnostics[0]?.code !== 'csv.no-header') throw error;
    const anyKnown = headerMatcher(specs.map((spec) => ({ ...spec, required: false })));
    let header: TableHead;
    try {
      header = scan(anyKnown, new DiagnosticBag(), () => () => undefined);
    } catch {
      throw error;
    }
    matchColumns(header.header, specs, { file: options.file, line: header.headerLine });
    throw error;
  }
}

/** The whole table under the header that names the count column (see {@link scanCountsTable}). */
function readCountsTable(source: string | SheetTable, specs: readonly ColumnSpec[], options: CountsReadOptions, bag: DiagnosticBag): Table {
  const rows: TableRow[] = [];
  const head = scanCountsTable(source, specs, options, bag, () => (row) => {
    rows.push(row);
  });
  return { ...head, rows };
}

function readKommuneRows(table: Table, options: CountsReadOptions, bag: DiagnosticBag, mojibake: boolean): CountRow[] {
  const file = options.file;
  const columns = matchColumns(table.header, KOMMUNE_SPECS, { file, line: table.headerLine });
  if (!columns.code && !columns.kommune) {
    bag.add({ code: 'csv.missing-column', file, line: table.headerLine, args: { key: 'kommune', accepted: KOMMUNE_NAMES } });
    return [];
  }
  const style = numberStyleFor(table, options.decimalMark);
  const seen = new Map<string, number>();
  const rows: CountRow[] = [];
  for (const { line, cells } of table.rows) {
    const identified = identify(cells, columns, { file, line }, mojibake);
    if (!identified.ok) identified.problems.forEach((d) => bag.add(d));
    const countCell = cells[columns.count.index] ?? '';
    const count = parseCount(countCell, style);
    if (!count.ok) bag.add(numberDiagnostic(count, style, { file, line, column: columns.count.name, value: countCell }));
    if (!identified.ok || !count.ok) continue;
    const { code, name } = identified.kommune;
    const first = seen.get(code);
    if (first !== undefined) {
      bag.add({
        code: 'kommune.duplicate',
        file,
        line,
        column: identified.column,
        value: identified.text,
        args: { firstLine: first, kommune: `${name} (${code})` },
      });
      continue;
    }
    seen.set(code, line);
    rows.push({ id: code, name, count: { digits: count.value, scale: 0 }, line });
  }
  return rows;
}

type Identified =
  | { ok: true; kommune: { code: string; name: string }; column: string; text: string }
  | { ok: false; problems: Diagnostic[] };

/** Resolves the kommune of a row from its code cell, its name cell, or both (which must agree). */
function identify(
  cells: readonly string[],
  columns: { code?: { index: number; name: string }; kommune?: { index: number; name: string } },
  where: { file: string; line: number },
  mojibake: boolean,
): Identified {
  const found: { code: string; name: string; column: string; text: string }[] = [];
  const problems: Diagnostic[] = [];
  for (const column of [columns.code, columns.kommune]) {
    if (!column) continue;
    const cell = kommuneFromCell(cells[column.index] ?? '', { ...where, column: column.name }, mojibake);
    if (cell.ok) found.push({ ...cell.kommune, column: column.name, text: (cells[column.index] ?? '').trim() });
    else problems.push(cell.diagnostic);
  }
  const [first, second] = found;
  if (first && second && first.code !== second.code) {
    problems.push({ code: 'kommune.code-name-mismatch', ...where, value: second.text, args: { code: first.text, codeName: first.name } });
  }
  if (problems.length > 0 || !first) return { ok: false, problems };
  return { ok: true, kommune: { code: first.code, name: first.name }, column: first.column, text: first.text };
}

/**
 * The free recipients of a `--no-registry` file. Each row becomes a recipient as it is read
 * (a file of a million names is never held as a table too). Problems with the rows' cells
 * are listed after the table's own (ragged rows, a broken quote), as for a table read whole.
 */
function readFreeRows(source: string | SheetTable, options: CountsReadOptions, bag: DiagnosticBag): CountRow[] {
  const rows: CountRow[] = [];
  const cellProblems = new DiagnosticBag();
  scanCountsTable(source, FREE_SPECS, options, bag, (head) => freeRowReader(head, options, cellProblems, rows));
  bag.addAll(cellProblems);
  return rows;
}

/**
 * For a free-names table with header `head`: the function that checks each row and appends
 * its recipient to `rows`, reporting bad names, bad weights and repeated names to `bag`.
 */
function freeRowReader(head: TableHead, options: CountsReadOptions, bag: DiagnosticBag, rows: CountRow[]): (row: TableRow) => void {
  const file = options.file;
  const columns = matchColumns(head.header, FREE_SPECS, { file, line: head.headerLine });
  const nameColumn = columns.name ?? columns.id;
  if (!nameColumn) {
    bag.add({ code: 'csv.missing-column', file, line: head.headerLine, args: { key: 'name', accepted: 'name, navn, recipient, modtager, id' } });
    return () => undefined;
  }
  const style = numberStyleFor(head, options.decimalMark);
  const seen = new FirstLines(rows);
  return ({ line, cells }) => {
    const read = readFreeName(cells[nameColumn.index] ?? '');
    const countCell = cells[columns.count.index] ?? '';
    const weight = parseDecimal(countCell, style);
    if ('problem' in read) bag.add({ code: read.problem, file, line, column: nameColumn.name, args: { limit: MAX_NAME_LENGTH } });
    if (!weight.ok) bag.add(numberDiagnostic(weight, style, { file, line, column: columns.count.name, value: countCell }));
    if ('problem' in read || !weight.ok) return;
    // A name flere wrote as `'=x` (neutralised for spreadsheets) is the recipient `=x`.
    const name = restoreFormulaText(read.name);
    const first = seen.firstLine(name, line);
    if (first !== undefined) {
      bag.add({ code: 'recipient.duplicate', file, line, column: nameColumn.name, value: name, args: { firstLine: first } });
      return;
    }
    rows.push({ id: name, name, count: weight.value, line });
  };
}

/**
 * The line on which each id was first accepted, to report a duplicate with it. Files that
 * programs write are often sorted: while each id comes after the one before (in code point
 * order, as flere writes them), none can repeat, so nothing is stored; only once that order
 * breaks are the ids so far put in a map. A map of a million ids would cost about 60 MB and
 * a third of a second.
 */
class FirstLines {
  private last: string | undefined;
  private lastHasSurrogate = false;
  private byId: Map<string, number> | undefined;

  /** `accepted`: the rows accepted so far, which the caller appends to as it goes. */
  constructor(private readonly accepted: readonly CountRow[]) {}

  /**
   * The line of an earlier accepted row with this `id`; undefined when there is none, and
   * the row at `line` is then recorded as the first (the caller accepts it).
   */
  firstLine(id: string, line: number): number | undefined {
    if (this.byId === undefined) {
      const surrogate = hasSurrogate(id);
      // Without surrogates on either side, `<` is code point order, and faster.
      const ascends =
        this.last === undefined || (surrogate || this.lastHasSurrogate ? compareCodePoints(this.last, id) < 0 : this.last < id);
      if (ascends) {
        this.last = id;
        this.lastHasSurrogate = surrogate;
        return undefined;
      }
      this.byId = new Map(this.accepted.map((r) => [r.id, r.line]));
    }
    const first = this.byId.get(id);
    if (first === undefined) this.byId.set(id, line);
    return first;
  }
}
