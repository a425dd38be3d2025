/**
 * The text layer of a PDF draft, for checking the words when no Word file is at hand. A small
 * reader of our own (no pdf.js: its current builds need Node 22): objects and object streams,
 * FlateDecode with a hard output cap, the page tree, fonts with ToUnicode CMaps (how Word and WPS
 * embed Chinese fonts) and the advances they declare, and the text operators of content streams
 * and form XObjects. Lines are joined into paragraphs by indentation, spacing and where they end;
 * layout facts are not read, so layout rules are skipped (the caller adds a note).
 *
 * A PDF without any text (a scan) or whose fonts carry no Unicode mapping throws E_PDF with what
 * to do. No Node-only modules: fflate and TextDecoder.
 */
import { Inflate } from 'fflate';
import { InputError } from './errors.js';

export interface PdfText {
  paragraphs: string[];
  pages: number;
  /** images seen on the pages (a scan has images and no text) */
  images: number;
}

export interface PdfLimits {
  /** decoded bytes of all streams together */
  maxDecodedBytes: number;
  /** objects in the file */
  maxObjects: number;
}

const MB = 1024 * 1024;
export const defaultPdfLimits: PdfLimits = Object.freeze({ maxDecodedBytes: 64 * MB, maxObjects: 200_000 });

// ---------------------------------------------------------------------------------------------
// objects

type Value = number | string | boolean | null | Name | Ref | Value[] | Dict | Bytes;
interface Name { n: string }
interface Ref { ref: number }
interface Bytes { b: Uint8Array }
type Dict = { [key: string]: Value } & { __dict?: true };

const isName = (v: unknown): v is Name => typeof v === 'object' && v !== null && 'n' in v;
const isRef = (v: unknown): v is Ref => typeof v === 'object' && v !== null && 'ref' in v;
const isBytes = (v: unknown): v is Bytes => typeof v === 'object' && v !== null && 'b' in v;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v) && !isName(v) && !isRef(v) && !isBytes(v);

interface PdfObject { dict: Value; stream?: Uint8Array }

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** A tokenizer/parser over bytes for PDF objects and content streams. */
class Lexer {
  pos: number;
  constructor(readonly b: Uint8Array, pos = 0, readonly end = b.length) { this.pos = pos; }

  skipWs(): void {
    const b = this.b;
    while (this.pos < this.end) {
      const c = b[this.pos];
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) { while (this.pos < this.end && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++; }
      else break;
    }
  }

  /** the next value or operator (an operator is returned as { op }) */
  next(depth = 0): Value | { op: string } | undefined {
    this.skipWs();
    if (this.pos >= this.end) return undefined;
    if (depth > 64) throw new Error('nesting');
    const b = this.b;
    const c = b[this.pos];
    if (c === 0x28) return { b: this.literal() };
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) {
        this.pos += 2;
        const d: Dict = {};
        for (;;) {
          this.skipWs();
          if (this.pos >= this.end) return d;
          if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) { this.pos += 2; return d; }
          const k = this.next(depth + 1);
          if (!isName(k)) { if (k === undefined) return d; continue; }
          const v = this.next(depth + 1);
          if (v !== undefined && !(typeof v === 'object' && v !== null && 'op' in v)) d[k.n] = v as Value;
        }
      }
      return { b: this.hex() };
    }
    if (c === 0x5b) {
      this.pos++;
      const arr: Value[] = [];
      for (;;) {
        this.skipWs();
        if (this.pos >= this.end) return arr;
        if (b[this.pos] === 0x5d) { this.pos++; return arr; }
        const v = this.next(depth + 1);
        if (v === undefined) return arr;
        if (typeof v === 'object' && v !== null && 'op' in v) continue; // ("n g R" is read as a reference by the number branch)
        arr.push(v as Value);
      }
    }
    if (c === 0x2f) {
      this.pos++;
      const s = this.pos;
      while (this.pos < this.end && !WS.has(b[this.pos]) && !DELIM.has(b[this.pos])) this.pos++;
      return { n: latin1(b.subarray(s, this.pos)).replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) };
    }
    if (c === 0x3e || c === 0x5d || c === 0x29 || c === 0x7b || c === 0x7d) { this.pos++; return { op: String.fromCharCode(c) }; }
    const s = this.pos;
    while (this.pos < this.end && !WS.has(b[this.pos]) && !DELIM.has(b[this.pos])) this.pos++;
    if (this.pos === s) { this.pos++; return { op: '' }; }
    const word = latin1(b.subarray(s, this.pos));
    if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(word)) {
      // "12 0 R" → a reference
      const save = this.pos;
      if (/^\d+$/.test(word)) {
        this.skipWs();
        const g = this.pos;
        while (this.pos < this.end && b[this.pos] >= 0x30 && b[this.pos] <= 0x39) this.pos++;
        if (this.pos > g) {
          this.skipWs();
          if (b[this.pos] === 0x52 /* R */ && (this.pos + 1 >= this.end || WS.has(b[this.pos + 1]) || DELIM.has(b[this.pos + 1]))) { this.pos++; return { ref: Number(word) }; }
        }
        this.pos = save;
      }
      return Number(word);
    }
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return { op: word };
  }

  literal(): Uint8Array {
    const b = this.b;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < this.end) {
      const c = b[this.pos++];
      if (c === 0x5c) {
        const d = b[this.pos++];
        if (d === 0x6e) out.push(0x0a); else if (d === 0x72) out.push(0x0d); else if (d === 0x74) out.push(0x09);
        else if (d === 0x62) out.push(0x08); else if (d === 0x66) out.push(0x0c);
        else if (d === 0x0d) { if (b[this.pos] === 0x0a) this.pos++; } else if (d === 0x0a) { /* line continuation */ }
        else if (d >= 0x30 && d <= 0x37) {
          let v = d - 0x30;
          for (let k = 0; k < 2 && b[this.pos] >= 0x30 && b[this.pos] <= 0x37; k++) v = v * 8 + (b[this.pos++] - 0x30);
          out.push(v & 0xff);
        } else out.push(d);
      } else if (c === 0x28) { depth++; out.push(c); }
      else if (c === 0x29) { if (--depth === 0) break; out.push(c); }
      else out.push(c);
    }
    return Uint8Array.from(out);
  }

  hex(): Uint8Array {
    const b = this.b;
    this.pos++;
    const out: number[] = [];
    let hi = -1;
    while (this.pos < this.end) {
      const c = b[this.pos++];
      if (c === 0x3e) break;
      const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
      if (v < 0) continue;
      if (hi < 0) hi = v; else { out.push(hi * 16 + v); hi = -1; }
    }
    if (hi >= 0) out.push(hi * 16);
    return Uint8Array.from(out);
  }
}

