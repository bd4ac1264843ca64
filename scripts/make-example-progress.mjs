// Writes data/progress-2017.csv: ILLUSTRATIVE monthly progress of the kommuner that applied to
// Flere skal med (data/applicants-2017.csv), July 2017 to December 2018, for `flere check`.
//
// No per-kommune progress is public; these numbers only exercise the rules. Recipe, per
// kommune, month m = 0 (2017-07) … 17 (2018-12):
//   target_group  = its count in data/counts-2017.csv, shrinking by 0.2 % a month (people
//                   move away, die or reach folkepension);
//   cleared       = 10 % of the group at the start, rising in a straight line to the whole
//                   group in its clearing month (drawn from 3…22, so some never clear here);
//   recipients    = the group less 1 % a month (people who left for jobs or education);
//   company_activity = recipients × a rate that rises towards a plateau drawn from 25…55 %
//                   with ±2 points of noise; the 40 % rule needs three months in a row.
// Draws come from a fixed-seed generator per kommune code, so the file is reproducible.
// Four kommuner are scripted to show the rules (see SCRIPTED below): Odense reaches exactly
// 40 % in one month of its streak; Aalborg has no row for 2018-03 inside a streak;
// Aarhus stays just short on both conditions; København clears late and completes its
// streak in 2018-11.
// Run: node scripts/make-example-progress.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const MONTHS = Array.from({ length: 18 }, (_, m) => {
  const i = 2017 * 12 + 6 + m;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
});

const read = (name) => readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
const codeByName = new Map(read('kommuner.csv').slice(1).map((l) => l.split(',')).map(([code, name]) => [name, code]));
const counts = new Map(read('counts-2017.csv').slice(1).map((l) => l.split(',')).map(([code, , n]) => [code, Number(n)]));
const applicants = read('applicants-2017.csv').slice(1).map((name) => {
  const code = codeByName.get(name.trim());
  if (!code) throw new Error(`unknown applicant ${name}`);
  return code;
});

/** mulberry32: a small deterministic generator, seeded by the kommune code. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generic(code, count) {
  const next = random(Number(code) * 7919);
  const clearMonth = 3 + Math.floor(next() * 20);
  const plateau = 0.25 + next() * 0.3;
  const tau = 3 + next() * 5;
  return MONTHS.map((month, m) => {
    const target = count - Math.floor((count * 2 * m) / 1000);
    const cleared = m >= clearMonth ? target : Math.min(target, Math.floor(target * (0.1 + (0.9 * m) / clearMonth)));
    const recipients = target - Math.floor((target * m) / 100);
    const rate = Math.max(0, plateau * (1 - Math.exp(-(m + 1) / tau)) + (next() - 0.5) * 0.04);
    const activity = Math.min(recipients, Math.floor(recipients * rate));
    return { month, target, cleared, recipients, activity };
  });
}

/** Rows given as [target, cleared, recipients, company_activity] per month; null: no row. */
const SCRIPTED = {
  // Odense: cleared 2017-12; 41 %, exactly 40 % (600/1500), 42 % in 2018-01…03: tranche 3 due 2018-03.
  461: (rows) =>
    rows.map((r, m) => {
      const target = 1600 - 5 * m;
      const cleared = m >= 5 ? target : 300 + 250 * m;
      const recipients = 1500;
      const rate = { 6: 615, 7: 600, 8: 630 }[m] ?? (m < 6 ? 300 + 40 * m : 640);
      return { ...r, target, cleared, recipients, activity: rate };
    }),
  // Aalborg: cleared 2018-04; ≥ 40 % in 2018-01 and 02, no row for 2018-03, ≥ 40 % again from
  // 2018-04: the gap breaks the streak, so tranche 3 falls due in 2018-06, not 2018-03.
  851: (rows) =>
    rows.map((r, m) => {
      if (MONTHS[m] === '2018-03') return null;
      const target = 1220 - 2 * m;
      const cleared = m >= 9 ? target : Math.floor((target * (40 + 6 * m)) / 100);
      const recipients = 1100;
      const activity = m >= 6 ? 450 + 3 * (m - 6) : 200 + 30 * m;
      return { ...r, target, cleared, recipients, activity };
    }),
  // Aarhus: cleared stays at 97–99 % of the group, company activity at 36–39 %: both pending.
  751: (rows) =>
    rows.map((r, m) => {
      const target = 2000;
      const cleared = m < 6 ? 400 + 250 * m : 1940 + 2 * (m - 6);
      const recipients = 1900;
      const activity = m < 6 ? 300 + 80 * m : 684 + 20 * (m % 4);
      return { ...r, target, cleared, recipients, activity };
    }),
  // København: cleared 2018-09; 40 % or more from 2018-09: tranche 3 due 2018-11.
  101: (rows) =>
    rows.map((r, m) => {
      const target = 2700 - 3 * m;
      const cleared = m >= 14 ? target : 500 + 140 * m;
      const recipients = 2500 - 10 * m;
      const activity = m >= 14 ? Math.ceil(recipients * 0.41) : Math.floor(recipients * (0.15 + 0.015 * m));
      return { ...r, target, cleared, recipients, activity };
    }),
};

const lines = ['kommune,month,target_group,cleared,recipients,company_activity'];
for (const code of [...applicants].sort()) {
  const count = counts.get(code);
  if (count === undefined) throw new Error(`no count for ${code}`);
  let rows = generic(code, count);
  if (SCRIPTED[code]) rows = SCRIPTED[code](rows);
  for (const r of rows) {
    if (r === null) continue;
    lines.push([code, r.month, r.target, r.cleared, r.recipients, r.activity].join(','));
  }
}
writeFileSync(new URL('../data/progress-2017.csv', import.meta.url), `${lines.join('\n')}\n`);
