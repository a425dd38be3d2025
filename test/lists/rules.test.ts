import { describe, expect, it } from 'vitest';
import { createChecker, type DafuConfig } from '../../rules/src/index.js';

const lists: DafuConfig['lists'] = {
  words: [
    { wrong: '市住建委', right: '市住房和城乡建设局', note: '机构改革后名称', basis: '市政府机构设置文件', confirmed: '2025-03-01' },
    { wrong: '九洲', right: '九州', unless: ['九洲大道'] },
  ],
  units: [
    { name: '某市交通运输局', aliases: ['市交通运输局', '市交通局'] },
    { name: '某市住房和城乡建设局', aliases: ['市住建局'] },
    { name: '某市人大常委会代表工作委员会', aliases: ['市人大常委会代表工委'] },
  ],
  roster: [
    { name: '王海萍', kind: 'npc', unit: '市第一人民医院' },
    { name: '王海平', kind: 'cppcc' },
    { name: '李建国', kind: 'npc' },
    { name: '陈晓东', kind: 'cppcc' },
  ],
};
const only = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'warning' as const]));
const check = (text: string, config: DafuConfig = {}, context = {}) => {
  const rules = ['typos', 'proposer-name', 'unit-name', 'salutation-name'];
  const checker = createChecker({ config: { lists, ...config, rules: { ...Object.fromEntries(createChecker().rules.map((r) => [r.meta.id, 'off' as const])), ...only(rules) } } });
  return checker.check({ text, name: 'x.txt', context }).messages.map((m) => `${m.ruleId}: ${m.excerpt}`);
};
const letter = (salutation: string, tail = '某市交通运输局\n2025年5月6日') => `关于市十七届人大三次会议第128号建议的答复\n${salutation}\n您提出的建议收悉，现答复如下：\n已完成改造。\n${tail}`;

describe('proposer-name', () => {
  it('names the roster name a misspelt salutation name stands for', () => {
    const c = createChecker({ config: { lists } });
    const m = c.check({ text: letter('李建囯代表：'), name: 'x.txt' }).messages.find((x) => x.ruleId === 'proposer-name')!;
    expect(m.severity).toBe('error');
    expect(m.excerpt).toBe('李建囯');
    expect(m.message).toContain('李建国');
    expect(m.suggestions[0].fix?.text).toBe('李建国');
  });

  it('accepts roster names, including a name both on the roster as 代表 and as 委员', () => {
    expect(check(letter('王海萍代表：'))).toEqual([]);
    expect(check(letter('王海平委员：'))).toEqual([]);
  });

  it('prefers the roster entry of the same kind and lists several candidates', () => {
    const out = createChecker({ config: { lists } }).check({ text: letter('王海苹代表：'), name: 'x.txt' }).messages.find((x) => x.ruleId === 'proposer-name')!;
    expect(out.message).toContain('“王海萍”或“王海平”');
  });

  it('reports a 代表 addressed as 委员', () => {
    expect(check(letter('李建国委员：'))).toEqual(['proposer-name: 李建国委员']);
  });

  it('stays quiet when the record already disagrees (salutation-name reports it) and for placeholder names', () => {
    expect(check(letter('王海苹代表：'), {}, { proposer: ['王海萍'] })).toEqual(['salutation-name: 王海苹']);
    expect(check(letter('王某某代表：'))).toEqual([]);
  });

  it('does not judge 委员 names by a roster of 代表 only', () => {
    const npcOnly: DafuConfig = { lists: { roster: [{ name: '李建国', kind: 'npc' }] } };
    expect(check(letter('李建囯委员：'), npcOnly)).toEqual([]);
    expect(check(letter('李建国委员：'), npcOnly)).toEqual([]);
  });

  it('does nothing without a roster', () => {
    expect(createChecker().check({ text: letter('李建囯代表：'), name: 'x.txt' }).messages.filter((m) => m.ruleId === 'proposer-name')).toEqual([]);
  });
});

describe('unit-name', () => {
  it('wants the full name in the signoff and accepts short names in 抄送', () => {
    expect(check(letter('王海萍代表：', '市交通局\n2025年5月6日\n抄送：市住建局，市人大常委会代表工委。'))).toEqual(['unit-name: 市交通局']);
  });

  it('catches a misspelt unit in 抄送 and in the signoff', () => {
    expect(check(letter('王海萍代表：', '某市交通运输厅\n2025年5月6日\n抄送：某市住房与城乡建设局、市政府督查室。'))).toEqual(['unit-name: 某市交通运输厅', 'unit-name: 某市住房与城乡建设局']);
  });

  it('never takes one institution for another (市政协办公室 is not a misspelt 市政府办公室)', () => {
    const config: DafuConfig = { lists: { ...lists, units: [...(lists!.units as never[]), { name: '某市人民政府办公室', aliases: ['市政府办公室'] }] } };
    expect(check(letter('王海萍代表：', '某市交通运输局\n2025年5月6日\n抄送：市政协办公室，市政府办公室。'), config)).toEqual([]);
  });

  it('accepts the 抄送 bodies the local rules require', () => {
    const config: DafuConfig = { profile: { require: { cc: ['某市人大常委会代表工作委会'] } } };
    expect(check(letter('王海萍代表：', '某市交通运输局\n2025年5月6日\n抄送：某市人大常委会代表工作委会。'), config)).toEqual([]);
  });
});

describe('typos with a unit word list', () => {
  it('reports a unit entry with its basis and date, and honours its exceptions', () => {
    const c = createChecker({ config: { lists } });
    const msgs = c.check({ text: '我局会同市住建委在九洲大道和九洲路施工。', name: 'x.txt' }).messages.filter((m) => m.ruleId === 'typos');
    expect(msgs.map((m) => m.excerpt)).toEqual(['市住建委', '九洲']);
    expect(msgs[0].message).toBe('“市住建委”应为“市住房和城乡建设局”（机构改革后名称）。依据：市政府机构设置文件，2025-03-01核对（本单位词表）。');
    expect(msgs[1].start).toBe('我局会同市住建委在九洲大道和'.length);
  });

  it('labels a shipped formulation as 规范表述 with its date', () => {
    const m = createChecker().check({ text: '抄送：市人大常委会代表工委。', name: 'x.txt' }).messages.find((x) => x.ruleId === 'typos')!;
    expect(m.message).toMatch(/不是规范表述.*\d{4}-\d{2}-\d{2}核对/u);
  });

  it('does not report a name the unit list accepts', () => {
    expect(check('抄送：市人大常委会代表工委。')).toEqual([]);
  });

  it('keeps offsets right after characters outside the BMP', () => {
    const text = '𠀋𠀋𡈼同志反映的问题，我局已布署整改。';
    const m = createChecker().check({ text, name: 'x.txt' }).messages.find((x) => x.ruleId === 'typos')!;
    expect(text.slice(m.start, m.end)).toBe('布署');
    expect(m.column).toBe(text.indexOf('布署') + 1);
  });
});
