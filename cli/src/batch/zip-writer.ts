/**
 * A streaming zip writer (for report.xlsx): each part's text goes to the file in chunks as it is
 * produced, so memory stays flat however large the batch. fflate's streaming Zip does the zip
 * format (synchronously, so a write error surfaces where it happens); Node's zlib deflates.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { constants, deflateRawSync } from 'node:zlib';
import { Zip, ZipPassThrough } from 'fflate';

/**
 * A deflated zip entry whose chunks Node's native zlib compresses, about 8× faster than fflate's
 * JavaScript deflate (which was half the time spent writing the report). Each chunk ends with a
 * sync flush (byte-aligned, not final) and the last with the final block, so the chunks joined
 * are one valid deflate stream. fflate counts the size and CRC of the text pushed.
 */
class NativeDeflate extends ZipPassThrough {
  constructor(name: string) {
    super(name);
    this.compression = 8;
  }

  protected override process(chunk: Uint8Array, final: boolean): void {
    // (level 1: the report is small either way, and higher levels cost most of the writing time)
    const out = deflateRawSync(chunk, { level: 1, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
    this.ondata(null, new Uint8Array(out.buffer, out.byteOffset, out.length), final);
  }
}

/** text buffered before a chunk is deflated */
const CHUNK = 256 * 1024;
const utf8 = new TextEncoder();

export class ZipWriter {
  private fd: number;
  private zip: Zip;
  private cur?: NativeDeflate;
  private pending: string[] = [];
  private pendingLength = 0;
  private size = 0;

  constructor(path: string) {
    const fd = (this.fd = openSync(path, 'w'));
    this.zip = new Zip((err, data) => {
      if (err) throw err;
      for (let off = 0; off < data.length;) off += writeSync(fd, data, off, data.length - off);
      if ((this.size += data.length) > 0xfffffff0) throw new Error('report.xlsx too large (no zip64)');
    });
  }

  /** Starts a part; its text follows with text(), and end() (or the next begin()) finishes it. */
  begin(name: string): void {
    this.end();
    this.cur = new NativeDeflate(name);
    this.zip.add(this.cur);
  }

  text(s: string): void {
    this.pending.push(s);
    this.pendingLength += s.length;
    if (this.pendingLength >= CHUNK) this.flush(false);
  }

  end(): void {
    if (!this.cur) return;
    this.flush(true);
    this.cur = undefined;
  }

  /** Finishes the last part, writes the central directory and closes the file. */
  close(): void {
    this.end();
    this.zip.end();
    closeSync(this.fd);
  }

  /** Closes the file without finishing it (on an error). */
  abort(): void {
    closeSync(this.fd);
  }

  private flush(final: boolean): void {
    const data = utf8.encode(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
    this.cur!.push(data, final);
  }
}
