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

