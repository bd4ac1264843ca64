import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looseKey, normalizeName } from '../../src/registry/normalize.js';

describe('normalizeName', () => {
  it.each([
    ['København', 'koebenhavn'],
    ['KØBENHAVN', 'koebenhavn'],
    ['Høje-Taastrup', 'hoejetaastrup'],
    ['Høje Tåstrup', 'hoejetaastrup'],
    ['  høje -  tåstrup ', 'hoejetaastrup'],
    ['Ærø', 'aeroe'],
    ['ÆRØ', 'aeroe'],
    ['Århus', 'aarhus'],
    ['Aarhus', 'aarhus'],
    ['Lyngby-Taarbæk', 'lyngbytaarbaek'],
    ['Kgs. Lyngby', 'kgslyngby'],
    ['Köge', 'koege'], // Swedish/German keyboards write ø as ö
    ['Næstved', 'naestved'],
    ['Nästved', 'naestved'],
    ['Sønderborg', 'soenderborg'],
    ['Vesthimmerland', 'vesthimmerland'],
    ['Café Åen', 'cafeaaen'], // other accents are dropped
    ['Aarhus\u00a0Kommune', 'aarhuskommune'], // Excel's no-break space
    ['\uff21\uff41rhus', 'aarhus'], // full-width letters
    ['  - . ', ''],
    ['', ''],
  ])('%j → %j', (text, key) => {
    expect(normalizeName(text)).toBe(key);
  });

  it('reads NFD the same as NFC', () => {
    // Each holds an å, which NFD splits in two (æ and ø have no decomposition).
    for (const name of ['Århus', 'Tårnby', 'Høje-Tåstrup', 'Åbenrå', 'Fåborg-Midtfyn', 'Ålborg']) {
      expect(name.normalize('NFD')).not.toBe(name.normalize('NFC'));
      expect(normalizeName(name.normalize('NFD'))).toBe(normalizeName(name.normalize('NFC')));
    }
    // A decomposed å (a + combining ring) must still become 'aa', not lose its ring.
    expect(normalizeName('A\u030Arhus')).toBe('aarhus');
    expect(normalizeName('T\u00e5rnby'.normalize('NFD'))).toBe('taarnby');
  });

  it('gives keys of ASCII letters and digits only, idempotently, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const key = normalizeName(text);
        expect(key).toMatch(/^[a-z0-9]*$/);
        expect(normalizeName(key)).toBe(key);
        expect(normalizeName(text.normalize('NFD'))).toBe(key);
      }),
    );
  });

  it('ignores case and separators in Danish text', () => {
    const danish = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzæøåéü'), maxLength: 20 });
    const separators = fc.array(fc.constantFrom(' ', '-', '\t', '\u00a0', '.'), { maxLength: 20 });
    fc.assert(
      fc.property(danish, separators, fc.nat(), (word, seps, at) => {
        const key = normalizeName(word);
        const chars = [...word];
        for (const sep of seps) chars.splice(at % (chars.length + 1), 0, sep);
        expect(normalizeName(word.toUpperCase())).toBe(key);
        expect(normalizeName(chars.join(''))).toBe(key);
      }),
    );
  });
});

describe('looseKey', () => {
  it('folds the two-letter spellings of å and ø to the bare vowel', () => {
    expect(looseKey('aarhus')).toBe('arhus');
    expect(looseKey('koebenhavn')).toBe('kobenhavn');
    expect(looseKey('hoejetaastrup')).toBe('hojetastrup');
    expect(looseKey('aeroe')).toBe('aero'); // æ keeps its 'ae'
  });
});
