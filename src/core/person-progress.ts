/**
 * Person-month records turned into the kommune-month progress that `flere check` reads, with
 * target groups fixed at a reference month (see `./target-group.ts` for the rule).
 * Incremental and order-free: rows are added one at a time in any order, and the counts are
 * settled at the end. Memory grows with persons and kommune-months, never with rows: a person
 * is a small integer (see {@link PersonIds}, or the byte interner of the file reader), with a
 * few bytes of state per person and month; a kommune-month is three counters.
 */
import { type Diagnostic, DiagnosticBag } from './diagnostics.js';
import { type Month, monthFromIndex, monthIndex } from './months.js';
import type { TargetGroupRule } from './target-group.js';

/** Flag bits of one person-month record (`flags` of {@link PersonProgress.add}). */
export const PersonFlag = {
  /** `recipient=1`: receives the benefit that month. */
  recipient: 1,
  /** `cleared=1`: afklaret og visiteret in (or by) that month. */
  cleared: 2,
  /** `company=1`: in a company-oriented activity that month. */
  company: 4,
  /** `paid_hours=1`: had paid (unsubsidised) hours that month. */
  paidHours: 8,
} as const;

/**
 * One kommune-month of progress, all counts in persons (non-negative integers).
 * Invariants: `cleared ≤ target_group`, `paid_hours ≤ target_group`,
 * `company_activity ≤ recipients`. Before the reference month there is no target group yet:
 * `target_group`, `cleared` and `paid_hours` are 0 there.
 */
export interface ProgressRow {
  /** The kommune's official code, 3 digits with any leading zero ('101'). */
  readonly kommune: string;
  /** The calendar month, `YYYY-MM`. */
  readonly month: Month;
  /**
   * Members of the kommune's target group (recipients in the kommune in the reference month)
   * counted this month: those cleared by now, wherever they are, and the others still in the
   * kommune this month (with `leavers: 'keep'`, the others wherever they are).
   */
  readonly target_group: number;
  /** Members of the target group first cleared (in any kommune) in this month or earlier. */
  readonly cleared: number;
  /** Persons with a row in this kommune this month with `recipient=1` (members or not). */
  readonly recipients: number;
  /** Persons with a row in this kommune this month with `recipient=1` and `company=1`. */
  readonly company_activity: number;
  /** Members counted in `target_group` this month whose row this month has `paid_hours=1`. */
  readonly paid_hours: number;
}

/** The columns of a progress row, in output order. */
export const PROGRESS_COLUMNS = [
  'kommune',
  'month',
  'target_group',
  'cleared',
  'recipients',
  'company_activity',
  'paid_hours',
] as const satisfies readonly (keyof ProgressRow)[];

/** Smallest and largest kommune code accepted (codes are 1–4 digits, never 0). */
export const MAX_KOMMUNE_CODE = 9999;
/** First and last year a month may fall in: wider than any pool, narrow enough to index directly. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;
const MIN_MONTH = FIRST_YEAR * 12;
const MONTH_SPAN = (LAST_YEAR - FIRST_YEAR + 1) * 12;

const NOT_CLEARED = 0xffff; // above every month offset (MONTH_SPAN < 0xffff)

// A person-month cell of the grid: the kommune slot + 1 (0: no row) in the low 14 bits, and
// the two flags the target group needs later, which cannot be counted when the row is read
// (the reference month's row may come later in the file).
const SLOT_BITS = 0x3fff;
const RECIPIENT_BIT = 0x4000;
const PAID_BIT = 0x8000;
/** Kommune slots fit in the cell's 14 bits (codes are at most 9999, so slots are fewer). */
const MAX_KOMMUNE_SLOTS = SLOT_BITS - 1;
/** Counters per kommune-month: rows, recipients, company activity. */
const COUNTERS = 3;

/**
 * The aggregation. `add` one record per person-month, then read `rows()`.
 *
 * A person may appear in several kommuner (movers) but in at most one row per month; `add`
 * refuses a second row for the same person and month and says which kommune already holds
 * it, so that the caller can report the line (never the person).
 */
