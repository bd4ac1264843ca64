// allocate → followup over random pools: totals with and without øre, units from 0.01 to
// 1000, counts, applicants (everyone, no one, some), recipients and keys, forfeited
// tranches, one round or two. The allocation goes through its JSON and the reader, as on the
// command line; the round through the core and every renderer (table, CSV, JSON, with and
// without --explain), which once threw `cannot rescale 2 down to 0` (exit 70) when the
// allocation's total had øre and the follow-up had none. Every balance is checked here with
// BigInt arithmetic written from the README's rules, not with flere's own code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/core/allocation.js';
import type { Fixed } from '../../src/core/decimal.js';
import { FlereError } from '../../src/core/diagnostics.js';
import type { FollowupSourceKind } from '../../src/core/followup.js';
import type { FollowupKey, FollowupTarget } from '../../src/core/followup-recipients.js';
import { computeFollowupRound, type FollowupRound } from '../../src/core/followup-round.js';
import type { EarlierRounds } from '../../src/core/followup-rounds.js';
import type { CheckedTranche } from '../../src/core/followup-sources.js';
import { readAllocation } from '../../src/io/allocation-reader.js';
import { readFollowupRound } from '../../src/io/followup-round-reader.js';
import { allocationRenderers } from '../../src/io/render/allocation.js';
import { CSV_DIALECTS } from '../../src/io/render/csv-dialect.js';
import { followupRenderers, type FollowupView } from '../../src/io/render/followup.js';
import { PLAIN } from '../../src/io/render/palette.js';
import { KOMMUNER } from '../../src/registry/kommuner.js';

// --- exact decimals, independently: every amount as an integer of 10^−S kroner -------------

/** Finer than any scale flere writes (at most 18 decimals). */
const S = 20;
/** A canonical decimal string as an integer count of 10^−S kroner. */
function atS(text: string): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) throw new Error(`not a canonical decimal: ${text}`);
  const [, int = '', frac = ''] = m;
  return BigInt(int + frac.padEnd(S, '0'));
}
const sum = (xs: readonly bigint[]): bigint => xs.reduce((s, x) => s + x, 0n);
const text = (x: Fixed): string => {
  const digits = x.digits.toString().padStart(x.scale + 1, '0');
  return x.scale === 0 ? digits : `${digits.slice(0, -x.scale)}.${digits.slice(-x.scale)}`;
};
const fixed = (digits: bigint | number, scale: number): Fixed => ({ digits: BigInt(digits), scale });
const FSM1 = [fixed(30, 0), fixed(40, 0), fixed(30, 0)];

// --- the random case ----------------------------------------------------------------------

const unitArb = fc.oneof(
  fc.constantFrom(fixed(1, 2), fixed(5, 2), fixed(1, 1), fixed(25, 2), fixed(1, 0), fixed(5, 0), fixed(1000, 0)),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 3 })).map(([d, s]) => fixed(d, s)),
);

