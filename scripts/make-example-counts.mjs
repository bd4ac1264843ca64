// Writes data/counts-2017.csv: ILLUSTRATIVE long-term recipients per kommune, 2017.
//
// No official per-kommune table is public. Recipe: the three public figures are used as
// they are (København about 2,700; Odense about 1,600; Aalborg about 1,220); every other
// kommune gets its approximate 2017 population (thousands, rounded, below) times one common
// rate, chosen so that the national total comes to about 27,000, rounded half up to a
// whole person. Run: node scripts/make-example-counts.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const KNOWN = { 101: 2700, 461: 1600, 851: 1220 };
const TARGET_TOTAL = 27000;
// Approximate population 1 January 2017, in thousands.
const POPULATION = {
  147: 104, 151: 48, 153: 35, 155: 14, 157: 75, 159: 68, 161: 23, 163: 28, 165: 28, 167: 53,
  169: 50, 173: 56, 175: 40, 183: 23, 185: 43, 187: 16, 190: 40, 201: 25, 210: 40, 217: 62,
  219: 50, 223: 25, 230: 56, 240: 43, 250: 45, 253: 50, 259: 60, 260: 31, 265: 87, 269: 22,
  270: 41, 306: 33, 316: 70, 320: 36, 326: 49, 329: 34, 330: 78, 336: 22, 340: 30, 350: 27,
  360: 43, 370: 82, 376: 62, 390: 45, 400: 40, 410: 38, 420: 41, 430: 52, 440: 24, 450: 32,
  479: 59, 480: 29, 482: 13, 492: 6, 510: 56, 530: 27, 540: 75, 550: 38, 561: 116, 563: 3,
  573: 50, 575: 43, 580: 59, 607: 51, 615: 89, 621: 92, 630: 114, 657: 88, 661: 58, 665: 20,
  671: 21, 706: 42, 707: 38, 710: 48, 727: 22, 730: 97, 740: 92, 741: 4, 746: 61, 751: 336,
  756: 41, 760: 57, 766: 46, 773: 21, 779: 46, 787: 44, 791: 96, 810: 36, 813: 60, 820: 37,
  825: 2, 840: 30, 846: 42, 849: 38, 860: 65,
};

const kommuner = readFileSync(new URL('../data/kommuner.csv', import.meta.url), 'utf8')
  .trim().split('\n').slice(1).map((line) => line.split(','));
const knownTotal = Object.values(KNOWN).reduce((s, n) => s + n, 0);
const population = Object.values(POPULATION).reduce((s, n) => s + n, 0);
// Integer arithmetic: count = round(pop × rest / population), half up.
const rest = TARGET_TOTAL - knownTotal;
const rows = kommuner.map(([code, name]) => {
  const known = KNOWN[code];
  if (known !== undefined) return [code, name, known];
  const pop = POPULATION[code];
  if (pop === undefined) throw new Error(`no population for ${code} ${name}`);
  return [code, name, Math.floor((2 * pop * rest + population) / (2 * population))];
});
writeFileSync(new URL('../data/counts-2017.csv', import.meta.url),
  ['kode,kommune,antal', ...rows.map((r) => r.join(','))].join('\n') + '\n');
console.log(`98 kommuner, ${rows.reduce((s, r) => s + r[2], 0)} persons`);