const latin1Decoder = new TextDecoder('latin1');
const latin1 = (b: Uint8Array): string => latin1Decoder.decode(b);

const tooLarge = (): InputError => new InputError('E_TOO_LARGE', 'PDF 文件内容过于庞大（解压后超出上限），可能是异常文件；请提供 Word 原稿(.docx)后再检查');

const tooComplex = (): InputError => new InputError('E_TOO_LARGE', 'PDF 文件结构过于复杂（绘制指令超出上限），可能是异常文件；请提供 Word 原稿(.docx)后再检查');

function inflateCapped(data: Uint8Array, budget: { left: number }): Uint8Array | null {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const inf = new Inflate((c: Uint8Array) => {
    if (over) return;
    size += c.length;
    if (size > budget.left) { over = true; return; }
    chunks.push(c);
  });
  try {
    // zlib header (FlateDecode is zlib): skip its two bytes when present
    const start = data.length > 2 && (data[0] & 0x0f) === 8 && ((data[0] << 8) | data[1]) % 31 === 0 ? 2 : 0;
    for (let off = start; off < data.length && !over; off += 16384) inf.push(data.subarray(off, Math.min(off + 16384, data.length)), off + 16384 >= data.length);
  } catch {
    // a truncated or corrupt stream keeps what was decoded
  }
  if (over) throw tooLarge();
  budget.left -= size;
  if (!chunks.length) return size === 0 ? new Uint8Array(0) : null;
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) out.set(c, o), (o += c.length);
  return out;
}

class PdfFile {
  readonly objects = new Map<number, PdfObject>();
  readonly budget: { left: number };
  private decoded = new Map<number, Uint8Array | null>();
  trailer: Dict = {};

  constructor(readonly bytes: Uint8Array, readonly limits: PdfLimits) {
    this.budget = { left: limits.maxDecodedBytes };
    this.scan();
  }