interface Case {
  readonly kommuner: readonly { id: string; name: string; count: number; applied: boolean }[];
  readonly total: Fixed;
  readonly unit: Fixed;
  /** Recipients: index into KOMMUNER and a weight (used by `--key column`). */
  readonly to: readonly { id: string; name: string; weight: Fixed }[];
  readonly key: 'count' | 'equal' | 'column';
  readonly followupUnit: Fixed | undefined;
  /** A status per applicant tranche, in order (forfeited or not). */
  readonly forfeit: readonly boolean[];
  /** Two rounds: the non-applicants first, then the forfeited tranches after it. */
  readonly twoRounds: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    picked: fc.uniqueArray(fc.integer({ min: 0, max: KOMMUNER.length - 1 }), { minLength: 2, maxLength: 10 }),
    counts: fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5000 })), { minLength: 10, maxLength: 10 }),
    applied: fc.oneof(fc.constant('all'), fc.constant('none'), fc.array(fc.boolean(), { minLength: 10, maxLength: 10 })),
    totalDigits: fc.bigInt({ min: 0n, max: 10n ** 11n }),
    totalScale: fc.integer({ min: 0, max: 3 }),
    unit: unitArb,
    toPicked: fc.uniqueArray(fc.integer({ min: 0, max: KOMMUNER.length - 1 }), { minLength: 1, maxLength: 6 }),
    weights: fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 2 })), { minLength: 6, maxLength: 6 }),
    key: fc.constantFrom('count', 'equal', 'column'),
    followupUnit: fc.option(unitArb, { nil: undefined }),
    forfeit: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
    twoRounds: fc.boolean(),
  })
  .map((r): Case => {
    const kommuner = r.picked.map((k, i) => ({
      id: KOMMUNER[k]!.code,
      name: KOMMUNER[k]!.name,
      count: r.counts[i]!,
      applied: r.applied === 'all' ? true : r.applied === 'none' ? false : r.applied[i]!,
    }));
    if (kommuner.every((k) => k.count === 0)) (kommuner[0] as { count: number }).count = 1;
    // A total of at least one unit (the CLI refuses less).
    let total = fixed(r.totalDigits, r.totalScale);
    const scale = Math.max(total.scale, r.unit.scale);
    const up = (x: Fixed): bigint => x.digits * 10n ** BigInt(scale - x.scale);
    if (up(total) < up(r.unit)) total = fixed(up(total) + up(r.unit), scale);
    // Recipients may not be non-applicants of the allocation; with `count` they must be in it.
    const notApplied = new Set(kommuner.filter((k) => !k.applied).map((k) => k.id));
    const inAllocation = new Set(kommuner.map((k) => k.id));
    let to = r.toPicked.map((k, i) => ({ id: KOMMUNER[k]!.code, name: KOMMUNER[k]!.name, weight: fixed(r.weights[i]![0], r.weights[i]![1]) }));
    to = to.filter((t) => !notApplied.has(t.id));
    let key = r.key;
    if (key === 'count') {
      to = to.filter((t) => inAllocation.has(t.id));
      const counts = new Map(kommuner.map((k) => [k.id, k.count]));
      if (to.every((t) => counts.get(t.id) === 0)) key = 'equal';
    }
    if (to.length === 0) to = [{ id: '860', name: 'Hjørring', weight: fixed(1, 0) }].filter((t) => !inAllocation.has(t.id));
    if (to.length === 0) to = [KOMMUNER.find((k) => !inAllocation.has(k.code))!].map((k) => ({ id: k.code, name: k.name, weight: fixed(1, 0) }));
    if (key === 'count' && to.some((t) => !inAllocation.has(t.id))) key = 'equal';
    if (key === 'column' && to.every((t) => t.weight.digits === 0n)) to = to.map((t, i) => (i === 0 ? { ...t, weight: fixed(1, 0) } : t));
    return { kommuner, total, unit: r.unit, to, key, followupUnit: r.followupUnit, forfeit: r.forfeit, twoRounds: r.twoRounds };
  });

// --- running it, as the CLI does -----------------------------------------------------------

interface AllocationJson {
  total: string;
  unit: string;
  unallocated: string;
  allocations: { id: string; count: string; amount: string; tranches: string[]; applied: boolean }[];
}
interface RoundJson {
  round: number;
  pool: string;
  unit: string;
  unallocated: string;
  sources: { id: string; kind: FollowupSourceKind; tranche: number | null; amount: string; to: { id: string; amount: string }[]; unallocated: string }[];
  allocations: { id: string; amount: string }[];
  not_distributed: { id: string; tranche: number | null; amount: string }[];
  earlier: { paid: string; unallocated: string; sources: unknown[] };
  check: Record<string, string | boolean>;
}

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
const options = { pool: { id: 'flere-skal-med-1', name: 'Flere skal med 1' }, explain: false, palette: PLAIN, dialect: CSV_DIALECTS.plain };

/** Renders the round in every format, with and without --explain (none may throw), and returns its JSON. */
function renderAll(round: FollowupRound, key: FollowupKey): RoundJson {
  const view: FollowupView = { ...round, key, pool: options.pool };
  for (const explain of [false, true]) {
    for (const dialect of [CSV_DIALECTS.plain, CSV_DIALECTS.da]) {
      followupRenderers.table(view, { ...options, explain, dialect });
      followupRenderers.csv(view, { ...options, explain, dialect });
    }
    followupRenderers.json(view, { ...options, explain });
  }
  return JSON.parse(followupRenderers.json(view, options)) as RoundJson;
}

