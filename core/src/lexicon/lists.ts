/**
 * Word lists users maintain: a unit's own 词表 (wrong form → right form: typos and 规范表述),
 * its 单位名录 (full names and accepted short names) and the 代表委员名单 (roster).
 *
 * Here they are plain data. Reading files is the host's job (the CLI reads .xlsx/.csv/.json named
 * in the config, the extension imports them on its options page); both hand the core the same
 * arrays, under `config.lists`, and the same validation runs on both sides.
 */
import type { Lexicons } from '../engine/types.js';
import type { Cell, Sheet } from './table.js';

export type ListKind = 'words' | 'units' | 'roster';
export const LIST_KINDS: ListKind[] = ['words', 'units', 'roster'];
export const LIST_LABEL: Record<ListKind, string> = { words: '词表', units: '单位名录', roster: '代表委员名单' };

/** wrong form → right form, with why, on what basis, and when it was last confirmed */
export interface WordEntry {
  wrong: string;
  right: string;
  note?: string;
  basis?: string;
  /** YYYY-MM-DD the entry was last confirmed */
  confirmed?: string;
  /** longer strings containing `wrong` that are correct (a company name with 九洲 …) */
  unless?: string[];
}

/** a unit: its full name and the short names accepted for it */
export interface UnitEntry { name: string; aliases?: string[]; note?: string }

/** a deputy (npc) or member (cppcc) */
export interface RosterEntry { name: string; kind: 'npc' | 'cppcc'; unit?: string }

export interface UserLists { words?: WordEntry[]; units?: UnitEntry[]; roster?: RosterEntry[] }

/** The config's `lists`: file names (for the CLI to read) or the entries themselves. */
export interface ListsConfig {
  words?: string | Array<string | WordEntry>;
  units?: string | Array<string | UnitEntry>;
  roster?: string | Array<string | RosterEntry>;
}

/** Lexicon names the lists become inside the engine (`ctx.lexicons`). */
export const UNITS_LEXICON = 'units';
export const ROSTER_LEXICON = 'roster';

// ---------------------------------------------------------------------------------------------
// columns

type Field = 'wrong' | 'right' | 'note' | 'basis' | 'confirmed' | 'unless' | 'name' | 'aliases' | 'kind' | 'unit';

interface Column { field: Field; header: string; names: string[]; required?: boolean }

/** Columns per list: the header written on export first, then the names accepted on import. */
export const COLUMNS: Record<ListKind, Column[]> = {
  words: [
    { field: 'wrong', header: '错误写法', names: ['错误写法', '错误表述', '错误', '错词', '误写', '不规范表述', '不规范写法', '原写法'], required: true },
    { field: 'right', header: '正确写法', names: ['正确写法', '正确表述', '规范表述', '规范写法', '正确', '正词', '改为', '建议改为'], required: true },
    { field: 'note', header: '说明', names: ['说明', '备注', '解释', '理由'] },
    { field: 'basis', header: '依据', names: ['依据', '来源', '出处', '依据出处', '规范依据'] },
    { field: 'confirmed', header: '确认日期', names: ['确认日期', '核对日期', '确认时间', '更新日期', '日期'] },
    { field: 'unless', header: '例外', names: ['例外', '例外写法', '不报', '不报的写法', '合法写法'] },
  ],
  units: [
    { field: 'name', header: '单位全称', names: ['单位全称', '全称', '单位名称', '机构名称', '名称', '单位'], required: true },
    { field: 'aliases', header: '规范简称', names: ['规范简称', '简称', '可用简称', '别名', '其他名称'] },
    { field: 'note', header: '说明', names: ['说明', '备注'] },
  ],
  roster: [
    { field: 'name', header: '姓名', names: ['姓名', '代表姓名', '委员姓名', '名字'], required: true },
    { field: 'kind', header: '类别', names: ['类别', '身份', '类型', '代表或委员', '代表/委员'], required: true },
    { field: 'unit', header: '单位', names: ['单位', '工作单位', '所在单位', '代表团', '界别', '选举单位', '职务'] },
  ],
};

