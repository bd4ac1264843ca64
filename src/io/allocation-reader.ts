/**
 * Reading the allocation `flere check` and `flere followup` work against: what `flere
 * allocate` wrote (JSON, CSV in either dialect, or a workbook's sheet with the CSV's columns),
 * or a plain grants file (`kommune,amount`: pools whose grants were decided by application),
 * whose amounts are then split into the pool's tranches exactly as `allocate` splits them. Amounts are kroner as exact decimals.
 */
import { compareCodePoints } from '../core/code-point-order.js';
import { type Fixed, formatFixed, sumFixed, toCommonScale, compareFixed } from '../core/decimal.js';
import { type Diagnostic, DiagnosticBag, FlereError } from '../core/diagnostics.js';
import { unitsToAmount } from '../core/money.js';
import { splitTranches } from '../core/tranche-split.js';
import type { AllocatedKommune } from '../core/tranche-status.js';
import { resolveKommune } from '../registry/match.js';
import { acceptedNames, type ColumnSpec, headerMatcher, matchColumns, type MatchedColumn } from './columns.js';
import { column, COUNT_CONCEPTS, trancheColumnNumber } from './header-vocabulary.js';
import { readTable } from './csv-table.js';
import type { TextEncoding } from './decode.js';
import { type SheetTable, type TableInput, tableSource } from './table-input.js';
import { type JsonDocument, readJsonDocument } from './json-document.js';
import { kommuneFromCell } from './kommune-cell.js';
import { NO_WORDS, YES_WORDS } from './render/words.js';
import { type DecimalMark, numberDiagnostic, numberStyleFor, parseDecimal } from './numbers.js';

/** How to read an allocation, and the pool's numbers it is checked (and a grants file split) by. */
export interface AllocationReadOptions {
  readonly file: string;
  /**
   * The pool's tranche shares in percent: the tranche count of every applying kommune, and
   * how a grants file is split. A function is given the pool id the file names (JSON only;
   * undefined when it names none) and called once, before any kommune is checked: for a
   * caller that lets the allocation choose its pool.
   */
  readonly shares: readonly Fixed[] | ((namedPool: string | undefined) => readonly Fixed[]);
  /** The pool's rounding unit in kroner (for splitting a grants file, which names no pool). */
  readonly unit: Fixed;
  /**
   * Also read what the file says beyond amounts and tranches, and reject any of it in the
   * wrong form: the total, unit and unallocated rest (JSON only) and each kommune's count.
   * Off, none of it is read or checked (`flere check` uses none of it).
   */
  readonly summary?: boolean;
  readonly encoding?: TextEncoding;
  readonly delimiter?: string;
  readonly decimalMark?: DecimalMark;
}

/**
 * A read allocation: its kommuner in the file's order, what kind of file it was, and what
 * it says about its pool. Every amount in kroner.
 */
export interface ReadAllocation {
  readonly kind: 'json' | 'csv' | 'grants';
  /** In the file's order; with `summary`, each with its `count` where the file states one. */
  readonly kommuner: readonly AllocatedKommune[];
  /** The pool's id the file names (`"flere-skal-med-1"`; JSON only). */
  readonly pool?: string;
  /** The original pool (JSON only, with `summary`). */
  readonly total?: Fixed;
  /** The allocation's rounding unit, > 0 (JSON only, with `summary`). */
  readonly unit?: Fixed;
  /** The original pool's rest below one unit (JSON only, with `summary`). */
  readonly unallocated?: Fixed;
}

/**
 * Reads an allocation. Throws one FlereError (data) listing every problem: an id that is no
 * kommune (`allocation.not-kommune`), a kommune twice (`kommune.duplicate`), bad amounts,
 * tranches that do not sum to the amount (`allocation.tranche-sum`), a tranche count other
 * than the pool's (`allocation.tranche-count`), a JSON document of another shape
 * (`allocation.json-shape`, value = the JSON path; with `summary` also a total, unit,
 * unallocated rest or count that is no decimal string, or a unit of 0), and with `summary`
 * number codes for a bad count cell.
 */
