/**
 * `--help` text, generated from the command specs so that help and parsing never disagree.
 */
import { type CommandSpec, GLOBAL_OPTIONS, type OptionSpec } from './command-spec.js';

/** The exit codes, as the README documents them. */
export const EXIT_CODES_HELP = `Exit codes:
  0   success
  1   input data rejected (bad row, unknown kommune, duplicate, totals that do not reconcile)
  2   usage (unknown or invalid option, missing argument)
  3   I/O (input missing or unreadable, output not writable, ledger locked)
  4   flere check --exit-code only: success, and something is due (recorded, with --record)
  70  internal error (a bug; run again with --debug for a stack trace)`;

function optionLine(o: OptionSpec): [string, string] {
  const flags = `${o.short ? `-${o.short}, ` : '    '}--${o.long}${o.value ? ` ${o.value}` : ''}`;
  const choices = o.choices ? ` (${o.choices.join(', ')})` : '';
  return [flags, `${o.description}${choices}${o.required ? ' [required]' : ''}`];
}

function columns(rows: readonly [string, string][]): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}

/** The help of one command. */
export function commandHelp(spec: CommandSpec): string {
  const arg = spec.argument ? (spec.argument.required ? ` <${spec.argument.name}>` : ` [${spec.argument.name}]`) : '';
  const parts = [`Usage: flere ${spec.name} [options]${arg}`, '', spec.summary];
  if (spec.argument) parts.push('', 'Arguments:', columns([[spec.argument.name, spec.argument.description]]));
  parts.push('', 'Options:', columns([...spec.options, ...GLOBAL_OPTIONS].map(optionLine)));
  parts.push(spec.example.replace(/^\n*/, '\n'), '', EXIT_CODES_HELP);
  return `${parts.join('\n')}\n`;
}

/** The help of the program: its commands and global options. */
export function programHelp(commands: readonly CommandSpec[], description: string): string {
  return [
    'Usage: flere [options] <command> [arguments]',
    '',
    description,
    '',
    'Commands:',
    columns(commands.map((c) => [c.name, c.summary])),
    '',
    'Options:',
    columns([{ long: 'version', short: 'V', description: 'print the version' }, ...GLOBAL_OPTIONS].map(optionLine)),
    '',
    'Run flere <command> --help for a command\'s options and a worked example.',
    '',
    EXIT_CODES_HELP,
    '',
  ].join('\n');
}
