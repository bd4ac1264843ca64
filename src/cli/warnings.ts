/**
 * Warnings: something the operator should know that does not stop the run (a kommune
 * missing from a counts file, progress data that stopped). They go to stderr only, never
 * change stdout, and are worded by the same formatter as errors: `flere: warning: …` lines,
 * or in a `--format json` run one JSON document on a line of its own, as errors are.
 */
import { type Diagnostic, MAX_LISTED_PROBLEMS } from '../core/diagnostics.js';
import { inSheet } from '../io/xlsx/sheet-cells.js';
import type { CliContext } from './context.js';
import { andMore, formatDiagnostic, issueOf } from './messages.js';

/** Writes `warnings` to stderr (the first {@link MAX_LISTED_PROBLEMS}, then a count). */
export function printWarnings(ctx: CliContext, warnings: readonly Diagnostic[]): void {
  if (warnings.length === 0) return;
  const listed = warnings.slice(0, MAX_LISTED_PROBLEMS).map((d) => inSheet(d, ctx.sheets));
  const omitted = warnings.length - listed.length;
  if (ctx.json === true) {
    ctx.stderr.write(`${JSON.stringify({ version: 1, warnings: listed.map(issueOf), omitted })}\n`);
    return;
  }
  for (const d of listed) ctx.stderr.write(`flere: warning: ${formatDiagnostic(d)}\n`);
  if (omitted > 0) ctx.stderr.write(`flere: warning: ${andMore(omitted, 'warning')}\n`);
}
