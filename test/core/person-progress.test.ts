import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlereError } from '../../src/core/diagnostics.js';
import { monthIndex } from '../../src/core/months.js';
import {
  PersonFlag,
  PersonIds,
  type PersonMonthRecord,
  PersonProgress,
  type ProgressRow,
  aggregatePersonMonths,
} from '../../src/core/person-progress.js';
import { personMonths } from '../helpers/person-months.js';

/** The test's own reading of the small fixture: plain comma-split, nothing clever. */
function fixtureRecords(): PersonMonthRecord[] {
  const lines = readFileSync(new URL('../fixtures/persons-small.csv', import.meta.url), 'utf8').trim().split('\n');
  return lines.slice(1).map((line, i) => {
    const [person, kommune, month, recipient, cleared, company, paid] = line.split(',') as string[];
    return {
      person: person as string,
      kommune: kommune as string,
      month: month as string,
      recipient: recipient === '1',
      cleared: cleared === '1',
      company: company === '1',
      paidHours: paid === '1',
      line: i + 2,
    };
  });
}

const row = (text: string): ProgressRow => {
  const [kommune, month, ...n] = text.split(',');
  const [target_group, cleared, recipients, company_activity, paid_hours] = n.map(Number) as number[];
  return { kommune: kommune as string, month: month as string, target_group, cleared, recipients, company_activity, paid_hours } as ProgressRow;
};