  /** Every "n g obj" in file order (later definitions win, as incremental updates do). */
  private scan(): void {
    const b = this.bytes;
    const text = latin1(b);
    const re = /(?<!\d)(\d+)\s+(\d+)\s+obj\b/g; // (starts only where a number starts: linear on digit runs)
    let count = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (++count > this.limits.maxObjects) throw tooLarge();
      const num = Number(m[1]);
      const lx = new Lexer(b, m.index + m[0].length);
      let dict: Value | { op: string } | undefined;
      try { dict = lx.next(); } catch { continue; }
      if (dict === undefined || (typeof dict === 'object' && dict !== null && 'op' in dict)) continue;
      const obj: PdfObject = { dict: dict as Value };
      lx.skipWs();
      if (text.startsWith('stream', lx.pos)) {
        let s = lx.pos + 6;
        if (b[s] === 0x0d) s++;
        if (b[s] === 0x0a) s++;
        const len = isDict(dict) && typeof dict.Length === 'number' ? dict.Length : -1;
        let e = len >= 0 && s + len <= b.length && text.startsWith('endstream', skipWsAt(b, s + len)) ? s + len : text.indexOf('endstream', s);
        if (e < 0) e = b.length;
        obj.stream = b.subarray(s, e);
        re.lastIndex = e;
      } else {
        re.lastIndex = Math.max(re.lastIndex, lx.pos);
      }
      this.objects.set(num, obj);
    }
    // trailers (classic) and xref streams both carry /Root and /Encrypt
    for (let i = text.indexOf('trailer'); i >= 0; i = text.indexOf('trailer', i + 7)) {
      try { const d = new Lexer(b, i + 7).next(); if (isDict(d)) this.trailer = { ...this.trailer, ...d }; } catch { /* ignore */ }
    }
    for (const o of this.objects.values()) if (isDict(o.dict) && isName(o.dict.Type) && o.dict.Type.n === 'XRef') this.trailer = { ...o.dict, ...this.trailer };
    // objects inside object streams
    for (const [num, o] of [...this.objects]) {
      if (!isDict(o.dict) || !isName(o.dict.Type) || o.dict.Type.n !== 'ObjStm') continue;
      const data = this.streamData(num);
      const n = typeof o.dict.N === 'number' ? o.dict.N : 0;
      const first = typeof o.dict.First === 'number' ? o.dict.First : 0;
      if (!data || n <= 0 || n > this.limits.maxObjects) continue;
      const head = new Lexer(data, 0, Math.min(first, data.length));
      const entries: Array<[number, number]> = [];
      try {
        for (let k = 0; k < n; k++) {
          const a = head.next(), c = head.next();
          if (typeof a !== 'number' || typeof c !== 'number') break;
          entries.push([a, c]);
        }
      } catch { /* a broken header: the entries read so far */ }
      for (const [objNum, off] of entries) {
        if (this.objects.has(objNum)) continue;
        try {
          const v = new Lexer(data, first + off).next();
          if (v !== undefined && !(typeof v === 'object' && v !== null && 'op' in v)) this.objects.set(objNum, { dict: v as Value });
        } catch { /* skip */ }
      }
    }
  }

  get(v: Value | undefined, depth = 0): Value | undefined {
    if (isRef(v) && depth < 32) return this.get(this.objects.get(v.ref)?.dict, depth + 1);
    return v;
  }

  /** Decoded data of a stream object (FlateDecode only; other filters give null). */
  streamData(num: number): Uint8Array | null {
    if (this.decoded.has(num)) return this.decoded.get(num)!;
    const o = this.objects.get(num);
    let out: Uint8Array | null = null;
    if (o?.stream) {
      const d = isDict(o.dict) ? o.dict : {};
      const f = this.get(d.Filter);
      const filters = (Array.isArray(f) ? f : f ? [f] : []).map((x) => (isName(x) ? x.n : ''));
      if (filters.length === 0) out = o.stream;
      else if (filters.every((x) => x === 'FlateDecode' || x === 'Fl')) {
        out = o.stream;
        for (let k = 0; k < filters.length && out; k++) out = inflateCapped(out, this.budget);
      }
    }
    this.decoded.set(num, out);
    return out;
  }
}

function skipWsAt(b: Uint8Array, i: number): number {
  while (i < b.length && WS.has(b[i])) i++;
  return i;
}

// ---------------------------------------------------------------------------------------------
// fonts

interface Font {
  /** bytes per character code: 1 for simple fonts, 2 for Identity-H and two-byte CMaps */
  codeBytes: number;
  map?: Map<number, string>;
  /** the codes are UCS-2 already (UniGB-UCS2-H and the like) */
  ucs2?: boolean;
  /** a CID font without a Unicode mapping: its text cannot be read */
  opaque: boolean;
  /** the advance the font declares for a code, per unit of font size; undefined when it declares none */
  advance: (code: number) => number | undefined;
}

