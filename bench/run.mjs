#!/usr/bin/env node
/**
 * `npm run bench`: flere's performance against baselines measured in the same run.
 *
 *   1. start-up: `flere allocate data/counts-2017.csv` (98 kommuner) vs `node -e 0`, wall
 *      time, and instructions under valgrind's callgrind when valgrind is installed
 *   2. person-months: `flere progress` on 2,000,000 rows (a caseload of 100,000 × 20 months,
 *      with movers, leavers and late joiners) vs a script that only streams the file and
 *      counts lines (the I/O floor), and vs DuckDB running the same aggregation in SQL
 *      (outputs checked equal); plus peak memory
 *   3. allocation (`--no-registry`) over 100,000 recipients, CSV in and out, vs the line
 *      count of its input; over 1,000,000 recipients with JSON and with CSV out: time and
 *      peak memory, reported without a target
 *   4. `flere report` of the README's 2017 story vs `flere check` of the same data: time
 *      (target: under a second), the page's size and peak memory
 *
 * Inputs are generated with a seeded PRNG into bench/.work/ (kept between runs). DuckDB is
 * installed on first use into bench/.duckdb/, never into the project. Not part of `npm test`.
 *
 * Options: --runs N (timed rounds, default 7), --only startup,progress,allocation,report, --no-duckdb.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countsFile, personsFile, recipientsFile } from './lib/inputs.mjs';
import { command, hasValgrind, instructionsInterleaved, peakMemory, timeInterleaved } from './lib/measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORK = join(ROOT, 'bench', '.work');
const DUCKDB_DIR = join(ROOT, 'bench', '.duckdb');
const DUCKDB_PACKAGE = '@duckdb/node-api@1.5.6-r.1';
// FLERE_BENCH_BIN: time another build of the launcher (e.g. a copy outside a busy work tree).
const BIN = process.env.FLERE_BENCH_BIN ?? join(ROOT, 'bin', 'flere');
const MB = 1024 * 1024;

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(option('--runs') ?? 7);
const ONLY = new Set((option('--only') ?? 'startup,progress,allocation,report').split(','));
const WITH_DUCKDB = !args.includes('--no-duckdb');

/** Rows of the final table: what, measured, baseline, ratio, target, verdict. */
const table = [];
const notes = [];

const ms = (x) => `${x < 100 ? x.toFixed(1) : x.toFixed(0)} ms`;
const mb = (bytes) => `${(bytes / MB).toFixed(0)} MB`;
const log = (s) => process.stderr.write(`${s}\n`);

function verdict(ok) {
  return ok ? 'met' : 'NOT met';
}

function startup() {
  const counts = countsFile(WORK, ROOT, { seed: 98 });
  if (counts.note) notes.push(counts.note);
  const runs = RUNS * 3; // each run is short: more runs for a steady median
  log(`start-up: ${runs} rounds …`);
  const cases = [command('flere allocate (98 kommuner)', [BIN, 'allocate', counts.path]), command('node -e 0', ['-e', '0'])];
  const [flere, node] = timeInterleaved(cases, runs);
  const ratio = flere.median / node.median;
  table.push(['start-up: `flere allocate` on 98 kommuner', ms(flere.median), `node -e 0: ${ms(node.median)}`, `${ratio.toFixed(2)}×`, '≤ 1.5×', verdict(ratio <= 1.5)]);
  if (!hasValgrind()) {
    notes.push('valgrind is not installed: the start-up instructions were not counted (apt-get install valgrind).');
    return;
  }
  log('start-up: instructions under callgrind, 3 rounds …');
  const [flereIr, nodeIr] = instructionsInterleaved(cases, 3);
  const mi = (n) => `${(n / 1e6).toFixed(0)} M`;
  table.push([
    'start-up instructions (callgrind)',
    mi(flereIr.median),
    `node -e 0: ${mi(nodeIr.median)}`,
    `${(flereIr.median / nodeIr.median).toFixed(2)}×`,
    '',
    'reported',
  ]);
}

function ensureDuckdb() {
  if (!WITH_DUCKDB) return 'skipped (--no-duckdb)';
  if (existsSync(join(DUCKDB_DIR, 'node_modules', '@duckdb', 'node-api', 'package.json'))) return undefined;
  log(`installing ${DUCKDB_PACKAGE} into bench/.duckdb/ (once) …`);
  try {
    mkdirSync(DUCKDB_DIR, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['install', '--prefix', DUCKDB_DIR, '--no-audit', '--no-fund', '--loglevel=error', DUCKDB_PACKAGE], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 300_000,
    });
    return undefined;
  } catch (error) {
    const message = String(error.stderr ?? error.message ?? error).trim().split('\n')[0];
    return `could not be installed (${message})`;
  }
}

