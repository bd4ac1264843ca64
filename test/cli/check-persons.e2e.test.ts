/**
 * `flere check --persons FILE` end to end: a small hand-made person file gives exactly what
 * the equivalent progress CSV gives, the aggregation worked out by hand below; PROGRESS and
 * --persons are one or the other; no person identifier ever reaches stdout or stderr.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, withoutWarnings } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const { file } = scratchDir('flere-check-persons-');

const ALLOCATION = file(
  'allocation.json',
  JSON.stringify({
    version: 1,
    total: '1110',
    unit: '1',
    unallocated: '0',
    followup: '0',
    allocations: [
      { id: '461', name: 'Odense', count: '100', amount: '1000', tranches: ['300', '400', '300'], applied: true },
      { id: '851', name: 'Aalborg', count: '10', amount: '100', tranches: ['30', '40', '30'], applied: true },
      { id: '101', name: 'København', count: '1', amount: '10', tranches: ['3', '4', '3'], applied: true },
    ],
  }),
);

// Seven persons (CPR-shaped and a case number); flags recipient,cleared,company,paid_hours.
const [P1, P2, P3, P4, P5, P6, P7] = ['0101801111', '0202802222', '0303803333', '0404804444', '0505805555', '0606806666', 'SAG-77'];
const PERSON_IDS = [P1, P2, P3, P4, P5, P6, P7] as string[];
const ROWS: readonly string[] = [
  // Odense 2017-07: all five recipients, P1 and P2 in company activity; P1 cleared, paid hours.
  `${P1},461,2017-07,1,1,1,1`,
  `${P2},461,2017-07,1,0,1,0`,
  `${P3},461,2017-07,1,0,0,0`,
  `${P4},461,2017-07,1,0,0,0`,
  `${P5},461,2017-07,1,0,0,0`,
  // Odense 2017-08: P5 is no recipient, so its company flag does not count; P2, P3 cleared.
  `${P1},461,2017-08,1,1,1,1`,
  `${P2},461,2017-08,1,1,1,0`,
  `${P3},461,2017-08,1,1,0,0`,
  `${P4},461,2017-08,1,0,0,0`,
  `${P5},461,2017-08,0,0,1,0`,
  // Odense 2017-09: P6 has moved in from Aalborg (cleared there in 2017-08: not Odense's).
  `${P1},461,2017-09,1,0,0,1`,
  `${P2},461,2017-09,1,0,0,0`,
  `${P3},461,2017-09,1,0,1,0`,
  `${P4},461,2017-09,1,1,1,0`,
  `${P5},461,2017-09,1,0,1,0`,
  `${P6},461,2017-09,1,1,0,1`,
  // Odense 2017-10: P5 cleared; only P6 in company activity.
  `${P1},461,2017-10,1,0,0,1`,
  `${P2},461,2017-10,1,0,0,0`,
  `${P3},461,2017-10,1,0,0,0`,
  `${P4},461,2017-10,1,0,0,0`,
  `${P5},461,2017-10,1,1,0,0`,
  `${P6},461,2017-10,1,0,1,0`,
  // Aalborg: P6 until 2017-08 (cleared there in 2017-08), P7 until 2017-09.
  `${P6},851,2017-07,1,0,1,0`,
  `${P7},851,2017-07,1,0,0,0`,
  `${P6},851,2017-08,1,1,0,0`,
  `${P7},851,2017-08,1,0,0,0`,
  `${P7},851,2017-09,1,1,1,0`,
];
const HEADER = 'person,kommune,month,recipient,cleared,company,paid_hours';
// Any order will do: this one interleaves kommuner and months.
const shuffled = ROWS.map((row, i) => ({ row, key: (i * 11) % ROWS.length })).sort((a, b) => a.key - b.key).map((x) => x.row);
const PERSONS_TEXT = [HEADER, ...shuffled, ''].join('\n');
const PERSONS = file('persons.csv', PERSONS_TEXT);

// Worked out by hand from the rows above, with the default pool's reference month 2017-07:
// Odense's target group is P1–P5 (its recipients in 2017-07), Aalborg's P6 and P7. P6, who
// moves in from Aalborg, is in Odense's recipients but not in its group.
// Odense: group 5 every month; cleared 1 (P1), 3 (P2, P3), 4 (P4), 5 (P5): all cleared in
//   2017-10. company/recipients: 2/5 = 40 % exactly, 2/4 (P5 not a recipient), 3/6, 1/6.
//   Paid hours among members: P1 in every month.
// Aalborg: group 2 (P6, P7); cleared 0, 1 (P6 in 2017-08), 2 (P7 in 2017-09): P6 counts for
//   Aalborg, cleared, after moving to Odense, and so do its paid hours there in 2017-09.
//   company 1/2, 0/2, 1/1.
// København: no rows.
const PROGRESS = file(
  'progress.csv',
  [
    'kommune,month,target_group,cleared,recipients,company_activity,paid_hours',
    '461,2017-07,5,1,5,2,1',
    '461,2017-08,5,3,4,2,1',
    '461,2017-09,5,4,6,3,1',
    '461,2017-10,5,5,6,1,1',
    '851,2017-07,2,0,2,1,0',
    '851,2017-08,2,1,2,0,0',
    '851,2017-09,2,2,1,1,1',
    '',
  ].join('\n'),
);

const fromProgress = (...args: string[]) => runCli(['check', PROGRESS, '--allocation', ALLOCATION, ...args]);
const fromPersons = (...args: string[]) => runCli(['check', '--persons', PERSONS, '--allocation', ALLOCATION, ...args]);

interface Tranche {
  id: string;
  tranche: number;
  status: string;
  month: string | null;
  evidence: { rates?: { rate: string }[] };
}
const statuses = (stdout: string): string[] =>
  (JSON.parse(stdout) as { tranches: Tranche[] }).tranches.map((t) => `${t.id}/${t.tranche} ${t.status} ${t.month ?? '-'}`);

const noPersonIn = (text: string): void => {
  for (const id of PERSON_IDS) expect(text).not.toContain(id);
};

describe('flere check --persons', () => {
  it('the hand-worked progress is what flere progress makes of the person file', () => {
    const r = runCli(['progress', PERSONS]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(readFileSync(PROGRESS, 'utf8'));
  });

  it('gives the same JSON as the equivalent progress CSV, with the hand-derived statuses', () => {
    const persons = fromPersons('--format', 'json');
    const progress = fromProgress('--format', 'json');
    expect([persons.code, withoutWarnings(persons.stderr)]).toEqual([0, '']);
    expect([progress.code, withoutWarnings(progress.stderr)]).toEqual([0, '']);
    expect(persons.stdout).toBe(progress.stdout);
    noPersonIn(persons.stdout);

    const doc = JSON.parse(persons.stdout) as { as_of: string; tranches: Tranche[] };
    expect(doc.as_of).toBe('2017-10');
    expect(statuses(persons.stdout)).toEqual([
      '461/1 due 2017-07',
      '461/2 due 2017-10', // 5 of 5 cleared; the mover from Aalborg is not in Odense's group
      '461/3 due 2017-09', // 40 %, 50 %, 50 %
      '851/1 due 2017-07',
      '851/2 due 2017-09', // 2 of 2 cleared
      '851/3 pending -', // 50 %, 0 %, 100 %: no streak of three
      '101/1 due 2017-07',
      '101/2 pending -',
      '101/3 pending -',
    ]);
    const odense3 = doc.tranches.find((t) => t.id === '461' && t.tranche === 3);
    expect(odense3?.evidence.rates?.map((x) => x.rate)).toEqual(['40.00', '50.00', '50.00']);
  });

  it('warns, as the progress CSV does, that Aalborg\'s rows stop in 2017-09 while its tranche 3 is unmet', () => {
    const persons = fromPersons('--format', 'csv');
    const progress = fromProgress('--format', 'csv');
    const warning = (file: string) =>
      `flere: warning: ${file}: Aalborg (851): no data since 2017-09 (the data runs to 2017-10); its unmet tranches may be waiting for rows that never came\n`;
    expect(persons.stderr).toBe(warning(PERSONS));
    expect(progress.stderr).toBe(warning(PROGRESS));
  });

  it('agrees with the progress CSV as of an earlier month, in CSV too, and from standard input', () => {
    const persons = fromPersons('--as-of', '2017-08', '--format', 'json');
    expect([persons.code, withoutWarnings(persons.stderr)]).toEqual([0, '']);
    expect(persons.stdout).toBe(fromProgress('--as-of', '2017-08', '--format', 'json').stdout);
    expect(statuses(persons.stdout).filter((s) => s.includes(' due '))).toEqual([
      '461/1 due 2017-07',
      '851/1 due 2017-07',
      '101/1 due 2017-07',
    ]);

    const csv = fromPersons('--format', 'csv');
    expect([csv.code, withoutWarnings(csv.stderr)]).toEqual([0, '']);
    expect(csv.stdout).toBe(fromProgress('--format', 'csv').stdout);

    const stdin = runCli(['check', '--persons', '-', '--allocation', ALLOCATION, '--format', 'json'], { input: PERSONS_TEXT });
    expect([stdin.code, withoutWarnings(stdin.stderr)]).toEqual([0, '']);
    expect(stdin.stdout).toBe(fromProgress('--format', 'json').stdout);
  });

  it('both PROGRESS and --persons, or neither, is a usage error (exit 2)', () => {
    const both = runCli(['check', PROGRESS, '--persons', PERSONS, '--allocation', ALLOCATION]);
    expect(both.code).toBe(2);
    expect(both.stdout).toBe('');
    expect(both.stderr).toContain('either as PROGRESS or as a person file with --persons FILE, not both');

    const neither = runCli(['check', '--allocation', ALLOCATION]);
    expect(neither.code).toBe(2);
    expect(neither.stdout).toBe('');
    expect(neither.stderr).toContain('no progress given');
  });

  it('refuses the progress file’s reading options and two inputs on standard input (exit 2)', () => {
    const encoding = fromPersons('--encoding', 'windows-1252');
    expect(encoding.code).toBe(2);
    expect(encoding.stderr).toContain('--encoding and --delimiter are for a PROGRESS file');

    const twoStdin = runCli(['check', '--persons', '-', '--allocation', '-'], { input: PERSONS_TEXT });
    expect(twoStdin.code).toBe(2);
    expect(twoStdin.stderr).toContain('standard input');
  });

  it('refuses a pool that reads a metric a person file does not give (exit 2)', () => {
    const preset = runCli(['pools', 'flere-skal-med-1', '--format', 'json']).stdout;
    const pool = file('pool.json', preset.replace(/"company_activity"/g, '"job_offers"'));
    const r = fromPersons('--pool', pool);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('job_offers');
    expect(r.stderr).toContain('use a progress file');
  });

  it('errors name the file and line, never a person', () => {
    // P1 in Aalborg in a month it is already in Odense: a data error.
    const twice = file('twice.csv', `${PERSONS_TEXT}${P1},851,2017-07,1,0,0,0\n`);
    const r1 = runCli(['check', '--persons', twice, '--allocation', ALLOCATION]);
    expect(r1.code).toBe(1);
    expect(r1.stdout).toBe('');
    expect(r1.stderr).toContain(`${twice}:${ROWS.length + 2}:`);
    noPersonIn(r1.stderr);

    // A kommune (Lemvig) that is not in the allocation: named by its code, with its line.
    const lemvig = file('lemvig.csv', `${PERSONS_TEXT}${P7},665,2017-10,1,0,0,0\n`);
    const r2 = runCli(['check', '--persons', lemvig, '--allocation', ALLOCATION, '--format', 'json']);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain(`${lemvig}:${ROWS.length + 2}: kommune 665 has progress rows but is not in the allocation`);
    noPersonIn(r2.stderr);
    noPersonIn(r2.stdout);
  });
});
