/**
 * The parts of an .xlsx file (a zip archive of XML files), unpacked under limits. A workbook
 * from anyone may be hostile: a zip bomb of a few kilobytes can claim gigabytes. fflate
 * makes each part's buffer the size the archive declares for it (and cuts a part that
 * unpacks to more), so the declared sizes are summed and checked before anything is unpacked.
 */
import { unzipSync } from 'fflate';
import type { WorkbookProblem } from './workbook-problem.js';

/**
 * The most bytes a workbook's XML parts may unpack to, all together (128 MiB). Reading takes
 * about ten times the XML in memory; a workbook of 100,000 rows has 25–40 MB of it.
 */
const MAX_UNPACKED_BYTES = 128 * 1024 * 1024;
/** The most entries an archive may have: a real workbook has a few dozen. */
const MAX_ENTRIES = 10_000;

/** The parts read: the XML under `xl/`, by their paths in the archive. */
export type UnpackedWorkbook = { readonly ok: true; readonly parts: Record<string, Uint8Array> } | { readonly ok: false; readonly problem: WorkbookProblem };

/**
 * Unpacks the XML parts under `xl/` (workbook, relationships, shared strings, styles,
 * sheets); other entries (pictures, printer settings, document properties) are skipped.
 * Problems: `xlsx.too-large` (more than {@link MAX_ENTRIES} entries, or parts declaring more
 * than {@link MAX_UNPACKED_BYTES} in all), `xlsx.corrupt` (an archive that cannot be read),
 * `xlsx.not-workbook` (a zip without `xl/workbook.xml`: another kind of document).
 */
export function unpackWorkbook(bytes: Uint8Array): UnpackedWorkbook {
  let entries = 0;
  let declared = 0;
  let tooLarge: WorkbookProblem | undefined;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (file) => {
        entries += 1;
        if (tooLarge !== undefined) return false;
        if (entries > MAX_ENTRIES) {
          tooLarge = { code: 'xlsx.too-large', args: { what: 'entries', limit: MAX_ENTRIES } };
          return false;
        }
        if (!file.name.startsWith('xl/') || !/\.(xml|rels)$/i.test(file.name)) return false;
        declared += file.originalSize;
        if (declared > MAX_UNPACKED_BYTES) {
          tooLarge = { code: 'xlsx.too-large', args: { what: 'bytes', limit: MAX_UNPACKED_BYTES } };
          return false;
        }
        return true;
      },
    });
  } catch (error) {
    return { ok: false, problem: { code: 'xlsx.corrupt', args: { reason: error instanceof Error ? error.message : String(error) } } };
  }
  if (tooLarge !== undefined) return { ok: false, problem: tooLarge };
  if (parts['xl/workbook.xml'] === undefined) {
    return { ok: false, problem: Object.keys(parts).length > 0 ? { code: 'xlsx.corrupt', args: { reason: 'no xl/workbook.xml' } } : { code: 'xlsx.not-workbook' } };
  }
  return { ok: true, parts };
}
