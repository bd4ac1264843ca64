/**
 * Whether an allocation read by `check`, `followup` or `report` belongs to the pool in effect.
 * One rule for the three: reading an allocation under another pool's rules pays or
 * distributes the wrong money. And one reading of the allocation for `followup` and
 * `report`, which let the allocation choose its pool.
 */
import { trancheShareMismatch } from '../../core/allocation-pool.js';
import { type Fixed, formatFixed } from '../../core/decimal.js';
import { FlereError } from '../../core/diagnostics.js';
import { type ReadAllocation, readAllocation } from '../../io/allocation-reader.js';
import type { TextEncoding } from '../../io/decode.js';
import type { DecimalMark } from '../../io/numbers.js';
import { sourceName } from '../../io/input-source.js';
import { readTableInput } from '../../io/table-input.js';
import type { PoolDefinition } from '../../pools/pool.js';
import { DEFAULT_POOL, poolNumbers, presetById } from '../../pools/presets.js';
import type { CliContext } from '../context.js';

/** How the ALLOCATION is read: the command's `--sheet` and input options, as given. */
export interface AllocationInputOptions {
  readonly sheet?: string | undefined;
  readonly encoding?: string | undefined;
  readonly delimiter?: string | undefined;
  readonly decimalMark?: DecimalMark | undefined;
}

/** An allocation read with its summary, the pool it is of, and its file's name as diagnostics give it. */
export interface AllocationOfPool {
  readonly allocation: ReadAllocation;
  readonly pool: PoolDefinition;
  /** `sourceName(file)`: `-` becomes the standard input's name. */
  readonly name: string;
}

/**
 * Reads the ALLOCATION (a file, a workbook's sheet, or `-`) with its summary, and the pool it
 * is of: the one `--pool` named, else the preset the allocation itself names, else the
 * default. `named` gives the `--pool` pool (undefined without `--pool`); it is asked for after
 * the allocation's bytes are read and before they are parsed, so a command that loads it
 * only here reports an unreadable allocation before a bad pool file. Throws FlereError: what
 * reading and `readAllocation` throw, then what {@link checkAllocationPool} throws.
 */
export async function readAllocationOfPool(
  file: string,
  options: AllocationInputOptions,
  named: () => Promise<PoolDefinition | undefined>,
  ctx: CliContext,
): Promise<AllocationOfPool> {
  const name = sourceName(file);
  const input = await readTableInput(file, ctx, { sheet: options.sheet, decimalMark: options.decimalMark, sheetOption: true });
  const given = await named();
  const poolFor = (id: string | undefined): PoolDefinition => given ?? presetById(id ?? '') ?? DEFAULT_POOL;
  const encoding = options.encoding as TextEncoding | undefined;
  const allocation = readAllocation(input, {
    file: name,
    shares: (id) => poolNumbers(poolFor(id)).shares,
    // Only a grants file is split by the unit, and a grants file names no pool.
    unit: poolNumbers(poolFor(undefined)).unit,
    summary: true,
    ...(encoding ? { encoding } : {}),
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.decimalMark === undefined ? {} : { decimalMark: options.decimalMark }),
  });
  const pool = poolFor(allocation.pool);
  checkAllocationPool(allocation, pool, poolNumbers(pool).shares, name);
  return { allocation, pool, name };
}

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
