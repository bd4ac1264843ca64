// Follow-up rounds through the built CLI: the 2017 story in two rounds with no krone
// distributed twice, every refusal (a source an earlier round distributed, a round of another
// allocation), and the cases where flere and its README disagreed or flere crashed (exit 70):
// totals with øre, 0.05 allocations where everyone applied, a CSV allocation's unit, nobody
// applying, a total below one unit. A few random pools run allocate → followup end to end.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, ROOT, runCli } from '../helpers/run-cli.js';

interface RoundJson {
  round: number;
  pool: string;
  unit: string;
  unallocated: string;
  sources: { id: string; kind: string; tranche: number | null; amount: string }[];
  allocations: { id: string; amount: string }[];
  not_distributed: { id: string; kind: string; tranche: number | null; amount: string }[];
  earlier: { paid: string; unallocated: string; sources: { round: number; id: string; tranche: number | null; amount: string }[] };
  check: Record<string, string | boolean>;
}
interface AllocationJson {
  total: string;
  unit: string;
  unallocated: string;
  followup: string;
  allocations: { id: string; count: string; amount: string; tranches: string[]; applied: boolean }[];
}
interface Issues {
  exit_code: number;
  issues: { code: string; file?: string; value?: string; line?: number }[];
}

const dir = mkdtempSync(join(tmpdir(), 'flere-rounds-'));
const at = (name: string): string => join(dir, name);

/** A decimal string as an integer count of 10^−scale kroner. */
function scaled(text: string, scale: number): bigint {
  const [int = '', frac = ''] = text.split('.');
  expect(frac.length).toBeLessThanOrEqual(scale);
  return BigInt(int + frac.padEnd(scale, '0'));
}
const sum = (xs: readonly bigint[]): bigint => xs.reduce((s, x) => s + x, 0n);
const key = (s: { id: string; tranche: number | null }): string => `${s.id}#${s.tranche ?? ''}`;

/**
 * Standard error of a successful run holds warnings at most (a counts file of a few kommuner
 * names the missing ones): as lines `flere: warning: …`, or with --format json one document
 * of warnings.
 */
function expectOnlyWarnings(stderr: string, context = ''): void {
  if (stderr === '') return;
  if (stderr.startsWith('{')) {
    expect(Object.keys(JSON.parse(stderr) as object), context).toEqual(['version', 'warnings', 'omitted']);
    return;
  }
  for (const line of stderr.trimEnd().split('\n')) expect(line, context).toMatch(/^flere: warning: /);
}

function ok(args: string[]): CliResult {
  const r = runCli(args);
  expectOnlyWarnings(r.stderr, args.join(' '));
  expect(r.code).toBe(0);
  return r;
}
const json = <T>(args: string[]): T => JSON.parse(ok([...args, '--format', 'json']).stdout) as T;
/** A refused run with --format json: its exit code and the issues' codes, files and values. */
function refused(args: string[]): Issues {
  const r = runCli([...args, '--format', 'json']);
  expect(r.stdout).toBe('');
  return JSON.parse(r.stderr) as Issues;
}

