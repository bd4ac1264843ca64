/**
 * The command line: parses it (commander, built from the command specs in `program.ts`),
 * runs the command, and is the one exit point that turns errors into messages and exit
 * codes. Commands load their work only when they run, so that `flere allocate` does not pay
 * for `flere check`.
 */
import { ExitCode, FlereError } from '../core/diagnostics.js';
import { inSheet } from '../io/xlsx/sheet-cells.js';
import { allocateCommand } from './commands/allocate.js';
import { checkCommand } from './commands/check.js';
import { followupCommand } from './commands/followup.js';
import { examplesCommand } from './commands/examples.js';
import { poolsCommand } from './commands/pools.js';
import { progressCommand } from './commands/progress.js';
import { reportCommand } from './commands/report.js';
import type { CommandSpec } from './command-spec.js';
import { type CliContext, processContext } from './context.js';
import { errorDocument, formatError } from './messages.js';
import { parseCommandLine } from './program.js';

/** Every command, in the order `flere --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [allocateCommand, checkCommand, followupCommand, reportCommand, progressCommand, poolsCommand, examplesCommand];

/** Runs the CLI with `argv` as in `process.argv` and returns the exit status; never throws. */
export async function main(argv: readonly string[], ctx: CliContext = processContext()): Promise<number> {
  const args = argv.slice(2);
  ctx.debug = args.includes('--debug');
  ctx.json = wantsJson(args);
  try {
    const line = parseCommandLine(COMMANDS, args, {
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    });
    return (line.kind === 'run' ? await line.command.run(line.argument, line.options, ctx) : undefined) ?? ExitCode.ok;
  } catch (error) {
    return report(error, ctx, ctx.json);
  }
}

/** Whether the run asked for JSON output (then problems go to stderr as JSON too). */
function wantsJson(args: readonly string[]): boolean {
  return args.some((arg, i) => arg === '--format=json' || (arg === '--format' && args[i + 1] === 'json'));
}

function report(error: unknown, ctx: CliContext, json: boolean): number {
  if (error instanceof FlereError) {
    // Problems in a workbook's sheet are told by sheet and cell.
    const located = ctx.sheets === undefined ? error : new FlereError(error.kind, error.diagnostics.map((d) => inSheet(d, ctx.sheets)), error.omitted);
    if (json) ctx.stderr.write(`${JSON.stringify(errorDocument(located))}\n`);
    else for (const line of formatError(located)) ctx.stderr.write(`flere: ${line}\n`);
    return located.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  ctx.stderr.write(`flere: internal error: ${message}\n`);
  if (ctx.debug && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}\n`);
  else ctx.stderr.write('flere: this is a bug; run again with --debug for details\n');
  return ExitCode.internal;
}
