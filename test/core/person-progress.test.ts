import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlereError } from '../../src/core/diagnostics.js';
import { addMonths, monthIndex } from '../../src/core/months.js';
import {
  PersonFlag,
  PersonIds,
  type PersonMonthRecord,
  PersonProgress,
  type ProgressRow,
  aggregatePersonMonths,
} from '../../src/core/person-progress.js';
import { LEAVER_RULES, type TargetGroupRule } from '../../src/core/target-group.js';
import { type AllocatedKommune, trancheStatuses } from '../../src/core/tranche-status.js';
import { asCheckProgress } from '../../src/io/person-progress-input.js';
import { type PoolDefinition, referenceMonth } from '../../src/pools/pool.js';
import { FLERE_SKAL_MED_1, FLERE_SKAL_MED_2 } from '../../src/pools/presets.js';
import { personMonths, personPaths } from '../helpers/person-months.js';

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

const DROP: TargetGroupRule = { referenceMonth: '2017-07', leavers: 'drop' };
const KEEP: TargetGroupRule = { referenceMonth: '2017-07', leavers: 'keep' };

describe('person-month aggregation, worked out by hand', () => {
  // Six persons over 2017-07..10 in kommuner 101, 147, 151 (test/fixtures/persons-small.csv),
  // reference month 2017-07, whose recipients are A and B (101), C and D (147) and F (151).
  // A stays in 101, cleared from 08 (its 10 row comes first). B is in 101 in 07–08, cleared
  // there in 08, then moves to 147: it stays cleared in 101's group, and is in no group of
  // 147. C (a non-numeric id) stays in 147, never cleared; company=1 with recipient=0 does
  // not count. D goes 147 → 101 → 147 and is first cleared in 147 in 09: in 08 it is gone
  // from 147 uncleared (dropped), from 09 it counts as cleared. E appears only in 151 in 10,
  // after the reference month: in no group. F is in 151 in 07–08 (cleared in 08) and in 101
  // in 09–10; its 101 row with cleared=1 comes first in the file, yet it counts as cleared in
  // 151 from 08, and stays in 151's group after moving. paid_hours counts members in the
  // group with paid hours that month, wherever their row is (B's 10 row in 147 counts for 101).
  const expected = [
    '101,2017-07,2,0,2,0,0',
    '101,2017-08,2,2,3,2,0',
    '101,2017-09,2,2,2,1,0',
    '101,2017-10,2,2,1,0,1',
    '147,2017-07,2,0,2,1,0',
    '147,2017-08,1,0,1,0,0',
    '147,2017-09,2,1,2,1,1',
    '147,2017-10,2,1,0,0,0',
    '151,2017-07,1,0,1,0,0',
    '151,2017-08,1,1,1,1,0',
    '151,2017-10,1,1,0,0,0',
  ].map(row);

  it('gives the hand-derived rows', () => {
    expect(aggregatePersonMonths(fixtureRecords(), DROP)).toEqual(expected);
  });

  it('gives the same rows for the records in reverse order', () => {
    expect(aggregatePersonMonths(fixtureRecords().reverse(), DROP)).toEqual(expected);
  });

  it('keeps D in 147’s group in 2017-08 when leavers are kept', () => {
    const rows = aggregatePersonMonths(fixtureRecords(), KEEP);
    // Only 147's 2017-08 differs: D is in 101 that month, not yet cleared, and kept, with
    // the paid hours of its 101 row.
    expect(rows).toEqual(expected.map((r) => (r.kommune === '147' && r.month === '2017-08' ? row('147,2017-08,2,0,1,0,1') : r)));
  });

  it('has no target group before the reference month, and another one for another month', () => {
    // Reference 2017-08: recipients A, B, D (101) and C (147), F (151). 2017-07 has no group.
    // 101: A, B cleared from 08; D leaves 101 for 147 in 09 uncleared but is cleared there in
    // 09, so it counts (cleared) from 09 on; its paid hours in 08 count (it is in 101 then).
    const rows = aggregatePersonMonths(fixtureRecords(), { referenceMonth: '2017-08', leavers: 'drop' });
    expect(rows).toEqual(
      [
        '101,2017-07,0,0,2,0,0',
        '101,2017-08,3,2,3,2,1',
        '101,2017-09,3,3,2,1,0',
        '101,2017-10,3,3,1,0,1',
        '147,2017-07,0,0,2,1,0',
        '147,2017-08,1,0,1,0,0',
        '147,2017-09,1,0,2,1,1',
        '147,2017-10,1,0,0,0,0',
        '151,2017-07,0,0,1,0,0',
        '151,2017-08,1,1,1,1,0',
        '151,2017-10,1,1,0,0,0',
      ].map(row),
    );
  });

  it('keeps cleared ≤ target_group, paid_hours ≤ target_group and company_activity ≤ recipients', () => {
    for (const rule of [DROP, KEEP]) {
      for (const r of aggregatePersonMonths(fixtureRecords(), rule)) {
        expect(r.cleared).toBeLessThanOrEqual(r.target_group);
        expect(r.paid_hours).toBeLessThanOrEqual(r.target_group);
        expect(r.company_activity).toBeLessThanOrEqual(r.recipients);
      }
    }
  });

  it('refuses a person in two kommuner in one month, by line and without the person', () => {
    const records = fixtureRecords();
    // A (0101801111) is in 101 in 2017-09 on line 7; put it in 151 too, on line 22.
    const extra: PersonMonthRecord = { ...(records[0] as PersonMonthRecord), kommune: '151', month: '2017-09', line: 22 };
    let error: unknown;
    try {
      aggregatePersonMonths([...records, extra], DROP, 'persons.csv');
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
    expect(() => aggregatePersonMonths([...records, again], DROP)).toThrow(FlereError);
    try {
      aggregatePersonMonths([...records, again], DROP);
    } catch (e) {
      expect((e as FlereError).diagnostics[0]?.code).toBe('persons.duplicate-month');
      expect((e as FlereError).diagnostics[0]?.line).toBe(22);
    }
  });
});

/** Records from `person,kommune,month,flags` lines, flags as four 0/1 digits (recipient, cleared, company, paid). */
function records(...lines: string[]): PersonMonthRecord[] {
  return lines.map((l) => {
    const [person, kommune, month, flags] = l.split(',') as [string, string, string, string];
    return {
      person,
      kommune,
      month,
      recipient: flags[0] === '1',
      cleared: flags[1] === '1',
      company: flags[2] === '1',
      paidHours: flags[3] === '1',
    };
  });
}

/** `kommune month target_group/cleared` for each row, for short expectations. */
const groups = (rows: readonly ProgressRow[]): string[] => rows.map((r) => `${r.kommune} ${r.month} ${r.target_group}/${r.cleared}`);

describe('the target group, case by case', () => {
  it('a late joiner is in no target group, but counts as a recipient and in company activity', () => {
    const rows = aggregatePersonMonths(
      records('a,101,2017-07,1000', 'a,101,2017-08,1100', 'late,101,2017-08,1110', 'late,101,2017-09,1010', 'a,101,2017-09,1100'),
      DROP,
    );
    // a is the group (cleared from 08); late's rows count as recipient and company, never in the group.
    expect(rows).toEqual(['101,2017-07,1,0,1,0,0', '101,2017-08,1,1,2,1,0', '101,2017-09,1,1,2,1,0'].map(row));
  });

  it('a mover cleared before the move stays cleared in its kommune, and is in no group of the new one', () => {
    const rows = aggregatePersonMonths(
      records('m,101,2017-07,1000', 'm,101,2017-08,1100', 'm,147,2017-09,1100', 'm,147,2017-10,1100', 'x,147,2017-07,1000', 'x,147,2017-09,1000', 'x,147,2017-10,1000'),
      DROP,
    );
    expect(groups(rows)).toEqual([
      '101 2017-07 1/0',
      '101 2017-08 1/1',
      '147 2017-07 1/0',
      '147 2017-09 1/0', // m is in 147 but not a member: 147's group is x alone
      '147 2017-10 1/0',
    ]);
    // 101 has no rows after m left, so its figures stop at 08 (a month without rows has no data).
  });

  it('a mover cleared after the move counts as cleared for its old kommune from that month', () => {
    // m leaves 101 for 147 in 08 uncleared and is cleared in 147 in 10; 101 keeps y.
    const input = records(
      'm,101,2017-07,1000',
      'm,147,2017-08,1000',
      'm,147,2017-09,1000',
      'm,147,2017-10,1100',
      'y,101,2017-07,1100',
      'y,101,2017-08,1100',
      'y,101,2017-09,1100',
      'y,101,2017-10,1100',
    );
    const only101 = (rule: TargetGroupRule) => groups(aggregatePersonMonths(input, rule)).filter((g) => g.startsWith('101'));
    // Dropped while gone and uncleared (101 is all cleared in 08 and 09), back as cleared in 10.
    expect(only101(DROP)).toEqual(['101 2017-07 2/1', '101 2017-08 1/1', '101 2017-09 1/1', '101 2017-10 2/2']);
    // Kept: 101 waits for 147 to clear m.
    expect(only101(KEEP)).toEqual(['101 2017-07 2/1', '101 2017-08 2/1', '101 2017-09 2/1', '101 2017-10 2/2']);
  });

  it('a leaver (no more rows) is dropped from its group, or holds it with leavers kept; one who returns is back', () => {
    // g leaves the data after 07 uncleared (died, folkepension, moved abroad) and comes back in 10.
    const input = records('g,461,2017-07,1000', 'h,461,2017-07,1000', 'h,461,2017-08,1100', 'h,461,2017-09,1100', 'g,461,2017-10,1000', 'h,461,2017-10,1100');
    expect(groups(aggregatePersonMonths(input, { ...DROP }))).toEqual(['461 2017-07 2/0', '461 2017-08 1/1', '461 2017-09 1/1', '461 2017-10 2/1']);
    expect(groups(aggregatePersonMonths(input, { ...KEEP }))).toEqual(['461 2017-07 2/0', '461 2017-08 2/1', '461 2017-09 2/1', '461 2017-10 2/1']);
  });

  it('a group everyone left uncleared counts 0, never "all cleared"', () => {
    const input = records('p,665,2017-07,1000', 'q,665,2017-07,1000', 'p,101,2017-08,1000', 'q,101,2017-08,1000', 'r,665,2017-08,1000');
    expect(groups(aggregatePersonMonths(input, DROP)).filter((g) => g.startsWith('665'))).toEqual(['665 2017-07 2/0', '665 2017-08 0/0']);
  });

  it('a person in the reference month who is no recipient then is in no group', () => {
    const input = records('n,101,2017-07,0000', 'n,101,2017-08,1100', 'a,101,2017-07,1000', 'a,101,2017-08,1000');
    expect(groups(aggregatePersonMonths(input, DROP))).toEqual(['101 2017-07 1/0', '101 2017-08 1/0']);
  });
});

describe('PersonProgress', () => {
  it('returns the kommune already holding the month, and counts nothing then', () => {
    const p = new PersonProgress();
    expect(p.add(0, 101, monthIndex('2017-07'), PersonFlag.recipient)).toBe(0);
    expect(p.add(0, 147, monthIndex('2017-07'), PersonFlag.recipient)).toBe(101);
    expect(p.add(0, 101, monthIndex('2017-07'), PersonFlag.recipient)).toBe(101);
    expect(p.size).toBe(1);
    expect(p.rows(DROP)).toEqual([row('101,2017-07,1,0,1,0,0')]);
  });

  it('grows past its initial capacities (many persons, kommuner and months)', () => {
    const p = new PersonProgress();
    const reference = monthIndex('2000-01');
    for (let person = 0; person < 5000; person += 1) {
      // Every person a recipient in the reference month, cleared in a later month of its own.
      p.add(person, 100 + (person % 300), reference, PersonFlag.recipient);
      p.add(person, 100 + (person % 300), reference + 1 + (person % 150), PersonFlag.cleared);
    }
    // person % 150 follows from person % 300: each kommune has the reference month and one
    // later month, in which all its members are cleared.
    const rows = p.rows({ referenceMonth: '2000-01', leavers: 'drop' });
    expect(rows).toHaveLength(600);
    const [first, later] = [rows.filter((r) => r.month === '2000-01'), rows.filter((r) => r.month !== '2000-01')];
    expect(first.reduce((s, r) => s + r.target_group, 0)).toBe(5000);
    expect(first.every((r) => r.cleared === 0)).toBe(true);
    for (const r of later) expect(r.cleared).toBe(r.target_group);
    expect(later.reduce((s, r) => s + r.cleared, 0)).toBe(5000);
    expect(p.months()).toHaveLength(151);
    expect(p.hasMonth(reference)).toBe(true);
    expect(p.hasMonth(reference - 1)).toBe(false);
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
 * The reference: the README's definitions computed the obvious way, over all records at
 * once, with sets and nested loops.
 */
function reference(records: readonly PersonMonthRecord[], rule: TargetGroupRule): ProgressRow[] {
  const kommuneOf = (r: PersonMonthRecord): string => String(r.kommune).padStart(3, '0');
  const at = (person: string, month: string) => records.find((r) => r.person === person && r.month === month);
  const firstCleared = (person: string): string | undefined =>
    records.filter((r) => r.person === person && r.cleared).map((r) => r.month).sort()[0];
  const cells = new Map<string, PersonMonthRecord[]>();
  for (const r of records) {
    const key = `${kommuneOf(r)}|${r.month}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  const out: ProgressRow[] = [];
  for (const [key, rows] of cells) {
    const [kommune, month] = key.split('|') as [string, string];
    const members = month < rule.referenceMonth ? [] : records.filter((r) => r.month === rule.referenceMonth && r.recipient && kommuneOf(r) === kommune);
    let group = 0;
    let cleared = 0;
    let paid = 0;
    for (const { person } of members) {
      const first = firstCleared(person);
      const isCleared = first !== undefined && first <= month;
      const now = at(person, month);
      const here = now !== undefined && kommuneOf(now) === kommune;
      if (!(isCleared || here || rule.leavers === 'keep')) continue;
      group += 1;
      if (isCleared) cleared += 1;
      if (now?.paidHours) paid += 1;
    }
    out.push({
      kommune,
      month,
      target_group: group,
      cleared,
      recipients: rows.filter((r) => r.recipient).length,
      company_activity: rows.filter((r) => r.recipient && r.company).length,
      paid_hours: paid,
    });
  }
  return out.sort((a, b) => Number(a.kommune) - Number(b.kommune) || (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

const rules = fc.record({
  referenceMonth: fc.constantFrom('2016-11', '2016-12', '2017-01', '2017-07', '2018-12', '2019-02'),
  leavers: fc.constantFrom(...LEAVER_RULES),
});

describe('person-month aggregation against a reference implementation', () => {
  it('agrees on random files with movers and out-of-order rows, for any reference month and leaver rule', () => {
    fc.assert(
      fc.property(personMonths, rules, (records, rule) => {
        expect(aggregatePersonMonths(records, rule)).toEqual(reference(records, rule));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(personMonths, rules, (records, rule) => {
        expect(aggregatePersonMonths([...records].reverse(), rule)).toEqual(aggregatePersonMonths(records, rule));
      }),
      { numRuns: 100 },
    );
  });
});

/** Progress rows as `flere check` evaluates them (kommune → month → metric → count), as `check --persons` does. */
const asProgress = (rows: ProgressRow[]) => asCheckProgress({ rows, summary: { rows: 0, persons: 0, firstLine: new Map() } }).byKommune;

// Pools over the generated months (2017-05 … 2018-04): Flere skal med 1's rules, and Flere
// skal med 2's (paid hours / target group) moved to the same period. One-month streaks make
// thresholds fall due often enough to test.
const POOLS: readonly PoolDefinition[] = [
  FLERE_SKAL_MED_1,
  { ...FLERE_SKAL_MED_1, tranches: FLERE_SKAL_MED_1.tranches.map((t) => (t.condition.kind === 'threshold' ? { ...t, condition: { ...t.condition, months: 1 } } : t)) },
  { ...FLERE_SKAL_MED_2, start: '2017-07', end: '2018-06', reference_month: '2017-07' },
];
const KOMMUNER = ['101', '147', '461'];
const ALLOCATIONS: readonly AllocatedKommune[] = KOMMUNER.map((id) => ({
  id,
  name: id,
  amount: { digits: 100n, scale: 0 },
  tranches: [{ digits: 30n, scale: 0 }, { digits: 40n, scale: 0 }, { digits: 30n, scale: 0 }],
  applied: true,
}));

describe('"due" never goes back', () => {
  it('adding later months never turns a due tranche into pending, for any as-of', () => {
    fc.assert(
      fc.property(
        personPaths({ kommuner: KOMMUNER, from: '2017-05', months: 12 }),
        fc.constantFrom(...POOLS),
        fc.constantFrom(...LEAVER_RULES),
        fc.nat(11),
        fc.nat(11),
        fc.nat(11),
        (records, pool, leavers, a, b, c) => {
          const [asOf, cut, later] = [a, b, c].sort((x, y) => x - y).map((n) => addMonths('2017-05', n as number)) as [string, string, string];
          const rule = { referenceMonth: referenceMonth(pool), leavers };
          const until = (last: string) => records.filter((r) => r.month <= last);
          const statuses = (last: string, at: string, asOfStated: boolean) =>
            trancheStatuses({
              pool,
              allocations: ALLOCATIONS,
              progress: asProgress(aggregatePersonMonths(until(last), rule)),
              ledger: [],
              asOf: at,
              asOfStated,
            }).map((t) => `${t.id}/${t.tranche} ${t.status} ${t.month ?? '-'}`);
          // The data up to `cut`, evaluated as of then (the default as-of: the data's last
          // month); and the data up to `later`, as of then.
          const before = statuses(cut, cut, false);
          const after = statuses(later, later, false);
          for (const due of before.filter((s) => s.includes(' due '))) expect(after).toContain(due);
          // With the as-of fixed (--as-of), later data changes nothing at all.
          expect(statuses(later, asOf, true)).toEqual(statuses(asOf, asOf, true));
        },
      ),
      { numRuns: 300 },
    );
  });
});
