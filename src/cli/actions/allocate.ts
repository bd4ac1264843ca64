/**
 * `flere allocate`: read counts (and applicants), allocate exactly, render, write.
 * Everything is computed and checked before the first byte is written.
 */
import { allocate, type Recipient } from '../../core/allocation.js';
import { compareFixed, formatFixed } from '../../core/decimal.js';
import { FlereError, usageError } from '../../core/diagnostics.js';
import { readApplicants } from '../../io/applicants-reader.js';
import { readCounts } from '../../io/counts-reader.js';
import type { TextEncoding } from '../../io/decode.js';
import { sourceName, STDIN_NAME } from '../../io/input-source.js';
import { readTableInput } from '../../io/table-input.js';
import { outputIsTerminal, writeOutput } from '../../io/output.js';
import { prepareOutput } from '../../io/output-target.js';
import { allocationRenderers } from '../../io/render/allocation.js';
import { DEFAULT_POOL, poolNumbers, poolFileOf } from '../../pools/presets.js';
import { kommunerMissingFrom } from '../../registry/kommuner.js';
import type { AllocateOptions } from '../commands/allocate.js';
import { colorLevel, paletteFor } from '../color.js';
import type { CliContext } from '../context.js';
import { outputSettings } from '../output-settings.js';
import { printWarnings } from '../warnings.js';

/** Runs `flere allocate FILE` with parsed options; throws FlereError for bad input. */
export async function runAllocate(file: string | undefined, options: AllocateOptions, ctx: CliContext): Promise<void> {
  // Before anything is read: an output that is one of the inputs, or cannot be written, stops the run.
  const output = prepareOutput(
    options.output,
    [
      { role: 'FILE', path: file ?? '-' },
      { role: '--applicants', path: options.applicants },
      { role: '--pool', path: poolFileOf(options.pool) },
    ],
    () => ctx.stdin,
  );
  const { format, dialect, words } = outputSettings(options, ctx);
  const pool = options.pool === undefined ? DEFAULT_POOL : await (await import('../../pools/load-pool.js')).loadPool(options.pool);
  const defaults = poolNumbers(pool);
  const total = options.total ?? defaults.total;
  const unit = options.unit ?? defaults.unit;
  const shares = options.tranches ?? defaults.shares;
  const encoding = options.encoding as TextEncoding | undefined;

  if (options.applicants !== undefined && sourceName(options.applicants) === STDIN_NAME && sourceName(file) === STDIN_NAME) {
    throw usageError({ code: 'allocate.two-stdin' });
  }
  if (options.requireAll === true && !options.registry) throw usageError({ code: 'allocate.require-all-free' });
  const recipients = await readRecipients(file, options, ctx, encoding);
  if (options.registry) checkEveryKommune(recipients, sourceName(file), options.requireAll === true, ctx);
  if (compareFixed(total, unit) < 0) {
    throw usageError({ code: 'allocation.too-small-total', value: formatFixed(total), args: { unit: formatFixed(unit) } });
  }
  const allocation = allocate({ total, unit, shares, recipients });

  const level = format === 'table' ? colorLevel(ctx, options.color, outputIsTerminal(options.output, ctx.stdout)) : 0;
  // Rendered as it is written: the chunks of a million rows never form one string.
  const text = await allocationRenderers[format](allocation, {
    pool: { id: pool.id, name: pool.name },
    explain: options.explain === true,
    palette: await paletteFor(level),
    dialect,
    words,
    free: !options.registry,
  });
  await writeOutput(text, output, ctx.stdout);
}

/**
 * A counts file without some of the 98 kommuner is allocated among those present: said as a
 * warning naming the missing ones, or with `--require-all` refused (exit 1).
 */
function checkEveryKommune(recipients: readonly Recipient[], file: string, required: boolean, ctx: CliContext): void {
  const missing = kommunerMissingFrom(new Set(recipients.map((r) => r.id)));
  if (missing.length === 0) return;
  const problem = {
    code: 'counts.missing-kommuner',
    file,
    args: { names: missing.map((k) => `${k.name} (${k.code})`).join(', '), count: missing.length, required: required ? 'yes' : 'no' },
  };
  if (required) throw new FlereError('data', [problem]);
  printWarnings(ctx, [problem]);
}

/**
 * The recipients of the counts file, each marked applied or not. A function of its own so
 * that the rows as read are garbage once it returns: with a million rows they would
 * otherwise stay in memory, next to the recipients, until the output is written.
 */
async function readRecipients(
  file: string | undefined,
  options: AllocateOptions,
  ctx: CliContext,
  encoding: TextEncoding | undefined,
): Promise<Recipient[]> {
  const counts = readCounts(await readTableInput(file, ctx, { sheet: options.sheet, decimalMark: options.decimalMark, sheetOption: true }), {
    file: sourceName(file),
    registry: options.registry,
    ...(encoding ? { encoding } : {}),
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.decimalMark === undefined ? {} : { decimalMark: options.decimalMark }),
  });
  const applied =
    options.applicants === undefined ? undefined : await applicantCodes(options.applicants, counts, ctx, encoding, options);
  return counts.map((row) => ({
    id: row.id,
    name: row.name,
    count: row.count,
    applied: applied === undefined || applied.has(row.id),
  }));
}

/** The codes (free names with --no-registry) of the applicants; each must be in the counts file. */
async function applicantCodes(
  path: string,
  counts: readonly { id: string }[],
  ctx: CliContext,
  encoding: TextEncoding | undefined,
  options: AllocateOptions,
): Promise<Set<string>> {
  const input = await readTableInput(path, ctx, { decimalMark: options.decimalMark });
  const applicants = readApplicants(input, sourceName(path), encoding, options.registry);
  const known = new Set(counts.map((c) => c.id));
  const missing = applicants.filter((a) => !known.has(a.code));
  if (missing.length > 0) {
    throw new FlereError(
      'data',
      missing.map((a) => ({ code: 'applicants.not-in-counts', file: sourceName(path), line: a.line, value: a.text })),
    );
  }
  return new Set(applicants.map((a) => a.code));
}
