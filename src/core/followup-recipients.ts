/**
 * Who receives a follow-up pool and with which weight: the kommuner of the `--to` file,
 * weighted by their counts in the allocation (the default, as the pool itself was
 * divided), equally, or by a weight column of the `--to` file.
 */
import type { Fixed } from './decimal.js';
import type { Diagnostic } from './diagnostics.js';
import type { FollowupRecipient } from './followup.js';
import type { AllocatedKommune } from './tranche-status.js';

/** How recipients are weighted: `--key count`, `--key equal`, or `--key COLUMN`. */
export type FollowupKey =
  | { readonly kind: 'count' }
  | { readonly kind: 'equal' }
  | { readonly kind: 'column'; readonly column: string };

/** A row of the `--to` file: a kommune and, with `--key COLUMN`, its weight (≥ 0). */
export interface FollowupTarget {
  /** Kommune code. */
  readonly id: string;
  readonly name: string;
  /** 1-based line in the `--to` file. */
  readonly line: number;
  /** The kommune cell as written, for messages. */
  readonly text: string;
  readonly weight?: Fixed;
}

/** The recipients, or the problems that stop the follow-up pool from being distributed. */
export interface RecipientsResult {
  readonly recipients: readonly FollowupRecipient[];
  readonly problems: readonly Diagnostic[];
}

/**
 * The counts `--key count` weighs by, per kommune code: undefined unless every kommune of
 * the allocation states one (a grants file, or a CSV without a count column, states none).
 */
export function allocationCounts(allocation: readonly AllocatedKommune[]): ReadonlyMap<string, Fixed> | undefined {
  const counts = new Map<string, Fixed>();
  for (const k of allocation) {
    if (k.count === undefined) return undefined;
    counts.set(k.id, k.count);
  }
  return counts.size === 0 ? undefined : counts;
}

const ONE: Fixed = { digits: 1n, scale: 0 };

/**
 * Weighs the targets. A kommune that did not apply cannot receive (its own money is the
 * pool's; `followup.recipient-did-not-apply`); with `--key count` every target needs a count
 * in the allocation (`followup.recipient-not-in-allocation`), and `counts` undefined means
 * the allocation has none at all (`followup.no-counts`, no file). Weights that are all zero
 * give `followup.all-zero`. Diagnostics name `file` (the `--to` file) and the target's line.
 */
export function weighRecipients(
  targets: readonly FollowupTarget[],
  allocation: readonly AllocatedKommune[],
  counts: ReadonlyMap<string, Fixed> | undefined,
  key: FollowupKey,
  file: string,
): RecipientsResult {
  if (key.kind === 'count' && counts === undefined) {
    return { recipients: [], problems: [{ code: 'followup.no-counts' }] };
  }
  const byId = new Map(allocation.map((k) => [k.id, k]));
  const problems: Diagnostic[] = [];
  const recipients: FollowupRecipient[] = [];
  for (const t of targets) {
    const at = { file, line: t.line, value: t.text };
    const k = byId.get(t.id);
    if (k !== undefined && !k.applied) {
      problems.push({ code: 'followup.recipient-did-not-apply', ...at, args: { name: t.name } });
      continue;
    }
    let weight: Fixed | undefined;
    if (key.kind === 'equal') weight = ONE;
    else if (key.kind === 'column') weight = t.weight;
    else weight = counts?.get(t.id);
    if (weight === undefined) {
      // Only `count` can lack a weight here: the reader requires the weight column's cells.
      problems.push({ code: 'followup.recipient-not-in-allocation', ...at, args: { name: t.name } });
      continue;
    }
    recipients.push({ id: t.id, name: t.name, weight });
  }
  if (problems.length === 0 && recipients.length > 0 && recipients.every((r) => r.weight.digits === 0n)) {
    problems.push({ code: 'followup.all-zero', file, args: { key: key.kind === 'column' ? key.column : key.kind } });
  }
  return { recipients, problems };
}
