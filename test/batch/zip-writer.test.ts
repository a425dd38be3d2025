/**
 * The streaming zip writer behind report.xlsx: parts in several deflate chunks, CRCs and a
 * central directory any reader accepts.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ZipWriter } from '../../cli/src/batch/zip-writer.js';
import { tempDir } from '../helpers/cli.js';

describe('ZipWriter', () => {
  it('writes parts (one over several chunks) that read back byte for byte, with the right CRCs', () => {
    const dir = tempDir('dafu-zip-');
    const path = join(dir, 'out.zip');
    const big = Array.from({ length: 40_000 }, (_, i) => `<row r="${i}"><c t="str"><v>第${i}行 &amp; 答复</v></c></row>`);
    const zip = new ZipWriter(path);
    zip.begin('[Content_Types].xml');
    zip.text('<Types/>');
    zip.begin('xl/worksheets/sheet1.xml'); // begin() ends the previous part
    for (const row of big) zip.text(row);
    zip.end();
    zip.begin('empty.xml');
    zip.close();

    const bytes = new Uint8Array(readFileSync(path));
    rmSync(dir, { recursive: true, force: true });
    const files = unzipSync(bytes);
    const dec = new TextDecoder();
    expect(Object.keys(files)).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'empty.xml']);
    expect(dec.decode(files['[Content_Types].xml'])).toBe('<Types/>');
    expect(dec.decode(files['xl/worksheets/sheet1.xml'])).toBe(big.join(''));
    expect(files['empty.xml'].length).toBe(0);
    // CRC-32 in the central directory (zlib.crc32 where this Node has it)
    const crc32 = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
    if (crc32) {
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const cd = view.getUint32(bytes.length - 22 + 16, true);
      const crcs: number[] = [];
      for (let o = cd, i = 0; i < 3; i++) {
        crcs.push(view.getUint32(o + 16, true));
        o += 46 + view.getUint16(o + 28, true);
      }
      expect(crcs).toEqual(Object.values(files).map((f) => crc32(f)));
    }
  });
});