function parseCMap(data: Uint8Array): { map: Map<number, string>; codeBytes: number } {
  const map = new Map<number, string>();
  const lx = new Lexer(data);
  let codeBytes = 1;
  const toStr = (b: Uint8Array): string => {
    let s = '';
    for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i] << 8) | b[i + 1]);
    return b.length === 1 ? String.fromCharCode(b[0]) : s;
  };
  const code = (b: Uint8Array) => { let v = 0; for (const x of b) v = v * 256 + x; return v; };
  let mode = '';
  let pending: Value[] = [];
  for (let steps = 0; steps < 2_000_000; steps++) {
    let t: ReturnType<Lexer['next']>;
    try { t = lx.next(); } catch { break; }
    if (t === undefined) break;
    if (typeof t === 'object' && t !== null && 'op' in t) {
      const op = (t as { op: string }).op;
      if (op === 'begincodespacerange' || op === 'beginbfchar' || op === 'beginbfrange') { mode = op; pending = []; continue; }
      if (op === 'endcodespacerange') { const first = pending.find(isBytes); if (first) codeBytes = Math.max(1, Math.min(4, first.b.length)); mode = ''; continue; }
      if (op === 'endbfchar') {
        for (let i = 0; i + 1 < pending.length; i += 2) { const a = pending[i], u = pending[i + 1]; if (isBytes(a) && isBytes(u)) map.set(code(a.b), toStr(u.b)); }
        mode = ''; continue;
      }
      if (op === 'endbfrange') {
        for (let i = 0; i + 2 < pending.length; i += 3) {
          const a = pending[i], z = pending[i + 1], u = pending[i + 2];
          if (!isBytes(a) || !isBytes(z)) continue;
          const lo = code(a.b), hi = code(z.b);
          if (hi < lo || hi - lo > 65535) continue;
          if (isBytes(u)) {
            const base = toStr(u.b);
            const last = base.charCodeAt(base.length - 1);
            for (let c = lo; c <= hi; c++) map.set(c, base.slice(0, -1) + String.fromCharCode(last + (c - lo)));
          } else if (Array.isArray(u)) {
            u.forEach((x, k) => { if (isBytes(x) && lo + k <= hi) map.set(lo + k, toStr(x.b)); });
          }
        }
        mode = ''; continue;
      }
      continue;
    }
    if (mode) pending.push(t as Value);
  }
  return { map, codeBytes };
}

/** WinAnsi-ish single-byte decoding for simple fonts without ToUnicode (ASCII is what matters). */
const winAnsi = new TextDecoder('windows-1252');
const WIN_ANSI = Array.from({ length: 256 }, (_, i) => winAnsi.decode(Uint8Array.of(i)));

