// The workbook's zip container is written by flere itself (zip.ts): checked against two
// independent readers, fflate's unzip (contents) and Python's zipfile (every CRC, sizes).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipFiles } from '../../../src/io/xlsx/zip.js';

const name = fc.stringMatching(/^[a-z][a-z0-9_/]{0,20}\.xml$/);

describe('zipFiles', () => {
  it('holds every file byte for byte, whatever the content (text, bytes, pieces)', () => {
    fc.assert(
      fc.property(fc.dictionary(name, fc.oneof(fc.string({ unit: 'grapheme' }), fc.uint8Array({ maxLength: 5000 }))), (files) => {
        const unzipped = unzipSync(zipFiles(files));
        expect(Object.keys(unzipped).sort()).toEqual(Object.keys(files).sort());
        for (const [n, content] of Object.entries(files)) {
          expect(Buffer.from(unzipped[n] as Uint8Array)).toEqual(typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content));
        }
      }),
    );
    const pieces = [Buffer.from('<a>'), Buffer.from('ø'.repeat(70_000)), Buffer.from('</a>')];
    expect(Buffer.from(unzipSync(zipFiles({ 'x.xml': pieces }))['x.xml'] as Uint8Array).toString()).toBe(`<a>${'ø'.repeat(70_000)}</a>`);
  });

  it('is a zip that Python\'s zipfile reads with every CRC right', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flere-zip-'));
    const path = join(dir, 'x.zip');
    // 'Ærø ' is 6 bytes of UTF-8.
    writeFileSync(path, zipFiles({ '[Content_Types].xml': '<Types/>', 'xl/a.xml': 'Ærø '.repeat(100_000), 'b.bin': new Uint8Array(256).map((_, i) => i) }));
    const script = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(z.testzip(), [(i.filename, i.file_size, i.compress_type) for i in z.infolist()])';
    const r = spawnSync('python3', ['-c', script, path], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe("None [('[Content_Types].xml', 8, 8), ('xl/a.xml', 600000, 8), ('b.bin', 256, 8)]");
  });
});
