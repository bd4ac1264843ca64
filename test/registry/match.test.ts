import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KOMMUNE_ALIASES } from '../../src/registry/aliases.js';
import { KOMMUNER } from '../../src/registry/kommuner.js';
import { type KommuneMatch, resolveKommune } from '../../src/registry/match.js';
import { looseKey, normalizeName } from '../../src/registry/normalize.js';
import { readOfficialList } from './official-list.js';

// Expected codes below were read off data/kommuner.csv by hand, never from this code's output.

function codeOf(match: KommuneMatch): string | undefined {
  return match.ok ? match.kommune.code : undefined;
}

function suggestedCodes(match: KommuneMatch): string[] | undefined {
  return match.ok ? undefined : match.suggestions.map((k) => k.code);
}

const OFFICIAL = readOfficialList();

describe('resolveKommune by code', () => {
  it('resolves every official code to its row', () => {
    for (const row of OFFICIAL) {
      const match = resolveKommune(row.code);
      expect(match.ok && match.kommune.name).toBe(row.name);
    }
  });

  it.each([
    ['101', '101'],
    ['0101', '101'],
    [' 101 ', '101'],
    ['\t101\u00a0', '101'],
    ['147', '147'],
    ['0147', '147'],
    ['0400', '400'],
    ['492', '492'],
    ['860', '860'],
    ['\uff11\uff10\uff11', '101'], // full-width digits
  ])('%j → %s', (text, code) => {
    expect(codeOf(resolveKommune(text))).toBe(code);
  });

  it.each([
    ['100', ['101', '190', '400']], // one digit off, numerically closest first
    ['715', ['710', '751', '615']], // 710 Favrskov, 751 Aarhus (swap), 615 Horsens
    ['1010', ['101']],
    ['999', []],
    ['0', []],
    ['0000', []],
    ['00101', []], // five digits is not a code
    ['99999', []],
  ])('unknown code %j suggests %j', (text, codes) => {
    expect(suggestedCodes(resolveKommune(text))).toEqual(codes);
  });
});