/** CSV text with its lines sorted and line ends normalised, for comparing two outputs. */
function canonicalCsv(path) {
  const lines = readFileSync(path, 'utf8').replace(/\r\n/g, '\n').trim().split('\n');
  return [lines[0], ...lines.slice(1).sort()].join('\n');
}

function progress() {
  const persons = 100_000;
  const months = 20;
  log(`person-months: generating ${persons} persons × ${months} months (once) …`);
  const file = personsFile(WORK, ROOT, { persons, months, seed: 2017 });
  const flereOut = join(WORK, 'progress-flere.csv');
  const duckOut = join(WORK, 'progress-duckdb.csv');
  const duckTiming = join(WORK, 'duckdb-timing.json');
  const commands = [
    command('flere progress', [BIN, 'progress', file], { stdout: flereOut }),
    command('line count (floor)', [join(ROOT, 'bench', 'line-count.mjs'), file]),
  ];
  const duckdbProblem = ensureDuckdb();
  if (duckdbProblem === undefined) {
    // The reference month of `flere progress`'s default pool (flere-skal-med-1): its start.
    commands.push(command('DuckDB', [join(ROOT, 'bench', 'duckdb-progress.mjs'), DUCKDB_DIR, file, duckOut, '2017-07'], { stdout: duckTiming }));
  } else {
    notes.push(`DuckDB ${duckdbProblem}: the DuckDB comparison was skipped.`);
  }
  log(`person-months: ${RUNS} rounds of ${commands.map((c) => c.name).join(', ')} …`);
  const [flere, floor, duck] = timeInterleaved(commands, RUNS);
  const memory = peakMemory(commands[0]);

  const vsFloor = flere.median / floor.median;
  table.push([
    '`flere progress`, 2,000,000 person-months',
    ms(flere.median),
    `line count: ${ms(floor.median)}`,
    `${vsFloor.toFixed(2)}×`,
    '≤ 5×',
    verdict(vsFloor <= 5),
  ]);
  if (duck) {
    const same = canonicalCsv(flereOut) === canonicalCsv(duckOut);
    const vsDuck = flere.median / duck.median;
    const inProcess = JSON.parse(readFileSync(duckTiming, 'utf8'));
    table.push([
      '`flere progress` vs DuckDB (same SQL aggregation)',
      ms(flere.median),
      `DuckDB: ${ms(duck.median)}`,
      `${vsDuck.toFixed(2)}×`,
      '≤ 1.0×',
      verdict(vsDuck <= 1.0) + (same ? ', outputs equal' : ', OUTPUTS DIFFER'),
    ]);
    notes.push(
      `DuckDB's process: ${ms(duck.median)} (of which the query itself ${ms(inProcess.queryMs)} in its last run; ` +
        `the rest is loading Node and the DuckDB library). DuckDB's own floor/ratio: ${(duck.median / floor.median).toFixed(2)}× the line count.`,
    );
    if (!same) notes.push(`flere and DuckDB disagree: compare ${flereOut} with ${duckOut}.`);
  }
  table.push(['`flere progress` peak memory', mb(memory.bytes), '', '', '≤ 300 MB', verdict(memory.bytes <= 300 * MB)]);
}

/** The amounts of an allocation's output sum to its total, and there is one per recipient. */
function sumsToTotal(path, format, n) {
  const text = readFileSync(path, 'utf8');
  let sum = 0n;
  let count = 0;
  let total;
  if (format === 'json') {
    total = BigInt(/"total"\s*:\s*"(\d+)"/.exec(text)?.[1] ?? '-1');
    for (const m of text.matchAll(/"amount"\s*:\s*"(\d+)"/g)) {
      sum += BigInt(m[1]);
      count += 1;
    }
  } else {
    // id,name,count,share,amount,…: the names (`Modtager 0000001`) hold no comma.
    total = 262500000n; // the default pool, a whole number of kroner
    for (const line of text.split('\n').slice(1)) {
      if (line === '') continue;
      sum += BigInt(line.split(',')[4]);
      count += 1;
    }
  }
  return sum === total && count === n ? 'amounts sum to the total' : `SUM ${sum} ≠ TOTAL ${total} (${count} amounts)`;
}

function allocationCase({ n, format, runs, target, baseline }) {
  const file = recipientsFile(WORK, { n, seed: 1 });
  const out = join(WORK, `allocation-${n}.${format}`);
  const what = `allocation over ${n.toLocaleString('en-US')} recipients, ${format.toUpperCase()} out`;
  const cmd = command(`flere allocate --no-registry (${n})`, [BIN, 'allocate', file, '--no-registry', '--format', format, '-o', out]);
  const commands = baseline ? [cmd, command('line count', [join(ROOT, 'bench', 'line-count.mjs'), file])] : [cmd];
  log(`${what}: ${runs} rounds …`);
  let timing;
  let floor;
  let memory;
  try {
    [timing, floor] = timeInterleaved(commands, runs);
    memory = peakMemory(cmd);
  } catch (error) {
    table.push([what, 'failed', '', '', target ? `≤ ${target / 1000} s` : '', String(error.message).slice(0, 120)]);
    return;
  }
  const exact = sumsToTotal(out, format, n);
  table.push([
    `${what}: time`,
    ms(timing.median),
    floor ? `line count: ${ms(floor.median)}` : '',
    floor ? `${(timing.median / floor.median).toFixed(1)}×` : '',
    target ? `≤ ${target / 1000} s` : '',
    `${target ? verdict(timing.median <= target) : 'reported'}, ${exact}`,
  ]);
  table.push([`${what}: peak memory`, mb(memory.bytes), '', '', '', 'reported']);
}

