/**
 * Renderers of an allocation, keyed by format. Each is pure: allocation in, text out, as a
 * sequence of chunks (CSV and JSON row by row, so that a million rows are written without
 * the whole text ever existing as one string). Amounts are exact decimal strings in kroner
 * at the unit's scale.
 */
import type { Allocation } from '../../core/allocation.js';
import { formatFixed, sumFixed, toCommonScale } from '../../core/decimal.js';
import { type AllocationExplanation, explainAllocation } from '../../core/explain.js';
import { formatUnits } from '../../core/money.js';
import { type CsvCell, csvChunks, num, text } from './csv-write.js';
import type { CsvDialect } from './csv-dialect.js';
import { quotaDecimal, quotaFraction, quotaTable, remainderText, SHARE_SCALE } from './explain-quota.js';
import type { Format } from './formats.js';
import { groupDigits } from './grouping.js';
import type { Palette } from './palette.js';
import { layoutTable, type TextRow } from './text-table.js';
import { visibleText } from './visible-text.js';

/** What a renderer needs besides the allocation. */
export interface AllocationRenderOptions {
  /** The pool: its id for JSON's `pool`, its name for the table's title. */
  readonly pool: { readonly id: string; readonly name: string };
  readonly explain: boolean;
  readonly palette: Palette;
  readonly dialect: CsvDialect;
}

/** Renders an allocation: the chunks of the output's text, in order. */
export type AllocationRenderer = (allocation: Allocation, options: AllocationRenderOptions) => Iterable<string>;

const amountOf = (a: Allocation, units: bigint): string => formatUnits(units, a.unit);

/**
 * Row i's share of the total count in percent, rounded half up at SHARE_SCALE digits. With
 * w the row's count and W = Σ counts (both at their common scale; W is the apportionment's
 * denominator), the share in units of 10^−SHARE_SCALE percent is w·100·10^SHARE_SCALE / W
 * rounded half up, which in integers is ⌊(2·w·100·10^SHARE_SCALE + W) / (2·W)⌋.
 */
function sharePercents(a: Allocation): (i: number) => string {
  const { digits } = toCommonScale(a.rows.map((r) => r.recipient.count));
  const W = a.apportionment.denominator;
  const twiceScaled = 2n * 100n * 10n ** BigInt(SHARE_SCALE);
  const twiceW = 2n * W;
  return (i) => formatFixed({ digits: ((digits[i] as bigint) * twiceScaled + W) / twiceW, scale: SHARE_SCALE });
}


/**
 * The JSON document (`version` 1). Layout: the top level is indented by two spaces, as
 * `JSON.stringify(…, null, 2)` writes it, but each item of `allocations` is one line of
 * compact JSON. Keys, their order and the values are the same as in any other layout; the
 * line per item keeps a million recipients streamable and each recipient one line in a diff.
 */
function* renderJson(a: Allocation, options: AllocationRenderOptions): Generator<string> {
  const explanation = options.explain ? explainAllocation(a) : undefined;
  const share = sharePercents(a);
  const head = {
    version: 1,
    pool: options.pool.id,
    total: formatFixed(a.total),
    unit: formatFixed(a.unit),
    unallocated: formatFixed(a.unallocated),
    followup: amountOf(a, a.followup),
    tranche_shares: a.shares.map((s) => formatFixed(s)),
    tranche_totals: a.trancheTotals.map((t) => amountOf(a, t)),
  };
  // The members of `head` as the two-space layout writes them, without the braces.
  yield `{\n${JSON.stringify(head, null, 2).slice(2, -2)},\n  "allocations": [`;
  for (let i = 0; i < a.rows.length; i++) {
    const row = a.rows[i] as Allocation['rows'][number];
    // Amounts are decimal strings: quoted, never escaped.
    let tranches = '';
    for (const t of row.tranches) tranches += `${tranches === '' ? '' : ','}"${amountOf(a, t)}"`;
    const explain = explanation ? `,"explain":${JSON.stringify(explainJson(a, explanation, i))}` : '';
    const id = jsonString(row.recipient.id);
    // Free recipients' id is their name: one escape check for both.
    const name = row.recipient.name === row.recipient.id ? id : jsonString(row.recipient.name);
    yield `${i === 0 ? '' : ','}\n    {"id":${id},"name":${name},` +
      `"count":"${formatFixed(row.recipient.count)}","share":"${share(i)}","amount":"${amountOf(a, row.amount)}",` +
      `"tranches":[${tranches}],"applied":${row.recipient.applied}${explain}}`;
  }
  yield a.rows.length === 0 ? ']' : '\n  ]';
  if (explanation) {
    const check = { sum: amountOf(a, explanation.sum), leftover_units: `${explanation.leftover}`, sum_equals_pool: explanation.sumEqualsPool };
    yield `,\n  "check": ${JSON.stringify(check, null, 2).replace(/\n/g, '\n  ')}`;
  }
  yield '\n}\n';
}

// What JSON.stringify escapes in a string: quote, backslash, control characters, and lone
// surrogates (any surrogate here, so that pairs are left to JSON.stringify too).
const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * `s` as a JSON string literal, exactly as JSON.stringify writes it; plain text (almost
 * every name) is only quoted, which is about three times faster over a million rows.
 */
function jsonString(s: string): string {
  return JSON_ESCAPED.test(s) ? JSON.stringify(s) : `"${s}"`;
}

