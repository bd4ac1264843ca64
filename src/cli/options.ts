/**
 * Option parsers shared by the commands. Each turns an option's text into a typed value or
 * throws OptionValueError, which becomes a usage error (exit 2) naming the option.
 */
import { type Fixed, parseFixed } from '../core/decimal.js';
import { OptionValueError } from './command-spec.js';
import { type NumberCode, type NumberResult, parseDecimal } from '../io/numbers.js';

/** A strictly positive exact decimal (`--unit 0.01`, `--total 262500000`), dot or comma decimal mark. */
export function positiveDecimal(text: string): Fixed {
  const read = readMoneyOption(text);
  if (!read.ok) throw new OptionValueError(MONEY_PROBLEMS[read.code] ?? 'expected a positive decimal number such as 262500000 or 0.01');
  if (read.value.digits <= 0n) throw new OptionValueError('expected a number greater than 0');
  return read.value;
}

// Wording of the number problems an option value can have; anything else is "not a number".
const MONEY_PROBLEMS: Partial<Record<NumberCode, string>> = {
  'number.ambiguous':
    'ambiguous: the separator could be a decimal mark or group thousands; write it without grouping (1500 or 1.5)',
  'number.exponent': 'scientific notation is not accepted; write the number out',
  'number.too-large': 'too large (at most 30 integer digits)',
  'number.too-precise': 'too many decimals (at most 18)',
};

/**
 * Money on the command line, read as a file's numbers are (`src/io/numbers.ts`) but with
 * either decimal mark: `262500000`, `262500000.00`, Danish `262.500.000,00`, `262,500,000.00`,
 * grouping with spaces or underscores, a Unicode minus. A value with two readings, such as
 * `1.500` (1.5 or 1500?) or `1,500`, is refused rather than guessed. Undefined when not a number.
 */
export function parseMoneyOption(text: string): Fixed | undefined {
  const read = readMoneyOption(text);
  return read.ok ? read.value : undefined;
}

function readMoneyOption(text: string): NumberResult<Fixed> {
  // `1_000_000` as programmers group; only between digits, so `_5` stays invalid.
  return parseDecimal(text.replace(/(?<=\d)_(?=\d)/g, ''), { decimalMark: 'either' }, { allowNegative: true });
}

/** Tranche shares in percent, `30,40,30` or `30;40;30`; each positive, summing to exactly 100. */
export function trancheShares(text: string): Fixed[] {
  const parts = text.split(/[;,/ ]+/).filter((p) => p !== '');
  const shares = parts.map((p) => parseFixed(p.trim()));
  if (shares.length === 0 || shares.some((s) => s === undefined || s.digits <= 0n)) {
    throw new OptionValueError('expected positive percentages like 30,40,30');
  }
  const valid = shares as Fixed[];
  const scale = Math.max(...valid.map((s) => s.scale));
  const sum = valid.reduce((acc, s) => acc + s.digits * 10n ** BigInt(scale - s.scale), 0n);
  if (sum !== 100n * 10n ** BigInt(scale)) {
    throw new OptionValueError('tranche shares must sum to 100');
  }
  return valid;
}