export function readAllocation(input: TableInput, options: AllocationReadOptions): ReadAllocation {
  const source = tableSource(input, options.encoding);
  if (typeof source === 'string' && /^\s*[[{]/.test(source)) return readJson(source, options);
  return readCsv(source, options);
}

/** The shares of the pool named (or not) by the file. */
function sharesFor(options: AllocationReadOptions, namedPool: string | undefined): readonly Fixed[] {
  return typeof options.shares === 'function' ? options.shares(namedPool) : options.shares;
}

// --- JSON -----------------------------------------------------------------------------

const DECIMAL = 'a non-negative decimal string like "1234" or "1234.50"';
const SUMMARY_DECIMAL = 'a non-negative decimal string';

function readJson(text: string, options: AllocationReadOptions): ReadAllocation {
  const { file } = options;
  const json = readJsonDocument(text, {
    file,
    family: 'allocation',
    root: 'an object with "allocations", as `flere allocate --format json` writes',
  });
  const { root: doc, bag, shape } = json;
  const pool = typeof doc['pool'] === 'string' ? doc['pool'] : undefined;
  const summary = options.summary === true ? readSummary(json) : {};
  const items = json.array('allocations');
  const shares = sharesFor(options, pool);
  const out: AllocatedKommune[] = [];
  const seen = new Map<string, string>();
  items.forEach((item: unknown, i) => {
    const at = `allocations[${i}]`;
    if (typeof item !== 'object' || item === null) return shape(at, 'an object');
    const o = item as Record<string, unknown>;
    const amount = json.decimal(o['amount'], `${at}.amount`, DECIMAL);
    const applied = o['applied'] === undefined ? true : o['applied'];
    if (typeof applied !== 'boolean') shape(`${at}.applied`, 'true or false');
    const rawTranches = o['tranches'];
    if (!Array.isArray(rawTranches)) shape(`${at}.tranches`, 'an array of decimal strings');
    const tranches = Array.isArray(rawTranches)
      ? rawTranches.map((t: unknown, j) => json.decimal(t, `${at}.tranches[${j}]`, DECIMAL))
      : [];
    // A count may be missing (the file then has no counts), never malformed.
    const count =
      options.summary === true && o['count'] !== undefined ? json.decimal(o['count'], `${at}.count`, SUMMARY_DECIMAL) : undefined;
    const id = typeof o['id'] === 'string' ? o['id'] : typeof o['id'] === 'number' ? String(o['id']) : undefined;
    const name = typeof o['name'] === 'string' ? o['name'] : undefined;
    const kommune = id === undefined ? undefined : resolveKommune(id);
    if (!kommune?.ok) {
      bag.add({ code: 'allocation.not-kommune', file, value: id ?? name ?? '', args: { path: `${at}.id` } });
      return;
    }
    const code = kommune.kommune.code;
    const first = seen.get(code);
    if (first !== undefined) {
      bag.add({ code: 'allocation.duplicate', file, value: kommune.kommune.name, args: { path: `${at}.id`, first } });
      return;
    }
    seen.set(code, `${at}.id`);
    if (amount === undefined || tranches.some((t) => t === undefined) || typeof applied !== 'boolean') return;
    const k: AllocatedKommune = {
      id: code,
      name: kommune.kommune.name,
      amount,
      tranches: tranches as Fixed[],
      applied,
      ...(count === undefined ? {} : { count }),
    };
    checkTranches(k, shares, bag, { file, value: at });
    out.push(k);
  });
  bag.throwIfAny('data');
  return { kind: 'json', kommuner: out, ...(pool === undefined ? {} : { pool }), ...summary };
}

/** The document's total, unit and unallocated rest, each when present (and well-formed). */
function readSummary(json: JsonDocument): Pick<ReadAllocation, 'total' | 'unit' | 'unallocated'> {
  const decimal = (key: string): Fixed | undefined => {
    const value = json.root[key];
    return value === undefined ? undefined : json.decimal(value, key, SUMMARY_DECIMAL);
  };
  const total = decimal('total');
  const unit = decimal('unit');
  const unallocated = decimal('unallocated');
  // Every amount is a whole number of units: there is no unit of 0 kroner.
  if (unit !== undefined && unit.digits === 0n) json.shape('unit', 'a positive decimal string');
  return {
    ...(total === undefined ? {} : { total }),
    ...(unit === undefined ? {} : { unit }),
    ...(unallocated === undefined ? {} : { unallocated }),
  };
}

/** Applied kommuner have the pool's number of tranches, summing exactly to their amount. */
function checkTranches(
  k: AllocatedKommune,
  shares: readonly Fixed[],
  bag: DiagnosticBag,
  where: { file: string; line?: number; value?: string },
): void {
  if (!k.applied) return;
  if (k.tranches.length !== shares.length) {
    bag.add({
      code: 'allocation.tranche-count',
      ...where,
      args: { kommune: k.name, found: k.tranches.length, expected: shares.length },
    });
    return;
  }
  const sum = sumFixed(k.tranches);
  if (compareFixed(sum, k.amount) !== 0) {
    bag.add({
      code: 'allocation.tranche-sum',
      ...where,
      args: { kommune: k.name, sum: formatFixed(sum), amount: formatFixed(k.amount) },
    });
  }
}

// --- CSV --------------------------------------------------------------------------------

// The kommune by its code (`id`, `kommunekode`), by a `kommune` column (a code or a name), or
// by its name. Beside a code column, `kommune` is the name (flere's Danish header
// `kommunekode;kommune`), as `name` is beside `id`.
const KOMMUNE_SPECS = [
  column('id', ['id', 'kommuneCode'], false),
  column('kommune', ['kommune'], false),
  column('name', ['name', 'kommuneName'], false),
  column('amount', ['amount'], true),
  column('applied', ['applied'], false),
] as const satisfies readonly ColumnSpec[];
/** With `summary`: each kommune's count, as `flere allocate` writes it (and counts files name it). */
const COUNT_SPEC = column('count', COUNT_CONCEPTS, false) satisfies ColumnSpec;
const KOMMUNE_NAMES = KOMMUNE_SPECS.slice(0, 3).flatMap(acceptedNames).join(', ');

// flere's own yes and no in every language it writes, and the usual shorthands.
const YES = new Set([...YES_WORDS, 'yes', 'ja', 'true', 'y', 'j', '1', 'x']);
const NO = new Set([...NO_WORDS, 'no', 'nej', 'false', 'n', '0', '']);

/** An allocation or grants table: CSV text, or a sheet with the same columns. */
function readCsv(source: string | SheetTable, options: AllocationReadOptions): ReadAllocation {
  const { file } = options;
  const shares = sharesFor(options, undefined);
  const bag = new DiagnosticBag();
  const table = readTable(source, {
    file,
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    findHeader: headerMatcher(KOMMUNE_SPECS),
    expected: 'kommune (or id) and amount',
    bag,
  });
  // Without `summary` a count column is not even matched: two of them are no problem then.
  const columns = matchColumns(table.header, [...KOMMUNE_SPECS, ...(options.summary === true ? [COUNT_SPEC] : [])], {
    file,
    line: table.headerLine,
  });
  const kommuneColumn = columns.id ?? columns.kommune ?? columns.name;
  if (kommuneColumn === undefined) {
    throw new FlereError('data', [
      { code: 'csv.missing-column', file, line: table.headerLine, args: { key: 'kommune', accepted: KOMMUNE_NAMES } },
    ]);
  }
  const trancheColumns: MatchedColumn[] = [];
  table.header.forEach((name, index) => {
    const n = trancheColumnNumber(name);
    if (n !== undefined) trancheColumns[n - 1] = { index, name };
  });
  const grants = trancheColumns.length === 0;
  const style = numberStyleFor(table, options.decimalMark);
  const rows: { k: AllocatedKommune; line: number }[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const cell = (c: MatchedColumn): string => (cells[c.index] ?? '').trim();
    const problems: Diagnostic[] = [];
    const kommune = kommuneFromCell(cell(kommuneColumn), { file, line, column: kommuneColumn.name });
    if (!kommune.ok) problems.push(kommune.diagnostic);
    const amountCell = cell(columns.amount);
    const amount = parseDecimal(amountCell, style);
    if (!amount.ok) problems.push(numberDiagnostic(amount, style, { file, line, column: columns.amount.name, value: amountCell }));
    let applied = true;
    if (columns.applied) {
      const v = cell(columns.applied).toLowerCase();
      if (YES.has(v)) applied = true;
      else if (NO.has(v)) applied = false;
      else problems.push({ code: 'allocation.bad-applied', file, line, column: columns.applied.name, value: cell(columns.applied) });
    }
    let count: Fixed | undefined;
    if (columns.count) {
      const countCell = cell(columns.count);
      const parsed = parseDecimal(countCell, style);
      if (parsed.ok) count = parsed.value;
      else problems.push(numberDiagnostic(parsed, style, { file, line, column: columns.count.name, value: countCell }));
    }
    const tranches: Fixed[] = [];
    if (applied) {
      for (let j = 0; j < trancheColumns.length; j += 1) {
        const column = trancheColumns[j];
        if (column === undefined) {
          problems.push({ code: 'allocation.tranche-count', file, line, args: { kommune: '', found: trancheColumns.length, expected: shares.length } });
          break;
        }
        const t = parseDecimal(cell(column), style);
        if (t.ok) tranches.push(t.value);
        else problems.push(numberDiagnostic(t, style, { file, line, column: column.name, value: cell(column) }));
      }
    }
    if (kommune.ok) {
      const first = seen.get(kommune.kommune.code);
      if (first !== undefined) {
        problems.push({ code: 'kommune.duplicate', file, line, column: kommuneColumn.name, value: cell(kommuneColumn), args: { firstLine: first } });
      } else seen.set(kommune.kommune.code, line);
    }
    problems.forEach((p) => bag.add(p));
    if (problems.length > 0 || !kommune.ok || !amount.ok) continue;
    const k: AllocatedKommune = {
      id: kommune.kommune.code,
      name: kommune.kommune.name,
      amount: amount.value,
      tranches,
      applied,
      ...(count === undefined ? {} : { count }),
    };
    if (!grants) checkTranches(k, shares, bag, { file, line });
    rows.push({ k, line });
  }
  bag.throwIfAny('data');
  if (!grants) return { kind: 'csv', kommuner: rows.map((r) => r.k) };
  return { kind: 'grants', kommuner: splitGrants(rows.map((r) => r.k), shares, options.unit) };
}

/**
 * Splits grants into the pool's tranches as `allocate` would: in units of the pool's unit
 * when every grant is a whole number of it, else of the finest decimal place written
 * (0.01 for `1234.50`); kommuner in code order, so the split does not depend on row order.
 */
function splitGrants(grants: readonly AllocatedKommune[], shares: readonly Fixed[], poolUnit: Fixed): AllocatedKommune[] {
  const applied = grants.filter((g) => g.applied);
  const { digits: scaled, scale } = toCommonScale([poolUnit, ...applied.map((g) => g.amount)]);
  const [unitDigits = 1n, ...amountDigits] = scaled;
  const whole = amountDigits.every((a) => a % unitDigits === 0n);
  const unit: Fixed = whole ? poolUnit : { digits: 1n, scale };
  const perUnit = whole ? unitDigits : 1n;
  const order = applied.map((_, i) => i).sort((a, b) => compareCodePoints(applied[a]?.id ?? '', applied[b]?.id ?? ''));
  const units = order.map((i) => (amountDigits[i] ?? 0n) / perUnit);
  const { cells } = splitTranches(units, shares);
  const split = new Map<string, Fixed[]>();
  order.forEach((i, r) => {
    const id = applied[i]?.id;
    if (id !== undefined) split.set(id, (cells[r] ?? []).map((u) => unitsToAmount(u, unit)));
  });
  return grants.map((g) => (g.applied ? { ...g, tranches: split.get(g.id) ?? [] } : g));
}
