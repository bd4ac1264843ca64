/**
 * Bytes to text for input files. Danish Excel and case systems write UTF-8 (with or without a
 * BOM), Windows-1252, or "Unicode text" (UTF-16 with a BOM); this module tells them apart and
 * always returns NFC text, so that a name typed as `Å` and one exported as `A` + ring compare
 * equal further on.
 */
import { isUtf8 } from 'node:buffer';
import { loadIconv } from './iconv.js';

/** The encodings `flere` reads; the values are also the `--encoding` choices. */
export const TEXT_ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;

/** One of {@link TEXT_ENCODINGS}. */
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** Diagnostic codes raised about encodings (a hint, attached by the caller where it fits). */
export type EncodingCode = 'encoding.mojibake';

/** What {@link decodeText} found: the text (NFC, BOM removed) and how it was read. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
  /** Whether the bytes began with a byte order mark (which is not part of `text`). */
  readonly bom: boolean;
}

const BOMS: readonly (readonly [TextEncoding, readonly number[]])[] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

function bomOf(bytes: Uint8Array): TextEncoding | undefined {
  for (const [encoding, bom] of BOMS) {
    if (bytes.length >= bom.length && bom.every((b, i) => bytes[i] === b)) return encoding;
  }
  return undefined;
}

function bomLength(encoding: TextEncoding): number {
  return BOMS.find(([e]) => e === encoding)?.[1].length ?? 0;
}

/**
 * Windows-1252 through iconv-lite: Node 20's TextDecoder maps 0x80–0x9F to C1 controls
 * (€ → U+0080, – → U+0096). Loaded on first use only, since most files are UTF-8 and start-up
 * time matters for a CLI.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return loadIconv().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252');
}

function decodeWith(bytes: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  // Not fatal: a forced encoding that does not fit shows up as U+FFFD, which
  // looksLikeMojibake reports, rather than as an exception.
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(bytes);
}

/**
 * Decodes a whole input file. With `encoding` given (`--encoding`), the bytes are read that
 * way; otherwise a BOM decides (UTF-8, UTF-16LE, UTF-16BE), then valid UTF-8 is UTF-8, and
 * anything else is Windows-1252 (what Danish Excel writes for "CSV (semikolonsepareret)").
 * A BOM of the chosen encoding is dropped. The text is NFC-normalised. Never throws: bytes
 * that do not fit come out as U+FFFD.
 */
export function decodeText(bytes: Uint8Array, encoding?: TextEncoding): DecodedText {
  const found = bomOf(bytes);
  const chosen: TextEncoding = encoding ?? found ?? (isUtf8(bytes) ? 'utf-8' : 'windows-1252');
  const bom = found === chosen;
  let text = decodeWith(bom ? bytes.subarray(bomLength(chosen)) : bytes, chosen);
  // A second BOM (files concatenated, or a BOM inside a BOM-less UTF-16 stream) is noise too.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text: text.normalize('NFC'), encoding: chosen, bom };
}

const ENCODING_ALIASES: Readonly<Record<string, TextEncoding>> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  windows1252: 'windows-1252',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  // WHATWG treats latin1 as windows-1252, and users who say latin1 mean the Excel file.
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  ansi: 'windows-1252',
  utf16le: 'utf-16le',
  'utf-16le': 'utf-16le',
  utf16be: 'utf-16be',
  'utf-16be': 'utf-16be',
};

/**
 * Reads an `--encoding` value: the canonical names plus common spellings (`utf8`, `cp1252`,
 * `latin1`, `utf16le`), case-insensitive. Undefined for anything else.
 */
export function encodingFromName(name: string): TextEncoding | undefined {
  return ENCODING_ALIASES[name.trim().toLowerCase()];
}

/**
 * UTF-8 read as Windows-1252 turns `æ ø å Æ Ø Å` into `Ã¦ Ã¸ Ã¥ Ã† Ã˜ Ã…`, a no-break space
 * into `Â `, and `– € "` into `â€“ â€š â€œ`. None of these pairs occurs in Danish text.
 */
const MOJIBAKE = /Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2026\u2030\u2039\u203a\u20ac\u2122]|Â[\u00a0-\u00bf]|â€|\ufffd/u;

/**
 * True when `s` looks mis-decoded: UTF-8 read as Windows-1252 (`Ã¦` for `æ`), or bytes that
 * did not decode at all (U+FFFD). Callers attach an `encoding.mojibake` hint to use
 * `--encoding`.
 */
export function looksLikeMojibake(s: string): boolean {
  return MOJIBAKE.test(s);
}
