/**
 * The person file (`person,kommune,month,recipient,cleared,company,paid_hours`, one row per
 * person and month), read as bytes and fed row by row into a {@link PersonProgress}.
 *
 * Speed is the point: millions of rows. The common row (no quotes, no padding, a 3-digit code
 * or a known name, `YYYY-MM`, flags 0/1) is parsed straight from the bytes with no string per
 * row: the person cell is hashed while scanned and interned by its bytes, the kommune cell
 * is resolved once per distinct text. Anything unusual on a line sends that line alone down
 * a careful path (quotes, spaces, dates, names, and the error messages).
 *
 * Person identifiers may be CPR numbers: they never reach a message. Errors name the file,
 * line and column, and never quote a cell: any cell may hold an identifier (a file without
 * a header, swapped columns), whatever it looks like.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { type Diagnostic, DiagnosticBag, FlereError, ioError } from '../core/diagnostics.js';
import { FIRST_YEAR, LAST_YEAR, PersonProgress, conflictDiagnostic, kommuneCode } from '../core/person-progress.js';
import type { KommuneMatch } from '../registry/match.js';
import { HASH_SEED, IdInterner, MAX_DIGIT_KEY_LENGTH, digitsHash, hashFinish } from './id-interner.js';
import { errorCode } from './errno.js';
import { decodeCell, parseMonthCell, splitCells, trimBytes } from './person-cells.js';
import { monthFromIndex } from '../core/months.js';
import { PERSON_COLUMNS, Role, columnRoles, flagBit, sniffDelimiter } from './person-columns.js';


const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const ZERO = 48;
const DASH = 45;

/** Room made for each read: large enough that system calls are rare, small enough to stay in cache. */
const CHUNK = 1 << 20;
/** A line longer than this is not a person row (a binary file, a missing line break). */
const MAX_LINE = 1 << 20;
/** Distinct kommune texts remembered; beyond that (garbage) each is resolved afresh. */
const MAX_KOMMUNE_TEXTS = 4096;
/**
 * The longest person, kommune, month or flag cell read, in bytes: far above any identifier
 * or kommune name, so a longer cell is a broken file (a missing quote, pasted text). Other
 * columns are not read and may be as long as a line.
 */
export const MAX_CELL = 256;

/** Options of the reader. */
export interface PersonReadOptions {
  /** The file's name as shown in messages (`-` for standard input is shown as `<stdin>`). */
  readonly name: string;
  /** Resolves a kommune cell (code or name); the registry's `resolveKommune` by default. */
  readonly resolve?: (text: string) => KommuneMatch;
  /** Called now and then with the number of data rows read so far. */
  readonly onProgress?: (rows: number) => void;
  /**
   * The months a row may have, as month indexes (year × 12 + month − 1), both included: a
   * row outside is `persons.month-out-of-period` (a mistyped year such as 2107, which would
   * also make the per-person state span a century). Default: the years the reader can hold.
   */
  readonly months?: { readonly first: number; readonly last: number };
}

/** What was read: data rows counted, distinct persons, and where each kommune first appears. */
export interface PersonReadSummary {
  readonly rows: number;
  readonly persons: number;
  /** Kommune code ('101') → the first line naming it (for messages about the kommune). */
  readonly firstLine: ReadonlyMap<string, number>;
}

/**
 * Parses the person file incrementally: `consume` complete lines as the bytes arrive,
 * `finish` at the end. Problems are collected (all of them, the first 20 listed) and thrown
 * together by `finish` as a data FlereError.
 */
export class PersonCsvParser {
  private readonly bag = new DiagnosticBag();
  private readonly persons = new IdInterner();
  // Kommune cells of exactly 3 digits, by value: 0 not looked up, −1 unknown, else the code.
  private readonly codeCache = new Int16Array(1000);
  // Other kommune cells, by their bytes: interned number → code (0 not looked up, −1 unknown).
  private readonly kommuneTexts = new IdInterner();
  private kommuneTextCode = new Int16Array(64);
  private readonly matches = new Map<string, KommuneMatch>();
  // Kommune code → first line. Filled when a kommune text is first resolved, which for each
  // code happens on (or before) its first data line.
  private readonly firstLines = new Map<number, number>();