describe('resolveKommune by name', () => {
  it('resolves every official name, in the forms it comes in, to its row', () => {
    for (const { code, name } of OFFICIAL) {
      const forms = [
        name,
        name.toUpperCase(),
        name.toLowerCase(),
        name.normalize('NFD'),
        ` ${name}\t`,
        name.replace(/-/g, ' '),
        `${name} Kommune`,
        `${name} kommune`,
        `${name}s Kommune`,
        `${name}s`,
      ];
      for (const form of forms) expect([form, codeOf(resolveKommune(form))]).toEqual([form, code]);
    }
  });

  it.each([
    // Aarhus 751: Århus before 2011, and the å typed without its ring.
    ['Aarhus', '751'],
    ['Århus', '751'],
    ['Århus Kommune', '751'],
    ['Arhus', '751'],
    ['Aarhus Municipality', '751'],
    // København 101
    ['Københavns Kommune', '101'],
    ['Københavns kommune', '101'],
    ['Københavns Kommune'.normalize('NFD'), '101'],
    ['KØBENHAVN', '101'],
    ['Koebenhavn', '101'],
    ['Kobenhavn', '101'],
    ['Kbh', '101'],
    // Høje-Taastrup 169
    ['Høje-Tåstrup', '169'],
    ['Høje Tåstrup', '169'],
    ['Høje Taastrup', '169'],
    ['Hoeje-Taastrup', '169'],
    ['Hoje Tastrup', '169'],
    ['Høje-Tåstrup'.normalize('NFD'), '169'],
    ['Taastrup', '169'],
    ['Tåstrup', '169'],
    // Nordfyns 480 (the official name carries the s)
    ['Nordfyn', '480'],
    ['Nordfyn Kommune', '480'],
    ['Nordfyns Kommune', '480'],
    // Vesthimmerland 820 (the official name does not)
    ['Vesthimmerlands', '820'],
    ['Vesthimmerlands Kommune', '820'],
    // Bornholm 400
    ['Bornholms Regionskommune', '400'],
    ['Bornholm Regionskommune', '400'],
    ['Bornholms Kommune', '400'],
    // Brønderslev 810, named Brønderslev-Dronninglund until 2011
    ['Brønderslev-Dronninglund', '810'],
    ['Brønderslev-Dronninglund Kommune', '810'],
    ['Broenderslev', '810'],
    // Halsnæs 260, named Frederiksværk-Hundested until 2008
    ['Frederiksværk-Hundested', '260'],
    ['Frederiksvaerk Hundested', '260'],
    ['Halsnæs', '260'],
    ['Halsnaes', '260'],
    // Ærø 492
    ['Ærø', '492'],
    ['ÆRØ', '492'],
    ['Aeroe', '492'],
    ['Aero', '492'],
    ['Ærø Kommune', '492'],
    // Lyngby-Taarbæk 173
    ['Lyngby-Taarbæk', '173'],
    ['Lyngby Tårbæk', '173'],
    ['Lyngby', '173'],
    ['Kongens Lyngby', '173'],
    ['Kgs. Lyngby', '173'],
    // Old and new spellings with aa / å
    ['Aabenraa', '580'],
    ['Åbenrå', '580'],
    ['Åbenrå'.normalize('NFD'), '580'],
    ['Abenra', '580'],
    ['Aalborg', '851'],
    ['Ålborg', '851'],
    ['Alborg', '851'],
    ['Faaborg-Midtfyn', '430'],
    ['Fåborg-Midtfyn', '430'],
    ['Fåborg Midtfyn'.normalize('NFD'), '430'],
    ['Tårnby', '185'],
    ['Taarnby', '185'],
    ['Tarnby', '185'],
    // ø typed as o, oe or ö
    ['Helsingor', '217'],
    ['Helsingoer', '217'],
    ['Köge', '259'],
    ['Koge', '259'],
    // Spacing and case
    ['  frederiksberg   KOMMUNE ', '147'],
    ['IKAST BRANDE', '756'],
    ['ringkøbing - skjern', '760'],
  ])('%j → %s', (text, code) => {
    expect(codeOf(resolveKommune(text))).toBe(code);
  });

  it.each([
    // Names that end in s, or that another name extends by an s, keep to themselves.
    ['Lemvig', '665'],
    ['Lemvigs Kommune', '665'],
    ['Fanø', '563'],
    ['Fanøs Kommune', '563'],
    ['Struer', '671'],
    ['Struers Kommune', '671'],
    ['Rebild', '840'],
    ['Rebilds Kommune', '840'],
    ['Vejen', '575'],
    ['Vejens Kommune', '575'],
    ['Vejle', '630'],
    ['Stevns', '336'],
    ['Stevns Kommune', '336'],
    ['Assens', '420'],
    ['Horsens', '615'],
    ['Frederikshavn', '813'],
    ['Frederikssund', '250'],
  ])('genitive s: %j → %s', (text, code) => {
    expect(codeOf(resolveKommune(text))).toBe(code);
  });

  it('does not resolve former kommuner merged in 2007, nor non-names', () => {
    // Hals is part of Aalborg since 2007; stripping its s must not find a kommune either.
    for (const text of ['Hals', 'Hal', 'Skjern', 'Ikast', 'Region Hovedstaden', 'Kommune', '', '   ', '-']) {
      expect([text, resolveKommune(text).ok]).toEqual([text, false]);
    }
  });
});

describe('resolveKommune suggestions', () => {
  it.each([
    ['Københvn', '101'], // København
    ['Odens', '461'], // Odense
    ['Svenborg', '479'], // Svendborg
    ['Hjoering', '860'], // Hjørring
    ['Nestved', '370'], // Næstved
    ['Frederiksvaerk', '260'], // part of Halsnæs's former name
    ['Ikast', '756'], // Ikast-Brande
    ['Skjern', '760'], // Ringkøbing-Skjern
    ['Taarbæk', '173'], // Lyngby-Taarbæk
    ['Københvns Kommune', '101'],
  ])('%j suggests %s first', (text, code) => {
    expect(suggestedCodes(resolveKommune(text))?.[0]).toBe(code);
  });

  it('breaks ties by lower code', () => {
    // 'vej' is two edits from both Vejen (575) and Vejle (630).
    expect(suggestedCodes(resolveKommune('Vej'))?.slice(0, 2)).toEqual(['575', '630']);
  });

  it('suggests nothing for text that is nowhere near a name', () => {
    for (const text of ['xyz', 'qqqqqqqqqqqqqqqqqqqq', 'Region Hovedstaden', '***']) {
      expect(suggestedCodes(resolveKommune(text))).toEqual([]);
    }
  });
});

