/**
 * Layout rules on the shapes real files come in: Word vs WPS, formatting through styles, theme
 * fonts, East-Asian vs Latin font slots. Each test asserts the facts read and the exact findings.
 */
import { AlignmentType, LineRuleType, Paragraph, TextRun } from 'docx';
import { describe, expect, test } from 'vitest';
import { brief, factsOf, GB_MARGINS, layoutFindings, LINES, N, pack, patch, reply, wpsReply } from './fixtures.js';

describe('WPS-shaped files', () => {
  test('hint="eastAsia" with the CJK font only in ascii/hAnsi, digits in Times New Roman runs: read as 仿宋, no findings', async () => {
    const bytes = await wpsReply();
    const f = factsOf(bytes, (p) => p.where === 'body');
    expect(f[N.body1 - 1]).toEqual({
      text: LINES.body1, where: 'body', align: 'both', firstLineChars: 2, firstLineTwips: 640, lineRule: 'exact', lineSpacingPt: 28,
      runs: [
        ['2025', null, 'Times New Roman', 16, false], // hint="default": no East-Asian font, none needed for digits
        ['年', '仿宋_GB2312', '仿宋_GB2312', 16, false],
        ['4', null, 'Times New Roman', 16, false],
        ['月，我局在实验小学周边新增信号灯', '仿宋_GB2312', '仿宋_GB2312', 16, false],
        ['2', null, 'Times New Roman', 16, false],
        ['组、减速带', '仿宋_GB2312', '仿宋_GB2312', 16, false],
        ['6', null, 'Times New Roman', 16, false],
        ['条，投入资金', '仿宋_GB2312', '仿宋_GB2312', 16, false],
        ['35', null, 'Times New Roman', 16, false],
        ['万元。', '仿宋_GB2312', '仿宋_GB2312', 16, false],
      ],
    });
    expect(f[0].runs).toEqual([
      ['关于市十七届人大三次会议第', '方正小标宋简体', '方正小标宋简体', 22, false],
      ['128', null, 'Times New Roman', 22, false],
      ['号建议的答复', '方正小标宋简体', '方正小标宋简体', 22, false],
    ]);
    expect(f[N.h1a - 1].runs).toEqual([[`一、${LINES.h1a}`, '黑体', '黑体', 16, false]]);
    expect(f[N.date - 1]).toMatchObject({ align: 'right', firstLineChars: null, firstLineTwips: 0 });
    expect(brief(layoutFindings(bytes))).toEqual([]);
  });

  test('WPS writing every slot (w:eastAsia too) reads the same', async () => {
    const bytes = await wpsReply({ allSlots: true });
    expect(factsOf(bytes)[N.opening - 1].runs).toEqual([[LINES.opening.slice(0, 23), '仿宋_GB2312', '仿宋_GB2312', 16, false], ['128', null, 'Times New Roman', 16, false], [LINES.opening.slice(26), '仿宋_GB2312', '仿宋_GB2312', 16, false]]);
    expect(brief(layoutFindings(bytes))).toEqual([]);
  });

  test('a run with w:sz but no font anywhere: the font is unknown, reported once as not checked (info)', async () => {
    const bytes = await wpsReply({ sizeOnlyContact: true });
    // the Latin font comes from the document defaults, the East-Asian one from nowhere (runs with equal facts merge)
    expect(factsOf(bytes)[N.contact - 1].runs).toEqual([[LINES.contact, null, 'Times New Roman', 16, false]]);
    expect(brief(layoutFindings(bytes))).toEqual([['docx-body-font', 'info', N.contact, '无法确定字体（第15段），未检查']]);
  });

  test('WPS 宋体 小四 single spacing gives the same findings as the Word file', async () => {
    const bytes = await wpsReply({ body: '宋体', title: '宋体', heading1: '宋体', heading2: '宋体', size: 24, titleSize: 24, spacing: 'single' });
    expect(factsOf(bytes)[N.opening - 1]).toMatchObject({ lineRule: 'auto', lineSpacingPt: null, firstLineChars: 2 });
    expect(brief(layoutFindings(bytes))).toEqual([
      ['docx-title-font', 'warning', 1, '第1段“关于市十七届人大三次…”：标题字体为宋体，应为方正小标宋简体；字号为小四（12磅），应为二号（22磅）'],
      ['docx-body-font', 'warning', 3, '第3段“王某某代表：”等9段（第3、4、6、8、10、11、13～15段）：正文字体为宋体，应为仿宋_GB2312；正文字号为小四（12磅），应为三号（16磅）'],
      ['docx-line-spacing', 'warning', 3, '第3段“王某某代表：”等12段（第3～11、13～15段）：行距为单倍行距，应为固定值28～29.5磅'],
      ['docx-heading-fonts', 'warning', 5, '第5段“一、关于增设交通设施”：一级标题字体为宋体，应为黑体；字号为小四（12磅），应为三号（16磅）'],
      ['docx-heading-fonts', 'warning', 7, '第7段“（一）加强上下学时段…”：二级标题字体为宋体，应为楷体_GB2312；字号为小四（12磅），应为三号（16磅）'],
      ['docx-heading-fonts', 'warning', 8, '第8段“1.错峰放学。市教育…”：三级标题字体为宋体，应为仿宋_GB2312；字号为小四（12磅），应为三号（16磅）'],
      ['docx-heading-fonts', 'warning', 9, '第9段“二、关于沟通办理情况”：一级标题字体为宋体，应为黑体；字号为小四（12磅），应为三号（16磅）'],
    ]);
  });
});

