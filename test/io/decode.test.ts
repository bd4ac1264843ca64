import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, encodingFromName, looksLikeMojibake, TEXT_ENCODINGS } from '../../src/io/decode.js';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../fixtures/input/${name}`, import.meta.url));

describe('decodeText', () => {
  it('reads Windows-1252 with € and – correctly (not as C1 controls)', () => {
    const { text, encoding, bom } = decodeText(fixture('cp1252-semicolon.csv'));
    expect(encoding).toBe('windows-1252');
    expect(bom).toBe(false);
    expect(text).toContain('Bemærkning');
    expect(text).toContain('København;2.700;pulje \u20ac 5');
    expect(text).toContain('Ærø;12;');
    expect(text).toContain('Aarhus \u2013 midt');
    expect(text).toContain('åÅØ');
    expect(text).not.toMatch(/[\u0080-\u009f]/);
  });

  it('strips a UTF-8 BOM', () => {
    const { text, encoding, bom } = decodeText(fixture('utf8-bom.csv'));
    expect([encoding, bom]).toEqual(['utf-8', true]);
    expect(text.startsWith('kommune;antal\n')).toBe(true);
    expect(text).toContain('Køge;250');
  });

  it('reads UTF-16LE and UTF-16BE with a BOM', () => {
    const le = decodeText(fixture('utf16le-tab.txt'));
    expect([le.encoding, le.bom]).toEqual(['utf-16le', true]);
    expect(le.text).toBe('Kommune\tAntal\r\nOdense\t1600\r\nHøje-Taastrup\t310\r\n');
    const be = decodeText(fixture('utf16be-tab.txt'));
    expect([be.encoding, be.bom]).toEqual(['utf-16be', true]);
    expect(be.text).toBe('Kommune\tAntal\r\nOdense\t1600\r\n');
  });

  it('takes BOM-less valid UTF-8 as UTF-8', () => {
    const { text, encoding } = decodeText(new TextEncoder().encode('Ærø;5'));
    expect([text, encoding]).toEqual(['Ærø;5', 'utf-8']);
  });

  it('normalises to NFC', () => {
    const { text } = decodeText(fixture('nfd-names.csv'));
    expect(text).toBe('kommune;Beløb\nÅrhus;1\nHøje-Tåstrup;2\n');
    expect(text).toBe(text.normalize('NFC'));
  });

  it('honours a forced encoding', () => {
    const bytes = new TextEncoder().encode('Køge');
    expect(decodeText(bytes, 'windows-1252').text).toBe('KÃ¸ge');
    expect(decodeText(Uint8Array.from([0x4b, 0xf8, 0x67, 0x65]), 'utf-8').text).toBe('K\ufffdge');
    // A forced encoding still drops its own BOM, and only its own.
    expect(decodeText(fixture('utf8-bom.csv'), 'utf-8')).toMatchObject({ bom: true, encoding: 'utf-8' });
  });

  it('decodes the empty input', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8', bom: false });
  });

  it('decodes a subarray view without reading outside it', () => {
    const whole = Uint8Array.from([0x41, 0x80, 0x42, 0x43]);
    expect(decodeText(whole.subarray(1, 3)).text).toBe('\u20acB');
  });

  it('never throws, for any bytes and any encoding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.option(fc.constantFrom(...TEXT_ENCODINGS), { nil: undefined }), (bytes, enc) => {
        const { text } = decodeText(bytes, enc);
        expect(typeof text).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips any string through UTF-8 (up to NFC)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(decodeText(new TextEncoder().encode(s)).text).toBe(s.replace(/^\ufeff{1,2}/, '').normalize('NFC'));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('encodingFromName', () => {
  it('accepts the usual spellings', () => {
    expect(encodingFromName('UTF8')).toBe('utf-8');
    expect(encodingFromName('cp1252')).toBe('windows-1252');
    expect(encodingFromName('latin1')).toBe('windows-1252');
    expect(encodingFromName('utf16le')).toBe('utf-16le');
    expect(encodingFromName('ebcdic')).toBeUndefined();
  });
});

describe('looksLikeMojibake', () => {
  it('spots UTF-8 read as Windows-1252', () => {
    for (const s of ['KÃ¸ge', 'LÃ¦sÃ¸', 'Ã…rhus', 'HÃ¥ndvÃ¦rk', 'Ã˜ster', 'Ã†rÃ¸', 'a\u00c2\u00a0b', 'â€“', 'K\ufffdge']) {
      expect(looksLikeMojibake(s), s).toBe(true);
    }
  });

  it('leaves Danish text alone', () => {
    for (const s of ['Køge', 'Læsø', 'Århus', 'Ærø', 'Høje-Taastrup', 'ÆØÅ æøå', 'Ã', 'pulje € 5 – 6']) {
      expect(looksLikeMojibake(s), s).toBe(false);
    }
  });

  it('flags what decoding UTF-8 as Windows-1252 does to Danish letters', () => {
    const wrong = decodeText(new TextEncoder().encode('æ ø å Æ Ø Å'), 'windows-1252').text;
    for (const part of wrong.split(' ')) expect(looksLikeMojibake(part), part).toBe(true);
  });
});
