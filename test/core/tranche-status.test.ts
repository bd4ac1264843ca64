import { describe, expect, it } from 'vitest';
import type { KommuneProgress, MonthlyCounts } from '../../src/core/conditions.js';
import { parseFixed } from '../../src/core/decimal.js';
import { reconcileLedger } from '../../src/core/ledger-reconcile.js';
import {
  type AllocatedKommune,
  type LedgerEntry,
  type TrancheReport,
  newPayouts,
  trancheStatuses,
} from '../../src/core/tranche-status.js';
import { FLERE_SKAL_MED_1, FLERE_SKAL_MED_2 } from '../../src/pools/presets.js';

const fixed = (s: string) => parseFixed(s)!;
const kommune = (id: string, name: string, tranches: string[], applied = true): AllocatedKommune => ({
  id,
  name,
  amount: fixed('0'),
  tranches: tranches.map(fixed),
  applied,
});
const rows = (r: Record<string, Record<string, number>>): KommuneProgress =>
  new Map(
    Object.entries(r).map(([m, c]): [string, MonthlyCounts] => [
      m,
      Object.fromEntries(Object.entries(c).map(([k, v]) => [k, BigInt(v)])),
    ]),
  );
const row = (target_group: number, cleared: number, recipients: number, company_activity: number) => ({
  target_group,
  cleared,
  recipients,
  company_activity,
});
const brief = (reports: TrancheReport[]) =>
  reports.map((r) => `${r.id}/${r.tranche} ${r.status} ${r.month ?? '-'} ${r.amount.digits}`);

// Odense clears its group in 2017-09 and reaches 40 % company activity Oct–Dec 2017.
// Aalborg clears in 2018-02, has 40 % in Jan and Feb 2018, no row for March, then 45 % Apr–Jun.
// København has no progress rows at all. Lemvig did not apply.
const allocations = [
  kommune('461', 'Odense', ['300', '400', '300']),
  kommune('851', 'Aalborg', ['30', '40', '30']),
  kommune('101', 'København', ['3', '4', '3']),
  kommune('665', 'Lemvig', [], false),
];
const progress = new Map<string, KommuneProgress>([
  [
    '461',
    rows({
      '2017-07': row(100, 20, 90, 10),
      '2017-08': row(100, 80, 90, 30),
      '2017-09': row(100, 100, 90, 35),
      '2017-10': row(100, 100, 90, 36), // 36/90 = 40 % exactly
      '2017-11': row(100, 100, 90, 40),
      '2017-12': row(100, 100, 90, 45),
    }),
  ],
  [
    '851',
    rows({
      '2018-01': row(50, 40, 50, 20),
      '2018-02': row(50, 50, 50, 20),
      // 2018-03 missing
      '2018-04': row(50, 50, 40, 18),
      '2018-05': row(50, 50, 40, 18),
      '2018-06': row(50, 50, 40, 18),
    }),
  ],
]);

// As `flere check --as-of MONTH`: the month is stated by the operator.
const statuses = (asOf: string, ledger: LedgerEntry[] = []) =>
  trancheStatuses({ pool: FLERE_SKAL_MED_1, allocations, progress, ledger, asOf, asOfStated: true });