/** a reply formatted only through styles: docDefaults → GwBase → GwBody / GwH1 / GwH2, nothing direct */
async function styledReply(defaults: { font: string; size: number }): Promise<Uint8Array> {
  const s = (style: string, text: string) => new Paragraph({ style, children: [new TextRun(text)] });
  return pack({
    styles: {
      default: { document: { run: { font: { eastAsia: defaults.font, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size: defaults.size } } },
      paragraphStyles: [
        { id: 'GwBase', name: '公文基础', basedOn: 'Normal', paragraph: { spacing: { line: 580, lineRule: LineRuleType.EXACT } } },
        { id: 'GwTitle', name: '公文标题', basedOn: 'GwBase', run: { font: { eastAsia: '方正小标宋_GBK' }, size: 44 }, paragraph: { alignment: AlignmentType.CENTER } },
        { id: 'GwBody', name: '公文正文', basedOn: 'GwBase', paragraph: { indent: { firstLineChars: 200 } } },
        { id: 'GwLeft', name: '称谓', basedOn: 'GwBase' },
        { id: 'GwH1', name: '一级标题', basedOn: 'GwBody', run: { font: { eastAsia: '黑体' } } },
        { id: 'GwH2', name: '二级标题', basedOn: 'GwBody', run: { font: { eastAsia: '楷体_GB2312' } } },
        { id: 'GwRight', name: '落款', basedOn: 'GwBase', paragraph: { alignment: AlignmentType.RIGHT } },
      ],
    },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: GB_MARGINS } },
      children: [
        s('GwTitle', LINES.title), s('GwLeft', LINES.salutation), s('GwBody', LINES.opening), s('GwH1', `一、${LINES.h1a}`), s('GwBody', LINES.body1),
        s('GwH2', `（一）${LINES.h2}`), s('GwBody', LINES.body2), s('GwBody', LINES.closing), s('GwRight', LINES.signoff), s('GwRight', LINES.date),
      ],
    }],
  });
}

