/**
 * No cell of a person file ever reaches the output: every diagnostic path of the person
 * reader, through the built CLI (`flere progress` and `flere check --persons`, text and JSON,
 * with and without --debug), fed distinctive CPR-shaped and other values in the cells that
 * go wrong. Each case also checks the problem is reported (its code, exit 1) by file and line.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const { file } = scratchDir('flere-person-privacy-');

// Distinctive values: none of them may appear in any output.
const CPR = '3112994321';
const CPR_DASH = '311299-4321';
const CPR_OTHER = '0807061234';
const TEXT = 'Qzxv7Wombat';
const DIGITS = '7777123';
const SECRETS = [CPR, CPR_DASH, CPR_OTHER, TEXT, DIGITS, '311299', 'Wombat'];

const HEADER = 'person,kommune,month,recipient,cleared,company,paid_hours';
const GOOD = [`${CPR_OTHER},461,2017-07,1,0,0,0`];
const ALLOCATION = file(
  'allocation.json',
  JSON.stringify({
    version: 1,
    total: '100',
    unit: '1',
    unallocated: '0',
    followup: '0',
    allocations: [{ id: '461', name: 'Odense', count: '1', amount: '100', tranches: ['30', '40', '30'], applied: true }],
  }),
);

/** [name, file content, expected diagnostic code, its line (or null for the file)]. */
const CASES: readonly (readonly [string, string | Buffer, string, number | null])[] = [
  ['no header: the first line is a person', [`${CPR},461,2017-07,1,0,0,0`, `${TEXT},461,2017-08,1,0,0,0`, ''].join('\n'), 'csv.missing-column', 1],
  ['no header, semicolons and a dashed CPR', [`${CPR_DASH};Odense;2017-07;1;0;0;0`, ''].join('\n'), 'csv.missing-column', 1],
  ['two person columns', [`${HEADER},cpr`, `${CPR},461,2017-07,1,0,0,0,${CPR_DASH}`, ''].join('\n'), 'csv.duplicate-column', 1],
  ['columns swapped: the id in the kommune column', [HEADER, ...GOOD, `461,${CPR},2017-07,1,0,0,0`, ''].join('\n'), 'persons.unknown-kommune', 3],
  ['a dashed CPR in the kommune column', [HEADER, ...GOOD, `x1,${CPR_DASH},2017-07,1,0,0,0`, ''].join('\n'), 'persons.unknown-kommune', 3],
  ['text in the kommune column', [HEADER, ...GOOD, `${CPR},${TEXT},2017-07,1,0,0,0`, ''].join('\n'), 'persons.unknown-kommune', 3],
  ['digits in the kommune column', [HEADER, ...GOOD, `${CPR},${DIGITS},2017-07,1,0,0,0`, ''].join('\n'), 'persons.unknown-kommune', 3],
  ['the id in the month column', [HEADER, ...GOOD, `${CPR},461,${CPR},1,0,0,0`, ''].join('\n'), 'persons.bad-month', 3],
  ['text in the month column', [HEADER, ...GOOD, `${CPR},461,${TEXT},1,0,0,0`, ''].join('\n'), 'persons.bad-month', 3],
  ['the id in a flag column', [HEADER, ...GOOD, `${CPR},461,2017-08,${CPR_DASH},0,0,0`, ''].join('\n'), 'persons.bad-flag', 3],
  ['text in a flag column', [HEADER, ...GOOD, `${CPR},461,2017-08,1,0,${TEXT},0`, ''].join('\n'), 'persons.bad-flag', 3],
  ['an empty person (and text in a flag)', [HEADER, ...GOOD, `,461,2017-08,1,0,0,${TEXT}`, ''].join('\n'), 'persons.empty-person', 3],
  ['an empty kommune', [HEADER, ...GOOD, `${CPR},,2017-08,1,0,0,0`, ''].join('\n'), 'persons.empty-kommune', 3],
  ['too few cells', [HEADER, ...GOOD, `${CPR},461,2017-08,1,0`, ''].join('\n'), 'persons.field-count', 3],
  ['too many cells', [HEADER, ...GOOD, `${CPR},461,2017-08,1,0,0,0,${CPR_DASH}`, ''].join('\n'), 'persons.field-count', 3],
  ['an unbalanced quote', [HEADER, ...GOOD, `"${CPR},461,2017-08,1,0,0,0`, ''].join('\n'), 'persons.bad-quotes', 3],
  ['a misplaced quote in the header', [`${HEADER},"${TEXT}"x`, `${CPR},461,2017-07,1,0,0,0,1`, ''].join('\n'), 'persons.bad-quotes', 1],
  ['an over-long cell', [HEADER, ...GOOD, `${CPR.repeat(30)},461,2017-08,1,0,0,0`, ''].join('\n'), 'persons.cell-too-long', 3],
  ['a line over 1 MiB', [HEADER, ...GOOD, `${CPR},461,2017-08,1,0,0,${TEXT.repeat(100_000)}`, ''].join('\n'), 'persons.line-too-long', 3],
  ['a person twice in a month', [HEADER, ...GOOD, `${CPR_OTHER},461,2017-07,1,0,0,0`, ''].join('\n'), 'persons.duplicate-month', 3],
  ['a person in two kommuner in a month', [HEADER, ...GOOD, `${CPR_OTHER},101,2017-07,1,0,0,0`, ''].join('\n'), 'persons.two-kommuner', 3],
  ['no row in the reference month', [HEADER, `${CPR},461,2017-08,1,0,0,0`, ''].join('\n'), 'persons.no-reference-month', null],
  ['a header and no rows', `${HEADER},${TEXT}\n`, 'persons.no-rows', null],
  ['UTF-16', Buffer.from(`\ufeff${HEADER}\n${CPR},461,2017-07,1,0,0,0\n`, 'utf16le'), 'persons.utf16', null],
];

