import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import type { CaseContext, CaseKind, CaseRole } from '@dafu/rules';
import { chineseToNumber } from '@dafu/core/document/ordinals.js';
import { readTable } from '@dafu/core/lexicon/table.js';
import { normalizeDate } from './dates.js';

/** One item (件) of the reviewer's list. */
export interface ManifestItem {
  /** 1-based row in the sheet, for messages */
  row: number;
  /** item number as written (编号) */
  number?: string;
  /** normalised number for matching: NFKC, without 第/号, leading zeros dropped */
  numberKey?: string;
  kind?: CaseKind;
  title?: string;
  proposer?: string[];
  /** host unit (主办单位) */
  unit?: string;
  coUnits?: string[];
  role?: CaseRole;
  assigned?: string;
  deadline?: string;
  class?: string;
  /** suggestion text given in the sheet */
  suggestion?: string;
  /** suggestion file, absolute (relative paths are taken from the manifest's folder) */
  suggestionFile?: string;
  /** draft file name given in the sheet (答复稿) */
  draftFile?: string;
  /** 已办结 / 已答复: not counted as overdue */
  closed?: boolean;
}

export type Field = 'number' | 'kind' | 'title' | 'proposer' | 'unit' | 'coUnits' | 'role' | 'assigned' | 'deadline' | 'class' | 'suggestion' | 'draftFile' | 'status';

export interface Manifest {
  path: string;
  items: ManifestItem[];
  /** which sheet column each field came from (header text) */
  columns: Partial<Record<Field, string>>;
  sheet?: string;
  encoding?: string;
  /** rows or cells that could not be used, in Chinese */
  warnings: string[];
}

export class ManifestError extends Error {}

/**
 * Column names as reviewers write them. A header matches a field exactly (best) or by
 * containing one of its names (longest name wins); each column goes to one field.
 */
const SYNONYMS: Record<Field, string[]> = {
  number: ['编号', '建议编号', '提案编号', '议案编号', '提案号', '建议号', '议案号', '案号', '件号', '登记号', '建议提案编号', '提案(建议)编号', '建议(提案)编号', '号'],
  kind: ['件类', '类型', '案件类型', '建议/提案', '建议提案', '建议或提案', '种类', '来源', '件别'],
  title: ['标题', '题目', '案由', '建议标题', '提案标题', '建议名称', '提案名称', '名称', '事由', '建议题目', '提案题目'],
  proposer: ['提出人', '领衔人', '领衔代表', '领衔委员', '提案人', '建议人', '代表', '委员', '代表姓名', '委员姓名', '姓名', '提出者', '代表(委员)', '提出单位'],
  unit: ['主办单位', '承办单位', '办理单位', '责任单位', '主办', '承办', '答复单位', '单位', '主办部门', '承办部门'],
  coUnits: ['会办单位', '协办单位', '会办', '协办', '配合单位', '会办部门', '协办部门'],
  role: ['办理类型', '主协办', '办理方式', '承办类型', '主办/会办'],
  assigned: ['交办日期', '交办时间', '交办', '分办日期', '转办日期', '交办日'],
  deadline: ['办理期限', '截止日期', '办结期限', '答复期限', '期限', '办结时限', '截止时间', '应答复日期', '答复截止日期', '办理时限', '到期日'],
  class: ['答复类别', '办理类别', '类别', '结果类别', '分类', '答复分类', '办理结果类别', '拟答复类别'],
  suggestion: ['建议内容', '提案内容', '内容', '原文', '正文', '建议原文', '提案原文', '建议正文', '提案正文', '原文文件', '原文路径', '建议文件', '提案文件', '附件'],
  draftFile: ['答复稿', '答复稿文件', '答复文件', '答复件', '文件名', '文件', '稿件', '答复稿文件名', '答复函'],
  status: ['办理状态', '状态', '是否办结', '办结状态', '答复状态'],
};

/** 序号 is a row counter, not the item number: used only when nothing else names the number. */
const WEAK_NUMBER = ['序号'];

const normHeader = (h: string) => h.normalize('NFKC').replace(/[\s*＊:：]/g, '').replace(/[（(][^）)]*(?:必填|选填|格式|yyyy|YYYY|如|例)[^）)]*[）)]/g, '');

function scoreHeader(header: string, field: Field): number {
  const h = normHeader(header);
  if (!h) return 0;
  let best = 0;
  for (const name of SYNONYMS[field]) {
    const n = name.normalize('NFKC');
    if (h === n) best = Math.max(best, 100 + n.length);
    else if (n.length >= 2 && h.includes(n)) best = Math.max(best, n.length);
  }
  if (field === 'number' && best === 0 && WEAK_NUMBER.includes(h)) best = 1;
  return best;
}

