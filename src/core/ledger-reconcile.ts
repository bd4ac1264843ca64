/**
 * Checks that a payout ledger agrees with the allocation it is used with. A ledger that
 * disagrees is an error to be looked at by a person, never silently overwritten.
 */
import { type Diagnostic } from './diagnostics.js';
import { compareFixed, formatFixed } from './decimal.js';
import { type AllocatedKommune, type LedgerEntry, ledgerKey } from './tranche-status.js';

/**
 * Every disagreement between `ledger` and `allocations` (a pool of `trancheCount` tranches),
 * as diagnostics on the ledger `file` with the entry's line: `ledger.unknown-kommune`,
 * `ledger.not-applied`, `ledger.no-such-tranche`, `ledger.duplicate`, `ledger.amount-mismatch`
 * (amounts compared exactly: 100 and 100.00 agree).
 */
export function reconcileLedger(
  ledger: readonly LedgerEntry[],
  allocations: readonly AllocatedKommune[],
  trancheCount: number,
  file: string,
): Diagnostic[] {
  const byId = new Map(allocations.map((k) => [k.id, k]));
  const seen = new Map<string, LedgerEntry>();
  const out: Diagnostic[] = [];
  const at = (e: LedgerEntry): { file: string; line?: number } =>
    e.line === undefined ? { file } : { file, line: e.line };
  for (const e of ledger) {
    const k = byId.get(e.kommune);
    const key = ledgerKey(e.kommune, e.tranche);
    const first = seen.get(key);
    if (first) {
      out.push({
        code: 'ledger.duplicate',
        ...at(e),
        value: key,
        args: { kommune: e.kommune, tranche: e.tranche, firstLine: first.line ?? '?' },
      });
      continue;
    }
    seen.set(key, e);
    if (!k) {
      out.push({ code: 'ledger.unknown-kommune', ...at(e), column: 'kommune', value: e.kommune });
    } else if (!k.applied) {
      out.push({ code: 'ledger.not-applied', ...at(e), column: 'kommune', value: e.kommune, args: { name: k.name } });
    } else if (e.tranche < 1 || e.tranche > trancheCount) {
      out.push({
        code: 'ledger.no-such-tranche',
        ...at(e),
        column: 'tranche',
        value: String(e.tranche),
        args: { count: trancheCount },
      });
    } else {
      const expected = k.tranches[e.tranche - 1];
      if (expected !== undefined && compareFixed(expected, e.amount) !== 0) {
        out.push({
          code: 'ledger.amount-mismatch',
          ...at(e),
          column: 'amount',
          value: formatFixed(e.amount),
          args: { kommune: e.kommune, name: k.name, tranche: e.tranche, expected: formatFixed(expected) },
        });
      }
    }
  }
  return out;
}