const RUNS: readonly (readonly [string, (path: string) => string[]])[] = [
  ['progress', (path) => ['progress', path]],
  ['progress, JSON, --debug', (path) => ['progress', path, '--format', 'json', '--debug']],
  ['check --persons, --debug', (path) => ['check', '--persons', path, '--allocation', ALLOCATION, '--debug']],
  ['check --persons, JSON', (path) => ['check', '--persons', path, '--allocation', ALLOCATION, '--format', 'json']],
];

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('no cell of a person file in any message', () => {
  it.each(CASES.map(([name, content, code, line], i) => [name, content, code, line, i] as const))(
    '%s',
    (_name, content, code, line, i) => {
      const path = file(`case-${i}.csv`, content);
      for (const [, args] of RUNS) {
        const r = runCli(args(path));
        expectNoSecret(r.stdout);
        expectNoSecret(r.stderr);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        if (args(path).includes('json')) {
          const doc = JSON.parse(r.stderr) as { issues: { code: string; file: string; line: number | null; value: unknown }[] };
          expect(doc.issues[0]).toMatchObject({ code, file: path, line });
          // Values that are not cells (a kommune code, a month the file has) are fine; a cell never.
          for (const issue of doc.issues) expect(typeof issue.value === 'string' && issue.value.length > 7).toBe(false);
        } else {
          expect(r.stderr.startsWith(`flere: ${path}${line === null ? '' : `:${line}`}: `)).toBe(true);
        }
      }
    },
  );

  it('a kommune not in the allocation is named by its code, never by the cell', () => {
    const path = file('lemvig.csv', [HEADER, ...GOOD, `${CPR},Lemvig Kommune,2017-07,1,0,0,0`, ''].join('\n'));
    const r = runCli(['check', '--persons', path, '--allocation', ALLOCATION]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`flere: ${path}:3: kommune 665 has progress rows but is not in the allocation\n`);
    expectNoSecret(r.stderr);
  });
});
