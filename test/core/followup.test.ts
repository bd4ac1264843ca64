import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, type Allocation } from '../../src/core/allocation.js';
import { compareFixed, type Fixed, parseFixed, rescale, sumFixed } from '../../src/core/decimal.js';
import { distributeFollowup, type FollowupRecipient, type FollowupSource } from '../../src/core/followup.js';
import { accountFollowup } from '../../src/core/followup-accounting.js';
import { type FollowupTarget, weighRecipients } from '../../src/core/followup-recipients.js';
import { type CheckedTranche, collectSources } from '../../src/core/followup-sources.js';
import { traceFollowup } from '../../src/core/followup-trail.js';
import { unitsToAmount } from '../../src/core/money.js';
import type { AllocatedKommune } from '../../src/core/tranche-status.js';
import { KOMMUNER } from '../../src/registry/kommuner.js';

const fixed = (s: string): Fixed => parseFixed(s) as Fixed;
const FSM1 = [fixed('30'), fixed('40'), fixed('30')];
const sum = (xs: readonly bigint[]): bigint => xs.reduce((s, x) => s + x, 0n);
const kr = (n: number | bigint): Fixed => ({ digits: BigInt(n), scale: 0 });

/** An allocation as `flere check` and `flere followup` read it back: amounts in kroner. */
function asRead(a: Allocation): AllocatedKommune[] {
  return a.rows.map((r) => ({
    id: r.recipient.id,
    name: r.recipient.name,
    amount: unitsToAmount(r.amount, a.unit),
    tranches: r.tranches.map((t) => unitsToAmount(t, a.unit)),
    applied: r.recipient.applied,
  }));
}

const source = (id: string, amount: number, tranche: number | null = null): FollowupSource => ({
  kind: tranche === null ? 'not-applied' : 'forfeited',
  id,
  name: `K${id}`,
  tranche,
  amount: kr(amount),
});
const recipient = (id: string, weight: number | string): FollowupRecipient => ({
  id,
  name: `K${id}`,
  weight: typeof weight === 'string' ? fixed(weight) : kr(weight),
});

/** The 2017 recipients with the real December 2017 amounts as weights (kroner). */
const RECIPIENTS_2017 = [
  recipient('665', 295_000), // Lemvig
  recipient('360', 2_763_000), // Lolland
  recipient('306', 1_171_000), // Odsherred
  recipient('336', 581_000), // Stevns
  recipient('671', 438_000), // Struer
  recipient('540', 1_912_000), // Sønderborg
];

