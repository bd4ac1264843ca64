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
import type { OutputBody } from '../output.js';
import type { CsvDialect } from './csv-dialect.js';
import { type CellValue, columnOf, type DataTable, finestScale, numberColumn, tableCells, tableCsvText, tableSheet } from './data-table.js';
import { quotaCells, quotaColumns, quotaDecimal, quotaFraction, quotaTable, remainderText, SHARE_SCALE } from './explain-quota.js';
import type { Format } from './formats.js';
import { groupDigits } from './grouping.js';
import type { Palette } from './palette.js';
import { layoutTable, type TextColumn, type TextRow } from './text-table.js';
import { visibleText } from './visible-text.js';
import { plural, type WordKey, type Words, wordsFor } from './words.js';
import { workbookOutput } from './xlsx-output.js';

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
  /** The words of headers and labels (default English). */
  readonly words?: Words;
}

/** Renders a follow-up pool to the complete text of the output, or a workbook's bytes. */
export type FollowupRenderer = (view: FollowupView, options: FollowupRenderOptions) => OutputBody | Promise<OutputBody>;

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
const sourceText = (s: FollowupSource, w: Words): string =>
  s.tranche === null ? w('followup.why-not-applied') : w('followup.why-forfeited', { n: s.tranche });

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

// --- CSV and workbook ---------------------------------------------------------------------

/** The recipients as typed rows: `id, name, weight, share, amount`; totals Σ weights, 100 %, the amount paid. */
function recipientsTable(v: FollowupView, w: Words): DataTable {
  const f = v.followup;
  const shares = sharePercents(f);
  const weightScale = finestScale(f.rows.map((r) => r.recipient.weight));
  return {
    columns: [
      columnOf(w('col.id'), 'text'),
      columnOf(w('col.name'), 'text'),
      numberColumn(w('col.weight'), weightScale),
      numberColumn(w('col.share'), SHARE_SCALE),
      numberColumn(w('col.amount'), scaleOf(v)),
    ],
    rows: f.rows.map((r, i): CellValue[] => [r.recipient.id, r.recipient.name, formatFixed(r.recipient.weight), shares[i] ?? '0', rowMoney(v, i)]),
    totals: [
      null,
      w('total'),
      formatFixed({ digits: f.apportionment.denominator, scale: weightScale }),
      formatFixed({ digits: 100n, scale: 0 }, SHARE_SCALE),
      money(v, v.accounting.followupPaid),
    ],
  };
}

/**
 * The audit trail in long form, one row per source and recipient (and the source's
 * unallocated part, with an empty recipient id), ready for a pivot table: the `amount`
 * column sums to the follow-up pool.
 */
function trailTable(v: FollowupView, w: Words): DataTable {
  const f = v.followup;
  const scale = scaleOf(v);
  return {
    columns: [
      columnOf(w('col.source-id'), 'text'),
      columnOf(w('col.source-name'), 'text'),
      columnOf(w('col.source-kind'), 'text'),
      columnOf(w('col.source-tranche'), 'integer'),
      numberColumn(w('col.source-amount'), scale),
      columnOf(w('col.recipient-id'), 'text'),
      columnOf(w('col.recipient-name'), 'text'),
      numberColumn(w('col.amount'), scale),
    ],
    rows: f.sources.flatMap((s, i): CellValue[][] => {
      const from = [s.id, s.name, w(`kind.${s.kind}`), s.tranche === null ? null : `${s.tranche}`, money(v, s.amount)];
      const flow = (j: number): string => baseMoney(v, v.trail.flows[i]?.[j] ?? 0n);
      return [...f.rows.map((r, j) => [...from, r.recipient.id, r.recipient.name, flow(j)]), [...from, null, w('unallocated'), flow(f.rows.length)]];
    }),
    totals: [null, w('total'), null, null, null, null, null, money(v, f.pool)],
  };
}

