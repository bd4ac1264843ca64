/**
 * The benchmark's generated inputs, written once into bench/.work/ (gitignored) and reused
 * while their parameters (in the file name) stay the same. Seeded, so the bytes never vary.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32, randomInt, shuffle } from './prng.mjs';

const FLUSH_AT = 1 << 22;

/** Appends text to a file through a large buffer, so that millions of rows write quickly. */
class BufferedWriter {
  constructor(path) {
    this.fd = openSync(path, 'w');
    this.parts = [];
    this.size = 0;
  }
  write(text) {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) this.flush();
  }
  flush() {
    if (this.parts.length > 0) writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

/** Writes `path` through `fill(writer)` unless it exists; a crash mid-way leaves no file. */
function generateOnce(path, fill) {
  if (existsSync(path)) return path;
  mkdirSync(join(path, '..'), { recursive: true });
  const temp = `${path}.tmp`;
  const writer = new BufferedWriter(temp);
  fill(writer);
  writer.close();
  renameSync(temp, path);
  return path;
}

/** The 98 kommune codes of data/kommuner.csv, in file order. */
export function kommuneCodes(root) {
  const lines = readFileSync(join(root, 'data', 'kommuner.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => line.split(',')[0]);
}

const FIRST_YEAR = 2017;
const FIRST_MONTH = 7;

function monthText(offset) {
  const m = FIRST_MONTH - 1 + offset;
  return `${FIRST_YEAR + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

/**
 * Person-month records, `persons × months` rows: header
 * `person,kommune,month,recipient,cleared,company,paid_hours`. Month-major, persons in a fresh
 * random order each month (as monthly extracts of a case system concatenated). A caseload of
 * `persons` places: 5 % of the persons move once; 4 % leave the data for good (moved abroad,
 * folkepension) and their place goes to a newcomer from the next month on (a late joiner);
 * 85 % are cleared from some month on (some after the file's last month). Person ids are
 * fake 10-digit CPR-shaped numbers, so that a leak would show.
 */
export function personsFile(workDir, root, { persons, months, seed }) {
  const path = join(workDir, `persons-${persons}x${months}-s${seed}-turnover.csv`);
  return generateOnce(path, (out) => {
    const random = mulberry32(seed);
    const codes = kommuneCodes(root);
    // Skewed sizes, like Danish kommuner: a few big ones, many small.
    const weights = codes.map(() => random() ** 3 + 0.02);
    const cumulative = [];
    let sum = 0;
    for (const w of weights) cumulative.push((sum += w));
    const pickKommune = () => {
      const x = random() * sum;
      let i = 0;
      while (cumulative[i] < x) i += 1;
      return i;
    };
    const seen = new Set();
    const newId = () => {
      let id;
      do {
        const day = 1 + randomInt(random, 28);
        const month = 1 + randomInt(random, 12);
        const year = randomInt(random, 100);
        id = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year).padStart(2, '0')}${String(randomInt(random, 10000)).padStart(4, '0')}`;
      } while (seen.has(id));
      seen.add(id);
      return id;
    };
    const ids = Array.from({ length: persons }, newId);
    const home = new Int32Array(persons);
    const away = new Int32Array(persons);
    const moveAt = new Int32Array(persons);
    const clearAt = new Int32Array(persons);
    // Turnover: from month leaveAt on, the place is a newcomer's (its own id, kommune, clearing).
    const leaveAt = new Int32Array(persons);
    const successor = new Array(persons);
    const successorHome = new Int32Array(persons);
    const successorClearAt = new Int32Array(persons);
    for (let p = 0; p < persons; p += 1) {
      home[p] = pickKommune();
      const moves = random() < 0.05;
      away[p] = moves ? pickKommune() : home[p];
      moveAt[p] = moves ? 1 + randomInt(random, months - 1) : months;
      clearAt[p] = random() < 0.85 ? randomInt(random, months + 6) : months + 100;
      const leaves = random() < 0.04;
      leaveAt[p] = leaves ? 1 + randomInt(random, months - 1) : months;
      if (leaves) {
        successor[p] = newId();
        successorHome[p] = pickKommune();
        successorClearAt[p] = leaveAt[p] + randomInt(random, months);
      }
    }
    const order = Array.from({ length: persons }, (_, i) => i);
    out.write('person,kommune,month,recipient,cleared,company,paid_hours\n');
    for (let m = 0; m < months; m += 1) {
      const month = monthText(m);
      shuffle(random, order);
      for (const p of order) {
        const newcomer = m >= leaveAt[p];
        const id = newcomer ? successor[p] : ids[p];
        const k = codes[newcomer ? successorHome[p] : m < moveAt[p] ? home[p] : away[p]];
        const recipient = random() < 0.9 ? 1 : 0;
        const cleared = m >= (newcomer ? successorClearAt[p] : clearAt[p]) ? 1 : 0;
        const company = random() < 0.35 ? 1 : 0;
        const paid = random() < 0.12 ? 1 : 0;
        out.write(`${id},${k},${month},${recipient},${cleared},${company},${paid}\n`);
      }
    }
  });
}

/** `name,count` for `allocate --no-registry`: `n` distinct names, counts 0–999 (some zero). */
export function recipientsFile(workDir, { n, seed }) {
  const path = join(workDir, `recipients-${n}-s${seed}.csv`);
  return generateOnce(path, (out) => {
    const random = mulberry32(seed);
    out.write('name,count\n');
    for (let i = 0; i < n; i += 1) {
      const count = random() < 0.02 ? 0 : 1 + randomInt(random, 999);
      out.write(`Modtager ${String(i + 1).padStart(7, '0')},${count}\n`);
    }
  });
}

/**
 * The 98 kommuners counts for the start-up case: the lead's `data/counts-2017.csv` when it
 * exists, else a generated stand-in with the same shape (`kommune,antal`).
 */
export function countsFile(workDir, root, { seed }) {
  const real = join(root, 'data', 'counts-2017.csv');
  if (existsSync(real)) return { path: real, note: undefined };
  const path = join(workDir, `counts-98-s${seed}.csv`);
  generateOnce(path, (out) => {
    const random = mulberry32(seed);
    out.write('kommune,antal\n');
    for (const code of kommuneCodes(root)) out.write(`${code},${50 + randomInt(random, 2000)}\n`);
  });
  return { path, note: 'data/counts-2017.csv is missing: a generated stand-in with 98 kommuner was used' };
}