  private headerDone = false;
  /** The columns are exactly person,kommune,month,recipient,cleared,company,paid_hours. */
  private canonical = false;
  private sniffed = false;
  private delimiter = 44;
  private roles: Uint8Array = new Uint8Array(0);
  private columnNames: string[] = [];
  private line = 0;
  private rowCount = 0;

  private readonly firstMonth: number;
  private readonly lastMonth: number;

  constructor(
    private readonly sink: PersonProgress,
    private readonly file: string,
    private readonly resolveText: (text: string) => KommuneMatch,
    months: { readonly first: number; readonly last: number } = { first: FIRST_YEAR * 12, last: LAST_YEAR * 12 + 11 },
  ) {
    this.firstMonth = Math.max(months.first, FIRST_YEAR * 12);
    this.lastMonth = Math.min(months.last, LAST_YEAR * 12 + 11);
  }

  /** Data rows counted so far. */
  get rows(): number {
    return this.rowCount;
  }

  /** The number of the last line read (1-based, physical lines). */
  get lineNumber(): number {
    return this.line;
  }

  /** Distinct persons seen so far. */
  get personCount(): number {
    return this.persons.size;
  }

  /**
   * Parses the complete lines in `buf[start, end)` and returns where the first incomplete
   * line begins (to be passed again with more bytes after it). With `final`, the rest is a
   * last line even without a line break.
   */
  consume(buf: Buffer, start: number, end: number, final: boolean): number {
    let pos = start;
    if (!this.headerDone) {
      pos = this.header(buf, pos, end, final);
      if (!this.headerDone) return pos;
    }
    const lastBreak = end > pos ? buf.lastIndexOf(LF, end - 1) : -1;
    if (lastBreak >= pos) pos = this.dataLines(buf, pos, lastBreak + 1);
    if (final && pos < end) {
      // The last line without a line break: give it one, so the parser needs no bounds checks.
      const last = Buffer.allocUnsafe(end - pos + 1);
      buf.copy(last, 0, pos, end);
      last[end - pos] = LF;
      this.dataLines(last, 0, last.length);
      pos = end;
    }
    return pos;
  }

  /** Ends the file: throws every problem found, or when the file had no header or no rows. */
  finish(): PersonReadSummary {
    if (!this.headerDone) this.bag.add({ code: 'persons.no-header', file: this.file });
    else if (this.rowCount === 0 && this.bag.size === 0) this.bag.add({ code: 'persons.no-rows', file: this.file });
    this.bag.throwIfAny('data');
    const firstLine = new Map([...this.firstLines].sort(([a], [b]) => a - b).map(([code, line]) => [kommuneCode(code), line]));
    return { rows: this.rowCount, persons: this.persons.size, firstLine };
  }

