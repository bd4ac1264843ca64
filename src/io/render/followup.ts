/**
 * Renderers of a follow-up pool, keyed by format. Each is pure: the view in, text out.
 * Every amount is an exact decimal string in kroner at the follow-up's base scale (the
 * finest decimal place of the sources and the unit), so the numbers of one document add up
 * as written.
 */
import { divideToFixed, type Fixed, formatFixed, toCommonScale } from '../../core/decimal.js';
import { type AllocationExplanation, explainAllocation } from '../../core/explain.js';
import type { Followup, FollowupSource } from '../../core/followup.js';
import type { FollowupAccounting } from '../../core/followup-accounting.js';
import type { FollowupKey } from '../../core/followup-recipients.js';
import type { FollowupTrail } from '../../core/followup-trail.js';
import { formatUnits } from '../../core/money.js';
import { type CsvCell, num, text, writeCsv } from './csv-write.js';
import type { CsvDialect } from './csv-dialect.js';
import { quotaDecimal, quotaFraction, quotaTable, remainderText, SHARE_SCALE } from './explain-quota.js';
import type { Format } from './formats.js';
import { groupDigits } from './grouping.js';
import type { Palette } from './palette.js';
import { layoutTable, type TextColumn, type TextRow } from './text-table.js';
import { visibleText } from './visible-text.js';

/** Everything a follow-up renderer shows: the result, its audit trail and its balances. */
export interface FollowupView {
  readonly followup: Followup;
  readonly trail: FollowupTrail;
  readonly accounting: FollowupAccounting;
  readonly key: FollowupKey;
  /** The original pool, when the allocation names it (id for JSON, name for the table). */
  readonly pool?: { readonly id: string; readonly name: string };
}

/** What a renderer needs besides the view. */
export interface FollowupRenderOptions {
  readonly explain: boolean;
  readonly palette: Palette;
  readonly dialect: CsvDialect;
}

/** Renders a follow-up pool to the complete text of the output. */
export type FollowupRenderer = (view: FollowupView, options: FollowupRenderOptions) => string;

/** The key as the user gave it: `count`, `equal`, or the weight column's name. */
const keyName = (key: FollowupKey): string => (key.kind === 'column' ? key.column : key.kind);

/** A money amount in kroner at the view's base scale, canonical (`1165000`, `1165000.50`). */
const money = (v: FollowupView, x: Fixed): string => formatFixed(x, v.trail.scale);
/** `base` base units (10^−scale kroner) as a canonical decimal string. */
const baseMoney = (v: FollowupView, base: bigint): string => formatFixed({ digits: base, scale: v.trail.scale });
/** A recipient's amount (units of the follow-up's unit) in kroner at the base scale. */
const rowMoney = (v: FollowupView, r: number): string => baseMoney(v, v.trail.columnTotals[r] ?? 0n);

/** Each row's share of the total weight in percent, rounded half up at SHARE_SCALE digits. */
function sharePercents(f: Followup): string[] {
  const { digits } = toCommonScale(f.rows.map((r) => r.recipient.weight));
  return digits.map((w) => formatFixed(divideToFixed(w * 100n, f.apportionment.denominator, SHARE_SCALE).value));
}


/** How a source is described to a person: `did not apply` or `tranche 3 forfeited`. */
const sourceText = (s: FollowupSource): string => (s.tranche === null ? 'did not apply' : `tranche ${s.tranche} forfeited`);

// --- JSON ---------------------------------------------------------------------------------