export class PersonProgress {
  // Kommune code → dense slot (−1: not seen), and back.
  private readonly kommuneSlot = new Int16Array(MAX_KOMMUNE_CODE + 1).fill(-1);
  private readonly slotKommune: number[] = [];
  // Month index − MIN_MONTH → dense slot (−1: not seen), and back.
  private readonly monthSlot = new Int16Array(MONTH_SPAN).fill(-1);
  private readonly slotMonth: number[] = [];

  /**
   * Per month slot, per person: the kommune slot + 1 of the person's row that month (0: none),
   * with its recipient and paid-hours flags (see SLOT_BITS). One cell per person and month is
   * the least state that can tell a duplicate row; it is 2 bytes per person-month of the
   * file's span, not per row read.
   */
  private grid: Uint16Array[] = [];
  private personCapacity = 0;
  private personCount = 0;
  /** Per person: the month (index − MIN_MONTH) of the earliest row with `cleared=1`, or NOT_CLEARED. */
  private firstCleared = new Uint16Array(0);

  /** Per kommune-month cell, {@link COUNTERS} counters: rows, recipients, company activity. */
  private counters = new Int32Array(0);
  private monthCapacity = 0;
  private kommuneCapacity = 0;

  private added = 0;

  /** The number of records counted so far (refused ones excluded). */
  get size(): number {
    return this.added;
  }

  /**
   * Counts one person-month record.
   * @param person dense person number ≥ 0 (from an interner; small, since state is indexed by it)
   * @param kommune the kommune's code as an integer, 1–9999
   * @param month month index `year × 12 + month − 1`, year 1900–2999 (see `monthIndex`)
   * @param flags a sum of {@link PersonFlag} bits
   * @returns 0 when counted; otherwise the code of the kommune where this person already has
   *   a row for this month (the same code for a duplicate row), and nothing is counted.
   */
  add(person: number, kommune: number, month: number, flags: number): number {
    // The checks live on the cold paths: an index out of range reads `undefined`, which
    // leads to newKommune / newMonth / growPersons, and they throw. That keeps `add` small
    // enough to be inlined into the reader's loop.
    let ks = this.kommuneSlot[kommune] as number;
    if (!(ks >= 0)) ks = this.newKommune(kommune);
    const m = month - MIN_MONTH;
    let ms = this.monthSlot[m] as number;
    if (!(ms >= 0)) ms = this.newMonth(month);
    if (person >>> 0 !== person || person >= this.personCapacity) this.growPersons(person);

    const column = this.grid[ms] as Uint16Array;
    const previous = column[person] as number;
    if (previous !== 0) return this.slotKommune[(previous & SLOT_BITS) - 1] as number;
    const recipient = flags & 1;
    // recipient (bit 0) → RECIPIENT_BIT (bit 14), paid hours (bit 3) → PAID_BIT (bit 15)
    column[person] = (ks + 1) | (recipient << 14) | ((flags & PersonFlag.paidHours) << 12);
    if (person >= this.personCount) this.personCount = person + 1;

    if ((flags & PersonFlag.cleared) !== 0 && m < (this.firstCleared[person] as number)) this.firstCleared[person] = m;
    const base = (ks * this.monthCapacity + ms) * COUNTERS;
    const c = this.counters;
    c[base] = (c[base] as number) + 1;
    c[base + 1] = (c[base + 1] as number) + recipient;
    c[base + 2] = (c[base + 2] as number) + ((flags >> 2) & recipient);
    this.added += 1;
    return 0;
  }

  /** Whether any record was added for the month (an index, as for `add`). */
  hasMonth(month: number): boolean {
    const m = month - MIN_MONTH;
    return m >= 0 && m < MONTH_SPAN && (this.monthSlot[m] as number) >= 0;
  }

  /** The months with records, as indices, in calendar order. */
  months(): number[] {
    return [...this.slotMonth].sort((a, b) => a - b);
  }

