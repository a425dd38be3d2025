/**
 * A minimal zip writer for the annotated copy: entries of the source are copied as stored (their
 * compressed bytes, CRC and sizes untouched), changed or new parts are deflated with fflate.
 * No Node-only modules.
 */
import { deflateSync } from 'fflate';
import type { RawZipEntry } from '../processors/guard.js';

let table: Uint32Array | null = null;

export function crc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An entry to write: a source entry copied as stored, or new content for a part. */
export type OutEntry =
  | { raw: RawZipEntry }
  | { name: string; content: Uint8Array; modTime: number; modDate: number };

const utf8 = new TextEncoder();

interface Prepared {
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  compSize: number;
  size: number;
  modTime: number;
  modDate: number;
  data: Uint8Array;
}

function prepare(e: OutEntry): Prepared {
  if ('raw' in e) {
    const r = e.raw;
    // bit 3 (sizes in a data descriptor) is cleared: the new local header carries CRC and sizes
    return { nameBytes: r.nameBytes, flags: r.flags & ~0x0008, method: r.method, crc: r.crc, compSize: r.data.length, size: r.size, modTime: r.modTime, modDate: r.modDate, data: r.data };
  }
  const nameBytes = utf8.encode(e.name);
  // eslint-disable-next-line no-control-regex
  const flags = /^[\x00-\x7f]*$/.test(e.name) ? 0 : 0x0800;
  const data = deflateSync(e.content, { level: 6 });
  return { nameBytes, flags, method: 8, crc: crc32(e.content), compSize: data.length, size: e.content.length, modTime: e.modTime, modDate: e.modDate, data };
}

/** Writes a zip (no zip64: inputs are limited to tens of MB). */
export function writeZip(entries: OutEntry[]): Uint8Array {
  const prepared = entries.map(prepare);
  let localSize = 0;
  let cdSize = 0;
  for (const p of prepared) {
    localSize += 30 + p.nameBytes.length + p.data.length;
    cdSize += 46 + p.nameBytes.length;
  }
  if (localSize + cdSize + 22 > 0xffffffff || prepared.length > 0xffff) throw new Error('zip too large');
  const out = new Uint8Array(localSize + cdSize + 22);
  const view = new DataView(out.buffer);
  let o = 0;
  const offsets: number[] = [];
  for (const p of prepared) {
    offsets.push(o);
    view.setUint32(o, 0x04034b50, true);
    view.setUint16(o + 4, 20, true);
    view.setUint16(o + 6, p.flags, true);
    view.setUint16(o + 8, p.method, true);
    view.setUint16(o + 10, p.modTime, true);
    view.setUint16(o + 12, p.modDate, true);
    view.setUint32(o + 14, p.crc, true);
    view.setUint32(o + 18, p.compSize, true);
    view.setUint32(o + 22, p.size, true);
    view.setUint16(o + 26, p.nameBytes.length, true);
    view.setUint16(o + 28, 0, true);
    out.set(p.nameBytes, o + 30);
    o += 30 + p.nameBytes.length;
    out.set(p.data, o);
    o += p.data.length;
  }
  const cdStart = o;
  prepared.forEach((p, i) => {
    view.setUint32(o, 0x02014b50, true);
    view.setUint16(o + 4, 20, true); // made by: MS-DOS, spec 2.0
    view.setUint16(o + 6, 20, true);
    view.setUint16(o + 8, p.flags, true);
    view.setUint16(o + 10, p.method, true);
    view.setUint16(o + 12, p.modTime, true);
    view.setUint16(o + 14, p.modDate, true);
    view.setUint32(o + 16, p.crc, true);
    view.setUint32(o + 20, p.compSize, true);
    view.setUint32(o + 24, p.size, true);
    view.setUint16(o + 28, p.nameBytes.length, true);
    // extra, comment, disk, internal and external attributes: 0
    view.setUint32(o + 42, offsets[i], true);
    out.set(p.nameBytes, o + 46);
    o += 46 + p.nameBytes.length;
  });
  view.setUint32(o, 0x06054b50, true);
  view.setUint16(o + 8, prepared.length, true);
  view.setUint16(o + 10, prepared.length, true);
  view.setUint32(o + 12, o - cdStart, true);
  view.setUint32(o + 16, cdStart, true);
  return out;
}
