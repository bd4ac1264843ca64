// The bad-input corpus (test/fixtures/bad/, written by its make.mjs): every way an input or a
// command line can be wrong, each with its exit code, diagnostic codes and lines. For every
// case the run must print one `flere: ` line per problem on stderr and nothing on stdout,
// show no stack trace, and leave an existing -o file byte for byte as it was.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const BAD = 'test/fixtures/bad/';
const GOOD = 'data/counts-2017.csv';

/** One expected problem: its code (checked in the JSON issues), line, and wording. */
interface Problem {
  readonly code: string;
  readonly line?: number;
  readonly message: RegExp;
}

interface Case {
  readonly name: string;
  /** Arguments after `allocate`; `$DIR` is a fresh temporary directory. */
  readonly args: readonly string[];
  readonly exit: 1 | 2 | 3;
  readonly problems: readonly Problem[];
  /** Further stderr lines after the problems (the count of unlisted ones). */
  readonly tail?: readonly RegExp[];
  /** Skip the JSON-mode run (its `--format json` would change the case). */
  readonly noJsonRun?: true;
  /** The case names its own -o, so no second one is added. */
  readonly ownOutput?: true;
}

const p = (code: string, line: number | undefined, message: RegExp): Problem =>
  line === undefined ? { code, message } : { code, line, message };

