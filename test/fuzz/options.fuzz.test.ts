// Random command lines for every command registered in src/cli/main.ts (allocate, check,
// followup, progress, pools): known options of all commands mixed across them, attached and
// detached values, values that are almost right, and random words. Every run must end with
// exit 0, or with 1/2/3 and clean `flere: ` lines; exit 70 (a bug) or a stack trace fails.
//
// The runs happen in a scratch directory (process.chdir; vitest runs each file in its own
// fork), and random words never contain a slash, so `-o WORD` can only write there.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutWarnings } from '../helpers/run-cli.js';
import { ROOT } from '../helpers/run-cli.js';
import { measured, reportFigures, runs, tally, TIMEOUT } from './figures.js';
import { expectCleanOutcome, runInProcess } from './in-process.js';

reportFigures('option parsers (in-process)');

/** The scratch directory's input files, restored before every case. */
const INPUTS = new Map<string, string | Buffer>();
let scratch = '';
let home = '';

beforeAll(async () => {
  home = process.cwd();
  scratch = mkdtempSync(join(tmpdir(), 'flere-fuzz-options-'));
  const copy = (from: string): Buffer => readFileSync(join(ROOT, from));
  INPUTS.set('counts.csv', copy('data/counts-2017.csv'));
  INPUTS.set('applicants.csv', copy('data/applicants-2017.csv'));
  INPUTS.set('progress.csv', copy('data/progress-2017.csv'));
  INPUTS.set('followup.csv', copy('data/followup-2017.csv'));
  INPUTS.set('persons.csv', copy('test/fixtures/persons-small.csv'));
  INPUTS.set('cp1252.csv', copy('test/fixtures/excel/cp1252-semicolon.csv'));
  INPUTS.set('bad-pool.json', '{"id": ');
  process.chdir(scratch);
  restore();
  // Outputs of the commands themselves, as the others read them.
  const made = async (name: string, args: string[]): Promise<void> => {
    const r = await runInProcess(args);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    INPUTS.set(name, r.stdout);
  };
  await made('allocation.json', ['allocate', 'counts.csv', '--applicants', 'applicants.csv', '--format', 'json']);
  await made('allocation-da.csv', ['allocate', 'counts.csv', '--applicants', 'applicants.csv', '--format', 'csv', '--locale', 'da']);
  await made('pool.json', ['pools', 'flere-skal-med-2', '--format', 'json']);
  INPUTS.set('check.json', (await runInProcess(['check', 'progress.csv', '--allocation', 'allocation.json', '--format', 'json'])).stdout);
  restore();
});

afterAll(() => {
  process.chdir(home);
  rmSync(scratch, { recursive: true, force: true });
});

function restore(): void {
  for (const [name, content] of INPUTS) writeFileSync(name, content);
  mkdirSync('sub', { recursive: true });
}

const COMMANDS = ['allocate', 'check', 'followup', 'progress', 'pools', 'alocate', 'help'];
const SWITCHES = ['--no-registry', '--explain', '--record', '-q', '--quiet', '--debug', '--no-color', '--help', '-h', '--version', '-V', '--', '-', '--totl', '-x', '-oq'];
const WITH_VALUE = [
  '--total', '--unit', '--tranches', '--format', '--locale', '-o', '--output', '--applicants', '--encoding', '--delimiter',
  '--decimal-mark', '--pool', '--allocation', '--as-of', '--ledger', '--to', '--forfeited', '--key', '--sources', '--after',
];
const VALUES = [
  // numbers, nearly numbers, and not numbers
  '262500000', '262.500.000,00', '262,500,000.00', '1.500', '1,500', '0.01', '0,05', '0', '-5', '\u22125', '1e3', '1e999999', 'NaN',
  'Infinity', '', ' ', '9'.repeat(40), '0.' + '0'.repeat(30) + '1', '30,40,30', '30,40', '50;40;10', '100', '33.3,33.3,33.4',
  // months, formats, dialects, encodings, delimiters, keys, pools
  '2017-07', '2018-12', '2017-13', '17-07', '2017-7', '0000-01', 'table', 'csv', 'json', 'xml', 'da', 'plain', 'fr', 'utf-8',
  'windows-1252', 'utf-16le', 'latin9', ';', ',', 'tab', '\\t', '|', 'ab', '"', '\n', '.', 'count', 'equal', 'weight', 'Weight',
  'flere-skal-med-1', 'flere-skal-med-2', 'nosuch', 'forfeited', 'not-applied', 'not-applied,forfeited',
  // files in the scratch directory, present or not, readable or not
  'counts.csv', 'applicants.csv', 'progress.csv', 'followup.csv', 'persons.csv', 'cp1252.csv', 'allocation.json', 'allocation-da.csv',
  'check.json', 'pool.json', 'bad-pool.json', 'ledger.csv', 'missing.csv', 'sub', 'sub/x.csv', 'nodir/x.csv', 'out.csv', 'out.json', '-',
];

