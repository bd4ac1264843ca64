/**
 * Whether an allocation read by `check`, `followup` or `report` belongs to the pool in effect.
 * One rule for the three: reading an allocation under another pool's rules pays or
 * distributes the wrong money.
 */
import { trancheShareMismatch } from '../../core/allocation-pool.js';
import { type Fixed, formatFixed } from '../../core/decimal.js';
import { FlereError } from '../../core/diagnostics.js';
import type { ReadAllocation } from '../../io/allocation-reader.js';
import type { PoolDefinition } from '../../pools/pool.js';
import { presetById } from '../../pools/presets.js';

/**
 * The allocation must be one of this pool: the pool it names (JSON), and in any case
 * tranches split by this pool's shares. Checked before anything is evaluated or recorded:
 * an allocation of Flere skal med 2 read under Flere skal med 1's rules pays the wrong money.
 */
export function checkAllocationPool(allocation: ReadAllocation, pool: PoolDefinition, shares: readonly Fixed[], file: string): void {
  if (allocation.pool !== undefined && allocation.pool !== pool.id) {
    const preset = presetById(allocation.pool) !== undefined;
    throw new FlereError('data', [{ code: 'allocation.other-pool', file, value: allocation.pool, args: { pool: pool.id, preset: preset ? 'yes' : 'no' } }]);
  }
  const mismatch = trancheShareMismatch(allocation.kommuner, shares);
  if (mismatch === undefined) return;
  const k = mismatch.kommune;
  throw new FlereError('data', [
    {
      code: 'allocation.other-shares',
      file,
      value: k.id,
      args: {
        kommune: k.name,
        amount: formatFixed(k.amount),
        tranches: k.tranches.map((t) => formatFixed(t)).join(' / '),
        shares: shares.map((x) => formatFixed(x)).join('/'),
        count: mismatch.count,
        pool: pool.id,
      },
    },
  ]);
}