/** This round's sources: `id, name, kind, tranche, amount, unallocated` (what of it stays below one unit), as the JSON's `sources`. */
function sourcesTable(v: FollowupView, w: Words): DataTable {
  const f = v.followup;
  const scale = scaleOf(v);
  return {
    columns: [
      columnOf(w('col.id'), 'text'),
      columnOf(w('col.name'), 'text'),
      columnOf(w('col.kind'), 'text'),
      columnOf(w('col.tranche'), 'integer'),
      numberColumn(w('col.amount'), scale),
      numberColumn(w('col.unallocated'), scale),
    ],
    rows: f.sources.map((s, i): CellValue[] => [
      s.id,
      s.name,
      w(`kind.${s.kind}`),
      s.tranche === null ? null : `${s.tranche}`,
      money(v, s.amount),
      baseMoney(v, v.trail.flows[i]?.[f.rows.length] ?? 0n),
    ]),
    totals: [null, w('total'), null, null, money(v, f.pool), money(v, f.unallocated)],
  };
}

/** The recipients' exact quotas, floors, remainders and ranks. */
function quotasTable(v: FollowupView, w: Words): DataTable {
  const f = v.followup;
  const e = explainAllocation(f);
  return {
    columns: [columnOf(w('col.id'), 'text'), columnOf(w('col.name'), 'text'), ...quotaColumns(f.unit, w)],
    rows: f.rows.map((r, i): CellValue[] => [r.recipient.id, r.recipient.name, ...quotaCells(f.unit, e.rows[i] as (typeof e.rows)[number], w)]),
  };
}

/** The recipients, one row each; with `--explain` instead the audit trail in long form. */
function renderCsv(v: FollowupView, options: FollowupRenderOptions): string {
  const w = options.words ?? wordsFor();
  return tableCsvText(options.explain ? trailTable(v, w) : recipientsTable(v, w), options.dialect);
}

/** The workbook: recipients, sources; with `--explain` also the audit trail and the quotas. */
function renderXlsx(v: FollowupView, options: FollowupRenderOptions): Promise<Uint8Array> {
  const w = options.words ?? wordsFor();
  return workbookOutput([
    tableSheet(w('sheet.recipients'), recipientsTable(v, w)),
    tableSheet(w('sheet.sources'), sourcesTable(v, w)),
    ...(options.explain ? [tableSheet(w('sheet.trail'), trailTable(v, w)), tableSheet(w('sheet.quotas'), quotasTable(v, w))] : []),
  ]);
}

// --- table --------------------------------------------------------------------------------

