/**
 * Progress against the rules, as a report shows it: for each applying kommune, every ratio
 * a tranche condition reads (cleared / target group; company activity / recipients …)
 * month by month, the months of each condition's streak, and whether the kommune needs a
 * look: its data stopped, or a tranche not yet due is close to its threshold. Pure and
 * exact: counts are BigInt, thresholds and distances compared as integers.
 */
import { type ConditionEvidence, type KommuneProgress, meetsThreshold, type TrancheCondition, thresholdOf } from './conditions.js';
import type { Fixed } from './decimal.js';
import { type Month, minMonth, monthRange } from './months.js';
import { byDanishName } from './report-allocation.js';
import type { AllocatedKommune, TrancheReport, TrancheStatus } from './tranche-status.js';

/**
 * How close counts as close: a tranche not yet due whose latest ratio is at most this many
 * percentage points below its threshold (or at or above it, with the streak not yet long
 * enough). For "all cleared" (a threshold of 100 %): at least 95 % of the target group cleared.
 */
export const CLOSE_MARGIN_POINTS = 5n;

/** One condition read from a ratio: its tranche, threshold (percent) and months in a row. */
export interface RatioRule {
  /** 1-based. */
  readonly tranche: number;
  /** Percent as a canonical decimal string (`"40"`; `"100"` for all cleared). */
  readonly threshold: string;
  readonly months: number;
  readonly kind: 'all-cleared' | 'threshold';
}

/** A ratio of two progress metrics and the rules that read it, e.g. company_activity / recipients ≥ 40 % for 3 months. */
export interface RatioSeries {
  readonly numerator: string;
  readonly denominator: string;
  readonly rules: readonly RatioRule[];
}

/**
 * The ratios a pool's conditions read, in tranche order; conditions on the same pair of
 * metrics share one series. "All cleared" is the ratio cleared / target ≥ 100 % in one month
 * (the same test: cleared ≥ target > 0).
 */
export function ratioSeries(conditions: readonly TrancheCondition[]): RatioSeries[] {
  const out: { numerator: string; denominator: string; rules: RatioRule[] }[] = [];
  conditions.forEach((c, i) => {
    if (c.kind === 'at-start') return;
    const [numerator, denominator, rule]: [string, string, RatioRule] =
      c.kind === 'all-cleared'
        ? [c.cleared, c.target, { tranche: i + 1, threshold: '100', months: 1, kind: 'all-cleared' }]
        : [c.numerator, c.denominator, { tranche: i + 1, threshold: c.threshold, months: c.months, kind: 'threshold' }];
    const series = out.find((s) => s.numerator === numerator && s.denominator === denominator);
    if (series) series.rules.push(rule);
    else out.push({ numerator, denominator, rules: [rule] });
  });
  return out;
}

/** One month of a ratio; nulls: no data that month. */
export interface RatioPoint {
  readonly month: Month;
  readonly numerator: bigint | null;
  readonly denominator: bigint | null;
}

/** A rule of one kommune: its tranche's status and the months of its streak. */
export interface RuleMark {
  readonly rule: RatioRule;
  readonly status: TrancheStatus;
  /** The month the tranche fell due (due; paid: the ledger's month), else null. */
  readonly month: Month | null;
  /** Whether the data meets the condition (a paid tranche may be paid without it). */
  readonly met: boolean;
  /**
   * The months that count toward the condition: the streak that met it (from the check's
   * evidence), or else the run of qualifying months that ends in the kommune's latest month
   * with data for it (possibly none).
   */
  readonly streak: readonly Month[];
}

/** A kommune's ratio, month by month, and its rules. */
export interface KommuneSeries {
  readonly points: readonly RatioPoint[];
  readonly marks: readonly RuleMark[];
}

/** Why a kommune is where it is in the list: the first two are listed first. */
export type Attention = 'stopped' | 'close' | 'behind' | 'done';

/** The unmet rule closest to its threshold, at the kommune's latest month with data for it. */
export interface NearestRule {
  readonly rule: RatioRule;
  readonly month: Month;
  readonly numerator: bigint;
  readonly denominator: bigint;
  /** |ratio − threshold| as an exact fraction (percent / 100), for ordering. */
  readonly distance: { readonly num: bigint; readonly den: bigint };
  /** At or above the threshold, with the streak not yet long enough. */
  readonly above: boolean;
}

