/**
 * Issue 4 acceptance: a correctly formatted reply produces no layout findings; the same reply in
 * 宋体 小四 with single line spacing produces the expected ones — in process and through the
 * real CLI. Also: the gbt9704 preset is on by default for .docx letters and nowhere else.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createChecker, rules } from '../../rules/src/index.js';
import { dafu, json, tempDir } from '../helpers/cli.js';
import { brief, factsOf, layoutFindings, LINES, N, reply } from './fixtures.js';

const BAD = { body: '宋体', size: 24, title: { font: '宋体', size: 24 }, heading1: '宋体', heading2: '宋体', spacing: 'single', sameFontEverywhere: true } as const;

/** the findings the 宋体 小四 single-spaced reply must produce, in document order */
const BAD_FINDINGS = [
  ['docx-title-font', 'warning', N.title, '第1段“关于市十七届人大三次…”：标题字体为宋体，应为方正小标宋简体；字号为小四（12磅），应为二号（22磅）'],
  ['docx-body-font', 'warning', N.salutation, '第3段“王某某代表：”等9段（第3、4、6、8、10、11、13～15段）：正文字体为宋体，应为仿宋_GB2312；正文字号为小四（12磅），应为三号（16磅）'],
  ['docx-line-spacing', 'warning', N.salutation, '第3段“王某某代表：”等12段（第3～11、13～15段）：行距为单倍行距，应为固定值28～29.5磅'],
  ['docx-heading-fonts', 'warning', N.h1a, '第5段“一、关于增设交通设施”：一级标题字体为宋体，应为黑体；字号为小四（12磅），应为三号（16磅）'],
  ['docx-heading-fonts', 'warning', N.h2, '第7段“（一）加强上下学时段…”：二级标题字体为宋体，应为楷体_GB2312；字号为小四（12磅），应为三号（16磅）'],
  ['docx-heading-fonts', 'warning', N.h3body, '第8段“1.错峰放学。市教育…”：三级标题字体为宋体，应为仿宋_GB2312；字号为小四（12磅），应为三号（16磅）'],
  ['docx-heading-fonts', 'warning', N.h1b, '第9段“二、关于沟通办理情况”：一级标题字体为宋体，应为黑体；字号为小四（12磅），应为三号（16磅）'],
];

describe('a correctly formatted reply', async () => {
  const bytes = await reply();

  test('facts read: fonts per slot, sizes, alignment, indents, exact 28 pt, A4 with GB/T margins, page number', () => {
    const f = factsOf(bytes, (p) => p.where === 'body');
    expect(f.map((p) => p.text)).toEqual([
      LINES.title, '', LINES.salutation, LINES.opening, `一、${LINES.h1a}`, LINES.body1, `（一）${LINES.h2}`, LINES.h3body,
      `二、${LINES.h1b}`, LINES.body2, LINES.closing, '', LINES.signoff, LINES.date, LINES.contact,
    ]);
    expect(f[0]).toEqual({
      text: LINES.title, where: 'body', align: 'center', firstLineChars: null, firstLineTwips: 0, lineRule: 'exact', lineSpacingPt: 28,
      runs: [[LINES.title, '方正小标宋简体', 'Times New Roman', 22, false]],
    });
    expect(f[N.salutation - 1]).toMatchObject({ firstLineChars: null, firstLineTwips: 0, runs: [[LINES.salutation, '仿宋_GB2312', 'Times New Roman', 16, false]] });
    expect(f[N.opening - 1]).toMatchObject({ align: 'left', firstLineChars: 2, firstLineTwips: null, lineRule: 'exact', lineSpacingPt: 28 });
    // the auto-number label has no formatting of its own here: it is left out, the heading text is checked
    expect(f[N.h1a - 1].runs).toEqual([['一、', null, null, null, false], [LINES.h1a, '黑体', 'Times New Roman', 16, false]]);
    expect(f[N.h2 - 1].runs).toEqual([['（一）', null, null, null, false], [LINES.h2, '楷体_GB2312', 'Times New Roman', 16, false]]);
    expect(f[N.date - 1]).toMatchObject({ align: 'right', firstLineTwips: 0 });
    const doc = createChecker().check({ bytes, name: 'reply.docx' }).document;
    expect(doc.sections).toEqual([{
      pageWidthMm: 210, pageHeightMm: 297, marginTopMm: 37, marginBottomMm: 35, marginLeftMm: 28, marginRightMm: 26,
      footerHasPageNumber: true, footerText: '—  —',
    }]);
    expect(Object.fromEntries(Object.entries(N).map(([k, line]) => [k, doc.paragraphs[line - 1].role]))).toEqual({
      title: 'title', salutation: 'salutation', opening: 'opening', h1a: 'heading1', body1: 'body', h2: 'heading2', h3body: 'heading3',
      h1b: 'heading1', body2: 'body', closing: 'closing', signoff: 'signoff', date: 'date', contact: 'contact',
    });
  });

  test('no layout findings (not even info)', () => {
    expect(brief(layoutFindings(bytes))).toEqual([]);
  });
});

