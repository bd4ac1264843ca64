/**
 * The fuzz suites' figures (cases run, time taken), printed when a suite ends so that they
 * can be quoted. `FLERE_FUZZ_SCALE=10 npx vitest run test/fuzz` runs ten times the cases.
 */
import { afterAll } from 'vitest';

/** Multiplies every property's run count; 1 keeps the whole fuzz suite within the CI budget. */
export const SCALE = Math.max(1, Number(process.env['FLERE_FUZZ_SCALE'] ?? '1') || 1);

/**
 * A test's time limit at the current scale: generous, because the suite runs beside every
 * other test file on two cores, where 2,000 in-process command lines took over 30 s while
 * taking 11 s alone. The figures printed at the end say how long each property really took.
 */
export const TIMEOUT = 120_000 * SCALE;

/** `n` runs at the current scale. */
export const runs = (n: number): number => Math.round(n * SCALE);

const figures: { name: string; cases: number; ms: number }[] = [];
const exits = new Map<string, Map<number, number>>();

/** Counts an exit code under `name`, so the figures show that every outcome was reached. */
export function tally(name: string, code: number): void {
  const counts = exits.get(name) ?? new Map<number, number>();
  counts.set(code, (counts.get(code) ?? 0) + 1);
  exits.set(name, counts);
}

/** Runs `body` (a property with `cases` runs) and records its figures under `name`. */
export async function measured(name: string, cases: number, body: () => Promise<void> | void): Promise<void> {
  const start = performance.now();
  await body();
  figures.push({ name, cases, ms: performance.now() - start });
}

/** Prints this file's figures when its tests are done. */
export function reportFigures(suite: string): void {
  afterAll(() => {
    const cases = figures.reduce((s, f) => s + f.cases, 0);
    const ms = figures.reduce((s, f) => s + f.ms, 0);
    const lines = figures.map((f) => {
      const counts = exits.get(f.name);
      const outcomes = counts === undefined ? '' : ` (exit ${[...counts].sort(([a], [b]) => a - b).map(([c, k]) => `${c}: ${k}`).join(', ')})`;
      return `  ${f.name}: ${f.cases} cases in ${(f.ms / 1000).toFixed(2)} s${outcomes}`;
    });
    console.log(`fuzz ${suite}: ${cases} cases in ${(ms / 1000).toFixed(2)} s\n${lines.join('\n')}`);
  });
}