describe('person-month aggregation, worked out by hand', () => {
  // Six persons over 2017-07..10 in kommuner 101, 147, 151 (test/fixtures/persons-small.csv):
  // A stays in 101, cleared from 08 (its 10 row comes first). B is in 101 in 07–08, cleared
  // there in 08, then moves to 147 and stays cleared: it counts as cleared in 101 only. C (a
  // non-numeric id) stays in 147, never cleared; company=1 with recipient=0 does not count.
  // D goes 147 → 101 → 147 and is first cleared in 147 in 09. E appears only in 151 in 10.
  // F is in 151 in 07–08 (cleared in 08) and in 101 in 09–10; its 101 row with cleared=1
  // comes first in the file, yet it is counted as cleared in 151, from 08.
  const expected = [
    '101,2017-07,4,0,2,0,0',
    '101,2017-08,4,2,3,2,1',
    '101,2017-09,4,2,2,1,1',
    '101,2017-10,4,2,1,0,0',
    '147,2017-07,3,0,2,1,0',
    '147,2017-08,3,0,1,0,0',
    '147,2017-09,3,1,2,1,1',
    '147,2017-10,3,1,0,0,1',
    '151,2017-07,2,0,1,0,0',
    '151,2017-08,2,1,1,1,0',
    '151,2017-10,2,2,0,0,0',
  ].map(row);

  it('gives the hand-derived rows', () => {
    expect(aggregatePersonMonths(fixtureRecords())).toEqual(expected);
  });

  it('gives the same rows for the records in reverse order', () => {
    expect(aggregatePersonMonths(fixtureRecords().reverse())).toEqual(expected);
  });

  it('keeps cleared ≤ target_group and company_activity ≤ recipients', () => {
    for (const r of aggregatePersonMonths(fixtureRecords())) {
      expect(r.cleared).toBeLessThanOrEqual(r.target_group);
      expect(r.company_activity).toBeLessThanOrEqual(r.recipients);
    }
  });

  it('refuses a person in two kommuner in one month, by line and without the person', () => {
    const records = fixtureRecords();
    // A (0101801111) is in 101 in 2017-09 on line 7; put it in 151 too, on line 22.
    const extra: PersonMonthRecord = { ...(records[0] as PersonMonthRecord), kommune: '151', month: '2017-09', line: 22 };
    let error: unknown;
    try {
      aggregatePersonMonths([...records, extra], 'persons.csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlereError);
    const flere = error as FlereError;
    expect(flere.exitCode).toBe(1);
    expect(flere.diagnostics).toEqual([
      { code: 'persons.two-kommuner', file: 'persons.csv', line: 22, args: { month: '2017-09', kommune: '151', other: '101' } },
    ]);
    expect(JSON.stringify(flere.diagnostics)).not.toContain('0101801111');
  });

  it('refuses a second row of the same person, kommune and month as a duplicate', () => {
    const records = fixtureRecords();
    const again: PersonMonthRecord = { ...(records[5] as PersonMonthRecord), line: 22 };
    expect(() => aggregatePersonMonths([...records, again])).toThrow(FlereError);
    try {
      aggregatePersonMonths([...records, again]);
    } catch (e) {
      expect((e as FlereError).diagnostics[0]?.code).toBe('persons.duplicate-month');
      expect((e as FlereError).diagnostics[0]?.line).toBe(22);
    }
  });
});

describe('PersonProgress', () => {
  it('returns the kommune already holding the month, and counts nothing then', () => {
    const p = new PersonProgress();
    expect(p.add(0, 101, monthIndex('2017-07'), PersonFlag.recipient)).toBe(0);
    expect(p.add(0, 147, monthIndex('2017-07'), PersonFlag.recipient)).toBe(101);
    expect(p.add(0, 101, monthIndex('2017-07'), PersonFlag.recipient)).toBe(101);
    expect(p.size).toBe(1);
    expect(p.rows()).toEqual([row('101,2017-07,1,0,1,0,0')]);
  });

  it('grows past its initial capacities (many persons, kommuner and months)', () => {
    const p = new PersonProgress();
    for (let person = 0; person < 5000; person += 1) {
      p.add(person, 100 + (person % 300), monthIndex('2000-01') + (person % 150), PersonFlag.cleared);
    }
    // person % 150 follows from person % 300, so there are 300 kommune-months, one per kommune.
    const rows = p.rows();
    expect(rows).toHaveLength(300);
    expect(rows.reduce((s, r) => s + r.target_group, 0)).toBe(5000);
    for (const r of rows) expect(r.cleared).toBe(r.target_group);
  });

  it('rejects values outside its documented ranges', () => {
    const p = new PersonProgress();
    expect(() => p.add(0, 0, monthIndex('2017-07'), 0)).toThrow(RangeError);
    expect(() => p.add(0, 10000, monthIndex('2017-07'), 0)).toThrow(RangeError);
    expect(() => p.add(0, 101, monthIndex('1899-12'), 0)).toThrow(RangeError);
    expect(() => p.add(-1, 101, monthIndex('2017-07'), 0)).toThrow(RangeError);
    expect(() => p.add(1.5, 101, monthIndex('2017-07'), 0)).toThrow(RangeError);
  });

  it('interns person ids densely in order of first sight', () => {
    const ids = new PersonIds();
    expect([ids.intern('b'), ids.intern('a'), ids.intern('b'), ids.intern('c')]).toEqual([0, 1, 0, 2]);
    expect(ids.size).toBe(3);
  });
});

/**
 * The reference: the definitions computed the obvious way, over all records at once,
 * with sets and nested loops.
 */
function reference(records: readonly PersonMonthRecord[]): ProgressRow[] {
  const cells = new Map<string, PersonMonthRecord[]>();
  for (const r of records) {
    const key = `${r.kommune}|${r.month}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  const firstCleared = new Map<string, PersonMonthRecord>();
  for (const r of records) {
    if (!r.cleared) continue;
    const seen = firstCleared.get(r.person);
    if (seen === undefined || r.month < seen.month) firstCleared.set(r.person, r);
  }
  const out: ProgressRow[] = [];
  for (const [key, rows] of cells) {
    const [kommune, month] = key.split('|') as [string, string];
    out.push({
      kommune: String(kommune).padStart(3, '0'),
      month,
      target_group: new Set(records.filter((r) => String(r.kommune) === kommune).map((r) => r.person)).size,
      cleared: [...firstCleared.values()].filter((f) => String(f.kommune) === kommune && f.month <= month).length,
      recipients: rows.filter((r) => r.recipient).length,
      company_activity: rows.filter((r) => r.recipient && r.company).length,
      paid_hours: rows.filter((r) => r.paidHours).length,
    });
  }
  return out.sort((a, b) => Number(a.kommune) - Number(b.kommune) || (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

describe('person-month aggregation against a reference implementation', () => {
  it('agrees on random files with movers and out-of-order rows', () => {
    fc.assert(
      fc.property(personMonths, (records) => {
        expect(aggregatePersonMonths(records)).toEqual(reference(records));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(personMonths, (records) => {
        expect(aggregatePersonMonths([...records].reverse())).toEqual(aggregatePersonMonths(records));
      }),
      { numRuns: 100 },
    );
  });
});