/** Assigns columns to fields, best scores first. */
export function mapHeaders(headers: string[]): Map<Field, number> {
  const pairs: Array<{ field: Field; col: number; score: number }> = [];
  for (const [col, h] of headers.entries()) {
    if (!h) continue;
    for (const field of Object.keys(SYNONYMS) as Field[]) {
      const score = scoreHeader(h, field);
      if (score > 0) pairs.push({ field, col, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score || a.col - b.col);
  const out = new Map<Field, number>();
  const used = new Set<number>();
  for (const p of pairs) {
    if (out.has(p.field) || used.has(p.col)) continue;
    out.set(p.field, p.col);
    used.add(p.col);
  }
  return out;
}

/** The item number as a matching key: 第０１２８号 → 128, “A-12” → a-12, 第十二号 → 12. */
export function numberKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let s = raw.normalize('NFKC').replace(/\s/g, '').replace(/^(?:第|no\.?|#)/i, '').replace(/号$/, '');
  if (!s) return undefined;
  if (/^[一二三四五六七八九十百千零〇两]+$/.test(s)) s = String(chineseToNumber(s));
  if (/^\d+$/.test(s)) return s.replace(/^0+(?=\d)/, '');
  return s.toLowerCase();
}

export function parseKind(value: string | undefined): CaseKind | undefined {
  if (!value) return undefined;
  const v = value.normalize('NFKC');
  if (/提案|政协|委员|cppcc/i.test(v)) return 'cppcc';
  if (/建议|议案|人大|代表|npc/i.test(v)) return 'npc';
  return undefined;
}

function parseRole(value: string | undefined): CaseRole | undefined {
  if (!value) return undefined;
  if (/会办|协办|co/i.test(value)) return 'co';
  if (/分办|split/i.test(value)) return 'split';
  if (/主办|host/i.test(value)) return 'host';
  return undefined;
}

const splitList = (s: string) => s.split(/[、，,;；/\n\r]+|\s{2,}/).map((x) => x.trim()).filter(Boolean);

/** A cell's value as text: rich text, hyperlinks, formula results and numbers as shown. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return normalizeDate(v) ?? '';
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; hyperlink?: string; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return cellText(o.text);
    if ('result' in o) return cellText(o.result);
    if (o.error) return '';
    return '';
  }
  return String(v);
}

const looksLikeFile = (s: string) => !/[\r\n]/.test(s) && s.length < 260 && /\.(txt|docx|md|doc|wps|pdf|markdown)$/i.test(s.trim());

/** Reads the reviewer's list (.xlsx or .csv/.txt); throws ManifestError with a Chinese message. */
export async function readManifest(path: string): Promise<Manifest> {
  const abs = resolve(path);
  if (!existsSync(abs) || !statSync(abs).isFile()) throw new ManifestError(`找不到清单文件“${path}”。`);
  const size = statSync(abs).size;
  if (size > 100 * 1024 * 1024) throw new ManifestError(`清单文件“${path}”超过 100 MB，不像是一份件目清单。`);
  const ext = extname(abs).toLowerCase();
  let tables: Array<{ name?: string; rows: unknown[][] }>;
  let encoding: string | undefined;
  if (ext === '.xlsx' || ext === '.xlsm') {
    const bytes = readFileSync(abs);
    if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new ManifestError(`清单文件“${path}”不是有效的 .xlsx 文件${bytes[0] === 0xd0 && bytes[1] === 0xcf ? '（是旧版 .xls，请在 Excel/WPS 中另存为 .xlsx 或 .csv）' : ''}。`);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (e) {
      throw new ManifestError(`无法读取清单文件“${path}”：${(e as Error).message}。请在 Excel/WPS 中打开后重新保存为 .xlsx。`);
    }
    tables = wb.worksheets.map((ws) => {
      const rows: unknown[][] = [];
      ws.eachRow({ includeEmpty: true }, (row, n) => { rows[n - 1] = (row.values as unknown[]).slice(1); });
      return { name: ws.name, rows: Array.from(rows, (r) => r ?? []) };
    });
  } else if (ext === '.xls') {
    throw new ManifestError(`清单文件“${path}”是旧版 Excel(.xls)文件，请在 Excel/WPS 中另存为 .xlsx 或 .csv 后再用。`);
  } else if (ext === '.csv' || ext === '.txt' || ext === '.tsv') {
    // the core's table reader: UTF-8 (with or without BOM), GBK/GB18030 or UTF-16, comma or tab
    let csv;
    try { csv = readTable(new Uint8Array(readFileSync(abs)), `清单文件“${path}”`); } catch (e) { throw new ManifestError((e as Error).message); }
    tables = [{ rows: csv.sheets[0]?.rows ?? [] }];
    encoding = csv.encoding;
  } else {
    throw new ManifestError(`清单文件应为 .xlsx 或 .csv，收到“${basename(path)}”。`);
  }

  // the sheet and row whose headers name the most fields (a title row above the headers is common)
  let best: { table: number; headerRow: number; map: Map<Field, number>; score: number } | undefined;
  for (const [t, table] of tables.entries()) {
    for (let r = 0; r < Math.min(table.rows.length, 15); r++) {
      const headers = table.rows[r].map(cellText);
      const map = mapHeaders(headers);
      const score = map.size + (map.has('number') ? 2 : 0) + (map.has('draftFile') ? 1 : 0);
      if (map.size >= 2 && (map.has('number') || map.has('draftFile') || map.has('title')) && (!best || score > best.score)) best = { table: t, headerRow: r, map, score };
    }
  }
  if (!best) throw new ManifestError(`清单文件“${path}”中找不到表头：应有“编号”（或建议编号、提案号）、“主办单位”等列。`);
  const table = tables[best.table];
  const headers = table.rows[best.headerRow].map(cellText);
  const columns: Partial<Record<Field, string>> = {};
  for (const [f, c] of best.map) columns[f] = headers[c];
  const numberHeaderKind = parseKind(best.map.has('number') ? headers[best.map.get('number')!] : undefined);
  const warnings: string[] = [];
  const items: ManifestItem[] = [];
  const base = dirname(abs);
  const get = (row: unknown[], f: Field): unknown => (best!.map.has(f) ? row[best!.map.get(f)!] : undefined);
  const text = (row: unknown[], f: Field) => cellText(get(row, f)).trim();

  for (let r = best.headerRow + 1; r < table.rows.length; r++) {
    const row = table.rows[r];
    if (!row.some((v) => cellText(v).trim() !== '')) continue;
    const rowNo = r + 1;
    const item: ManifestItem = { row: rowNo };
    const number = text(row, 'number');
    if (number) { item.number = number.normalize('NFKC').replace(/^第\s*/, '').replace(/\s*号$/, ''); item.numberKey = numberKey(number); }
    const title = text(row, 'title');
    if (title) item.title = title.replace(/\s+/g, '');
    item.kind = parseKind(text(row, 'kind')) ?? numberHeaderKind ?? (title ? (/提案》?$/.test(title) ? 'cppcc' : /(?:建议|议案)》?$/.test(title) ? 'npc' : undefined) : undefined);
    const proposer = text(row, 'proposer');
    if (proposer) item.proposer = splitList(proposer);
    const unit = text(row, 'unit');
    if (unit) item.unit = unit.replace(/\s+/g, '');
    const co = text(row, 'coUnits');
    if (co && !/^(无|—|-|\/)$/.test(co)) item.coUnits = splitList(co).map((u) => u.replace(/\s+/g, ''));
    item.role = parseRole(text(row, 'role'));
    if (!item.role) delete item.role;
    for (const f of ['assigned', 'deadline'] as const) {
      const raw = get(row, f);
      if (raw === undefined || cellText(raw).trim() === '') continue;
      const d = normalizeDate(raw instanceof Date || typeof raw === 'number' ? raw : cellText(raw));
      if (d) item[f] = d;
      else warnings.push(`第${rowNo}行“${columns[f]}”不是日期：“${cellText(raw)}”（应为 2025-05-06 或 2025年5月6日 等格式）。`);
    }
    const cls = text(row, 'class').normalize('NFKC').replace(/类$/, '').trim();
    if (cls) item.class = /^[a-d]$/i.test(cls) ? cls.toUpperCase() : cls;
    const sug = cellText(get(row, 'suggestion'));
    if (sug.trim()) {
      if (looksLikeFile(sug)) {
        const p = sug.trim().replace(/\\/g, '/');
        item.suggestionFile = isAbsolute(p) || /^[a-z]:\//i.test(p) ? p : resolve(base, p);
      } else item.suggestion = sug.trim();
    }
    const draft = text(row, 'draftFile');
    if (draft) item.draftFile = draft;
    const status = text(row, 'status');
    if (status && /已办结|已答复|办结|已完成|^是$|closed|done/i.test(status) && !/未/.test(status)) item.closed = true;
    if (!item.numberKey && !item.draftFile && !item.title) {
      warnings.push(`第${rowNo}行没有编号、标题或答复稿文件名，无法与答复稿对应，已跳过。`);
      continue;
    }
    items.push(item);
  }
  // duplicate numbers of the same kind
  const seen = new Map<string, number>();
  for (const it of items) {
    if (!it.numberKey) continue;
    const k = `${it.kind ?? ''}|${it.numberKey}`;
    if (seen.has(k)) warnings.push(`第${it.row}行的编号“${it.number}”与第${seen.get(k)}行重复。`);
    else seen.set(k, it.row);
  }
  return { path: abs, items, columns, ...(table.name ? { sheet: table.name } : {}), ...(encoding ? { encoding } : {}), warnings };
}

/** The manifest row as case context for the checker (source 'manifest'). */
export function itemContext(item: ManifestItem, role: CaseRole | undefined, unit: string | undefined): CaseContext {
  const c: CaseContext = {};
  if (item.kind) c.kind = item.kind;
  if (role ?? item.role) c.role = role ?? item.role;
  if (item.number) c.number = item.numberKey && /^\d+$/.test(item.numberKey) ? item.numberKey : item.number;
  if (item.title) c.title = item.title;
  if (item.proposer?.length) c.proposer = item.proposer;
  if (unit) c.unit = unit;
  if (item.coUnits?.length) c.coUnits = item.coUnits;
  if (item.assigned) c.assigned = item.assigned;
  if (item.deadline) c.deadline = item.deadline;
  if (item.class) c.class = item.class;
  if (item.suggestion) c.suggestion = item.suggestion;
  return c;
}
