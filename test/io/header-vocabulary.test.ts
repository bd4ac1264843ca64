/**
 * One vocabulary of header names for every reader: for each concept, every reader that has a
 * column of that meaning reads a file whose header names that column by any of the concept's
 * words (in any of the usual spellings). The readers and the meaning of their columns are
 * declared here, independently of the readers' own specs; each case reads a small file and
 * checks the value came from the renamed column.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFixed, parseFixed } from '../../src/core/decimal.js';
import { PersonProgress } from '../../src/core/person-progress.js';
import { readAllocation } from '../../src/io/allocation-reader.js';
import { readApplicants } from '../../src/io/applicants-reader.js';
import { headerMatcher, matchColumns, normalizeColumnName } from '../../src/io/columns.js';
import { readCounts } from '../../src/io/counts-reader.js';
import { readFollowupTargets } from '../../src/io/followup-reader.js';
import { column, HEADER_WORDS, type HeaderConcept, KOMMUNE_COLUMN, trancheColumnNumber } from '../../src/io/header-vocabulary.js';
import { parseLedger } from '../../src/io/ledger.js';
import { readPersonFile } from '../../src/io/person-stream.js';
import { readProgress } from '../../src/io/progress-reader.js';
import { resolveKommune } from '../../src/registry/match.js';

const dir = mkdtempSync(join(tmpdir(), 'flere-vocabulary-'));
const bytes = (lines: string[]): Uint8Array => Buffer.from(`${lines.join('\n')}\n`);
const fixed = (s: string) => parseFixed(s)!;

/**
 * A reader under test: its columns in file order, each with the concepts it means and the
 * cell of the one data row; `read` reads a file with the given header and returns what it
 * made of the row, to compare with what it makes of the canonical header.
 */
interface Reader {
  readonly name: string;
  readonly columns: readonly { readonly key: string; readonly concepts: readonly HeaderConcept[]; readonly cell: string }[];
  readonly read: (header: readonly string[], row: readonly string[]) => unknown;
}