const KIND_WORDS: Record<string, 'npc' | 'cppcc'> = {
  代表: 'npc', 人大代表: 'npc', 人大: 'npc', npc: 'npc', 建议: 'npc',
  委员: 'cppcc', 政协委员: 'cppcc', 政协: 'cppcc', cppcc: 'cppcc', 提案: 'cppcc',
};
export const KIND_LABEL: Record<'npc' | 'cppcc', string> = { npc: '人大代表', cppcc: '政协委员' };

/** separators inside one cell that holds several values (简称, 例外) */
const MULTI = /[、；;，,\n|／/]+/u;

const clean = (v: Cell | undefined): string => (v === null || v === undefined ? '' : String(v)).replace(/\u00a0/g, ' ').trim();
const normHeader = (s: string) => s.replace(/[\s\u3000*＊（(][^）)]*[）)]|[\s\u3000*＊:：]/gu, '').normalize('NFKC');

/** Which column of a header row is which field; undefined when the row is not this list's header. */
function headerMap(kind: ListKind, row: Cell[]): Map<Field, number> | undefined {
  const cols = COLUMNS[kind];
  const map = new Map<Field, number>();
  const cells = row.map((c) => normHeader(clean(c)));
  // exact names first, then a header that contains a name (longest name wins)
  for (const exact of [true, false]) {
    for (const col of cols) {
      if (map.has(col.field)) continue;
      let best = -1, bestLen = 0;
      cells.forEach((h, i) => {
        if (!h || [...map.values()].includes(i)) return;
        for (const n of col.names) {
          const ok = exact ? h === n : h.includes(n) && n.length >= 2;
          if (ok && n.length > bestLen) { best = i; bestLen = n.length; }
        }
      });
      if (best >= 0) map.set(col.field, best);
    }
  }
  return cols.every((c) => !c.required || map.has(c.field)) ? map : undefined;
}