/** The independent checks of one round. `forfeited`: keys `id#tranche` of the forfeited tranches taken. */
function checkRound(c: Case, alloc: AllocationJson, json: RoundJson, expected: { sources: Map<string, bigint>; unit: bigint }): void {
  // The sources: exactly the expected ones, each at the allocation's amount.
  expect(new Map(json.sources.map((s) => [`${s.id}#${s.tranche ?? ''}`, atS(s.amount)]))).toEqual(expected.sources);
  const pool = sum([...expected.sources.values()]);
  expect(atS(json.pool)).toBe(pool);
  // Whole units of the unit; the rest, below one unit, unallocated.
  const units = pool / expected.unit;
  const unallocated = pool - units * expected.unit;
  expect(atS(json.unallocated)).toBe(unallocated);
  const amounts = json.allocations.map((r) => atS(r.amount));
  expect(sum(amounts)).toBe(units * expected.unit);
  // Largest remainder: quota units·w/W; floor or floor + 1; the extras to the largest remainders.
  const counts = new Map(alloc.allocations.map((k) => [k.id, atS(k.count)]));
  const weightOf = (id: string): bigint =>
    c.key === 'equal' ? 1n : c.key === 'count' ? (counts.get(id) as bigint) : atS(text(c.to.find((t) => t.id === id)!.weight));
  const ws = json.allocations.map((r) => weightOf(r.id));
  const W = sum(ws);
  const got = amounts.map((a) => {
    expect(a % expected.unit).toBe(0n);
    return a / expected.unit;
  });
  const floors = ws.map((w) => (units * w) / W);
  const remainders = ws.map((w) => (units * w) % W);
  got.forEach((g, i) => expect(g - floors[i]! === 0n || g - floors[i]! === 1n).toBe(true));
  const extra = remainders.filter((_, i) => got[i]! > floors[i]!);
  const none = remainders.filter((_, i) => got[i] === floors[i]);
  if (extra.length > 0 && none.length > 0) expect(extra.reduce((m, r) => (r < m ? r : m)) >= none.reduce((m, r) => (r > m ? r : m))).toBe(true);
  // The trail: each source's row makes the source, each recipient's column its amount.
  for (const s of json.sources) expect(sum([...s.to.map((t) => atS(t.amount)), atS(s.unallocated)])).toBe(atS(s.amount));
  json.allocations.forEach((r, j) => expect(sum(json.sources.map((s) => atS(s.to[j]!.amount)))).toBe(atS(r.amount)));
  expect(sum(json.sources.map((s) => atS(s.unallocated)))).toBe(unallocated);
  expect(json.check['recipients_plus_unallocated_equals_pool']).toBe(true);
  expect(json.check['accounts_for_original_pool']).toBe(true);
}