describe('trancheStatuses (FSM1)', () => {
  it('as of 2017-09: start tranches due, Odense cleared, the rest pending', () => {
    expect(brief(statuses('2017-09'))).toEqual([
      '461/1 due 2017-07 300',
      '461/2 due 2017-09 400',
      '461/3 pending - 300',
      '851/1 due 2017-07 30',
      '851/2 pending - 40',
      '851/3 pending - 30',
      '101/1 due 2017-07 3',
      '101/2 pending - 4',
      '101/3 pending - 3',
    ]);
  });

  it('as of 2018-05: the gap in March keeps Aalborg’s tranche 3 pending; Odense’s fell due in Dec 2017', () => {
    expect(brief(statuses('2018-05'))).toEqual([
      '461/1 due 2017-07 300',
      '461/2 due 2017-09 400',
      '461/3 due 2017-12 300',
      '851/1 due 2017-07 30',
      '851/2 due 2018-02 40',
      '851/3 pending - 30',
      '101/1 due 2017-07 3',
      '101/2 pending - 4',
      '101/3 pending - 3',
    ]);
    expect(brief(statuses('2018-06'))[5]).toBe('851/3 due 2018-06 30');
  });

  it('before the start month nothing is due', () => {
    expect(statuses('2017-06').every((r) => r.status === 'pending')).toBe(true);
  });

  it('at the end month unmet tranches are forfeited; a kommune with no data still gets its start tranche', () => {
    const at = (asOf: string) => brief(statuses(asOf)).filter((s) => s.startsWith('101/'));
    expect(at('2019-11')).toEqual(['101/1 due 2017-07 3', '101/2 pending - 4', '101/3 pending - 3']);
    expect(at('2019-12')).toEqual(['101/1 due 2017-07 3', '101/2 forfeited - 4', '101/3 forfeited - 3']);
    expect(at('2021-01')).toEqual(['101/1 due 2017-07 3', '101/2 forfeited - 4', '101/3 forfeited - 3']);
  });

  it('a streak completed after the end month is still forfeited', () => {
    const late = new Map(progress);
    late.set('101', rows({ '2019-11': row(1, 1, 10, 4), '2019-12': row(1, 1, 10, 4), '2020-01': row(1, 1, 10, 4) }));
    const r = trancheStatuses({ pool: FLERE_SKAL_MED_1, allocations, progress: late, ledger: [], asOf: '2020-01', asOfStated: true });
    expect(brief(r).filter((s) => s.startsWith('101/'))).toEqual([
      '101/1 due 2017-07 3',
      '101/2 due 2019-11 4',
      '101/3 forfeited - 3',
    ]);
  });

  it('without a stated as-of month, only a kommune whose own data reaches the end month forfeits', () => {
    // København's data reaches 2019-12 (the end); Odense's and Aalborg's stop in 2017 and 2018.
    const reached = new Map(progress);
    reached.set('101', rows({ '2019-12': row(10, 1, 10, 1) }));
    const r = brief(trancheStatuses({ pool: FLERE_SKAL_MED_1, allocations, progress: reached, ledger: [], asOf: '2019-12', asOfStated: false }));
    expect(r.filter((s) => s.startsWith('101/'))).toEqual(['101/1 due 2017-07 3', '101/2 forfeited - 4', '101/3 forfeited - 3']);
    // Aalborg's data now stops in 2018-01 with tranches 2 and 3 unmet: they stay pending.
    const stopped = new Map(reached);
    stopped.set('851', rows({ '2018-01': row(50, 40, 50, 10) }));
    const s = brief(trancheStatuses({ pool: FLERE_SKAL_MED_1, allocations, progress: stopped, ledger: [], asOf: '2019-12', asOfStated: false }));
    expect(s.filter((x) => x.startsWith('851/'))).toEqual(['851/1 due 2017-07 30', '851/2 pending - 40', '851/3 pending - 30']);
    // The same data with the month stated: the operator asserts the pool is over.
    const t = brief(trancheStatuses({ pool: FLERE_SKAL_MED_1, allocations, progress: stopped, ledger: [], asOf: '2019-12', asOfStated: true }));
    expect(t.filter((x) => x.startsWith('851/'))).toEqual(['851/1 due 2017-07 30', '851/2 forfeited - 40', '851/3 forfeited - 30']);
  });

  it('kommuner that did not apply get no tranches', () => {
    expect(statuses('2019-12').some((r) => r.id === '665')).toBe(false);
  });

  it('the ledger turns due into paid, and recording twice changes nothing', () => {
    const first = statuses('2017-09');
    const payouts = newPayouts(first, '2017-10-01T06:00:00.000Z');
    expect(payouts.map((p) => `${p.kommune}/${p.tranche} ${p.monthDue} ${p.amount.digits}`)).toEqual([
      '461/1 2017-07 300',
      '461/2 2017-09 400',
      '851/1 2017-07 30',
      '101/1 2017-07 3',
    ]);
    const second = statuses('2017-09', payouts);
    expect(second.filter((r) => r.status === 'paid').length).toBe(4);
    expect(newPayouts(second, 'later')).toEqual([]);
    // A paid tranche stays paid at the end month, even a start tranche.
    expect(brief(statuses('2019-12', payouts))[0]).toBe('461/1 paid 2017-07 300');
  });
});

describe('trancheStatuses (FSM2, single-month thresholds)', () => {
  it('50 % at start, 40 % at 15 % in one month, 10 % at 20 % in one month', () => {
    const fsm2 = [kommune('147', 'Frederiksberg', ['50', '40', '10'])];
    const p = new Map([
      [
        '147',
        rows({
          '2020-01': { target_group: 200, paid_hours: 29 }, // 14.5 %
          '2020-02': { target_group: 200, paid_hours: 30 }, // 15 % exactly
          '2020-03': { target_group: 200, paid_hours: 39 }, // 19.5 %
          '2020-04': { target_group: 200, paid_hours: 40 }, // 20 % exactly
        }),
      ],
    ]);
    const at = (asOf: string) =>
      brief(trancheStatuses({ pool: FLERE_SKAL_MED_2, allocations: fsm2, progress: p, ledger: [], asOf, asOfStated: true }));
    expect(at('2020-01')).toEqual(['147/1 due 2020-01 50', '147/2 pending - 40', '147/3 pending - 10']);
    expect(at('2020-03')).toEqual(['147/1 due 2020-01 50', '147/2 due 2020-02 40', '147/3 pending - 10']);
    expect(at('2020-04')).toEqual(['147/1 due 2020-01 50', '147/2 due 2020-02 40', '147/3 due 2020-04 10']);
  });
});

describe('reconcileLedger', () => {
  const entry = (kommune: string, tranche: number, amount: string, line: number): LedgerEntry => ({
    kommune,
    tranche,
    amount: fixed(amount),
    monthDue: '2017-07',
    recordedAt: 'x',
    line,
  });
  it('accepts equal amounts at another scale', () => {
    expect(reconcileLedger([entry('461', 1, '300.00', 2)], allocations, 3, 'ledger.csv')).toEqual([]);
  });
  it('reports disagreements with their lines', () => {
    const d = reconcileLedger(
      [
        entry('461', 1, '301', 2),
        entry('999', 1, '1', 3),
        entry('665', 1, '1', 4),
        entry('851', 4, '1', 5),
        entry('851', 1, '30', 6),
        entry('851', 1, '30', 7),
      ],
      allocations,
      3,
      'ledger.csv',
    );
    expect(d.map((x) => `${x.code}@${x.line}`)).toEqual([
      'ledger.amount-mismatch@2',
      'ledger.unknown-kommune@3',
      'ledger.not-applied@4',
      'ledger.no-such-tranche@5',
      'ledger.duplicate@7',
    ]);
    expect(d[0]?.args).toMatchObject({ expected: '300', tranche: 1 });
  });
});