let fileNo = 0;
const READERS: readonly Reader[] = [
  {
    name: 'person file',
    columns: [
      { key: 'person', concepts: ['person', 'id'], cell: '0101801111' },
      { key: 'kommune', concepts: ['kommune', 'kommuneCode', 'kommuneName'], cell: 'Odense' },
      { key: 'month', concepts: ['month'], cell: '2017-07' },
      { key: 'recipient', concepts: ['recipients'], cell: '1' },
      { key: 'cleared', concepts: ['cleared'], cell: '1' },
      { key: 'company', concepts: ['companyActivity'], cell: '0' },
      { key: 'paid_hours', concepts: ['paidHours'], cell: '1' },
    ],
    read: (header, row) => {
      const path = join(dir, `persons-${(fileNo += 1)}.csv`);
      writeFileSync(path, bytes([header.join(';'), row.join(';')]));
      const sink = new PersonProgress();
      readPersonFile(path, sink, { name: 'p.csv', resolve: resolveKommune });
      return sink.rows({ referenceMonth: '2017-07', leavers: 'drop' });
    },
  },
  {
    name: 'progress file',
    columns: [
      { key: 'kommune', concepts: ['kommune', 'kommuneCode', 'kommuneName', 'id', 'name'], cell: 'Odense' },
      { key: 'month', concepts: ['month'], cell: '2017-07' },
      { key: 'target_group', concepts: ['targetGroup'], cell: '50' },
      { key: 'cleared', concepts: ['cleared'], cell: '40' },
      { key: 'recipients', concepts: ['recipients'], cell: '30' },
      { key: 'company_activity', concepts: ['companyActivity'], cell: '20' },
      { key: 'paid_hours', concepts: ['paidHours'], cell: '10' },
    ],
    read: (header, row) => {
      const metrics = ['target_group', 'cleared', 'recipients', 'company_activity', 'paid_hours'];
      const progress = readProgress(bytes([header.join(';'), row.join(';')]), { file: 'x.csv', metrics, bounds: [] });
      return [...(progress.byKommune.get('461') ?? [])];
    },
  },
  {
    name: 'applicants file',
    columns: [{ key: 'kommune', concepts: ['kommune', 'kommuneCode', 'kommuneName', 'id', 'name', 'payee'], cell: 'Odense' }],
    read: (header, row) => readApplicants(bytes([header.join(','), row.join(',')]), 'a.csv').map((a) => a.code),
  },
  {
    name: 'follow-up recipients (--to)',
    columns: [{ key: 'kommune', concepts: ['kommune', 'kommuneCode', 'kommuneName', 'id', 'name', 'payee'], cell: 'Odense' }],
    read: (header, row) => readFollowupTargets(bytes([header.join(','), row.join(',')]), { file: 't.csv' }).map((t) => t.id),
  },
  {
    name: 'ledger',
    columns: [
      { key: 'pool', concepts: ['pool'], cell: 'flere-skal-med-1' },
      { key: 'kommune', concepts: ['kommune', 'kommuneCode', 'id'], cell: '461' },
      { key: 'name', concepts: ['kommuneName', 'name'], cell: 'Odense' },
      { key: 'tranche', concepts: ['tranche'], cell: '2' },
      { key: 'amount', concepts: ['amount'], cell: '4820000' },
      { key: 'month_due', concepts: ['monthDue', 'month'], cell: '2017-07' },
      { key: 'recorded_at', concepts: ['recordedAt'], cell: '2017-08-01T06:00:00.000Z' },
    ],
    read: (header, row) => {
      const ledger = parseLedger(`${[header.join(','), row.join(',')].join('\n')}\n`, 'l.csv', 'flere-skal-med-1');
      return { entries: ledger.entries, columns: ledger.columns };
    },
  },
  {
    name: 'allocation CSV',
    columns: [
      { key: 'id', concepts: ['id', 'kommuneCode', 'kommune'], cell: '461' },
      { key: 'name', concepts: ['name', 'kommuneName'], cell: 'Odense' },
      { key: 'count', concepts: ['count', 'targetGroup'], cell: '1600' },
      { key: 'amount', concepts: ['amount'], cell: '100' },
      { key: 'applied', concepts: ['applied'], cell: 'ja' },
      { key: 'tranche_1', concepts: [], cell: '30' },
      { key: 'tranche_2', concepts: [], cell: '40' },
      { key: 'tranche_3', concepts: [], cell: '30' },
    ],
    read: (header, row) => {
      const allocation = readAllocation(bytes([header.join(','), row.join(',')]), {
        file: 'a.csv',
        shares: ['30', '40', '30'].map(fixed),
        unit: fixed('1'),
        summary: true,
      });
      return allocation.kommuner.map((k) => ({ ...k, count: k.count && formatFixed(k.count), amount: formatFixed(k.amount) }));
    },
  },
  {
    name: 'counts file',
    columns: [
      { key: 'code', concepts: ['kommuneCode', 'id'], cell: '461' },
      { key: 'kommune', concepts: ['kommune', 'kommuneName', 'name'], cell: 'Odense' },
      { key: 'count', concepts: ['count', 'targetGroup'], cell: '1600' },
    ],
    read: (header, row) => readCounts(bytes([header.join(','), row.join(',')]), { file: 'c.csv', registry: true }),
  },
  {
    name: 'counts file with --no-registry',
    columns: [
      { key: 'name', concepts: ['name', 'payee'], cell: 'Projekt A' },
      { key: 'id', concepts: ['id'], cell: 'Projekt A' },
      { key: 'count', concepts: ['count', 'targetGroup', 'weight'], cell: '12.5' },
    ],
    read: (header, row) => readCounts(bytes([header.join(','), row.join(',')]), { file: 'c.csv', registry: false }),
  },
];

/** Spellings people use for one header word: as listed, capitals, underscores, ASCII for æøå. */
function spellings(word: string): string[] {
  return [
    word,
    word.toUpperCase(),
    word.replace(/ /g, '_'),
    word.replace(/å/g, 'aa').replace(/ø/g, 'oe').replace(/æ/g, 'ae'),
    word.charAt(0).toUpperCase() + word.slice(1).replace(/_/g, ' '),
  ];
}

