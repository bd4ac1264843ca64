// Preloaded with `node --import` by the benchmark: at exit, writes this process's peak
// resident memory (kilobytes, from getrusage) to the file named by FLERE_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.FLERE_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