function allocation() {
  log('allocation: generating 100,000 and 1,000,000 recipients (once) …');
  allocationCase({ n: 100_000, format: 'csv', runs: RUNS, target: 2000, baseline: true });
  // Real pools have 98 kommuner or a few hundred projects: a million is a stress figure.
  const runs = Math.max(1, Math.min(RUNS, 3)); // each run takes seconds
  allocationCase({ n: 1_000_000, format: 'json', runs });
  allocationCase({ n: 1_000_000, format: 'csv', runs });
}

/**
 * `flere report` of the README's 2017 story (progress as of 2019-12, the second follow-up
 * round) against `flere check` of the same progress and allocation: the page's own cost is
 * the difference. The page's size is reported beside its time.
 */
function report() {
  const data = (name) => join(ROOT, 'data', name);
  const at = (name) => join(WORK, `story-${name}`);
  const once = (argv) => execFileSync(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] });
  const to = ['--to', data('followup-2017.csv'), '--key', 'weight', '--unit', '1000', '--format', 'json'];
  once(['allocate', data('counts-2017.csv'), '--applicants', data('applicants-2017.csv'), '--format', 'json', '-o', at('allocation.json')]);
  once(['check', data('progress-2017.csv'), '--allocation', at('allocation.json'), '--as-of', '2019-12', '--format', 'json', '-o', at('check.json')]);
  once(['followup', at('allocation.json'), ...to, '-o', at('round-1.json')]);
  once(['followup', at('allocation.json'), '--forfeited', at('check.json'), '--sources', 'forfeited', '--after', at('round-1.json'), ...to, '-o', at('round-2.json')]);
  const page = at('report.html');
  const cmd = command('flere report', [BIN, 'report', at('allocation.json'), '--progress', data('progress-2017.csv'), '--as-of', '2019-12', '--followup', at('round-2.json'), '-o', page]);
  const baseline = command('flere check', [BIN, 'check', data('progress-2017.csv'), '--allocation', at('allocation.json'), '--as-of', '2019-12', '--format', 'json']);
  const runs = RUNS * 3; // each run is short: more runs for a steady median
  log(`report: ${runs} rounds of flere report and flere check …`);
  const [timing, check] = timeInterleaved([cmd, baseline], runs);
  const memory = peakMemory(cmd);
  const size = statSync(page).size;
  table.push([
    '`flere report` of the 2017 story (progress, two follow-up rounds)',
    ms(timing.median),
    `flere check of the same: ${ms(check.median)}`,
    `${(timing.median / check.median).toFixed(2)}×`,
    '≤ 1 s',
    `${verdict(timing.median <= 1000)}, a page of ${(size / 1024).toFixed(0)} kB`,
  ]);
  table.push(['`flere report` peak memory', mb(memory.bytes), '', '', '', 'reported']);
}

function printTable() {
  const head = ['case', 'flere (median)', 'baseline (median)', 'ratio', 'target', 'verdict'];
  const rows = [head, head.map(() => '---'), ...table];
  const widths = head.map((_, j) => Math.max(...rows.map((r) => String(r[j]).length)));
  const out = rows.map((r) => `| ${r.map((c, j) => String(c).padEnd(widths[j])).join(' | ')} |`);
  process.stdout.write(`\n${out.join('\n')}\n`);
  for (const note of notes) process.stdout.write(`\n- ${note}`);
  process.stdout.write('\n');
}

mkdirSync(WORK, { recursive: true });
const cpu = cpus();
process.stdout.write(
  `flere benchmark: ${RUNS} timed rounds (medians, after a warm-up run), Node ${process.version}, ` +
    `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, load average ${loadavg()[0].toFixed(2)} at start\n`,
);
if (loadavg()[0] > 0.5) notes.push('The machine was busy when the run started (load average > 0.5): timings may be inflated; run again on a quiet machine.');
for (const [name, run] of [['startup', startup], ['progress', progress], ['allocation', allocation], ['report', report]]) {
  if (!ONLY.has(name)) continue;
  try {
    run();
  } catch (error) {
    table.push([name, 'failed', '', '', '', String(error.message).slice(0, 160)]);
  }
}
printTable();