const numberOf = (v: Value | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
const noAdvances = (): undefined => undefined;

/**
 * A simple font's advances: /Widths from /FirstChar, in 1/1000 of the size (a Type3 font's
 * /FontMatrix scale instead). Codes outside take /MissingWidth. The standard 14 fonts declare none.
 */
function simpleAdvances(pdf: PdfFile, d: Dict): Font['advance'] {
  const widths = pdf.get(d.Widths);
  if (!Array.isArray(widths)) return noAdvances;
  const first = numberOf(pdf.get(d.FirstChar)) ?? 0;
  const matrix = pdf.get(d.FontMatrix);
  const unit = (Array.isArray(matrix) ? numberOf(pdf.get(matrix[0])) : undefined) ?? 0.001;
  const fd = pdf.get(d.FontDescriptor);
  const missing = isDict(fd) ? numberOf(pdf.get(fd.MissingWidth)) : undefined;
  return (code) => {
    const w = numberOf(pdf.get(widths[code - first])) ?? missing;
    return w === undefined ? undefined : w * unit;
  };
}

/**
 * A Type0 font's advances: its CIDFont's /W (runs "c [w1 w2 …]" and "c1 c2 w") and /DW. Codes
 * are CIDs only under Identity-H/V; under other CMaps the advances are not known here.
 */
function cidAdvances(pdf: PdfFile, d: Dict): Font['advance'] {
  const enc = pdf.get(d.Encoding);
  const kids = pdf.get(d.DescendantFonts);
  const cid = pdf.get(Array.isArray(kids) ? kids[0] : undefined);
  if (!isName(enc) || !/^Identity-[HV]$/.test(enc.n) || !isDict(cid)) return noAdvances;
  const dw = numberOf(pdf.get(cid.DW)) ?? 1000;
  // [first CID, last CID, one width or the widths from the first], sorted for a binary search
  const runs: Array<[number, number, number | Value[]]> = [];
  const w = pdf.get(cid.W);
  for (let i = 0; Array.isArray(w) && i + 1 < w.length; ) {
    const a = numberOf(pdf.get(w[i])), b = pdf.get(w[i + 1]), c = numberOf(pdf.get(w[i + 2]));
    if (a !== undefined && Array.isArray(b)) { runs.push([a, a + b.length - 1, b]); i += 2; }
    else if (a !== undefined && typeof b === 'number' && c !== undefined) { runs.push([a, b, c]); i += 3; }
    else i++;
  }
  runs.sort((p, q) => p[0] - q[0]);
  return (code) => {
    let lo = 0, hi = runs.length - 1;
    while (lo <= hi) { const mid = (lo + hi) >> 1; if (runs[mid][0] <= code) lo = mid + 1; else hi = mid - 1; }
    const run = runs[hi];
    const v = run && code <= run[1] ? (typeof run[2] === 'number' ? run[2] : numberOf(pdf.get(run[2][code - run[0]]))) : dw;
    return (v ?? dw) / 1000;
  };
}

function loadFont(pdf: PdfFile, v: Value | undefined, cache: Map<unknown, Font>): Font {
  const key = isRef(v) ? v.ref : v;
  const hit = cache.get(key);
  if (hit) return hit;
  const d = pdf.get(v);
  let font: Font = { codeBytes: 1, opaque: false, advance: noAdvances };
  if (isDict(d)) {
    const sub = isName(d.Subtype) ? d.Subtype.n : '';
    const enc = pdf.get(d.Encoding);
    const twoByte = sub === 'Type0';
    font = { codeBytes: twoByte ? 2 : 1, opaque: twoByte, advance: twoByte ? cidAdvances(pdf, d) : simpleAdvances(pdf, d) };
    const tu = d.ToUnicode;
    if (isRef(tu)) {
      const data = pdf.streamData(tu.ref);
      if (data) {
        const cm = parseCMap(data);
        if (cm.map.size) font = { ...font, codeBytes: twoByte ? Math.max(cm.codeBytes, 2) : cm.codeBytes, map: cm.map, opaque: false };
      }
    }
    if (!font.map && twoByte && isName(enc) && /^(UniGB-UCS2|UniGB-UTF16|UniCNS-UCS2|UniCNS-UTF16)-[HV]$/.test(enc.n)) {
      font = { ...font, codeBytes: 2, opaque: false, ucs2: true };
    }
  }
  cache.set(key, font);
  return font;
}

/** The text of one character code; undefined when the font does not say. */
function decodeCode(font: Font | undefined, code: number): string | undefined {
  if (!font) return WIN_ANSI[code & 0xff];
  if (font.ucs2) return String.fromCharCode(code);
  if (font.map) return font.map.get(code);
  return font.opaque ? undefined : WIN_ANSI[code & 0xff];
}

// ---------------------------------------------------------------------------------------------
// content streams

/**
 * A line of text as drawn: where it starts and ends on the page (measured with the advances the
 * fonts declare), its baseline and its largest font size. `adv`: the advances of its first code
 * points (up to LEAD_MAX), enough to measure what it starts with.
 */
interface Line { text: string; x: number; end: number; y: number; size: number; page: number; adv: number[] }

interface PageState { lines: Line[]; images: number; unknown: number; shown: number; page: number; budget: { ops: number; forms: number } }

/** Work allowed for one document: a form XObject drawn many times by itself must not explode. */
const OPS_BUDGET = 20_000_000;
const FORMS_BUDGET = 5_000;
const LEAD_MAX = 64;

/** [a b c d e f] as in PDF: x' = a·x + c·y + e, y' = b·x + d·y + f */
type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** m then n */
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];

/** What a font declares nothing for (the standard 14 fonts): full width for CJK, half for the rest. */
const estimate = (text: string | undefined, codeBytes: number): number => {
  if (text === undefined) return codeBytes > 1 ? 1 : 0.5;
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) < 0x2e80 ? 0.5 : 1;
  return w;
};