describe('formatting through styles', () => {
  test('everything inherited (docDefaults → basedOn chain): facts resolved, no font findings', async () => {
    const bytes = await styledReply({ font: '仿宋_GB2312', size: 32 });
    const f = factsOf(bytes);
    expect(f[0]).toMatchObject({ align: 'center', lineRule: 'exact', lineSpacingPt: 29, runs: [[LINES.title, '方正小标宋_GBK', 'Times New Roman', 22, false]] });
    expect(f[2]).toMatchObject({ firstLineChars: 2, lineSpacingPt: 29, runs: [[LINES.opening, '仿宋_GB2312', 'Times New Roman', 16, false]] });
    expect(f[3].runs).toEqual([[`一、${LINES.h1a}`, '黑体', 'Times New Roman', 16, false]]);
    expect(f[5].runs).toEqual([[`（一）${LINES.h2}`, '楷体_GB2312', 'Times New Roman', 16, false]]);
    // no footer in this file: only the page number is missing
    expect(brief(layoutFindings(bytes))).toEqual([['docx-page-number', 'warning', 1, '页脚没有页码，应在页脚插入页码（“— 1 —”，4号半角宋体阿拉伯数字）']]);
  });

  test('宋体 小四 in the document defaults reaches every paragraph that does not override it', async () => {
    const bytes = await styledReply({ font: '宋体', size: 24 });
    expect(factsOf(bytes)[2].runs).toEqual([[LINES.opening, '宋体', 'Times New Roman', 12, false]]);
    expect(brief(layoutFindings(bytes)).filter(([id]) => id !== 'docx-page-number')).toEqual([
      ['docx-body-font', 'warning', 2, '第2段“王某某代表：”等7段（第2、3、5、7～10段）：正文字体为宋体，应为仿宋_GB2312；正文字号为小四（12磅），应为三号（16磅）'],
      ['docx-heading-fonts', 'warning', 4, '第4段“一、关于增设交通设施”：一级标题字号为小四（12磅），应为三号（16磅）'],
      ['docx-heading-fonts', 'warning', 6, '第6段“（一）加强上下学时段…”：二级标题字号为小四（12磅），应为三号（16磅）'],
    ]);
  });
});

describe('theme fonts and font slots', () => {
  test('eastAsiaTheme minorEastAsia / majorEastAsia resolve through theme1.xml to 等线 / 等线 Light', async () => {
    const base = await styledReply({ font: '仿宋_GB2312', size: 32 });
    const bytes = patch(base, {
      'word/styles.xml': (x) =>
        x.replace(/(<w:rPrDefault><w:rPr>)<w:rFonts [^>]*\/>/, '$1<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"/>')
          .replace(/(<w:style [^>]*w:styleId="GwH1"[^>]*>.*?<w:rPr>)<w:rFonts [^>]*\/>/, '$1<w:rFonts w:eastAsiaTheme="majorEastAsia" w:asciiTheme="majorHAnsi"/>'),
    });
    const f = factsOf(bytes);
    expect(f[2].runs).toEqual([[LINES.opening, '等线', 'Calibri', 16, false]]);
    expect(f[3].runs).toEqual([[`一、${LINES.h1a}`, '等线 Light', 'Calibri Light', 16, false]]);
    expect(brief(layoutFindings(bytes)).filter(([id]) => id !== 'docx-page-number')).toEqual([
      ['docx-body-font', 'warning', 2, '第2段“王某某代表：”等7段（第2、3、5、7～10段）：正文字体为等线，应为仿宋_GB2312'],
      ['docx-heading-fonts', 'warning', 4, '第4段“一、关于增设交通设施”：一级标题字体为等线 Light，应为黑体'],
    ]);
  });

  test('Chinese text is judged by the East-Asian slot, not by ascii/hAnsi', async () => {
    const good = await reply();
    const swap = (ea: string, latin: string) => patch(good, {
      'word/document.xml': (x) => x.replaceAll('<w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"/>', `<w:rFonts w:ascii="${latin}" w:eastAsia="${ea}" w:hAnsi="${latin}"/>`),
    });
    // 仿宋 for Chinese, 宋体 for Latin letters and digits: fine
    const latinSong = swap('仿宋_GB2312', '宋体');
    expect(factsOf(latinSong)[N.opening - 1].runs).toEqual([[LINES.opening, '仿宋_GB2312', '宋体', 16, false]]);
    expect(brief(layoutFindings(latinSong))).toEqual([]);
    // 仿宋 only in the Latin slots, 宋体 for Chinese: what Word shows is 宋体
    const eaSong = swap('宋体', '仿宋_GB2312');
    expect(factsOf(eaSong)[N.opening - 1].runs).toEqual([[LINES.opening, '宋体', '仿宋_GB2312', 16, false]]);
    expect(brief(layoutFindings(eaSong))).toEqual([
      ['docx-body-font', 'warning', 3, '第3段“王某某代表：”等9段（第3、4、6、8、10、11、13～15段）：正文字体为宋体，应为仿宋_GB2312'],
      ['docx-heading-fonts', 'warning', 8, '第8段“1.错峰放学。市教育…”：三级标题字体为宋体，应为仿宋_GB2312'],
    ]);
  });
});
