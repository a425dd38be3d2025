/**
 * Layout rules on the structures a reply letter has: auto-numbering, sections with different
 * margins, tables, text boxes, headers, tracked changes, document grids, and a file whose facts
 * are partly unknowable. Each test asserts the facts read and the exact findings.
 */
import { AlignmentType, Footer, PageNumber, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, Textbox } from 'docx';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { paragraphList, paragraphLabel, sizeName } from '../../rules/src/code/layout.js';
import { readDocx } from '../../core/src/processors/docx.js';
import { validateConfig, type Paragraph as DocParagraph } from '../../rules/src/index.js';
import { brief, EXACT_28, factsOf, GB_MARGINS, layoutFindings, LINES, mm, N, patch, patchPara, reply } from './fixtures.js';

const FANGSONG = { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const body = (text: string) => new Paragraph({ spacing: EXACT_28, indent: { firstLineChars: 200 }, children: [new TextRun({ text, font: FANGSONG, size: 32 })] });
const right = (text: string) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: EXACT_28, children: [new TextRun({ text, font: FANGSONG, size: 32 })] });
const cell = (text: string) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, font: '宋体', size: 21 })] })] });
const table = () => new Table({ rows: [new TableRow({ children: [cell('项目'), cell('金额（万元）')] }), new TableRow({ children: [cell('信号灯'), cell('35')] })] });
const pageFooter = () => new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] })] });

describe('message helpers', () => {
  test('sizes in 号 and 磅, paragraph lists, paragraph labels', () => {
    expect([42, 22, 16, 15, 14, 12, 10.5, 9, 13].map(sizeName)).toEqual(['初号（42磅）', '二号（22磅）', '三号（16磅）', '小三（15磅）', '四号（14磅）', '小四（12磅）', '五号（10.5磅）', '小五（9磅）', '13磅']);
    expect(paragraphList([4, 5, 6, 7, 9, 11, 13, 14])).toBe('第4～7、9、11、13、14段');
    expect(paragraphList([3])).toBe('第3段');
    expect(paragraphLabel({ line: 12, text: '　　一、关于资金保障的有关情况' } as DocParagraph)).toBe('第12段“一、关于资金保障的有…”');
  });
});

describe('auto-numbering', () => {
  test('a label formatted by its numbering level is checked with the heading', async () => {
    const bytes = await reply({ level: { style: { run: { font: { eastAsia: '宋体' }, size: 32 } } } });
    expect(factsOf(bytes)[N.h1a - 1].runs).toEqual([['一、', '宋体', null, 16, false], [LINES.h1a, '黑体', 'Times New Roman', 16, false]]);
    expect(brief(layoutFindings(bytes))).toEqual([
      ['docx-heading-fonts', 'warning', N.h1a, '第5段“一、关于增设交通设施”：一级标题中“一、”字体为宋体，应为黑体'],
      ['docx-heading-fonts', 'warning', N.h2, '第7段“（一）加强上下学时段…”：二级标题中“（一）”字体为宋体，应为楷体_GB2312'],
      ['docx-heading-fonts', 'warning', N.h1b, '第9段“二、关于沟通办理情况”：一级标题中“二、”字体为宋体，应为黑体'],
    ]);
  });

  test('the numbering level’s left/hanging indent counts: the first line starts at left − hanging', async () => {
    const bytes = await reply({ headingIndent: false, level: { style: { paragraph: { indent: { left: 720, hanging: 360 } } } } });
    const h = readDocx(bytes).paragraphs[N.h1a - 1].facts;
    expect([h.firstLineChars, h.firstLineTwips, h.leftIndentChars, h.leftIndentTwips]).toEqual([null, -360, null, 720]);
    expect(brief(layoutFindings(bytes))).toEqual([
      ['docx-first-line-indent', 'warning', N.h1a, '第5段“一、关于增设交通设施”等3段（第5、7、9段）：左缩进36磅、悬挂缩进18磅（首行约缩进1.13字），应为首行缩进2字符'],
    ]);
  });
});

