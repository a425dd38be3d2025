import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { dafu, json, tempDir } from '../helpers/cli.js';

let dir: string;

async function xlsx(path: string, sheets: Record<string, unknown[][]>) {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  await wb.xlsx.writeFile(path);
}

const DRAFT = [
  '关于市十七届人大三次会议第128号建议的答复',
  '李建囯代表：',
  '您提出的《关于加强校园周边交通安全的建议》收悉，现答复如下：',
  '2025年4月，我局会同市住建委完成改造12处，投入资金35万元。',
  '感谢您对交通工作的关心和支持。',
  '市交通局',
  '2025年5月6日',
  '抄送：某市住房与城乡建设局。',
].join('\n');

beforeAll(async () => {
  dir = tempDir('dafu-lists-');
  await xlsx(join(dir, '词表.xlsx'), {
    词表: [
      ['某市规范表述清单'],
      ['错误写法', '正确写法', '说明', '依据', '确认日期'],
      ['市住建委', '市住房和城乡建设局', '机构改革后名称', '市政府机构设置文件', '2025-03-01'],
      ['', '部署', '', '', ''],
      ['截止日期', '截至日期', '', '', '2025年13月1日'],
      ['市住建委', '市住建局', '', '', ''],
    ],
  });
  await xlsx(join(dir, '名录.xlsx'), {
    单位名录: [['单位全称', '规范简称'], ['某市交通运输局', '市交通运输局、市交通局'], ['某市住房和城乡建设局', '市住建局']],
    代表委员名单: [['姓名', '类别', '单位'], ['李建国', '代表', '市第一中学'], ['陈晓东', '委员', '']],
  });
  // GBK CSV, as Excel saves “CSV” on a Chinese Windows: 姓名,类别\n李建国,代表\n
  writeFileSync(join(dir, 'roster-gbk.csv'), Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xc0, 0xe0, 0xb1, 0xf0, 0x0a, 0xc0, 0xee, 0xbd, 0xa8, 0xb9, 0xfa, 0x2c, 0xb4, 0xfa, 0xb1, 0xed, 0x0a]));
  writeFileSync(join(dir, 'dafu.config.json'), JSON.stringify({ lists: { words: ['词表.xlsx'], units: '名录.xlsx', roster: '名录.xlsx' } }));
  writeFileSync(join(dir, 'draft.txt'), DRAFT);
});

describe('dafu lists import', () => {
  it('reports bad rows in Chinese with their row numbers and writes the good ones', () => {
    const out = join(dir, 'out', 'words.json');
    const r = dafu(['lists', 'import', join(dir, '词表.xlsx'), '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('可用 1 条，3 行有错误已跳过');
    expect(r.stderr).toMatch(/第4行 {2}错误 {2}“错误写法”为空/u);
    expect(r.stderr).toMatch(/第5行 .*不是有效日期/u);
    expect(r.stderr).toMatch(/第6行 .*与第3行重复/u);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.words).toEqual([{ wrong: '市住建委', right: '市住房和城乡建设局', note: '机构改革后名称', basis: '市政府机构设置文件', confirmed: '2025-03-01' }]);
  });

  it('detects the lists of a workbook from their headers, and reads GBK CSV', () => {
    const r = dafu(['lists', 'import', join(dir, '名录.xlsx')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('（单位名录）：可用 2 条，没有发现问题');
    expect(r.stderr).toContain('（代表委员名单）：可用 2 条，没有发现问题');
    const g = dafu(['lists', 'import', join(dir, 'roster-gbk.csv'), '--kind', 'roster', '-o', join(dir, 'roster.json')]);
    expect(g.code).toBe(0);
    expect(g.stderr).toContain('GBK/GB18030 编码');
    expect(JSON.parse(readFileSync(join(dir, 'roster.json'), 'utf8')).roster).toEqual([{ name: '李建国', kind: 'npc' }]);
  });

  it('fails clearly on a missing file or a sheet without the columns', () => {
    const r = dafu(['lists', 'import', join(dir, 'nope.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不存在');
    const w = dafu(['lists', 'import', join(dir, '名录.xlsx'), '--kind', 'words']);
    expect(w.code).toBe(2);
    expect(w.stderr).toContain('错误写法');
  });
});

describe('dafu lists export', () => {
  it('round-trips the built-in list through Excel', () => {
    const file = join(dir, 'export.xlsx');
    const e = dafu(['lists', 'export', '--output', file], { cwd: dir });
    expect(e.code).toBe(0);
    const r = dafu(['lists', 'import', file]);
    expect(r.code).toBe(0);
    // the config's own entry comes first and the built-in ones follow
    expect(r.stderr).toMatch(/（词表）：可用 1\d{3} 条（其中 1\d{3} 条与内置词库相同）/u);
    expect(r.stderr).toContain('（单位名录）：可用 2 条');
  });

  it('writes JSON the config and the extension take, and CSV with Chinese columns', () => {
    const j = dafu(['lists', 'export', '--format', 'json', '--no-builtin'], { cwd: dir });
    expect(j.code).toBe(0);
    const data = JSON.parse(j.stdout);
    expect(data.words).toHaveLength(1);
    expect(data.roster).toEqual([{ name: '李建国', kind: 'npc', unit: '市第一中学' }, { name: '陈晓东', kind: 'cppcc' }]);
    const c = dafu(['lists', 'export', '--format', 'csv', '--kind', 'roster'], { cwd: dir });
    expect(c.stdout).toBe('\uFEFF姓名,类别,单位\r\n李建国,代表,市第一中学\r\n陈晓东,委员,\r\n');
  });
});

describe('lists in the config', () => {
  it('checks a draft against the configured word list, unit list and roster', () => {
    const r = dafu(['check', '-f', 'json', join(dir, 'draft.txt')]);
    expect(r.code).toBe(1);
    const found = json(r.stdout).results[0].messages.filter((m) => ['typos', 'proposer-name', 'unit-name'].includes(m.ruleId)).map((m) => `${m.ruleId}: ${m.excerpt}`);
    expect(found).toEqual(['proposer-name: 李建囯', 'typos: 市住建委', 'unit-name: 市交通局', 'unit-name: 某市住房与城乡建设局']);
    expect(r.stderr).toContain('有 3 行有错误，已跳过');
  });

  it('takes inline entries (what the extension stores) as well as file names', () => {
    const sub = tempDir('dafu-lists-inline-');
    writeFileSync(join(sub, 'dafu.config.json'), JSON.stringify({ lists: { roster: [{ name: '李建国', kind: 'npc' }] } }));
    writeFileSync(join(sub, 'draft.txt'), DRAFT);
    const r = dafu(['check', '-f', 'json', join(sub, 'draft.txt')]);
    expect(json(r.stdout).results[0].messages.some((m) => m.ruleId === 'proposer-name' && m.excerpt === '李建囯')).toBe(true);
  });

  it('stops with a Chinese error when a list file is missing', () => {
    const sub = tempDir('dafu-lists-bad-');
    writeFileSync(join(sub, 'dafu.config.json'), JSON.stringify({ lists: { units: '单位名录.xlsx' } }));
    writeFileSync(join(sub, 'draft.txt'), DRAFT);
    const r = dafu(['check', join(sub, 'draft.txt')]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/清单无法读取.*单位名录\.xlsx 不存在/u);
  });
});
