/**
 * Reading the JSON result of `flere followup --format json`, for both commands that take one:
 * `flere report --followup` (family `followup-result`) and `flere followup --after` (family
 * `followup-round`, through `readFollowupRound`). One parser, so that the two cannot come to
 * disagree about the shape of a source, an amount or the history under `earlier`. Only the
 * shape is checked here; whether the numbers add up and belong to the allocation is checked
 * in the core (`report-followup.ts`, `followup-rounds.ts`).
 */
import { type Fixed, ZERO } from '../core/decimal.js';
import type { FollowupSource, FollowupSourceKind } from '../core/followup.js';
import type { DistributedSource } from '../core/followup-rounds.js';
import type { FollowupOtherSource, FollowupResult, FollowupResultRecipient, FollowupResultSource } from '../core/report-followup.js';
import { decodeText } from './decode.js';
import { type JsonDocument, readJsonDocument } from './json-document.js';

const ROOT = 'an object with "sources" and "allocations", as `flere followup --format json` writes';
const AMOUNT = 'a non-negative decimal string like "1234"';
const ROUND = 'a round number 1, 2, 3 …';
const KINDS: readonly FollowupSourceKind[] = ['not-applied', 'forfeited'];

/**
 * Who reads the result, as the code family of its diagnostics (`followup-result.json-shape`,
 * `followup-round.json-shape`, …). It also says what the file must hold: the report draws
 * where each source's money went, so `followup-result` needs the trail (`pool`, `unit`, each
 * source's `to` and `unallocated`, each recipient's `id`); `--after` needs only what was
 * distributed and paid, so `followup-round` does not look at the trail.
 */
export type FollowupResultFamily = 'followup-result' | 'followup-round';

/** A source of this round as the file lists it, with its JSON path (`sources[3]`) for diagnostics. */
export type ListedSource = FollowupSource & { readonly path: string };

/** What a follow-up result holds besides the trail: what every reader of one gets. Amounts in kroner. */
export interface FollowupRecord {
  /** The allocation's pool id (`allocation_pool`), null when the allocation named none. */
  readonly allocationPool: string | null;
  /** 1, 2, …; a result from before rounds is round 1. */
  readonly round: number;
  /** The original pool the round accounted for (`check.original_pool`), when stated. */
  readonly originalPool?: Fixed;
  /** This round's sources, in file order. */
  readonly sources: readonly ListedSource[];
  /** This round's recipients, in file order: what each was paid, and where it is listed. */
  readonly recipients: readonly { readonly amount: Fixed; readonly path: string }[];
  /** What this round left below one unit. */
  readonly unallocated: Fixed;
  /** The rounds before it, each source with the round that distributed it; all 0 and none in a first round. */
  readonly earlier: { readonly paid: Fixed; readonly unallocated: Fixed; readonly sources: readonly DistributedSource[] };
  /** Sources known but left for a later round. */
  readonly notDistributed: readonly FollowupOtherSource[];
}

/**
 * Parses a follow-up result. Throws one FlereError (data): `<family>.json-syntax` for text
 * that is not JSON (`json-other-file` for a workbook or CSV, `json-duplicate-key`), and
 * `<family>.json-shape` (value = the JSON path, `args.expected`) for each part of another
 * shape: a version other than 1, a round that is no number 1, 2, …, a source without a
 * kommune code, a kind other than not-applied or forfeited (with a tranche exactly for a
 * forfeited one), an earlier round's source without its round, an amount that is no
 * decimal string, and for `followup-result` a missing trail (see {@link FollowupResultFamily}).
 * A result from before rounds (no `round`, `earlier`, `not_distributed`) is round 1 with
 * nothing before it and nothing left.
 */