describe('sections, tables, text boxes, headers, tracked changes', () => {
  test('sections with different margins: each section judged on its own; landscape A4 only for its size', async () => {
    const bytes = await reply({
      sections: [
        {
          properties: { page: { size: { width: 11906, height: 16838 }, margin: GB_MARGINS } },
          footers: { default: pageFooter() },
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, spacing: EXACT_28, children: [new TextRun({ text: LINES.title, font: { eastAsia: '方正小标宋简体' }, size: 44 })] }),
            new Paragraph({ spacing: EXACT_28, children: [new TextRun({ text: LINES.salutation, font: FANGSONG, size: 32 })] }),
            body(LINES.opening), body(LINES.body1), right(LINES.signoff), right(LINES.date),
          ],
        },
        {
          properties: { page: { margin: { top: 1440, bottom: 1440, left: 1800, right: 1800 } } },
          footers: { default: new Footer({ children: [new Paragraph('附件')] }) },
          children: [body('附件：2025年交通设施建设情况'), body('本附件列出新增设施的位置和投入。')],
        },
        {
          properties: { page: { size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } },
          children: [table(), body('以上数据截至2025年4月30日。')],
        },
      ],
    });
    const doc = readDocx(bytes);
    expect(doc.sections).toEqual([
      { pageWidthMm: 210, pageHeightMm: 297, marginTopMm: 37, marginBottomMm: 35, marginLeftMm: 28, marginRightMm: 26, footerHasPageNumber: true, footerText: '—  —' },
      { pageWidthMm: 210, pageHeightMm: 297, marginTopMm: 25.4, marginBottomMm: 25.4, marginLeftMm: 31.8, marginRightMm: 31.8, footerHasPageNumber: false, footerText: '附件' },
      { pageWidthMm: 297, pageHeightMm: 210, marginTopMm: 25.4, marginBottomMm: 25.4, marginLeftMm: 25.4, marginRightMm: 25.4, footerHasPageNumber: false, footerText: '附件' },
    ]);
    expect(doc.paragraphs.filter((p) => p.where !== 'footer').map((p) => [p.where, p.text.slice(0, 4), p.facts.section])).toEqual([
      ['body', '关于市十', 0], ['body', '王某某代', 0], ['body', '您提出的', 0], ['body', '2025', 0], ['body', '某市交通', 0], ['body', '2025', 0],
      ['body', '附件：2', 1], ['body', '本附件列', 1],
      ['table', '项目', 2], ['table', '金额（万', 2], ['table', '信号灯', 2], ['table', '35', 2], ['body', '以上数据', 2],
    ]);
    expect(brief(layoutFindings(bytes))).toEqual([
      ['docx-page-margins', 'warning', 7, '第2节（第7段“附件：2025年交通…”起）：页边距为上25.4毫米、下25.4毫米、左31.8毫米、右31.8毫米，应为上37毫米、下35毫米、左28毫米、右26毫米（版心156×225毫米）'],
      ['docx-page-number', 'warning', 7, '第2节（第7段“附件：2025年交通…”起）的页脚没有页码，应在页脚插入页码（“— 1 —”，4号半角宋体阿拉伯数字）'],
      ['docx-page-number', 'warning', 9, '第3节（第9段“项目”起）的页脚没有页码，应在页脚插入页码（“— 1 —”，4号半角宋体阿拉伯数字）'],
    ]);
  });

  test('a page that is not A4', async () => {
    const bytes = await reply({ sections: [{ properties: { page: { size: { width: 10318, height: 14570 }, margin: GB_MARGINS } }, footers: { default: pageFooter() }, children: [body(LINES.title), body(LINES.opening)] }] });
    expect(readDocx(bytes).sections[0]).toMatchObject({ pageWidthMm: 182, pageHeightMm: 257 });
    expect(brief(layoutFindings(bytes)).filter(([id]) => id === 'docx-page-margins')).toEqual([
      ['docx-page-margins', 'warning', 1, '页面设置：纸张为182×257毫米，应为A4（210×297毫米）'],
    ]);
  });

  test('table cells (宋体 五号, single spacing), a text box, a header and tracked changes are not body text', async () => {
    let bytes = await reply({
      header: '某市交通运输局文件',
      extra: [table(), new Paragraph({ children: [new Textbox({ children: [new Paragraph({ children: [new TextRun({ text: '文本框里的宋体字', font: '宋体', size: 24 })] })], style: { width: '100pt', height: '50pt' } })] })],
    });
    const tracked = '<w:ins w:id="91" w:author="审核人" w:date="2025-05-01T00:00:00Z"><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"/><w:sz w:val="32"/></w:rPr><w:t>另建成人行天桥1座。</w:t></w:r></w:ins>' +
      '<w:del w:id="92" w:author="审核人" w:date="2025-05-01T00:00:00Z"><w:r><w:rPr><w:rFonts w:eastAsia="宋体"/><w:sz w:val="24"/></w:rPr><w:delText>删去的宋体小四文字</w:delText></w:r></w:del></w:p>';
    bytes = patchPara(bytes, LINES.body1, (x) => x.replace('</w:p>', tracked));
    // a tracked formatting change: 宋体 小四 was the old formatting, 仿宋 三号 the current one
    bytes = patchPara(bytes, LINES.opening, (x) => x.replace('<w:szCs w:val="32"/></w:rPr>', '<w:szCs w:val="32"/><w:rPrChange w:id="93" w:author="审核人" w:date="2025-05-01T00:00:00Z"><w:rPr><w:rFonts w:eastAsia="宋体"/><w:sz w:val="24"/></w:rPr></w:rPrChange></w:rPr>'));
    const f = factsOf(bytes, (p) => p.where !== 'body' || p.text.startsWith('您提出') || p.text.includes('天桥'));
    expect(f.map((p) => [p.where, p.lineRule, ...p.runs])).toEqual([
      ['body', 'exact', [LINES.opening, '仿宋_GB2312', 'Times New Roman', 16, false]],
      ['body', 'exact', [`${LINES.body1}另建成人行天桥1座。`, '仿宋_GB2312', 'Times New Roman', 16, false]],
      ['table', 'auto', ['项目', '宋体', '宋体', 10.5, false]],
      ['table', 'auto', ['金额（万元）', '宋体', '宋体', 10.5, false]],
      ['table', 'auto', ['信号灯', '宋体', '宋体', 10.5, false]],
      ['table', 'auto', ['35', '宋体', '宋体', 10.5, false]],
      ['textbox', 'auto', ['文本框里的宋体字', '宋体', '宋体', 12, false]],
      ['header', 'auto', ['某市交通运输局文件', '宋体', '宋体', 12, false]],
      ['footer', 'auto', ['—  —', '宋体', '宋体', 14, false]],
    ]);
    expect(brief(layoutFindings(bytes))).toEqual([]);
  });
});

