/**
 * Where the money of a follow-up pool comes from: the amounts of the kommuner that did not
 * apply, and (with a check result) the tranches forfeited at the pool's end. A check result
 * is trusted only as far as it agrees with the allocation, tranche by tranche, to the øre:
 * one that belongs to another allocation is an error, never silently added.
 */
import { compareFixed, type Fixed, formatFixed } from './decimal.js';
import type { Diagnostic } from './diagnostics.js';
import type { FollowupSource } from './followup.js';
import { type AllocatedKommune, ledgerKey, type TrancheStatus } from './tranche-status.js';

/** A tranche as a `flere check` result reports it; amounts in kroner. */
export interface CheckedTranche {
  /** Kommune code. */
  readonly id: string;
  /** 1-based. */
  readonly tranche: number;
  readonly amount: Fixed;
  readonly status: TrancheStatus;
  /** Where the tranche is in the check file (a JSON path such as `tranches[12]`). */
  readonly path: string;
}

/** The sources of a follow-up pool, or the problems that stop it from being built. */
export interface SourcesResult {
  /** Non-applicants first seen in the allocation's order, then the forfeited tranches; any order is fine. */
  readonly sources: readonly FollowupSource[];
  readonly problems: readonly Diagnostic[];
}

/**
 * The sources of a follow-up pool. Every kommune with `applied: false` gives its whole
 * amount; with `checked` (the tranches of a check result), every tranche with status
 * `forfeited` gives its amount. Each checked tranche, whatever its status, must be a
 * tranche of an applying kommune of the allocation with exactly the allocation's amount,
 * and appear once. Problems, with `file` (the check result) and `value` the JSON path:
 * `followup.check-unknown-kommune`, `followup.check-not-applied` (money counted twice),
 * `followup.check-no-such-tranche`, `followup.check-amount-mismatch`,
 * `followup.check-duplicate`.
 */
export function collectSources(
  allocation: readonly AllocatedKommune[],
  checked: readonly CheckedTranche[] | undefined,
  file: string,
): SourcesResult {
  const sources: FollowupSource[] = allocation
    .filter((k) => !k.applied)
    .map((k) => ({ kind: 'not-applied', id: k.id, name: k.name, tranche: null, amount: k.amount }));
  const problems: Diagnostic[] = [];
  if (checked === undefined) return { sources, problems };

  const refuse = {
    duplicate: (t: CheckedTranche, first: CheckedTranche): Diagnostic => ({
      code: 'followup.check-duplicate',
      file,
      value: t.path,
      args: { kommune: t.id, tranche: t.tranche, first: first.path },
    }),
    unknown: (t: CheckedTranche): Diagnostic => ({ code: 'followup.check-unknown-kommune', file, value: t.path, args: { kommune: t.id } }),
  };
  visitAllocated(allocation, checked, (t) => ledgerKey(t.id, t.tranche), refuse, problems, (t, k) => {
    const at = { file, value: t.path };
    if (!k.applied) {
      problems.push({ code: 'followup.check-not-applied', ...at, args: { kommune: t.id, name: k.name } });
      return;
    }
    const expected = k.tranches[t.tranche - 1];
    if (expected === undefined) {
      problems.push({
        code: 'followup.check-no-such-tranche',
        ...at,
        args: { kommune: t.id, name: k.name, tranche: t.tranche, count: k.tranches.length },
      });
      return;
    }
    if (compareFixed(expected, t.amount) !== 0) {
      problems.push({
        code: 'followup.check-amount-mismatch',
        ...at,
        args: { kommune: t.id, name: k.name, tranche: t.tranche, found: formatFixed(t.amount), expected: formatFixed(expected) },
      });
      return;
    }
    if (t.status === 'forfeited') {
      sources.push({ kind: 'forfeited', id: k.id, name: k.name, tranche: t.tranche, amount: expected });
    }
  });
  return { sources, problems };
}

/**
 * Visits, in order, each item whose kommune is in the allocation, once per `key`. An item
 * whose key an earlier item had (`refuse.duplicate`, given that first item) or whose kommune
 * the allocation lacks (`refuse.unknown`) is refused and skipped: its diagnostic is pushed to
 * `problems` as it comes, so problems keep the items' order and `visit` sees each source
 * once, with its kommune, before it checks the money.
 */
export function visitAllocated<T extends { readonly id: string }>(
  allocation: readonly AllocatedKommune[],
  items: readonly T[],
  key: (item: T) => string,
  refuse: { readonly duplicate: (item: T, first: T) => Diagnostic; readonly unknown: (item: T) => Diagnostic },
  problems: Diagnostic[],
  visit: (item: T, kommune: AllocatedKommune) => void,
): void {
  const byId = new Map(allocation.map((k) => [k.id, k]));
  const seen = new Map<string, T>();
  for (const item of items) {
    const first = seen.get(key(item));
    if (first !== undefined) {
      problems.push(refuse.duplicate(item, first));
      continue;
    }
    seen.set(key(item), item);
    const k = byId.get(item.id);
    if (k === undefined) problems.push(refuse.unknown(item));
    else visit(item, k);
  }
}