export function readFollowupResult(bytes: Uint8Array, file: string, family?: 'followup-result'): FollowupResult & FollowupRecord;
export function readFollowupResult(bytes: Uint8Array, file: string, family: 'followup-round'): FollowupRecord;
export function readFollowupResult(bytes: Uint8Array, file: string, family: FollowupResultFamily = 'followup-result'): FollowupRecord {
  const trail = family === 'followup-result';
  const { text } = decodeText(bytes);
  const json = readJsonDocument(text, { file, family, root: ROOT });
  const { root: doc, shape } = json;
  const money = (value: unknown, path: string): Fixed | undefined => json.decimal(value, path, AMOUNT);

  const roundValue = doc['round'] ?? 1;
  const round = roundNumber(roundValue) ?? 1;
  if (round !== roundValue) shape('round', ROUND);
  const allocationPool = doc['allocation_pool'] ?? null;
  if (allocationPool !== null && typeof allocationPool !== 'string') shape('allocation_pool', 'a pool id or null');
  const check = doc['check'];
  const stated = typeof check === 'object' && check !== null ? (check as Record<string, unknown>)['original_pool'] : undefined;
  const originalPool = stated === undefined ? undefined : money(stated, 'check.original_pool');
  const pool = trail ? money(doc['pool'], 'pool') : undefined;
  const unit = trail ? money(doc['unit'], 'unit') : undefined;

  const sources: (ListedSource | FollowupResultSource)[] = [];
  json.array('sources').forEach((item, i) => {
    const path = `sources[${i}]`;
    const o = objectAt(json, item, path);
    if (o === undefined) return;
    const source = sourceAt(json, o, path);
    if (!trail) {
      if (source !== undefined) sources.push({ ...source, path });
      return;
    }
    const rest = money(o['unallocated'], `${path}.unallocated`);
    const to = flowsAt(json, o['to'], `${path}.to`);
    if (source !== undefined && rest !== undefined && to !== undefined) sources.push({ ...source, to, unallocated: rest, path });
  });

  const recipients: (FollowupRecord['recipients'][number] | FollowupResultRecipient)[] = [];
  json.array('allocations').forEach((item, i) => {
    const path = `allocations[${i}]`;
    const o = objectAt(json, item, path);
    if (o === undefined) return;
    const id = trail ? idAt(json, o, path) : undefined;
    const amount = money(o['amount'], `${path}.amount`);
    if (amount === undefined) return;
    if (!trail) recipients.push({ amount, path });
    else if (id !== undefined) recipients.push({ id, name: typeof o['name'] === 'string' ? o['name'] : id, amount, path });
  });
  const unallocated = money(doc['unallocated'], 'unallocated');

  // The rounds before this one, as it recorded them (absent in a first round).
  let earlier: FollowupRecord['earlier'] = { paid: ZERO, unallocated: ZERO, sources: [] };
  const rawEarlier = doc['earlier'];
  if (rawEarlier !== undefined) {
    const e = objectAt(json, rawEarlier, 'earlier');
    if (e !== undefined) {
      const items = Array.isArray(e['sources']) ? e['sources'] : (shape('earlier.sources', 'an array'), []);
      const distributed = items.flatMap((item: unknown, i): DistributedSource[] => {
        const path = `earlier.sources[${i}]`;
        const o = objectAt(json, item, path);
        if (o === undefined) return [];
        const source = sourceAt(json, o, path);
        const by = roundNumber(o['round']);
        if (by === undefined) shape(`${path}.round`, ROUND);
        return source === undefined || by === undefined ? [] : [{ ...source, round: by, path }];
      });
      const paid = money(e['paid'], 'earlier.paid');
      const left = money(e['unallocated'], 'earlier.unallocated');
      // An undefined amount was a shape problem, thrown below.
      earlier = { paid: paid as Fixed, unallocated: left as Fixed, sources: distributed };
    }
  }
  const rawLeft = doc['not_distributed'];
  if (rawLeft !== undefined && !Array.isArray(rawLeft)) shape('not_distributed', 'an array');
  const notDistributed = (Array.isArray(rawLeft) ? rawLeft : []).flatMap((item: unknown, i): FollowupOtherSource[] => {
    const path = `not_distributed[${i}]`;
    const o = objectAt(json, item, path);
    const s = o === undefined ? undefined : sourceAt(json, o, path);
    return s === undefined ? [] : [{ kind: s.kind, id: s.id, tranche: s.tranche, amount: s.amount }];
  });
  json.bag.throwIfAny('data');

  // Every value is defined here: an undefined one was a shape problem, thrown above.
  return {
    allocationPool: typeof allocationPool === 'string' ? allocationPool : null,
    round,
    ...(originalPool === undefined ? {} : { originalPool }),
    ...(trail ? { pool: pool as Fixed, unit: unit as Fixed } : {}),
    unallocated: unallocated as Fixed,
    sources,
    recipients,
    earlier,
    notDistributed,
  };
}

/** `value` when it is a round number 1, 2, …; undefined otherwise. */
function roundNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

/** `item` as an object's members, or undefined with a shape problem at `path`. */
function objectAt(json: JsonDocument, item: unknown, path: string): Record<string, unknown> | undefined {
  if (typeof item === 'object' && item !== null && !Array.isArray(item)) return item as Record<string, unknown>;
  json.shape(path, 'an object');
  return undefined;
}

/** The kommune code at `${path}.id`, or undefined with a shape problem there. */
function idAt(json: JsonDocument, o: Record<string, unknown>, path: string): string | undefined {
  if (typeof o['id'] === 'string' && o['id'] !== '') return o['id'];
  json.shape(`${path}.id`, 'a kommune code as a string, like "101"');
  return undefined;
}

/**
 * The source at `path` (`sources[2]`, `earlier.sources[0]`, `not_distributed[1]`): a
 * kommune's own money (`kind` not-applied, `tranche` null or absent) or a forfeited tranche
 * (`tranche` 1, 2, …), and its amount in kroner; undefined when any part has another shape
 * (each recorded). The name defaults to the code.
 */
function sourceAt(json: JsonDocument, o: Record<string, unknown>, path: string): FollowupSource | undefined {
  const id = idAt(json, o, path);
  const kind = KINDS.find((k) => k === o['kind']);
  if (kind === undefined) json.shape(`${path}.kind`, KINDS.join(' or '));
  const forfeited = kind === 'forfeited';
  const t = o['tranche'] ?? null;
  const tranche = forfeited ? (typeof t === 'number' && Number.isInteger(t) && t >= 1 ? t : undefined) : t === null ? null : undefined;
  if (tranche === undefined) json.shape(`${path}.tranche`, forfeited ? 'a tranche number 1, 2, 3 …' : 'null (a kommune that did not apply)');
  const amount = json.decimal(o['amount'], `${path}.amount`, AMOUNT);
  if (id === undefined || kind === undefined || tranche === undefined || amount === undefined) return undefined;
  return { kind, id, name: typeof o['name'] === 'string' ? o['name'] : id, tranche, amount };
}

/** A source's `to` at `path`: what of it went to each recipient, by id; undefined when of another shape (recorded). */
function flowsAt(json: JsonDocument, value: unknown, path: string): { id: string; amount: Fixed }[] | undefined {
  if (!Array.isArray(value)) {
    json.shape(path, 'an array of {id, amount}');
    return undefined;
  }
  const flows = value.map((t: unknown, j) => {
    const at = `${path}[${j}]`;
    const flow = objectAt(json, t, at);
    if (flow === undefined) return undefined;
    const id = idAt(json, flow, at);
    const amount = json.decimal(flow['amount'], `${at}.amount`, AMOUNT);
    return id === undefined || amount === undefined ? undefined : { id, amount };
  });
  return flows.every((f) => f !== undefined) ? flows : undefined;
}