function runContent(pdf: PdfFile, data: Uint8Array, resources: Value | undefined, st: PageState, fonts: Map<unknown, Font>, depth: number, ctm: Matrix): void {
  const res = pdf.get(resources);
  const fontDict = isDict(res) ? pdf.get(res.Font) : undefined;
  const xobjects = isDict(res) ? pdf.get(res.XObject) : undefined;
  const lx = new Lexer(data);
  const args: Value[] = [];
  // the graphics state that places text (q/Q save and restore it): the CTM, font and size, Tc, Tw,
  // Tz (as a fraction) and TL
  let gs = { ctm, font: undefined as Font | undefined, size: 12, tc: 0, tw: 0, th: 1, leading: 0 };
  const saved: Array<typeof gs> = [];
  // the text matrix and text line matrix
  let tm: Matrix = [...IDENTITY], lm: Matrix = [...IDENTITY];
  const lineTo = (m: Matrix) => { lm = m; tm = [...m]; };
  const nextLine = () => lineTo(mul([1, 0, 0, 1, 0, -(gs.leading || gs.size * 1.2)], lm));
  const advance = (t: number) => { tm[4] += t * tm[0]; tm[5] += t * tm[1]; };
  const pageX = () => tm[4] * gs.ctm[0] + tm[5] * gs.ctm[2] + gs.ctm[4];
  // A show joins the page's last line when it is on the same baseline to the right (Word ends a
  // text object at every font change: digits in Times New Roman, Chinese in 仿宋), else starts a line.
  const show = (b: Uint8Array) => {
    const font = gs.font, n = font?.codeBytes ?? 1;
    const trm = mul(tm, gs.ctm);
    const size = Math.abs(gs.size * Math.hypot(trm[2], trm[3])) || 1;
    const x = trm[4], y = trm[5];
    let text = '';
    const adv: number[] = [];
    for (let i = 0; i + n <= b.length; i += n) {
      let code = 0;
      for (let k = 0; k < n; k++) code = code * 256 + b[i + k];
      const t = decodeCode(font, code);
      if (t === undefined) st.unknown++;
      const from = pageX();
      const w = font?.advance(code) ?? estimate(t, n);
      advance((w * gs.size + gs.tc + (n === 1 && code === 32 ? gs.tw : 0)) * gs.th);
      if (!t) continue;
      text += t;
      if (adv.length < LEAD_MAX) adv.push(pageX() - from, ...Array<number>(t.length === 1 ? 0 : [...t].length - 1).fill(0));
    }
    if (!text) return;
    st.shown += text.length;
    const end = pageX();
    const last = st.lines[st.lines.length - 1];
    if (last && last.page === st.page && Math.abs(y - last.y) < Math.max(1, size * 0.4) && x >= last.x) {
      last.text += text;
      if (last.adv.length < LEAD_MAX) last.adv.push(...adv);
      last.end = Math.max(last.end, end);
      last.size = Math.max(last.size, size);
    } else st.lines.push({ text, x, end, y, size, page: st.page, adv });
  };
  for (;;) {
    if (--st.budget.ops < 0) throw tooComplex();
    let t: ReturnType<Lexer['next']>;
    try { t = lx.next(); } catch { break; } // nesting beyond reason: the rest of this stream is unreadable
    if (t === undefined) break;
    if (!(typeof t === 'object' && t !== null && 'op' in t)) { args.push(t as Value); if (args.length > 64) args.shift(); continue; }
    const op = (t as { op: string }).op;
    const num = (i: number) => { const v = args[args.length - i]; return typeof v === 'number' ? v : 0; };
    const matrix = (): Matrix => [num(6), num(5), num(4), num(3), num(2), num(1)];
    switch (op) {
      case 'q': if (saved.length < 256) saved.push({ ...gs }); break;
      case 'Q': gs = saved.pop() ?? gs; break;
      case 'cm': gs.ctm = mul(matrix(), gs.ctm); break;
      case 'BT': lineTo([...IDENTITY]); break;
      case 'Tf': {
        const name = args[args.length - 2];
        gs.size = num(1) || gs.size;
        gs.font = isName(name) && isDict(fontDict) ? loadFont(pdf, fontDict[name.n], fonts) : undefined;
        break;
      }
      case 'Tc': gs.tc = num(1); break;
      case 'Tw': gs.tw = num(1); break;
      case 'Tz': gs.th = num(1) / 100; break;
      case 'TL': gs.leading = num(1); break;
      case 'Td': lineTo(mul([1, 0, 0, 1, num(2), num(1)], lm)); break;
      case 'TD': gs.leading = -num(1); lineTo(mul([1, 0, 0, 1, num(2), num(1)], lm)); break;
      case 'Tm': lineTo(matrix()); break;
      case 'T*': nextLine(); break;
      case 'Tj': { const v = args[args.length - 1]; if (isBytes(v)) show(v.b); break; }
      case "'": { nextLine(); const v = args[args.length - 1]; if (isBytes(v)) show(v.b); break; }
      case '"': { gs.tw = num(3); gs.tc = num(2); nextLine(); const v = args[args.length - 1]; if (isBytes(v)) show(v.b); break; }
      case 'TJ': {
        const v = args[args.length - 1];
        // a number moves the next glyph left by thousandths of the font size
        if (Array.isArray(v)) for (const x of v) if (isBytes(x)) show(x.b); else if (typeof x === 'number') advance((-x / 1000) * gs.size * gs.th);
        break;
      }
      case 'Do': {
        const name = args[args.length - 1];
        const ref = isName(name) && isDict(xobjects) ? xobjects[name.n] : undefined;
        const x = pdf.get(ref);
        if (isDict(x) && isName(x.Subtype)) {
          if (x.Subtype.n === 'Image') st.images++;
          else if (x.Subtype.n === 'Form' && isRef(ref) && depth < 6) {
            if (--st.budget.forms < 0) throw tooComplex();
            const d = pdf.streamData(ref.ref);
            const m = pdf.get(x.Matrix);
            const formMatrix = Array.isArray(m) && m.length === 6 && m.every((k) => typeof k === 'number') ? (m as Matrix) : IDENTITY;
            if (d) runContent(pdf, d, x.Resources ?? resources, st, fonts, depth + 1, mul(formMatrix, gs.ctm));
          }
        }
        break;
      }
      case 'BI': {
        // inline image: skip its data up to EI
        st.images++;
        const b = lx.b;
        let i = lx.pos;
        while (i + 2 < lx.end && !(b[i] === 0x45 && b[i + 1] === 0x49 && WS.has(b[i + 2]) && WS.has(b[i - 1]))) i++;
        lx.pos = i + 2;
        break;
      }
    }
    args.length = 0;
  }
}

