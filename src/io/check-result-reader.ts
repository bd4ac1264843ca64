/**
 * Reading a `flere check --format json` result for `flere followup --forfeited` and `flere
 * report --check`: the pool it is about, its as-of month, and every tranche with its status
 * and the month it fell due. Only the shape is checked here; whether the tranches belong to
 * the allocation is checked against it in the core.
 */
import type { CheckedTranche } from '../core/followup-sources.js';
import { FlereError } from '../core/diagnostics.js';
import { type Month, parseMonth } from '../core/months.js';
import { TRANCHE_STATUSES, type TrancheStatus } from '../core/tranche-status.js';
import { decodeText } from './decode.js';
import { readJsonDocument } from './json-document.js';

/** A tranche of a check result: what `followup` needs, and the month it fell due. */
export interface CheckResultTranche extends CheckedTranche {
  /** The month it fell due (`due`, `paid`); null when the document says null or nothing. */
  readonly month: Month | null;
}

/** A read check result. */
export interface CheckResult {
  /** The pool id (`"flere-skal-med-1"`), when the document names one. */
  readonly pool?: string;
  /** The as-of month (`"2019-12"`), when the document names one. */
  readonly asOf?: string;
  readonly tranches: readonly CheckResultTranche[];
}

const EXPECTED_ROOT = 'an object with "tranches", as `flere check --format json` writes';

/**
 * Parses a check result. Throws one FlereError (data): `check-result.json-syntax` for text
 * that is not JSON, `check-result.json-shape` (value = the JSON path, `args.expected`) for
 * each part of another shape: version other than 1, a tranche without a kommune code, a
 * tranche number that is not a positive whole number, an amount that is not a non-negative
 * decimal string, a status other than due, paid, pending or forfeited, a month that is
 * neither null nor `YYYY-MM`; `check-result.quiet`
 * for a result marked `"quiet": true` (it lists only the due tranches).
 */
export function readCheckResult(bytes: Uint8Array, file: string): CheckResult {
  const { text } = decodeText(bytes);
  const json = readJsonDocument(text, { file, family: 'check-result', root: EXPECTED_ROOT });
  const { root: doc, shape } = json;
  // A --quiet result lists only the due tranches: the forfeited ones would be missed silently.
  if (doc['quiet'] === true) throw new FlereError('data', [{ code: 'check-result.quiet', file }]);
  const items = json.array('tranches');
  const tranches: CheckResultTranche[] = [];
  items.forEach((item: unknown, i) => {
    const path = `tranches[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return shape(path, 'an object');
    const o = item as Record<string, unknown>;
    const id = typeof o['id'] === 'string' && o['id'] !== '' ? o['id'] : undefined;
    if (id === undefined) shape(`${path}.id`, 'a kommune code as a string, like "101"');
    const tranche = o['tranche'];
    const number = typeof tranche === 'number' && Number.isInteger(tranche) && tranche >= 1 ? tranche : undefined;
    if (number === undefined) shape(`${path}.tranche`, 'a tranche number 1, 2, 3 …');
    const amount = json.decimal(o['amount'], `${path}.amount`, 'a non-negative decimal string like "1234"');
    const status = TRANCHE_STATUSES.find((s) => s === o['status']);
    if (status === undefined) shape(`${path}.status`, TRANCHE_STATUSES.join(', '));
    const rawMonth = o['month'] ?? null;
    const month = typeof rawMonth === 'string' ? parseMonth(rawMonth) : undefined;
    if (rawMonth !== null && month === undefined) shape(`${path}.month`, 'a month as "YYYY-MM", or null');
    if (id === undefined || number === undefined || amount === undefined || status === undefined) return;
    if (rawMonth !== null && month === undefined) return;
    tranches.push({ id, tranche: number, amount, status: status as TrancheStatus, path, month: month ?? null });
  });
  json.bag.throwIfAny('data');
  const pool = typeof doc['pool'] === 'string' ? doc['pool'] : undefined;
  const asOf = typeof doc['as_of'] === 'string' ? doc['as_of'] : undefined;
  return { tranches, ...(pool === undefined ? {} : { pool }), ...(asOf === undefined ? {} : { asOf }) };
}
