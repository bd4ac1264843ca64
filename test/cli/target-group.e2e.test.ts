/**
 * The target group fixed at a reference month, end to end: the two cases that made "due"
 * change afterwards and a mover block a kommune, the reference month defaulted from the pool
 * and given (by option or pool file), the leaver rule, and `flere progress` → `flere check`
 * agreeing with `flere check --persons` under every option. Expected values by hand.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const { file } = scratchDir('flere-target-group-');

const ALLOCATION = file(
  'allocation.json',
  JSON.stringify({
    version: 1,
    total: '300',
    unit: '1',
    unallocated: '0',
    followup: '0',
    allocations: [
      { id: '101', name: 'København', count: '2', amount: '100', tranches: ['30', '40', '30'], applied: true },
      { id: '751', name: 'Aarhus', count: '1', amount: '100', tranches: ['30', '40', '30'], applied: true },
      { id: '825', name: 'Læsø', count: '2', amount: '100', tranches: ['30', '40', '30'], applied: true },
    ],
  }),
);

const HEADER = 'person,kommune,month,recipient,cleared,company,paid_hours';
// Flags: recipient, cleared, company, paid_hours.
const ROWS = [
  // Læsø: its two recipients of 2017-07 are cleared that month.
  '0101801111,825,2017-07,1,1,0,0',
  '0202802222,825,2017-07,1,1,0,0',
  '0101801111,825,2017-08,1,1,0,0',
  '0202802222,825,2017-08,1,1,0,0',
  '0101801111,825,2017-09,1,1,0,0',
  '0202802222,825,2017-09,1,1,0,0',
  // København: M is cleared in 2017-07 and moves to Aarhus in 2017-08; K is cleared in 2017-09.
  '0303803333,101,2017-07,1,1,0,0',
  '0404804444,101,2017-07,1,0,0,0',
  '0303803333,751,2017-08,1,1,0,0',
  '0404804444,101,2017-08,1,0,0,0',
  '0303803333,751,2017-09,1,1,0,0',
  '0404804444,101,2017-09,1,1,0,0',
  // Aarhus: A is its one recipient of 2017-07, cleared in 2017-08.
  '0505805555,751,2017-07,1,0,0,0',
  '0505805555,751,2017-08,1,1,0,0',
  '0505805555,751,2017-09,1,1,0,0',
];
const PERSONS = file('persons.csv', [HEADER, ...ROWS, ''].join('\n'));
// The data up to 2017-08; and all of it with one new person on Læsø in 2017-09.
const UNTIL_AUGUST = file('persons-august.csv', [HEADER, ...ROWS.filter((r) => !r.includes(',2017-09,')), ''].join('\n'));
const LATER = file('persons-later.csv', [HEADER, ...ROWS, '0606806666,825,2017-09,1,0,0,0', ''].join('\n'));

interface Tranche {
  id: string;
  tranche: number;
  status: string;
  month: string | null;
}
const tranche2 = (stdout: string): string[] =>
  (JSON.parse(stdout) as { tranches: Tranche[] }).tranches.filter((t) => t.tranche === 2).map((t) => `${t.id} ${t.status} ${t.month ?? '-'}`);

/** `flere check --persons FILE …` and `flere progress FILE … | flere check - …` must agree; returns the first's stdout. */
function checkBothWays(persons: string, targetGroup: readonly string[], checkArgs: readonly string[] = []): string {
  const direct = runCli(['check', '--persons', persons, '--allocation', ALLOCATION, '--format', 'json', ...targetGroup, ...checkArgs]);
  expect([direct.code, direct.stderr]).toEqual([0, '']);
  const progress = runCli(['progress', persons, ...targetGroup]);
  expect([progress.code, progress.stderr]).toEqual([0, '']);
  const viaFile = runCli(['check', '-', '--allocation', ALLOCATION, '--format', 'json', ...checkArgs], { input: progress.stdout });
  expect([viaFile.code, viaFile.stderr]).toEqual([0, '']);
  expect(viaFile.stdout).toBe(direct.stdout);
  return direct.stdout;
}

