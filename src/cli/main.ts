/**
 * The command line: defines the program and its commands, and is the one exit point that
 * turns errors into messages and exit codes. Commands load their heavy modules only when
 * they run, so that `flere allocate` does not pay for `flere check`.
 */
import { Command, CommanderError } from 'commander';
import { ExitCode, FlereError } from '../core/diagnostics.js';
import { defineAllocate } from './commands/allocate.js';
import { defineCheck } from './commands/check.js';
import { defineFollowup } from './commands/followup.js';
import { definePools } from './commands/pools.js';
import { defineProgress } from './commands/progress.js';
import { type CliContext, processContext } from './context.js';
import { errorDocument, formatError } from './messages.js';
import { VERSION } from './version.js';

const EXIT_CODES_HELP = `
Exit codes:
  0   success
  1   input data rejected (bad row, unknown kommune, duplicate, totals that do not reconcile)
  2   usage (unknown or invalid option, missing argument)
  3   I/O (input missing or unreadable, output not writable, ledger locked)
  70  internal error (a bug; run again with --debug for a stack trace)`;

/** Builds the program; settings are made before the commands, which copy them. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('flere')
    .description('Exact allocation of Danish grant pools to kommuner, and when each tranche falls due.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show a stack trace for internal errors')
    .option('--no-color', 'never colour the table')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
      outputError: (s, write) => write(`flere: ${s.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP);
  defineAllocate(program, ctx);
  defineCheck(program, ctx);
  defineFollowup(program, ctx);
  definePools(program, ctx);
  defineProgress(program, ctx);
  return program;
}

/** Runs the CLI and returns the exit status; never throws. */
export async function main(argv: readonly string[], ctx: CliContext = processContext()): Promise<number> {
  ctx.debug = argv.includes('--debug');
  try {
    await buildProgram(ctx).parseAsync([...argv]);
    return ExitCode.ok;
  } catch (error) {
    return report(error, ctx, wantsJson(argv));
  }
}

/** Whether the run asked for JSON output (then problems go to stderr as JSON too). */
function wantsJson(argv: readonly string[]): boolean {
  return argv.some((arg, i) => arg === '--format=json' || (arg === '--format' && argv[i + 1] === 'json'));
}

function report(error: unknown, ctx: CliContext, json: boolean): number {
  if (error instanceof FlereError) {
    if (json) ctx.stderr.write(`${JSON.stringify(errorDocument(error))}\n`);
    else for (const line of formatError(error)) ctx.stderr.write(`flere: ${line}\n`);
    return error.exitCode;
  }
  if (error instanceof CommanderError) {
    // Help and version end with exit code 0; every other commander error is a usage error.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  ctx.stderr.write(`flere: internal error: ${message}\n`);
  if (ctx.debug && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}\n`);
  else ctx.stderr.write('flere: this is a bug; run again with --debug for details\n');
  return ExitCode.internal;
}
