/**
 * JSON text as flere reads it: `JSON.parse`, plus what it does not say. A syntax error gets
 * its line; and a key given twice in one object, which `JSON.parse` silently resolves to the
 * last value, is an error, since a hand-edited pool or allocation with `"share"` twice means
 * one of the two was not meant.
 */

/** Why a text is not acceptable JSON; `line` is 1-based. */
export type JsonTextProblem =
  | { readonly kind: 'syntax'; readonly message: string; readonly line?: number }
  | { readonly kind: 'duplicate-key'; readonly path: string; readonly line: number };

/** The parsed value, or the first problem. */
export type JsonTextResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: JsonTextProblem };

/** Parses `text` (a leading BOM is ignored) and refuses duplicate keys. */
export function parseJsonText(text: string): JsonTextResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message)?.[1];
    const cleaned = message.replace(/\s*\(line \d+ column \d+\)$/, '');
    return {
      ok: false,
      problem: position === undefined ? { kind: 'syntax', message: cleaned } : { kind: 'syntax', message: cleaned, line: lineAt(body, Number(position)) },
    };
  }
  const duplicate = firstDuplicateKey(body);
  return duplicate === undefined ? { ok: true, value } : { ok: false, problem: duplicate };
}

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** An object or array being walked: its path, its keys so far, its current array index. */
interface Frame {
  readonly object: boolean;
  readonly path: string;
  readonly keys: Set<string>;
  index: number;
  /** In an object: the next string is a key (after `{` or `,`). */
  expectKey: boolean;
  /** The path of the member or item now being read. */
  member: string;
}

/**
 * The first key that appears twice in one object of `text`, which must be valid JSON (it is
 * walked once, in linear time, without building anything but the key sets). Keys compare
 * as decoded (`"a"` and `"\u0061"` are the same key).
 */
function firstDuplicateKey(text: string): JsonTextProblem | undefined {
  const stack: Frame[] = [];
  let line = 1;
  const open = (object: boolean): void => {
    const parent = stack[stack.length - 1];
    const path = parent === undefined ? '' : parent.member;
    const first = object ? path : `${path}[0]`;
    stack.push({ object, path, keys: new Set(), index: 0, expectKey: object, member: first });
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10) line += 1;
    else if (c === 0x7b /* { */) open(true);
    else if (c === 0x5b /* [ */) open(false);
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    else if (c === 0x2c /* , */) {
      const frame = stack[stack.length - 1];
      if (frame === undefined) continue;
      if (frame.object) frame.expectKey = true;
      else {
        frame.index += 1;
        frame.member = `${frame.path}[${frame.index}]`;
      }
    } else if (c === 0x22 /* " */) {
      let end = i + 1;
      while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c /* \ */ ? 2 : 1;
      const frame = stack[stack.length - 1];
      if (frame !== undefined && frame.object && frame.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        frame.member = frame.path === '' ? key : `${frame.path}.${key}`;
        if (frame.keys.has(key)) return { kind: 'duplicate-key', path: frame.member, line };
        frame.keys.add(key);
        frame.expectKey = false;
      }
      i = end;
    }
  }
  return undefined;
}
