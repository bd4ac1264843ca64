/**
 * The zod schema of a pool file. Imported only when a pool is loaded from a file (and by
 * the tests that validate the presets), never on `flere allocate`'s start-up path.
 */
import { z } from 'zod';
import { parseFixed } from '../core/decimal.js';
import { monthIndex, parseMonth } from '../core/months.js';
import type { PoolDefinition } from './pool.js';

const DECIMAL = /^\d+(?:\.\d+)?$/;

/** A non-negative canonical decimal string: digits, optionally a dot and digits. */
const decimalString = z
  .string()
  .regex(DECIMAL, 'expected a decimal number as a string, with a dot and no grouping, like "262500000" or "12.5"')
  .refine((s) => parseFixed(s) !== undefined, 'too many digits');

const positiveDecimal = decimalString.refine((s) => (parseFixed(s)?.digits ?? 0n) > 0n, 'must be greater than 0');

const month = z.string().refine((s) => parseMonth(s) !== undefined, 'expected a month as "YYYY-MM", like "2017-07"');

/** A progress-file column name: lower case letters, digits and underscores. */
const metric = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'expected a column name in lower case with underscores, like "company_activity"');

const atStart = z.strictObject({ kind: z.literal('at-start') });
const allCleared = z.strictObject({ kind: z.literal('all-cleared'), cleared: metric, target: metric });
const threshold = z.strictObject({
  kind: z.literal('threshold'),
  numerator: metric,
  denominator: metric,
  threshold: positiveDecimal.refine((s) => {
    const t = parseFixed(s);
    return t !== undefined && t.digits <= 100n * 10n ** BigInt(t.scale);
  }, 'a percentage must be at most 100'),
  months: z.int().min(1, 'at least 1 month'),
});

const condition = z.discriminatedUnion('kind', [atStart, allCleared, threshold]);

const tranche = z.strictObject({
  share: positiveDecimal,
  condition,
  label: z.string().optional(),
});

/**
 * A pool file. Beyond the shapes: tranche shares sum to exactly 100 (compared exactly, so
 * `33.34 + 33.33 + 33.33` passes and `33.3 + 33.3 + 33.3` does not), `start` ≤ `end`, a
 * threshold's streak fits in the pool's period (else it could never be met), and the
 * `reference_month` (optional, default `start`; it may come before `start`) is not after
 * `end`: a target group fixed after the pool ended could be cleared in no month that counts.
 */
export const poolSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case identifier, like "flere-skal-med-1"'),
    name: z.string().min(1),
    total: positiveDecimal,
    unit: positiveDecimal,
    start: month,
    end: month,
    reference_month: month.optional(),
    tranches: z.array(tranche).min(1, 'a pool needs at least one tranche'),
    source: z.string().optional(),
  })
  .superRefine((pool, ctx) => {
    const shares = pool.tranches.map((t) => parseFixed(t.share));
    if (shares.every((s) => s !== undefined)) {
      const scale = Math.max(...shares.map((s) => s.scale));
      const sum = shares.reduce((acc, s) => acc + s.digits * 10n ** BigInt(scale - s.scale), 0n);
      if (sum !== 100n * 10n ** BigInt(scale)) {
        ctx.addIssue({ code: 'custom', path: ['tranches'], message: 'tranche shares must sum to exactly 100' });
      }
    }
    if (parseMonth(pool.start) === undefined || parseMonth(pool.end) === undefined) return;
    const length = monthIndex(pool.end) - monthIndex(pool.start) + 1;
    if (length < 1) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: `the end month is before the start month ${pool.start}` });
      return;
    }
    const reference = pool.reference_month;
    if (reference !== undefined && parseMonth(reference) !== undefined && monthIndex(reference) > monthIndex(pool.end)) {
      ctx.addIssue({ code: 'custom', path: ['reference_month'], message: `the reference month is after the end month ${pool.end}` });
    }
    pool.tranches.forEach((t, i) => {
      if (t.condition.kind === 'threshold' && t.condition.months > length) {
        ctx.addIssue({
          code: 'custom',
          path: ['tranches', i, 'condition', 'months'],
          message: `${t.condition.months} months do not fit in the pool's ${length} months`,
        });
      }
    });
  });

/** A problem with a pool definition: where (a JSON path like `tranches[1].share`) and what. */
export interface PoolProblem {
  readonly path: string;
  readonly message: string;
}

/** Formats a zod path as JSON-path-like text: `tranches[1].condition.threshold` (`(root)` when empty). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(root)' : out;
}

/** Validates parsed JSON as a pool: the definition, or every problem found (never throws). */
export function validatePool(data: unknown): { ok: true; pool: PoolDefinition } | { ok: false; problems: PoolProblem[] } {
  const result = poolSchema.safeParse(data);
  if (result.success) return { ok: true, pool: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
  };
}