function explainJson(a: Allocation, e: AllocationExplanation, i: number): object {
  const row = e.rows[i];
  if (!row) return {};
  return {
    quota: quotaFraction(a.unit, row.quota),
    quota_decimal: quotaDecimal(a.unit, row.quota),
    floor: amountOf(a, row.floor),
    remainder: remainderText(row.remainder),
    rank: row.rank,
    extra_unit: row.extra,
    tie_group: row.tieGroup,
  };
}

function renderCsv(a: Allocation, options: AllocationRenderOptions): Iterable<string> {
  const trancheHeads = a.shares.map((_, j) => `tranche_${j + 1}`);
  const explainHeads = options.explain ? ['quota', 'quota_decimal', 'floor', 'remainder', 'rank', 'extra_unit'] : [];
  const header = ['id', 'name', 'count', 'share', 'amount', ...trancheHeads, 'applied', ...explainHeads];
  const explanation = options.explain ? explainAllocation(a) : undefined;
  const share = sharePercents(a);
  function* rows(): Generator<CsvCell[]> {
    for (let i = 0; i < a.rows.length; i++) {
      const row = a.rows[i] as Allocation['rows'][number];
      const cells = [text(row.recipient.id), text(row.recipient.name), num(formatFixed(row.recipient.count)), num(share(i)), num(amountOf(a, row.amount))];
      for (let j = 0; j < a.shares.length; j++) {
        const t = row.tranches[j];
        cells.push(t === undefined ? text('') : num(amountOf(a, t)));
      }
      cells.push(text(row.recipient.applied ? 'yes' : 'no'));
      const e = explanation?.rows[i];
      if (e) {
        cells.push(text(quotaFraction(a.unit, e.quota)), num(quotaDecimal(a.unit, e.quota)), num(amountOf(a, e.floor)), text(remainderText(e.remainder)));
        cells.push(text(e.rank === null ? '' : `${e.rank}`), text(e.extra ? 'yes' : 'no'));
      }
      yield cells;
    }
  }
  return csvChunks(header, rows(), options.dialect);
}

function renderTable(a: Allocation, options: AllocationRenderOptions): string {
  const { palette: p } = options;
  const money = (units: bigint): string => groupDigits(amountOf(a, units));
  const countTotal = formatFixed(sumFixed(a.rows.map((r) => r.recipient.count)));
  const hasNonApplicants = a.rows.some((r) => !r.recipient.applied);
  const share = sharePercents(a);
  const columns = [
    { heading: 'id', right: true },
    { heading: 'name' },
    { heading: 'count', right: true },
    { heading: 'share %', right: true },
    { heading: 'amount', right: true },
    ...a.shares.map((s, j) => ({ heading: `tranche ${j + 1} (${groupDigits(formatFixed(s))} %)`, right: true })),
    ...(hasNonApplicants ? [{ heading: 'applied' }] : []),
  ];
  const rows: TextRow[] = a.rows.map((row, i) => ({
    cells: [
      // Free names come from the input file: shown, never obeyed by the terminal.
      visibleText(row.recipient.id),
      visibleText(row.recipient.name),
      groupDigits(formatFixed(row.recipient.count)),
      groupDigits(share(i)),
      money(row.amount),
      ...a.shares.map((_, j) => {
        const t = row.tranches[j];
        return t === undefined ? '–' : money(t);
      }),
      ...(hasNonApplicants ? [row.recipient.applied ? 'yes' : 'no'] : []),
    ],
    ...(row.recipient.applied ? {} : { style: p.dim }),
  }));
  rows.push({
    cells: ['', 'Total', groupDigits(countTotal), groupDigits(formatFixed({ digits: 100n, scale: 0 }, SHARE_SCALE)), money(a.units), ...a.trancheTotals.map(money)],
    style: p.bold,
  });
  const lines = [
    p.bold(`${visibleText(options.pool.name)}: ${groupDigits(formatFixed(a.total))} kr. in units of ${groupDigits(formatFixed(a.unit))} kr., ${a.rows.length} recipients`),
    ...layoutTable(columns, rows, p.bold),
  ];
  if (a.unallocated.digits !== 0n) lines.push(`Unallocated (below one unit): ${groupDigits(formatFixed(a.unallocated))} kr.`);
  if (hasNonApplicants) {
    const count = a.rows.filter((r) => !r.recipient.applied).length;
    lines.push(`Follow-up pool: ${money(a.followup)} kr. from ${count} recipient${count === 1 ? '' : 's'} that did not apply`);
    // The Total row's amount is the whole pool, its tranche columns only the applicants': say so.
    lines.push(`Tranches: ${money(a.units - a.followup)} kr. of the ${a.rows.length - count} that applied (flere followup distributes the rest)`);
  }
  // concat, not push(...): a million explained rows would be a million arguments.
  const all = options.explain ? lines.concat('', explainTable(a, options)) : lines;
  return `${all.join('\n')}\n`;
}

function explainTable(a: Allocation, options: AllocationRenderOptions): string[] {
  const e = explainAllocation(a);
  const { palette: p } = options;
  const check = e.sumEqualsPool ? p.green('✓') : p.red('✗');
  return [
    ...quotaTable(a.rows.map((r) => r.recipient), e, a.unit, p),
    `Check: Σ amounts = ${groupDigits(amountOf(a, e.sum))} kr. = pool in whole units ${check}`,
  ];
}

/** The allocation renderers; `--format` offers exactly these keys. */
export const allocationRenderers = {
  table: (a, options) => [renderTable(a, options)],
  csv: renderCsv,
  json: renderJson,
} satisfies Record<Format, AllocationRenderer>;
