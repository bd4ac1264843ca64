/**
 * Reading a `flere followup --format json` result for `flere report --followup`: the pool,
 * its unit and rest, every source with what of it went to each recipient, and the
 * recipients. Only the shape is checked here; whether the numbers add up and belong to the
 * allocation is checked in the core (`report-followup.ts`).
 */
import { type Fixed, ZERO } from '../core/decimal.js';
import type { FollowupOtherSource, FollowupResult, FollowupResultRecipient, FollowupResultSource } from '../core/report-followup.js';
import { decodeText } from './decode.js';
import { readJsonDocument } from './json-document.js';

const EXPECTED_ROOT = 'an object with "sources" and "allocations", as `flere followup --format json` writes';
const AMOUNT = 'a non-negative decimal string like "1234"';

/**
 * Parses a follow-up result. Throws one FlereError (data): `followup-result.json-syntax` for
 * text that is not JSON, `followup-result.json-shape` (value = the JSON path, `args.expected`)
 * for each part of another shape: version other than 1, a missing pool, unit or unallocated
 * rest, a source or recipient without a kommune code, a kind other than not-applied or
 * forfeited (with a tranche exactly for a forfeited one), an amount that is no decimal string,
 * a round that is no number 1, 2, …. A result from before rounds (no `round`, `earlier`,
 * `not_distributed`) is round 1 with nothing before it and nothing left.
 */
export function readFollowupResult(bytes: Uint8Array, file: string): FollowupResult {
  const { text } = decodeText(bytes);
  const json = readJsonDocument(text, { file, family: 'followup-result', root: EXPECTED_ROOT });
  const { root: doc, shape } = json;
  const money = (value: unknown, path: string): Fixed | undefined => json.decimal(value, path, AMOUNT);
  const pool = money(doc['pool'], 'pool');
  const unit = money(doc['unit'], 'unit');
  const unallocated = money(doc['unallocated'], 'unallocated');
  const allocationPool = doc['allocation_pool'] ?? null;
  if (allocationPool !== null && typeof allocationPool !== 'string') shape('allocation_pool', 'a pool id or null');
  const id = (o: Record<string, unknown>, path: string): string | undefined => {
    if (typeof o['id'] === 'string' && o['id'] !== '') return o['id'];
    shape(`${path}.id`, 'a kommune code as a string, like "101"');
    return undefined;
  };
  const object = (item: unknown, path: string): Record<string, unknown> | undefined => {
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) return item as Record<string, unknown>;
    shape(path, 'an object');
    return undefined;
  };

  const sources: FollowupResultSource[] = [];
  json.array('sources').forEach((item, i) => {
    const path = `sources[${i}]`;
    const o = object(item, path);
    if (o === undefined) return;
    const code = id(o, path);
    const kind = o['kind'];
    const tranche = o['tranche'] ?? null;
    const forfeited = kind === 'forfeited';
    if (kind !== 'not-applied' && !forfeited) shape(`${path}.kind`, 'not-applied or forfeited');
    const trancheOk = forfeited ? typeof tranche === 'number' && Number.isInteger(tranche) && tranche >= 1 : tranche === null;
    if (!trancheOk) shape(`${path}.tranche`, forfeited ? 'a tranche number 1, 2, 3 …' : 'null (a kommune that did not apply)');
    const amount = money(o['amount'], `${path}.amount`);
    const rest = money(o['unallocated'], `${path}.unallocated`);
    const rawTo = o['to'];
    if (!Array.isArray(rawTo)) shape(`${path}.to`, 'an array of {id, amount}');
    const to = (Array.isArray(rawTo) ? rawTo : []).map((t: unknown, j) => {
      const at = `${path}.to[${j}]`;
      const flow = object(t, at);
      if (flow === undefined) return undefined;
      const target = id(flow, at);
      const value = money(flow['amount'], `${at}.amount`);
      return target === undefined || value === undefined ? undefined : { id: target, amount: value };
    });
    if (code === undefined || amount === undefined || rest === undefined || !trancheOk || (kind !== 'not-applied' && !forfeited)) return;
    if (!Array.isArray(rawTo) || to.some((t) => t === undefined)) return;
    sources.push({
      kind: forfeited ? 'forfeited' : 'not-applied',
      id: code,
      name: typeof o['name'] === 'string' ? o['name'] : code,
      tranche: forfeited ? (tranche as number) : null,
      amount,
      to: to as { id: string; amount: Fixed }[],
      unallocated: rest,
      path,
    });
  });

  const recipients: FollowupResultRecipient[] = [];
  json.array('allocations').forEach((item, i) => {
    const path = `allocations[${i}]`;
    const o = object(item, path);
    if (o === undefined) return;
    const code = id(o, path);
    const amount = money(o['amount'], `${path}.amount`);
    if (code === undefined || amount === undefined) return;
    recipients.push({ id: code, name: typeof o['name'] === 'string' ? o['name'] : code, amount, path });
  });
  const roundValue = doc['round'] ?? 1;
  const round = typeof roundValue === 'number' && Number.isInteger(roundValue) && roundValue >= 1 ? roundValue : 1;
  if (round !== roundValue) shape('round', 'a round number 1, 2, 3 …');
  /** Sources listed without a trail (`earlier.sources`, `not_distributed`). */
  const others = (items: unknown, base: string): FollowupOtherSource[] => {
    if (items === undefined) return [];
    if (!Array.isArray(items)) return (shape(base, 'an array'), []);
    return items.flatMap((item: unknown, i): FollowupOtherSource[] => {
      const path = `${base}[${i}]`;
      const o = object(item, path);
      if (o === undefined) return [];
      const code = id(o, path);
      const amount = money(o['amount'], `${path}.amount`);
      const kind = o['kind'] === 'forfeited' ? 'forfeited' : o['kind'] === 'not-applied' ? 'not-applied' : undefined;
      if (kind === undefined) shape(`${path}.kind`, 'not-applied or forfeited');
      const tranche = o['tranche'] ?? null;
      const trancheOk = kind === 'forfeited' ? typeof tranche === 'number' && Number.isInteger(tranche) && tranche >= 1 : tranche === null;
      if (!trancheOk) shape(`${path}.tranche`, 'null for a kommune that did not apply, a tranche number for a forfeited tranche');
      if (code === undefined || amount === undefined || kind === undefined || !trancheOk) return [];
      return [{ kind, id: code, tranche: tranche as number | null, amount }];
    });
  };
  const rawEarlier = doc['earlier'];
  const earlierDoc = typeof rawEarlier === 'object' && rawEarlier !== null && !Array.isArray(rawEarlier) ? (rawEarlier as Record<string, unknown>) : undefined;
  if (rawEarlier !== undefined && earlierDoc === undefined) shape('earlier', 'an object');
  const earlier = {
    paid: earlierDoc === undefined ? ZERO : money(earlierDoc['paid'], 'earlier.paid'),
    unallocated: earlierDoc === undefined ? ZERO : money(earlierDoc['unallocated'], 'earlier.unallocated'),
    sources: others(earlierDoc?.['sources'], 'earlier.sources'),
  };
  const notDistributed = others(doc['not_distributed'], 'not_distributed');
  json.bag.throwIfAny('data');
  return {
    allocationPool: typeof allocationPool === 'string' ? allocationPool : null,
    round,
    earlier: earlier as FollowupResult['earlier'],
    notDistributed,
    pool: pool as Fixed,
    unit: unit as Fixed,
    unallocated: unallocated as Fixed,
    sources,
    recipients,
  };
}