describe('the follow-up pool of the kommuner that did not apply', () => {
  it('is the sum of the 9 non-applicants\' amounts out of 98', () => {
    // 262,500,000 over 98 equal counts: quota 2,678,571 + 42/98 each. Floors sum to
    // 262,499,958, so the 42 lowest codes (101 … 360) get one krone more: 2,678,572.
    // Non-applicants 155, 187, 201, 223, 269, 350 (≤ 360: 2,678,572 each) and 492, 727, 741
    // (2,678,571 each): 6 · 2,678,572 + 3 · 2,678,571 = 24,107,145.
    const notApplied = new Set(['155', '187', '201', '223', '269', '350', '492', '727', '741']);
    const a = allocate({
      total: kr(262_500_000),
      unit: kr(1),
      shares: FSM1,
      recipients: KOMMUNER.map((k) => ({ id: k.code, name: k.name, count: kr(1), applied: !notApplied.has(k.code) })),
    });
    expect(a.rows).toHaveLength(98);
    const { sources, problems } = collectSources(asRead(a), undefined, '');
    expect(problems).toEqual([]);
    expect(sources.map((s) => s.id).sort()).toEqual([...notApplied].sort());
    const f = distributeFollowup({ sources, recipients: RECIPIENTS_2017, unit: kr(1000) });
    expect(f.pool).toEqual(kr(24_107_145));
    // 24,107 whole thousands; 145 kroner stay unallocated.
    expect(f.units).toBe(24_107n);
    expect(f.unallocated).toEqual(kr(145));
  });

  it('reproduces the six 2017 amounts in whole thousands, the remainder below 1,000 reported', () => {
    // A pool of 7,160,417: 7,160 whole thousands and 417 kroner unallocated. Weights that are
    // the 2017 amounts themselves (Σ 7,160,000) make every quota exactly its amount / 1,000.
    const f = distributeFollowup({
      sources: [source('155', 3_000_000), source('187', 4_160_417)],
      recipients: RECIPIENTS_2017,
      unit: kr(1000),
    });
    expect(f.rows.map((r) => [r.recipient.id, unitsToAmount(r.amount, f.unit)])).toEqual([
      ['306', kr(1_171_000)],
      ['336', kr(581_000)],
      ['360', kr(2_763_000)],
      ['540', kr(1_912_000)],
      ['665', kr(295_000)],
      ['671', kr(438_000)],
    ]);
    expect(f.unallocated).toEqual(kr(417));
    expect(f.apportionment.leftover).toBe(0n);
  });

  it('hands leftover thousands to the largest remainders, ties to the lower code', () => {
    // 5,999 kr. in thousands to three equal weights: 5 units, quota 5/3 = 1 + 2/3 each;
    // floors 3, two leftover units to the two lowest codes (tie): 2, 2, 1; 999 unallocated.
    const f = distributeFollowup({
      sources: [source('155', 5_999)],
      recipients: [recipient('540', 1), recipient('306', 1), recipient('360', 1)],
      unit: kr(1000),
    });
    expect(f.rows.map((r) => [r.recipient.id, r.amount])).toEqual([['306', 2n], ['360', 2n], ['540', 1n]]);
    expect(f.unallocated).toEqual(kr(999));
  });

  it('leaves a pool smaller than one unit wholly unallocated', () => {
    const f = distributeFollowup({ sources: [source('155', 999)], recipients: [recipient('306', 1)], unit: kr(1000) });
    expect(f.rows.map((r) => r.amount)).toEqual([0n]);
    expect(f.unallocated).toEqual(kr(999));
  });
});

describe('forfeited tranches from a check result', () => {
  // 1,000 kr. over counts 1, 1, 2 (151 did not apply): 101 → 250 (75/100/75),
  // 147 → 500 (150/200/150), 151 → 250 with no tranches.
  const a = asRead(
    allocate({
      total: kr(1000),
      unit: kr(1),
      shares: FSM1,
      recipients: [
        { id: '101', name: 'København', count: kr(1), applied: true },
        { id: '147', name: 'Frederiksberg', count: kr(2), applied: true },
        { id: '151', name: 'Ballerup', count: kr(1), applied: false },
      ],
    }),
  );
  const t = (id: string, tranche: number, amount: number, status: CheckedTranche['status'], i: number): CheckedTranche => ({
    id,
    tranche,
    amount: kr(amount),
    status,
    path: `tranches[${i}]`,
  });

  it('adds the forfeited ones to the non-applicants\' money, and nothing else', () => {
    const checked = [
      t('101', 1, 75, 'paid', 0),
      t('101', 2, 100, 'due', 1),
      t('101', 3, 75, 'forfeited', 2),
      t('147', 1, 150, 'paid', 3),
      t('147', 2, 200, 'forfeited', 4),
      t('147', 3, 150, 'pending', 5),
    ];
    const { sources, problems } = collectSources(a, checked, 'check.json');
    expect(problems).toEqual([]);
    // 250 (Ballerup) + 75 (101, tranche 3) + 200 (147, tranche 2) = 525.
    const f = distributeFollowup({ sources, recipients: [recipient('101', 1), recipient('147', 2)], unit: kr(1) });
    expect(f.sources.map((s) => [s.id, s.tranche, s.amount])).toEqual([
      ['101', 3, kr(75)],
      ['147', 2, kr(200)],
      ['151', null, kr(250)],
    ]);
    expect(f.pool).toEqual(kr(525));
    // 525 by weights 1 : 2 → 175 and 350.
    expect(f.rows.map((r) => r.amount)).toEqual([175n, 350n]);
    // Applicants keep 1,000 − 250 − 75 − 200 = 475; 475 + 525 = 1,000.
    const acc = accountFollowup(a, { total: kr(1000), unallocated: kr(0) }, f);
    expect(acc.keptByApplicants).toEqual(kr(475));
    expect(acc.followupBalances && acc.originalBalances && acc.allocationBalances).toBe(true);
  });

  it('refuses a check result that does not belong to the allocation', () => {
    const { problems } = collectSources(
      a,
      [
        t('101', 3, 76, 'forfeited', 0), // amount differs from the allocation's 75
        t('151', 1, 75, 'forfeited', 1), // 151 did not apply: its money is already in the pool
        t('147', 4, 1, 'forfeited', 2), // no tranche 4
        t('153', 1, 1, 'forfeited', 3), // not in the allocation
        t('147', 2, 200, 'forfeited', 4),
        t('147', 2, 200, 'forfeited', 5), // twice
      ],
      'check.json',
    );
    expect(problems.map((p) => [p.code, p.value])).toEqual([
      ['followup.check-amount-mismatch', 'tranches[0]'],
      ['followup.check-not-applied', 'tranches[1]'],
      ['followup.check-no-such-tranche', 'tranches[2]'],
      ['followup.check-unknown-kommune', 'tranches[3]'],
      ['followup.check-duplicate', 'tranches[5]'],
    ]);
    expect(problems.every((p) => p.file === 'check.json')).toBe(true);
  });
});