describe('the target group fixed at the reference month', () => {
  it('keeps a due tranche due when a new person appears later (Læsø)', () => {
    const before = checkBothWays(UNTIL_AUGUST, []);
    expect(tranche2(before)).toContain('825 due 2017-07');
    // With 2017-09 and its newcomer: still due in 2017-07 (the newcomer is in no target group).
    expect(tranche2(checkBothWays(LATER, []))).toContain('825 due 2017-07');
  });

  it('lets neither kommune of a mover be blocked (København → Aarhus)', () => {
    // Aarhus: its group is A alone (M came later), cleared in 08. København: M cleared in 07
    // before moving, K in 09.
    expect(tranche2(checkBothWays(PERSONS, []))).toEqual(['101 due 2017-09', '751 due 2017-08', '825 due 2017-07']);
  });

  it('shows what each column counts for the mover, in the progress CSV', () => {
    const r = runCli(['progress', PERSONS]);
    expect(r.stdout).toBe(
      [
        'kommune,month,target_group,cleared,recipients,company_activity,paid_hours',
        '101,2017-07,2,1,2,0,0',
        '101,2017-08,2,1,1,0,0', // M, cleared, is still in København's group after moving
        '101,2017-09,2,2,1,0,0',
        '751,2017-07,1,0,1,0,0',
        '751,2017-08,1,1,2,0,0', // M is an Aarhus recipient, but not in its group
        '751,2017-09,1,1,2,0,0',
        '825,2017-07,2,2,2,0,0',
        '825,2017-08,2,2,2,0,0',
        '825,2017-09,2,2,2,0,0',
        '',
      ].join('\n'),
    );
  });

  it('takes the reference month from the pool by default, and from --reference-month or a pool file when given', () => {
    // 2017-08 as the reference: København's group is K alone (M had left), cleared in 09;
    // Aarhus's is A and M, both cleared by 08; before 2017-08 there is no group (no row meets "all cleared").
    const given = runCli(['progress', PERSONS, '--reference-month', '2017-08', '--format', 'json']);
    expect([given.code, given.stderr]).toEqual([0, '']);
    const doc = JSON.parse(given.stdout) as { target_group: unknown; progress: { kommune: string; month: string; target_group: number; cleared: number }[] };
    expect(doc.target_group).toEqual({ reference_month: '2017-08', leavers: 'drop' });
    expect(doc.progress.map((r) => `${r.kommune} ${r.month} ${r.target_group}/${r.cleared}`)).toEqual([
      '101 2017-07 0/0',
      '101 2017-08 1/0',
      '101 2017-09 1/1',
      '751 2017-07 0/0',
      '751 2017-08 2/2',
      '751 2017-09 2/2',
      '825 2017-07 0/0',
      '825 2017-08 2/2',
      '825 2017-09 2/2',
    ]);
    expect(tranche2(checkBothWays(PERSONS, ['--reference-month', '2017-08']))).toEqual(['101 due 2017-09', '751 due 2017-08', '825 due 2017-08']);

    // A pool file that names the reference month gives the same; the option wins over it.
    const preset = JSON.parse(runCli(['pools', 'flere-skal-med-1', '--format', 'json']).stdout) as Record<string, unknown>;
    expect(preset['reference_month']).toBe('2017-07');
    const pool = file('pool.json', JSON.stringify({ ...preset, id: 'fsm1-august', reference_month: '2017-08' }));
    expect(runCli(['progress', PERSONS, '--pool', pool, '--format', 'json']).stdout).toBe(given.stdout);
    expect(runCli(['progress', PERSONS, '--pool', pool, '--reference-month', '2017-07']).stdout).toBe(runCli(['progress', PERSONS]).stdout);
  });

  it('refuses a file without rows in the reference month (another pool’s data), exit 1', () => {
    const r = runCli(['progress', PERSONS, '--pool', 'flere-skal-med-2']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `flere: ${PERSONS}: no row in the reference month 2020-01, whose recipients form the target groups (the file has 2017-07 to 2017-09): ` +
        'give the pool with --pool, or the month with --reference-month YYYY-MM\n',
    );
    const check = runCli(['check', '--persons', PERSONS, '--allocation', ALLOCATION, '--reference-month', '2016-12']);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('no row in the reference month 2016-12');
  });

  it('validates the reference month of a pool file', () => {
    const preset = JSON.parse(runCli(['pools', 'flere-skal-med-1', '--format', 'json']).stdout) as Record<string, unknown>;
    for (const [value, message] of [
      ['2020-01', 'reference_month: the reference month is after the end month 2019-12'],
      ['2017-13', 'reference_month: expected a month as "YYYY-MM"'],
    ] as const) {
      const pool = file('bad-pool.json', JSON.stringify({ ...preset, reference_month: value }));
      const r = runCli(['progress', PERSONS, '--pool', pool]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(message);
    }
  });

  it('applies the leaver rule: dropped by default, kept with --leavers keep', () => {
    // G, in København's group, has no rows after 2017-07 and was never cleared.
    const gone = file('gone.csv', [HEADER, ...ROWS, '0707807777,101,2017-07,1,0,0,0', ''].join('\n'));
    expect(tranche2(checkBothWays(gone, []))).toContain('101 due 2017-09');
    expect(tranche2(checkBothWays(gone, ['--leavers', 'drop']))).toContain('101 due 2017-09');
    expect(tranche2(checkBothWays(gone, ['--leavers', 'keep']))).toContain('101 pending -');
  });

  it('treats bad values and the options with a PROGRESS file as usage errors (exit 2)', () => {
    expect(runCli(['progress', PERSONS, '--reference-month', '2017-13']).code).toBe(2);
    expect(runCli(['progress', PERSONS, '--leavers', 'forget']).code).toBe(2);
    const progress = file('progress.csv', runCli(['progress', PERSONS]).stdout);
    const r = runCli(['check', progress, '--allocation', ALLOCATION, '--leavers', 'keep']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--reference-month and --leavers are for a --persons file');
  });

  it('gives the README’s worked example (data/persons-example.csv)', () => {
    const drop = runCli(['progress', 'data/persons-example.csv']);
    expect([drop.code, drop.stderr]).toEqual([0, '']);
    // København: A, B, C in 2017-07; B gone uncleared in 08 (dropped), C off the benefit but
    // a member with paid hours; in 09 A and C cleared, D a recipient and not a member.
    // Aarhus: B is a recipient there, in no group.
    expect(drop.stdout).toBe(
      [
        'kommune,month,target_group,cleared,recipients,company_activity,paid_hours',
        '101,2017-07,3,0,3,0,0',
        '101,2017-08,2,1,1,0,1',
        '101,2017-09,2,2,2,2,1',
        '751,2017-08,0,0,1,0,0',
        '751,2017-09,0,0,1,0,0',
        '',
      ].join('\n'),
    );
    const keep = runCli(['progress', 'data/persons-example.csv', '--leavers', 'keep']);
    expect(keep.stdout.split('\n').filter((l) => l.startsWith('101,')).map((l) => l.split(',').slice(1, 4).join(' '))).toEqual([
      '2017-07 3 0',
      '2017-08 3 1',
      '2017-09 3 2',
    ]);
  });
});