/** One applying kommune's progress. */
export interface KommuneWatch {
  readonly id: string;
  readonly name: string;
  /** Parallel to {@link ProgressWatch.series}. */
  readonly series: readonly KommuneSeries[];
  /** The kommune's last month with a row, up to the last chart month; null: no row at all. */
  readonly lastData: Month | null;
  /** Months without a row between its first and last month with one. */
  readonly gaps: readonly Month[];
  readonly attention: Attention;
  /** For `close` and `behind`: the nearest unmet rule, when there is data for one. */
  readonly nearest?: NearestRule;
}

/** Progress of every applying kommune, kommuner needing a look first. */
export interface ProgressWatch {
  /** The chart months: the pool's start to the as-of month, the end, or the data's last month, whichever is first. */
  readonly months: readonly Month[];
  readonly series: readonly RatioSeries[];
  readonly kommuner: readonly KommuneWatch[];
}

/** What the progress section is computed from. */
export interface ProgressWatchInput {
  readonly pool: { readonly start: Month; readonly end: Month; readonly tranches: readonly { readonly condition: TrancheCondition }[] };
  /** The allocation's kommuner; only those that applied are watched. */
  readonly kommuner: readonly AllocatedKommune[];
  readonly progress: ReadonlyMap<string, KommuneProgress>;
  /** The statuses, as `evaluateTranches` computed them from the same progress. */
  readonly reports: readonly TrancheReport[];
  readonly asOf: Month;
  /** The latest month of the progress data as a whole; null for data without rows. */
  readonly dataLast: Month | null;
}

const NO_PROGRESS: KommuneProgress = new Map();

/** Computes the progress section. */
export function watchProgress(input: ProgressWatchInput): ProgressWatch {
  const { pool } = input;
  const series = ratioSeries(pool.tranches.map((t) => t.condition));
  let last = minMonth(input.asOf, pool.end);
  if (input.dataLast !== null) last = minMonth(last, input.dataLast);
  const months = monthRange(pool.start, last);
  const reports = new Map(input.reports.map((r) => [`${r.id}#${r.tranche}`, r]));
  const kommuner = input.kommuner
    .filter((k) => k.applied)
    .map((k) => watchKommune(k, input.progress.get(k.id) ?? NO_PROGRESS, series, months, reports));
  return { months, series, kommuner: kommuner.sort(compareWatch) };
}

function watchKommune(
  k: AllocatedKommune,
  progress: KommuneProgress,
  series: readonly RatioSeries[],
  months: readonly Month[],
  reports: ReadonlyMap<string, TrancheReport>,
): KommuneWatch {
  const withData = months.filter((m) => progress.has(m));
  const lastData = withData[withData.length - 1] ?? null;
  const firstData = withData[0];
  const gaps = firstData === undefined ? [] : months.filter((m) => m > firstData && m < (lastData as Month) && !progress.has(m));
  const kseries = series.map((s): KommuneSeries => {
    const points = months.map((month): RatioPoint => {
      const row = progress.get(month);
      const numerator = row?.[s.numerator];
      const denominator = row?.[s.denominator];
      return numerator === undefined || denominator === undefined
        ? { month, numerator: null, denominator: null }
        : { month, numerator, denominator };
    });
    const marks = s.rules.map((rule): RuleMark => {
      const report = reports.get(`${k.id}#${rule.tranche}`);
      if (report === undefined) throw new RangeError(`no status for kommune ${k.id} tranche ${rule.tranche}`);
      const met = metBy(report.evidence);
      return { rule, status: report.status, month: report.month, ...(met ?? { met: false, streak: runAtLatest(points, rule) }) };
    });
    return { points, marks };
  });
  const unmet = kseries.flatMap((s) => s.marks.filter((m) => m.status === 'pending' || m.status === 'forfeited').map((mark) => ({ s, mark })));
  const chartLast = months[months.length - 1];
  const stopped = chartLast !== undefined && (lastData === null || lastData < chartLast);
  const nearest = unmet
    .map(({ s, mark }) => nearestOf(s.points, mark))
    .filter((n): n is NearestRule => n !== undefined)
    .sort((a, b) => compareDistance(a.distance, b.distance))[0];
  const attention: Attention = stopped
    ? 'stopped'
    : unmet.length === 0
      ? 'done'
      : nearest !== undefined && isClose(nearest)
        ? 'close'
        : 'behind';
  return { id: k.id, name: k.name, series: kseries, lastData, gaps, attention, ...(nearest ? { nearest } : {}) };
}

