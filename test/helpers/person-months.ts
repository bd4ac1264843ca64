/**
 * A fast-check generator of person-month files for the progress tests: a few persons with
 * mixed identifiers (CPR-shaped digits, digits with leading zeros, free text), movers between
 * kommuner, at most one row per person and month, rows in random order.
 */
import fc from 'fast-check';
import type { PersonMonthRecord } from '../../src/core/person-progress.js';

/** Random person-month records: each person at most one row per month, rows shuffled. */
export const personMonths = fc
  .record({
    persons: fc.integer({ min: 1, max: 25 }),
    cells: fc.array(
      fc.record({
        person: fc.integer({ min: 0, max: 24 }),
        month: fc.constantFrom('2016-11', '2016-12', '2017-01', '2017-02', '2017-07', '2018-12', '2019-01'),
        kommune: fc.constantFrom('101', '147', '151', '461', '860'),
        recipient: fc.boolean(),
        cleared: fc.boolean(),
        company: fc.boolean(),
        paidHours: fc.boolean(),
      }),
      { maxLength: 120 },
    ),
    order: fc.array(fc.nat(), { maxLength: 120 }),
  })
  .map(({ persons, cells, order }) => {
    const seen = new Set<string>();
    const records: PersonMonthRecord[] = [];
    for (const c of cells) {
      const person = c.person % persons;
      if (seen.has(`${person}|${c.month}`)) continue;
      seen.add(`${person}|${c.month}`);
      // Mixed identifiers: CPR-shaped digits, digits with leading zeros, free text.
      const id = person % 3 === 0 ? `${1000000000 + person * 7919}` : person % 3 === 1 ? `00${person}` : `sag-${person}`;
      records.push({ ...c, person: id });
    }
    // Shuffle by the generated order (a permutation of positions).
    for (let i = records.length - 1; i > 0; i -= 1) {
      const j = (order[i % Math.max(1, order.length)] ?? 0) % (i + 1);
      [records[i], records[j]] = [records[j] as PersonMonthRecord, records[i] as PersonMonthRecord];
    }
    return records;
  });


/**
 * Person-month records as case systems produce them: each person follows a path over
 * `months` consecutive months from `from` (staying in a kommune, moving now and then, gone
 * for a while or for good, joining late), with flags that often make a whole group cleared
 * and a threshold met. Rows in month order.
 */
export function personPaths({ kommuner, from, months }: { kommuner: readonly string[]; from: string; months: number }) {
  const month = (i: number): string => {
    const index = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1 + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  };
  const step = fc.record({
    // 0–5: stay; 6: move to another kommune; 7: gone this month.
    move: fc.integer({ min: 0, max: 7 }),
    to: fc.nat(kommuner.length - 1),
    recipient: fc.integer({ min: 0, max: 5 }).map((n) => n > 0),
    cleared: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
    company: fc.boolean(),
    paidHours: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  });
  const path = fc.record({
    start: fc.nat(kommuner.length - 1),
    joins: fc.integer({ min: 0, max: months - 1 }).chain((late) => fc.constantFrom(0, 0, 0, late)),
    steps: fc.array(step, { minLength: months, maxLength: months }),
  });
  return fc.array(path, { minLength: 1, maxLength: 10 }).map((paths) => {
    const records: PersonMonthRecord[] = [];
    paths.forEach((p, n) => {
      let at: number = p.start;
      p.steps.forEach((s, i) => {
        if (i < p.joins) return;
        if (s.move === 6) at = s.to;
        if (s.move === 7) return;
        records.push({
          person: n % 2 === 0 ? `${1000000000 + n * 7919}` : `sag-${n}`,
          kommune: kommuner[at] as string,
          month: month(i),
          recipient: s.recipient,
          cleared: s.cleared,
          company: s.company,
          paidHours: s.paidHours,
        });
      });
    });
    return records.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  });
}