  /**
   * Reads the header (after any BOM, blank lines and a `sep=` line); returns how far the
   * input was consumed, `headerDone` telling whether the header was among it.
   */
  private header(buf: Buffer, start: number, end: number, final: boolean): number {
    let pos = start;
    if (this.line === 0) {
      if (end - pos < 3 && !final) return start;
      if (buf[pos] === 0xef && buf[pos + 1] === 0xbb && buf[pos + 2] === 0xbf) pos += 3;
      else if ((buf[pos] === 0xff && buf[pos + 1] === 0xfe) || (buf[pos] === 0xfe && buf[pos + 1] === 0xff)) {
        throw new FlereError('data', [{ code: 'persons.utf16', file: this.file }]);
      }
    }
    for (;;) {
      let lineEnd = buf.indexOf(LF, pos);
      if (lineEnd < 0 || lineEnd >= end) {
        if (!final) {
          if (end - pos > MAX_LINE) throw new FlereError('data', [{ code: 'persons.line-too-long', file: this.file, line: this.line + 1 }]);
          // Nothing consumed before the first line is whole, so a BOM is seen again next time.
          return this.line === 0 ? start : pos;
        }
        if (pos >= end) return end;
        lineEnd = end;
      }
      this.line += 1;
      // The line without its CR: a CRLF header whose last cell is quoted ends in `"\r`.
      const contentEnd = lineEnd > pos && buf[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
      const text = decodeCell(buf.subarray(pos, contentEnd));
      const next = Math.min(lineEnd + 1, end);
      const sep = /^"?sep=(.)"?$/i.exec(text.trim());
      if (sep && this.line === 1) {
        this.delimiter = (sep[1] as string).charCodeAt(0);
        this.sniffed = true;
        pos = next;
        continue;
      }
      if (text.trim() === '') {
        pos = next;
        if (lineEnd >= end) return end;
        continue;
      }
      this.readHeader(buf.subarray(pos, contentEnd), text);
      this.headerDone = true;
      return next;
    }
  }

  private readHeader(bytes: Buffer, text: string): void {
    if (!this.sniffed) this.delimiter = sniffDelimiter(text);
    const cells = splitCells(bytes, this.delimiter);
    if (cells === undefined) throw new FlereError('data', [{ code: 'persons.bad-quotes', file: this.file, line: this.line }]);
    const names = cells.map((c) => decodeCell(c).trim());
    const roles = columnRoles(names, { file: this.file, line: this.line });
    this.roles = roles;
    this.canonical = roles.length === 7 && roles.every((role, i) => role === i + 1);
    this.columnNames = names;
  }

  /** The complete lines in `buf[start, end)`, `buf[end − 1]` being a line break. */
  private dataLines(buf: Buffer, start: number, end: number): number {
    return this.canonical ? this.canonicalLines(buf, start, end) : this.genericLines(buf, start, end);
  }

  /**
   * The hot loop for the documented column order, as straight-line code over fixed offsets:
   * digits, a 3-digit code, `YYYY-MM`, four 0/1 flags, LF or CRLF. A line that is anything
   * else (a name for the kommune, a text id, quotes, spaces, …) goes to `genericLines`.
   * Each position up to the line break is checked, so a short line fails some check at its
   * own line break before anything is counted.
   */
  private canonicalLines(buf: Buffer, start: number, end: number): number {
    const delimiter = this.delimiter;
    const persons = this.persons;
    const codeCache = this.codeCache;
    const sink = this.sink;
    const firstMonth = this.firstMonth;
    const lastMonth = this.lastMonth;
    let pos = start;
    while (pos < end) {
      const lineStart = pos;
      // Person: digits keyed by two small integers (see DigitKey).
      let head = 0;
      let rest = 0;
      let b = buf[pos] as number;
      while (b >= ZERO && b <= ZERO + 9) {
        const n = pos - lineStart;
        if (n < 9) head = head * 10 + b - ZERO;
        else if (n < MAX_DIGIT_KEY_LENGTH) rest = rest * 10 + b - ZERO;
        b = buf[++pos] as number;
      }
      const digits = pos - lineStart;
      pos += 1;
      const k0 = (buf[pos] as number) - ZERO;
      const k1 = (buf[pos + 1] as number) - ZERO;
      const k2 = (buf[pos + 2] as number) - ZERO;
      const y0 = (buf[pos + 4] as number) - ZERO;
      const y1 = (buf[pos + 5] as number) - ZERO;
      const y2 = (buf[pos + 6] as number) - ZERO;
      const y3 = (buf[pos + 7] as number) - ZERO;
      const m0 = (buf[pos + 9] as number) - ZERO;
      const m1 = (buf[pos + 10] as number) - ZERO;
      const f0 = (buf[pos + 12] as number) - ZERO;
      const f1 = (buf[pos + 14] as number) - ZERO;
      const f2 = (buf[pos + 16] as number) - ZERO;
      const f3 = (buf[pos + 18] as number) - ZERO;
      let eol = pos + 19;
      if (buf[eol] === CR) eol += 1;
      const mm = m0 * 10 + m1;
      const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
      let kommune = -1;
      if (
        b === delimiter && digits > 0 && digits <= MAX_DIGIT_KEY_LENGTH &&
        k0 >= 0 && k0 <= 9 && k1 >= 0 && k1 <= 9 && k2 >= 0 && k2 <= 9 && buf[pos + 3] === delimiter &&
        y0 >= 0 && y0 <= 9 && y1 >= 0 && y1 <= 9 && y2 >= 0 && y2 <= 9 && y3 >= 0 && y3 <= 9 &&
        buf[pos + 8] === DASH && m0 >= 0 && m0 <= 9 && m1 >= 0 && m1 <= 9 && buf[pos + 11] === delimiter &&
        f0 >= 0 && f0 <= 1 && f1 >= 0 && f1 <= 1 && f2 >= 0 && f2 <= 1 && f3 >= 0 && f3 <= 1 &&
        buf[pos + 13] === delimiter && buf[pos + 15] === delimiter && buf[pos + 17] === delimiter &&
        buf[eol] === LF && mm >= 1 && mm <= 12 && year * 12 + mm - 1 >= firstMonth && year * 12 + mm - 1 <= lastMonth
      ) {
        const v = k0 * 100 + k1 * 10 + k2;
        kommune = codeCache[v] as number;
        if (kommune === 0) {
          this.line += 1; // lookUpCode records the kommune's first line
          kommune = this.lookUpCode(v);
          this.line -= 1;
        }
      }
      if (kommune < 0) {
        // Not the common shape: this line alone goes the general way.
        pos = this.genericLines(buf, lineStart, buf.indexOf(LF, lineStart) + 1);
        continue;
      }
      pos = eol + 1;
      this.line += 1;
      const tail = rest * 16 + digits;
      const person = persons.internDigits(head, tail, digitsHash(head, tail));
      const month = year * 12 + mm - 1;
      const existing = sink.add(person, kommune, month, f0 | (f1 << 1) | (f2 << 2) | (f3 << 3));
      if (existing !== 0) {
        this.bag.add(conflictDiagnostic(existing, kommune, month, { file: this.file, line: this.line }));
      } else {
        this.rowCount += 1;
      }
    }
    return pos;
  }

  /**
   * The loop for any column order over complete lines in `buf[start, end)`, `buf[end − 1]`
   * being a line break. Every scan stops at a line break, so no index check is needed
   * against `end`.
   */
  private genericLines(buf: Buffer, start: number, end: number): number {
    const roles = this.roles;
    const columns = roles.length;
    const delimiter = this.delimiter;
    const persons = this.persons;
    const codeCache = this.codeCache;
    const sink = this.sink;
    const firstMonth = this.firstMonth;
    const lastMonth = this.lastMonth;
    let pos = start;
    while (pos < end) {
      const lineStart = pos;
      this.line += 1;
      let person = -1;
      let kommune = 0;
      let month = 0;
      let flags = 0;
      let fast = true;
      for (let c = 0; ; c += 1) {
        const role = roles[c] as number;
        if (role === Role.person) {
          // Digits first (CPR and case numbers): keyed by two small integers, no bytes
          // compared and no floating point (see DigitKey).
          const s = pos;
          let head = 0;
          let rest = 0;
          let b = buf[pos] as number;
          while (b >= ZERO && b <= ZERO + 9) {
            const digits = pos - s;
            if (digits < 9) head = head * 10 + b - ZERO;
            else if (digits < MAX_DIGIT_KEY_LENGTH) rest = rest * 10 + b - ZERO;
            b = buf[++pos] as number;
          }
          const digits = pos - s;
          if (digits > 0 && digits <= MAX_DIGIT_KEY_LENGTH && (b === delimiter || b === LF || b === CR)) {
            const tail = rest * 16 + digits;
            person = persons.internDigits(head, tail, digitsHash(head, tail));
          } else {
            pos = s;
            let h = HASH_SEED;
            b = buf[pos] as number;
            while (b !== delimiter && b !== LF && b !== CR && b !== QUOTE) {
              h = Math.imul(h ^ b, 0x01000193);
              b = buf[++pos] as number;
            }
            if (pos === s || pos - s > MAX_CELL || b === QUOTE || (buf[s] as number) <= SPACE || (buf[pos - 1] as number) <= SPACE) {
              fast = false;
              break;
            }
            person = persons.intern(buf, s, pos, hashFinish(h));
          }
        } else if (role === Role.kommune) {
          const s = pos;
          let v = 0;
          let b = buf[pos] as number;
          while (b >= ZERO && b <= ZERO + 9) {
            v = v * 10 + b - ZERO;
            b = buf[++pos] as number;
          }
          if (pos - s === 3 && (b === delimiter || b === LF || b === CR)) {
            kommune = codeCache[v] as number;
            if (kommune === 0) kommune = this.lookUpCode(v);
          } else {
            kommune = this.kommuneCell(buf, s);
            if (kommune > 0) pos = this.cellEnd;
          }
          if (kommune < 0) {
            fast = false;
            break;
          }
        } else if (role === Role.month) {
          const y0 = (buf[pos] as number) - ZERO;
          const y1 = (buf[pos + 1] as number) - ZERO;
          const y2 = (buf[pos + 2] as number) - ZERO;
          const y3 = (buf[pos + 3] as number) - ZERO;
          const m0 = (buf[pos + 5] as number) - ZERO;
          const m1 = (buf[pos + 6] as number) - ZERO;
          // Unsigned compares: a byte below '0' wraps to a huge number.
          if (
            y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || m0 >>> 0 > 9 || m1 >>> 0 > 9 ||
            buf[pos + 4] !== DASH
          ) {
            fast = false;
            break;
          }
          const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
          const mm = m0 * 10 + m1;
          month = year * 12 + mm - 1;
          if (mm < 1 || mm > 12 || month < firstMonth || month > lastMonth) {
            fast = false;
            break;
          }
          pos += 7;
        } else if (role === Role.ignore) {
          let b = buf[pos] as number;
          while (b !== delimiter && b !== LF && b !== CR && b !== QUOTE) b = buf[++pos] as number;
          if (b === QUOTE) {
            fast = false;
            break;
          }
        } else {
          const b = buf[pos] as number;
          if (b !== ZERO && b !== ZERO + 1) {
            fast = false;
            break;
          }
          // recipient, cleared, company, paid_hours are roles 4–7 and flag bits 1, 2, 4, 8.
          flags |= (b - ZERO) << (role - Role.recipient);
          pos += 1;
        }
        const t = buf[pos] as number;
        if (c + 1 < columns) {
          if (t !== delimiter) {
            fast = false;
            break;
          }
          pos += 1;
          continue;
        }
        if (t === CR && buf[pos + 1] === LF) pos += 1;
        if (buf[pos] !== LF) fast = false;
        break;
      }
      if (!fast) {
        pos = buf.indexOf(LF, lineStart) + 1;
        this.slowLine(buf, lineStart, pos - 1);
        continue;
      }
      pos += 1;
      const existing = sink.add(person, kommune, month, flags);
      if (existing !== 0) {
        this.bag.add(conflictDiagnostic(existing, kommune, month, { file: this.file, line: this.line }));
      } else {
        this.rowCount += 1;
      }
    }
    return pos;
  }

  /** Where the last `kommuneCell` ended. */
  private cellEnd = 0;

  /**
   * A kommune cell that is not a plain 3-digit code, looked up by its bytes; the code, or −1
   * for anything the careful path must see (quotes, unknown kommuner). Sets `cellEnd`.
   */
  private kommuneCell(buf: Buffer, start: number): number {
    const delimiter = this.delimiter;
    let pos = start;
    let h = HASH_SEED;
    let b = buf[pos] as number;
    while (b !== delimiter && b !== LF && b !== CR && b !== QUOTE) {
      h = Math.imul(h ^ b, 0x01000193);
      b = buf[++pos] as number;
    }
    if (b === QUOTE || pos === start || pos - start > MAX_CELL) return -1;
    this.cellEnd = pos;
    const texts = this.kommuneTexts;
    const hash = hashFinish(h);
    if (texts.size >= MAX_KOMMUNE_TEXTS) {
      const found = texts.find(buf, start, pos, hash);
      return found < 0 ? -1 : (this.kommuneTextCode[found] as number);
    }
    const n = texts.intern(buf, start, pos, hash);
    if (n >= this.kommuneTextCode.length) {
      const next = new Int16Array(this.kommuneTextCode.length * 2);
      next.set(this.kommuneTextCode);
      this.kommuneTextCode = next;
    }
    let code = this.kommuneTextCode[n] as number;
    if (code === 0) {
      const match = this.match(decodeCell(buf.subarray(start, pos)));
      code = match.ok ? Number(match.kommune.code) : -1;
      this.kommuneTextCode[n] = code;
    }
    return code;
  }

  private lookUpCode(value: number): number {
    const text = String(value).padStart(3, '0');
    const match = this.match(text);
    const code = match.ok ? Number(match.kommune.code) : -1;
    this.codeCache[value] = code;
    return code;
  }

  private match(text: string): KommuneMatch {
    let m = this.matches.get(text);
    if (m === undefined) {
      m = this.resolveText(text);
      if (this.matches.size < MAX_KOMMUNE_TEXTS) this.matches.set(text, m);
    }
    if (m.ok) {
      const code = Number(m.kommune.code);
      if (!this.firstLines.has(code)) this.firstLines.set(code, this.line);
    }
    return m;
  }

  /**
   * The careful path for one line `buf[start, lineBreak)`: quotes, padding, dates, names,
   * blank lines, and every error message. Never quotes a cell.
   */
  private slowLine(buf: Buffer, start: number, lineBreak: number): void {
    let end = lineBreak;
    if (end > start && buf[end - 1] === CR) end -= 1;
    const where = { file: this.file, line: this.line };
    if (end - start > MAX_LINE) {
      this.bag.add({ code: 'persons.line-too-long', ...where });
      return;
    }
    const cells = splitCells(buf.subarray(start, end), this.delimiter);
    if (cells === undefined) {
      this.bag.add({ code: 'persons.bad-quotes', ...where });
      return;
    }
    const trimmed = cells.map((c) => trimBytes(c, this.delimiter));
    if (trimmed.every((c) => c.length === 0)) return; // a blank line, or Excel's ";;;;;;"
    const columns = this.roles.length;
    const extra = trimmed.slice(columns);
    if (trimmed.length < columns || extra.some((c) => c.length > 0)) {
      this.bag.add({ code: 'persons.field-count', ...where, args: { expected: columns, found: trimmed.length } });
      return;
    }

    const personIndex = this.roles.indexOf(Role.person);
    const personBytes = trimmed[personIndex] as Buffer;
    const problems: Diagnostic[] = [];
    let kommune = 0;
    let month = 0;
    let flags = 0;
    for (let c = 0; c < columns; c += 1) {
      // No diagnostic carries a cell's value: any cell may hold a person's identifier (a
      // file without a header, columns swapped), whatever it looks like.
      const role = this.roles[c] as Role;
      const bytes = trimmed[c] as Buffer;
      const column = this.columnNames[c] as string;
      if (role === Role.ignore) continue;
      if (bytes.length > MAX_CELL) {
        problems.push({ code: 'persons.cell-too-long', ...where, column, args: { limit: MAX_CELL } });
        continue;
      }
      if (role === Role.person) {
        if (bytes.length === 0) problems.push({ code: 'persons.empty-person', ...where, column });
        continue;
      }
      const text = decodeCell(bytes);
      if (role === Role.kommune) {
        const match = text === '' ? { ok: false as const, suggestions: [] } : this.match(text);
        if (match.ok) kommune = Number(match.kommune.code);
        else {
          const suggestions = match.suggestions.map((k) => `${k.name} (${k.code})`).join(', ');
          problems.push({
            code: text === '' ? 'persons.empty-kommune' : 'persons.unknown-kommune',
            ...where,
            column,
            ...(suggestions === '' ? {} : { args: { suggestions } }),
          });
        }
      } else if (role === Role.month) {
        const m = parseMonthCell(text);
        if (m === undefined) problems.push({ code: 'persons.bad-month', ...where, column });
        else if (m < this.firstMonth || m > this.lastMonth) {
          problems.push({ code: 'persons.month-out-of-period', ...where, column, args: { first: monthFromIndex(this.firstMonth), last: monthFromIndex(this.lastMonth) } });
        } else month = m;
      } else if (text === '0' || text === '1') {
        if (text === '1') flags |= flagBit(role);
      } else {
        problems.push({ code: 'persons.bad-flag', ...where, column });
      }
    }
    if (problems.length > 0) {
      for (const p of problems) this.bag.add(p);
      return;
    }
    const person = this.persons.internCell(personBytes, 0, personBytes.length);
    const existing = this.sink.add(person, kommune, month, flags);
    if (existing !== 0) this.bag.add(conflictDiagnostic(existing, kommune, month, where));
    else this.rowCount += 1;
  }
}

/**
 * Reads a person file from disk into `sink`, with plain synchronous reads into one reused
 * buffer (the fastest way Node has to read a file). Throws an io FlereError when the file
 * cannot be read and a data FlereError listing the bad rows.
 */
export function readPersonFile(path: string, sink: PersonProgress, options: PersonReadOptions): PersonReadSummary {
  const parser = newParser(sink, options);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw fileError(error, options.name);
  }
  try {
    if (fstatSync(fd).size >= WARM_UP_FROM) warmUp();
    let buf: Buffer = Buffer.allocUnsafe(CHUNK * 2);
    let length = 0;
    for (;;) {
      if (buf.length - length < CHUNK) buf = grow(buf, length, options.name, parser);
      let n: number;
      try {
        n = readSync(fd, buf, length, buf.length - length, null);
      } catch (error) {
        throw fileError(error, options.name);
      }
      if (n === 0) break;
      length += n;
      const used = parser.consume(buf, 0, length, false);
      buf.copyWithin(0, used, length);
      length -= used;
      options.onProgress?.(parser.rows);
    }
    parser.consume(buf, 0, length, true);
  } finally {
    closeSync(fd);
  }
  return parser.finish();
}

