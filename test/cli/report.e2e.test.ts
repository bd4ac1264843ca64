/**
 * `flere report` end to end: the page's figures are those of `flere allocate`, `check` and
 * `followup --format json` (each expected value computed here from those JSON documents or
 * from the progress CSV itself, never from the page), inputs that do not belong together are
 * refused, and the page is self-contained and small.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { section, sumKr, tagsWith } from '../helpers/html-data.js';
import { ROOT, runCli, withoutWarnings } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

interface AllocationJson {
  total: string;
  unallocated: string;
  followup: string;
  tranche_totals: string[];
  allocations: { id: string; name: string; amount: string; tranches: string[]; applied: boolean }[];
}
interface CheckJson {
  as_of: string;
  tranches: { id: string; tranche: number; amount: string; status: string; month: string | null }[];
  not_applied: { id: string; amount: string }[];
  totals: Record<string, string>;
}
interface FollowupJson {
  round?: number;
  check?: { kept_by_applicants: string };
  pool: string;
  unallocated: string;
  sources: { id: string; kind: string; tranche: number | null; amount: string; to: { id: string; amount: string }[]; unallocated: string }[];
  allocations: { id: string; amount: string }[];
}

const scratch = scratchDir('flere-report-');
const data = (name: string) => join(ROOT, 'data', name);
const file = (name: string) => join(scratch.dir, name);

/** Runs flere and expects success with nothing on stderr but warnings (the story's as-of lies past its data). */
function ok(args: string[]): string {
  const r = runCli(args);
  expect(withoutWarnings(r.stderr)).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

// The 2017 story with a single follow-up round at the pool's end, taking both kinds of source
// (the README's two rounds: 'a second round of the follow-up' below, and the browser test).
ok(['allocate', data('counts-2017.csv'), '--applicants', data('applicants-2017.csv'), '--format', 'json', '-o', file('allocation.json')]);
ok(['check', data('progress-2017.csv'), '--allocation', file('allocation.json'), '--as-of', '2019-12', '--format', 'json', '-o', file('check.json')]);
ok(['followup', file('allocation.json'), '--forfeited', file('check.json'), '--to', data('followup-2017.csv'), '--key', 'weight', '--unit', '1000', '--format', 'json', '-o', file('followup.json')]);
const allocation = JSON.parse(readFileSync(file('allocation.json'), 'utf8')) as AllocationJson;
const check = JSON.parse(readFileSync(file('check.json'), 'utf8')) as CheckJson;
const followup = JSON.parse(readFileSync(file('followup.json'), 'utf8')) as FollowupJson;
ok(['report', file('allocation.json'), '--progress', data('progress-2017.csv'), '--as-of', '2019-12', '--followup', file('followup.json'), '-o', file('report.html')]);
const html = readFileSync(file('report.html'), 'utf8');
const fellDue = (s: string) => s === 'due' || s === 'paid';

describe('the page’s figures are the JSON outputs’ figures', () => {
  it('the allocation: every bar’s amount and tranches, largest first, and the totals', () => {
    const bars = tagsWith(section(html, 'allocation'), 'data-applied');
    expect(bars).toHaveLength(allocation.allocations.length);
    const expected = [...allocation.allocations].sort((a, b) => {
      const d = BigInt(b.amount) - BigInt(a.amount);
      return d > 0n ? 1 : d < 0n ? -1 : a.id < b.id ? -1 : 1;
    });
    expect(bars.map((b) => [b.attrs['data-id'], b.attrs['data-amount'], b.attrs['data-tranches'], b.attrs['data-applied']])).toEqual(
      expected.map((a) => [a.id, a.amount, a.tranches.join(' '), String(a.applied)]),
    );
    const [line] = tagsWith(section(html, 'allocation'), 'data-check');
    expect(line?.attrs).toMatchObject({
      'data-sum': String(sumKr(allocation.allocations.map((a) => a.amount)) + BigInt(allocation.unallocated)),
      'data-total': allocation.total,
      'data-balances': 'true',
    });
    const kpi = Object.fromEntries(tagsWith(section(html, 'allocation'), 'data-kpi').map((t) => [t.attrs['data-kpi'], t.attrs['data-amount']]));
    expect(kpi).toEqual({
      applied: String(sumKr(allocation.allocations.filter((a) => a.applied).map((a) => a.amount))),
      'not-applied': allocation.followup,
      ...Object.fromEntries(allocation.tranche_totals.map((t, i) => [`tranche-${i + 1}`, t])),
    });
  });

  it('the tranches over time: kroner due per month and so far, per tranche, from the check result', () => {
    const months = tagsWith(section(html, 'tranches'), 'data-due');
    // Every month from the pool's start to the as-of month.
    expect(months.map((m) => m.attrs['data-month'])).toHaveLength(30);
    expect(months[0]?.attrs['data-month']).toBe('2017-07');
    expect(months.at(-1)?.attrs['data-month']).toBe('2019-12');
    const running = [0n, 0n, 0n];
    for (const m of months) {
      const due = [1, 2, 3].map((t) =>
        sumKr(check.tranches.filter((x) => x.tranche === t && fellDue(x.status) && x.month === m.attrs['data-month']).map((x) => x.amount)),
      );
      expect(m.attrs['data-due']).toBe(due.join(' '));
      due.forEach((d, i) => (running[i] = (running[i] as bigint) + d));
      const cumulative = tagsWith(section(html, 'tranches'), 'data-cumulative').find((c) => c.attrs['data-month'] === m.attrs['data-month']);
      expect(cumulative?.attrs['data-cumulative']).toBe(running.join(' '));
    }
    const kpi = Object.fromEntries(tagsWith(section(html, 'tranches'), 'data-kpi').map((t) => [t.attrs['data-kpi'], t.attrs['data-amount']]));
    expect(kpi).toEqual({
      'fell-due': String(BigInt(check.totals['due'] ?? '0') + BigInt(check.totals['paid'] ?? '0')),
      pending: check.totals['pending'],
      forfeited: check.totals['forfeited'],
    });
  });

  it('the pool column adds up to the pool, part by part', () => {
    const parts = Object.fromEntries(tagsWith(section(html, 'tranches'), 'data-part').map((t) => [t.attrs['data-part'], t.attrs['data-amount'] ?? '']));
    const byTranche = (t: number) => String(sumKr(check.tranches.filter((x) => x.tranche === t && fellDue(x.status)).map((x) => x.amount)));
    expect(parts).toEqual({
      'fell-due-1': byTranche(1),
      'fell-due-2': byTranche(2),
      'fell-due-3': byTranche(3),
      forfeited: check.totals['forfeited'],
      'not-applied': String(sumKr(check.not_applied.map((n) => n.amount))),
    });
    expect(sumKr(Object.values(parts)) + BigInt(allocation.unallocated)).toBe(BigInt(allocation.total));
  });

  it('the kommune × month grid: every kommune’s tranches with their status and month', () => {
    const rows = tagsWith(section(html, 'tranches'), 'data-outcomes');
    const expected = new Map<string, string[]>();
    for (const t of check.tranches) expected.set(t.id, [...(expected.get(t.id) ?? []), `${t.tranche}:${t.status}:${t.month ?? '-'}`]);
    expect(new Map(rows.map((r) => [r.attrs['data-id'], (r.attrs['data-outcomes'] ?? '').split(' ')]))).toEqual(expected);
  });

  it('progress: each kommune’s counts month by month, as the progress file has them', () => {
    const csv = readFileSync(data('progress-2017.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const byKey = new Map(csv.map((c) => [`${c[0]}#${c[1]}`, c]));
    const months = [...new Set(csv.map((c) => c[1] as string))].sort();
    const part = section(html, 'progress');
    const series = tagsWith(part, 'data-series').map((t) => t.attrs['data-series']);
    expect(series).toEqual(['cleared/target_group', 'company_activity/recipients']);
    const column = { cleared: 3, target_group: 2, company_activity: 5, recipients: 4 } as const;
    const rows = tagsWith(part, 'data-attention');
    expect(rows).toHaveLength(allocation.allocations.filter((a) => a.applied).length);
    const charts = tagsWith(part, 'data-points');
    expect(charts).toHaveLength(rows.length * 2);
    rows.forEach((row, i) => {
      series.forEach((s, j) => {
        const [num, den] = (s ?? '').split('/') as [keyof typeof column, keyof typeof column];
        const want = months.map((m) => {
          const c = byKey.get(`${row.attrs['data-id']}#${m}`);
          return c === undefined ? '-' : `${c[column[num]]}/${c[column[den]]}`;
        });
        expect(charts[i * 2 + j]?.attrs['data-points']).toBe(want.join(' '));
      });
    });
  });

  it('progress: each tranche’s status as the check has it, and who is listed first, decided here from the counts', () => {
    const part = section(html, 'progress');
    const statuses = tagsWith(part, 'data-tranche');
    const ids = tagsWith(part, 'data-attention');
    // Each row's status spans follow its row tag.
    const owner = (at: number) => [...ids].reverse().find((r) => r.at < at)?.attrs['data-id'];
    for (const s of statuses) {
      const t = check.tranches.find((x) => x.id === owner(s.at) && x.tranche === Number(s.attrs['data-tranche']));
      expect([s.attrs['data-status'], s.attrs['data-month'] ?? null]).toEqual([t?.status, t?.month]);
    }
    // Close: a tranche not due whose share in the kommune's last month is at most 5 points
    // below its threshold (40 % of recipients; all of the target group), or above it.
    const csv = readFileSync(data('progress-2017.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map((x, i) => (i < 2 ? x : BigInt(x))));
    const attention = (id: string): string => {
      const unmet = check.tranches.filter((t) => t.id === id && (t.status === 'pending' || t.status === 'forfeited'));
      if (unmet.length === 0) return 'done';
      const last = csv.filter((c) => c[0] === id).sort((a, b) => String(a[1]).localeCompare(String(b[1]))).at(-1) as bigint[];
      const [, , target, cleared, recipients, company] = last as [unknown, unknown, bigint, bigint, bigint, bigint];
      const close = unmet.some((t) => (t.tranche === 2 ? 100n * cleared >= 95n * target : 100n * company >= 35n * recipients));
      return close ? 'close' : 'behind';
    };
    const got = ids.map((r) => [r.attrs['data-id'], r.attrs['data-attention']]);
    expect(got).toEqual(got.map(([id]) => [id, attention(id as string)]));
    // Listed first: close, then behind, then done.
    const rank = { stopped: 0, close: 1, behind: 2, done: 3 } as Record<string, number>;
    const ranks = got.map(([, a]) => rank[a as string] as number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(got.filter(([, a]) => a === 'close').map(([id]) => id)).toContain('751'); // Aarhus, scripted just short
  });

  it('the follow-up pool: where the money came from and went, each band and node to the krone', () => {
    const part = section(html, 'followup');
    const group = (s: FollowupJson['sources'][number]) => (s.tranche === null ? 'not-applied' : `forfeited-${s.tranche}`);
    const bands = tagsWith(part, 'data-from');
    const expected = new Map<string, bigint>();
    for (const s of followup.sources) {
      for (const t of s.to) expected.set(`${group(s)}>${t.id}`, (expected.get(`${group(s)}>${t.id}`) ?? 0n) + BigInt(t.amount));
      expected.set(`${group(s)}>unallocated`, (expected.get(`${group(s)}>unallocated`) ?? 0n) + BigInt(s.unallocated));
    }
    expect(new Map(bands.map((b) => [`${b.attrs['data-from']}>${b.attrs['data-to']}`, BigInt(b.attrs['data-amount'] ?? '')]))).toEqual(expected);
    const nodes = tagsWith(part, 'data-group').filter((t) => t.name === 'g');
    expect(Object.fromEntries(nodes.map((n) => [n.attrs['data-group'], n.attrs['data-amount']]))).toEqual(
      Object.fromEntries(['not-applied', 'forfeited-2', 'forfeited-3'].map((g) => [g, String(sumKr(followup.sources.filter((s) => group(s) === g).map((s) => s.amount)))])),
    );
    const recipients = tagsWith(part, 'data-recipient');
    expect(recipients.map((r) => [r.attrs['data-recipient'], r.attrs['data-amount']])).toEqual([
      ...followup.allocations.map((a) => [a.id, a.amount]),
      ['unallocated', followup.unallocated],
    ]);
    const checks = Object.fromEntries(tagsWith(part, 'data-check').map((t) => [t.attrs['data-check'], t.attrs]));
    expect(checks['followup']).toMatchObject({ 'data-pool': followup.pool, 'data-unallocated': followup.unallocated });
    const forfeited = new Set(followup.sources.filter((s) => s.tranche !== null).map((s) => `${s.id}#${s.tranche}`));
    const kept = sumKr(allocation.allocations.flatMap((a) => a.tranches.filter((_, i) => !forfeited.has(`${a.id}#${i + 1}`))));
    expect(checks['pool']).toMatchObject({ 'data-kept': String(kept), 'data-total': allocation.total });
    expect(kept + BigInt(followup.pool) + BigInt(allocation.unallocated)).toBe(BigInt(allocation.total));
    expect(String(kept)).toBe(followup.check?.kept_by_applicants);
  });

  it('a second round of the follow-up: its own flows, the earlier round counted in the pool', () => {
    const to = ['--to', data('followup-2017.csv'), '--key', 'weight', '--unit', '1000', '--format', 'json'];
    ok(['followup', file('allocation.json'), ...to, '-o', file('round-1.json')]);
    ok(['followup', file('allocation.json'), '--forfeited', file('check.json'), '--sources', 'forfeited', '--after', file('round-1.json'), ...to, '-o', file('round-2.json')]);
    const round2 = JSON.parse(readFileSync(file('round-2.json'), 'utf8')) as FollowupJson;
    expect(round2.round).toBe(2);
    const page = ok(['report', file('allocation.json'), '--check', file('check.json'), '--followup', file('round-2.json')]);
    const checks = Object.fromEntries(tagsWith(section(page, 'followup'), 'data-check').map((t) => [t.attrs['data-check'], t.attrs]));
    expect(checks['followup']).toMatchObject({ 'data-pool': round2.pool });
    expect(checks['pool']).toMatchObject({ 'data-kept': round2.check?.kept_by_applicants, 'data-total': allocation.total });
    // The README's figures (flere report, section 4), each also summed from the JSON here.
    expect(allocation.followup).toBe('7126653');
    expect(round2.sources.reduce((sum, s) => sum + BigInt(s.amount), 0n)).toBe(49_551_138n);
    expect(section(page, 'followup')).toMatch(/earlier rounds 7\.126\.653 \+ the follow-up pool of round 2 49\.551\.138 = 262\.500\.000 kr\. <span class="ok">✓/);
    expect(section(page, 'followup')).toMatch(/6 recipients 49\.551\.000 \+ below one unit \(1\.000 kr\.\) 138 = 49\.551\.138 kr\./);
    const groups = tagsWith(section(page, 'followup'), 'data-group').filter((t) => t.name === 'g').map((t) => t.attrs['data-group']);
    expect(groups).toEqual(['forfeited-2', 'forfeited-3']);
  });

  it('the same warnings as flere check for the same data', () => {
    const asOf = ['--as-of', '2019-12'];
    const fromCheck = runCli(['check', data('progress-2017.csv'), '--allocation', file('allocation.json'), ...asOf, '-o', file('warn.csv')]);
    const fromReport = runCli(['report', file('allocation.json'), '--progress', data('progress-2017.csv'), ...asOf, '-o', file('warn.html')]);
    expect(fromCheck.stderr).toMatch(/^flere: warning: /);
    expect(fromReport.stderr).toBe(fromCheck.stderr);
  });

  it('the title names the pool and its period; Danish number formats', () => {
    expect(html).toMatch(/<title>Flere skal med 1, July 2017 – December 2019<\/title>/);
    expect(html).toContain('262.500.000 kr.');
    // The single round's pool: the non-applicants' money and the forfeited tranches.
    expect(section(html, 'followup')).toContain(`${Number(allocation.followup) + 49_551_138}`.replace(/\B(?=(\d{3})+$)/g, '.'));
  });
});

describe('the charts can be read', () => {
  const charts = [...html.matchAll(/<svg[^>]*aria-label="([^"]*)"[^>]*>([\s\S]*?)<\/svg>/g)].map((m) => ({ title: m[1] ?? '', body: m[2] ?? '' }));
  const texts = (body: string, cls: string) => [...body.matchAll(new RegExp(`<text[^>]*class="${cls}"[^>]*>([^<]*)<`, 'g'))].map((m) => m[1]);

  it('every chart has a title; every chart with axes names them and marks their ticks; every chart of series has a legend naming each', () => {
    const main = charts.filter((c) => !c.title.startsWith('Month axis'));
    expect(main.map((c) => c.title)).toEqual([
      'Allocation per kommune, largest first, split into tranches',
      'Kroner that fell due per month, by tranche',
      'Kroner fallen due so far, by tranche, against the pool',
      'When each kommune’s tranches fell due, month by month',
      'Where the follow-up pool’s money came from and where it went',
    ]);
    for (const chart of main.slice(0, 3)) {
      expect(texts(chart.body, 'at').length, chart.title).toBeGreaterThan(0); // an axis title (with its unit)
      expect(texts(chart.body, 'tick(?: yr)?').length, chart.title).toBeGreaterThan(3);
      expect(texts(chart.body, 'lg'), chart.title).toEqual(expect.arrayContaining(['tranche 1 (30 %)', 'tranche 2 (40 %)', 'tranche 3 (30 %)']));
    }
    expect(texts(main[0]?.body ?? '', 'at')).toContain('amount (mio. kr.)');
    // The grid's legend says what each shade means; the flow chart names both of its sides.
    expect(texts(main[3]?.body ?? '', 'lg')).toEqual(expect.arrayContaining(['1 of 3 fallen due', '2 of 3 fallen due', 'all 3 fallen due']));
    expect(main[4]?.body).toMatch(/where the money came from[\s\S]*where it went/);
  });

  it('the tranches’ colours and the grid’s shades differ in lightness, so they survive greyscale and colour blindness', () => {
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const fill = (cls: string) => new RegExp(`\\.${cls}\\{fill:([^;}]+)`).exec(css)?.[1] ?? '';
    // WCAG relative luminance, from #rrggbb or hsl(0 0% L%) (the only forms the page uses).
    const luminance = (colour: string): number => {
      const grey = /^hsl\(0 0% (\d+)%\)$/.exec(colour);
      const rgb = grey ? [1, 2, 3].map(() => Number(grey[1]) / 100) : [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16) / 255);
      expect(rgb.every((c) => c >= 0 && c <= 1), colour).toBe(true);
      const [r, g, b] = rgb.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [x, y] = [luminance(fill(a)), luminance(fill(b))].sort((p, q) => q - p) as [number, number];
      return (x + 0.05) / (y + 0.05);
    };
    // Neighbouring steps at least 1.5:1 apart (tranche 1 darkest; the grid darker as more fell due).
    expect(contrast('t1', 't2')).toBeGreaterThan(1.5);
    expect(contrast('t2', 't3')).toBeGreaterThan(1.5);
    for (const [a, b] of [['g0', 'g1'], ['g1', 'g2'], ['g2', 'g3']] as const) expect(contrast(a, b), `${a}/${b}`).toBeGreaterThan(1.5);
    // Forfeited is told by hatching as well as by colour: every forfeited cell has its hatch.
    expect((html.match(/class="hff"/g) ?? []).length).toBeGreaterThanOrEqual((html.match(/class="ff"/g) ?? []).length);
  });
});

describe('the allocation as CSV and as a workbook', () => {
  it('gives the same page as the JSON but for its name and the total it cannot state (Danish CSV, Danish workbook with its totals row)', () => {
    const made = (args: string[], name: string) => (ok(['allocate', data('counts-2017.csv'), '--applicants', data('applicants-2017.csv'), ...args, '-o', file(name)]), file(name));
    const page = (input: string) =>
      ok(['report', input, '--check', file('check.json'), '--followup', file('followup.json')])
        .replace(/from the allocation [^,]+,/, 'from the allocation ALLOCATION,')
        .replace(/<p class="check" data-check="allocation"[^\n]*?<\/p>/, 'ALLOCATION CHECK');
    const fromJson = page(file('allocation.json'));
    for (const input of [made(['--locale', 'da'], 'fordeling.csv'), made(['--lang', 'da'], 'fordeling.xlsx')]) {
      const shown = ok(['report', input, '--check', file('check.json'), '--followup', file('followup.json')]);
      // A table states no total: the page says what its amounts add up to, and no more.
      expect(shown).toMatch(/data-check="allocation" data-sum="262500000">Sum: the amounts of the 98 kommuner add up to 262\.500\.000 kr\. \(the allocation file states no total/);
      expect(page(input)).toBe(fromJson);
    }
  });
});

describe('a check result gives the same statuses as the progress', () => {
  it('every figure of the tranches over time is the same; progress is left out with a note', () => {
    ok(['report', file('allocation.json'), '--check', file('check.json'), '--followup', file('followup.json'), '-o', file('from-check.html')]);
    const fromCheck = readFileSync(file('from-check.html'), 'utf8');
    const figures = (page: string) =>
      ['data-due', 'data-cumulative', 'data-outcomes', 'data-part', 'data-kpi'].map((a) => tagsWith(section(page, 'tranches'), a).map((t) => t.attrs));
    expect(figures(fromCheck)).toEqual(figures(html));
    expect(section(fromCheck, 'followup')).toBe(section(html, 'followup'));
    expect(tagsWith(section(fromCheck, 'progress'), 'data-points')).toEqual([]);
    expect(section(fromCheck, 'progress')).toMatch(/Not shown/);
  });

  it('with the allocation alone, the page still has the allocation, and says what is missing', () => {
    const page = ok(['report', file('allocation.json')]);
    expect(tagsWith(section(page, 'allocation'), 'data-applied')).toHaveLength(98);
    for (const id of ['tranches', 'progress', 'followup']) expect(section(page, id)).toMatch(/Not shown/);
  });
});

describe('with a ledger, as flere check reads it', () => {
  it('the tranches recorded as paid are paid on the page, as in the check', () => {
    const ledger = file('payouts.csv');
    ok(['check', data('progress-2017.csv'), '--allocation', file('allocation.json'), '--as-of', '2018-03', '--ledger', ledger, '--record', '--quiet', '--format', 'csv']);
    const paid = JSON.parse(
      ok(['check', data('progress-2017.csv'), '--allocation', file('allocation.json'), '--as-of', '2018-09', '--ledger', ledger, '--format', 'json']),
    ) as CheckJson;
    expect(paid.tranches.some((t) => t.status === 'paid')).toBe(true);
    const page = ok(['report', file('allocation.json'), '--progress', data('progress-2017.csv'), '--as-of', '2018-09', '--ledger', ledger]);
    const expected = new Map<string, string[]>();
    for (const t of paid.tranches) expected.set(t.id, [...(expected.get(t.id) ?? []), `${t.tranche}:${t.status}:${t.month ?? '-'}`]);
    const rows = tagsWith(section(page, 'tranches'), 'data-outcomes');
    expect(new Map(rows.map((r) => [r.attrs['data-id'], (r.attrs['data-outcomes'] ?? '').split(' ')]))).toEqual(expected);
    expect(page).toContain('outlined: paid (in the ledger)');
  });
});

describe('self-contained, small and quick', () => {
  it('fetches nothing and runs nothing: no script, no external reference', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|srcset|action)=/i);
    expect(html).not.toMatch(/https?:|\/\/[a-z]/i);
    expect(html).not.toMatch(/@import|url\(/i);
    for (const t of tagsWith(html, 'href')) expect(t.attrs['href']).toMatch(/^#/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('is a few hundred kB, not megabytes', () => {
    const size = Buffer.byteLength(html);
    expect(size).toBeGreaterThan(100_000);
    expect(size).toBeLessThan(500_000);
  });

  it('the same inputs give the same bytes', () => {
    const again = ok(['report', file('allocation.json'), '--progress', data('progress-2017.csv'), '--as-of', '2019-12', '--followup', file('followup.json')]);
    expect(again).toBe(html);
  });
});

/** A hand-made allocation: København and Ballerup applied, Frederiksberg and Dragør did not. */
const SMALL = {
  version: 1,
  pool: 'flere-skal-med-1',
  total: '1000000',
  unit: '1',
  unallocated: '0',
  allocations: [
    { id: '101', name: 'København', count: '12', amount: '600000', tranches: ['180000', '240000', '180000'], applied: true },
    { id: '147', name: 'Frederiksberg', count: '5', amount: '250500', tranches: [], applied: false },
    { id: '151', name: 'Ballerup', count: '2', amount: '100000', tranches: ['30000', '40000', '30000'], applied: true },
    { id: '155', name: 'Dragør', count: '1', amount: '49500', tranches: [], applied: false },
  ],
};

describe('data that stopped is listed first', () => {
  it('Ballerup’s rows stop in 2017-09 while København’s go on: Ballerup first, marked stopped', () => {
    writeFileSync(file('small.json'), JSON.stringify(SMALL));
    const rows = ['kommune,month,target_group,cleared,recipients,company_activity'];
    for (const m of ['07', '08', '09', '10', '11', '12']) rows.push(`101,2017-${m},100,100,100,36`);
    for (const m of ['07', '08', '09']) rows.push(`151,2017-${m},50,10,50,5`);
    writeFileSync(file('small-progress.csv'), `${rows.join('\n')}\n`);
    const page = ok(['report', file('small.json'), '--progress', file('small-progress.csv')]);
    const order = tagsWith(section(page, 'progress'), 'data-attention').map((t) => [t.attrs['data-id'], t.attrs['data-attention'], t.attrs['data-last']]);
    // København: tranche 3 pending at 36 % (4 points below 40 %): close.
    expect(order).toEqual([
      ['151', 'stopped', '2017-09'],
      ['101', 'close', '2017-12'],
    ]);
  });
});

describe('inputs that do not belong together are refused, and nothing is written', () => {
  it('usage: a check result and progress at once, --as-of or --ledger without progress, two inputs on stdin', () => {
    const base = ['report', file('allocation.json'), '-o', file('never.html')];
    expect(runCli([...base, '--check', file('check.json'), '--progress', data('progress-2017.csv')]).code).toBe(2);
    expect(runCli([...base, '--check', file('check.json'), '--as-of', '2019-12']).code).toBe(2);
    expect(runCli([...base, '--ledger', file('ledger.csv')]).code).toBe(2);
    expect(runCli([...base, '--progress', data('progress-2017.csv'), '--persons', '-']).code).toBe(2);
    expect(runCli(['report', '-', '--followup', '-', '-o', file('never.html')]).code).toBe(2);
    expect(existsSync(file('never.html'))).toBe(false);
  });

  it('a check result of another allocation, or cut short', () => {
    const other = JSON.parse(JSON.stringify(check)) as CheckJson;
    (other.tranches[4] as { amount: string }).amount = '1';
    writeFileSync(file('other-check.json'), JSON.stringify(other));
    const r = runCli(['report', file('allocation.json'), '--check', file('other-check.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^flere: .*other-check\.json: tranches\[4\]: tranche 2 of Frederiksberg \(147\) is 1 here/m);
    const cut = { ...check, tranches: check.tranches.slice(3) };
    writeFileSync(file('cut-check.json'), JSON.stringify(cut));
    const c = runCli(['report', file('allocation.json'), '--check', file('cut-check.json'), '-o', file('never.html')]);
    expect(c.code).toBe(1);
    expect(c.stderr.trim().split('\n')).toHaveLength(3);
    expect(c.stderr).toMatch(/tranche 1 of København \(101\) is not in the check result/);
    expect(existsSync(file('never.html'))).toBe(false);
  });

  it('a follow-up whose numbers were changed, or with a tranche that is not forfeited', () => {
    const changed = JSON.parse(JSON.stringify(followup)) as FollowupJson;
    const first = changed.sources[0]?.to[0] as { amount: string };
    first.amount = String(BigInt(first.amount) + 1n);
    writeFileSync(file('changed.json'), JSON.stringify(changed));
    writeFileSync(file('keep.html'), 'the old page');
    const r = runCli(['report', file('allocation.json'), '--followup', file('changed.json'), '-o', file('keep.html')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/changed\.json: sources\[0\]: the parts add up to/);
    expect(readFileSync(file('keep.html'), 'utf8')).toBe('the old page');
    // As of 2018-12 nothing is forfeited yet: the follow-up of 2019-12 does not fit.
    const e = runCli(['report', file('allocation.json'), '--progress', data('progress-2017.csv'), '--followup', file('followup.json'), '-o', file('keep.html')]);
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/is in the follow-up as forfeited, but its status is pending/);
    expect(readFileSync(file('keep.html'), 'utf8')).toBe('the old page');
  });
});
