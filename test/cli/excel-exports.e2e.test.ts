// The first "must show": the same counts exported by Danish Excel (Windows-1252,
// semicolons, name variants), by a case system (UTF-8 with BOM, NFD, thousands dots), as
// Excel "Unicode text" (UTF-16LE, tabs) and as a clean file all give byte-identical
// allocation JSON. The fixtures are written by test/fixtures/excel/make.mjs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/io/decode.js';
import { runCli, withoutWarnings } from '../helpers/run-cli.js';

const DIR = 'test/fixtures/excel/';
const EXPORTS = ['cp1252-semicolon.csv', 'utf8-bom-nfd.csv', 'utf16le-tab.txt'] as const;

/** The ten kommuner of data/counts-2017.csv in the fixtures: code, official name, persons. */
const KOMMUNER: readonly (readonly [string, string, bigint])[] = [
  ['101', 'København', 2700n],
  ['147', 'Frederiksberg', 473n],
  ['169', 'Høje-Taastrup', 227n],
  ['253', 'Greve', 227n],
  ['360', 'Lolland', 195n],
  ['400', 'Bornholm', 182n],
  ['461', 'Odense', 1600n],
  ['492', 'Ærø', 27n],
  ['751', 'Aarhus', 1527n],
  ['851', 'Aalborg', 1220n],
];

/**
 * Largest remainder, written out independently of src/core: 262,500,000 kr. in whole kroner
 * over Σ 8378 persons; floors first, then one krone each to the largest remainders, ties to
 * the lower code (DESIGN.md).
 */
function hamilton(total: bigint): Map<string, bigint> {
  const sum = KOMMUNER.reduce((s, [, , n]) => s + n, 0n);
  const rows = KOMMUNER.map(([code, , n]) => ({ code, floor: (total * n) / sum, rest: (total * n) % sum }));
  let left = total - rows.reduce((s, r) => s + r.floor, 0n);
  const order = [...rows].sort((a, b) => (a.rest === b.rest ? (a.code < b.code ? -1 : 1) : a.rest > b.rest ? -1 : 1));
  const amounts = new Map(rows.map((r) => [r.code, r.floor]));
  for (const r of order) {
    if (left === 0n) break;
    amounts.set(r.code, (amounts.get(r.code) ?? 0n) + 1n);
    left -= 1n;
  }
  return amounts;
}

interface AllocationJson {
  allocations: { id: string; name: string; count: string; amount: string; tranches: string[] }[];
  tranche_totals: string[];
}

function allocateJson(file: string, extra: readonly string[] = []): string {
  const result = runCli(['allocate', DIR + file, '--format', 'json', ...extra]);
  expect(withoutWarnings(result.stderr)).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

describe('real-world exports of the same counts', () => {
  it('are what they claim to be, byte for byte', () => {
    const cp1252 = readFileSync(DIR + 'cp1252-semicolon.csv');
    // € is 0x80 and – is 0x96 in Windows-1252: the bytes Node 20's TextDecoder gets wrong.
    expect(cp1252.includes(0x80)).toBe(true);
    expect(cp1252.includes(0x96)).toBe(true);
    expect(cp1252.subarray(0, 7).toString('latin1')).toBe('sep=;\r\n');
    expect(decodeText(cp1252).text).toContain('Flere skal med – bruttomålgruppe pr. kommune (pulje ca. 35 mio. €)');
    const nfd = readFileSync(DIR + 'utf8-bom-nfd.csv');
    expect([...nfd.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(nfd.toString('utf8')).toContain('A\u030arhus');
    expect(nfd.toString('utf8')).toContain('1.527');
    const utf16 = readFileSync(DIR + 'utf16le-tab.txt');
    expect([...utf16.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(utf16.subarray(2).toString('utf16le')).toContain('Kommune\tAntal\r\n');
  });

  it('give the clean file the largest-remainder amounts worked out independently', () => {
    const clean = JSON.parse(allocateJson('clean.csv')) as AllocationJson;
    const expected = hamilton(262_500_000n);
    expect(clean.allocations.map((a) => [a.id, a.name, a.count, a.amount])).toEqual(
      KOMMUNER.map(([code, name, n]) => [code, name, `${n}`, `${expected.get(code)}`]),
    );
    // Two hand-checked rows: Høje-Taastrup and Greve tie at 227 persons, so their exact
    // quotas 262,500,000·227/8378 = 7,112,377 + 5494/8378 are equal, and so are their amounts.
    expect(expected.get('169')).toBe(expected.get('253'));
    expect(clean.tranche_totals).toEqual(['78750000', '105000000', '78750000']);
    for (const a of clean.allocations) expect(a.tranches.reduce((s, t) => s + BigInt(t), 0n)).toBe(BigInt(a.amount));
  });

  it.each(EXPORTS)('%s gives byte-identical JSON to the clean file', (file) => {
    expect(allocateJson(file)).toBe(allocateJson('clean.csv'));
  });

  it.each(EXPORTS)('%s gives byte-identical JSON in øre too', (file) => {
    const options = ['--total', '262.500.000,00', '--unit', '0.01'];
    expect(allocateJson(file, options)).toBe(allocateJson('clean.csv', options));
  });

  it.each(EXPORTS)('%s is read the same way from standard input', (file) => {
    const result = runCli(['allocate', '-', '--format', 'json'], { input: readFileSync(DIR + file) });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(allocateJson('clean.csv'));
  });
});
