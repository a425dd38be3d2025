/**
 * `dafu lists import <file>` and `dafu lists export`: the unit's word list, unit list and roster
 * between Excel/CSV (Chinese columns) and the JSON the config and the extension use.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import {
  COLUMNS, LIST_KINDS, LIST_LABEL, formatListReport, lexicons as builtin, listRows, toCsv, wordsOfLexicon,
  type ListKind, type RosterEntry, type UnitEntry, type UserLists, type WordEntry,
} from '@dafu/rules';
import { findConfig, readConfig } from '../config.js';
import { ListFileError, readListFile, today, type AnyEntry, type LoadedList } from './load.js';

type Format = 'json' | 'csv' | 'xlsx';

const formatOf = (path: string | undefined, given?: string): Format => {
  if (given) return given as Format;
  const ext = path ? extname(path).toLowerCase() : '';
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' ? 'csv' : 'json';
};

/** The JSON both the config (`lists`) and the extension's import take. */
function listsJson(lists: UserLists, note: string): string {
  return JSON.stringify({ description: note, exported: today(), ...lists }, null, 2) + '\n';
}

const SHEET_NAME: Record<ListKind, string> = { words: '词表', units: '单位名录', roster: '代表委员名单' };
const WIDTHS: Record<ListKind, number[]> = { words: [18, 18, 40, 30, 12, 24], units: [32, 30, 30], roster: [12, 8, 30] };

async function writeXlsx(path: string, lists: UserLists, kinds: ListKind[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dafu';
  wb.created = new Date();
  for (const kind of kinds) {
    const ws = wb.addWorksheet(SHEET_NAME[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
    const rows = listRows(kind, (lists[kind] ?? []) as AnyEntry[] as never);
    ws.columns = COLUMNS[kind].map((c, i) => ({ header: c.header, width: WIDTHS[kind][i] ?? 16 }));
    // every cell is text: Excel must not turn 2025-05-06 or a name of digits into something else
    for (const r of rows.slice(1)) ws.addRow(r);
    ws.eachRow((row) => row.eachCell((cell) => { cell.numFmt = '@'; }));
    const head = ws.getRow(1);
    head.font = { bold: true };
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F6' } };
  }
  mkdirSync(dirname(resolve(path)), { recursive: true });
  await wb.xlsx.writeFile(path);
}

function write(text: string | Uint8Array, output: string | undefined): void {
  if (!output || output === '-') { process.stdout.write(text); return; }
  mkdirSync(dirname(resolve(output)), { recursive: true });
  writeFileSync(output, text);
}

export interface ImportOptions { kind?: ListKind; output?: string; format?: Format; quiet?: boolean }

/**
 * Validates a list file and prints a Chinese report of its bad rows; with --output, writes the
 * good entries (JSON for the config or the extension, or a clean .xlsx/.csv).
 * Exit code: 0 clean, 1 some rows were bad (the good ones are still written), 2 unreadable.
 */
export async function importCommand(file: string, o: ImportOptions): Promise<number> {
  let loaded: LoadedList[];
  try {
    loaded = readListFile(file, o.kind);
  } catch (e) {
    if (e instanceof ListFileError) { process.stderr.write(`${e.message}\n`); return 2; }
    throw e;
  }
  const name = basename(file);
  for (const l of loaded) {
    const where = [l.sheets.length ? `工作表“${l.sheets.join('”“')}”` : '', l.encoding && l.encoding !== 'utf-8' ? `${l.encoding === 'gb18030' ? 'GBK/GB18030' : l.encoding} 编码` : ''].filter(Boolean).join('，');
    process.stderr.write(formatListReport(l, where ? `${name} ${where}` : name, l.rowWord));
  }
  const bad = loaded.some((l) => l.problems.some((p) => p.level === 'error'));
  if (o.output) {
    const lists: UserLists = {};
    for (const l of loaded) (lists as Record<ListKind, AnyEntry[]>)[l.kind] = l.entries;
    const format = formatOf(o.output, o.format);
    const kinds = loaded.map((l) => l.kind);
    if (format === 'json') write(listsJson(lists, `由 dafu lists import 从 ${name} 导入。可在配置 lists 中引用本文件，或在浏览器扩展的选项页导入。`), o.output);
    else if (format === 'csv') {
      if (kinds.length > 1) { process.stderr.write(`${name} 含有 ${kinds.map((k) => LIST_LABEL[k]).join('、')}，CSV 只能放一种清单：请用 --kind 选择，或输出为 .xlsx/.json。\n`); return 2; }
      write('\uFEFF' + toCsv(listRows(kinds[0], lists[kinds[0]] as never)), o.output);
    } else await writeXlsx(o.output, lists, kinds);
    const count = loaded.reduce((n, l) => n + l.entries.length, 0);
    process.stderr.write(`已写入 ${o.output}（${count} 条${bad ? '，有错误的行未写入' : ''}）。\n`);
  }
  return bad ? 1 : 0;
}

export interface ExportOptions { format?: Format; output?: string; kind?: ListKind; config?: string; builtin?: boolean }

/**
 * Writes the built-in word list (typos and the dated formulation starter list) together with
 * the lists the config names, in the Chinese columns. A config's own entries come first and
 * replace built-in ones with the same wrong form.
 */
export async function exportCommand(o: ExportOptions): Promise<number> {
  const loaded = o.config ? readConfig(o.config) : findConfig(process.cwd());
  const own = (loaded.config.lists ?? {}) as Record<ListKind, unknown>;
  const entries = (k: ListKind) => (Array.isArray(own[k]) ? (own[k] as unknown[]).filter((x) => x && typeof x === 'object') : []) as AnyEntry[];
  const words = entries('words') as WordEntry[];
  const mine = new Set(words.map((w) => w.wrong));
  const lists: UserLists = {
    words: [...words, ...(o.builtin === false ? [] : wordsOfLexicon(builtin.typos).filter((w) => !mine.has(w.wrong)))],
    units: entries('units') as UnitEntry[],
    roster: entries('roster') as RosterEntry[],
  };
  const format = formatOf(o.output, o.format);
  const kinds = o.kind ? [o.kind] : LIST_KINDS;
  const picked: UserLists = Object.fromEntries(kinds.map((k) => [k, lists[k] ?? []]));
  const parts = [o.builtin === false ? '' : '内置词库（错别字表和规范表述起步清单）', loaded.path ? `配置 ${loaded.path} 中的清单` : ''].filter(Boolean).join('和') || '（空）';
  if (format === 'json') {
    write(listsJson(picked, `dafu 清单导出：${parts}。words 为词表（错误写法→正确写法），units 为单位名录，roster 为代表委员名单。`), o.output);
  } else if (format === 'csv') {
    const kind = o.kind ?? 'words';
    write('\uFEFF' + toCsv(listRows(kind, (lists[kind] ?? []) as never)), o.output);
  } else {
    if (!o.output || o.output === '-') { process.stderr.write('导出 .xlsx 时请用 --output 指定文件名。\n'); return 2; }
    await writeXlsx(o.output, picked, kinds);
  }
  if (o.output && o.output !== '-') {
    const counts = kinds.map((k) => `${LIST_LABEL[k]} ${(picked[k] ?? []).length} 条`).join('，');
    process.stderr.write(`已导出到 ${o.output}：${counts}。\n`);
  }
  return 0;
}