describe('the 2017 story in two rounds: no krone distributed twice', () => {
  const to = ['--to', 'data/followup-2017.csv', '--key', 'weight', '--unit', '1000'];
  let allocation: AllocationJson;
  let forfeitedTranches: Map<string, bigint>;

  beforeAll(() => {
    ok(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--format', 'json', '-o', at('allocation.json')]);
    ok(['check', 'data/progress-2017.csv', '--allocation', at('allocation.json'), '--as-of', '2019-12', '--format', 'json', '-o', at('check.json')]);
    ok(['followup', at('allocation.json'), ...to, '--format', 'json', '-o', at('round-1.json')]);
    allocation = JSON.parse(readFileSync(at('allocation.json'), 'utf8')) as AllocationJson;
    const check = JSON.parse(readFileSync(at('check.json'), 'utf8')) as { tranches: { id: string; tranche: number; amount: string; status: string }[] };
    forfeitedTranches = new Map(check.tranches.filter((t) => t.status === 'forfeited').map((t) => [`${t.id}#${t.tranche}`, BigInt(t.amount)]));
  });

  it('December 2017 takes the non-applicants; the pool\'s end takes only the forfeited tranches', () => {
    const one = JSON.parse(readFileSync(at('round-1.json'), 'utf8')) as RoundJson;
    const notApplied = allocation.allocations.filter((k) => !k.applied);
    expect(one.round).toBe(1);
    expect(one.sources.map(key)).toEqual(notApplied.map((k) => `${k.id}#`));
    expect(BigInt(one.pool)).toBe(sum(notApplied.map((k) => BigInt(k.amount))));

    const two = json<RoundJson>(['followup', at('allocation.json'), '--forfeited', at('check.json'), '--sources', 'forfeited', '--after', at('round-1.json'), ...to]);
    expect(two.round).toBe(2);
    expect(new Map(two.sources.map((s) => [key(s), BigInt(s.amount)]))).toEqual(forfeitedTranches);
    expect(two.sources.every((s) => s.kind === 'forfeited')).toBe(true);
    // The two rounds' sources are disjoint, and together every follow-up source once.
    const all = [...one.sources, ...two.sources].map(key);
    expect(new Set(all).size).toBe(all.length);
    expect(two.earlier.sources.map(key)).toEqual(one.sources.map(key));
    expect(two.earlier.sources.every((s) => s.round === 1)).toBe(true);
    // Every krone of 262,500,000 once: kept + round 1 (paid + rest) + round 2 (paid + rest).
    const applicants = allocation.allocations.filter((k) => k.applied).flatMap((k) => k.tranches.map(BigInt));
    const kept = sum(applicants) - sum([...forfeitedTranches.values()]);
    const paid = (r: RoundJson): bigint => sum(r.allocations.map((a) => BigInt(a.amount)));
    expect(BigInt(two.check['kept_by_applicants'] as string)).toBe(kept);
    expect(BigInt(two.check['earlier_rounds_paid'] as string)).toBe(paid(one));
    expect(BigInt(two.check['earlier_rounds_unallocated'] as string)).toBe(BigInt(one.unallocated));
    expect(kept + paid(one) + BigInt(one.unallocated) + paid(two) + BigInt(two.unallocated)).toBe(262_500_000n);
    expect(two.check['accounts_for_original_pool']).toBe(true);
  });

  it('refuses a round that takes the non-applicants again, naming each where round 1 lists it (exit 1)', () => {
    const r = refused(['followup', at('allocation.json'), '--forfeited', at('check.json'), '--after', at('round-1.json'), ...to]);
    expect(r.exit_code).toBe(1);
    expect(r.issues.map((i) => [i.code, i.file, i.value])).toEqual(
      Array.from({ length: 9 }, (_, i) => ['followup.already-distributed', at('round-1.json'), `sources[${i}]`]),
    );
    const plain = runCli(['followup', at('allocation.json'), '--after', at('round-1.json'), ...to]);
    expect(plain.code).toBe(1);
    expect(plain.stderr.split('\n')[0]).toBe(
      `flere: ${at('round-1.json')}: sources[0]: Dragør (155), which did not apply, 622245 kr., was distributed by round 1 already and cannot be distributed again (--sources forfeited takes only the forfeited tranches)`,
    );
  });

  it('carries the history: after round 2, neither kind can be taken again', () => {
    ok(['followup', at('allocation.json'), '--forfeited', at('check.json'), '--sources', 'forfeited', '--after', at('round-1.json'), ...to, '--format', 'json', '-o', at('round-2.json')]);
    const again = refused(['followup', at('allocation.json'), '--forfeited', at('check.json'), '--sources', 'forfeited', '--after', at('round-2.json'), ...to]);
    expect(again.exit_code).toBe(1);
    expect(new Set(again.issues.map((i) => i.code))).toEqual(new Set(['followup.already-distributed']));
    const first = refused(['followup', at('allocation.json'), '--after', at('round-2.json'), ...to]);
    expect(first.issues[0]).toMatchObject({ code: 'followup.already-distributed', value: 'earlier.sources[0]' });
    // A round's record is an input of the next: -o may not overwrite it.
    const before = readFileSync(at('round-2.json'), 'utf8');
    const over = refused(['followup', at('allocation.json'), '--forfeited', at('check.json'), '--sources', 'forfeited', '--after', at('round-2.json'), ...to, '-o', at('round-2.json')]);
    expect([over.exit_code, over.issues.map((i) => i.code)]).toEqual([2, ['output.is-input']]);
    expect(readFileSync(at('round-2.json'), 'utf8')).toBe(before);
  });

  it('shows what a round leaves for later as not yet distributed', () => {
    const r = json<RoundJson>(['followup', at('allocation.json'), '--forfeited', at('check.json'), '--sources', 'forfeited', ...to]);
    expect(r.round).toBe(1);
    expect(r.not_distributed.map(key)).toEqual(allocation.allocations.filter((k) => !k.applied).map((k) => `${k.id}#`));
    expect(BigInt(r.check['not_yet_distributed'] as string)).toBe(BigInt(allocation.followup));
    expect(r.check['accounts_for_original_pool']).toBe(true);
    const table = ok(['followup', at('allocation.json'), '--forfeited', at('check.json'), '--sources', 'forfeited', ...to, '--format', 'table']).stdout;
    expect(table).toMatch(/^Not in this round \(not yet distributed\): 9 kommuner that did not apply \(7\.126\.653 kr\.\)$/m);
    expect(table).toMatch(/\+ not yet distributed 7\.126\.653 = 262\.500\.000 kr\. = the original pool ✓$/m);
  });

  it('refuses a round of another allocation, another pool, or one edited by hand (exit 1)', () => {
    const one = JSON.parse(readFileSync(at('round-1.json'), 'utf8')) as RoundJson & Record<string, unknown>;
    const write = (name: string, doc: unknown): string => {
      writeFileSync(at(name), JSON.stringify(doc));
      return at(name);
    };
    const after = (file: string): Issues => refused(['followup', at('allocation.json'), '--forfeited', at('check.json'), '--sources', 'forfeited', '--after', file, ...to]);

    // Another allocation: the same counts with another total.
    ok(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--total', '148000000', '--format', 'json', '-o', at('other.json')]);
    ok(['followup', at('other.json'), ...to, '--format', 'json', '-o', at('other-round.json')]);
    const other = after(at('other-round.json'));
    expect(other.exit_code).toBe(1);
    expect(other.issues[0]).toMatchObject({ code: 'followup.round-other-allocation', value: 'check.original_pool' });
    expect(other.issues.slice(1).map((i) => [i.code, i.value])).toEqual(Array.from({ length: 9 }, (_, i) => ['followup.round-other-allocation', `sources[${i}]`]));

    expect(after(write('pool.json', { ...one, allocation_pool: 'flere-skal-med-2' })).issues.map((i) => [i.code, i.value])).toEqual([
      ['followup.round-other-pool', 'allocation_pool'],
    ]);
    const sources = one.sources.map((s, i) => (i === 2 ? { ...s, amount: String(BigInt(s.amount) + 1n) } : s));
    expect(after(write('amount.json', { ...one, sources })).issues.map((i) => [i.code, i.value])).toEqual([
      ['followup.round-other-allocation', 'sources[2]'],
      ['followup.round-unbalanced', null],
    ]);
    const twice = { ...one, sources: [...one.sources, one.sources[0]], unallocated: String(BigInt(one.unallocated) + BigInt(one.sources[0]!.amount)) };
    expect(after(write('twice.json', twice)).issues.map((i) => [i.code, i.value])).toEqual([['followup.round-twice', 'sources[9]']]);
    const paid = { ...one, allocations: one.allocations.map((a, i) => (i === 0 ? { ...a, amount: String(BigInt(a.amount) + 1000n) } : a)) };
    expect(after(write('paid.json', paid)).issues.map((i) => i.code)).toEqual(['followup.round-unbalanced']);
    expect(after(write('shape.json', { ...one, sources: [{ id: '155', kind: 'lost', tranche: 0, amount: 5 }] })).issues.map((i) => [i.code, i.value])).toEqual([
      ['followup-round.json-shape', 'sources[0].kind'],
      ['followup-round.json-shape', 'sources[0].tranche'],
      ['followup-round.json-shape', 'sources[0].amount'],
    ]);
  });

  it('is a usage error to take forfeited tranches without a check result (exit 2)', () => {
    const r = runCli(['followup', at('allocation.json'), '--sources', 'forfeited', ...to]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('flere: --sources forfeited needs --forfeited CHECK, the check result that lists the forfeited tranches\n');
    expect(runCli(['followup', at('allocation.json'), '--sources', 'lost', ...to]).code).toBe(2);
  });
});

describe('where flere crashed or disagreed with its README', () => {
  it('follows up an allocation whose total has øre, in every format (it exited 70)', () => {
    writeFileSync(at('counts.csv'), 'kommune,count\n101,3\n147,2\n151,1\n');
    writeFileSync(at('applicants.csv'), 'kommune\n101\n147\n');
    writeFileSync(at('to.csv'), 'kommune,weight\n101,1\n');
    ok(['allocate', at('counts.csv'), '--total', '1000.50', '--applicants', at('applicants.csv'), '--format', 'json', '-o', at('a.json')]);
    // 1000 units over 3 : 2 : 1 → 500, 333, 167; 0.50 unallocated. Ballerup (151) did not
    // apply: its 167 kr. go to København. Applicants keep 833; 833 + 167 + 0.50 = 1000.50.
    for (const format of ['table', 'csv']) ok(['followup', at('a.json'), '--to', at('to.csv'), '--format', format]);
    const f = json<RoundJson>(['followup', at('a.json'), '--to', at('to.csv')]);
    expect([f.pool, f.allocations[0]?.amount, f.unallocated]).toEqual(['167.00', '167.00', '0.00']);
    expect(f.check).toMatchObject({ original_pool: '1000.50', allocation_unallocated: '0.50', kept_by_applicants: '833.00', accounts_for_original_pool: true });
    expect(ok(['followup', at('a.json'), '--to', at('to.csv'), '--format', 'table']).stdout).toMatch(
      /applicants keep 833,00 \+ follow-up 167,00 \+ unallocated 0,00 \+ allocation unallocated 0,50 = 1\.000,50 kr\. = the original pool ✓/,
    );
  });

  it('follows up a 0.05 allocation where everyone applied, with --unit 1 and 1000 (it exited 70)', () => {
    ok(['allocate', at('counts.csv'), '--total', '1000', '--unit', '0.05', '--format', 'json', '-o', at('b.json')]);
    for (const unit of ['1', '1000']) {
      for (const format of ['table', 'csv']) ok(['followup', at('b.json'), '--to', at('to.csv'), '--unit', unit, '--format', format]);
      const f = json<RoundJson>(['followup', at('b.json'), '--to', at('to.csv'), '--unit', unit]);
      expect([f.pool, f.sources, f.allocations[0]?.amount]).toEqual(['0.00', [], '0.00']);
      expect(f.check).toMatchObject({ kept_by_applicants: '1000.00', accounts_for_original_pool: true });
    }
  });

  it('asks for --unit when the allocation is a CSV, which does not state its unit (exit 2)', () => {
    ok(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--unit', '1000', '--format', 'csv', '-o', at('thousands.csv')]);
    const r = runCli(['followup', at('thousands.csv'), '--to', 'data/followup-2017.csv', '--key', 'weight']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^flere: .*thousands\.csv: a CSV allocation does not state its rounding unit: give --unit/);
    const f = json<RoundJson>(['followup', at('thousands.csv'), '--to', 'data/followup-2017.csv', '--key', 'weight', '--unit', '1000']);
    expect(f.unit).toBe('1000');
    expect(f.allocations.every((a) => BigInt(a.amount) % 1000n === 0n)).toBe(true);
    // The JSON allocation states its unit: the follow-up uses it without being told.
    ok(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--unit', '1000', '--format', 'json', '-o', at('thousands.json')]);
    expect(json<RoundJson>(['followup', at('thousands.json'), '--to', 'data/followup-2017.csv', '--key', 'weight']).unit).toBe('1000');
  });

  it('takes an applicants file with a header and no rows as "nobody applied": the whole pool is the follow-up\'s', () => {
    writeFileSync(at('nobody.csv'), 'kommune\n');
    const a = JSON.parse(ok(['allocate', 'data/counts-2017.csv', '--applicants', at('nobody.csv'), '--format', 'json']).stdout) as AllocationJson & { tranche_totals: string[] };
    expect(a.allocations.every((k) => !k.applied && k.tranches.length === 0)).toBe(true);
    expect(a.followup).toBe('262500000');
    expect(a.tranche_totals).toEqual(['0', '0', '0']);
    writeFileSync(at('nobody.json'), JSON.stringify(a));
    writeFileSync(at('outside.csv'), 'kommune\n');
    // Every kommune is a non-applicant, so no kommune of the allocation can receive.
    const r = refused(['followup', at('nobody.json'), '--to', 'data/followup-2017.csv', '--key', 'weight']);
    expect(r.issues.map((i) => i.code)).toEqual(Array.from({ length: 6 }, () => 'followup.recipient-did-not-apply'));
    // An applicants file without even a header is still refused.
    writeFileSync(at('blank.csv'), '');
    expect(runCli(['allocate', 'data/counts-2017.csv', '--applicants', at('blank.csv')]).code).toBe(1);
  });

  it('refuses a total below one unit, which would allocate nothing (exit 2), and takes exactly one unit', () => {
    const r = runCli(['allocate', 'data/counts-2017.csv', '--total', '999', '--unit', '1000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('flere: the total 999 is smaller than one unit (1000)\n');
    const one = JSON.parse(ok(['allocate', 'data/counts-2017.csv', '--total', '1999', '--unit', '1000', '--format', 'json']).stdout) as AllocationJson;
    expect(one.unallocated).toBe('999');
    expect(sum(one.allocations.map((k) => BigInt(k.amount)))).toBe(1000n);
  });
});

describe('allocate → followup through the CLI on random pools', () => {
  it('never exits 70, and both balances hold to the øre', () => {
    const units = ['0.01', '0.05', '0.1', '1', '1000'];
    fc.assert(
      fc.property(
        fc.bigInt({ min: 100_000n, max: 10n ** 10n }),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom(...units),
        fc.constantFrom(undefined, ...units),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 5, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        (digits, scale, unit, followupUnit, counts, applied) => {
          const codes = ['101', '147', '151', '153', '155'];
          if (!counts.some((c) => c > 0)) counts[0] = 1;
          writeFileSync(at('r-counts.csv'), `kommune,count\n${codes.map((c, i) => `${c},${counts[i]}`).join('\n')}\n`);
          writeFileSync(at('r-applicants.csv'), `kommune\n${codes.filter((_, i) => applied[i]).join('\n')}\n`);
          writeFileSync(at('r-to.csv'), 'kommune,weight\n860,3\n849,2\n');
          const total = scale === 0 ? `${digits}` : `${digits / 10n ** BigInt(scale)}.${(digits % 10n ** BigInt(scale)).toString().padStart(scale, '0')}`;
          ok(['allocate', at('r-counts.csv'), '--total', total, '--unit', unit, '--applicants', at('r-applicants.csv'), '--format', 'json', '-o', at('r-a.json')]);
          const args = ['followup', at('r-a.json'), '--to', at('r-to.csv'), '--key', 'weight', ...(followupUnit ? ['--unit', followupUnit] : [])];
          for (const format of ['table', 'csv']) ok([...args, '--format', format, '--explain']);
          const f = json<RoundJson>(args);
          const a = JSON.parse(readFileSync(at('r-a.json'), 'utf8')) as AllocationJson;
          const S = 4;
          const pool = sum(a.allocations.filter((k) => !k.applied).map((k) => scaled(k.amount, S)));
          const u = scaled(followupUnit ?? unit, S);
          expect(scaled(f.pool, S)).toBe(pool);
          expect(sum(f.allocations.map((r) => scaled(r.amount, S)))).toBe((pool / u) * u);
          expect(scaled(f.unallocated, S)).toBe(pool % u);
          const kept = sum(a.allocations.filter((k) => k.applied).flatMap((k) => k.tranches.map((t) => scaled(t, S))));
          expect(kept + pool + scaled(a.unallocated, S)).toBe(scaled(total, S));
          expect(f.check['accounts_for_original_pool']).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('the README\'s 2017 story prints what the README shows', () => {
  it('runs every command of the section and finds every shown line, in order', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('## flere followup, and the 2017 story end to end');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    // Top-level fenced blocks only (a block inside a list item is indented).
    const blocks = [...section.matchAll(/^```(sh|text)\n([\s\S]*?)^```$/gm)].map((m) => ({ kind: m[1] as string, body: m[2] as string }));
    expect(blocks.filter((b) => b.kind === 'text').length).toBeGreaterThanOrEqual(5);
    const work = mkdtempSync(join(tmpdir(), 'flere-readme-'));
    cpSync(join(ROOT, 'data'), join(work, 'data'), { recursive: true });
    let printed = '';
    let warned = '';
    for (const block of blocks) {
      if (block.kind === 'sh') {
        printed = '';
        warned = '';
        for (const line of block.body.split('\n').filter((l) => l.startsWith('flere '))) {
          const args = line.replace(/^flere /, '').split(/\s+/);
          // The README shows what a terminal shows: the table.
          const r = runCli(args.includes('--format') ? args : [...args, '--format', 'table'], { cwd: work });
          expectOnlyWarnings(r.stderr, line);
          expect(r.code, line).toBe(0);
          printed += r.stdout;
          warned += r.stderr;
        }
        continue;
      }
      const shown = block.body.split('\n').filter((l) => l !== '');
      // A block of `flere: …` lines shows what the commands said on standard error.
      if (shown.every((l) => l.startsWith('flere: '))) {
        expect([...new Set(warned.split('\n').filter((l) => l.startsWith('flere: ')))]).toEqual(shown);
        continue;
      }
      const lines = printed.split('\n').map((l) => l.trimEnd());
      if (!shown.includes('…')) {
        expect(lines.filter((l) => l !== '')).toEqual(shown);
        continue;
      }
      let from = 0;
      for (const want of shown.filter((l) => l !== '…')) {
        const found = lines.indexOf(want, from);
        expect(found, `README line not printed (in order): ${want}`).toBeGreaterThanOrEqual(0);
        from = found + 1;
      }
    }
  });
});
