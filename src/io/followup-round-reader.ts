/**
 * Reading an earlier follow-up round for `flere followup --after`: the JSON result of
 * `flere followup --format json`. It lists the round's own sources and what it paid and left
 * unallocated, and under `earlier` the same for every round before it, so the latest round
 * alone carries the whole history. Only the shape is checked here; whether the rounds belong
 * to the allocation is checked against it in the core.
 */
import { type Fixed, sumFixed, ZERO } from '../core/decimal.js';
import type { FollowupSourceKind } from '../core/followup.js';
import type { DistributedSource, EarlierRounds } from '../core/followup-rounds.js';
import { decodeText } from './decode.js';
import { type JsonDocument, readJsonDocument } from './json-document.js';

const ROOT = 'an object with "sources" and "allocations", as `flere followup --format json` writes';
const DECIMAL = 'a non-negative decimal string like "1234"';
const KINDS: readonly FollowupSourceKind[] = ['not-applied', 'forfeited'];

/**
 * Parses a follow-up round. Throws one FlereError (data): `followup-round.json-syntax` for
 * text that is not JSON, `followup-round.json-shape` (value = the JSON path, `args.expected`)
 * for each part of another shape. A result written before rounds were numbered is round 1
 * with no earlier rounds.
 */
export function readFollowupRound(bytes: Uint8Array, file: string): EarlierRounds {
  const { text } = decodeText(bytes);
  const json = readJsonDocument(text, { file, family: 'followup-round', root: ROOT });
  const { root, shape } = json;

  const roundValue = root['round'] ?? 1;
  const round = typeof roundValue === 'number' && Number.isInteger(roundValue) && roundValue >= 1 ? roundValue : undefined;
  if (round === undefined) shape('round', 'a round number 1, 2, 3 …');
  const poolValue = root['allocation_pool'];
  if (poolValue !== undefined && poolValue !== null && typeof poolValue !== 'string') shape('allocation_pool', 'a pool id or null');
  const check = root['check'];
  const stated = typeof check === 'object' && check !== null ? (check as Record<string, unknown>)['original_pool'] : undefined;
  const originalPool = stated === undefined ? undefined : json.decimal(stated, 'check.original_pool', DECIMAL);

  const own = sourcesAt(json, json.array('sources'), 'sources', round ?? 1);
  const paidHere = json.array('allocations').map((item, i) => {
    const amount = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['amount'] : undefined;
    return json.decimal(amount, `allocations[${i}].amount`, DECIMAL);
  });
  const unallocatedHere = json.decimal(root['unallocated'], 'unallocated', DECIMAL);

  // The rounds before this one, as it recorded them (absent in a first round).
  let before: { sources: DistributedSource[]; amounts: (Fixed | undefined)[] } = { sources: [], amounts: [] };
  const earlier = root['earlier'];
  if (earlier !== undefined) {
    if (typeof earlier !== 'object' || earlier === null || Array.isArray(earlier)) shape('earlier', 'an object');
    else {
      const e = earlier as Record<string, unknown>;
      const items = Array.isArray(e['sources']) ? e['sources'] : (shape('earlier.sources', 'an array'), []);
      before = {
        sources: sourcesAt(json, items, 'earlier.sources', undefined),
        amounts: [json.decimal(e['paid'], 'earlier.paid', DECIMAL), json.decimal(e['unallocated'], 'earlier.unallocated', DECIMAL)],
      };
    }
  }
  json.bag.throwIfAny('data');
  const [paidBefore = ZERO, unallocatedBefore = ZERO] = before.amounts as Fixed[];
  return {
    file,
    round: round ?? 1,
    ...(typeof poolValue === 'string' ? { pool: poolValue } : {}),
    ...(originalPool === undefined ? {} : { originalPool }),
    sources: [...before.sources, ...own],
    // Every amount is defined here: an undefined one was a shape problem, thrown above.
    paid: sumFixed([paidBefore, ...(paidHere as Fixed[])]),
    unallocated: sumFixed([unallocatedBefore, unallocatedHere as Fixed]),
  };
}

/**
 * The sources listed at `base` (`sources`, `earlier.sources`). Each is a kommune's own money
 * (`kind` not-applied, `tranche` null) or a forfeited tranche (`tranche` 1, 2, …). Sources of
 * the round itself have its number (`round`); earlier ones state their own.
 */
function sourcesAt(json: JsonDocument, items: readonly unknown[], base: string, round: number | undefined): DistributedSource[] {
  const { shape } = json;
  const out: DistributedSource[] = [];
  items.forEach((item, i) => {
    const path = `${base}[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return shape(path, 'an object');
    const o = item as Record<string, unknown>;
    const id = typeof o['id'] === 'string' && o['id'] !== '' ? o['id'] : undefined;
    if (id === undefined) shape(`${path}.id`, 'a kommune code as a string, like "155"');
    const kind = KINDS.find((k) => k === o['kind']);
    if (kind === undefined) shape(`${path}.kind`, KINDS.join(' or '));
    const t = o['tranche'];
    const tranche = t === null ? null : typeof t === 'number' && Number.isInteger(t) && t >= 1 ? t : undefined;
    if (tranche === undefined || (kind === 'not-applied') !== (tranche === null)) {
      shape(`${path}.tranche`, 'null for a kommune that did not apply, a tranche number 1, 2, 3 … for a forfeited tranche');
    }
    const r = round ?? o['round'];
    const sourceRound = typeof r === 'number' && Number.isInteger(r) && r >= 1 ? r : undefined;
    if (sourceRound === undefined) shape(`${path}.round`, 'a round number 1, 2, 3 …');
    const amount = json.decimal(o['amount'], `${path}.amount`, DECIMAL);
    if (id === undefined || kind === undefined || tranche === undefined || sourceRound === undefined || amount === undefined) return;
    const name = typeof o['name'] === 'string' ? o['name'] : id;
    out.push({ kind, id, name, tranche, amount, round: sourceRound, path });
  });
  return out;
}