/** A random word: printable text with Danish letters and NUL, but never a slash. */
const word = fc.string({ maxLength: 10, unit: fc.oneof(fc.constantFrom('æ', 'ø', 'Å', '\u0000', '\u2212', '€', '-', '='), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 .,;:_#@"\'*?$')) });
const value = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...VALUES) }, { weight: 1, arbitrary: word });
const token: fc.Arbitrary<string[]> = fc.oneof(
  fc.constantFrom(...SWITCHES).map((s) => [s]),
  fc.tuple(fc.constantFrom(...WITH_VALUE), value).map(([f, v]) => [f, v]),
  fc.tuple(fc.constantFrom(...WITH_VALUE), value).map(([f, v]) => [`${f}=${v}`]),
  value.map((v) => [v]),
);
const argv: fc.Arbitrary<string[]> = fc
  .tuple(fc.constantFrom(...COMMANDS), fc.array(token, { maxLength: 8 }))
  .map(([command, tokens]) => [command, ...tokens.flat()]);

/** A command line that is mostly right: the command's own file and options, one of them bent. */
const nearlyRight: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.constantFrom(
      ['allocate', 'counts.csv', '--applicants', 'applicants.csv'],
      ['allocate', 'cp1252.csv'],
      ['check', 'progress.csv', '--allocation', 'allocation.json'],
      ['check', 'progress.csv', '--allocation', 'allocation-da.csv', '--ledger', 'ledger.csv', '--record'],
      ['followup', 'allocation.json', '--to', 'followup.csv'],
      ['followup', 'allocation-da.csv', '--to', 'followup.csv', '--key', 'weight', '--forfeited', 'check.json'],
      ['progress', 'persons.csv'],
      ['pools'],
      ['pools', 'pool.json'],
    ),
    fc.array(token, { maxLength: 3 }),
  )
  .map(([base, tokens]) => [...base, ...tokens.flat()]);

/** A stdin for the run: nothing, or one of the inputs (for `-`). */
const stdinArb = fc.constantFrom('', 'counts.csv', 'progress.csv', 'allocation.json', 'persons.csv');

async function runCase(name: string, args: string[], stdin: string | Uint8Array): Promise<void> {
  // A property that outlives its test (a time-out) must not go on writing where it stands now.
  if (process.cwd() !== scratch) throw new Error(`not in the scratch directory ${scratch}`);
  restore();
  const bytes = typeof stdin === 'string' ? (stdin === '' ? '' : (INPUTS.get(stdin) ?? '')) : stdin;
  const r = await runInProcess(args, { bytes });
  tally(name, r.code);
  const context = JSON.stringify(args);
  expectCleanOutcome(r, context);
  if (r.code === 0 && r.stderr !== '') {
    for (const line of withoutWarnings(r.stderr).split('\n').filter((l) => l !== '')) expect(line, context).toMatch(/^flere: /);
  }
}

describe('every command line ends cleanly', { timeout: TIMEOUT }, () => {
  it('random option strings for every command', async () => {
    const n = runs(2000);
    await measured('random command lines', n, () =>
      fc.assert(fc.asyncProperty(argv, stdinArb, (args, stdin) => runCase('random command lines', args, stdin)), { numRuns: n }),
    );
  });

  it('working command lines with a few random options added', async () => {
    const n = runs(1200);
    await measured('working command lines, bent', n, () =>
      fc.assert(fc.asyncProperty(nearlyRight, stdinArb, (args, stdin) => runCase('working command lines, bent', args, stdin)), { numRuns: n }),
    );
  });

  it('every reader behind `-`, fed random bytes or a damaged file', async () => {
    const n = runs(1200);
    const readers = fc.constantFrom(
      ['allocate', '-'],
      ['allocate', 'counts.csv', '--applicants', '-'],
      ['check', '-', '--allocation', 'allocation.json'],
      ['check', 'progress.csv', '--allocation', '-'],
      ['followup', '-', '--to', 'followup.csv'],
      ['followup', 'allocation.json', '--to', '-'],
      ['progress', '-'],
      ['pools', '-'],
    );
    // Bytes: random, or one of the inputs cut short and with bytes spliced in.
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc
        .tuple(fc.constantFrom(...VALUES.filter((v) => INPUTS.has(v))), fc.nat(), fc.uint8Array({ maxLength: 6 }), fc.nat())
        .map(([name, at, junk, cut]) => {
          const whole = Buffer.from(INPUTS.get(name) ?? '');
          const i = at % (whole.length + 1);
          const spliced = Buffer.concat([whole.subarray(0, i), junk, whole.subarray(i)]);
          return spliced.subarray(0, spliced.length - (cut % 3 === 0 ? cut % (spliced.length + 1) : 0));
        }),
    );
    await measured('readers behind -, damaged input', n, () =>
      fc.assert(
        fc.asyncProperty(readers, fc.constantFrom([], ['--format', 'json'], ['--format', 'csv', '--locale', 'da']), bytes, (reader, extra, input) =>
          runCase('readers behind -, damaged input', [...reader, ...extra], input),
        ),
        { numRuns: n },
      ),
    );
  });
});
