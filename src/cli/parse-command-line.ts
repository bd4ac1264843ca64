/**
 * Parsing a command line against a CommandSpec with Node's own `util.parseArgs` (no
 * dependency to load at start-up). Every problem is a usage error (exit 2) whose wording
 * names the option and what was expected.
 */
import { parseArgs } from 'node:util';
import { type Diagnostic, FlereError } from '../core/diagnostics.js';
import { editDistance } from '../registry/edit-distance.js';
import { type CommandSpec, GLOBAL_OPTIONS, type OptionSpec, OptionValueError, optionKey } from './command-spec.js';

/** A parsed command line: the argument, the options by key, and the global flags. */
export interface ParsedCommandLine {
  readonly argument: string | undefined;
  readonly options: Record<string, unknown>;
  readonly help: boolean;
}

/** Parses `args` (after the command name). Throws FlereError (usage) listing every problem. */
export function parseCommandLine(spec: CommandSpec, args: readonly string[]): ParsedCommandLine {
  const all = [...spec.options, ...GLOBAL_OPTIONS];
  const config = Object.fromEntries(
    all.map((o) => [o.long, { type: o.value ? 'string' : 'boolean', ...(o.short ? { short: o.short } : {}) } as const]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: attachDashValues(args, all), options: config, allowPositionals: true, strict: true });
  } catch (error) {
    throw new FlereError('usage', [parseArgsProblem(error, spec, all)]);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values['help'] === true) return { argument: undefined, options: {}, help: true };

  const problems: Diagnostic[] = [];
  const options: Record<string, unknown> = {};
  for (const option of all) {
    const given = values[option.long];
    const key = optionKey(option);
    if (!option.value) {
      if (option.long.startsWith('no-')) options[key] = given !== true;
      else if (given === true) options[key] = true;
      continue;
    }
    if (typeof given !== 'string') {
      if (option.required) problems.push({ code: 'usage.missing-option', value: `--${option.long}`, args: { command: spec.name } });
      continue;
    }
    const value = checkValue(option, given, problems);
    if (value !== undefined) options[key] = value;
  }

  const positionals = parsed.positionals;
  if (positionals.length > 1) {
    problems.push({ code: 'usage.extra-argument', value: positionals[1] ?? '', args: { command: spec.name } });
  }
  const argument = positionals[0];
  if (argument === undefined && spec.argument?.required) {
    problems.push({ code: 'usage.missing-argument', value: spec.argument.name, args: { command: spec.name } });
  }
  if (argument !== undefined && !spec.argument) {
    problems.push({ code: 'usage.extra-argument', value: argument, args: { command: spec.name } });
  }
  if (problems.length > 0) throw new FlereError('usage', problems);
  return { argument, options, help: false };
}

/**
 * `--total -5` means the value -5, as people type it; parseArgs would refuse it as a
 * possible forgotten value. A value that starts with `-` but is not itself an option is
 * attached (`--total=-5`), so that the option's own check can say what is wrong with it.
 */
function attachDashValues(args: readonly string[], all: readonly OptionSpec[]): string[] {
  const takesValue = new Set(all.filter((o) => o.value).flatMap((o) => [`--${o.long}`, ...(o.short ? [`-${o.short}`] : [])]));
  const isOption = (arg: string): boolean =>
    all.some((o) => arg === `--${o.long}` || arg.startsWith(`--${o.long}=`) || (o.short !== undefined && arg === `-${o.short}`));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    if (takesValue.has(arg) && next !== undefined && next.startsWith('-') && next !== '-' && !isOption(next)) {
      // Long options take `--name=value`; a short one takes its value glued on (`-o-x`).
      out.push(arg.startsWith('--') ? `${arg}=${next}` : `${arg}${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function checkValue(option: OptionSpec, given: string, problems: Diagnostic[]): unknown {
  if (option.choices && !option.choices.includes(given)) {
    problems.push({ code: 'usage.invalid-choice', value: given, args: { option: `--${option.long}`, choices: option.choices.join(', ') } });
    return undefined;
  }
  if (!option.parse) return given;
  try {
    return option.parse(given);
  } catch (error) {
    if (!(error instanceof OptionValueError)) throw error;
    problems.push({ code: 'usage.invalid-value', value: given, args: { option: `--${option.long}`, reason: error.message } });
    return undefined;
  }
}

/** Turns parseArgs' error (an unknown option, a missing value, …) into a diagnostic. */
function parseArgsProblem(error: unknown, spec: CommandSpec, all: readonly OptionSpec[]): Diagnostic {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = quoted.replace(/^-+/, '').split('=')[0] ?? '';
    const nearest = all
      .map((o) => ({ o, d: editDistance(name, o.long) }))
      .filter(({ d }) => d <= Math.max(2, Math.floor(name.length / 3)))
      .sort((a, b) => a.d - b.d)[0];
    return {
      code: 'usage.unknown-option',
      value: quoted,
      args: { command: spec.name, ...(nearest ? { suggestion: `--${nearest.o.long}` } : {}) },
    };
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = /^(-\w|--[\w-]+)/.exec(quoted)?.[1] ?? quoted;
    const option = all.find((o) => `--${o.long}` === flag || (o.short && `-${o.short}` === flag));
    return option?.value
      ? { code: 'usage.option-needs-value', value: `--${option.long}`, args: { placeholder: option.value } }
      : { code: 'usage.flag-takes-no-value', value: option ? `--${option.long}` : flag };
  }
  return { code: 'usage.option', value: message };
}
