/**
 * `flere check` as rows of typed cells, for CSV (`--format csv|tsv`) and the workbook
 * (`--format xlsx`) alike: one row per kommune and tranche (`id, name, tranche, amount,
 * status, month, recorded, evidence`); the workbook adds the kommuner that did not apply and
 * the totals by status, the same values the JSON's `not_applied` and `totals` hold.
 */
import { formatFixed, sumFixed } from '../../core/decimal.js';
import { type CheckRenderOptions, type CheckView, evidenceText, notApplied, statusTotals, wasRecorded } from './check-model.js';
import { type CellValue, columnOf, type DataTable, finestScale, numberColumn, tableCsvText, tableSheet } from './data-table.js';
import { type Words, wordsFor } from './words.js';
import { workbookOutput } from './xlsx-output.js';


/** One row per tranche shown, in the view's order; statuses and yes/no in the run's words. */
function checkTrancheTable(view: CheckView, options: Pick<CheckRenderOptions, 'dialect' | 'words'>): DataTable {
  const w = options.words ?? wordsFor();
  const scale = finestScale(view.reports.map((r) => r.amount));
  return {
    columns: [
      columnOf(w('col.id'), 'text'),
      columnOf(w('col.name'), 'text'),
      columnOf(w('col.tranche'), 'integer'),
      numberColumn(w('col.amount'), scale),
      columnOf(w('col.status'), 'text'),
      columnOf(w('col.month'), 'month'),
      columnOf(w('col.recorded'), 'text'),
      columnOf(w('col.evidence'), 'text'),
    ],
    rows: view.reports.map((r): CellValue[] => [
      r.id,
      r.name,
      String(r.tranche),
      formatFixed(r.amount),
      w(`status.${r.status}`),
      r.month,
      w(wasRecorded(view, r) ? 'yes' : 'no'),
      evidenceText(r.evidence, options.dialect.decimalMark, w),
    ]),
  };
}

/** The kommuner that did not apply, with the amount that goes to the follow-up pool, and its total. */
function notAppliedTable(view: CheckView, w: Words): DataTable {
  const kommuner = notApplied(view);
  const amounts = kommuner.map((k) => k.amount);
  return {
    columns: [columnOf(w('col.id'), 'text'), columnOf(w('col.name'), 'text'), numberColumn(w('col.amount'), finestScale(amounts))],
    rows: kommuner.map((k) => [k.id, k.name, formatFixed(k.amount)]),
    totals: [null, w('total'), formatFixed(sumFixed(amounts))],
  };
}

/** The tranches by status: how many, and how much. */
function totalsTable(view: CheckView, w: Words): DataTable {
  const totals = statusTotals(view);
  const scale = finestScale(totals.map((t) => t.amount));
  return {
    columns: [columnOf(w('col.status'), 'text'), columnOf(w('col.tranches'), 'integer'), numberColumn(w('col.amount'), scale)],
    // Each sum as the JSON's `totals` writes it; the column's format shows the places alike.
    rows: totals.map((t) => [w(`status.${t.status}`), String(t.count), formatFixed(t.amount)]),
  };
}

/** The CSV text of a check; empty rows give just the header. */
export function renderCheckCsv(view: CheckView, options: CheckRenderOptions): string {
  return tableCsvText(checkTrancheTable(view, options), options.dialect);
}

/** The workbook: the tranches, the kommuner that did not apply, the totals by status. */
export function renderCheckXlsx(view: CheckView, options: CheckRenderOptions): Promise<Uint8Array> {
  const w = options.words ?? wordsFor();
  return workbookOutput([
    tableSheet(w('sheet.tranches'), checkTrancheTable(view, options)),
    tableSheet(w('sheet.not-applied'), notAppliedTable(view, w)),
    tableSheet(w('sheet.totals'), totalsTable(view, w)),
  ]);
}