/**
 * Reads a person file held whole in memory into `sink` (a workbook's sheet, as the CSV text
 * of its rows); see {@link readPersonFile}.
 */
export function readPersonBytes(bytes: Buffer, sink: PersonProgress, options: PersonReadOptions): PersonReadSummary {
  const parser = newParser(sink, options);
  parser.consume(bytes, 0, bytes.length, true);
  options.onProgress?.(parser.rows);
  return parser.finish();
}

/** Reads a person file from a stream (standard input) into `sink`; see {@link readPersonFile}. */
export async function readPersonStream(
  stream: AsyncIterable<Uint8Array | string>,
  sink: PersonProgress,
  options: PersonReadOptions,
): Promise<PersonReadSummary> {
  const parser = newParser(sink, options);
  let buf: Buffer = Buffer.allocUnsafe(CHUNK * 2);
  let length = 0;
  let received = 0;
  try {
    for await (const piece of stream) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
      received += chunk.length;
      if (received >= WARM_UP_FROM) warmUp();
      let offset = 0;
      while (offset < chunk.length) {
        if (buf.length - length < CHUNK) buf = grow(buf, length, options.name, parser);
        const n = Math.min(chunk.length - offset, buf.length - length);
        buf.set(chunk.subarray(offset, offset + n), length);
        offset += n;
        length += n;
        const used = parser.consume(buf, 0, length, false);
        buf.copyWithin(0, used, length);
        length -= used;
      }
      options.onProgress?.(parser.rows);
    }
  } catch (error) {
    if (error instanceof FlereError) throw error;
    throw ioError({ code: 'io.read', file: options.name, value: errorCode(error) });
  }
  parser.consume(buf, 0, length, true);
  return parser.finish();
}

