/**
 * The I/O floor of the progress case: stream the file and count its lines, nothing else.
 * Usage: node bench/line-count.mjs FILE   (prints the number of lines)
 */
import { createReadStream } from 'node:fs';

let lines = 0;
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 20 })) {
  let i = -1;
  while ((i = chunk.indexOf(10, i + 1)) !== -1) lines += 1;
}
process.stdout.write(`${lines}\n`);
