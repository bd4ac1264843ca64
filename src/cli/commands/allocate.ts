/**
 * `flere allocate`: its options and help. The work happens in `../actions/allocate.ts`,
 * loaded only when the command runs.
 */
import type { Fixed } from '../../core/decimal.js';
import { FORMATS } from '../../io/render/formats.js';
import {
  type ColorOptionValue,
  type CommandSpec,
  type InputOptionValues,
  inputOptions,
  outputOptions,
  type OutputOptionValues,
  sheetOption,
  type SheetOptionValue,
} from '../command-spec.js';
import { positiveDecimal, trancheShares } from '../options.js';

/** Typed options of `flere allocate`, as the command line hands them over. */
export interface AllocateOptions extends OutputOptionValues, InputOptionValues, SheetOptionValue, ColorOptionValue {
  total?: Fixed;
  unit?: Fixed;
  tranches?: Fixed[];
  registry: boolean;
  applicants?: string;
  explain?: boolean;
  pool?: string;
  /** Every kommune of the registry must have a row (a missing one is an error, not a warning). */
  requireAll?: boolean;
}

const EXAMPLE = `
Example:
  $ flere allocate data/counts-2017.csv
  $ flere allocate data/counts-2017.csv --format json -o allocation.json
  $ flere allocate data/counts-2017.csv --total 262500000.00 --unit 0.01 --explain
  $ flere allocate data/counts-2017.csv --lang da -o fordeling.xlsx

The input has a kommune column (code or name; header kommune, kode, code, name, …) and a
count column (antal, personer, count, …). Comma, semicolon or tab; UTF-8 or Windows-1252;
or an .xlsx workbook (its first sheet, or --sheet NAME). The output's format follows -o's
extension (.csv .tsv .json .txt .xlsx) unless --format says it; --locale da is the Danish
CSV dialect (numbers), --lang da the Danish words.`;

/** `flere allocate`. */
export const allocateCommand: CommandSpec = {
  name: 'allocate',
  summary: 'split a pool among kommuner in proportion to their counts, and each share into tranches',
  argument: { name: 'file', description: 'counts CSV or .xlsx workbook, or - for standard input', required: false },
  options: [
    { long: 'pool', value: '<name|file>', description: 'pool whose total, unit and tranche shares are the defaults (default: flere-skal-med-1)' },
    { long: 'total', value: '<amount>', description: "the pool to divide (default: the pool's total, 262500000)", parse: positiveDecimal },
    { long: 'unit', value: '<amount>', description: 'rounding unit: 1 krone, 0.01 øre, 1000, 0.05 … (default: 1)', parse: positiveDecimal },
    { long: 'tranches', value: '<shares>', description: 'tranche shares in percent (default: 30,40,30)', parse: trancheShares },
    ...outputOptions(FORMATS, 'table on a terminal, csv otherwise'),
    { long: 'no-registry', description: 'recipients are free names (header name,count), not kommuner' },
    { long: 'applicants', value: '<file>', description: "kommuner that applied; the others' money goes to the follow-up pool" },
    { long: 'explain', description: 'show exact quotas, floors, remainders and who got the extra units' },
    { long: 'require-all', description: 'every one of the 98 kommuner must have a row: a missing one is an error (exit 1), not a warning' },
    ...inputOptions('the input'),
    sheetOption('FILE'),
  ],
  example: EXAMPLE,
  run: async (file, options, ctx) => {
    const { runAllocate } = await import('../actions/allocate.js');
    await runAllocate(file, options as unknown as AllocateOptions, ctx);
  },
};