/** The list a sheet holds, from its header row (within the first 5 rows). */
export function detectList(rows: Cell[][]): { kind: ListKind; headerRow: number } | undefined {
  for (let r = 0; r < Math.min(rows.length, 5); r++) {
    const found = LIST_KINDS.map((kind) => ({ kind, map: headerMap(kind, rows[r] ?? []) })).filter((x) => x.map);
    if (found.length) {
      found.sort((a, b) => b.map!.size / COLUMNS[b.kind].length - a.map!.size / COLUMNS[a.kind].length);
      return { kind: found[0].kind, headerRow: r };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// validation

export interface ListProblem {
  /** 1-based row in the sheet (or item number in a JSON list) */
  row: number;
  level: 'error' | 'warning';
  message: string;
}

export interface ParsedList<T> {
  kind: ListKind;
  entries: T[];
  /** rows that were used */
  rows: number;
  /** bad rows (errors, skipped) and doubtful ones (warnings, kept) */
  problems: ListProblem[];
  /** which header each field came from */
  columns: Partial<Record<Field, string>>;
  /** word entries identical to a built-in one (harmless; an exported list holds them all) */
  sameAsBuiltin?: number;
}

export interface ValidateOptions {
  /** today's date (YYYY-MM-DD), for dates in the future or long unconfirmed */
  today?: string;
  /** entries shipped with dafu, so an entry that replaces one can say so */
  builtinWords?: Array<{ phrase: string; right?: string }>;
  /** how a row is called in messages: 第N行 (sheet) or 第N条 (JSON) */
  rowWord?: '行' | '条';
}

/**
 * A date cell as YYYY-MM-DD: an Excel serial number, or text such as 2025-05-06, 2025/5/6,
 * 2025.5.6, 2025年5月6日 or 20250506. Undefined when it is not a real date.
 */
export function toIsoDate(value: Cell | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const ok = (y: number, m: number, d: number) => {
    if (!(y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return undefined;
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCMonth() === m - 1 ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : undefined;
  };
  if (typeof value === 'number') {
    if (value > 20000 && value < 120000) {
      const t = new Date(Date.UTC(1899, 11, 30) + Math.floor(value) * 86400000);
      return ok(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
    }
    return value >= 19000101 && value <= 22001231 ? toIsoDate(String(value)) : undefined;
  }
  const s = String(value).normalize('NFKC').trim();
  let m = s.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/);
  if (m) return ok(+m[1], +m[2], +m[3]);
  m = s.match(/^(\d{4})(\d{2})(\d{2})$/);
  return m ? ok(+m[1], +m[2], +m[3]) : undefined;
}

const dayNumber = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;

type Record_ = Partial<Record<Field, Cell>>;

/** Rows of a sheet → entries of one list, with a report of bad rows. */
export function parseSheet(sheet: Sheet | Cell[][], opts: ValidateOptions & { kind?: ListKind } = {}): ParsedList<WordEntry | UnitEntry | RosterEntry> {
  const rows = Array.isArray(sheet) ? sheet : sheet.rows;
  let kind = opts.kind;
  let headerRow = -1;
  let map: Map<Field, number> | undefined;
  if (kind) {
    for (let r = 0; r < Math.min(rows.length, 5) && !map; r++) { map = headerMap(kind, rows[r] ?? []); if (map) headerRow = r; }
  } else {
    const found = detectList(rows);
    if (found) { kind = found.kind; headerRow = found.headerRow; map = headerMap(kind, rows[headerRow]); }
  }
  if (!kind || !map) {
    const k = kind ?? 'words';
    const want = COLUMNS[k].filter((c) => c.required).map((c) => `“${c.header}”`).join('、');
    const msg = kind
      ? `前 5 行中没有找到${LIST_LABEL[k]}的表头：至少要有${want}列（完整的列：${COLUMNS[k].map((c) => c.header).join('、')}）。`
      : '前 5 行中没有找到表头。词表的列为：错误写法、正确写法、说明、依据、确认日期；单位名录：单位全称、规范简称；代表委员名单：姓名、类别、单位。';
    return { kind: k, entries: [], rows: 0, problems: [{ row: 1, level: 'error', message: msg }], columns: {} };
  }
  const records: Array<{ row: number; rec: Record_ }> = [];
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const rec: Record_ = {};
    for (const [field, col] of map) rec[field] = row[col] ?? null;
    records.push({ row: r + 1, rec });
  }
  const columns = Object.fromEntries([...map].map(([f, i]) => [f, clean(rows[headerRow][i])]));
  return { ...validateRecords(kind, records, { rowWord: '行', ...opts }), columns };
}

/**
 * A list given as JSON (what `dafu lists export --format json` writes, or an array of entries):
 * the same checks as a sheet. Used by the CLI for .json list files and by the extension's import.
 */
export function parseListsJson(value: unknown, opts: ValidateOptions = {}): { lists: UserLists; problems: Array<ListProblem & { kind: ListKind }> } {
  const lists: UserLists = {};
  const problems: Array<ListProblem & { kind: ListKind }> = [];
  const obj = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ kind: 'words', row: 0, level: 'error', message: '应为对象：{ "words": [...], "units": [...], "roster": [...] }。' });
  }
  for (const kind of LIST_KINDS) {
    const list = obj[kind];
    if (list === undefined) continue;
    if (!Array.isArray(list)) { problems.push({ kind, row: 0, level: 'error', message: `“${kind}”应为数组。` }); continue; }
    const records = list.map((item, i) => ({ row: i + 1, rec: jsonRecord(kind, item) }));
    const parsed = validateRecords(kind, records, { rowWord: '条', ...opts });
    (lists as Record<ListKind, unknown[]>)[kind] = parsed.entries;
    problems.push(...parsed.problems.map((p) => ({ ...p, kind })));
  }
  return { lists, problems };
}

function jsonRecord(kind: ListKind, item: unknown): Record_ {
  if (!item || typeof item !== 'object') return {};
  const o = item as Record<string, unknown>;
  const str = (v: unknown): Cell => (typeof v === 'string' || typeof v === 'number' ? v : Array.isArray(v) ? v.map(String).join('、') : null);
  if (kind === 'words') return { wrong: str(o.wrong), right: str(o.right), note: str(o.note), basis: str(o.basis ?? o.source), confirmed: str(o.confirmed), unless: str(o.unless) };
  if (kind === 'units') return { name: str(o.name), aliases: str(o.aliases), note: str(o.note) };
  return { name: str(o.name), kind: str(o.kind), unit: str(o.unit) };
}

function validateRecords(kind: ListKind, records: Array<{ row: number; rec: Record_ }>, opts: ValidateOptions): ParsedList<WordEntry | UnitEntry | RosterEntry> {
  const problems: ListProblem[] = [];
  const w = opts.rowWord ?? '行';
  const at = (row: number) => `第${row}${w}`;
  const err = (row: number, message: string) => problems.push({ row, level: 'error', message });
  const warn = (row: number, message: string) => problems.push({ row, level: 'warning', message });
  const entries: Array<WordEntry | UnitEntry | RosterEntry> = [];
  let used = 0;
  let sameAsBuiltin = 0;
  const today = opts.today && toIsoDate(opts.today);

  if (kind === 'words') {
    const seen = new Map<string, number>();
    const builtin = new Map((opts.builtinWords ?? []).map((e) => [e.phrase, e.right]));
    for (const { row, rec } of records) {
      const wrong = clean(rec.wrong), right = clean(rec.right);
      const note = clean(rec.note), basis = clean(rec.basis), rawDate = rec.confirmed;
      if (!wrong && !right && !note && !basis && !clean(rawDate) && !clean(rec.unless)) continue; // blank row
      if (!wrong) { err(row, '“错误写法”为空，已跳过。'); continue; }
      if (!right) { err(row, `“${wrong}”的“正确写法”为空，已跳过。`); continue; }
      if (/[\r\n]/.test(wrong) || /[\r\n]/.test(right)) { err(row, `“${wrong.replace(/\s+/g, ' ')}”含有换行，写法应在一行之内，已跳过。`); continue; }
      if (wrong === right) { err(row, `错误写法与正确写法相同（“${wrong}”），已跳过。`); continue; }
      const unless = clean(rec.unless).split(MULTI).map((s) => s.trim()).filter(Boolean);
      if (right.includes(wrong) && !unless.some((u) => u.includes(right))) {
        err(row, `错误写法“${wrong}”包含在正确写法“${right}”之中，正确的写法本身也会被报错；请把错误写法写得更完整，或在“例外”列写上“${right}”。已跳过。`);
        continue;
      }
      const prev = seen.get(wrong);
      if (prev !== undefined) { err(row, `“${wrong}”与${at(prev)}重复，已跳过。`); continue; }
      let confirmed: string | undefined;
      if (clean(rawDate)) {
        confirmed = toIsoDate(rawDate);
        if (!confirmed) { err(row, `“${wrong}”的确认日期“${clean(rawDate)}”不是有效日期（应写成 2025-05-06 或 2025年5月6日），已跳过。`); continue; }
        if (today && confirmed > today) warn(row, `“${wrong}”的确认日期 ${confirmed} 晚于今天，请核对。`);
        else if (today && dayNumber(today) - dayNumber(confirmed) > 3 * 365) warn(row, `“${wrong}”的确认日期 ${confirmed} 已超过三年，建议重新核对。`);
      }
      if ([...wrong].length === 1) warn(row, `“${wrong}”只有一个字，会在很多词语里命中，建议写成词语或短语。`);
      for (const u of unless) if (!u.includes(wrong)) warn(row, `例外“${u}”不包含错误写法“${wrong}”，不起作用。`);
      const old = builtin.get(wrong);
      if (old === right) sameAsBuiltin++;
      else if (old !== undefined) warn(row, `“${wrong}”在内置词库中应为“${old}”，本表改为“${right}”，以本表为准。`);
      seen.set(wrong, row);
      entries.push({ wrong, right, ...(note ? { note } : {}), ...(basis ? { basis } : {}), ...(confirmed ? { confirmed } : {}), ...(unless.length ? { unless } : {}) });
      used++;
    }
  } else if (kind === 'units') {
    const owner = new Map<string, { row: number; name: string }>();
    for (const { row, rec } of records) {
      const name = clean(rec.name).replace(/[\s\u3000]+/gu, '');
      const aliasText = clean(rec.aliases);
      const note = clean(rec.note);
      if (!name && !aliasText && !note) continue;
      if (!name) { err(row, '“单位全称”为空，已跳过。'); continue; }
      const prev = owner.get(name);
      if (prev && prev.name === name) { err(row, `单位“${name}”与${at(prev.row)}重复，已跳过。`); continue; }
      if (prev) { err(row, `单位全称“${name}”已是${at(prev.row)}“${prev.name}”的简称，已跳过。`); continue; }
      const aliases: string[] = [];
      for (const a of aliasText.split(MULTI).map((s) => s.replace(/[\s\u3000]+/gu, '')).filter(Boolean)) {
        if (a === name) { warn(row, `简称“${a}”与全称相同，已忽略。`); continue; }
        const o = owner.get(a);
        if (o) { err(row, `简称“${a}”已属于${at(o.row)}“${o.name}”，同一个简称不能指两个单位，已忽略这个简称。`); continue; }
        if (!aliases.includes(a)) aliases.push(a);
      }
      owner.set(name, { row, name });
      for (const a of aliases) owner.set(a, { row, name });
      entries.push({ name, ...(aliases.length ? { aliases } : {}), ...(note ? { note } : {}) });
      used++;
    }
  } else {
    const seen = new Map<string, number>();
    for (const { row, rec } of records) {
      const name = clean(rec.name).replace(/[\s\u3000]+/gu, '');
      const kindText = clean(rec.kind).replace(/[\s\u3000]+/gu, '');
      const unit = clean(rec.unit);
      if (!name && !kindText && !unit) continue;
      if (!name) { err(row, '“姓名”为空，已跳过。'); continue; }
      if (/[0-9０-９，,。；;：:、（）()“”"]/u.test(name)) { err(row, `姓名“${name}”含有数字或标点，可能把几列写在了一格里，已跳过。`); continue; }
      const k = KIND_WORDS[kindText.toLowerCase()] ?? (/代表/u.test(kindText) ? 'npc' : /委员/u.test(kindText) ? 'cppcc' : undefined);
      if (!k) { err(row, `${name}的类别“${kindText || '（空）'}”无法识别，应写“代表”或“委员”，已跳过。`); continue; }
      const key = `${name}|${k}`;
      const prev = seen.get(key);
      if (prev !== undefined) { err(row, `${KIND_LABEL[k]}“${name}”与${at(prev)}重复，已跳过（同名的两个人请在“单位”列区分，并只保留一行）。`); continue; }
      if ([...name].length > 12) warn(row, `姓名“${name}”超过 12 个字，请核对。`);
      seen.set(key, row);
      entries.push({ name, kind: k, ...(unit ? { unit } : {}) });
      used++;
    }
  }
  problems.sort((a, b) => a.row - b.row || (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  return { kind, entries, rows: used, problems, columns: {}, ...(sameAsBuiltin ? { sameAsBuiltin } : {}) };
}

// ---------------------------------------------------------------------------------------------
// export

/** One list as sheet rows: the Chinese header, then one row per entry. */
export function listRows(kind: ListKind, entries: ReadonlyArray<WordEntry | UnitEntry | RosterEntry>): string[][] {
  const header = COLUMNS[kind].map((c) => c.header);
  if (kind === 'words') return [header, ...(entries as WordEntry[]).map((e) => [e.wrong, e.right, e.note ?? '', e.basis ?? '', e.confirmed ?? '', (e.unless ?? []).join('、')])];
  if (kind === 'units') return [header, ...(entries as UnitEntry[]).map((e) => [e.name, (e.aliases ?? []).join('、'), e.note ?? ''])];
  return [header, ...(entries as RosterEntry[]).map((e) => [e.name, e.kind === 'npc' ? '代表' : '委员', e.unit ?? ''])];
}

/** A Chinese report of a parsed list: one line per problem, and a summary line. */
export function formatListReport(parsed: Pick<ParsedList<unknown>, 'kind' | 'rows' | 'problems' | 'sameAsBuiltin'>, name: string, rowWord: '行' | '条' = '行'): string {
  const errors = parsed.problems.filter((p) => p.level === 'error').length;
  const warnings = parsed.problems.length - errors;
  const lines = parsed.problems.map((p) => `  ${p.row > 0 ? `第${p.row}${rowWord}` : '整体'}  ${p.level === 'error' ? '错误' : '注意'}  ${p.message}`);
  const same = parsed.sameAsBuiltin ? `（其中 ${parsed.sameAsBuiltin} 条与内置词库相同）` : '';
  const summary = `${name}（${LIST_LABEL[parsed.kind]}）：可用 ${parsed.rows} 条${same}` + (errors ? `，${errors} 行有错误已跳过` : '') + (warnings ? `，${warnings} 处需要注意` : '') + (errors || warnings ? '。' : '，没有发现问题。');
  return [summary, ...lines].join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// into the engine

type LexEntry = Lexicons[string][number];

const objects = <T>(v: string | Array<string | T> | T[] | undefined): T[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as T[]) : []);

/**
 * The lexicons with a config's lists merged in: words join `typos` (an entry replaces a built-in
 * one with the same wrong form; it is marked `origin: 'user'`), units and roster become the
 * `units` and `roster` lexicons. File names (strings) are ignored here: the host reads them.
 */
export function applyLists(base: Lexicons, lists: ListsConfig | UserLists | undefined): Lexicons {
  if (!lists) return base;
  const out: Lexicons = { ...base };
  const words = objects<WordEntry>(lists.words).filter((e) => typeof e.wrong === 'string' && e.wrong && typeof e.right === 'string' && e.right !== e.wrong);
  if (words.length) {
    const own = new Set(words.map((e) => e.wrong));
    const shipped = new Map((base.typos ?? []).map((e) => [e.phrase, e as LexEntry & { right?: string }]));
    const mapped = words.map(({ wrong, ...rest }) => {
      // the same correction as a shipped entry keeps the shipped note and exceptions, with the unit's additions
      const same = shipped.get(wrong);
      if (same && same.right === rest.right) {
        const unless = [...new Set([...((same as { unless?: string[] }).unless ?? []), ...(rest.unless ?? [])])];
        return { ...same, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== '')), ...(unless.length ? { unless } : {}), origin: 'user' } as LexEntry;
      }
      return { phrase: wrong, ...rest, origin: 'user' } as LexEntry;
    });
    out.typos = [...mapped, ...(base.typos ?? []).filter((e) => !own.has(e.phrase))];
  }
  const units = objects<UnitEntry>(lists.units).filter((e) => typeof e.name === 'string' && e.name);
  if (units.length) out[UNITS_LEXICON] = [...(base[UNITS_LEXICON] ?? []), ...units.map(({ name, ...rest }) => ({ phrase: name, ...rest }) as LexEntry)];
  const roster = objects<RosterEntry>(lists.roster).filter((e) => typeof e.name === 'string' && e.name && (e.kind === 'npc' || e.kind === 'cppcc'));
  if (roster.length) out[ROSTER_LEXICON] = [...(base[ROSTER_LEXICON] ?? []), ...roster.map(({ name, ...rest }) => ({ phrase: name, ...rest }) as LexEntry)];
  return out;
}

const derived = new WeakMap<object, unknown[]>();
const once = <T>(list: Lexicons[string] | undefined, make: (l: Lexicons[string]) => T[]): T[] => {
  if (!list) return [];
  let hit = derived.get(list) as T[] | undefined;
  if (!hit) { hit = make(list); derived.set(list, hit); }
  return hit;
};

/** The unit list the engine holds (from `config.lists.units` and `lexicons.units`); the same array for the same lexicon. */
export const unitsOf = (lex: Lexicons): UnitEntry[] =>
  once(lex[UNITS_LEXICON], (l) => l.map((e) => ({ name: e.phrase, aliases: ((e as { aliases?: string[] }).aliases ?? []).filter((a) => typeof a === 'string' && a) })));

/** The roster the engine holds; the same array for the same lexicon. */
export const rosterOf = (lex: Lexicons): RosterEntry[] =>
  once(lex[ROSTER_LEXICON], (l) => l.map((e) => ({ name: e.phrase, kind: e.kind === 'cppcc' ? 'cppcc' : 'npc', ...((e as { unit?: string }).unit ? { unit: (e as { unit?: string }).unit } : {}) })));

/** Built-in typo/formulation entries (lexicon form) back as word entries, for export. */
export function wordsOfLexicon(entries: Lexicons[string]): WordEntry[] {
  return entries.map((e) => {
    const x = e as LexEntry & { right?: string; basis?: string; source?: string; confirmed?: string; unless?: string[] };
    const basis = x.basis ?? x.source;
    return { wrong: x.phrase, right: x.right ?? '', ...(x.note ? { note: x.note } : {}), ...(basis ? { basis } : {}), ...(x.confirmed ? { confirmed: x.confirmed } : {}), ...(x.unless?.length ? { unless: x.unless } : {}) };
  }).filter((e) => e.right);
}