function pagesOf(pdf: PdfFile): Dict[] {
  const root = pdf.get(pdf.trailer.Root);
  const out: Dict[] = [];
  const seen = new Set<unknown>();
  const walk = (v: Value | undefined, inherited: Value | undefined, depth: number) => {
    if (depth > 64 || out.length > 5000 || seen.has(isRef(v) ? v.ref : v)) return;
    seen.add(isRef(v) ? v.ref : v);
    const d = pdf.get(v);
    if (!isDict(d)) return;
    const res = d.Resources ?? inherited;
    if (Array.isArray(pdf.get(d.Kids))) for (const k of pdf.get(d.Kids) as Value[]) walk(k, res, depth + 1);
    else out.push({ ...d, Resources: res ?? null });
  };
  if (isDict(root)) walk(root.Pages, undefined, 0);
  if (!out.length) {
    // no usable page tree: every /Type /Page object in file order
    for (const o of pdf.objects.values()) if (isDict(o.dict) && isName(o.dict.Type) && o.dict.Type.n === 'Page') out.push(o.dict);
  }
  return out;
}

const PAGE_NUMBER = /^[\s\u3000]*(?:[—－\-–]\s*)?(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[—－\-–])?(?:\s*[/／]\s*\d{1,4})?[\s\u3000]*$/u;

/** The most frequent value, rounded to whole points. */
function mode(xs: number[]): number | undefined {
  const n = new Map<number, number>();
  for (const x of xs) n.set(Math.round(x), (n.get(Math.round(x)) ?? 0) + 1);
  let best: number | undefined, count = 0;
  for (const [x, c] of n) if (c > count) (best = x), (count = c);
  return best;
}

/**
 * What a line starts with that a line break cannot split: a Latin word or number, or one character,
 * with the opening punctuation before it and the closing punctuation after it (Chinese line
 * breaking keeps those with their neighbour).
 */
const LEAD = /^\s*[（《〈「『【〔“‘(\[]*(?:[A-Za-z0-9.%]+|.)[，。、；：？！）》〉」』】〕”’,.;:?!)\]%]*/u;
const leadWidth = (l: Line): number => {
  const n = [...(LEAD.exec(l.text)?.[0] ?? '')].length;
  let w = 0;
  for (let i = 0; i < n && i < l.adv.length; i++) w += l.adv[i];
  return w;
};

/**
 * Joins lines into paragraphs the way a reader does: a line at the left margin, close below a
 * line that ran to the right edge (or at the top of the next page), continues it; a line indented
 * like a first line, one after a short line, or one after a centred or right-aligned line starts a
 * paragraph. A wrapped centred title is joined. Page numbers are dropped.
 *
 * Positions and widths are measured (the advances the fonts declare), so this does not depend on
 * which fonts the exporting machine had. A line ran to the right edge when what the next line
 * starts with would not have fitted after it: ragged-right lines stop short of the margin by up
 * to that much (a number is not broken). Half a character more allows for the estimate of the
 * margin, the most frequent end of long lines.
 */
