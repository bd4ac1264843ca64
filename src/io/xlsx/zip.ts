/**
 * The zip container of an .xlsx workbook: a few files, each deflated by Node's own zlib.
 * Native deflate compresses a 49 MB sheet (100,000 rows) in 0.8 s to 4.6 MB, where a
 * JavaScript deflate (fflate, level 6) took 2.9 s for 4.8 MB. Plain zip as Office writes it:
 * no zip64 (every part stays far below 4 GiB), ASCII names, one fixed timestamp, so the same
 * workbook gives the same bytes.
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** A file's content: bytes, text (written as UTF-8), or pieces of bytes in order. */
export type ZipContent = Uint8Array | string | readonly Uint8Array[];

/** 2000-01-01 00:00 in MS-DOS date and time form. */
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
/** Deflate (8); version 2.0 of the format is needed to extract it. */
const DEFLATE = 8;
const VERSION = 20;

/**
 * The fields a local header and its central directory entry share, in the same order from
 * `at` on: version needed, flags, method, time, date, CRC-32, compressed and full size, the
 * name's length.
 */
function writeEntryFields(header: Buffer, at: number, e: { crc: number; compressed: number; size: number; name: number }): void {
  header.writeUInt16LE(VERSION, at);
  header.writeUInt16LE(0, at + 2); // flags
  header.writeUInt16LE(DEFLATE, at + 4);
  header.writeUInt16LE(DOS_TIME, at + 6);
  header.writeUInt16LE(DOS_DATE, at + 8);
  header.writeUInt32LE(e.crc, at + 10);
  header.writeUInt32LE(e.compressed, at + 14);
  header.writeUInt32LE(e.size, at + 18);
  header.writeUInt16LE(e.name, at + 22);
}

/** The bytes of a zip archive holding `files` (name → content), in the order given. */
export function zipFiles(files: Readonly<Record<string, ZipContent>>): Uint8Array {
  const pieces: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content instanceof Uint8Array ? content : Buffer.concat(content);
    const crc = crc32(data);
    const deflated = deflateRawSync(data, { level: 6 });
    const nameBytes = Buffer.from(name, 'ascii');
    const sizes = { crc, compressed: deflated.length, size: data.length, name: nameBytes.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, sizes);
    // extra field: none
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(VERSION, 4); // made by
    writeEntryFields(entry, 6, sizes);
    // extra, comment, disk, internal and external attributes: 0
    entry.writeUInt32LE(offset, 42);
    pieces.push(local, nameBytes, deflated);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + deflated.length;
    if (offset > 0xffffffff) throw new RangeError('a workbook of 4 GiB or more needs zip64, which is not written');
  }
  const directorySize = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = Object.keys(files).length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...pieces, ...central, end]);
}
