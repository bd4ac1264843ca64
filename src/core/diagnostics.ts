/**
 * Problems as data. A diagnostic names what is wrong (`code`) and where (`file`, `line`,
 * `column`, `value`); the wording lives in one place at the edge (`src/cli/messages.ts`),
 * so tests assert on codes and lines, never on prose.
 */

/** Exit statuses of the CLI; documented in the README and in `flere --help`. */
export const ExitCode = {
  ok: 0,
  /** Input data rejected: bad row, unknown kommune, duplicate, totals that do not reconcile. */
  data: 1,
  /** Usage: unknown or invalid option, missing argument. */
  usage: 2,
  /** I/O: input missing or unreadable, output not writable, ledger locked. */
  io: 3,
  /** Success, and a tranche is due (recorded, with --record): only with `check --exit-code`. */
  due: 4,
  /** Internal error: a bug. */
  internal: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Which exit status a family of problems maps to. */
export type ProblemKind = 'data' | 'usage' | 'io';

/**
 * One problem. `line` is the 1-based physical line of the input file; `column` the header
 * name as written in the file; `value` the offending text. `args` carries any further
 * values a message needs (e.g. suggestions), always as plain strings or numbers. For a
 * workbook, `sheet` is the sheet's name and `cell` where in it (`B7`, or `7:7` for a whole
 * row), as Excel writes references; `line` is then the row number.
 */
export interface Diagnostic {
  readonly code: string;
  readonly file?: string;
  readonly sheet?: string;
  readonly cell?: string;
  readonly line?: number;
  readonly column?: string;
  readonly value?: string;
  readonly args?: Readonly<Record<string, string | number>>;
}

/** Most problems listed per run; the rest are counted in `FlereError.omitted`. */
export const MAX_LISTED_PROBLEMS = 20;

/**
 * The one error type the CLI expects: a kind (hence an exit code) and one or more
 * diagnostics. Anything else that reaches the exit point is a bug (exit 70).
 * Every report is capped here, whoever built the list: at most {@link MAX_LISTED_PROBLEMS}
 * diagnostics are kept, and the rest are counted in `omitted`.
 */
export class FlereError extends Error {
  readonly kind: ProblemKind;
  readonly diagnostics: readonly Diagnostic[];
  /** How many further problems were found but not listed (reports are capped). */
  readonly omitted: number;

  constructor(kind: ProblemKind, diagnostics: readonly Diagnostic[], omitted = 0) {
    const listed = diagnostics.length > MAX_LISTED_PROBLEMS ? diagnostics.slice(0, MAX_LISTED_PROBLEMS) : diagnostics;
    super(listed.map((d) => d.code).join(', '));
    this.name = 'FlereError';
    this.kind = kind;
    this.diagnostics = listed;
    this.omitted = omitted + diagnostics.length - listed.length;
  }

  get exitCode(): ExitCode {
    return ExitCode[this.kind];
  }
}

/** A data error with a single diagnostic. */
export function dataError(d: Diagnostic): FlereError {
  return new FlereError('data', [d]);
}

/** A usage error with a single diagnostic. */
export function usageError(d: Diagnostic): FlereError {
  return new FlereError('usage', [d]);
}

/** An I/O error with a single diagnostic. */
export function ioError(d: Diagnostic): FlereError {
  return new FlereError('io', [d]);
}

/**
 * Collects diagnostics while a whole file is checked, so that every bad row is reported,
 * not just the first. `throwIfAny` raises them as one error of the given kind.
 */
export class DiagnosticBag {
  private readonly items: Diagnostic[] = [];
  private count = 0;

  add(d: Diagnostic): void {
    this.count += 1;
    if (this.items.length < MAX_LISTED_PROBLEMS) this.items.push(d);
  }

  /**
   * Adds what `other` collected after what this bag holds, as if each had been added here
   * in its order (listed up to the limit, the rest counted).
   */
  addAll(other: DiagnosticBag): void {
    for (const d of other.items) this.add(d);
    this.count += other.count - other.items.length;
  }

  get size(): number {
    return this.count;
  }

  throwIfAny(kind: ProblemKind = 'data'): void {
    if (this.count > 0) throw new FlereError(kind, this.items, this.count - this.items.length);
  }
}
