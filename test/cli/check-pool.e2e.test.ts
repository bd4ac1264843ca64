/**
 * An allocation made for another pool is refused before anything is evaluated or recorded:
 * made with `--pool flere-skal-med-2` (50/40/10 %) and checked without `--pool`, it used to
 * be evaluated under Flere skal med 1's rules and recorded, exit 0.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const { dir } = scratchDir('flere-check-pool-');
const made = (format: string, ...extra: string[]) => {
  const out = join(dir, `fsm2-${format}${extra.join('')}.${format === 'json' ? 'json' : 'csv'}`);
  const r = runCli(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--pool', 'flere-skal-med-2', '--format', format, '-o', out, ...extra]);
  expect(r.code).toBe(0);
  return out;
};
const FSM2_JSON = made('json');
const FSM2_CSV = made('csv');
const FSM2_DA = made('csv', '--locale', 'da');

describe('check refuses an allocation of another pool', () => {
  it('JSON names its pool: a data error that says which --pool to give; the ledger is not created', () => {
    const ledger = join(dir, 'ledger-json.csv');
    const r = runCli(['check', 'data/progress-2017.csv', '--allocation', FSM2_JSON, '--ledger', ledger, '--record', '--format', 'json']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    const doc = JSON.parse(r.stderr) as { issues: { code: string; value: string }[] };
    expect(doc.issues.map((i) => [i.code, i.value])).toEqual([['allocation.other-pool', 'flere-skal-med-2']]);
    expect(existsSync(ledger)).toBe(false);
  });

  it.each([
    ['CSV', FSM2_CSV],
    ['Danish CSV', FSM2_DA],
  ])('%s names no pool, but its 50/40/10 tranches are not 30/40/30: refused, an existing ledger untouched', (_, allocation) => {
    const ledger = join(dir, 'ledger-csv.csv');
    const before = 'pool,kommune,name,tranche,amount,month_due,recorded_at\n';
    writeFileSync(ledger, before);
    const r = runCli(['check', 'data/progress-2017.csv', '--allocation', allocation, '--ledger', ledger, '--record']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^flere: \S+: the tranches of København \(101\), \S+ \/ \S+ \/ \S+ of \S+, are not the 30\/40\/30 % of pool flere-skal-med-1 \(nor are those of 88 more\): an allocation of another pool\? Give its --pool\n$/);
    expect(readFileSync(ledger, 'utf8')).toBe(before);
  });

  it('with the right --pool all three are read and give the same statuses', () => {
    const progress = join(dir, 'fsm2-progress.csv');
    writeFileSync(progress, 'kommune,month,target_group,paid_hours\n101,2020-01,100,16\n461,2020-01,100,21\n');
    const statuses = (allocation: string) => {
      const r = runCli(['check', progress, '--allocation', allocation, '--pool', 'flere-skal-med-2', '--format', 'json']);
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { tranches: unknown[] }).tranches;
    };
    const fromJson = statuses(FSM2_JSON) as { id: string; tranche: number; status: string }[];
    expect(fromJson.length).toBe(89 * 3);
    // København 16 % ≥ 15 %: tranche 2 due; Odense 21 % ≥ 20 %: tranches 2 and 3.
    expect(fromJson.filter((t) => t.status === 'due' && t.tranche > 1).map((t) => `${t.id}/${t.tranche}`)).toEqual(['101/2', '461/2', '461/3']);
    expect(statuses(FSM2_CSV)).toEqual(fromJson);
    expect(statuses(FSM2_DA)).toEqual(fromJson);
  });
});

describe('followup and report apply the same rule', () => {
  const followup = (allocation: string, ...extra: string[]) =>
    runCli(['followup', allocation, '--to', 'data/followup-2017.csv', '--key', 'weight', '--unit', '1000', ...extra]);

  it('followup refuses an allocation of another pool than --pool names; without --pool it takes the preset the allocation names', () => {
    const r = followup(FSM2_JSON, '--pool', 'flere-skal-med-1');
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe(`flere: ${FSM2_JSON}: this allocation was made for pool "flere-skal-med-2", not flere-skal-med-1: give --pool flere-skal-med-2 (see flere pools)\n`);
    for (const extra of [[], ['--pool', 'flere-skal-med-2']]) {
      const ok = followup(FSM2_JSON, ...extra, '--format', 'table');
      expect(ok.code).toBe(0);
      expect(ok.stdout.split('\n')[0]).toMatch(/^Follow-up pool of Flere skal med 2: /);
    }
  });

  it('a pool of the user’s own (a JSON file): no preset of that name is suggested, the file is asked for', () => {
    const template = JSON.parse(runCli(['pools', 'flere-skal-med-2', '--format', 'json']).stdout) as Record<string, unknown>;
    const poolFile = join(dir, 'min-pulje.json');
    writeFileSync(poolFile, JSON.stringify({ ...template, id: 'min-pulje', name: 'Min pulje' }));
    const allocation = join(dir, 'min-pulje-allocation.json');
    expect(runCli(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--pool', poolFile, '--format', 'json', '-o', allocation]).code).toBe(0);
    const wanted = `flere: ${allocation}: this allocation was made for pool "min-pulje", not flere-skal-med-1: give --pool with the pool file it was made with\n`;
    const refused = [followup(allocation), runCli(['check', 'data/progress-2017.csv', '--allocation', allocation]), runCli(['report', allocation, '-o', join(dir, 'r.html')])];
    for (const r of refused) expect([r.code, r.stderr]).toEqual([1, wanted]);
    // With its file, the follow-up pool is titled by the pool's own name (it once said Flere skal med 1).
    const r = followup(allocation, '--pool', poolFile, '--format', 'table');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^Follow-up pool of Min pulje: /);
  });
});
