import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlereError } from '../../src/core/diagnostics.js';
import { PersonFlag, PersonProgress, type ProgressRow, aggregatePersonMonths } from '../../src/core/person-progress.js';
import type { TargetGroupRule } from '../../src/core/target-group.js';
import { formatError } from '../../src/cli/messages.js';
import { IdInterner, hashBytes } from '../../src/io/id-interner.js';
import { decodeCell } from '../../src/io/person-cells.js';
import { flagBit, sniffDelimiter } from '../../src/io/person-columns.js';
import { readPersonFile, readPersonStream, warmUpRun } from '../../src/io/person-stream.js';
import { resolveKommune } from '../../src/registry/match.js';
import { personMonths } from '../helpers/person-months.js';

const dir = mkdtempSync(join(tmpdir(), 'flere-persons-'));
const RULE: TargetGroupRule = { referenceMonth: '2017-07', leavers: 'drop' };
let fileNo = 0;

/** Writes `content` to a temp file and reads it as a person file. */
function readText(content: string | Uint8Array): { rows: ProgressRow[]; persons: number; count: number } {
  const path = join(dir, `p${(fileNo += 1)}.csv`);
  writeFileSync(path, content);
  const sink = new PersonProgress();
  const summary = readPersonFile(path, sink, { name: 'persons.csv', resolve: resolveKommune });
  return { rows: sink.rows(RULE), persons: summary.persons, count: summary.rows };
}

/** The FlereError a read throws (fails the test when it does not throw one). */
function readError(content: string | Uint8Array): FlereError {
  try {
    readText(content);
  } catch (error) {
    if (error instanceof FlereError) return error;
    throw error;
  }
  throw new Error('expected the read to fail');
}

async function readChunks(chunks: readonly Uint8Array[]): Promise<ProgressRow[]> {
  async function* source(): AsyncGenerator<Uint8Array> {
    for (const c of chunks) yield c;
  }
  const sink = new PersonProgress();
  await readPersonStream(source(), sink, { name: '<stdin>', resolve: resolveKommune });
  return sink.rows(RULE);
}

const fixture = readFileSync(new URL('../fixtures/persons-small.csv', import.meta.url), 'utf8');
const fixtureRows = readText(fixture).rows;
const HEADER = 'person,kommune,month,recipient,cleared,company,paid_hours';