function renderTable(v: FollowupView, options: FollowupRenderOptions): string {
  const f = v.followup;
  const p = options.palette;
  const w = options.words ?? wordsFor();
  const kr = (x: Fixed): string => groupDigits(money(v, x));
  const columns: TextColumn[] = [
    { heading: w('table.id'), right: true },
    { heading: w('table.name') },
    { heading: w(v.key.kind === 'count' ? 'table.count' : 'table.weight'), right: true },
    { heading: w('table.share'), right: true },
    { heading: w('table.amount'), right: true },
  ];
  // The same cells as CSV and workbooks, grouped for people.
  const recipients = recipientsTable(v, w);
  const rows: TextRow[] = [...recipients.rows].map((values) => ({ cells: tableCells(values, recipients.columns) }));
  rows.push({ cells: tableCells(recipients.totals ?? [], recipients.columns), style: p.bold });
  const by =
    v.key.kind === 'equal' ? w('followup.by-equal') : v.key.kind === 'count' ? w('followup.by-count') : w('followup.by-column', { column: visibleText(v.key.column) });
  const of = v.pool ? w('followup.of', { pool: visibleText(v.pool.name) }) : '';
  const round = v.round > 1 ? w('followup.round', { n: v.round }) : '';
  const count = f.rows.length;
  const lines = [
    p.bold(w(plural(count, 'followup.title-one', 'followup.title-many'), { of, round, pool: kr(f.pool), unit: groupDigits(formatFixed(f.unit)), count, by })),
    ...layoutTable(columns, rows, p.bold),
  ];
  if (f.unallocated.digits !== 0n) lines.push(w('followup.unallocated', { amount: kr(f.unallocated) }));
  lines.push(...sourcesLines(v, w), ...checkLines(v, p, w));
  if (options.explain) {
    lines.push('', ...trailTextTable(v, p, w), '', ...quotaTable(f.rows.map((r) => r.recipient), explainAllocation(f), f.unit, p, w));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Where the pool comes from, and the follow-up money outside it:
 * `Sources: 9 kommuner that did not apply (7.126.653 kr.), 4 forfeited tranches (…)`, then
 * what earlier rounds distributed and what this round leaves for a later one.
 */
function sourcesLines(v: FollowupView, w: Words): string[] {
  const lines = [w('followup.sources', { list: sourceSummary(v, v.followup.sources, w) })];
  const earlier = v.earlier?.sources ?? [];
  if (earlier.length > 0) {
    const first = Math.min(...earlier.map((s) => s.round));
    const list = sourceSummary(v, earlier, w);
    lines.push(first === v.round - 1 ? w('followup.before-round', { n: first, list }) : w('followup.before-rounds', { first, last: v.round - 1, list }));
  }
  if (v.heldBack.length > 0) lines.push(w('followup.held-back', { list: sourceSummary(v, v.heldBack, w) }));
  return lines;
}

/** `9 kommuner that did not apply (7.126.653 kr.), 4 forfeited tranches (…)`, or `none`. */
function sourceSummary(v: FollowupView, sources: readonly FollowupSource[], w: Words): string {
  const words: Record<FollowupSourceKind, readonly [WordKey, WordKey]> = {
    'not-applied': ['followup.not-applied-one', 'followup.not-applied-many'],
    forfeited: ['followup.forfeited-one', 'followup.forfeited-many'],
  };
  const parts = (['not-applied', 'forfeited'] as const).flatMap((kind) => {
    const amounts = sources.filter((s) => s.kind === kind).map((s) => s.amount);
    if (amounts.length === 0) return [];
    const [one, many] = words[kind];
    return [w(plural(amounts.length, one, many), { count: amounts.length, amount: groupDigits(money(v, sumFixed(amounts))) })];
  });
  return parts.length === 0 ? w('followup.none') : parts.join(', ');
}

function checkLines(v: FollowupView, p: Palette, w: Words): string[] {
  const a = v.accounting;
  const kr = (x: Fixed): string => groupDigits(money(v, x));
  const mark = (ok: boolean): string => (ok ? p.green('✓') : p.red('✗'));
  const earlier = v.earlier === undefined ? '' : w('followup.check-earlier', { paid: kr(a.earlierPaid), rest: kr(a.earlierUnallocated) });
  const held = v.heldBack.length === 0 ? '' : w('followup.check-held', { amount: kr(a.notYetDistributed) });
  const allocationRest = a.allocationUnallocated.digits === 0n ? '' : w('followup.check-allocation-rest', { amount: kr(a.allocationUnallocated) });
  return [
    w('followup.check-pool', { paid: kr(a.followupPaid), rest: kr(a.followupUnallocated), pool: kr(a.followupPool), mark: mark(a.followupBalances) }),
    w('followup.check-original', {
      kept: kr(a.keptByApplicants),
      earlier,
      paid: kr(a.followupPaid),
      rest: kr(a.followupUnallocated),
      held,
      allocationRest,
      original: kr(a.originalPool),
      what: w(a.originalStated ? 'followup.original-pool' : 'followup.original-unstated'),
      mark: mark(a.originalBalances),
    }),
  ];
}

/** Sources down, recipients across: which part of each source reached each recipient. */
function trailTextTable(v: FollowupView, p: Palette, w: Words): string[] {
  const { followup: f, trail } = v;
  const cell = (base: bigint): string => groupDigits(baseMoney(v, base));
  const columns: TextColumn[] = [
    { heading: w('table.id'), right: true },
    { heading: w('table.source') },
    { heading: w('table.why') },
    { heading: w('table.amount'), right: true },
    ...f.rows.map((r) => ({ heading: r.recipient.name, right: true })),
    { heading: w('table.unallocated'), right: true },
  ];
  const rows: TextRow[] = f.sources.map((s, i) => ({
    cells: [s.id, s.name, sourceText(s, w), cell(trail.sourceTotals[i] ?? 0n), ...(trail.flows[i] ?? []).map(cell)],
  }));
  const poolBase = trail.sourceTotals.reduce((s, x) => s + x, 0n);
  rows.push({ cells: ['', w('total'), '', cell(poolBase), ...trail.columnTotals.map(cell)], style: p.bold });
  return [p.bold(w('followup.trail-heading')), ...layoutTable(columns, rows, p.bold)];
}

/** The follow-up renderers; `--format` offers exactly these keys. */
export const followupRenderers = {
  table: renderTable,
  csv: renderCsv,
  tsv: renderCsv,
  json: renderJson,
  xlsx: renderXlsx,
} satisfies Record<Format, FollowupRenderer>;