function newParser(sink: PersonProgress, options: PersonReadOptions): PersonCsvParser {
  return new PersonCsvParser(sink, options.name, options.resolve ?? defaultResolve(), options.months);
}

let warmedUp = false;

/** Inputs smaller than this are read without the warm-up, which would cost more than it saves. */
const WARM_UP_FROM = 8 << 20;

/**
 * Runs the parser once over a small synthetic file before the first real one. V8 optimises
 * the hot loop from the type feedback it has gathered so far, and a path first taken after
 * that (the first person seen again, the second month, a table growing) throws the optimised
 * code away and recompiles it: several times per file, tens of milliseconds in all. Some
 * 1,800 rows through every common path first cost a few milliseconds and avoid that
 * (the README's Performance section has the figures).
 */
function warmUp(): void {
  if (warmedUp) return;
  warmedUp = true;
  warmUpRun();
}

/** The warm-up's run itself (exported for a test: its synthetic rows must all be good). */
export function warmUpRun(): PersonReadSummary {
  const lines = [`${PERSON_COLUMNS.join(',')}\n`];
  for (let month = 1; month <= 3; month += 1) {
    for (let p = 0; p < 600; p += 1) {
      // CPR-sized numbers (above 2^31, as real ones are), some text ids, kommuner and months
      // that first appear late, an occasional CRLF.
      const id = p % 5 === 0 ? `w${p}` : String(3_100_000_000 + p * 7);
      const kommune = 100 + (p % (p < 400 ? 7 : 11));
      const eol = p % 100 === 0 ? '\r\n' : '\n';
      lines.push(`${id},${kommune},2017-0${month},${p & 1},${(p >> 1) & 1},${(p >> 2) & 1},${(p >> 3) & 1}${eol}`);
    }
  }
  const bytes = Buffer.from(lines.join(''));
  const any = (text: string): KommuneMatch => ({ ok: true, kommune: { code: text, name: text, region: '' } });
  const sink = new PersonProgress();
  const parser = new PersonCsvParser(sink, '', any);
  parser.consume(bytes, 0, bytes.length, true);
  sink.rows({ referenceMonth: '2017-01', leavers: 'drop' });
  return parser.finish();
}

let registryResolve: ((text: string) => KommuneMatch) | undefined;
function defaultResolve(): (text: string) => KommuneMatch {
  if (registryResolve === undefined) throw new Error('registry not loaded: call loadRegistryResolver() first');
  return registryResolve;
}

/** Loads the kommune registry's resolver (lazily, so that tests may pass their own). */
export async function loadRegistryResolver(): Promise<(text: string) => KommuneMatch> {
  registryResolve ??= (await import('../registry/match.js')).resolveKommune;
  return registryResolve;
}

/** Makes room for another chunk after `length` bytes of an unfinished line. */
function grow(buf: Buffer, length: number, file: string, parser: PersonCsvParser): Buffer {
  if (length > MAX_LINE) throw new FlereError('data', [{ code: 'persons.line-too-long', file, line: parser.lineNumber + 1 }]);
  const next = Buffer.allocUnsafe(buf.length * 2);
  buf.copy(next, 0, 0, length);
  return next;
}

function fileError(error: unknown, file: string): FlereError {
  const code = errorCode(error);
  if (code === 'ENOENT') return ioError({ code: 'io.not-found', file });
  if (code === 'EISDIR') return ioError({ code: 'io.is-directory', file });
  return ioError({ code: 'io.read', file, value: code });
}