describe('the name index', () => {
  // Every spelling that resolves exactly: official names and aliases.
  const spellings = [
    ...KOMMUNER.map((k) => ({ text: k.name, code: k.code })),
    ...Object.entries(KOMMUNE_ALIASES).map(([text, code]) => ({ text, code })),
  ];

  it('has aliases only for existing codes, none of which is an official name', () => {
    const names = new Set(KOMMUNER.map((k) => normalizeName(k.name)));
    for (const [alias, code] of Object.entries(KOMMUNE_ALIASES)) {
      expect(KOMMUNER.some((k) => k.code === code)).toBe(true);
      expect(names.has(normalizeName(alias))).toBe(false);
      expect(codeOf(resolveKommune(alias))).toBe(code);
    }
  });

  it('keeps every two kommuner apart after normalisation, loosening and a genitive s', () => {
    const collisions: string[] = [];
    for (const a of spellings) {
      for (const b of spellings) {
        if (a.code === b.code) continue;
        const ka = normalizeName(a.text);
        const kb = normalizeName(b.text);
        const clashes = [
          ka === kb,
          looseKey(ka) === looseKey(kb),
          ka === `${kb}s`,
          looseKey(ka) === looseKey(`${kb}s`),
        ];
        if (clashes.some(Boolean)) collisions.push(`${a.text} / ${b.text}`);
      }
    }
    expect(collisions).toEqual([]);
  });

  it('has no name ending in a suffix that resolution strips', () => {
    for (const { text } of spellings) expect(normalizeName(text)).not.toMatch(/(kommune|municipality)$/);
  });
});

describe('resolveKommune properties', () => {
  it('never throws, and either resolves or suggests at most 3 distinct kommuner', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom(...'0123456789 -aeiouæøåksKS'), maxLength: 12 }),
      // Kommune names with a few characters dropped, to reach the suggestion path.
      fc.tuple(fc.constantFrom(...KOMMUNER), fc.nat(), fc.nat({ max: 4 })).map(([k, at, n]) => {
        const i = at % (k.name.length + 1);
        return k.name.slice(0, i) + k.name.slice(i + n);
      }),
    );
    fc.assert(
      fc.property(text, (t) => {
        const match = resolveKommune(t);
        if (match.ok) {
          expect(KOMMUNER).toContain(match.kommune);
        } else {
          expect(match.suggestions.length).toBeLessThanOrEqual(3);
          expect(new Set(match.suggestions).size).toBe(match.suggestions.length);
          for (const k of match.suggestions) expect(KOMMUNER).toContain(k);
        }
        expect(resolveKommune(t)).toEqual(match);
      }),
      { numRuns: 500 },
    );
  });

  it('resolves any kommune name under any case, Unicode form, spacing and suffix', () => {
    const arrangement = fc.record({
      kommune: fc.constantFrom(...KOMMUNER),
      upper: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
      form: fc.constantFrom('NFC', 'NFD', 'NFKD'),
      separators: fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '-', '  ')), { maxLength: 3 }),
      padding: fc.constantFrom('', ' ', '\t', '\u00a0'),
      suffix: fc.constantFrom('', ' Kommune', ' kommune', 's Kommune', 's'),
    });
    fc.assert(
      fc.property(arrangement, ({ kommune, upper, form, separators, padding, suffix }) => {
        const chars = [...kommune.name].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase()));
        for (const [at, sep] of separators) chars.splice(at % (chars.length + 1), 0, sep);
        const text = `${padding}${chars.join('')}${suffix}${padding}`.normalize(form);
        expect(codeOf(resolveKommune(text))).toBe(kommune.code);
      }),
      { numRuns: 500 },
    );
  });

  it('resolves any official code, zero-padded to up to 4 digits and spaced', () => {
    const arrangement = fc.record({
      kommune: fc.constantFrom(...KOMMUNER),
      width: fc.integer({ min: 3, max: 4 }),
      padding: fc.constantFrom('', ' ', '  ', '\t'),
    });
    fc.assert(
      fc.property(arrangement, ({ kommune, width, padding }) => {
        const text = `${padding}${kommune.code.padStart(width, '0')}${padding}`;
        expect(codeOf(resolveKommune(text))).toBe(kommune.code);
      }),
    );
  });
});