describe('the same reply in 宋体 小四 with single line spacing', async () => {
  const bytes = await reply(BAD);

  test('facts read', () => {
    const f = factsOf(bytes, (p) => p.where === 'body');
    expect(f[N.opening - 1]).toEqual({
      text: LINES.opening, where: 'body', align: 'left', firstLineChars: 2, firstLineTwips: null, lineRule: 'auto', lineSpacingPt: null,
      runs: [[LINES.opening, '宋体', '宋体', 12, false]],
    });
    expect(f[0].runs).toEqual([[LINES.title, '宋体', '宋体', 12, false]]);
  });

  test('findings: title, headings, body (grouped) and line spacing (grouped)', () => {
    expect(brief(layoutFindings(bytes))).toEqual(BAD_FINDINGS);
  });

  test('each finding covers its paragraph', () => {
    const doc = createChecker().check({ bytes, name: 'reply.docx' }).document;
    for (const m of layoutFindings(bytes)) {
      const p = doc.paragraphs[m.line - 1];
      expect([m.start, m.end, m.excerpt]).toEqual([p.offset, p.offset + p.text.length, p.text]);
    }
  });
});

describe('the real CLI', () => {
  test('dafu check: no layout findings on the good reply, the expected ones on the 宋体 小四 reply', async () => {
    const dir = tempDir('dafu-layout-');
    writeFileSync(join(dir, 'good.docx'), await reply());
    writeFileSync(join(dir, 'bad.docx'), await reply(BAD));
    const r = dafu(['check', join(dir, 'good.docx'), join(dir, 'bad.docx'), '--format', 'json', '--kind', 'npc', '--today', '2025-05-20']);
    const byFile = Object.fromEntries(json(r.stdout).results.map((x) => [x.file.replace(/^.*[\\/]/, ''), x]));
    const layout = (name: string) => byFile[name].messages.filter((m) => m.ruleId.startsWith('docx-')).map((m) => [m.ruleId, m.severity, m.line, m.message]);
    expect(layout('good.docx')).toEqual([]);
    expect(layout('bad.docx')).toEqual(BAD_FINDINGS);
    // warnings only: the exit code does not change because of layout
    expect(byFile['bad.docx'].messages.filter((m) => m.ruleId.startsWith('docx-') && m.severity === 'error')).toEqual([]);
  });

  test('stylish output names paragraph, actual and expected values', async () => {
    const dir = tempDir('dafu-layout-');
    writeFileSync(join(dir, 'bad.docx'), await reply(BAD));
    const r = dafu(['check', join(dir, 'bad.docx'), '--kind', 'npc', '--today', '2025-05-20']);
    expect(r.stdout).toContain('第3段“王某某代表：”等12段（第3～11、13～15段）：行距为单倍行距，应为固定值28～29.5磅');
    expect(r.stdout).toContain('docx-line-spacing');
  });
});

describe('preset gbt9704: on by default for .docx letters only', async () => {
  const bad = await reply(BAD);
  const ids = (ms: { ruleId: string }[]) => [...new Set(ms.map((m) => m.ruleId).filter((id) => id.startsWith('docx-')))].sort();

  test('every layout rule needs a .docx, runs on letters and belongs to gbt9704', () => {
    const layout = rules.filter((r) => r.id.startsWith('docx-'));
    expect(layout.map((r) => r.id).sort()).toEqual([
      'docx-body-font', 'docx-first-line-indent', 'docx-heading-fonts', 'docx-line-spacing', 'docx-mixed-fonts',
      'docx-page-margins', 'docx-page-number', 'docx-signoff-layout', 'docx-title-font',
    ]);
    for (const r of layout) expect([r.requires, r.modes, r.presets, r.category], r.id).toEqual([['docx'], ['letter'], ['gbt9704'], 'format']);
  });

  test('recommended (default), strict and letter include it; system-form alone does not', () => {
    const expected = ['docx-body-font', 'docx-heading-fonts', 'docx-line-spacing', 'docx-title-font'];
    expect(ids(layoutFindings(bad))).toEqual(expected);
    expect(ids(layoutFindings(bad, { preset: 'strict' }))).toEqual(expected);
    expect(ids(layoutFindings(bad, { preset: 'letter' }))).toEqual(expected);
    expect(ids(layoutFindings(bad, { preset: 'gbt9704' }))).toEqual(expected);
    expect(ids(layoutFindings(bad, { preset: 'system-form' }))).toEqual([]);
    expect(ids(layoutFindings(bad, { rules: { 'docx-line-spacing': 'off' } }))).toEqual(['docx-body-font', 'docx-heading-fonts', 'docx-title-font']);
  });

  test('the same text as .txt gets no layout findings', () => {
    const text = Object.values(LINES).join('\n');
    const r = createChecker().check({ text, name: 'reply.txt', context: { kind: 'npc' } });
    expect(r.mode).toBe('letter');
    expect(ids(r.messages)).toEqual([]);
  });
});
