import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../src/io/json-text.js';

describe('parseJsonText', () => {
  it('gives the value of valid JSON, with or without a BOM', () => {
    expect(parseJsonText('{"a":[1,{"b":"}"}]}')).toEqual({ ok: true, value: { a: [1, { b: '}' }] } });
    expect(parseJsonText('\ufeff[1]')).toEqual({ ok: true, value: [1] });
  });

  it('refuses a key given twice, naming its path and the line of the second', () => {
    const text = '{\n  "tranches": [\n    {"share": "30"},\n    {"share": "40",\n     "share": "30"}\n  ]\n}';
    expect(parseJsonText(text)).toEqual({ ok: false, problem: { kind: 'duplicate-key', path: 'tranches[1].share', line: 5 } });
    expect(parseJsonText('{"id":"a","id":"b"}')).toEqual({ ok: false, problem: { kind: 'duplicate-key', path: 'id', line: 1 } });
  });

  it('compares keys as decoded, and is not fooled by keys inside strings or in other objects', () => {
    expect(parseJsonText('{"a":1,"\\u0061":2}')).toMatchObject({ ok: false, problem: { path: 'a' } });
    expect(parseJsonText('{"a":"\\"a\\": 1","b":{"a":2},"c":[{"a":1},{"a":2}]}')).toMatchObject({ ok: true });
  });

  it('gives a syntax error its line', () => {
    expect(parseJsonText('{\n"a": 1,\n}')).toMatchObject({ ok: false, problem: { kind: 'syntax', line: 3 } });
  });

  it('agrees with a parse that collects every key: duplicates found exactly where they are', () => {
    // Reference: JSON.parse with a reviver cannot see duplicates, so build texts from entries
    // whose keys may repeat and compare with a direct check of the entries.
    const entries = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'é', 'x"y'), fc.integer()), { maxLength: 6 });
    fc.assert(
      fc.property(fc.array(entries, { minLength: 1, maxLength: 4 }), (objects) => {
        const text = `[${objects.map((o) => `{${o.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`).join(',')}]`;
        const firstDuplicate = objects.findIndex((o) => new Set(o.map(([k]) => k)).size !== o.length);
        const result = parseJsonText(text);
        expect(result.ok).toBe(firstDuplicate < 0);
        if (!result.ok && result.problem.kind === 'duplicate-key') expect(result.problem.path.startsWith(`[${firstDuplicate}].`)).toBe(true);
      }),
    );
  });
});
