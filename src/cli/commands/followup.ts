/**
 * `flere followup`: its options and help. The work happens in `../actions/followup.ts`,
 * loaded only when the command runs.
 */
import type { Fixed } from '../../core/decimal.js';
import type { FollowupSourceKind } from '../../core/followup.js';
import type { FollowupKey } from '../../core/followup-recipients.js';
import { FORMATS } from '../../io/render/formats.js';
import {
  type ColorOptionValue,
  type CommandSpec,
  type InputOptionValues,
  inputOptions,
  OptionValueError,
  outputOptions,
  type OutputOptionValues,
  sheetOption,
  type SheetOptionValue,
} from '../command-spec.js';
import { positiveDecimal } from '../options.js';

/** Typed options of `flere followup`, as the command line hands them over. */
export interface FollowupOptions extends OutputOptionValues, InputOptionValues, SheetOptionValue, ColorOptionValue {
  to: string;
  forfeited?: string;
  /** The previous round's JSON result (`--after`). */
  after?: string;
  /** Undefined: not-applied, and forfeited with `--forfeited`. */
  sources?: ReadonlySet<FollowupSourceKind>;
  /** Undefined: `count`, the default. */
  key?: FollowupKey;
  unit?: Fixed;
  pool?: string;
  explain?: boolean;
}

const EXAMPLE = `
Example:
  $ flere allocate data/counts-2017.csv --applicants data/applicants-2017.csv --format json -o allocation.json
  $ flere followup allocation.json --to data/followup-2017.csv --key weight --unit 1000
  $ flere followup allocation.json --to data/followup-2017.csv --key weight --unit 1000 --format json -o round-1.json
  $ flere followup allocation.json --forfeited check.json --sources forfeited --after round-1.json --to data/followup-2017.csv --key weight --unit 1000

The follow-up pool is the money of the kommuner that did not apply (applied: false in the
allocation) plus, with --forfeited, the tranches a flere check JSON result lists as
forfeited. It goes to the kommuner of the --to file (a kommune column, code or name) by
largest remainder in whole units: by their counts in the allocation (--key count), equally
(--key equal), or by a column of the --to file (--key COLUMN). The part below one unit is
reported as unallocated; --explain traces every krone from its source to its recipient.
A later round names the previous one with --after (its JSON result, which also records the
rounds before it) and takes only new sources with --sources: a source an earlier round
distributed is refused, so no krone is distributed twice.`;

/** `--key`: `count`, `equal`, or the name of a weight column of the `--to` file. */
export function followupKey(text: string): FollowupKey {
  const key = text.trim();
  if (key === '') throw new OptionValueError('expected count, equal or the name of a weight column');
  const lower = key.toLowerCase();
  if (lower === 'count') return { kind: 'count' };
  if (lower === 'equal') return { kind: 'equal' };
  return { kind: 'column', column: key };
}

const SOURCE_KINDS: readonly FollowupSourceKind[] = ['not-applied', 'forfeited'];

/** `--sources`: `not-applied`, `forfeited`, or both, comma-separated. */
export function sourceKinds(text: string): ReadonlySet<FollowupSourceKind> {
  const kinds = new Set<FollowupSourceKind>();
  for (const part of text.split(',')) {
    const kind = SOURCE_KINDS.find((k) => k === part.trim().toLowerCase());
    if (kind === undefined) throw new OptionValueError(`expected ${SOURCE_KINDS.join(', ')} or both, comma-separated`);
    kinds.add(kind);
  }
  return kinds;
}

/** `flere followup`. */
export const followupCommand: CommandSpec = {
  name: 'followup',
  summary: 'distribute the follow-up pool (restpulje): money of kommuner that did not apply, and forfeited tranches',
  argument: { name: 'allocation', description: 'what flere allocate wrote (JSON, CSV or .xlsx), or - for standard input', required: true },
  options: [
    { long: 'to', value: '<file>', description: 'the recipients: CSV or .xlsx with a kommune column (and a weight column for --key COLUMN)', required: true },
    { long: 'forfeited', value: '<check>', description: 'add the tranches a flere check --format json result lists as forfeited' },
    {
      long: 'sources',
      value: '<kinds>',
      description: 'what this round distributes: not-applied, forfeited, or both (default: not-applied, and forfeited with --forfeited)',
      parse: sourceKinds,
    },
    {
      long: 'after',
      value: '<round>',
      description: "the previous round's result (flere followup --format json): what it and the rounds before it distributed is never distributed again",
    },
    { long: 'key', value: '<count|equal|column>', description: 'weigh recipients by their count in the allocation, equally, or by a column of --to (default: count)', parse: followupKey },
    { long: 'unit', value: '<amount>', description: "rounding unit of the follow-up amounts, e.g. 1000 (default: the allocation's unit, as its JSON states it; required with a CSV allocation)", parse: positiveDecimal },
    { long: 'pool', value: '<name|file>', description: 'pool of the allocation (default: the one the allocation names, else flere-skal-med-1)' },
    ...outputOptions(FORMATS, 'table on a terminal, csv otherwise'),
    { long: 'explain', description: 'trace every krone from its source to its recipient; exact quotas and remainders' },
    ...inputOptions('the CSV inputs'),
    sheetOption('ALLOCATION'),
  ],
  example: EXAMPLE,
  run: async (allocation, options, ctx) => {
    const { runFollowup } = await import('../actions/followup.js');
    await runFollowup(allocation as string, options as unknown as FollowupOptions, ctx);
  },
};
