/**
 * Reading the spreadsheets users keep their lists in: .xlsx (Excel, WPS) and .csv (UTF-8 with or
 * without BOM, GBK/GB18030 as Excel saves "CSV" on a Chinese Windows, UTF-16 text).
 *
 * Synchronous and without Node-only modules (fflate through the guarded unzip, xmldom,
 * TextDecoder): the CLI reads list files while loading a config, and the extension's options
 * page can import the same files.
 */
import { DOMParser } from '@xmldom/xmldom';
import { unzipGuarded, sniff } from '../processors/guard.js';
import { decodeText } from '../processors/text.js';

export type Cell = string | number | boolean | null;

export interface Sheet { name: string; rows: Cell[][] }

export interface Table {
  format: 'xlsx' | 'csv';
  sheets: Sheet[];
  /** text encoding of a CSV file */
  encoding?: string;
}

export class TableError extends Error {}

/** Reads a spreadsheet by content (zip → xlsx, text → csv); the name only improves messages. */
export function readTable(bytes: Uint8Array, name = '表格'): Table {
  const kind = sniff(bytes);
  if (kind === 'empty') throw new TableError(`${name} 是空文件。`);
  if (kind === 'zip') return { format: 'xlsx', sheets: readXlsx(bytes, name) };
  if (kind === 'ole') throw new TableError(`${name} 是旧版 Excel 文件（.xls），请在 Excel 或 WPS 中另存为 .xlsx 后再导入。`);
  if (kind === 'text') {
    const decoded = decodeText(bytes);
    const text = decoded.text.replace(/^\uFEFF/, '');
    return { format: 'csv', encoding: decoded.encoding, sheets: [{ name: 'csv', rows: parseCsv(text, sniffDelimiter(text)) }] };
  }
  throw new TableError(`${name} 不是 .xlsx 或 .csv 表格，无法读取。`);
}

// ---------------------------------------------------------------------------------------------
// CSV

function sniffDelimiter(text: string): string {
  const end = text.search(/\r?\n|\r|$/);
  const first = text.slice(0, end);
  const count = (c: string) => first.split(c).length - 1;
  const candidates: Array<[string, number]> = [[',', count(',')], ['\t', count('\t')], [';', count(';')]];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ',';
}

/** RFC 4180: quoted fields with "" escapes and line breaks inside quotes; CRLF, LF or CR rows. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const n = text.length;
  for (let i = 0; i < n;) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === delimiter) { row.push(field); field = ''; i++; continue; }
    if (c === '\r' || c === '\n') {
      row.push(field); rows.push(row); row = []; field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** Rows as CSV text (UTF-8; the CLI adds a BOM so Excel opens it as UTF-8). */
export function toCsv(rows: Cell[][]): string {
  const q = (v: Cell) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// XLSX

const ELEMENT = 1;
interface XNode { nodeType: number; localName: string | null; childNodes: ArrayLike<XNode>; textContent: string | null; getAttribute(name: string): string | null }

function xml(bytes: Uint8Array | undefined): XNode | undefined {
  if (!bytes) return undefined;
  const text = new TextDecoder('utf-8').decode(bytes);
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(text, 'application/xml') as unknown as { documentElement: XNode | null };
  return doc.documentElement ?? undefined;
}

function* children(n: XNode, local?: string): Generator<XNode> {
  const list = n.childNodes;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c.nodeType === ELEMENT && (!local || c.localName === local)) yield c;
  }
}
const child = (n: XNode, local: string) => children(n, local).next().value as XNode | undefined;

/** Text of an <si> or <is>: its <t>, or the <t> of each run; phonetic runs (<rPh>) are left out. */
function richText(n: XNode): string {
  let s = '';
  for (const c of children(n)) {
    if (c.localName === 't') s += c.textContent ?? '';
    else if (c.localName === 'r') { const t = child(c, 't'); if (t) s += t.textContent ?? ''; }
  }
  return s;
}

