import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CaseKind } from '@dafu/rules';
import type { JsonResult } from '../report/json.js';

export interface CacheEntry { key: string; result: JsonResult; stated?: { number?: string; kind?: CaseKind; unit?: string } }

const FORMAT = 'dafu-batch-cache/2';

/**
 * The batch cache: a JSON-lines file, a header line and then one line per draft with its
 * absolute path, the key it was checked under (sha256 of the file : sha256 of config + case
 * context + rule pack and CLI versions) and its result. Only paths, keys and line offsets are
 * kept in memory; a result is read back from the file when its key matches. A missing,
 * damaged or foreign file is an empty cache, never an error.
 */
export class BatchCache {
  private index = new Map<string, { key: string; start: number; length: number }>();
  private fd: number | undefined;

  constructor(readonly path: string) {
    if (!existsSync(path)) return;
    try {
      this.fd = openSync(path, 'r');
      this.scan();
    } catch {
      this.index.clear();
      this.close();
    }
  }

  get size(): number { return this.index.size; }

  key(path: string): string | undefined { return this.index.get(path)?.key; }

  get(path: string): CacheEntry | undefined {
    const at = this.index.get(path);
    if (!at || this.fd === undefined) return undefined;
    const buf = Buffer.allocUnsafe(at.length);
    let off = 0;
    while (off < at.length) { const n = readSync(this.fd, buf, off, at.length - off, at.start + off); if (!n) return undefined; off += n; }
    try {
      const line = JSON.parse(buf.toString('utf8')) as CacheEntry & { path: string };
      return line.path === path && line.key === at.key && line.result ? { key: line.key, result: line.result, ...(line.stated ? { stated: line.stated } : {}) } : undefined;
    } catch {
      return undefined;
    }
  }

  close(): void {
    if (this.fd !== undefined) { try { closeSync(this.fd); } catch { /* closed */ } this.fd = undefined; }
  }

  /** Reads the file line by line in chunks (never whole), indexing path → key and offsets. */
  private scan(): void {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let pos = 0;
    let carry: Buffer = Buffer.alloc(0);
    let carryStart = 0;
    let first = true;
    for (;;) {
      const n = readSync(this.fd!, chunk, 0, chunk.length, pos);
      const data = n ? Buffer.concat([carry, chunk.subarray(0, n)]) : carry;
      const dataStart = carry.length ? carryStart : pos;
      let lineStart = 0;
      for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10, lineStart)) {
        this.line(data.subarray(lineStart, nl), dataStart + lineStart, first);
        first = false;
        lineStart = nl + 1;
      }
      if (!n) { if (lineStart < data.length) this.line(data.subarray(lineStart), dataStart + lineStart, first); break; }
      carry = Buffer.from(data.subarray(lineStart));
      carryStart = dataStart + lineStart;
      pos += n;
    }
  }

  private line(bytes: Buffer, start: number, first: boolean): void {
    if (!bytes.length) return;
    const text = bytes.toString('utf8');
    if (first) {
      if ((JSON.parse(text) as { format?: string }).format !== FORMAT) throw new Error('not a dafu batch cache');
      return;
    }
    // only the head of the line is needed: path and key come first
    const head = text.slice(0, 4096).match(/^\{"path":("(?:[^"\\]|\\.)*"),"key":"([0-9a-f:]+)"/);
    if (head) this.index.set(JSON.parse(head[1]) as string, { key: head[2], start, length: bytes.length });
  }
}

/** Writes the cache atomically (temp file, then rename), one entry at a time. */
export function writeCache(path: string, entries: Iterable<[string, CacheEntry]>): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  const w = (s: string) => { const b = Buffer.from(s, 'utf8'); let o = 0; while (o < b.length) o += writeSync(fd, b, o); };
  try {
    w(`${JSON.stringify({ format: FORMAT })}\n`);
    for (const [p, v] of entries) w(`${JSON.stringify({ path: p, key: v.key, ...(v.stated ? { stated: v.stated } : {}), result: v.result })}\n`);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (e) {
    try { closeSync(fd); } catch { /* closed */ }
    rmSync(tmp, { force: true });
    throw e;
  }
}