  /**
   * The progress: one row per kommune and month with records, by kommune code then month,
   * with each kommune's target group formed by `rule` (see `./target-group.ts`).
   * Costs one pass over persons × months; may be called again after further `add`s.
   */
  rows(rule: TargetGroupRule): ProgressRow[] {
    const kommuner = this.slotKommune.length;
    const months = this.slotMonth.length;
    const mc = this.monthCapacity;
    const persons = this.personCount;

    // Members: each person's kommune slot + 1 in the reference month if a recipient there.
    const reference = monthIndex(rule.referenceMonth) - MIN_MONTH;
    const referenceSlot = reference >= 0 && reference < MONTH_SPAN ? (this.monthSlot[reference] as number) : -1;
    const home = new Uint16Array(persons);
    if (referenceSlot >= 0) {
      const column = this.grid[referenceSlot] as Uint16Array;
      for (let p = 0; p < persons; p += 1) {
        const v = column[p] as number;
        if ((v & RECIPIENT_BIT) !== 0) home[p] = v & SLOT_BITS;
      }
    }

    // Per kommune-month cell: target group, cleared, paid hours of the members counted. Month
    // by month (each grid column is read in order, which is what makes this fast); months
    // before the reference month have no target group.
    const keep = rule.leavers === 'keep';
    const group = new Int32Array(kommuner * mc * 3);
    for (let ms = 0; ms < months; ms += 1) {
      const m = (this.slotMonth[ms] as number) - MIN_MONTH;
      if (m < reference) continue;
      const column = this.grid[ms] as Uint16Array;
      for (let p = 0; p < persons; p += 1) {
        const h = home[p] as number;
        if (h === 0) continue;
        const v = column[p] as number;
        const cleared = (this.firstCleared[p] as number) <= m;
        if (!(cleared || keep || (v & SLOT_BITS) === h)) continue; // gone, not cleared: dropped
        const base = ((h - 1) * mc + ms) * 3;
        group[base] = (group[base] as number) + 1;
        if (cleared) group[base + 1] = (group[base + 1] as number) + 1;
        if ((v & PAID_BIT) !== 0) group[base + 2] = (group[base + 2] as number) + 1;
      }
    }

    const monthOrder = Array.from({ length: months }, (_, i) => i).sort(
      (a, b) => (this.slotMonth[a] as number) - (this.slotMonth[b] as number),
    );
    const kommuneOrder = Array.from({ length: kommuner }, (_, i) => i).sort(
      (a, b) => (this.slotKommune[a] as number) - (this.slotKommune[b] as number),
    );
    const monthText = monthOrder.map((ms) => monthFromIndex(this.slotMonth[ms] as number));

    const out: ProgressRow[] = [];
    for (const ks of kommuneOrder) {
      const code = kommuneCode(this.slotKommune[ks] as number);
      for (let i = 0; i < months; i += 1) {
        const cell = ks * mc + (monthOrder[i] as number);
        const base = cell * COUNTERS;
        if (this.counters[base] === 0) continue;
        out.push({
          kommune: code,
          month: monthText[i] as Month,
          target_group: group[cell * 3] as number,
          cleared: group[cell * 3 + 1] as number,
          recipients: this.counters[base + 1] as number,
          company_activity: this.counters[base + 2] as number,
          paid_hours: group[cell * 3 + 2] as number,
        });
      }
    }
    return out;
  }

  private newKommune(code: number): number {
    if (!(Number.isInteger(code) && code >= 1 && code <= MAX_KOMMUNE_CODE)) {
      throw new RangeError(`kommune code out of range: ${code}`);
    }
    const ks = this.slotKommune.length;
    if (ks >= MAX_KOMMUNE_SLOTS) throw new RangeError('too many kommuner');
    this.slotKommune.push(code);
    this.kommuneSlot[code] = ks;
    if (ks >= this.kommuneCapacity) this.resizeCounters(Math.max(128, this.kommuneCapacity * 2), this.monthCapacity);
    return ks;
  }

  private newMonth(month: number): number {
    if (!(Number.isInteger(month) && month >= MIN_MONTH && month < MIN_MONTH + MONTH_SPAN)) {
      throw new RangeError(`month index out of range: ${month}`);
    }
    const ms = this.slotMonth.length;
    this.slotMonth.push(month);
    this.monthSlot[month - MIN_MONTH] = ms;
    this.grid.push(new Uint16Array(this.personCapacity));
    if (ms >= this.monthCapacity) this.resizeCounters(this.kommuneCapacity, Math.max(64, this.monthCapacity * 2));
    return ms;
  }