describe('facts that cannot be known', () => {
  test('no font, no size, no margins, a missing footer part: one info finding per rule, never a pass', async () => {
    let bytes = await reply();
    bytes = patchPara(bytes, LINES.opening, (x) => x.replace(/<w:rFonts [^>]*\/>/, ''));
    bytes = patchPara(bytes, LINES.body1, (x) => x.replace('<w:sz w:val="32"/>', ''));
    bytes = patch(bytes, { 'word/document.xml': (x) => x.replace(/<w:pgMar [^>]*\/>/, '') });
    const files = unzipSync(bytes);
    delete files['word/footer1.xml'];
    bytes = zipSync(files);

    const doc = readDocx(bytes);
    expect(doc.sections).toEqual([{
      pageWidthMm: 210, pageHeightMm: 297, marginTopMm: null, marginBottomMm: null, marginLeftMm: null, marginRightMm: null,
      footerHasPageNumber: null, footerText: '',
    }]);
    const f = factsOf(bytes);
    expect(f[N.opening - 1].runs).toEqual([[LINES.opening, null, null, 16, false]]);
    expect(f[N.body1 - 1].runs).toEqual([[LINES.body1, '仿宋_GB2312', 'Times New Roman', null, false]]);

    const found = layoutFindings(bytes);
    expect(brief(found)).toEqual([
      ['docx-page-margins', 'info', 1, '无法确定页边距（上、下、左、右），未检查'],
      ['docx-page-number', 'info', 1, '无法确定页脚里有没有页码，未检查'],
      ['docx-body-font', 'info', N.opening, '无法确定字体（第4段）和字号（第6段），未检查'],
    ]);
    // a paragraph that has a problem says what could not be checked in its own message
    const mixed = patchPara(bytes, LINES.body2, (x) => x.replace('w:eastAsia="仿宋_GB2312"', 'w:eastAsia="宋体"').replace('<w:sz w:val="32"/>', ''));
    expect(brief(layoutFindings(mixed)).filter(([id]) => id === 'docx-body-font')).toEqual([
      ['docx-body-font', 'info', N.opening, '无法确定字体（第4段）和字号（第6段），未检查'],
      ['docx-body-font', 'warning', N.body2, '第10段“2025年4月8日，…”：正文字体为宋体，应为仿宋_GB2312；字号无法确定，未检查'],
    ]);
  });
});

