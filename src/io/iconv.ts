/**
 * iconv-lite, loaded on first use only: most files are UTF-8, and a CLI that starts many
 * times a day should not pay for a codec table it rarely needs. Used for Windows-1252
 * (Node 20's TextDecoder maps 0x80–0x9F wrongly: € → U+0080, – → U+0096) and UTF-16 output.
 */
import { createRequire } from 'node:module';

/** The part of iconv-lite's API that flere uses. */
export interface Iconv {
  decode(buffer: Buffer, encoding: string): string;
  encode(text: string, encoding: string, options?: { addBOM?: boolean }): Buffer;
}

let iconv: Iconv | undefined;

/** The iconv-lite module, required once. */
export function loadIconv(): Iconv {
  iconv ??= createRequire(import.meta.url)('iconv-lite') as Iconv;
  return iconv;
}