function paragraphsOf(all: Line[]): string[] {
  const lines = all.filter((l) => l.text.trim() && !PAGE_NUMBER.test(l.text));
  if (!lines.length) return [];
  const size = mode(lines.map((l) => l.size)) ?? 12;
  const margin = lines.reduce((m, l) => Math.min(m, l.x), Infinity);
  const firstIndent = mode(lines.map((l) => l.x).filter((x) => x > margin + size * 0.5 && x <= margin + size * 4)) ?? margin + size * 2;
  const right = mode(lines.map((l) => l.end).filter((e) => e > margin + size * 10)) ?? lines.reduce((m, l) => Math.max(m, l.end), -Infinity);
  const indented = (l: Line) => l.x > margin + l.size * 0.5;
  const far = (l: Line) => l.x > Math.max(firstIndent, margin + l.size * 2) + l.size;
  const full = (l: Line, next: Line) => l.end + leadWidth(next) + l.size / 2 > right;
  const centre = (l: Line) => (l.x + l.end) / 2;
  const out: string[] = [];
  let prev: Line | undefined;
  for (const l of lines) {
    const sameSize = prev ? Math.abs(prev.size - l.size) < 1 : false;
    const close = prev ? prev.page !== l.page || (prev.y - l.y > 0 && prev.y - l.y < Math.max(l.size, prev.size) * 2.2) : false;
    // (a line in another size is another paragraph: a title that nearly fills its line, then the text)
    const continues = prev && close && sameSize && !indented(l) && !far(prev) && full(prev, l);
    // a centred line under a long line of the same size and about the same centre: a wrapped title
    const wrappedTitle = prev && sameSize && close && far(l) && [...prev.text.trim()].length >= 16 && Math.abs(centre(prev) - centre(l)) < l.size * 1.5;
    if (continues || wrappedTitle) out[out.length - 1] += l.text.trim();
    else out.push(l.text.trim());
    prev = l;
  }
  return out;
}

/**
 * Reads the text of a PDF, page by page.
 * @throws InputError E_PDF (encrypted, a scan without text, fonts without a Unicode mapping, not
 *   readable) or E_TOO_LARGE (a stream bomb)
 */
export function readPdf(bytes: Uint8Array, limits?: Partial<PdfLimits>): PdfText {
  const lim = { ...defaultPdfLimits, ...limits };
  const pdf = new PdfFile(bytes, lim);
  if (pdf.trailer.Encrypt !== undefined && pdf.trailer.Encrypt !== null) {
    throw new InputError('E_PDF', '这是加密（设置了密码或权限）的 PDF，无法读取文字；请提供 Word 原稿(.docx)，或把正文复制到 .txt 文件中检查');
  }
  const pages = pagesOf(pdf);
  if (!pages.length) throw new InputError('E_PDF', 'PDF 文件已损坏或不完整（找不到页面），请重新导出 PDF，或提供 Word 原稿(.docx)后再检查');
  const fonts = new Map<unknown, Font>();
  const lines: Line[] = [];
  const budget = { ops: OPS_BUDGET, forms: FORMS_BUDGET };
  let images = 0, unknown = 0, shown = 0;
  for (const [index, page] of pages.entries()) {
    const st: PageState = { lines, images: 0, unknown: 0, shown: 0, page: index, budget };
    const contents = pdf.get(page.Contents);
    const refs = (Array.isArray(contents) ? contents : [page.Contents]).filter(isRef);
    // a page's content may be split over several streams: parse them as one
    const parts = refs.map((r) => pdf.streamData(r.ref)).filter((x): x is Uint8Array => !!x);
    const data = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
    let o = 0;
    for (const p of parts) { data.set(p, o); o += p.length; data[o++] = 0x0a; }
    runContent(pdf, data, page.Resources ?? undefined, st, fonts, 0, IDENTITY);
    images += st.images;
    unknown += st.unknown;
    shown += st.shown;
  }
  const paragraphs = paragraphsOf(lines);
  if (!paragraphs.some((p) => p.trim())) {
    if (unknown > 0) {
      throw new InputError('E_PDF', 'PDF 里的文字无法提取（字体没有编码映射），无法检查文字；请提供 Word 原稿(.docx)，或把正文复制到 .txt 文件中检查');
    }
    if (images === 0) throw new InputError('E_PDF', 'PDF 里没有可提取的文字（也没有图片，可能是空白页或矢量图形；扫描件无法检查文字）；请提供 Word 原稿(.docx)，或把正文复制到 .txt 文件中检查');
    throw new InputError('E_PDF', '这是扫描件 PDF（只有图片，没有文字层），扫描件无法检查文字；请提供 Word 原稿(.docx)，或把正文复制到 .txt 文件中检查');
  }
  if (unknown > shown) {
    throw new InputError('E_PDF', 'PDF 里的大部分文字无法提取（字体没有编码映射），无法可靠检查；请提供 Word 原稿(.docx)，或把正文复制到 .txt 文件中检查');
  }
  return { paragraphs, pages: pages.length, images };
}
