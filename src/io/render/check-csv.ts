/**
 * `flere check --format csv`: one row per kommune and tranche, for a spreadsheet.
 * Columns: id, name, tranche, amount, status, month, recorded, evidence.
 */
import { formatFixed } from '../../core/decimal.js';
import { type CheckRenderOptions, type CheckView, evidenceText, wasRecorded } from './check-model.js';
import { num, text, writeCsv } from './csv-write.js';

/** The CSV text of a check; empty rows give just the header. */
export function renderCheckCsv(view: CheckView, options: CheckRenderOptions): string {
  const header = ['id', 'name', 'tranche', 'amount', 'status', 'month', 'recorded', 'evidence'];
  const rows = view.reports.map((r) => [
    text(r.id),
    text(r.name),
    num(String(r.tranche)),
    num(formatFixed(r.amount)),
    text(r.status),
    text(r.month ?? ''),
    text(wasRecorded(view, r) ? 'yes' : 'no'),
    text(evidenceText(r.evidence, options.dialect.decimalMark)),
  ]);
  return writeCsv(header, rows, options.dialect);
}
