/**
 * Renderers of a follow-up pool, keyed by format. Each is pure: the view in, text out.
 * Every amount is an exact decimal string in kroner at the document's scale (the finest
 * decimal place of every amount it shows), so the numbers of one document add up as written.
 */
import { divideToFixed, type Fixed, formatFixed, sumFixed, toCommonScale } from '../../core/decimal.js';
import { type AllocationExplanation, explainAllocation } from '../../core/explain.js';
import type { Followup, FollowupSource, FollowupSourceKind } from '../../core/followup.js';
import type { FollowupKey } from '../../core/followup-recipients.js';
import type { FollowupRound } from '../../core/followup-round.js';
import { formatUnits } from '../../core/money.js';
import { type CsvCell, num, text, writeCsv } from './csv-write.js';
import type { CsvDialect } from './csv-dialect.js';
import { quotaDecimal, quotaFraction, quotaTable, remainderText, SHARE_SCALE } from './explain-quota.js';
import type { Format } from './formats.js';
import { groupDigits } from './grouping.js';
import type { Palette } from './palette.js';
import { layoutTable, type TextColumn, type TextRow } from './text-table.js';
import { visibleText } from './visible-text.js';

/**
 * Everything a follow-up renderer shows: the round (its result, audit trail, balances and
 * the earlier rounds) and how it was asked for.
 */
export interface FollowupView extends FollowupRound {
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

/**
 * The document's scale: the finest decimal place of every amount it shows. The trail's base
 * unit covers the follow-up (its sources and unit), but the balances also show the
 * allocation's own amounts, whose total may have øre where the follow-up has none.
 */
const scaleOf = (v: FollowupView): number => Math.max(v.trail.scale, v.accounting.scale);
/** A money amount in kroner at the document's scale, canonical (`1165000`, `1165000.50`). */
const money = (v: FollowupView, x: Fixed): string => formatFixed(x, scaleOf(v));
/** `base` base units of the trail (10^−trail.scale kroner) at the document's scale. */
const baseMoney = (v: FollowupView, base: bigint): string => formatFixed({ digits: base, scale: v.trail.scale }, scaleOf(v));
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
    round: v.round,
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
    not_distributed: v.heldBack.map((s) => sourceJson(v, s)),
    earlier: {
      paid: money(v, a.earlierPaid),
      unallocated: money(v, a.earlierUnallocated),
      sources: (v.earlier?.sources ?? []).map((s) => ({ round: s.round, ...sourceJson(v, s) })),
    },
    check: {
      recipients: money(v, a.followupPaid),
      unallocated: money(v, a.followupUnallocated),
      recipients_plus_unallocated_equals_pool: a.followupBalances,
      original_pool: money(v, a.originalPool),
      original_pool_stated: a.originalStated,
      allocation_unallocated: money(v, a.allocationUnallocated),
      kept_by_applicants: money(v, a.keptByApplicants),
      earlier_rounds_paid: money(v, a.earlierPaid),
      earlier_rounds_unallocated: money(v, a.earlierUnallocated),
      not_yet_distributed: money(v, a.notYetDistributed),
      accounts_for_original_pool: a.originalBalances,
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A source as JSON: where the money comes from, without where it went. */
function sourceJson(v: FollowupView, s: FollowupSource): object {
  return { id: s.id, name: s.name, kind: s.kind, tranche: s.tranche, amount: money(v, s.amount) };
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
  const round = v.round > 1 ? `, round ${v.round}` : '';
  const lines = [
    p.bold(`Follow-up pool${of}${round}: ${kr(f.pool)} kr. in units of ${groupDigits(formatFixed(f.unit))} kr., ${f.rows.length} recipient${f.rows.length === 1 ? '' : 's'} ${by}`),
    ...layoutTable(columns, rows, p.bold),
  ];
  if (f.unallocated.digits !== 0n) lines.push(`Unallocated (below one unit): ${kr(f.unallocated)} kr.`);
  lines.push(...sourcesLines(v), ...checkLines(v, p));
  if (options.explain) lines.push('', ...trailTable(v, p), '', ...quotaTable(v.followup.rows.map((r) => r.recipient), explainAllocation(v.followup), v.followup.unit, p));
  return `${lines.join('\n')}\n`;
}

/**
 * Where the pool comes from, and the follow-up money outside it:
 * `Sources: 9 kommuner that did not apply (7.126.653 kr.), 4 forfeited tranches (…)`, then
 * what earlier rounds distributed and what this round leaves for a later one.
 */
function sourcesLines(v: FollowupView): string[] {
  const lines = [`Sources: ${sourceSummary(v, v.followup.sources)}`];
  const earlier = v.earlier?.sources ?? [];
  if (earlier.length > 0) {
    const first = Math.min(...earlier.map((s) => s.round));
    const rounds = first === v.round - 1 ? `round ${first}` : `rounds ${first}–${v.round - 1}`;
    lines.push(`Distributed before, by ${rounds}: ${sourceSummary(v, earlier)}`);
  }
  if (v.heldBack.length > 0) lines.push(`Not in this round (not yet distributed): ${sourceSummary(v, v.heldBack)}`);
  return lines;
}

/** `9 kommuner that did not apply (7.126.653 kr.), 4 forfeited tranches (…)`, or `none`. */
function sourceSummary(v: FollowupView, sources: readonly FollowupSource[]): string {
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const words: Record<FollowupSourceKind, [string, string]> = {
    'not-applied': ['kommune that did not apply', 'kommuner that did not apply'],
    forfeited: ['forfeited tranche', 'forfeited tranches'],
  };
  const parts = (['not-applied', 'forfeited'] as const).flatMap((kind) => {
    const amounts = sources.filter((s) => s.kind === kind).map((s) => s.amount);
    if (amounts.length === 0) return [];
    const [one, many] = words[kind];
    return [`${plural(amounts.length, one, many)} (${groupDigits(money(v, sumFixed(amounts)))} kr.)`];
  });
  return parts.length === 0 ? 'none' : parts.join(', ');
}

function checkLines(v: FollowupView, p: Palette): string[] {
  const a = v.accounting;
  const kr = (x: Fixed): string => groupDigits(money(v, x));
  const mark = (ok: boolean): string => (ok ? p.green('✓') : p.red('✗'));
  const original = a.originalStated ? 'the original pool' : 'the allocation (its total is not in the file)';
  const earlier = v.earlier === undefined ? '' : ` + earlier rounds ${kr(a.earlierPaid)} + their unallocated ${kr(a.earlierUnallocated)}`;
  const held = v.heldBack.length === 0 ? '' : ` + not yet distributed ${kr(a.notYetDistributed)}`;
  const rest = a.allocationUnallocated.digits === 0n ? '' : ` + allocation unallocated ${kr(a.allocationUnallocated)}`;
  return [
    `Check: recipients ${kr(a.followupPaid)} + unallocated ${kr(a.followupUnallocated)} = ${kr(a.followupPool)} kr. = follow-up pool ${mark(a.followupBalances)}`,
    `Check: applicants keep ${kr(a.keptByApplicants)}${earlier} + follow-up ${kr(a.followupPaid)} + unallocated ${kr(a.followupUnallocated)}${held}${rest} = ${kr(a.originalPool)} kr. = ${original} ${mark(a.originalBalances)}`,
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
