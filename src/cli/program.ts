/**
 * The command line, parsed by commander. The program is built from the command specs
 * (`command-spec.ts`, `commands/*.ts`): each spec becomes a subcommand with its argument,
 * options, choices, help text and worked example, so a new option is one line of data.
 *
 * commander finds the command, reads the options (also `--no-color` and `--debug` before or
 * after the command), checks choices, suggests the nearest command or option for a typo, and
 * prints the help and the version. flere adds what its users rely on:
 * - every problem of a command line at once: bad values, missing required options and a
 *   missing or extra argument are collected here rather than thrown one by one;
 * - usage errors as coded diagnostics (exit 2), worded in `messages/usage.ts`;
 * - `--total -5` is the value -5, which the option then refuses by name, while an option
 *   word after an option (`--total --to r`) is a missing value, never swallowed.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type Diagnostic, FlereError, usageError } from '../core/diagnostics.js';
import { commanderProblem, missingParts } from './command-line-problems.js';
import { type CommandSpec, GLOBAL_OPTIONS, type OptionSpec, OptionValueError, optionFlags } from './command-spec.js';
import { VERSION } from './version.js';

/** What a command line asks for: a command to run, or nothing more (help or the version was printed). */
export type CommandLine =
  | { readonly kind: 'run'; readonly command: CommandSpec; readonly argument: string | undefined; readonly options: Record<string, unknown> }
  | { readonly kind: 'shown' };

/** Where the help and the version go. */
export interface ProgramOutput {
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
}

/** The exit codes, as the README documents them; the end of every help text. */
const EXIT_CODES_HELP = `Exit codes:
  0   success
  1   input data rejected (bad row, unknown kommune, duplicate, totals that do not reconcile)
  2   usage (unknown or invalid option, missing argument)
  3   I/O (input missing or unreadable, output not writable, ledger locked)
  4   flere check --exit-code only: success, and something is due (recorded, with --record)
  70  internal error (a bug; run again with --debug for a stack trace)`;

const DESCRIPTION = 'Exact allocation of Danish grant pools to kommuner, and when each tranche falls due.';

/**
 * Parses `args` (the words after `flere`) against `commands`. Returns the command to run
 * with its argument and options (keys in camelCase, global flags included), or `shown` after
 * printing help or the version. Throws FlereError (usage) listing every problem; bare
 * `flere` prints the program's help on stderr first.
 */
export function parseCommandLine(commands: readonly CommandSpec[], args: readonly string[], out: ProgramOutput): CommandLine {
  const problems: Diagnostic[] = [];
  let parsed: CommandLine | undefined;
  let helpTopic: { topic: string | undefined } | undefined;
  let active: CommandSpec | undefined;

  const program = new Command('flere')
    .exitOverride()
    .configureOutput({
      writeOut: out.writeOut,
      writeErr: out.writeErr,
      // flere words its own errors (messages/usage.ts).
      outputError: () => undefined,
    })
    .configureHelp({ showGlobalOptions: true, subcommandTerm: (cmd) => `${cmd.name()} ${cmd.usage()}` })
    .usage('[options] <command> [arguments]')
    .description(DESCRIPTION)
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', `\nRun flere <command> --help for a command's options and a worked example.\n\n${EXIT_CODES_HELP}`);
  for (const spec of GLOBAL_OPTIONS) program.addOption(new Option(optionFlags(spec), spec.description));

  for (const spec of commands) {
    const command = program
      .command(spec.name)
      .description(spec.summary)
      .usage(`[options]${spec.argument ? ` ${spec.argument.required ? `<${spec.argument.name}>` : `[${spec.argument.name}]`}` : ''}`)
      // The argument's count is checked below, with the other problems.
      .allowExcessArguments()
      .exitOverride((error) => {
        active = spec;
        throw error;
      })
      .addHelpText('after', `${spec.example.replace(/^\n*/, '\n')}\n\n${EXIT_CODES_HELP}`);
    if (spec.argument) command.argument(`[${spec.argument.name}]`, spec.argument.description);
    const isOptionWord = optionWords(command, program);
    for (const option of spec.options) command.addOption(commanderOption(option, problems, isOptionWord));
    command.action(() => {
      parsed = { kind: 'run', command: spec, argument: command.args[0], options: { ...program.opts(), ...command.opts() } };
      problems.push(...missingParts(spec, command));
    });
  }
  program
    .command('help')
    .usage('[command]')
    .description('show the help of a command')
    .argument('[command]', 'the command')
    .allowExcessArguments()
    .action((topic: string | undefined) => {
      helpTopic = { topic };
    });

  // Bare `flere` (global flags at most) is how a person asks what it can do: the overview, as
  // with --help (commander would print it on stderr as an error).
  if (args.every((arg) => GLOBAL_OPTIONS.some((o) => optionFlags(o) === arg))) {
    program.outputHelp();
    return { kind: 'shown' };
  }
  try {
    program.parse([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const problem = commanderProblem(error, active);
      if (problem === undefined) return { kind: 'shown' };
      throw new FlereError('usage', [...problems, problem]);
    }
    throw error;
  }
  if (problems.length > 0) throw new FlereError('usage', problems);
  if (helpTopic !== undefined) {
    const { topic } = helpTopic;
    if (topic === undefined) {
      program.outputHelp();
      return { kind: 'shown' };
    }
    const command = program.commands.find((c) => c.name() === topic);
    if (command) {
      command.outputHelp();
      return { kind: 'shown' };
    }
    // An unknown topic is what `flere TOPIC` is: an unknown command, with a suggestion.
    return parseCommandLine(commands, [topic], out);
  }
  return parsed ?? { kind: 'shown' };
}

/** Whether a word is one of the options of `command` or of the program (`--to`, `--to=x`, `-o`, `--help`). */
function optionWords(command: Command, program: Command): (word: string) => boolean {
  return (word) => {
    const flag = word.startsWith('--') ? (word.split('=')[0] ?? word) : word;
    return flag === '--help' || flag === '-h' || [...command.options, ...program.options].some((o) => o.long === flag || o.short === flag);
  };
}

/**
 * A spec's option for commander. Its value goes through commander's choice check (when it
 * has choices) and the spec's `parse`; a refused value is collected as a problem, so that
 * the rest of the line is still read and every problem listed together.
 */
function commanderOption(spec: OptionSpec, problems: Diagnostic[], isOptionWord: (word: string) => boolean): Option {
  const description = spec.required ? `${spec.description} [required]` : spec.description;
  const option = new Option(optionFlags(spec), description);
  if (!spec.value) return option;
  if (spec.choices) option.choices(spec.choices);
  const checkChoice = option.parseArg;
  const name = `--${spec.long}`;
  return option.argParser((value: string) => {
    // commander takes the next word as the value, whatever it is; another option is not one.
    if (isOptionWord(value)) {
      throw usageError({ code: 'usage.option-needs-value', value: name, args: { placeholder: spec.value ?? '' } });
    }
    try {
      checkChoice?.(value, undefined);
      return spec.parse ? spec.parse(value) : value;
    } catch (error) {
      if (error instanceof InvalidArgumentError) {
        problems.push({ code: 'usage.invalid-choice', value, args: { option: name, choices: (spec.choices ?? []).join(', ') } });
      } else if (error instanceof OptionValueError) {
        problems.push({ code: 'usage.invalid-value', value, args: { option: name, reason: error.message } });
      } else {
        throw error;
      }
      return undefined;
    }
  });
}
