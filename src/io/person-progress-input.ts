/**
 * A person file (path or `-`) to kommune-month progress rows: the one entry point that both
 * `flere progress` and `flere check --persons FILE` use, so that they agree by construction.
 * A person file may also be an .xlsx workbook: its sheet's rows are handed to the same
 * reader as the CSV text of one line per row, so each row's number is its line.
 */
import type { MonthlyCounts } from '../core/conditions.js';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { dataError, usageError } from '../core/diagnostics.js';
import { type Month, monthFromIndex, monthIndex } from '../core/months.js';
import { type Period, periodMonthRange } from '../core/period.js';
import { PersonProgress, type ProgressRow } from '../core/person-progress.js';
import type { TargetGroupRule } from '../core/target-group.js';
import { checkStdin } from './input-source.js';
import { loadRegistryResolver, type PersonReadOptions, type PersonReadSummary, readPersonBytes, readPersonFile, readPersonStream } from './person-stream.js';
import type { Progress } from './progress-reader.js';
import { readSheetTable, type SheetChoice, type SheetRegistry, type SheetTable } from './table-input.js';
import { looksLikeWorkbook } from './xlsx/workbook-magic.js';

/** Options of {@link readPersonProgress}. */
export interface PersonProgressInput {
  /** The name shown in messages (`<stdin>` for `-`). */
  readonly name: string;
  /** How the target groups are formed: the reference month and the leaver rule. */
  readonly rule: TargetGroupRule;
  /** Standard input, read when the path is `-`; a terminal there is a usage error. */
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Called now and then with the number of rows read so far (for a progress meter). */
  readonly onProgress?: (rows: number) => void;
  /** The pool's period: rows further than PERIOD_MARGIN_MONTHS from it are data errors. */
  readonly period?: Period;
  /** For a workbook: the sheet (`--sheet`), and the run's record of the sheets it read. */
  readonly workbook?: SheetChoice & { readonly context: { sheets?: SheetRegistry } };
}

/** The progress rows and what was read. */
export interface PersonProgressResult {
  readonly rows: ProgressRow[];
  readonly summary: PersonReadSummary;
}

/**
 * Reads a person file and aggregates it. Throws FlereError: io (missing, unreadable), usage
 * (`-` with a terminal on stdin), data (every bad row, by line; never naming a person; and
 * `persons.no-reference-month` when no row falls in the reference month, whose target groups
 * would all be empty: data of another pool, or a reference month to give).
 */
export async function readPersonProgress(path: string, options: PersonProgressInput): Promise<PersonProgressResult> {
  const resolve = await loadRegistryResolver();
  const sink = new PersonProgress();
  const months = options.period && periodMonthRange(options.period);
  const read = { name: options.name, resolve, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(months ? { months } : {}) };
  let summary: PersonReadSummary;
  if (path === '-') {
    const stdin = options.stdin;
    if (stdin === undefined) throw usageError({ code: 'usage.stdin-terminal' });
    checkStdin(stdin);
    const { head, rest } = await peek(stdin as AsyncIterable<Uint8Array | string>);
    if (looksLikeWorkbook(head)) {
      const chunks = [head];
      for await (const chunk of rest) chunks.push(Buffer.from(chunk));
      summary = await readPersonWorkbook(Buffer.concat(chunks), sink, read, options);
    } else {
      checkNoSheet(options);
      summary = await readPersonStream(rest, sink, read);
    }
  } else if (looksLikeWorkbook(firstBytes(path))) {
    summary = await readPersonWorkbook(readFileSync(path), sink, read, options);
  } else {
    checkNoSheet(options);
    summary = readPersonFile(path, sink, read);
  }
  const reference = monthIndex(options.rule.referenceMonth);
  if (!sink.hasMonth(reference)) {
    const months = sink.months();
    throw dataError({
      code: 'persons.no-reference-month',
      file: options.name,
      value: options.rule.referenceMonth,
      args: { first: monthFromIndex(months[0] as number), last: monthFromIndex(months[months.length - 1] as number) },
    });
  }
  return { rows: sink.rows(options.rule), summary };
}

/** `--sheet` with a person file that is text: a usage error, as for any input. */
function checkNoSheet(options: PersonProgressInput): void {
  const sheet = options.workbook?.sheet;
  if (sheet !== undefined) throw usageError({ code: 'xlsx.sheet-not-workbook', file: options.name, value: sheet });
}

/**
 * The first bytes of a file, enough to tell a workbook; none when it cannot be read (the
 * reader that follows then says why, as for any person file).
 */
function firstBytes(path: string): Uint8Array {
  const bytes = Buffer.alloc(8);
  try {
    const fd = openSync(path, 'r');
    try {
      return bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, null));
    } finally {
      closeSync(fd);
    }
  } catch {
    return new Uint8Array(0);
  }
}

/**
 * The first bytes of a stream (at least 8, or all there is) and the whole stream again,
 * those bytes first: so that standard input can be told a workbook without being read twice.
 */
async function peek(stream: AsyncIterable<Uint8Array | string>): Promise<{ head: Buffer; rest: AsyncIterable<Uint8Array> }> {
  const iterator = stream[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < 8) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    const chunk = Buffer.from(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(chunks);
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield Buffer.from(next.value);
    }
  }
  return { head, rest: rest() };
}

/**
 * A workbook person file: its sheet's rows as CSV text, one line per row (a line break
 * inside a cell becomes a space), through the person reader. The header the reader takes
 * (the first row with a value) is recorded, so that problems are told by cell.
 */
async function readPersonWorkbook(bytes: Uint8Array, sink: PersonProgress, read: PersonReadOptions, options: PersonProgressInput): Promise<PersonReadSummary> {
  const workbook = options.workbook;
  const table = await readSheetTable(bytes, options.name, workbook?.context ?? {}, { ...workbook, decimalMark: '.' });
  const header = table.rows.find((row) => row.cells.some((c) => c.trim() !== ''));
  if (header !== undefined) table.header = { line: header.line, names: header.cells.map((c) => c.trim()) };
  return readPersonBytes(sheetAsCsv(table), sink, read);
}

/** A sheet's rows as CSV, row N on line N; a cell with a comma or a quote is quoted. */
function sheetAsCsv(table: SheetTable): Buffer {
  const cell = (text: string): string => {
    const flat = text.replace(/[\r\n]+/g, ' ');
    return /[",]/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat;
  };
  return Buffer.from(table.rows.map((row) => row.cells.map(cell).join(',')).join('\n'));
}

/**
 * The result as `flere check` takes a progress file (`Progress` of its reader): kommune code →
 * month → metric → count as BigInt, each kommune's first line, the latest month. The bounds
 * that reader checks (cleared ≤ target_group, company_activity ≤ recipients) hold by
 * construction.
 */
export function asCheckProgress({ rows, summary }: PersonProgressResult): Progress {
  const byKommune = new Map<string, Map<Month, MonthlyCounts>>();
  let lastMonth: Month | null = null;
  for (const r of rows) {
    let months = byKommune.get(r.kommune);
    if (months === undefined) byKommune.set(r.kommune, (months = new Map()));
    months.set(r.month, {
      target_group: BigInt(r.target_group),
      cleared: BigInt(r.cleared),
      recipients: BigInt(r.recipients),
      company_activity: BigInt(r.company_activity),
      paid_hours: BigInt(r.paid_hours),
    });
    if (lastMonth === null || r.month > lastMonth) lastMonth = r.month;
  }
  return { byKommune, firstLine: summary.firstLine, lastMonth };
}
