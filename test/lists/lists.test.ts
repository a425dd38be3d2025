import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  applyLists, detectList, listRows, parseListsJson, parseSheet, readTable, rosterOf, toIsoDate, unitsOf, formatListReport,
  type Cell, type WordEntry,
} from '../../core/src/index.js';

const words = (rows: Cell[][], today = '2026-01-10') => parseSheet([['错误写法', '正确写法', '说明', '依据', '确认日期'], ...rows], { kind: 'words', today, builtinWords: [{ phrase: '布署', right: '部署' }, { phrase: '九洲', right: '九州' }] });

describe('word list validation', () => {
  it('keeps good rows and reports bad ones with their sheet row numbers', () => {
    const r = words([
      ['市住建委', '市住房和城乡建设局', '机构改革后名称', '市政府文件', '2025-03-01'],
      ['', '部署', '', '', ''],
      ['安排', '安排', '', '', ''],
      ['截止日期', '截至日期', '', '', '2025/13/40'],
      ['工委', '代表工委', '', '', ''],
      ['市住建委', '市住建局', '', '', ''],
      [null, null, null, null, null],
      ['市容委', '', '', '', ''],
    ]);
    expect(r.entries).toEqual([{ wrong: '市住建委', right: '市住房和城乡建设局', note: '机构改革后名称', basis: '市政府文件', confirmed: '2025-03-01' }]);
    expect(r.problems.map((p) => [p.row, p.level])).toEqual([[3, 'error'], [4, 'error'], [5, 'error'], [6, 'error'], [7, 'error'], [9, 'error']]);
    expect(r.problems[0].message).toContain('错误写法');
    expect(r.problems[1].message).toContain('相同');
    expect(r.problems[2].message).toContain('不是有效日期');
    expect(r.problems[3].message).toContain('包含在正确写法');
    expect(r.problems[4].message).toContain('与第2行重复');
    expect(r.problems[5].message).toContain('正确写法”为空');
  });

  it('accepts a wrong form inside the right one when the right one is an exception', () => {
    const r = parseSheet([['错误写法', '正确写法', '例外'], ['代表工委', '人大常委会代表工委', '市人大常委会代表工委']], { kind: 'words' });
    expect(r.problems).toEqual([]);
    expect(r.entries[0].unless).toEqual(['市人大常委会代表工委']);
  });

  it('warns about old, future and one-character entries, and about replacing a built-in entry', () => {
    const r = words([
      ['旧称', '新称', '', '', '2019-01-01'],
      ['来称', '新名', '', '', '2027-01-01'],
      ['付', '副', '', '', ''],
      ['九洲', '九州市', '本地地名', '', ''],
      ['布署', '部署', '', '', ''],
    ]);
    expect(r.problems.filter((p) => p.level === 'warning').map((p) => p.row)).toEqual([2, 3, 4, 5]);
    expect(r.problems.find((p) => p.row === 5)!.message).toContain('以本表为准');
    expect(r.sameAsBuiltin).toBe(1);
    expect(r.entries).toHaveLength(5);
  });

  it('reads dates written the ways people write them', () => {
    expect(toIsoDate('2025年5月6日')).toBe('2025-05-06');
    expect(toIsoDate('2025/5/6')).toBe('2025-05-06');
    expect(toIsoDate('2025.05.06')).toBe('2025-05-06');
    expect(toIsoDate('20250506')).toBe('2025-05-06');
    expect(toIsoDate(45783)).toBe('2025-05-06');
    expect(toIsoDate('２０２５－０５－０６')).toBe('2025-05-06');
    expect(toIsoDate('2025-02-30')).toBeUndefined();
    expect(toIsoDate('去年')).toBeUndefined();
  });

  it('finds the header under a title row and by column synonyms', () => {
    const r = parseSheet([['某市规范表述清单（2025年）'], ['序号', '不规范表述', '规范表述', '备注', '出处', '核对日期'], [1, '市府办', '市政府办公室', '', '机构编制文件', 45783]]);
    expect(r.kind).toBe('words');
    expect(r.entries).toEqual([{ wrong: '市府办', right: '市政府办公室', basis: '机构编制文件', confirmed: '2025-05-06' }]);
  });

  it('says which columns are missing when there is no header', () => {
    const r = parseSheet([['a', 'b'], ['c', 'd']], { kind: 'words' });
    expect(r.entries).toEqual([]);
    expect(r.problems[0].message).toMatch(/错误写法.*正确写法/u);
  });
});

