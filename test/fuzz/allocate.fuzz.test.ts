// The whole `flere allocate` run, in-process, against random inputs and options. The only
// acceptable outcomes: exit 0 with output whose amounts sum to the pool, or exit 1/2/3 with
// clean `flere: ` lines (a JSON issues document in JSON mode). Exit 70 is a failure. Valid
// messy exports must give the clean file's JSON byte for byte.
import fc from 'fast-check';
import { withoutWarnings } from '../helpers/run-cli.js';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../src/io/csv-records.js';
import { anyCountsShape, cleanFile, validCountsShape } from './csv-shapes.js';
import { measured, reportFigures, runs, tally, TIMEOUT } from './figures.js';
import { COMPARE_SCALE, expectCleanFailure, expectCleanOutcome, runInProcess, scaled, type RunResult } from './in-process.js';

reportFigures('allocate (in-process)');

/** Options as typed, with the canonical values the output must match. */
interface AllocateChoice {
  readonly args: string[];
  readonly total: string;
  readonly unit: string;
  readonly format: 'csv' | 'json' | 'table';
  readonly locale: 'plain' | 'da';
}

const TOTALS = [
  [undefined, '262500000'],
  ['262500000', '262500000'],
  ['262.500.000,00', '262500000'],
  ['262,500,000.00', '262500000'],
  ['7160000', '7160000'],
  ['1000', '1000'],
  ['100,07', '100.07'],
  ['0.05', '0.05'],
  ['1 000 000', '1000000'],
  ['999999999999999999999999999.99', '999999999999999999999999999.99'],
] as const;
const UNITS = [
  [undefined, '1'],
  ['1', '1'],
  ['0.01', '0.01'],
  ['0,05', '0.05'],
  ['1000', '1000'],
  ['0.000000000000000001', '0.000000000000000001'],
] as const;
const TRANCHES = [undefined, '30,40,30', '50;40;10', '100', '33.3,33.3,33.4', '10,10,10,10,10,10,10,10,10,10'] as const;

const choiceArb: fc.Arbitrary<AllocateChoice> = fc
  .record({
    total: fc.constantFrom(...TOTALS),
    unit: fc.constantFrom(...UNITS),
    tranches: fc.constantFrom(...TRANCHES),
    format: fc.constantFrom('csv', 'json', 'table' as const),
    locale: fc.constantFrom(undefined, 'plain', 'da' as const),
    explain: fc.boolean(),
    noRegistry: fc.nat({ max: 9 }).map((n) => n === 0),
  })
  .map((c) => ({
    args: [
      ...(c.total[0] === undefined ? [] : ['--total', c.total[0]]),
      ...(c.unit[0] === undefined ? [] : ['--unit', c.unit[0]]),
      ...(c.tranches === undefined ? [] : ['--tranches', c.tranches]),
      '--format',
      c.format,
      ...(c.locale === undefined ? [] : ['--locale', c.locale]),
      ...(c.explain ? ['--explain'] : []),
      ...(c.noRegistry ? ['--no-registry'] : []),
    ],
    total: c.total[1],
    unit: c.unit[1],
    format: c.format,
    locale: c.locale ?? 'plain',
  }));