const cases = READERS.flatMap((reader) =>
  reader.columns.flatMap((column, index) =>
    column.concepts.flatMap((concept) => HEADER_WORDS[concept].map((word) => ({ reader, index, concept, word, column: column.key }))),
  ),
);

describe('one vocabulary of header names', () => {
  it.each(READERS.map((r) => [r.name, r] as const))('the %s reads its canonical header', (_name, reader) => {
    expect(reader.read(reader.columns.map((c) => c.key), reader.columns.map((c) => c.cell))).toBeTruthy();
  });

  it.each(cases.map((c) => [c.reader.name, c.column, c.concept, c.word, c] as const))(
    'the %s reads its «%s» column (%s) under the name %j',
    (_r, _c, _concept, _word, { reader, index, word }) => {
      const canonical = reader.columns.map((c) => c.key);
      const row = reader.columns.map((c) => c.cell);
      const expected = reader.read(canonical, row);
      for (const spelling of spellings(word)) {
        const header = canonical.map((name, i) => (i === index ? spelling : name));
        expect(reader.read(header, row), spelling).toEqual(expected);
      }
    },
  );

  it('never lets one name mean two columns of one reader', () => {
    for (const reader of READERS) {
      const owner = new Map<string, string>();
      for (const column of reader.columns) {
        for (const word of [column.key, ...column.concepts.flatMap((c) => HEADER_WORDS[c])]) {
          const key = normalizeColumnName(word);
          const other = owner.get(key);
          expect(other === undefined || other === column.key, `${reader.name}: «${word}» names ${other} and ${column.key}`).toBe(true);
          owner.set(key, column.key);
        }
      }
    }
  });

  it('covers every concept, and no header word has a digit (none can be a CPR number)', () => {
    const used = new Set(READERS.flatMap((r) => r.columns.flatMap((c) => c.concepts)));
    expect([...used].sort()).toEqual(Object.keys(HEADER_WORDS).sort());
    for (const words of Object.values(HEADER_WORDS)) for (const w of words) expect(w).not.toMatch(/\d/);
  });

  it('reads a person file with CPR;Kommunenavn;… (the issue’s example)', () => {
    const persons = READERS[0] as Reader;
    const header = ['CPR', 'Kommunenavn', 'Måned', 'Modtager', 'Afklaret', 'Virksomhedsrettet', 'Løntimer'];
    const row = persons.columns.map((c) => c.cell);
    expect(persons.read(header, row)).toEqual(persons.read(persons.columns.map((c) => c.key), row));
  });

  it('reads an allocation’s tranche columns under every tranche word, with a note in brackets', () => {
    for (const word of HEADER_WORDS.tranche) {
      for (const spelling of spellings(word)) {
        expect([`${spelling}_1`, `${spelling} 2`, `${spelling}3 (kr.)`].map(trancheColumnNumber)).toEqual([1, 2, 3]);
      }
    }
    expect(['tranche', 'tranche_x', 'ratex1', 'tranche_1234', 'rate 1 (kr.) x'].map(trancheColumnNumber)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('matches 1 MB hostile header cells in linear time (well under a second of work)', () => {
    const specs = [column('kommune', KOMMUNE_COLUMN, true), column('amount', ['amount'], true), column('month', ['month'], false)] as const;
    const hostile = [
      `a${'_'.repeat(1_000_000)}b`,
      '('.repeat(1_000_000),
      `tranche1${'('.repeat(1_000_000)})`,
      `rate${'9'.repeat(1_000_000)}`,
      ' -.'.repeat(330_000),
      'a\u0301\u200b'.repeat(330_000),
      'åøæ'.repeat(330_000),
    ];
    const before = process.cpuUsage();
    for (const cell of hostile) {
      expect(headerMatcher(specs)([cell, 'Kommune'])).toBe(true);
      expect(matchColumns([cell, 'Kommune', 'Beløb'], specs, { file: 'x.csv', line: 1 }).amount.index).toBe(2);
      // A megabyte of header cell is no column name, not even `tranche1 (a note)`.
      expect(trancheColumnNumber(cell)).toBeUndefined();
    }
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });
});
