/**
 * Option parsers shared by the commands. Each turns an option's text into a typed value or
 * throws commander's InvalidArgumentError, which the exit point maps to the usage exit code.
 */
import { InvalidArgumentError } from 'commander';
import { type Fixed, parseFixed } from '../core/decimal.js';

/** A strictly positive exact decimal (`--unit 0.01`, `--total 262500000`), dot or comma decimal mark. */
export function positiveDecimal(text: string): Fixed {
  const value = parseMoneyOption(text);
  if (value === undefined || value.digits <= 0n) {
    throw new InvalidArgumentError(`expected a positive decimal number, got "${text}"`);
  }
  return value;
}

/**
 * Money on the command line: `262500000`, `262500000.00`, Danish `262.500.000,00`, or with
 * spaces/underscores as grouping. A lone comma or a lone dot followed by exactly three digits
 * is ambiguous and refused rather than guessed.
 */
export function parseMoneyOption(text: string): Fixed | undefined {
  const t = text.trim().replace(/[\s_\u00a0\u202f]/g, '').replace(/\u2212/g, '-');
  if (/^-?\d+$/.test(t)) return parseFixed(t);
  const danish = /^(-?\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$|^(-?\d+),(\d+)$/.exec(t);
  if (danish) {
    const int = (danish[1] ?? danish[3] ?? '').replace(/\./g, '');
    const frac = danish[2] ?? danish[4];
    // "1,500": English thousands or Danish decimal? Refused rather than guessed ("0,500" is not).
    if (danish[3] !== undefined && frac?.length === 3 && !/^-?0$/.test(int)) return undefined;
    return parseFixed(frac === undefined ? int : `${int}.${frac}`);
  }
  const english = /^(-?\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$|^(-?\d+)\.(\d+)$/.exec(t);
  if (english) {
    const int = (english[1] ?? english[3] ?? '').replace(/,/g, '');
    const frac = english[2] ?? english[4];
    // "1.500": Danish thousands or English decimal? Refused rather than guessed ("0.500" is not).
    if (english[3] !== undefined && frac?.length === 3 && !/^-?0$/.test(int)) return undefined;
    return parseFixed(frac === undefined ? int : `${int}.${frac}`);
  }
  return undefined;
}

/** Tranche shares in percent, `30,40,30` or `30;40;30`; each positive, summing to exactly 100. */
export function trancheShares(text: string): Fixed[] {
  const parts = text.split(/[;,/ ]+/).filter((p) => p !== '');
  const shares = parts.map((p) => parseFixed(p.trim()));
  if (shares.length === 0 || shares.some((s) => s === undefined || s.digits <= 0n)) {
    throw new InvalidArgumentError(`expected positive percentages like 30,40,30, got "${text}"`);
  }
  const valid = shares as Fixed[];
  const scale = Math.max(...valid.map((s) => s.scale));
  const sum = valid.reduce((acc, s) => acc + s.digits * 10n ** BigInt(scale - s.scale), 0n);
  if (sum !== 100n * 10n ** BigInt(scale)) {
    throw new InvalidArgumentError(`tranche shares must sum to 100, got "${text}"`);
  }
  return valid;
}