function renderJson(v: FollowupView, options: FollowupRenderOptions): string {
  const { followup: f, trail, accounting: a } = v;
  const explanation = options.explain ? explainAllocation(f) : undefined;
  const shares = sharePercents(f);
  const document = {
    version: 1,
    allocation_pool: v.pool?.id ?? null,
    pool: money(v, f.pool),
    unit: formatFixed(f.unit),
    unallocated: money(v, f.unallocated),
    key: keyName(v.key),
    sources: f.sources.map((s, i) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      tranche: s.tranche,
      amount: money(v, s.amount),
      to: f.rows.map((r, j) => ({ id: r.recipient.id, amount: baseMoney(v, trail.flows[i]?.[j] ?? 0n) })),
      unallocated: baseMoney(v, trail.flows[i]?.[f.rows.length] ?? 0n),
    })),
    allocations: f.rows.map((r, i) => ({
      id: r.recipient.id,
      name: r.recipient.name,
      weight: formatFixed(r.recipient.weight),
      share: shares[i] ?? '0',
      amount: rowMoney(v, i),
      ...(explanation ? { explain: explainJson(f, explanation, i) } : {}),
    })),
    check: {
      recipients: money(v, a.followupPaid),
      unallocated: money(v, a.followupUnallocated),
      recipients_plus_unallocated_equals_pool: a.followupBalances,
      original_pool: money(v, a.originalPool),
      original_pool_stated: a.originalStated,
      allocation_unallocated: money(v, a.allocationUnallocated),
      kept_by_applicants: money(v, a.keptByApplicants),
      accounts_for_original_pool: a.originalBalances,
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function explainJson(f: Followup, e: AllocationExplanation, i: number): object {
  const row = e.rows[i];
  if (!row) return {};
  return {
    quota: quotaFraction(f.unit, row.quota),
    quota_decimal: quotaDecimal(f.unit, row.quota),
    floor: formatUnits(row.floor, f.unit),
    remainder: remainderText(row.remainder),
    rank: row.rank,
    extra_unit: row.extra,
    tie_group: row.tieGroup,
  };
}

// --- CSV ----------------------------------------------------------------------------------

/**
 * The recipients, one row each; with `--explain` instead the audit trail in long form, one
 * row per source and recipient (and the source's unallocated part, with an empty recipient
 * id), ready for a pivot table: the `amount` column sums to the follow-up pool.
 */
function renderCsv(v: FollowupView, options: FollowupRenderOptions): string {
  const f = v.followup;
  if (options.explain) {
    const header = ['source_id', 'source_name', 'source_kind', 'source_tranche', 'source_amount', 'recipient_id', 'recipient_name', 'amount'];
    const rows = f.sources.flatMap((s, i): CsvCell[][] => {
      const from = [text(s.id), text(s.name), text(s.kind), text(s.tranche === null ? '' : `${s.tranche}`), num(money(v, s.amount))];
      const flow = (j: number): string => baseMoney(v, v.trail.flows[i]?.[j] ?? 0n);
      return [
        ...f.rows.map((r, j) => [...from, text(r.recipient.id), text(r.recipient.name), num(flow(j))]),
        [...from, text(''), text('unallocated'), num(flow(f.rows.length))],
      ];
    });
    return writeCsv(header, rows, options.dialect);
  }
  const shares = sharePercents(f);
  const rows = f.rows.map((r, i): CsvCell[] => [
    text(r.recipient.id),
    text(r.recipient.name),
    num(formatFixed(r.recipient.weight)),
    num(shares[i] ?? '0'),
    num(rowMoney(v, i)),
  ]);
  return writeCsv(['id', 'name', 'weight', 'share', 'amount'], rows, options.dialect);
}

// --- table --------------------------------------------------------------------------------

function renderTable(v: FollowupView, options: FollowupRenderOptions): string {
  const f = v.followup;
  const p = options.palette;
  const kr = (x: Fixed): string => groupDigits(money(v, x));
  const shares = sharePercents(f);
  const weightTotal = formatFixed({ digits: f.apportionment.denominator, scale: Math.max(0, ...f.rows.map((r) => r.recipient.weight.scale)) });
  const columns: TextColumn[] = [
    { heading: 'id', right: true },
    { heading: 'name' },
    { heading: v.key.kind === 'count' ? 'count' : 'weight', right: true },
    { heading: 'share %', right: true },
    { heading: 'amount', right: true },
  ];
  const rows: TextRow[] = f.rows.map((r, i) => ({
    cells: [r.recipient.id, r.recipient.name, groupDigits(formatFixed(r.recipient.weight)), groupDigits(shares[i] ?? '0'), groupDigits(rowMoney(v, i))],
  }));
  rows.push({
    cells: ['', 'Total', groupDigits(weightTotal), groupDigits(formatFixed({ digits: 100n, scale: 0 }, SHARE_SCALE)), kr(v.accounting.followupPaid)],
    style: p.bold,
  });
  const by = v.key.kind === 'equal' ? 'in equal shares' : v.key.kind === 'count' ? 'by count in the allocation' : `by «${visibleText(v.key.column)}»`;
  const of = v.pool ? ` of ${visibleText(v.pool.name)}` : '';
  const lines = [
    p.bold(`Follow-up pool${of}: ${kr(f.pool)} kr. in units of ${groupDigits(formatFixed(f.unit))} kr., ${f.rows.length} recipient${f.rows.length === 1 ? '' : 's'} ${by}`),
    ...layoutTable(columns, rows, p.bold),
  ];
  if (f.unallocated.digits !== 0n) lines.push(`Unallocated (below one unit): ${kr(f.unallocated)} kr.`);
  lines.push(sourcesLine(v), ...checkLines(v, p));
  if (options.explain) lines.push('', ...trailTable(v, p), '', ...quotaTable(v.followup.rows.map((r) => r.recipient), explainAllocation(v.followup), v.followup.unit, p));
  return `${lines.join('\n')}\n`;
}

/** `Sources: 9 kommuner that did not apply (7.126.653 kr.), 4 forfeited tranches (…)`. */
function sourcesLine(v: FollowupView): string {
  const count = { 'not-applied': 0, forfeited: 0 };
  const base = { 'not-applied': 0n, forfeited: 0n };
  v.followup.sources.forEach((s, i) => {
    count[s.kind] += 1;
    base[s.kind] += v.trail.sourceTotals[i] ?? 0n;
  });
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const kr = (b: bigint): string => groupDigits(baseMoney(v, b));
  const parts = [`${plural(count['not-applied'], 'kommune', 'kommuner')} that did not apply (${kr(base['not-applied'])} kr.)`];
  if (count.forfeited > 0) parts.push(`${plural(count.forfeited, 'forfeited tranche', 'forfeited tranches')} (${kr(base.forfeited)} kr.)`);
  return `Sources: ${parts.join(', ')}`;
}

function checkLines(v: FollowupView, p: Palette): string[] {
  const a = v.accounting;
  const kr = (x: Fixed): string => groupDigits(money(v, x));
  const mark = (ok: boolean): string => (ok ? p.green('✓') : p.red('✗'));
  const original = a.originalStated ? 'the original pool' : 'the allocation (its total is not in the file)';
  const rest = a.allocationUnallocated.digits === 0n ? '' : ` + allocation unallocated ${kr(a.allocationUnallocated)}`;
  return [
    `Check: recipients ${kr(a.followupPaid)} + unallocated ${kr(a.followupUnallocated)} = ${kr(a.followupPool)} kr. = follow-up pool ${mark(a.followupBalances)}`,
    `Check: applicants keep ${kr(a.keptByApplicants)} + follow-up ${kr(a.followupPaid)} + unallocated ${kr(a.followupUnallocated)}${rest} = ${kr(a.originalPool)} kr. = ${original} ${mark(a.originalBalances)}`,
  ];
}

/** Sources down, recipients across: which part of each source reached each recipient. */
function trailTable(v: FollowupView, p: Palette): string[] {
  const { followup: f, trail } = v;
  const cell = (base: bigint): string => groupDigits(baseMoney(v, base));
  const columns: TextColumn[] = [
    { heading: 'id', right: true },
    { heading: 'source' },
    { heading: 'why' },
    { heading: 'amount', right: true },
    ...f.rows.map((r) => ({ heading: r.recipient.name, right: true })),
    { heading: 'unallocated', right: true },
  ];
  const rows: TextRow[] = f.sources.map((s, i) => ({
    cells: [s.id, s.name, sourceText(s), cell(trail.sourceTotals[i] ?? 0n), ...(trail.flows[i] ?? []).map(cell)],
  }));
  const poolBase = trail.sourceTotals.reduce((s, x) => s + x, 0n);
  rows.push({ cells: ['', 'Total', '', cell(poolBase), ...trail.columnTotals.map(cell)], style: p.bold });
  return [
    p.bold('Audit trail (kr.): each source shared among the recipients in proportion to their amounts, rounded so that rows and columns add up'),
    ...layoutTable(columns, rows, p.bold),
  ];
}


/** The follow-up renderers; `--format` offers exactly these keys. */
export const followupRenderers = {
  table: renderTable,
  csv: renderCsv,
  json: renderJson,
} satisfies Record<Format, FollowupRenderer>;