describe('allocate → followup over random pools, units and scales', () => {
  it('balances exactly and renders in every format', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        // allocate, and read the allocation back from its JSON as `flere followup` does.
        const a = allocate({
          total: c.total,
          unit: c.unit,
          shares: FSM1,
          recipients: c.kommuner.map((k) => ({ id: k.id, name: k.name, count: fixed(k.count, 0), applied: k.applied })),
        });
        const allocationText = [...allocationRenderers.json(a, options)].join('');
        const alloc = JSON.parse(allocationText) as AllocationJson;
        const read = readAllocation(encode(allocationText), { file: 'a.json', shares: FSM1, unit: fixed(1, 0), summary: true });
        // The allocation itself: amounts + rest = total, the rest below one unit.
        const unitS = atS(text(c.unit));
        expect(sum(alloc.allocations.map((k) => atS(k.amount))) + atS(alloc.unallocated)).toBe(atS(text(c.total)));
        expect(atS(alloc.unallocated) < unitS).toBe(true);

        // The check result: each applicant tranche forfeited or paid, as the case says.
        let i = 0;
        const checked: CheckedTranche[] = [];
        const forfeited = new Map<string, bigint>();
        for (const k of alloc.allocations) {
          k.tranches.forEach((t, j) => {
            const lost = c.forfeit[i % c.forfeit.length] === true;
            checked.push({ id: k.id, tranche: j + 1, amount: read.kommuner.find((r) => r.id === k.id)!.tranches[j]!, status: lost ? 'forfeited' : 'paid', path: `tranches[${i}]` });
            if (lost) forfeited.set(`${k.id}#${j + 1}`, atS(t));
            i++;
          });
        }
        const notApplied = new Map(alloc.allocations.filter((k) => !k.applied).map((k) => [`${k.id}#`, atS(k.amount)]));
        const targets: FollowupTarget[] = c.to.map((t, line) => ({ id: t.id, name: t.name, line: line + 2, text: t.id, weight: t.weight }));
        const key: FollowupKey = c.key === 'column' ? { kind: 'column', column: 'weight' } : { kind: c.key };
        const unit = c.followupUnit ?? read.unit ?? c.unit;
        const request = {
          allocation: { file: 'a.json', kommuner: read.kommuner, pool: 'flere-skal-med-1', ...(read.total ? { total: read.total } : {}), ...(read.unallocated ? { unallocated: read.unallocated } : {}) },
          targets: { file: 'to.csv', rows: targets },
          key,
          unit,
        };
        const expectedUnit = atS(text(unit));
        const applicantTranches = sum(alloc.allocations.flatMap((k) => k.tranches.map(atS)));
        const total = atS(alloc.total);
        const allocationRest = atS(alloc.unallocated);

        if (!c.twoRounds) {
          const round = computeFollowupRound({ ...request, checked: { file: 'check.json', tranches: checked }, kinds: new Set(['not-applied', 'forfeited']) });
          const json = renderAll(round, key);
          expect(json.round).toBe(1);
          checkRound(c, alloc, json, { sources: new Map([...notApplied, ...forfeited]), unit: expectedUnit });
          // Applicants keep every tranche not forfeited; with the round, that is the whole pool.
          const kept = applicantTranches - sum([...forfeited.values()]);
          expect(atS(json.check['kept_by_applicants'] as string)).toBe(kept);
          expect(kept + sum(json.allocations.map((r) => atS(r.amount))) + atS(json.unallocated) + allocationRest).toBe(total);
          return;
        }
        // Two rounds: the non-applicants first; the forfeited tranches after it, and the
        // non-applicants may not be taken again.
        const first = computeFollowupRound({ ...request, checked: { file: 'check.json', tranches: checked }, kinds: new Set(['not-applied']) });
        const one = renderAll(first, key);
        checkRound(c, alloc, one, { sources: notApplied, unit: expectedUnit });
        expect(one.not_distributed.map((s) => `${s.id}#${s.tranche ?? ''}`).sort()).toEqual([...forfeited.keys()].sort());
        const earlier: EarlierRounds = readFollowupRound(encode(followupRenderers.json({ ...first, key, pool: options.pool }, options)), 'round-1.json');
        if (notApplied.size > 0) {
          const again = (): FollowupRound => computeFollowupRound({ ...request, earlier, kinds: new Set(['not-applied']) });
          expect(again).toThrow(FlereError);
          try {
            again();
          } catch (error) {
            expect((error as FlereError).diagnostics.map((d) => d.code)).toEqual([...notApplied.keys()].map(() => 'followup.already-distributed').slice(0, 20));
          }
        }
        const second = computeFollowupRound({ ...request, earlier, checked: { file: 'check.json', tranches: checked }, kinds: new Set(['forfeited']) });
        const two = renderAll(second, key);
        expect(two.round).toBe(2);
        checkRound(c, alloc, two, { sources: forfeited, unit: expectedUnit });
        // Every krone once: kept + round 1 (paid + rest) + round 2 (paid + rest) + the allocation's rest.
        const paid1 = sum(one.allocations.map((r) => atS(r.amount)));
        expect(atS(two.check['earlier_rounds_paid'] as string)).toBe(paid1);
        expect(atS(two.check['earlier_rounds_unallocated'] as string)).toBe(atS(one.unallocated));
        const kept = applicantTranches - sum([...forfeited.values()]);
        expect(atS(two.check['kept_by_applicants'] as string)).toBe(kept);
        const paid2 = sum(two.allocations.map((r) => atS(r.amount)));
        expect(kept + paid1 + atS(one.unallocated) + paid2 + atS(two.unallocated) + allocationRest).toBe(total);
      }),
      { numRuns: 300 },
    );
  });
});