  private resizeCounters(kommuneCapacity: number, monthCapacity: number): void {
    const next = new Int32Array(kommuneCapacity * monthCapacity * COUNTERS);
    for (let ks = 0; ks < this.slotKommune.length && ks < this.kommuneCapacity; ks += 1) {
      const from = ks * this.monthCapacity * COUNTERS;
      next.set(this.counters.subarray(from, from + this.monthCapacity * COUNTERS), ks * monthCapacity * COUNTERS);
    }
    this.counters = next;
    this.kommuneCapacity = kommuneCapacity;
    this.monthCapacity = monthCapacity;
  }

  private growPersons(person: number): void {
    if (!(Number.isInteger(person) && person >= 0 && person < 0x7fffffff)) {
      throw new RangeError(`person number out of range: ${person}`);
    }
    if (person < this.personCapacity) return;
    // Doubling keeps the copying linear in the number of persons overall.
    const capacity = Math.max(person + 1, this.personCapacity * 2, 256);
    this.grid = this.grid.map((column) => {
      const next = new Uint16Array(capacity);
      next.set(column);
      return next;
    });
    const firstCleared = new Uint16Array(capacity).fill(NOT_CLEARED);
    firstCleared.set(this.firstCleared);
    this.firstCleared = firstCleared;
    this.personCapacity = capacity;
  }
}

/** A kommune code as text: at least 3 digits ('101', '0…' codes kept zero-padded). */
export function kommuneCode(code: number): string {
  return String(code).padStart(3, '0');
}

/**
 * Person identifiers (CPR numbers, case ids) to dense numbers 0, 1, 2, … in order of first
 * appearance. The identifiers stay inside; nothing hands them out again.
 */
export class PersonIds {
  private readonly ids = new Map<string, number>();

  /** The person's number, assigned on first sight. */
  intern(id: string): number {
    let n = this.ids.get(id);
    if (n === undefined) {
      n = this.ids.size;
      this.ids.set(id, n);
    }
    return n;
  }

  /** How many distinct persons were seen. */
  get size(): number {
    return this.ids.size;
  }
}

/**
 * The diagnostic for a second row of the same person and month, by line (never by person):
 * `persons.duplicate-month` when both rows are in the same kommune, `persons.two-kommuner`
 * when the earlier row put the person in another one.
 */
export function conflictDiagnostic(
  existingKommune: number,
  kommune: number,
  month: number,
  where: { file?: string; line?: number },
): Diagnostic {
  const args = { month: monthFromIndex(month), kommune: kommuneCode(kommune), other: kommuneCode(existingKommune) };
  const code = existingKommune === kommune ? 'persons.duplicate-month' : 'persons.two-kommuner';
  return { code, ...where, args };
}

/** One person-month record as plain values (for callers that hold rows as objects). */
export interface PersonMonthRecord {
  /** The person's identifier; only compared, never shown. */
  readonly person: string;
  /** The kommune's code ('101' or 101). */
  readonly kommune: string | number;
  /** `YYYY-MM`. */
  readonly month: Month;
  readonly recipient: boolean;
  readonly cleared: boolean;
  readonly company: boolean;
  readonly paidHours: boolean;
  /** The 1-based line of the record in its file, for diagnostics. */
  readonly line?: number;
}

/**
 * Aggregates records in one go (a convenience over {@link PersonProgress}), target groups
 * formed by `rule`. Throws a data FlereError listing every second row of a person-month, by line.
 */
export function aggregatePersonMonths(records: Iterable<PersonMonthRecord>, rule: TargetGroupRule, file?: string): ProgressRow[] {
  const ids = new PersonIds();
  const progress = new PersonProgress();
  const bag = new DiagnosticBag();
  for (const r of records) {
    const kommune = Number(r.kommune);
    const month = monthIndex(r.month);
    const flags =
      (r.recipient ? PersonFlag.recipient : 0) |
      (r.cleared ? PersonFlag.cleared : 0) |
      (r.company ? PersonFlag.company : 0) |
      (r.paidHours ? PersonFlag.paidHours : 0);
    const existing = progress.add(ids.intern(r.person), kommune, month, flags);
    if (existing !== 0) bag.add(conflictDiagnostic(existing, kommune, month, { file, line: r.line }));
  }
  bag.throwIfAny('data');
  return progress.rows(rule);
}
