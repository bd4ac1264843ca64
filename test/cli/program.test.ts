import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CommandSpec, OptionValueError } from '../../src/cli/command-spec.js';
import { COMMANDS } from '../../src/cli/main.js';
import { parseCommandLine as parseProgram } from '../../src/cli/program.js';
import { FlereError } from '../../src/core/diagnostics.js';
import { VERSION } from '../../src/cli/version.js';

const spec: CommandSpec = {
  name: 'demo',
  summary: 'a command for tests',
  argument: { name: 'file', description: 'input', required: false },
  options: [
    { long: 'total', value: '<amount>', description: 'a number', parse: (t) => {
      if (!/^-?\d+$/.test(t)) throw new OptionValueError('expected digits');
      return Number(t);
    } },
    { long: 'format', value: '<format>', description: 'format', choices: ['csv', 'json'] },
    { long: 'output', short: 'o', value: '<file>', description: 'output' },
    { long: 'to', value: '<file>', description: 'recipients', required: true },
    { long: 'no-registry', description: 'free names' },
    { long: 'explain', description: 'explain' },
  ],
  example: '',
  run: async () => undefined,
};

const quiet = { writeOut: (): void => undefined, writeErr: (): void => undefined };

/** `flere SPEC.NAME ARGS…` through the program, with only `spec` registered: its argument and options. */
function parseCommandLine(command: CommandSpec, args: readonly string[]): { argument: string | undefined; options: Record<string, unknown> } {
  const line = parseProgram([command], [command.name, ...args], quiet);
  if (line.kind !== 'run') throw new Error('expected a command to run');
  return { argument: line.argument, options: line.options };
}

const codes = (args: string[]): string[] => {
  try {
    parseCommandLine(spec, args);
    return [];
  } catch (error) {
    if (!(error instanceof FlereError)) throw error;
    expect(error.kind).toBe('usage');
    return error.diagnostics.map((d) => d.code);
  }
};

describe('the command line, through commander', () => {
  it('reads values, flags, negated flags, short options and the argument', () => {
    const parsed = parseCommandLine(spec, ['in.csv', '--to', 'r.csv', '--total', '12', '-o', 'out.csv', '--no-registry', '--explain']);
    expect(parsed).toEqual({
      argument: 'in.csv',
      options: { to: 'r.csv', total: 12, output: 'out.csv', registry: false, explain: true, color: true },
    });
    expect(parseCommandLine(spec, ['--to=r.csv']).options).toMatchObject({ registry: true, color: true });
    expect(parseCommandLine(spec, ['--to', 'r', '--no-color']).options['color']).toBe(false);
  });

  it('takes a value that starts with a dash as the value, and lets the option judge it', () => {
    expect(parseCommandLine(spec, ['--to', 'r', '--total', '-5']).options['total']).toBe(-5);
    expect(parseCommandLine(spec, ['--to', 'r', '-o', '-x.csv']).options['output']).toBe('-x.csv');
    expect(codes(['--to', 'r', '--total', '-x'])).toEqual(['usage.invalid-value']);
    // A following option is never swallowed as a value.
    expect(codes(['--total', '--to', 'r'])).toEqual(['usage.option-needs-value']);
  });

  it('reports each kind of usage problem with its own code', () => {
    expect(codes(['--to', 'r', '--totl', '5'])).toEqual(['usage.unknown-option']);
    expect(codes(['--to', 'r', '--format', 'xml'])).toEqual(['usage.invalid-choice']);
    expect(codes(['--to', 'r', '--explain=yes'])).toEqual(['usage.flag-takes-no-value']);
    expect(codes(['--to', 'r', 'a', 'b'])).toEqual(['usage.extra-argument']);
    expect(codes([])).toEqual(['usage.missing-option']);
    // Every problem of one command line at once, not just the first.
    expect(new Set(codes(['--format', 'xml', '--total', 'x']))).toEqual(
      new Set(['usage.missing-option', 'usage.invalid-value', 'usage.invalid-choice']),
    );
  });

  it('suggests the nearest option for a typo', () => {
    expect(() => parseCommandLine(spec, ['--to', 'r', '--explian'])).toThrow(
      expect.objectContaining({ diagnostics: [expect.objectContaining({ args: expect.objectContaining({ suggestion: '--explain' }) })] }),
    );
  });

  it('reads --no-color and --debug before or after the command', () => {
    for (const args of [['--no-color', '--debug', 'demo', '--to', 'r'], ['demo', '--to', 'r', '--debug', '--no-color'], ['--debug', 'demo', '--no-color', '--to', 'r']]) {
      const line = parseProgram([spec], args, quiet);
      expect(line.kind === 'run' && line.options, args.join(' ')).toMatchObject({ color: false, debug: true, to: 'r' });
    }
  });

  it('prints help and the version instead of running; bare flere prints the overview', () => {
    const printed = (args: string[]): { kind: string; out: string; err: string } => {
      let out = '';
      let err = '';
      const line = parseProgram(COMMANDS, args, { writeOut: (t) => (out += t), writeErr: (t) => (err += t) });
      return { kind: line.kind, out, err };
    };
    const overview = printed(['--help']);
    expect(overview).toMatchObject({ kind: 'shown', out: expect.stringMatching(/^Usage: flere (?:.*\n)*Commands:\n/), err: '' });
    for (const args of [['help'], ['-h'], [], ['--no-color'], ['--debug', '--no-color']]) expect(printed(args), args.join(' ')).toEqual(overview);
    for (const args of [['check', '--help'], ['help', 'check'], ['check', '-h', '--totl']]) {
      expect(printed(args)).toMatchObject({ kind: 'shown', out: expect.stringMatching(/^Usage: flere check \[options\] \[progress\]/), err: '' });
    }
    expect(printed(['-V'])).toEqual({ kind: 'shown', out: `${VERSION}\n`, err: '' });
  });

  it('refuses an unknown command, also as a help topic, with the nearest command', () => {
    for (const args of [['chek', '--format', 'json'], ['help', 'chek']]) {
      expect(() => parseProgram(COMMANDS, args, quiet), args.join(' ')).toThrow(
        expect.objectContaining({ diagnostics: [{ code: 'usage.unknown-command', value: 'chek', args: { suggestion: 'check' } }] }),
      );
    }
  });

  it('never throws anything but a usage error, for any words on any command', () => {
    const word = fc.oneof(
      fc.constantFrom('--format', 'json', '--total', '-5', '--unit', '0', '-o', '-', '--to', '--no-registry', '--help', '-q', '--as-of', '2017-13', '--key', '=', '--'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...COMMANDS), fc.array(word, { maxLength: 8 }), (command, args) => {
        try {
          parseProgram(COMMANDS, [command.name, ...args], quiet);
        } catch (error) {
          expect(error).toBeInstanceOf(FlereError);
          expect((error as FlereError).kind).toBe('usage');
        }
      }),
      { numRuns: 3000 },
    );
  });
});
