// readCounts against random bytes, random text and random real-world shapes: it returns rows
// that make sense or throws one FlereError listing problems; nothing else may escape. Valid
// shapes, however messy, must read to exactly the counts they were made from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlereError } from '../../src/core/diagnostics.js';
import { readCounts, type CountRow, type CountsReadOptions } from '../../src/io/counts-reader.js';
import { TEXT_ENCODINGS } from '../../src/io/decode.js';
import { anyCountsShape, validCountsShape } from './csv-shapes.js';
import { measured, reportFigures, runs, TIMEOUT } from './figures.js';

reportFigures('readCounts');

/** Rows must be distinct recipients with non-negative counts, or a FlereError must say why not. */
function readOrProblems(bytes: Uint8Array, options: CountsReadOptions): CountRow[] | FlereError {
  let rows: CountRow[];
  try {
    rows = readCounts(bytes, options);
  } catch (error) {
    if (!(error instanceof FlereError)) throw error;
    expect(['data', 'usage']).toContain(error.kind);
    expect(error.diagnostics.length).toBeGreaterThan(0);
    for (const d of error.diagnostics) {
      expect(d.code).toMatch(/^[a-z]+\.[a-z-]+$/);
      if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
    }
    return error;
  }
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  for (const r of rows) {
    expect(r.count.digits >= 0n).toBe(true);
    expect(r.line).toBeGreaterThanOrEqual(1);
    if (options.registry) expect(r.id).toMatch(/^\d{3}$/);
  }
  expect(rows.some((r) => r.count.digits > 0n)).toBe(true);
  return rows;
}

const optionsArb: fc.Arbitrary<CountsReadOptions> = fc.record(
  {
    file: fc.constant('fuzz.csv'),
    registry: fc.boolean(),
    encoding: fc.constantFrom(...TEXT_ENCODINGS),
    delimiter: fc.constantFrom(';', ',', 'tab', '|', 'ab', '"', ''),
    decimalMark: fc.constantFrom('.', ',' as const),
  },
  { requiredKeys: ['file', 'registry'] },
);

// Characters that make CSV interesting: delimiters, quotes, line ends, digits and separators,
// Danish letters, a BOM, NUL, NBSP, a Unicode minus, and the start of a header.
const CSV_UNITS = ['k', 'o', 'm', 'u', 'n', 'e', 'a', 't', 'l', ';', ',', '\t', '"', '\n', '\r', ' ', '0', '1', '5', '.', '-', '\u2212', 'ø', 'Å', '#', '\ufeff', '\u0000', '\u00a0', 'kommune', 'antal', 'kode', 'Odense', '101', 'sep='];

describe('readCounts never throws anything but a FlereError', { timeout: TIMEOUT }, () => {
  it('on random bytes, with any options', async () => {
    const n = runs(10_000);
    await measured('random bytes', n, () =>
      fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), optionsArb, (bytes, options) => void readOrProblems(bytes, options)), { numRuns: n }),
    );
  });

  it('on random CSV-like text', async () => {
    const n = runs(10_000);
    const textArb = fc.string({ unit: fc.constantFrom(...CSV_UNITS), maxLength: 80 });
    await measured('random CSV-like text', n, () =>
      fc.assert(
        fc.property(textArb, optionsArb, (text, options) => void readOrProblems(Buffer.from(text, 'utf8'), options)),
        { numRuns: n },
      ),
    );
  });

  it('on damaged real-world shapes', async () => {
    const n = runs(6000);
    await measured('damaged real-world shapes', n, () =>
      fc.assert(
        fc.property(anyCountsShape, fc.boolean(), (shape, registry) => {
          const delimiter = shape.args[1];
          void readOrProblems(shape.bytes, { file: 'fuzz.csv', registry, ...(delimiter === undefined ? {} : { delimiter }) });
        }),
        { numRuns: n },
      ),
    );
  });
});

describe('readCounts reads every valid shape to exactly its counts', { timeout: TIMEOUT }, () => {
  it('whatever the encoding, delimiter, line ends, titles, quoting, spelling and grouping', async () => {
    const n = runs(6000);
    await measured('valid real-world shapes', n, () =>
      fc.assert(
        fc.property(validCountsShape, (shape) => {
          const delimiter = shape.args[1];
          let rows: CountRow[];
          try {
            rows = readCounts(shape.bytes, { file: 'fuzz.csv', registry: true, ...(delimiter === undefined ? {} : { delimiter }) });
          } catch (error) {
            throw new Error(`${error instanceof FlereError ? JSON.stringify(error.diagnostics) : String(error)}\n${shape.description}`);
          }
          const read = new Map(rows.map((r) => [r.id, r.count.scale === 0 ? Number(r.count.digits) : Number.NaN]));
          expect(read, shape.description).toEqual(shape.counts);
        }),
        { numRuns: n },
      ),
    );
  });
});