describe('line spacing, indents, alignment, mixed fonts, title', () => {
  test('single spacing on a 28.95 pt line grid (22 lines a page) passes; on the default 15.6 pt grid it does not', async () => {
    const single = await reply({ spacing: 'single' });
    const grid = (pitch: number) => patch(single, { 'word/document.xml': (x) => x.replace('<w:docGrid w:linePitch="360"/>', `<w:docGrid w:type="lines" w:linePitch="${pitch}"/>`) });
    expect(readDocx(grid(579)).sections[0].gridLinePitchPt).toBe(28.95);
    expect(readDocx(single).sections[0].gridLinePitchPt).toBeUndefined();
    expect(brief(layoutFindings(grid(579)))).toEqual([]);
    expect(brief(layoutFindings(grid(312)))).toEqual([
      ['docx-line-spacing', 'warning', N.salutation, '第3段“王某某代表：”等12段（第3～11、13～15段）：行距为单倍行距（文档网格每行15.6磅），应为固定值28～29.5磅'],
    ]);
    // a paragraph that does not snap to the grid keeps single spacing
    const noSnap = patchPara(grid(579), LINES.closing, (x) => x.replace('<w:pPr>', '<w:pPr><w:snapToGrid w:val="0"/>'));
    expect(brief(layoutFindings(noSnap))).toEqual([
      ['docx-line-spacing', 'warning', N.closing, '第11段“感谢您对交通工作的关…”：行距为单倍行距，应为固定值28～29.5磅'],
    ]);
  });

  test('other spacings are named as Word names them', async () => {
    let bytes = await reply();
    bytes = patchPara(bytes, LINES.opening, (x) => x.replace('<w:spacing w:line="560" w:lineRule="exact"/>', '<w:spacing w:line="360" w:lineRule="auto"/>'));
    bytes = patchPara(bytes, LINES.body1, (x) => x.replace('<w:spacing w:line="560" w:lineRule="exact"/>', '<w:spacing w:line="400" w:lineRule="exact"/>'));
    bytes = patchPara(bytes, LINES.body2, (x) => x.replace('<w:spacing w:line="560" w:lineRule="exact"/>', '<w:spacing w:line="560" w:lineRule="atLeast"/>'));
    bytes = patchPara(bytes, LINES.closing, (x) => x.replace('<w:spacing w:line="560" w:lineRule="exact"/>', '<w:spacing w:line="288" w:lineRule="auto"/>'));
    expect(brief(layoutFindings(bytes))).toEqual([
      ['docx-line-spacing', 'warning', N.opening, '第4段“您提出的《关于加强校…”：行距为1.5倍行距，应为固定值28～29.5磅'],
      ['docx-line-spacing', 'warning', N.body1, '第6段“2025年4月，我局…”：行距为固定值20磅，应为固定值28～29.5磅'],
      ['docx-line-spacing', 'warning', N.body2, '第10段“2025年4月8日，…”：行距为最小值28磅，应为固定值28～29.5磅'],
      ['docx-line-spacing', 'warning', N.closing, '第11段“感谢您对交通工作的关…”：行距为多倍行距（1.2倍），应为固定值28～29.5磅'],
    ]);
  });

  test('first-line indents: in points, doubled by typed spaces, typed spaces alone, an indented salutation; signoff and date placement', async () => {
    let bytes = await reply();
    bytes = patchPara(bytes, LINES.opening, (x) => x.replace('<w:ind w:firstLineChars="200"/>', '<w:ind w:firstLine="420"/>'));
    bytes = patchPara(bytes, LINES.body1, (x) => x.replace('>2025年4月，', '>　　2025年4月，'));
    bytes = patchPara(bytes, LINES.body2, (x) => x.replace('<w:ind w:firstLineChars="200"/>', '').replace('>2025年4月8日', '>　　2025年4月8日'));
    bytes = patchPara(bytes, LINES.closing, (x) => x.replace('<w:ind w:firstLineChars="200"/>', ''));
    bytes = patchPara(bytes, LINES.salutation, (x) => x.replace('<w:spacing w:line="560" w:lineRule="exact"/>', '<w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200"/>'));
    bytes = patchPara(bytes, LINES.signoff, (x) => x.replace('<w:jc w:val="right"/>', '<w:jc w:val="center"/>'));
    bytes = patchPara(bytes, LINES.date, (x) => x.replace('<w:jc w:val="right"/>', ''));
    const f = factsOf(bytes);
    expect([f[N.opening - 1].firstLineChars, f[N.opening - 1].firstLineTwips, f[N.body2 - 1].firstLineTwips, f[N.date - 1].align]).toEqual([null, 420, 0, 'left']);
    expect(brief(layoutFindings(bytes))).toEqual([
      ['docx-first-line-indent', 'warning', N.salutation, '第3段“王某某代表：”：称谓首行缩进2字符，应顶格（无缩进）'],
      ['docx-first-line-indent', 'warning', N.opening, '第4段“您提出的《关于加强校…”：首行缩进21磅（约1.31字），应为首行缩进2字符'],
      ['docx-first-line-indent', 'warning', N.body1, '第6段“2025年4月，我局…”：首行缩进2字符、段首2字空格（首行约缩进4字），应为首行缩进2字符'],
      ['docx-first-line-indent', 'warning', N.closing, '第11段“感谢您对交通工作的关…”：顶格（无首行缩进），应为首行缩进2字符'],
      ['docx-signoff-layout', 'info', N.signoff, '第13段“某市交通运输局”：落款为居中，应靠右排（右对齐，日期右空四字）'],
      ['docx-signoff-layout', 'info', N.date, '第14段“2025年5月6日”：成文日期为左对齐，应靠右排（右对齐，日期右空四字）'],
    ]);
  });

  test('mixed fonts and sizes inside a paragraph, an accepted but different font across paragraphs, coloured text', async () => {
    let bytes = await reply();
    const r = (text: string, ea: string, latin = 'Times New Roman', sz = 32, color = '') =>
      `<w:r><w:rPr><w:rFonts w:ascii="${latin}" w:eastAsia="${ea}" w:hAnsi="${latin}"/>${color}<w:sz w:val="${sz}"/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
    bytes = patchPara(bytes, LINES.body2, (x) => x.replace(/<w:r>.*<\/w:r>/, r('2025年4月8日，我局副局长李某带队到实验小学与您面商，', '仿宋_GB2312') + r('现场查看了路口情况', '楷体_GB2312') + r('，您对整改方案表示认可。', '仿宋_GB2312') + r('（附图1）', '仿宋_GB2312', 'Arial', 28)));
    bytes = patchPara(bytes, LINES.body1, (x) => x.replace('w:eastAsia="仿宋_GB2312"', 'w:eastAsia="仿宋"'));
    bytes = patchPara(bytes, LINES.closing, (x) => x.replace(/<w:r>.*<\/w:r>/, r('感谢您对交通工作的关心和支持，', '仿宋_GB2312') + r('欢迎继续提出宝贵意见。', '仿宋_GB2312', 'Times New Roman', 32, '<w:color w:val="FF0000"/>')));
    expect(factsOf(bytes)[N.body2 - 1].runs).toEqual([
      ['2025年4月8日，我局副局长李某带队到实验小学与您面商，', '仿宋_GB2312', 'Times New Roman', 16, false],
      ['现场查看了路口情况', '楷体_GB2312', 'Times New Roman', 16, false],
      ['，您对整改方案表示认可。', '仿宋_GB2312', 'Times New Roman', 16, false],
      ['（附图1）', '仿宋_GB2312', 'Arial', 14, false],
    ]);
    expect(brief(layoutFindings(bytes))).toEqual([
      ['docx-mixed-fonts', 'warning', N.body1, '第6段“2025年4月，我局…”：本段字体为仿宋，其他正文为仿宋_GB2312'],
      ['docx-mixed-fonts', 'warning', N.body2, '第10段“2025年4月8日，…”：“现场查看了路口情况”为楷体_GB2312，其余为仿宋_GB2312；“（附图1）”字号为四号（14磅），其余为三号（16磅）；数字和字母“（附图1）”为Arial，其余为Times New Roman'],
      ['docx-body-font', 'warning', N.closing, '第11段“感谢您对交通工作的关…”：“欢迎继续提出宝贵意见。”为红色（FF0000），应为黑色'],
    ]);
  });

  test('title in 黑体, bold, left-aligned', async () => {
    const bytes = await reply({ title: { font: '黑体', bold: true, align: AlignmentType.LEFT } });
    expect(factsOf(bytes)[0]).toMatchObject({ align: 'left', runs: [[LINES.title, '黑体', 'Times New Roman', 22, true]] });
    expect(brief(layoutFindings(bytes))).toEqual([
      ['docx-title-font', 'warning', 1, '第1段“关于市十七届人大三次…”：标题字体为黑体，应为方正小标宋简体；对齐方式为左对齐，应为居中；标题加粗，应不加粗'],
    ]);
  });
});

describe('a city profile replaces the GB/T 9704 values', () => {
  test('margins, line spacing and body font from profile.layout (validated by the config schema)', async () => {
    const local = await reply({ margins: { top: mm(35), bottom: mm(33), left: mm(27), right: mm(27) } });
    expect(brief(layoutFindings(local))).toEqual([
      ['docx-page-margins', 'warning', 1, '页面设置：页边距为上35毫米、下33毫米、左27毫米、右27毫米，应为上37毫米、下35毫米、左28毫米、右26毫米（版心156×225毫米）'],
    ]);
    const profile = { layout: { marginsMm: { top: 35, bottom: 33, left: 27, right: 27 } } };
    expect(validateConfig({ profile }).valid).toBe(true);
    expect(brief(layoutFindings(local, { profile }))).toEqual([]);

    const strictLocal = { layout: { lineSpacingPt: [30, 30] as [number, number], bodyFont: ['方正仿宋_GBK'] } };
    expect(validateConfig({ profile: strictLocal }).valid).toBe(true);
    expect(validateConfig({ profile: { layout: { lineSpacingPt: [28] } } }).valid).toBe(false);
    expect(brief(layoutFindings(await reply(), { profile: strictLocal }))).toEqual([
      ['docx-body-font', 'warning', N.salutation, '第3段“王某某代表：”等9段（第3、4、6、8、10、11、13～15段）：正文字体为仿宋_GB2312，应为方正仿宋_GBK'],
      ['docx-line-spacing', 'warning', N.salutation, '第3段“王某某代表：”等12段（第3～11、13～15段）：行距为固定值28磅，应为固定值30磅'],
      ['docx-heading-fonts', 'warning', N.h3body, '第8段“1.错峰放学。市教育…”：三级标题字体为仿宋_GB2312，应为方正仿宋_GBK'],
    ]);
  });
});