const CASES: readonly Case[] = [
  // --- the file itself ---
  { name: 'an empty file', args: [BAD + 'empty.csv'], exit: 1, problems: [p('csv.empty-file', undefined, /: the file is empty$/)] },
  { name: 'only blank and ;;; lines', args: [BAD + 'blank-lines.csv'], exit: 1, problems: [p('csv.empty-file', undefined, /: the file is empty$/)] },
  { name: 'a header only', args: [BAD + 'header-only.csv'], exit: 1, problems: [p('csv.no-rows', 1, /header but no data rows/)] },
  { name: 'no count column', args: [BAD + 'no-count-column.csv'], exit: 1, problems: [p('csv.missing-column', 1, /no count column \(accepted names: antal, /)] },
  { name: 'binary garbage', args: [BAD + 'binary.bin'], exit: 1, problems: [p('csv.binary', undefined, /not a text file/)] },
  {
    name: 'a ragged row',
    args: [BAD + 'ragged.csv'],
    exit: 1,
    problems: [p('csv.ragged', 2, /row has 3 cells, the header has 2$/), p('csv.ragged', 3, /row has 1 cell, the header has 2$/)],
  },
  { name: 'an unterminated quote', args: [BAD + 'unterminated-quote.csv'], exit: 1, problems: [p('csv.unterminated-quote', 3, /quoted field starts here and is never closed/)] },
  // --- counts ---
  {
    name: 'negative counts, with an ASCII and a Unicode minus',
    args: [BAD + 'negative.csv'],
    exit: 1,
    problems: [p('number.negative', 3, /column «antal»: negative number: "-3"$/), p('number.negative', 4, /negative number: "−7"$/)],
  },
  { name: 'text for a count', args: [BAD + 'text.csv'], exit: 1, problems: [p('number.invalid', 2, /column «antal»: not a number: "mange"$/)] },
  { name: 'fractional persons', args: [BAD + 'fractional.csv'], exit: 1, problems: [p('number.not-whole', 2, /not a whole number: "12,5"$/)] },
  {
    name: 'NaN and Infinity',
    args: [BAD + 'nan.csv'],
    exit: 1,
    problems: [p('number.invalid', 2, /not a number: "NaN"$/), p('number.invalid', 3, /not a number: "Infinity"$/)],
  },
  { name: '1e999999', args: [BAD + 'huge-exponent.csv'], exit: 1, problems: [p('number.exponent', 2, /"1e999999" is in scientific notation/)] },
  {
    name: 'Excel error literals in a Windows-1252 file',
    args: [BAD + 'excel-error.csv'],
    exit: 1,
    problems: [p('number.excel-error', 2, /Excel error value "#I\/T"/), p('number.excel-error', 3, /Excel error value "#VÆRDI!"/)],
  },
  { name: 'all counts zero', args: [BAD + 'all-zero.csv'], exit: 1, problems: [p('allocation.all-zero', undefined, /every count is zero/)] },
  {
    name: 'more than 20 bad rows',
    args: [BAD + 'many-errors.csv'],
    exit: 1,
    problems: Array.from({ length: 20 }, (_, i) => p('number.invalid', i + 2, new RegExp(`not a number: "x${i}"$`))),
    tail: [/^flere: … and 5 more problems$/],
  },
  { name: 'a bad row after a three-line quoted note', args: [BAD + 'multiline-note.csv'], exit: 1, problems: [p('number.invalid', 5, /not a number: "abc"$/)] },
  // --- kommuner ---
  { name: 'a duplicate kommune', args: [BAD + 'duplicate.csv'], exit: 1, problems: [p('kommune.duplicate', 4, /"461" is Odense \(461\) a second time \(first on line 2\)$/)] },
  {
    name: 'a duplicate under another spelling',
    args: [BAD + 'duplicate-variant.csv'],
    exit: 1,
    problems: [p('kommune.duplicate', 4, /"Århus" is Aarhus \(751\) a second time \(first on line 2\)$/)],
  },
  { name: 'an unknown kommune, with a suggestion', args: [BAD + 'unknown.csv'], exit: 1, problems: [p('kommune.unknown', 3, /unknown kommune "Odnese" \(did you mean Odense \(461\)\?\)$/)] },
  { name: 'an unknown kommune in UTF-16', args: [BAD + 'utf16le-unknown.txt'], exit: 1, problems: [p('kommune.unknown', 3, /unknown kommune "Aalbrog" \(did you mean Aalborg \(851\)\?\)$/)] },
  { name: 'mojibake, with an encoding hint', args: [BAD + 'mojibake.csv'], exit: 1, problems: [p('kommune.unknown', 2, /"KÃ¸ge" .*looks wrongly decoded.*--encoding/)] },
  // --- applicants ---
  {
    name: 'an unknown applicant',
    args: [GOOD, '--applicants', BAD + 'applicants-unknown.csv'],
    exit: 1,
    problems: [p('kommune.unknown', 3, /applicants-unknown\.csv:3: .*unknown kommune "Odnese" \(did you mean Odense \(461\)\?\)$/)],
  },
  {
    name: 'an applicant without a count',
    args: ['test/fixtures/excel/clean.csv', '--applicants', BAD + 'applicants-not-counted.csv'],
    exit: 1,
    problems: [p('applicants.not-in-counts', 3, /"Lemvig" applied but has no count/)],
  },
  { name: 'a missing applicants file', args: [GOOD, '--applicants', 'no/such/applicants.csv'], exit: 3, problems: [p('io.not-found', undefined, /applicants\.csv: no such file$/)] },
  { name: 'counts and applicants both from stdin', args: ['-', '--applicants', '-'], exit: 2, problems: [p('allocate.two-stdin', undefined, /only one of the counts file and --applicants/)] },
  // --- files that cannot be read or written ---
  { name: 'a missing file', args: ['no/such/file.csv'], exit: 3, problems: [p('io.not-found', undefined, /^flere: no\/such\/file\.csv: no such file$/)] },
  { name: 'a directory as input', args: ['test/fixtures'], exit: 3, problems: [p('io.is-directory', undefined, /is a directory, not a file$/)] },
  {
    name: 'an output directory that does not exist',
    args: [GOOD, '-o', '$DIR/missing/out.csv'],
    exit: 3,
    ownOutput: true,
    problems: [p('io.write', undefined, /out\.csv: cannot write the file: the directory does not exist \(ENOENT\)$/)],
  },
  {
    name: 'an output path under a plain file',
    args: [GOOD, '-o', '$DIR/previous.csv/out.csv'],
    exit: 3,
    ownOutput: true,
    problems: [p('io.write', undefined, /cannot write the file: a part of the path is not a directory \(ENOTDIR\)$/)],
  },
  {
    name: 'an output path that is a directory',
    args: [GOOD, '-o', '$DIR/a-directory'],
    exit: 3,
    ownOutput: true,
    problems: [p('io.write', undefined, /a-directory: cannot write the file: it is a directory \(EISDIR\)$/)],
  },
  // --- the command line ---
  { name: '--total -5', args: [GOOD, '--total', '-5'], exit: 2, problems: [p('usage.invalid-value', undefined, /--total.*-5.*greater than 0/)] },
  { name: '--total 1.500 (1.5 or 1500?)', args: [GOOD, '--total', '1.500'], exit: 2, problems: [p('usage.invalid-value', undefined, /--total.*1\.500.*ambiguous/)] },
  { name: '--unit 0', args: [GOOD, '--unit', '0'], exit: 2, problems: [p('usage.invalid-value', undefined, /--unit.*\b0\b.*greater than 0/)] },
  // (No JSON run: a second --format json would replace xml.)
  { name: '--format xml', args: [GOOD, '--format', 'xml'], exit: 2, noJsonRun: true, problems: [p('usage.invalid-choice', undefined, /--format.*xml.*table, csv, tsv, json, xlsx/)] },
  { name: '--tranches 30,40', args: [GOOD, '--tranches', '30,40'], exit: 2, problems: [p('usage.invalid-value', undefined, /--tranches.*30,40.*sum to 100/)] },
  { name: '--encoding latin9', args: [GOOD, '--encoding', 'latin9'], exit: 2, problems: [p('usage.invalid-choice', undefined, /--encoding.*latin9/)] },
  { name: 'an unknown option, with a suggestion on the same line', args: [GOOD, '--totl', '5'], exit: 2, problems: [p('usage.unknown-option', undefined, /unknown option.*--totl.*did you mean --total/)] },
  { name: '--delimiter nonsense', args: [GOOD, '--delimiter', 'ab'], exit: 2, problems: [p('csv.bad-delimiter', undefined, /^flere: "ab" cannot be a delimiter/)] },
  { name: 'a total below one unit', args: [GOOD, '--total', '0,5'], exit: 2, problems: [p('allocation.too-small-total', undefined, /total 0\.5 is smaller than one unit \(1\)/)] },
];

let dir = '';
const previous = 'previous content, kept byte for byte\r\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flere-bad-'));
  mkdirSync(join(dir, 'a-directory'));
  writeFileSync(join(dir, 'previous.csv'), previous);
});