describe('unit list and roster validation', () => {
  it('detects each list from its header', () => {
    expect(detectList([['单位全称', '规范简称']])?.kind).toBe('units');
    expect(detectList([['姓名', '类别', '工作单位']])?.kind).toBe('roster');
    expect(detectList([['错误写法', '正确写法']])?.kind).toBe('words');
  });

  it('checks units: duplicates, a short name owned by two units', () => {
    const r = parseSheet([['单位全称', '规范简称'], ['某市交通运输局', '市交通运输局、市交通局'], ['某市交通运输局', ''], ['某市公安局', '市交通局；市公安局'], ['', '']]);
    expect(r.entries).toEqual([{ name: '某市交通运输局', aliases: ['市交通运输局', '市交通局'] }, { name: '某市公安局', aliases: ['市公安局'] }]);
    expect(r.problems.map((p) => [p.row, p.level])).toEqual([[3, 'error'], [4, 'error']]);
    expect(r.problems[1].message).toContain('第2行');
  });

  it('checks the roster: kinds in words people use, spaced names, duplicates, bad names', () => {
    const r = parseSheet([['姓名', '类别', '单位'], ['王  芳', '人大代表', '市一医院'], ['陈晓东', '政协委员', ''], ['王芳', '代表', ''], ['王芳', '委员', ''], ['李四', '列席', ''], ['张三，李四', '代表', '']]);
    expect(r.entries).toEqual([{ name: '王芳', kind: 'npc', unit: '市一医院' }, { name: '陈晓东', kind: 'cppcc' }, { name: '王芳', kind: 'cppcc' }]);
    expect(r.problems.map((p) => p.row)).toEqual([4, 6, 7]);
  });

  it('validates JSON lists (the export format) the same way, by item number', () => {
    const { lists, problems } = parseListsJson({ words: [{ wrong: '布署', right: '部署' }, { wrong: '', right: 'x' }], roster: [{ name: '王芳', kind: 'npc' }], units: 'x' });
    expect(lists.words).toEqual([{ wrong: '布署', right: '部署' }]);
    expect(lists.roster).toEqual([{ name: '王芳', kind: 'npc' }]);
    expect(problems.map((p) => [p.kind, p.row])).toEqual([['words', 2], ['units', 0]]);
    expect(problems[0].message).toContain('错误写法');
  });

  it('prints a Chinese report', () => {
    const text = formatListReport(words([['', 'x', '', '', ''], ['布署', '部署', '', '', '']]), '词表.xlsx');
    expect(text).toContain('词表.xlsx（词表）：可用 1 条（其中 1 条与内置词库相同），1 行有错误已跳过');
    expect(text).toContain('第2行  错误');
  });
});

