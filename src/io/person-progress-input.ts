/**
 * A person file (path or `-`) to kommune-month progress rows: the one entry point that both
 * `flere progress` and `flere check --persons FILE` use, so that they agree by construction.
 */
import type { MonthlyCounts } from '../core/conditions.js';
import { dataError, usageError } from '../core/diagnostics.js';
import { type Month, monthFromIndex, monthIndex } from '../core/months.js';
import { PERIOD_MARGIN_MONTHS, type Period } from '../core/period.js';
import { PersonProgress, type ProgressRow } from '../core/person-progress.js';
import type { TargetGroupRule } from '../core/target-group.js';
import { checkStdin } from './input-source.js';
import { loadRegistryResolver, type PersonReadSummary, readPersonFile, readPersonStream } from './person-stream.js';
import type { Progress } from './progress-reader.js';

/** Options of {@link readPersonProgress}. */
export interface PersonProgressInput {
  /** The name shown in messages (`<stdin>` for `-`). */
  readonly name: string;
  /** How the target groups are formed: the reference month and the leaver rule. */
  readonly rule: TargetGroupRule;
  /** Standard input, read when the path is `-`; a terminal there is a usage error. */
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Called now and then with the number of rows read so far (for a progress meter). */
  readonly onProgress?: (rows: number) => void;
  /** The pool's period: rows further than PERIOD_MARGIN_MONTHS from it are data errors. */
  readonly period?: Period;
}

/** The progress rows and what was read. */
export interface PersonProgressResult {
  readonly rows: ProgressRow[];
  readonly summary: PersonReadSummary;
}

/**
 * Reads a person file and aggregates it. Throws FlereError: io (missing, unreadable), usage
 * (`-` with a terminal on stdin), data (every bad row, by line; never naming a person; and
 * `persons.no-reference-month` when no row falls in the reference month, whose target groups
 * would all be empty: data of another pool, or a reference month to give).
 */
export async function readPersonProgress(path: string, options: PersonProgressInput): Promise<PersonProgressResult> {
  const resolve = await loadRegistryResolver();
  const sink = new PersonProgress();
  const months = options.period && {
    first: monthIndex(options.period.start) - PERIOD_MARGIN_MONTHS,
    last: monthIndex(options.period.end) + PERIOD_MARGIN_MONTHS,
  };
  const read = { name: options.name, resolve, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(months ? { months } : {}) };
  let summary: PersonReadSummary;
  if (path === '-') {
    const stdin = options.stdin;
    if (stdin === undefined) throw usageError({ code: 'usage.stdin-terminal' });
    checkStdin(stdin);
    summary = await readPersonStream(stdin as AsyncIterable<Uint8Array | string>, sink, read);
  } else {
    summary = readPersonFile(path, sink, read);
  }
  const reference = monthIndex(options.rule.referenceMonth);
  if (!sink.hasMonth(reference)) {
    const months = sink.months();
    throw dataError({
      code: 'persons.no-reference-month',
      file: options.name,
      value: options.rule.referenceMonth,
      args: { first: monthFromIndex(months[0] as number), last: monthFromIndex(months[months.length - 1] as number) },
    });
  }
  return { rows: sink.rows(options.rule), summary };
}

/**
 * The result as `flere check` takes a progress file (`Progress` of its reader): kommune code →
 * month → metric → count as BigInt, each kommune's first line, the latest month. The bounds
 * that reader checks (cleared ≤ target_group, company_activity ≤ recipients) hold by
 * construction.
 */
export function asCheckProgress({ rows, summary }: PersonProgressResult): Progress {
  const byKommune = new Map<string, Map<Month, MonthlyCounts>>();
  let lastMonth: Month | null = null;
  for (const r of rows) {
    let months = byKommune.get(r.kommune);
    if (months === undefined) byKommune.set(r.kommune, (months = new Map()));
    months.set(r.month, {
      target_group: BigInt(r.target_group),
      cleared: BigInt(r.cleared),
      recipients: BigInt(r.recipients),
      company_activity: BigInt(r.company_activity),
      paid_hours: BigInt(r.paid_hours),
    });
    if (lastMonth === null || r.month > lastMonth) lastMonth = r.month;
  }
  return { byKommune, firstLine: summary.firstLine, lastMonth };
}