describe('weighing the recipients', () => {
  const a: AllocatedKommune[] = [
    { id: '101', name: 'København', amount: kr(10), tranches: [kr(3), kr(4), kr(3)], applied: true },
    { id: '147', name: 'Frederiksberg', amount: kr(10), tranches: [], applied: false },
    { id: '151', name: 'Ballerup', amount: kr(10), tranches: [kr(3), kr(4), kr(3)], applied: true },
  ];
  const target = (id: string, line: number, weight?: string): FollowupTarget => ({
    id,
    name: `K${id}`,
    line,
    text: id,
    ...(weight === undefined ? {} : { weight: fixed(weight) }),
  });
  const counts = new Map([['101', kr(2700)], ['147', kr(473)], ['151', kr(218)]]);

  it('by count, equally, or by a column', () => {
    const targets = [target('101', 2, '0.5'), target('151', 3, '1.25')];
    const weights = (key: Parameters<typeof weighRecipients>[3]): string[] =>
      weighRecipients(targets, a, counts, key, 'to.csv').recipients.map((r) => `${r.id}:${r.weight.digits}/${r.weight.scale}`);
    expect(weights({ kind: 'count' })).toEqual(['101:2700/0', '151:218/0']);
    expect(weights({ kind: 'equal' })).toEqual(['101:1/0', '151:1/0']);
    expect(weights({ kind: 'column', column: 'vægt' })).toEqual(['101:5/1', '151:125/2']);
  });

  it('refuses a recipient that did not apply, one without a count, and weights that are all zero', () => {
    const bad = weighRecipients([target('147', 2), target('153', 3)], a, counts, { kind: 'count' }, 'to.csv');
    expect(bad.problems.map((p) => [p.code, p.file, p.line])).toEqual([
      ['followup.recipient-did-not-apply', 'to.csv', 2],
      ['followup.recipient-not-in-allocation', 'to.csv', 3],
    ]);
    const zero = weighRecipients([target('101', 2, '0'), target('151', 3, '0.00')], a, counts, { kind: 'column', column: 'w' }, 'to.csv');
    expect(zero.problems.map((p) => p.code)).toEqual(['followup.all-zero']);
    expect(weighRecipients([target('101', 2)], a, undefined, { kind: 'count' }, 'to.csv').problems.map((p) => p.code)).toEqual([
      'followup.no-counts',
    ]);
  });
});