describe('reading person files', () => {
  it('reads the hand-built fixture to the hand-derived rows', () => {
    expect(fixtureRows).toHaveLength(11);
    expect(fixtureRows[1]).toEqual({
      kommune: '101',
      month: '2017-08',
      target_group: 2,
      cleared: 2,
      recipients: 3,
      company_activity: 2,
      paid_hours: 0,
    });
    expect(readText(fixture).persons).toBe(6);
    expect(readText(fixture).count).toBe(20);
  });

  it('sniffs semicolon and tab, and honours a sep= line', () => {
    expect(readText(fixture.replace(/,/g, ';')).rows).toEqual(fixtureRows);
    expect(readText(fixture.replace(/,/g, '\t')).rows).toEqual(fixtureRows);
    expect(readText(`sep=;\n${fixture.replace(/,/g, ';')}`).rows).toEqual(fixtureRows);
    expect(sniffDelimiter('a;b;c')).toBe(59);
    expect(sniffDelimiter('"a;b",c')).toBe(44);
  });

  it('reads a UTF-8 BOM, CRLF line ends and a last line without a line break', () => {
    expect(readText(`\uFEFF${fixture}`).rows).toEqual(fixtureRows);
    expect(readText(fixture.replace(/\n/g, '\r\n')).rows).toEqual(fixtureRows);
    expect(readText(fixture.trimEnd()).rows).toEqual(fixtureRows);
    expect(readText(`\uFEFF${fixture.trimEnd().replace(/\n/g, '\r\n')}`).rows).toEqual(fixtureRows);
  });

  it('matches Danish headers case-insensitively, in any order, ignoring extra columns', () => {
    const lines = fixture.trim().split('\n').slice(1);
    const danish = [
      'Måned;CPR;Navn;Kommunekode;Modtager;Afklaret;Virksomhedsrettet;Løntimer',
      ...lines.map((l) => {
        const [p, k, m, r, c, co, ph] = l.split(',');
        return [m, p, '"Jensen; Ole"', k, r, c, co, ph].join(';');
      }),
    ].join('\n');
    expect(readText(danish).rows).toEqual(fixtureRows);
  });

  it('reads kommune names (UTF-8 and Windows-1252) and quoted or padded cells', () => {
    const named = fixture
      .replace(/,101,/g, ',"København",')
      .replace(/,147,/g, ', Frederiksberg Kommune ,')
      .replace(/,151,/g, ',Ballerup,');
    expect(readText(named).rows).toEqual(fixtureRows);
    // Windows-1252: ø is the single byte 0xF8.
    expect(readText(Buffer.from(named, 'latin1')).rows).toEqual(fixtureRows);
    const padded = fixture.replace(/^(\d+|CASE-3),/gm, ' "$1" ,').replace(/,2017-(\d\d),/g, ', 2017-$1-01 ,');
    expect(readText(padded).rows).toEqual(fixtureRows);
  });

  it('keeps digit identifiers with leading zeros apart, and long ones too', () => {
    const text = [
      HEADER,
      '0101,101,2017-07,1,0,0,0',
      '101,101,2017-07,1,0,0,0',
      '123456789012345678,101,2017-07,1,0,0,0',
      '123456789012345679,101,2017-07,1,0,0,0',
      '12345678901234,101,2017-07,1,0,0,0',
      '',
    ].join('\n');
    const { rows, persons } = readText(text);
    expect(persons).toBe(5);
    expect(rows[0]?.target_group).toBe(5);
  });

  it('skips blank lines and lines of empty cells (Excel)', () => {
    const text = fixture.replace('\n0404804444,101', '\n\n   \n,,,,,,\n,,,,,,,\n0404804444,101');
    expect(readText(text).rows).toEqual(fixtureRows);
  });

  it('gives the same rows however the bytes are cut into chunks', async () => {
    const bytes = Buffer.from(`\uFEFF${fixture.replace(/\n/g, '\r\n')}`);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length }), { maxLength: 8 }), async (cuts) => {
        const points = [...new Set([0, ...cuts, bytes.length])].sort((a, b) => a - b);
        const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
        expect(await readChunks(chunks)).toEqual(fixtureRows);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with the core aggregation on random files in random dialects', () => {
    fc.assert(
      fc.property(
        personMonths.filter((r) => r.length > 0),
        fc.constantFrom(',', ';', '\t'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (records, delimiter, crlf, bom, quote) => {
          const cell = (s: string): string => (quote ? `"${s}"` : s);
          const flag = (b: boolean): string => (b ? '1' : '0');
          const lines = [
            HEADER.split(',').join(delimiter),
            ...records.map((r) =>
              [cell(r.person), cell(String(r.kommune)), r.month, flag(r.recipient), flag(r.cleared), flag(r.company), flag(r.paidHours)].join(delimiter),
            ),
          ];
          const text = (bom ? '\uFEFF' : '') + lines.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
          expect(readText(text).rows).toEqual(aggregatePersonMonths(records, RULE));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('warms up on synthetic rows that are all good (1,800 of them, 600 distinct persons)', () => {
    expect(warmUpRun()).toMatchObject({ rows: 1800, persons: 600 });
  });

  it('maps flag columns to the core flag bits', () => {
    expect([4, 5, 6, 7].map(flagBit)).toEqual([PersonFlag.recipient, PersonFlag.cleared, PersonFlag.company, PersonFlag.paidHours]);
  });

  it('decodes Windows-1252 cells right where Node 20 does not (€, –, æ)', () => {
    expect(decodeCell(Buffer.from([0x80, 0x20, 0x96, 0x20, 0xe6, 0xf8, 0xe5]))).toBe('€ – æøå');
    expect(decodeCell(Buffer.from('€ – æøå', 'utf8'))).toBe('€ – æøå');
    expect(decodeCell(Buffer.from('A\u030Arhus', 'utf8'))).toBe('Århus');
  });
});

describe('bad person files', () => {
  const CPR = '0101801111';
  const bad = [
    HEADER,
    `${CPR},101,2017-07,1,0,0,0`, // 2: fine
    `${CPR},101,2017-13,1,0,0,0`, // 3: month 13
    `${CPR},101,jul-17,1,0,0,0`, // 4: Excel's month
    `${CPR},101,2017-08,2,0,0,0`, // 5: flag 2
    `${CPR},Københvn,2017-09,1,0,0,0`, // 6: unknown kommune (typo)
    `${CPR},101,2017-10,1,0,0`, // 7: too few cells
    `,101,2017-11,1,0,0,0`, // 8: empty person
    `"${CPR},101,2017-12,1,0,0,0`, // 9: unbalanced quote
    `${CPR},147,2017-07,1,0,0,0`, // 10: second kommune in 2017-07
    `${CPR},101,2017-07,0,0,0,0`, // 11: same month again
    `${CPR},${CPR},2018-01,1,0,0,0`, // 12: the id in the kommune column
    `${CPR},101,2018-02,${CPR},0,0,0`, // 13: the id in the recipient column
    `${CPR},999,2018-03,1,0,0,0`, // 14: no such kommune code
    `${CPR},101,2018-04,1,0,0,0,`, // 15: one cell too many (empty: tolerated)
    `${CPR},101,2018-05,1,0,0,0,1`, // 16: one cell too many
    '',
  ].join('\n');

  it('reports every bad row by line, with codes', () => {
    const error = readError(bad);
    expect(error.exitCode).toBe(1);
    expect(error.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [3, 'persons.bad-month'],
      [4, 'persons.bad-month'],
      [5, 'persons.bad-flag'],
      [6, 'persons.unknown-kommune'],
      [7, 'persons.field-count'],
      [8, 'persons.empty-person'],
      [9, 'persons.bad-quotes'],
      [10, 'persons.two-kommuner'],
      [11, 'persons.duplicate-month'],
      [12, 'persons.unknown-kommune'],
      [13, 'persons.bad-flag'],
      [14, 'persons.unknown-kommune'],
      [16, 'persons.field-count'],
    ]);
    expect(error.diagnostics.every((d) => d.file === 'persons.csv')).toBe(true);
    expect(error.diagnostics[3]?.args?.['suggestions']).toContain('København (101)');
    expect(error.diagnostics[7]?.args).toEqual({ month: '2017-07', kommune: '147', other: '101' });
  });

  it('never shows the person identifier in a message', () => {
    const text = formatError(readError(bad)).join('\n');
    expect(text).not.toContain(CPR);
    expect(text).not.toContain('010180');
    expect(text).toContain('persons.csv:12: column «kommune»: not a kommune code or name\n');
    expect(text).toContain('persons.csv:13: column «recipient»: expected 0 or 1\n');
    // Nor any other cell: the typo, the month, the flag.
    for (const cell of ['Københvn', '2017-13', 'jul-17', '999']) expect(text).not.toContain(cell);
  });

  it('counts problems beyond the listed ones', () => {
    const many = [HEADER, ...Array.from({ length: 50 }, (_, i) => `${i},101,2017-13,1,0,0,0`), ''].join('\n');
    const error = readError(many);
    expect(error.diagnostics).toHaveLength(20);
    expect(error.omitted).toBe(30);
  });

  it('names missing and duplicate columns', () => {
    expect(readError('person,kommune,month,recipient,cleared,company\n1,101,2017-07,1,0,0\n').diagnostics).toEqual([
      expect.objectContaining({ code: 'csv.missing-column', line: 1, args: expect.objectContaining({ key: 'paid_hours' }) }),
    ]);
    expect(readError(`${HEADER},cpr\n`).diagnostics[0]).toMatchObject({ code: 'csv.duplicate-column', column: 'cpr', args: { first: 'person' } });
  });

  it('refuses a line of more than 1 MiB (not a person file), by its line', () => {
    const error = readError(`${HEADER}\n1,101,2017-07,1,0,0,0\n${'x'.repeat(3 << 20)}\n`);
    expect(error.diagnostics).toEqual([expect.objectContaining({ code: 'persons.line-too-long', line: 3 })]);
  });

  it('reads a header in capitals and quotes', () => {
    const upper = fixture.replace(HEADER, HEADER.split(',').map((h) => `"${h.toUpperCase()}"`).join(','));
    expect(readText(upper).rows).toEqual(fixtureRows);
  });

  it('refuses an empty file, a header without rows, and UTF-16', () => {
    expect(readError('').diagnostics[0]?.code).toBe('persons.no-header');
    expect(readError('\n\n').diagnostics[0]?.code).toBe('persons.no-header');
    expect(readError(`${HEADER}\n`).diagnostics[0]?.code).toBe('persons.no-rows');
    expect(readError(Buffer.from(`\uFEFF${fixture}`, 'utf16le')).diagnostics[0]?.code).toBe('persons.utf16');
  });

  it('reports a missing file as an I/O error', () => {
    const sink = new PersonProgress();
    let error: unknown;
    try {
      readPersonFile(join(dir, 'nope.csv'), sink, { name: 'nope.csv', resolve: resolveKommune });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlereError);
    expect((error as FlereError).exitCode).toBe(3);
    expect((error as FlereError).diagnostics[0]).toMatchObject({ code: 'io.not-found', file: 'nope.csv' });
  });
});

describe('IdInterner', () => {
  it('numbers byte keys and digit keys densely in one sequence, across growth', () => {
    const ids = new IdInterner();
    const seen = new Map<string, number>();
    for (let i = 0; i < 20000; i += 1) {
      const key = i % 2 === 0 ? String(i * 7919) : `x${i}`;
      const bytes = Buffer.from(key);
      const n = ids.internCell(bytes, 0, bytes.length);
      expect(n).toBe(seen.size);
      seen.set(key, n);
    }
    for (const [key, n] of seen) {
      const bytes = Buffer.from(key);
      expect(ids.internCell(bytes, 0, bytes.length)).toBe(n);
      if (!/^\d+$/.test(key)) expect(ids.find(bytes, 0, bytes.length, hashBytes(bytes, 0, bytes.length))).toBe(n);
    }
    expect(ids.size).toBe(20000);
  });
});

describe('hostile and unusual person files', () => {
  const quotedHeader = HEADER.split(',').map((h) => `"${h}"`).join(',');

  it('reads a CRLF file whose header’s last cell is quoted, on the fast and the careful path', () => {
    // Fast path: plain data rows under a quoted header.
    const crlf = `${quotedHeader}${fixture.slice(HEADER.length).replace(/\n/g, '\r\n')}`;
    expect(crlf).toContain('"paid_hours"\r\n');
    expect(readText(crlf).rows).toEqual(fixtureRows);
    // Careful path: every data cell quoted too, the last one before CRLF.
    const quotedRows = fixture
      .trim()
      .split('\n')
      .map((line) => line.split(',').map((c) => `"${c}"`).join(','))
      .join('\r\n');
    expect(readText(`${quotedRows}\r\n`).rows).toEqual(fixtureRows);
    // From standard input, cut anywhere.
    const bytes = Buffer.from(crlf);
    return readChunks([bytes.subarray(0, HEADER.length + 15), bytes.subarray(HEADER.length + 15)]).then((rows) => expect(rows).toEqual(fixtureRows));
  });

  /** CPU time (user + system, ms) of `f`: the work done, whatever else runs on the machine. */
  function workOf(f: () => void): number {
    const before = process.cpuUsage();
    f();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  }

  it.each([
    ['underscores between two letters', `a${'_'.repeat(1_000_000)}b`],
    ['opening parentheses', '('.repeat(1_000_000)],
    ['spaces and hyphens', ' -'.repeat(500_000)],
    ['combining marks', 'a\u0301'.repeat(300_000)],
    ['Danish letters', 'æøå'.repeat(150_000)],
  ])('reads a 1 MB header of %s in linear time', (_what, junk) => {
    // As an extra column of a good file (read), and as the whole header (refused, by line).
    let rows: ProgressRow[] = [];
    const good = workOf(() => {
      const lines = fixture.trim().split('\n').slice(1);
      rows = readText([`${HEADER},${junk}`, ...lines.map((l) => `${l},x`), ''].join('\n')).rows;
    });
    expect(rows).toEqual(fixtureRows);
    let error: FlereError | undefined;
    const bad = workOf(() => {
      error = readError(`${junk}\n1,101,2017-07,1,0,0,0\n`);
    });
    expect(error?.diagnostics.map((d) => [d.code, d.line])).toContainEqual(['csv.missing-column', 1]);
    expect(good).toBeLessThan(1000);
    expect(bad).toBeLessThan(1000);
  });

  it('reads a header of 300,000 columns in linear time', () => {
    let error: FlereError | undefined;
    const work = workOf(() => {
      error = readError(`${HEADER}${',x'.repeat(300_000)}\n1,101,2017-07,1,0,0,0\n`);
    });
    expect(error?.diagnostics[0]).toMatchObject({ code: 'persons.field-count', line: 2 });
    expect(work).toBeLessThan(1000);
  });

  it('refuses over-long cells as data errors, by line and column, never quoting them', () => {
    const longId = `9${'8'.repeat(299)}`;
    const longName = `K${'ø'.repeat(200)}`;
    const error = readError(
      [
        HEADER,
        `${longId},101,2017-07,1,0,0,0`, // 2: a 300-digit person
        `${'p'.repeat(257)},101,2017-07,1,0,0,0`, // 3: a 257-byte text person
        `x1,${longName},2017-07,1,0,0,0`, // 4: a 401-byte kommune
        `x2,101,2017-07${'0'.repeat(300)},1,0,0,0`, // 5: a long month
        `x3,101,2017-07,${'1'.repeat(300)},0,0,0`, // 6: a long flag
        `x4,101,2017-07,1,0,0,0`, // 7: fine
        '',
      ].join('\n'),
    );
    expect(error.diagnostics.map((d) => [d.line, d.code, d.column])).toEqual([
      [2, 'persons.cell-too-long', 'person'],
      [3, 'persons.cell-too-long', 'person'],
      [4, 'persons.cell-too-long', 'kommune'],
      [5, 'persons.cell-too-long', 'month'],
      [6, 'persons.cell-too-long', 'recipient'],
    ]);
    const text = formatError(error).join('\n');
    expect(text).not.toMatch(/8888|pppp|øøøø|0000|1111/);
    expect(text.length).toBeLessThan(1000);
  });

  it('refuses a 10 MB cell as a line too long, with no stack overflow', () => {
    const error = readError(`${HEADER}\n${'7'.repeat(10 << 20)},101,2017-07,1,0,0,0\n`);
    expect(error.diagnostics).toEqual([expect.objectContaining({ code: 'persons.line-too-long', line: 2 })]);
  });
});
