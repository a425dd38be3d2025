/**
 * List files named in a config (`lists.words`, `lists.units`, `lists.roster`): .xlsx, .csv or
 * .json, relative to the config file. They are read synchronously (config loading is
 * synchronous) by the core's table reader, validated the same way `dafu lists import` does,
 * and put into the config as entries, so the engine and the batch cache see plain data.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import type { DafuConfig, ListKind, ListProblem, ListsConfig, RosterEntry, UnitEntry, WordEntry } from '@dafu/rules';
import { LIST_KINDS, LIST_LABEL, detectList, parseListsJson, parseSheet } from '@dafu/core/lexicon/lists.js';
import { TableError, readTable } from '@dafu/core/lexicon/table.js';
import { lexicons as builtin } from '@dafu/rules/lexicons.js';

export class ListFileError extends Error {}

export type AnyEntry = WordEntry | UnitEntry | RosterEntry;

export interface LoadedList {
  kind: ListKind;
  file: string;
  entries: AnyEntry[];
  rows: number;
  problems: ListProblem[];
  sameAsBuiltin?: number;
  /** sheets (xlsx) the entries came from */
  sheets: string[];
  format: 'xlsx' | 'csv' | 'json';
  encoding?: string;
  /** '条' for JSON items, '行' for sheet rows */
  rowWord: '行' | '条';
}

const MAX_BYTES = 30 * 1024 * 1024;

export const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);

/** The built-in typo and formulation entries, for "replaces a built-in entry" notes. */
export const builtinWords = () => builtin.typos as Array<{ phrase: string; right?: string }>;

/**
 * Reads one list file. With `kind`, only that list is taken (the sheet whose header fits it);
 * without, every sheet is detected on its own and each list found is returned.
 */
export function readListFile(path: string, kind?: ListKind): LoadedList[] {
  let bytes: Uint8Array;
  try {
    if (statSync(path).size > MAX_BYTES) throw new ListFileError(`${path} 超过 30 MB，不像是一份清单。`);
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    if (e instanceof ListFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ListFileError(`${path} ${code === 'ENOENT' ? '不存在' : code === 'EISDIR' ? '是目录，不是文件' : `无法读取（${code ?? (e as Error).message}）`}。`);
  }
  const opts = { today: today(), builtinWords: builtinWords() };
  if (extname(path).toLowerCase() === '.json') {
    let value: unknown;
    try { value = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')); } catch (e) { throw new ListFileError(`${path} 不是有效的 JSON（${(e as Error).message}）。`); }
    // a bare array is one list: the one asked for, or told apart by its fields
    if (Array.isArray(value)) {
      const first = value.find((x) => x && typeof x === 'object') as Record<string, unknown> | undefined;
      const k = kind ?? (first && 'wrong' in first ? 'words' : first && 'kind' in first ? 'roster' : 'units');
      value = { [k]: value };
    }
    const { lists, problems } = parseListsJson(value, opts);
    const kinds = kind ? [kind] : LIST_KINDS.filter((k) => (value as Record<string, unknown>)?.[k] !== undefined);
    if (!kinds.length) throw new ListFileError(`${path} 中没有 words、units 或 roster 清单。`);
    return kinds.map((k) => ({
      kind: k, file: path, entries: (lists[k] ?? []) as AnyEntry[], rows: (lists[k] ?? []).length,
      problems: problems.filter((p) => p.kind === k).map(({ kind: _k, ...p }) => p), sheets: [], format: 'json' as const, rowWord: '条' as const,
    }));
  }
  let table;
  try { table = readTable(bytes, path); } catch (e) { if (e instanceof TableError) throw new ListFileError(e.message); throw e; }
  let found: LoadedList[] = [];
  const notFound: string[] = [];
  const filled = table.sheets.filter((sheet) => sheet.rows.some((r) => r.some((c) => c !== null && c !== '')));
  // asked for one list: the sheets whose header is that list's (a workbook may hold all three); else try every sheet
  const fitting = kind ? filled.filter((sheet) => detectList(sheet.rows)?.kind === kind) : filled;
  for (const sheet of fitting.length ? fitting : filled) {
    const parsed = parseSheet(sheet, { ...opts, ...(kind ? { kind } : {}) });
    const headerMissing = parsed.rows === 0 && parsed.problems.length === 1 && parsed.problems[0].row === 1 && /表头/u.test(parsed.problems[0].message);
    if (headerMissing) { notFound.push(`工作表“${sheet.name}”：${parsed.problems[0].message}`); continue; }
    const same = found.find((f) => f.kind === parsed.kind);
    const sheetName = table.format === 'xlsx' ? sheet.name : '';
    if (same) {
      same.entries.push(...parsed.entries);
      same.rows += parsed.rows;
      same.problems.push(...parsed.problems.map((p) => ({ ...p, message: `[${sheet.name}] ${p.message}` })));
      same.sheets.push(sheetName);
    } else {
      found.push({ kind: parsed.kind, file: path, entries: parsed.entries, rows: parsed.rows, problems: parsed.problems, ...(parsed.sameAsBuiltin ? { sameAsBuiltin: parsed.sameAsBuiltin } : {}), sheets: sheetName ? [sheetName] : [], format: table.format, ...(table.encoding ? { encoding: table.encoding } : {}), rowWord: '行' });
    }
  }
  // an exported workbook has a sheet per list: header-only sheets are templates, not lists
  if (!kind && found.some((f) => f.rows || f.problems.length)) found = found.filter((f) => f.rows || f.problems.length);
  if (!found.length) {
    const what = kind ? LIST_LABEL[kind] : '词表、单位名录或代表委员名单';
    throw new ListFileError(`${path} 中没有找到${what}。${notFound.length ? `\n  ${notFound.join('\n  ')}` : '（表格是空的）'}`);
  }
  return found;
}

/**
 * A config with its list files read: every file name under `lists` is replaced by the file's
 * entries. Bad rows are skipped and listed in `warnings` (one line per file).
 */
export function resolveListFiles(config: DafuConfig, baseDir: string): { config: DafuConfig; warnings: string[] } {
  if (!config.lists) return { config, warnings: [] };
  const lists: ListsConfig = {};
  const warnings: string[] = [];
  for (const kind of LIST_KINDS) {
    const value = config.lists[kind];
    if (value === undefined) continue;
    const items = Array.isArray(value) ? value : [value];
    const entries: AnyEntry[] = [];
    for (const item of items) {
      if (typeof item !== 'string') { entries.push(item as AnyEntry); continue; }
      const path = isAbsolute(item) ? item : resolve(baseDir, item);
      const [loaded] = readListFile(path, kind);
      entries.push(...loaded.entries);
      const errors = loaded.problems.filter((p) => p.level === 'error').length;
      if (errors) warnings.push(`${LIST_LABEL[kind]} ${item} 有 ${errors} ${loaded.rowWord}有错误，已跳过（用 dafu lists import ${item} --kind ${kind} 查看）。`);
    }
    (lists as Record<ListKind, AnyEntry[]>)[kind] = dedupe(kind, entries);
  }
  return { config: { ...config, lists }, warnings };
}

/** Later files win for the same key (words: wrong form; units and roster: name + kind). */
function dedupe(kind: ListKind, entries: AnyEntry[]): AnyEntry[] {
  const key = (e: AnyEntry) => (kind === 'words' ? (e as WordEntry).wrong : kind === 'units' ? (e as UnitEntry).name : `${(e as RosterEntry).name}|${(e as RosterEntry).kind}`);
  const map = new Map<string, AnyEntry>();
  for (const e of entries) { const k = key(e); map.delete(k); map.set(k, e); }
  return [...map.values()];
}