describe('the audit trail', () => {
  it('shares each source among the recipients in proportion, rows and columns adding up', () => {
    // Sources 100 and 50 (pool 150) to weights 1 : 2 → recipients 50 and 100.
    // Exact shares: source 1 → 33⅓ and 66⅔; source 2 → 16⅔ and 33⅓. Rounding the larger
    // fractional part up in each row gives 33 + 67 and 17 + 33: columns 50 and 100.
    const f = distributeFollowup({ sources: [source('101', 100), source('147', 50)], recipients: [recipient('306', 1), recipient('336', 2)], unit: kr(1) });
    const trail = traceFollowup(f);
    expect(trail.flows).toEqual([
      [33n, 67n, 0n],
      [17n, 33n, 0n],
    ]);
  });

  it('traces the unallocated rest to its sources too', () => {
    // 7,160,417 in thousands as above: the 417 unallocated kroner come from the two sources
    // in proportion 3,000,000 : 4,160,417 → 174.7… and 242.2…, rounded to 175 + 242.
    const f = distributeFollowup({ sources: [source('155', 3_000_000), source('187', 4_160_417)], recipients: RECIPIENTS_2017, unit: kr(1000) });
    const trail = traceFollowup(f);
    expect(trail.flows.map((row) => row[6])).toEqual([175n, 242n]);
    expect(trail.flows.map((row) => sum(row))).toEqual([3_000_000n, 4_160_417n]);
    expect([0, 1, 2, 3, 4, 5, 6].map((j) => sum(trail.flows.map((row) => row[j] as bigint)))).toEqual([
      1_171_000n,
      581_000n,
      2_763_000n,
      1_912_000n,
      295_000n,
      438_000n,
      417n,
    ]);
  });
});

// --- properties ---------------------------------------------------------------------------

const codes = KOMMUNER.map((k) => k.code);
/** Sources: distinct kommuner, amounts in øre or kroner up to 10^10. */
const sourcesArb = fc
  .tuple(fc.uniqueArray(fc.constantFrom(...codes), { minLength: 0, maxLength: 12 }), fc.constantFrom(0, 2))
  .chain(([ids, scale]) =>
    fc.array(fc.bigInt({ min: 0n, max: 10n ** 10n }), { minLength: ids.length, maxLength: ids.length }).map((amounts) =>
      ids.map((id, i): FollowupSource => ({ kind: 'not-applied', id, name: id, tranche: null, amount: { digits: amounts[i] as bigint, scale } })),
    ),
  );
const recipientsArb = fc
  .uniqueArray(fc.constantFrom(...codes), { minLength: 1, maxLength: 10 })
  .chain((ids) =>
    fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 3n }), fc.bigInt({ min: 0n, max: 10n ** 7n })), { minLength: ids.length, maxLength: ids.length }).map((ws) =>
      ids.map((id, i): FollowupRecipient => ({ id, name: id, weight: { digits: ws[i] as bigint, scale: 0 } })),
    ),
  )
  .filter((rs) => rs.some((r) => r.weight.digits > 0n));
const unitArb = fc.constantFrom('0.01', '0.05', '1', '1000', '7').map(fixed);

