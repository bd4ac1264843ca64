/**
 * Telling a workbook from a text file by its first bytes, whatever its name (standard input
 * has none): an .xlsx is a zip archive, an old .xls (and a password-protected .xlsx) an OLE2
 * compound file. No text file starts with these bytes. Small on purpose: the CLI asks this
 * of every input, and loads the workbook reader only when the answer is yes.
 */

/** The zip's local-file signature `PK\x03\x04`, or the empty archive's `PK\x05\x06`. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/** The signature of an OLE2 compound file. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/** Whether `bytes` start like an OLE2 compound file: a binary .xls, or an encrypted workbook. */
function isOle2(bytes: Uint8Array): boolean {
  return bytes.length >= OLE2.length && OLE2.every((b, i) => bytes[i] === b);
}

/** Whether `bytes` start like a workbook (.xlsx, .xls, or a password-protected workbook) rather than text. */
export function looksLikeWorkbook(bytes: Uint8Array): boolean {
  return isZip(bytes) || isOle2(bytes);
}
