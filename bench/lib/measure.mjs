/**
 * Timing child processes: wall-clock medians over several runs after a warm-up, runs of the
 * cases in a set interleaved (so that a noisy neighbour slows all of them alike), the peak
 * memory of one extra run through a preloaded hook (so that timed runs carry no hook), and
 * instruction counts under valgrind's callgrind when valgrind is installed.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RSS_HOOK = fileURLToPath(new URL('./report-rss.mjs', import.meta.url));

/**
 * A command to time: `argv` run with this Node; stdout goes to `stdout` (a file path, or
 * /dev/null), so that no pipe to this process is part of the measurement.
 */
export function command(name, argv, { stdout = '/dev/null', cwd, check } = {}) {
  return { name, argv, stdout, cwd, check };
}

/**
 * Runs `cmd` once (Node with `extraNodeArgs` before its argv, under `launcher` when one is
 * given, e.g. valgrind) with stdout to its file; throws on a failed run. Returns the wall
 * time in milliseconds and its stderr.
 */
function runOnce(cmd, extraNodeArgs = [], env = process.env, launcher = []) {
  const fd = openSync(cmd.stdout, 'w');
  try {
    const argv = [...launcher, process.execPath, ...extraNodeArgs, ...cmd.argv];
    const started = process.hrtime.bigint();
    const result = spawnSync(argv[0], argv.slice(1), {
      cwd: cmd.cwd,
      env,
      stdio: ['ignore', fd, 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.error) throw result.error;
    if (result.status !== 0) {
      const err = result.stderr.toString().trim().split('\n').slice(0, 3).join(' | ');
      throw new Error(`${cmd.name}${launcher.length > 0 ? ` under ${launcher[0]}` : ''} exited ${result.status}: ${err}`);
    }
    return { ms, stderr: result.stderr.toString() };
  } finally {
    closeSync(fd);
  }
}

/** The median of numbers. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Runs every command once to warm caches, then `runs` rounds, each command once per round.
 * Returns per command: median, min and all times in milliseconds, and the stderr of its last run.
 */
export function timeInterleaved(commands, runs, onRound = () => {}) {
  for (const c of commands) runOnce(c);
  const times = commands.map(() => []);
  const stderr = commands.map(() => '');
  for (let r = 0; r < runs; r += 1) {
    commands.forEach((c, i) => {
      const { ms, stderr: err } = runOnce(c);
      times[i].push(ms);
      stderr[i] = err;
    });
    onRound(r + 1);
  }
  return commands.map((c, i) => ({ name: c.name, median: median(times[i]), min: Math.min(...times[i]), times: times[i], stderr: stderr[i] }));
}

/** The peak resident memory (bytes) of one run of `cmd`, read by a hook at the child's exit. */
export function peakMemory(cmd) {
  const dir = mkdtempSync(join(tmpdir(), 'flere-bench-rss-'));
  const report = join(dir, 'rss');
  try {
    const { ms } = runOnce(cmd, ['--import', RSS_HOOK], { ...process.env, FLERE_BENCH_RSS_FILE: report });
    // maxRSS is in kilobytes.
    return { bytes: Number(readFileSync(report, 'utf8')) * 1024, ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether valgrind can be run here (instruction counts are skipped without it). */
export function hasValgrind() {
  const probe = spawnSync('valgrind', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/**
 * Instructions executed by one run of each command (callgrind's total, all threads), as the
 * median of `runs` interleaved runs. Unlike wall time, the count hardly moves with the
 * machine's load (a few million between runs).
 */
export function instructionsInterleaved(commands, runs) {
  const counts = commands.map(() => []);
  const callgrind = ['valgrind', '--tool=callgrind', '--callgrind-out-file=/dev/null'];
  for (let r = 0; r < runs; r += 1) {
    commands.forEach((c, i) => {
      const { stderr } = runOnce(c, [], process.env, callgrind);
      const found = /Collected : (\d+)/.exec(stderr);
      if (!found) throw new Error(`${c.name} under valgrind printed no instruction count`);
      counts[i].push(Number(found[1]));
    });
  }
  return commands.map((c, i) => ({ name: c.name, median: median(counts[i]), counts: counts[i] }));
}