/** "BC12" → 54 (0-based column) */
function columnIndex(ref: string): number {
  let col = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col - 1;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Style indexes (cellXfs) whose number format is a date. */
function dateStyles(styles: XNode | undefined): Set<number> {
  const out = new Set<number>();
  if (!styles) return out;
  const custom = new Map<number, string>();
  const fmts = child(styles, 'numFmts');
  if (fmts) for (const f of children(fmts, 'numFmt')) custom.set(Number(f.getAttribute('numFmtId')), f.getAttribute('formatCode') ?? '');
  const xfs = child(styles, 'cellXfs');
  if (!xfs) return out;
  let i = 0;
  for (const xf of children(xfs, 'xf')) {
    const id = Number(xf.getAttribute('numFmtId') ?? 0);
    const code = custom.get(id);
    // a custom format is a date when it has y/d (outside quotes and brackets), like yyyy-mm-dd or yyyy"年"m"月"d"日"
    if (BUILTIN_DATE_FORMATS.has(id) || (code !== undefined && /[yd]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '')))) out.add(i);
    i++;
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Excel serial day (1900 system) → YYYY-MM-DD */
export function serialToIso(serial: number): string {
  const t = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

function readXlsx(bytes: Uint8Array, name: string): Sheet[] {
  let parts: Map<string, Uint8Array>;
  try {
    parts = unzipGuarded(bytes, (n) => /^xl\/(?:workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/i.test(n), { maxPartBytes: 100 * 1024 * 1024, maxTotalBytes: 150 * 1024 * 1024 });
  } catch (e) {
    throw new TableError(`${name} 无法读取：${(e as Error).message}`);
  }
  const get = (p: string) => { for (const [k, v] of parts) if (k.toLowerCase() === p.toLowerCase()) return v; return undefined; };
  const workbook = xml(get('xl/workbook.xml'));
  if (!workbook) throw new TableError(`${name} 不是 Excel 工作簿（.xlsx）：缺少 xl/workbook.xml。若是 Word 或 WPS 文字文件，请先把表格复制到 Excel 中另存为 .xlsx。`);
  const rels = new Map<string, string>();
  const relDoc = xml(get('xl/_rels/workbook.xml.rels'));
  if (relDoc) for (const r of children(relDoc, 'Relationship')) rels.set(r.getAttribute('Id') ?? '', r.getAttribute('Target') ?? '');
  const shared: string[] = [];
  const sst = xml(get('xl/sharedStrings.xml'));
  if (sst) for (const si of children(sst, 'si')) shared.push(richText(si));
  const dates = dateStyles(xml(get('xl/styles.xml')));

  const sheets: Sheet[] = [];
  const list = child(workbook, 'sheets');
  for (const s of list ? children(list, 'sheet') : []) {
    const rid = s.getAttribute('r:id') ?? '';
    let target = rels.get(rid) ?? '';
    target = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const doc = xml(get(target));
    if (!doc) continue;
    sheets.push({ name: s.getAttribute('name') ?? `Sheet${sheets.length + 1}`, rows: sheetRows(doc, shared, dates) });
  }
  return sheets;
}

function sheetRows(doc: XNode, shared: string[], dates: Set<number>): Cell[][] {
  const rows: Cell[][] = [];
  const data = child(doc, 'sheetData');
  if (!data) return rows;
  let nextRow = 0;
  for (const r of children(data, 'row')) {
    const rAttr = r.getAttribute('r');
    const ri = rAttr ? Number(rAttr) - 1 : nextRow;
    nextRow = ri + 1;
    const row: Cell[] = [];
    let nextCol = 0;
    for (const c of children(r, 'c')) {
      const ref = c.getAttribute('r');
      const ci = ref ? columnIndex(ref) : nextCol;
      nextCol = ci + 1;
      const t = c.getAttribute('t') ?? 'n';
      const v = child(c, 'v')?.textContent ?? null;
      let value: Cell = null;
      if (t === 's') value = v === null ? null : shared[Number(v)] ?? null;
      else if (t === 'inlineStr') { const is = child(c, 'is'); value = is ? richText(is) : null; }
      else if (t === 'str' || t === 'e' || t === 'd') value = v;
      else if (t === 'b') value = v === '1';
      else if (v !== null && v !== '') {
        const num = Number(v);
        value = Number.isFinite(num) ? (dates.has(Number(c.getAttribute('s') ?? -1)) && num > 0 ? serialToIso(num) : num) : v;
      }
      row[ci] = value;
    }
    for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
    rows[ri] = row;
  }
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  return rows;
}
