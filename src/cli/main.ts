/**
 * The command line: finds the command, parses its options against its spec, runs it, and
 * is the one exit point that turns errors into messages and exit codes. Commands load their
 * work only when they run, so that `flere allocate` does not pay for `flere check`.
 *
 * The parsing is Node's own `util.parseArgs` under declarative command specs rather than
 * commander: loading commander cost about 11 % of Node's own start-up (56 M instructions of
 * 506 M, measured with callgrind), a third of what `flere allocate` added to `node -e 0`.
 */
import { ExitCode, FlereError, usageError } from '../core/diagnostics.js';
import { editDistance } from '../registry/edit-distance.js';
import { allocateCommand } from './commands/allocate.js';
import { checkCommand } from './commands/check.js';
import { followupCommand } from './commands/followup.js';
import { examplesCommand } from './commands/examples.js';
import { poolsCommand } from './commands/pools.js';
import { progressCommand } from './commands/progress.js';
import { reportCommand } from './commands/report.js';
import type { CommandSpec } from './command-spec.js';
import { type CliContext, processContext } from './context.js';
import { commandHelp, programHelp } from './help.js';
import { errorDocument, formatError } from './messages.js';
import { parseCommandLine } from './parse-command-line.js';
import { VERSION } from './version.js';

/** Every command, in the order `flere --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [allocateCommand, checkCommand, followupCommand, reportCommand, progressCommand, poolsCommand, examplesCommand];

const DESCRIPTION = 'Exact allocation of Danish grant pools to kommuner, and when each tranche falls due.';
/** Flags accepted before the command name as well as after it. */
const LEADING_FLAGS = new Set(['--debug', '--no-color']);

/** Runs the CLI with `argv` as in `process.argv` and returns the exit status; never throws. */
export async function main(argv: readonly string[], ctx: CliContext = processContext()): Promise<number> {
  const args = argv.slice(2);
  ctx.debug = args.includes('--debug');
  ctx.json = wantsJson(args);
  try {
    return (await dispatch(args, ctx)) ?? ExitCode.ok;
  } catch (error) {
    return report(error, ctx, ctx.json);
  }
}

async function dispatch(args: readonly string[], ctx: CliContext): Promise<ExitCode | void> {
  const at = args.findIndex((a) => !LEADING_FLAGS.has(a));
  const name = at < 0 ? undefined : args[at];
  const rest = [...args.slice(0, Math.max(at, 0)), ...args.slice(at + 1)];
  if (name === '-V' || name === '--version') return write(ctx, `${VERSION}\n`);
  if (name === '-h' || name === '--help') return write(ctx, programHelp(COMMANDS, DESCRIPTION));
  // Bare `flere` is how a person asks what it can do: the overview, as with --help.
  if (name === undefined) return write(ctx, programHelp(COMMANDS, DESCRIPTION));
  if (name === 'help') {
    const topic = rest.find((a) => !LEADING_FLAGS.has(a));
    if (topic === undefined) return write(ctx, programHelp(COMMANDS, DESCRIPTION));
    return write(ctx, commandHelp(COMMANDS.find((c) => c.name === topic) ?? unknownCommand(topic)));
  }
  const command = COMMANDS.find((c) => c.name === name) ?? unknownCommand(name);
  const parsed = parseCommandLine(command, rest);
  if (parsed.help) return write(ctx, commandHelp(command));
  return command.run(parsed.argument, parsed.options, ctx);
}

function unknownCommand(name: string): never {
  const nearest = COMMANDS.map((c) => ({ c, d: editDistance(name, c.name) }))
    .filter(({ d }) => d <= 3)
    .sort((a, b) => a.d - b.d)[0];
  throw usageError({ code: 'usage.unknown-command', value: name, ...(nearest ? { args: { suggestion: nearest.c.name } } : {}) });
}

async function write(ctx: CliContext, text: string): Promise<void> {
  await new Promise<void>((resolve) => ctx.stdout.write(text, () => resolve()));
}

/** Whether the run asked for JSON output (then problems go to stderr as JSON too). */
function wantsJson(args: readonly string[]): boolean {
  return args.some((arg, i) => arg === '--format=json' || (arg === '--format' && args[i + 1] === 'json'));
}

function report(error: unknown, ctx: CliContext, json: boolean): number {
  if (error instanceof FlereError) {
    if (json) ctx.stderr.write(`${JSON.stringify(errorDocument(error))}\n`);
    else for (const line of formatError(error)) ctx.stderr.write(`flere: ${line}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  ctx.stderr.write(`flere: internal error: ${message}\n`);
  if (ctx.debug && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}\n`);
  else ctx.stderr.write('flere: this is a bug; run again with --debug for details\n');
  return ExitCode.internal;
}