/** The streak that met the condition, from the check's own evidence; undefined when it was not met. */
function metBy(e: ConditionEvidence): { met: true; streak: Month[] } | undefined {
  switch (e.kind) {
    case 'at-start':
      return { met: true, streak: [e.start] };
    case 'all-cleared':
      return e.month !== null && e.target !== null && e.cleared !== null && e.target > 0n && e.cleared >= e.target
        ? { met: true, streak: [e.month] }
        : undefined;
    case 'threshold':
      return e.streak >= e.months ? { met: true, streak: e.window.map((o) => o.month) } : undefined;
  }
}

/** The months in a row that meet `rule`, ending in the latest month with data (none when that month fails). */
function runAtLatest(points: readonly RatioPoint[], rule: RatioRule): Month[] {
  const threshold = thresholdOf(rule.threshold);
  let end = points.length - 1;
  while (end >= 0 && (points[end]?.numerator ?? null) === null) end--;
  const run: Month[] = [];
  for (let i = end; i >= 0; i--) {
    const p = points[i] as RatioPoint;
    if (p.numerator === null || p.denominator === null || !meetsThreshold(p.numerator, p.denominator, threshold)) break;
    run.unshift(p.month);
  }
  return run;
}

/** The rule's ratio at the latest month with data for it, and its distance to the threshold. */
function nearestOf(points: readonly RatioPoint[], mark: RuleMark): NearestRule | undefined {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i] as RatioPoint;
    if (p.numerator === null || p.denominator === null || p.denominator === 0n) continue;
    const t = thresholdOf(mark.rule.threshold);
    const scaled = scaledRate(p.numerator, t);
    const target = t.digits * p.denominator;
    const diff = scaled - target;
    return {
      rule: mark.rule,
      month: p.month,
      numerator: p.numerator,
      denominator: p.denominator,
      distance: { num: diff < 0n ? -diff : diff, den: 100n * 10n ** BigInt(t.scale) * p.denominator },
      above: diff >= 0n,
    };
  }
  return undefined;
}

/** numerator × 100 × 10^scale: the ratio in the threshold's units, times the denominator. */
const scaledRate = (numerator: bigint, t: Fixed): bigint => numerator * 100n * 10n ** BigInt(t.scale);

/** At or above the threshold, or at most {@link CLOSE_MARGIN_POINTS} points below it. */
function isClose(n: NearestRule): boolean {
  if (n.above) return true;
  // distance ≤ margin / 100  ⇔  num × 100 ≤ margin × den
  return n.distance.num * 100n <= CLOSE_MARGIN_POINTS * n.distance.den;
}

/** Compares two exact fractions (positive denominators). */
function compareDistance(a: { num: bigint; den: bigint }, b: { num: bigint; den: bigint }): number {
  const x = a.num * b.den;
  const y = b.num * a.den;
  return x < y ? -1 : x > y ? 1 : 0;
}

const RANK: Readonly<Record<Attention, number>> = { stopped: 0, close: 1, behind: 2, done: 3 };

/**
 * The order of the list: data stopped (earliest stop first), then close to a threshold, then
 * behind (both nearest to the threshold first; at or above it first of all), then the
 * kommuner whose tranches all fell due; ties by name in Danish order.
 */
export function compareWatch(a: KommuneWatch, b: KommuneWatch): number {
  const byName = (): number => byDanishName(a.name, b.name);
  const rank = RANK[a.attention] - RANK[b.attention];
  if (rank !== 0) return rank;
  if (a.attention === 'stopped') {
    const x = a.lastData ?? '';
    const y = b.lastData ?? '';
    return (x < y ? -1 : x > y ? 1 : 0) || byName();
  }
  if (a.attention === 'done') return byName();
  if (a.nearest === undefined || b.nearest === undefined) return (a.nearest ? -1 : b.nearest ? 1 : 0) || byName();
  const above = Number(b.nearest.above) - Number(a.nearest.above);
  return above || compareDistance(a.nearest.distance, b.nearest.distance) || byName();
}
