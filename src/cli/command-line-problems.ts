/**
 * Usage problems of a command line as diagnostics (exit 2, worded in `messages/usage.ts`):
 * what commander reports, by its error codes, and what flere checks itself after commander
 * has read the line (required options, the argument), so that those are listed together.
 */
import type { Command, CommanderError } from 'commander';
import type { Diagnostic } from '../core/diagnostics.js';
import { type CommandSpec, GLOBAL_OPTIONS, optionFlags, optionKey } from './command-spec.js';

/** The required options of `spec` that `command` was not given, and a missing or extra argument. */
export function missingParts(spec: CommandSpec, command: Command): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const option of spec.options) {
    if (option.required && command.getOptionValueSource(optionKey(option)) === undefined) {
      problems.push({ code: 'usage.missing-option', value: `--${option.long}`, args: { command: spec.name } });
    }
  }
  const [argument, extra] = command.args;
  const unexpected = spec.argument ? extra : argument;
  if (unexpected !== undefined) problems.push({ code: 'usage.extra-argument', value: unexpected, args: { command: spec.name } });
  if (argument === undefined && spec.argument?.required) {
    problems.push({ code: 'usage.missing-argument', value: spec.argument.name, args: { command: spec.name } });
  }
  return problems;
}

/** The first word commander quotes in its message (`unknown option '--totl'`). */
const quoted = (message: string): string => /'([^']*)'/.exec(message)?.[1] ?? '';

/**
 * A commander error as a usage diagnostic; undefined when it only reports that help or the
 * version was printed. `spec` is the command being parsed, if commander got that far.
 */
export function commanderProblem(error: CommanderError, spec: CommandSpec | undefined): Diagnostic | undefined {
  const suggestion = /\(Did you mean (?:one of )?([^,?]+)/.exec(error.message)?.[1];
  const hint: Record<string, string> = suggestion === undefined ? {} : { suggestion };
  switch (error.code) {
    case 'commander.help':
    case 'commander.helpDisplayed':
    case 'commander.version':
      return undefined;
    case 'commander.unknownCommand':
      return { code: 'usage.unknown-command', value: quoted(error.message), args: hint };
    case 'commander.unknownOption': {
      const word = quoted(error.message);
      const flag = word.split('=')[0] ?? word;
      const options = [...(spec?.options ?? []), ...GLOBAL_OPTIONS];
      // commander reads `--explain=yes` as an unknown option; it is a flag given a value.
      if (word.includes('=') && options.some((o) => !o.value && `--${o.long}` === flag)) {
        return { code: 'usage.flag-takes-no-value', value: flag, args: spec ? { command: spec.name } : {} };
      }
      return { code: 'usage.unknown-option', value: word, args: { ...(spec ? { command: spec.name } : {}), ...hint } };
    }
    case 'commander.optionMissingArgument': {
      const flags = quoted(error.message);
      const option = spec?.options.find((o) => optionFlags(o) === flags);
      return option
        ? { code: 'usage.option-needs-value', value: `--${option.long}`, args: { placeholder: option.value ?? '' } }
        : { code: 'usage.option', value: error.message.replace(/^error: /, '') };
    }
    default:
      return { code: 'usage.option', value: error.message.replace(/^error: /, '') };
  }
}
