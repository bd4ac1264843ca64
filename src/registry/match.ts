/**
 * Resolving what an analyst typed (a code or a name, in any of the usual spellings) to one
 * kommune, or to suggestions when it names none.
 */
import { KOMMUNE_ALIASES } from './aliases.js';
import { editDistance } from './edit-distance.js';
import { KOMMUNER, type Kommune, kommuneByCode } from './kommuner.js';
import { looseKey, normalizeName } from './normalize.js';

/**
 * The outcome of `resolveKommune`: the kommune, or at most 3 suggestions, best first,
 * each kommune at most once (possibly none, when nothing is near enough to be useful).
 */
export type KommuneMatch =
  | { readonly ok: true; readonly kommune: Kommune }
  | { readonly ok: false; readonly suggestions: readonly Kommune[] };

const MAX_SUGGESTIONS = 3;

/**
 * The longest text tried as a kommune: 'Bornholms Regionskommune', the longest name with
 * its suffix, is 24 characters; room is left for spaces, NFD accents and a 'Kommune' suffix.
 */
const MAX_KOMMUNE_TEXT = 200;

// Longest first: stripping 'kommune' from 'Bornholms Regionskommune' would leave 'bornholmsregions'.
// No kommune name ends in any of these (a test holds this), so stripping never eats a name.
const SUFFIXES = ['regionskommune', 'kommune', 'municipality'] as const;

/** One spelling a kommune answers to, as matching keys. */
interface Form {
  readonly kommune: Kommune;
  readonly key: string;
  readonly loose: string;
}

interface Index {
  /** Official names and aliases. Names are entered first and never overwritten. */
  readonly exact: ReadonlyMap<string, Kommune>;
  /** Loose keys; null where two kommuner share one, which then resolves nothing. */
  readonly loose: ReadonlyMap<string, Kommune | null>;
  /** Names, aliases and their hyphen-separated parts, for ranking suggestions. */
  readonly forms: readonly Form[];
}

let index: Index | undefined;

/**
 * Resolves a kommune code or name.
 *
 * - A code is 1–4 digits after trimming (full-width digits too), leading zeros ignored
 *   ('101', '0101', ' 101 '). An unknown code fails; its suggestions are the codes one
 *   edit away, numerically closest first. Longer digit strings are no code and fail bare.
 * - A name matches when its `normalizeName` key equals an official name's or an alias's,
 *   after dropping a trailing 'Kommune' / 'Regionskommune' / 'Municipality' and, failing
 *   that, a trailing genitive 's' ('Københavns Kommune', 'Vesthimmerlands') or adding a
 *   missing one ('Nordfyn'). Failing all that, the same on `looseKey` keys ('Arhus').
 *   An exact key always wins over a variant, so no s-variant can reach a different
 *   kommune than its own name does.
 * - Otherwise it fails with up to 3 suggestions: kommuner whose name, alias or a hyphenated
 *   part of one ('Skjern') is within edit distance max(2, ⌊length/3⌋), nearest first, ties
 *   by lower code. Text near nothing gets no suggestions rather than noise.
 *
 * Text longer than 200 characters fails with no suggestions.
 *
 * Pure and deterministic; never throws. Builds its lookup tables on the first call.
 */
export function resolveKommune(text: string): KommuneMatch {
  // No kommune's name or code is this long: a hostile megabyte cell fails at once, before
  // normalising or measuring edit distances against every name.
  if (text.length > MAX_KOMMUNE_TEXT) return { ok: false, suggestions: [] };
  const trimmed = text.normalize('NFKC').trim();
  if (/^[0-9]+$/.test(trimmed)) return resolveCode(trimmed);

  const idx = (index ??= buildIndex());
  const key = stripSuffix(normalizeName(trimmed));
  if (key === '') return { ok: false, suggestions: [] };

  const candidates = sVariants(key);
  for (const candidate of candidates) {
    const kommune = idx.exact.get(candidate);
    if (kommune) return { ok: true, kommune };
  }
  for (const candidate of candidates) {
    const kommune = idx.loose.get(looseKey(candidate));
    if (kommune) return { ok: true, kommune };
  }
  return { ok: false, suggestions: suggestByName(key, idx.forms) };
}

