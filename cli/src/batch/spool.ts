import { closeSync, openSync, readSync, writeSync } from 'node:fs';

/** Where a spool's lines are: enough for another thread to read them (the report writers). */
export interface SpoolIndex { path: string; starts: Float64Array; lens: Float64Array }

/**
 * Results on disk, one JSON line per draft, read back by index: the main thread keeps two
 * numbers per draft instead of its findings, so memory stays flat as the batch grows. A draft
 * checked again (matched by its text after the first round) gets a new line; the old one is
 * simply no longer indexed.
 */
export class Spool<T> {
  private fd: number;
  private pos = 0;

  constructor(private path: string, private starts: Float64Array, private lens: Float64Array, mode: 'w+' | 'r') {
    this.fd = openSync(path, mode);
  }

  /** A new spool for `size` drafts. */
  static create<T>(path: string, size: number): Spool<T> {
    return new Spool<T>(path, new Float64Array(size).fill(-1), new Float64Array(size), 'w+');
  }

  /** Another handle on a spool's lines, for reading. */
  static open<T>(index: SpoolIndex): Spool<T> {
    return new Spool<T>(index.path, index.starts, index.lens, 'r');
  }

  index(): SpoolIndex {
    return { path: this.path, starts: this.starts, lens: this.lens };
  }

  put(index: number, value: T): void {
    this.putJson(index, JSON.stringify(value));
  }

  /** A value already as JSON text (one line). */
  putJson(index: number, json: string): void {
    const buf = Buffer.from(json + '\n', 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off, this.pos + off);
    this.starts[index] = this.pos;
    this.lens[index] = buf.length - 1;
    this.pos += buf.length;
  }

  has(index: number): boolean { return this.starts[index] >= 0; }

  get(index: number): T | undefined {
    if (this.starts[index] < 0) return undefined;
    const buf = Buffer.allocUnsafe(this.lens[index]);
    let off = 0;
    while (off < buf.length) {
      const n = readSync(this.fd, buf, off, buf.length - off, this.starts[index] + off);
      if (n === 0) break;
      off += n;
    }
    return JSON.parse(buf.toString('utf8')) as T;
  }

  get size(): number { return this.starts.length; }

  /** The values present, in input order. */
  *values(): Generator<T> {
    for (const [, v] of this.entries()) yield v;
  }

  /** Indices in input order whose value is present. */
  *entries(filter?: (i: number) => boolean): Generator<[number, T]> {
    for (let i = 0; i < this.starts.length; i++) {
      if (this.starts[i] < 0 || (filter && !filter(i))) continue;
      yield [i, this.get(i)!];
    }
  }

  close(): void {
    try { closeSync(this.fd); } catch { /* already closed */ }
  }
}