const expand = (args: readonly string[]): string[] => args.map((a) => a.replace('$DIR', dir));

function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '');
}

describe.each(CASES)('flere allocate with $name', (c) => {
  it(`exits ${c.exit} with one "flere: " line per problem, nothing on stdout, no stack trace`, () => {
    const result = runCli(['allocate', ...expand(c.args)]);
    expect(result.code).toBe(c.exit);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/^\s+at |Error:|\.js:\d+/m);
    const lines = stderrLines(result.stderr);
    expect(lines).toHaveLength(c.problems.length + (c.tail?.length ?? 0));
    for (const line of lines) expect(line).toMatch(/^flere: \S/);
    c.problems.forEach((problem, i) => {
      const line = lines[i] ?? '';
      expect(line).toMatch(problem.message);
      if (problem.line !== undefined) expect(line).toContain(`:${problem.line}: `);
    });
    c.tail?.forEach((pattern, i) => expect(lines[c.problems.length + i]).toMatch(pattern));
  });

  if (c.ownOutput !== true) {
    it('leaves an existing -o file untouched', () => {
      const out = join(dir, `${c.name.replace(/\W+/g, '-')}.csv`);
      writeFileSync(out, previous);
      const result = runCli(['allocate', ...expand(c.args), '-o', out]);
      expect(result.code).toBe(c.exit);
      expect(result.stdout).toBe('');
      expect(readFileSync(out, 'utf8')).toBe(previous);
    });
  }

  if (c.noJsonRun !== true) {
    it('gives the codes and lines as data in JSON mode', () => {
      const result = runCli(['allocate', ...expand(c.args), '--format', 'json']);
      expect(result.code).toBe(c.exit);
      expect(result.stdout).toBe('');
      const document = JSON.parse(result.stderr) as { exit_code: number; issues: { code: string; line: number | null }[]; omitted: number };
      expect(document.exit_code).toBe(c.exit);
      expect(document.issues.map((i) => [i.code, i.line ?? undefined])).toEqual(c.problems.map((q) => [q.code, q.line]));
    });
  }
});

describe('the previous -o file of an unwritable case', () => {
  it('is still there, unchanged, after every run above', () => {
    expect(readFileSync(join(dir, 'previous.csv'), 'utf8')).toBe(previous);
  });
});
