import { describe, expect, it } from 'vitest';
import { KOMMUNER, kommuneByCode } from '../../src/registry/kommuner.js';
import { readOfficialList as readCsv } from './official-list.js';

describe('KOMMUNER', () => {
  it('equals data/kommuner.csv exactly, row by row', () => {
    expect(KOMMUNER.map((k) => ({ ...k }))).toEqual(readCsv());
  });

  it('holds the 98 kommuner, sorted by code, codes and names unique', () => {
    expect(KOMMUNER).toHaveLength(98);
    const codes = KOMMUNER.map((k) => k.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(98);
    expect(new Set(KOMMUNER.map((k) => k.name)).size).toBe(98);
    for (const k of KOMMUNER) {
      expect(k.code).toMatch(/^[1-9][0-9]{2}$/);
      expect(k.name).toBe(k.name.normalize('NFC'));
    }
  });

  it('spans the five regions', () => {
    expect(new Set(KOMMUNER.map((k) => k.region))).toEqual(
      new Set(['Region Hovedstaden', 'Region Sjælland', 'Region Syddanmark', 'Region Midtjylland', 'Region Nordjylland']),
    );
  });

  it('is frozen, so that no caller can corrupt the shared list', () => {
    expect(Object.isFrozen(KOMMUNER)).toBe(true);
    expect(KOMMUNER.every((k) => Object.isFrozen(k))).toBe(true);
  });
});

describe('kommuneByCode', () => {
  it('finds the first, a middle and the last code', () => {
    expect(kommuneByCode('101')?.name).toBe('København');
    expect(kommuneByCode('492')?.name).toBe('Ærø');
    expect(kommuneByCode('860')?.name).toBe('Hjørring');
  });

  it('finds every code in the CSV', () => {
    for (const row of readCsv()) expect(kommuneByCode(row.code)?.name).toBe(row.name);
  });

  it('is strict: padded, spaced or unknown codes are undefined', () => {
    for (const code of ['0101', ' 101', '101 ', '1', '100', '999', '', 'København']) {
      expect(kommuneByCode(code)).toBeUndefined();
    }
  });
});