/** Σ amounts is the pool in whole units: total − (total mod unit), exactly. */
function expectSumsToPool(r: RunResult, choice: AllocateChoice, context: string): void {
  const total = scaled(choice.total, COMPARE_SCALE);
  const unit = scaled(choice.unit, COMPARE_SCALE);
  const pool = total - (total % unit);
  if (choice.format === 'json') {
    const doc = JSON.parse(r.stdout) as {
      version: number;
      total: string;
      unallocated: string;
      allocations: { amount: string; tranches: string[]; applied: boolean }[];
    };
    expect(doc.version, context).toBe(1);
    const sum = doc.allocations.reduce((s, a) => s + scaled(a.amount, COMPARE_SCALE), 0n);
    expect(sum, context).toBe(pool);
    expect(sum + scaled(doc.unallocated, COMPARE_SCALE), context).toBe(total);
    for (const a of doc.allocations) {
      if (a.applied) expect(a.tranches.reduce((s, t) => s + scaled(t, COMPARE_SCALE), 0n), context).toBe(scaled(a.amount, COMPARE_SCALE));
    }
  } else if (choice.format === 'csv') {
    const delimiter = choice.locale === 'da' ? ';' : ',';
    const body = r.stdout.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').replace(/\n$/, '');
    const { records, failure } = parseCsvRecords(body, delimiter, 0, 'out');
    expect(failure, context).toBeUndefined();
    const [header, ...rows] = records.map((x) => x.cells);
    const at = header?.indexOf('amount') ?? -1;
    expect(at, context).toBeGreaterThanOrEqual(0);
    expect(rows.reduce((s, row) => s + scaled(row[at] ?? '', COMPARE_SCALE), 0n), context).toBe(pool);
  } else {
    expect(r.stdout, context).toMatch(/\n\s*Total\s/);
  }
}

function judge(r: RunResult, choice: AllocateChoice, context: string): void {
  expectCleanOutcome(r, context);
  if (r.code === 0) {
    expect(withoutWarnings(r.stderr), context).toBe('');
    expectSumsToPool(r, choice, context);
  }
}

describe('flere allocate in-process', { timeout: TIMEOUT }, () => {
  it('gives a messy but valid export the clean file\'s JSON, byte for byte', async () => {
    const n = runs(1000);
    await measured('valid exports vs clean file', n, () =>
      fc.assert(
        fc.asyncProperty(validCountsShape, fc.constantFrom([], ['--unit', '0.01'], ['--total', '7.160.000', '--unit', '1000']), async (shape, extra) => {
          const messy = await runInProcess(['allocate', '-', '--format', 'json', ...shape.args, ...extra], { bytes: shape.bytes });
          const clean = await runInProcess(['allocate', '-', '--format', 'json', ...extra], { bytes: cleanFile(shape.counts) });
          expect(clean.code).toBe(0);
          // The same warnings too (a kommune missing from both), and nothing else.
          expect(messy.stderr, shape.description).toBe(clean.stderr);
          expect(messy.stdout, shape.description).toBe(clean.stdout);
        }),
        { numRuns: n },
      ),
    );
  });

  it('ends cleanly on damaged exports with any options, and sums to the pool when it succeeds', async () => {
    const n = runs(4000);
    await measured('damaged exports, random options', n, () =>
      fc.assert(
        fc.asyncProperty(anyCountsShape, choiceArb, async (shape, choice) => {
          const args = ['allocate', '-', ...shape.args, ...choice.args];
          const r = await runInProcess(args, { bytes: shape.bytes });
          tally('damaged exports, random options', r.code);
          judge(r, choice, `${JSON.stringify(args)}\n${shape.description}`);
        }),
        { numRuns: n },
      ),
    );
  });

  it('ends cleanly on random bytes from standard input', async () => {
    const n = runs(2000);
    await measured('random bytes on stdin', n, () =>
      fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), choiceArb, async (bytes, choice) => {
          const r = await runInProcess(['allocate', '-', ...choice.args], { bytes });
          tally('random bytes on stdin', r.code);
          judge(r, choice, `${JSON.stringify(choice.args)} ${Buffer.from(bytes).toString('hex')}`);
        }),
        { numRuns: n },
      ),
    );
  });

  it('is a usage error, not a hang, with no input and a terminal on stdin', async () => {
    for (const args of [['allocate'], ['allocate', '-'], ['allocate', '--format', 'csv']]) {
      const r = await runInProcess(args, { tty: true });
      expect(r.code).toBe(2);
      expectCleanFailure(r, args.join(' '));
      expect(r.stderr).toMatch(/^flere: no input: give a FILE/);
    }
  });
});