describe('properties', () => {
  it('Σ recipients + unallocated = pool exactly, unallocated below one unit, and the trail adds up both ways', () => {
    fc.assert(
      fc.property(sourcesArb, recipientsArb, unitArb, (sources, recipients, unit) => {
        const f = distributeFollowup({ sources, recipients, unit });
        const paid = f.rows.map((r) => unitsToAmount(r.amount, unit));
        expect(compareFixed(sumFixed([...paid, f.unallocated]), f.pool)).toBe(0);
        expect(compareFixed(f.unallocated, unit)).toBeLessThan(0);
        expect(f.unallocated.digits >= 0n).toBe(true);
        const trail = traceFollowup(f);
        trail.flows.forEach((row, s) => {
          expect(sum(row)).toBe(rescale(f.sources[s]?.amount as Fixed, trail.scale).digits);
          expect(row.every((x) => x >= 0n)).toBe(true);
        });
        trail.columnTotals.forEach((c, j) => expect(sum(trail.flows.map((row) => row[j] as bigint))).toBe(c));
        expect(sum(trail.columnTotals)).toBe(rescale(f.pool, trail.scale).digits);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the sources or the recipients', () => {
    fc.assert(
      fc.property(sourcesArb, recipientsArb, unitArb, (sources, recipients, unit) => {
        const a = distributeFollowup({ sources, recipients, unit });
        const b = distributeFollowup({ sources: [...sources].reverse(), recipients: [...recipients].reverse(), unit });
        expect(b.rows).toEqual(a.rows);
        expect(traceFollowup(b).flows).toEqual(traceFollowup(a).flows);
      }),
      { numRuns: 200 },
    );
  });

  it('accounts for the whole original pool: applicants keep, the follow-up pays, the rests stay', () => {
    const allocationArb = fc
      .uniqueArray(fc.constantFrom(...codes), { minLength: 2, maxLength: 30 })
      .chain((ids) =>
        fc.tuple(
          fc.constant(ids),
          fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: ids.length, maxLength: ids.length }),
          fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }),
          fc.array(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), { minLength: ids.length, maxLength: ids.length }),
          fc.bigInt({ min: 0n, max: 10n ** 11n }),
          fc.constantFrom('1', '0.01', '1000'),
        ),
      );
    fc.assert(
      fc.property(allocationArb, recipientsArb, unitArb, ([ids, counts, applied, forfeit, totalDigits, allocationUnit], recipients, unit) => {
        const total = { digits: totalDigits, scale: 2 };
        fc.pre(compareFixed(total, fixed(allocationUnit)) >= 0);
        const a = allocate({
          total,
          unit: fixed(allocationUnit),
          shares: FSM1,
          recipients: ids.map((id, i) => ({ id, name: id, count: kr(counts[i] as number), applied: applied[i] as boolean })),
        });
        const read = asRead(a);
        const checked: CheckedTranche[] = read.flatMap((k, i) =>
          k.tranches.map((amount, j) => ({
            id: k.id,
            tranche: j + 1,
            amount,
            status: forfeit[i]?.[j] ? ('forfeited' as const) : ('paid' as const),
            path: `tranches[${i}.${j}]`,
          })),
        );
        const { sources, problems } = collectSources(read, checked, 'check.json');
        expect(problems).toEqual([]);
        // A recipient that did not apply cannot receive: leave those out.
        const notApplied = new Set(read.filter((k) => !k.applied).map((k) => k.id));
        const eligible = recipients.filter((r) => !notApplied.has(r.id));
        fc.pre(eligible.some((r) => r.weight.digits > 0n));
        const f = distributeFollowup({ sources, recipients: eligible, unit });
        const acc = accountFollowup(read, { total, unallocated: a.unallocated }, f);
        expect(acc.allocationBalances).toBe(true);
        expect(acc.followupBalances).toBe(true);
        expect(acc.originalBalances).toBe(true);
        // And independently of the accounting module: kept + follow-up pool = Σ allocated.
        expect(compareFixed(sumFixed([acc.keptByApplicants, f.pool]), sumFixed(read.map((k) => k.amount)))).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('catches an allocation whose amounts do not make its stated total', () => {
    const read: AllocatedKommune[] = [
      { id: '101', name: '101', amount: kr(700), tranches: [kr(210), kr(280), kr(210)], applied: true },
      { id: '147', name: '147', amount: kr(300), tranches: [], applied: false },
    ];
    const f = distributeFollowup({ sources: collectSources(read, undefined, '').sources, recipients: [recipient('101', 1)], unit: kr(1) });
    // The file says 1,001 but its amounts make 1,000: the input is not consistent.
    const acc = accountFollowup(read, { total: kr(1001) }, f);
    expect(acc.allocationBalances).toBe(false);
    expect(acc.followupBalances).toBe(true);
  });
});