describe('lists in the engine', () => {
  const base = { typos: [{ phrase: '布署', right: '部署', note: '内置说明' }, { phrase: '做为', right: '作为' }] };
  it('merges words into typos (a unit entry replaces a built-in one) and units and roster into lexicons', () => {
    const lex = applyLists(base, {
      words: ['词表.xlsx', { wrong: '做为', right: '当作', confirmed: '2025-01-01' }, { wrong: '布署', right: '部署', confirmed: '2025-02-02' } as WordEntry],
      units: [{ name: '某市交通运输局', aliases: ['市交通局'] }],
      roster: [{ name: '王芳', kind: 'cppcc', unit: '民盟' }],
    });
    expect(lex.typos.map((e) => e.phrase)).toEqual(['做为', '布署']);
    expect(lex.typos[0]).toMatchObject({ right: '当作', origin: 'user' });
    expect(lex.typos[1]).toMatchObject({ note: '内置说明', confirmed: '2025-02-02', origin: 'user' });
    expect(unitsOf(lex)).toEqual([{ name: '某市交通运输局', aliases: ['市交通局'] }]);
    expect(unitsOf(lex)).toBe(unitsOf(lex));
    expect(rosterOf(lex)).toEqual([{ name: '王芳', kind: 'cppcc', unit: '民盟' }]);
    expect(applyLists(base, undefined)).toBe(base);
  });

  it('exports with the Chinese columns', () => {
    expect(listRows('words', [{ wrong: 'a', right: 'b', unless: ['ab', 'abc'] }])).toEqual([['错误写法', '正确写法', '说明', '依据', '确认日期', '例外'], ['a', 'b', '', '', '', 'ab、abc']]);
    expect(listRows('roster', [{ name: '王芳', kind: 'cppcc' }])[1]).toEqual(['王芳', '委员', '']);
  });
});

describe('reading tables', () => {
  it('reads an .xlsx written by Excel-like tools: shared strings, rich text, numbers and date cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('词表');
    ws.addRow(['错误写法', '正确写法', '说明', '依据', '确认日期']);
    ws.addRow(['市住建委', '市住房和城乡建设局', { richText: [{ text: '机构' }, { text: '改革', font: { bold: true } }] }, '𠀋文件', new Date(Date.UTC(2025, 4, 6))]);
    ws.addRow(['布署', '部署', null, null, 45783]);
    const other = wb.addWorksheet('名单');
    other.addRow(['姓名', '类别']);
    other.addRow(['王芳', '代表']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
    const table = readTable(bytes, 'x.xlsx');
    expect(table.format).toBe('xlsx');
    expect(table.sheets.map((s) => s.name)).toEqual(['词表', '名单']);
    expect(table.sheets[0].rows[1]).toEqual(['市住建委', '市住房和城乡建设局', '机构改革', '𠀋文件', '2025-05-06']);
    const parsed = parseSheet(table.sheets[0]);
    expect(parsed.entries[1]).toEqual({ wrong: '布署', right: '部署', confirmed: '2025-05-06' });
    expect(parseSheet(table.sheets[1]).entries).toEqual([{ name: '王芳', kind: 'npc' }]);
  });

  it('reads CSV in UTF-8 with BOM, GBK and UTF-16, with quoted fields', () => {
    const csv = '错误写法,正确写法,说明\r\n"做为","作为","含,逗号和""引号"""\r\n';
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv)]);
    const rows = readTable(utf8).sheets[0].rows;
    expect(rows[1]).toEqual(['做为', '作为', '含,逗号和"引号"']);
    // GBK bytes of 错误写法,正确写法\n布署,部署\n
    const gbk = new Uint8Array([0xb4, 0xed, 0xce, 0xf3, 0xd0, 0xb4, 0xb7, 0xa8, 0x2c, 0xd5, 0xfd, 0xc8, 0xb7, 0xd0, 0xb4, 0xb7, 0xa8, 0x0a, 0xb2, 0xbc, 0xca, 0xf0, 0x2c, 0xb2, 0xbf, 0xca, 0xf0, 0x0a]);
    const t = readTable(gbk);
    expect(t.encoding).toBe('gb18030');
    expect(t.sheets[0].rows).toEqual([['错误写法', '正确写法'], ['布署', '部署']]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('姓名\t类别\n王芳\t代表\n').flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(readTable(utf16).sheets[0].rows[1]).toEqual(['王芳', '代表']);
  });

  it('refuses old .xls and other files with a Chinese message', () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(() => readTable(ole, 'a.xls')).toThrow(/另存为 \.xlsx/u);
    expect(() => readTable(new Uint8Array(), 'a.csv')).toThrow(/空文件/u);
  });
});
