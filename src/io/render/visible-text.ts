/**
 * Text for a terminal, made visible: control characters (C0, DEL, C1) and the bidirectional
 * overrides are shown as escapes instead of being obeyed. A recipient named
 * `"\u001b[2J"` would otherwise clear the analyst's screen, a name with a line break would
 * break the table, and U+202E would reverse what the rest of the line seems to say.
 */

// C0 controls, DEL, C1 controls, and the bidi embeddings, overrides and isolates.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `s` with every invisible or line-breaking character written as `\n`, `\t` or `\uXXXX`. */
export function visibleText(s: string): string {
  return s.replace(INVISIBLE, (ch) => NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