function resolveCode(digits: string): KommuneMatch {
  if (digits.length > 4) return { ok: false, suggestions: [] };
  const significant = digits.replace(/^0+/, '');
  // All zeros is a placeholder, not a slip for 400 or 500.
  if (significant === '') return { ok: false, suggestions: [] };
  const code = significant.padStart(3, '0');
  const kommune = kommuneByCode(code);
  if (kommune) return { ok: true, kommune };
  // A code typo is one key off; codes further away are not "near" in any useful sense.
  // Among equals, the numerically closer code is the likelier slip.
  const near = KOMMUNER.map((k) => ({ k, d: editDistance(code, k.code), gap: Math.abs(Number(k.code) - Number(code)) }))
    .filter((c) => c.d <= 1)
    .sort((x, y) => x.d - y.d || x.gap - y.gap || compareCodes(x.k, y.k));
  return { ok: false, suggestions: near.slice(0, MAX_SUGGESTIONS).map((c) => c.k) };
}

function stripSuffix(key: string): string {
  for (const suffix of SUFFIXES) {
    if (key.length > suffix.length && key.endsWith(suffix)) return key.slice(0, -suffix.length);
  }
  return key;
}

// Official names carry the genitive where the kommune's name does ('Nordfyns') and not
// elsewhere ('Vesthimmerland'); people use both, and add one before 'Kommune'.
function sVariants(key: string): readonly string[] {
  return key.endsWith('s') && key.length > 1 ? [key, key.slice(0, -1), `${key}s`] : [key, `${key}s`];
}

function suggestByName(key: string, forms: readonly Form[]): readonly Kommune[] {
  const loose = looseKey(key);
  const best = new Map<Kommune, number>();
  for (const form of forms) {
    // A third of the name may be wrong (at least 2 letters): 'Københvn', 'Odens'. Beyond
    // that the suggestion is noise. The length check also keeps huge inputs cheap.
    const limit = Math.max(2, Math.floor(form.key.length / 3));
    if (Math.abs(key.length - form.key.length) > limit) continue;
    const d = Math.min(editDistance(key, form.key), editDistance(loose, form.loose));
    if (d > limit) continue;
    const previous = best.get(form.kommune);
    if (previous === undefined || d < previous) best.set(form.kommune, d);
  }
  return [...best]
    .sort(([a, da], [b, db]) => da - db || compareCodes(a, b))
    .slice(0, MAX_SUGGESTIONS)
    .map(([k]) => k);
}

function compareCodes(a: Kommune, b: Kommune): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function buildIndex(): Index {
  const exact = new Map<string, Kommune>();
  const loose = new Map<string, Kommune | null>();
  const forms: Form[] = [];
  const spellings: [string, Kommune][] = KOMMUNER.map((k) => [k.name, k]);
  for (const [alias, code] of Object.entries(KOMMUNE_ALIASES)) {
    const kommune = kommuneByCode(code);
    if (kommune) spellings.push([alias, kommune]);
  }
  for (const [spelling, kommune] of spellings) {
    const key = normalizeName(spelling);
    if (!exact.has(key)) exact.set(key, kommune);
    const lk = looseKey(key);
    const seen = loose.get(lk);
    loose.set(lk, seen === undefined || seen === kommune ? kommune : null);
    forms.push({ kommune, key, loose: lk });
    const parts = spelling.split(/[\s-]+/);
    if (parts.length > 1) {
      for (const part of parts) {
        const partKey = normalizeName(part);
        if (partKey !== '') forms.push({ kommune, key: partKey, loose: looseKey(partKey) });
      }
    }
  }
  return { exact, loose, forms };
}
