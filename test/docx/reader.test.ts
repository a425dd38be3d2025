/**
 * readDocx on fixtures generated with the `docx` package (and patched with fflate where the
 * package cannot express something: theme fonts, WPS-style fonts, field codes, tracked changes,
 * mc:AlternateContent text boxes). mammoth's extractRawText is the oracle for body text.
 */
import { describe, expect, test } from 'vitest';
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  Textbox,
  type ISectionOptions,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import mammoth from 'mammoth';
import { formatNumber, readDocx, type DocxContent, type DocxParagraph } from '../../core/src/processors/docx.js';
import { InputError } from '../../core/src/processors/errors.js';
import { pack, patch } from '../helpers/docx.js';

// ---------------------------------------------------------------------------------------------
// helpers


/** put raw WordprocessingML paragraphs at the start of the body */
const injectBody = (raw: string) => ({ 'word/document.xml': (x: string) => x.replace('<w:body>', `<w:body>${raw}`) });

async function oracle(bytes: Uint8Array): Promise<string[]> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  const paras = value.split('\n\n');
  if (paras[paras.length - 1] === '') paras.pop();
  return paras;
}

const withoutLabel = (p: DocxParagraph): string => (p.autoLabel ? p.text.slice(p.autoLabel.length) : p.text);
const bodyParas = (c: DocxContent): DocxParagraph[] => c.paragraphs.filter((p) => p.where === 'body' || p.where === 'table');
const find = (c: DocxContent, text: string): DocxParagraph => {
  const p = c.paragraphs.find((x) => withoutLabel(x) === text || x.text === text);
  if (!p) throw new Error(`no paragraph "${text}" in ${JSON.stringify(c.paragraphs.map((x) => x.text))}`);
  return p;
};
/** the run covering offset `at` of the paragraph text */
const runAt = (p: DocxParagraph, at: number) => p.facts.runs!.find((r) => r.start <= at && at < r.end)!;

const FANGSONG = { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };

const gwNumbering = {
  config: [
    {
      reference: 'gw',
      levels: [
        { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT,
          style: { run: { font: { eastAsia: '黑体' } } } },
        { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.LEFT,
          style: { run: { font: { eastAsia: '楷体_GB2312' }, bold: true } } },
        { level: 2, format: LevelFormat.DECIMAL, text: '%3.', alignment: AlignmentType.LEFT },
        { level: 3, format: LevelFormat.DECIMAL, text: '（%4）', alignment: AlignmentType.LEFT },
      ],
    },
    { reference: 'circle', levels: [{ level: 0, format: LevelFormat.DECIMAL_ENCLOSED_CIRCLE, text: '%1' }] },
    { reference: 'letter', levels: [{ level: 0, format: LevelFormat.UPPER_LETTER, text: '%1.' }] },
    { reference: 'roman', levels: [{ level: 0, format: LevelFormat.LOWER_ROMAN, text: '(%1)' }] },
    { reference: 'bullet', levels: [{ level: 0, format: LevelFormat.BULLET, text: '●' }] },
  ],
};

const gwStyles = {
  default: { document: { run: { font: FANGSONG, size: 32 } } },
  paragraphStyles: [
    { id: 'GwTitle', name: '公文标题', basedOn: 'Normal',
      run: { font: { eastAsia: '方正小标宋简体', ascii: 'Times New Roman' }, size: 44 },
      paragraph: { alignment: AlignmentType.CENTER } },
    { id: 'GwBase', name: '公文基础', basedOn: 'Normal', run: { font: { eastAsia: '仿宋_GB2312' }, size: 32 },
      paragraph: { spacing: { line: 560, lineRule: LineRuleType.EXACT } } },
    { id: 'GwBody', name: '公文正文', basedOn: 'GwBase', paragraph: { indent: { firstLine: 640 } } },
    { id: 'GwChars', name: '字符缩进', basedOn: 'GwBody', paragraph: { indent: { firstLineChars: 200 } } },
    { id: 'GwH1', name: '一级标题', basedOn: 'GwBase', run: { font: { eastAsia: '黑体' } },
      paragraph: { numbering: { reference: 'gw', level: 0 } } },
    { id: 'Heading1', name: 'heading 1', basedOn: 'Normal', run: { font: { eastAsia: '黑体' }, size: 32, bold: false } },
  ],
  characterStyles: [{ id: 'Kai', name: '楷体强调', run: { font: { eastAsia: '楷体_GB2312' }, bold: true } }],
};

const h = (level: number, text: string, extra: object = {}) =>
  new Paragraph({ children: [new TextRun(text)], numbering: { reference: 'gw', level }, ...extra });

async function mainFixture(): Promise<Uint8Array> {
  return pack({
    styles: gwStyles,
    numbering: gwNumbering,
    sections: [
      {
        children: [
          new Paragraph({ style: 'GwTitle', children: [new TextRun('关于市政协五届二次会议第0123号提案的答复函')] }),
          new Paragraph({ children: [new TextRun('张三委员：')] }),
          new Paragraph({ style: 'GwBody', children: [new TextRun('您提出的《关于加强三峡库区船舶污染防治的提案》收悉。现答复如下：')] }),
          h(0, '高度重视，加强组织领导'),
          h(1, '建立联动机制'),
          h(2, '明确责任分工'),
          h(2, '细化工作方案'),
          h(3, '按月调度'),
          h(1, '强化资金保障'),
          h(2, '争取专项经费'),
          h(0, '完善制度，推动长效治理'),
          h(1, '健全监管体系'),
          new Paragraph({
            style: 'GwBody',
            children: [
              new TextRun('我局'),
              new TextRun({ text: '高度重视', style: 'Kai' }),
              new TextRun('，成立专班。'),
              new TextRun({ text: 'Word', font: { eastAsia: '黑体', ascii: 'Arial' }, bold: true, size: 28, color: 'FF0000' }),
            ],
          }),
          new Paragraph({ style: 'GwChars', children: [new TextRun('首行缩进两个字符。')] }),
          new Paragraph({ style: 'GwH1', children: [new TextRun('样式自带编号')] }),
          new Paragraph({ style: 'Heading1', children: [new TextRun('标题样式段落')] }),
          new Paragraph({
            children: [new TextRun('详见'), new ExternalHyperlink({ link: 'https://example.org', children: [new TextRun('网站')] }), new TextRun('。')],
          }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ children: [new Paragraph('项目')] }), new TableCell({ children: [new Paragraph('金额（万元）')] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph('专项经费')] }), new TableCell({ children: [new Paragraph('1500')] })] }),
            ],
          }),
          new Paragraph({ numbering: { reference: 'circle', level: 0 }, children: [new TextRun('第一项')] }),
          new Paragraph({ numbering: { reference: 'circle', level: 0 }, children: [new TextRun('第二项')] }),
          new Paragraph({ numbering: { reference: 'letter', level: 0 }, children: [new TextRun('甲')] }),
          new Paragraph({ numbering: { reference: 'letter', level: 0 }, children: [new TextRun('乙')] }),
          new Paragraph({ numbering: { reference: 'roman', level: 0 }, children: [new TextRun('子')] }),
          new Paragraph({ numbering: { reference: 'roman', level: 0 }, children: [new TextRun('丑')] }),
          new Paragraph({ numbering: { reference: 'bullet', level: 0 }, children: [new TextRun('要点')] }),
          new Paragraph({ numbering: { reference: 'gw', level: 0, restart: true }, children: [new TextRun('重新编号')] }),
          new Paragraph({ children: [new TextRun('联系人：李四，联系电话：023-12345678')] }),
        ],
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------------

describe('readDocx: text, numbering and facts', async () => {
  const bytes = await mainFixture();
  const doc = readDocx(bytes);

  test('body and table text equals mammoth extractRawText (labels removed)', async () => {
    expect(bodyParas(doc).map(withoutLabel)).toEqual(await oracle(bytes));
  });

  test('auto-numbered headings get Word labels, counters restart per level', () => {
    const labels = bodyParas(doc)
      .filter((p) => p.numLevel !== undefined)
      .map((p) => [p.autoLabel ?? null, p.numLevel, withoutLabel(p)]);
    expect(labels).toEqual([
      ['一、', 0, '高度重视，加强组织领导'],
      ['（一）', 1, '建立联动机制'],
      ['1.', 2, '明确责任分工'],
      ['2.', 2, '细化工作方案'],
      ['（1）', 3, '按月调度'],
      ['（二）', 1, '强化资金保障'],
      ['1.', 2, '争取专项经费'],
      ['二、', 0, '完善制度，推动长效治理'],
      ['（一）', 1, '健全监管体系'],
      ['三、', 0, '样式自带编号'], // numbering inherited from the paragraph style GwH1, same list
      ['①', 0, '第一项'],
      ['②', 0, '第二项'],
      ['A.', 0, '甲'],
      ['B.', 0, '乙'],
      ['(i)', 0, '子'],
      ['(ii)', 0, '丑'],
      [null, 0, '要点'], // bullet: no label
      ['一、', 0, '重新编号'], // restart: true → new num with startOverride
    ]);
    const p = find(doc, '高度重视，加强组织领导');
    expect(p.text).toBe('一、高度重视，加强组织领导');
    expect(p.numFormat).toBe('chineseCounting');
    expect(find(doc, '要点').numFormat).toBe('bullet');
    expect(find(doc, '要点').text).toBe('要点');
  });

  test('label run carries the numbering level rPr, text run the paragraph formatting', () => {
    const h1 = find(doc, '高度重视，加强组织领导');
    expect(h1.facts.runs![0]).toMatchObject({ start: 0, end: 2, eastAsiaFont: '黑体', sizePt: 16 });
    expect(runAt(h1, 2)).toMatchObject({ eastAsiaFont: '仿宋_GB2312', end: h1.text.length });
    const h2 = find(doc, '建立联动机制');
    expect(h2.facts.runs![0]).toMatchObject({ start: 0, end: 3, eastAsiaFont: '楷体_GB2312', bold: true });
    expect(runAt(h2, 3)).toMatchObject({ eastAsiaFont: '仿宋_GB2312', bold: false });
  });

  test('eastAsia and ascii fonts are separate facts; direct > character style > paragraph style', () => {
    const p = find(doc, '我局高度重视，成立专班。Word');
    expect(p.facts.styleId).toBe('GwBody');
    expect(p.facts.styleName).toBe('公文正文');
    expect(runAt(p, 0)).toMatchObject({ eastAsiaFont: '仿宋_GB2312', latinFont: 'Times New Roman', sizePt: 16, bold: false, color: 'auto' });
    expect(runAt(p, 2)).toMatchObject({ start: 2, end: 6, eastAsiaFont: '楷体_GB2312', bold: true }); // rStyle Kai
    expect(runAt(p, p.text.indexOf('Word'))).toMatchObject({
      eastAsiaFont: '黑体', latinFont: 'Arial', sizePt: 14, bold: true, color: 'FF0000',
    });
    // adjacent runs with identical facts are merged; offsets cover the text exactly
    const runs = p.facts.runs!;
    expect(runs[0].start).toBe(0);
    expect(runs[runs.length - 1].end).toBe(p.text.length);
    for (let i = 1; i < runs.length; i++) expect(runs[i].start).toBe(runs[i - 1].end);
  });

  test('paragraph style basedOn chain: indent, exact line spacing, alignment, size', () => {
    const title = find(doc, '关于市政协五届二次会议第0123号提案的答复函');
    expect(title.facts).toMatchObject({ styleId: 'GwTitle', align: 'center' });
    expect(runAt(title, 0)).toMatchObject({ eastAsiaFont: '方正小标宋简体', sizePt: 22 });

    const body = find(doc, '您提出的《关于加强三峡库区船舶污染防治的提案》收悉。现答复如下：');
    expect(body.facts).toMatchObject({
      styleId: 'GwBody', align: 'left', firstLineTwips: 640, firstLineChars: null,
      lineRule: 'exact', lineSpacingPt: 28, lineMultiple: null, spaceBeforePt: 0, spaceAfterPt: 0,
    });
    expect(runAt(body, 0)).toMatchObject({ eastAsiaFont: '仿宋_GB2312', sizePt: 16 }); // from GwBase

    const chars = find(doc, '首行缩进两个字符。');
    expect(chars.facts.firstLineChars).toBe(2);
    expect(chars.facts.lineSpacingPt).toBe(28); // GwChars → GwBody → GwBase

    const plain = find(doc, '张三委员：');
    expect(plain.facts).toMatchObject({ styleId: 'Normal', lineRule: 'auto', lineMultiple: 1, firstLineTwips: 0 });
    expect(runAt(plain, 0)).toMatchObject({ eastAsiaFont: '仿宋_GB2312', latinFont: 'Times New Roman', sizePt: 16 }); // docDefaults

    const styled = find(doc, '标题样式段落');
    expect(styled.facts.styleName).toBe('heading 1');
    expect(runAt(styled, 0)).toMatchObject({ eastAsiaFont: '黑体', bold: false });
  });

  test('table paragraphs are tagged where: "table", in document order', () => {
    const t = doc.paragraphs.filter((p) => p.where === 'table').map((p) => p.text);
    expect(t).toEqual(['项目', '金额（万元）', '专项经费', '1500']);
    const all = doc.paragraphs.map((p) => p.text);
    expect(all.indexOf('项目')).toBe(all.indexOf('详见网站。') + 1);
  });

  test('one section with A4 and the docx package default margins', () => {
    expect(doc.sections).toEqual([
      {
        pageWidthMm: 210, pageHeightMm: 297,
        marginTopMm: 25.4, marginBottomMm: 25.4, marginLeftMm: 25.4, marginRightMm: 25.4,
        footerHasPageNumber: false,
      },
    ]);
    expect(doc.paragraphs.every((p) => p.facts.section === 0)).toBe(true);
  });
});

describe('numbering details', () => {
  test('formatNumber: Chinese counting, legal, enclosed, letters, roman', () => {
    const cn = [1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 1005, 10000, 10050, 12345].map((n) => formatNumber(n, 'chineseCounting'));
    expect(cn).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十一', '九十九', '一百', '一百零一', '一百一十', '一千零五', '一万', '一万零五十', '一万二千三百四十五']);
    expect(formatNumber(12, 'chineseLegalSimplified')).toBe('壹拾贰');
    expect(formatNumber(3, 'ideographTraditional')).toBe('丙');
    expect(formatNumber(105, 'ideographDigital')).toBe('一〇五');
    expect([1, 20, 21].map((n) => formatNumber(n, 'decimalEnclosedCircle'))).toEqual(['①', '⑳', '21']);
    expect(formatNumber(3, 'decimalEnclosedParen')).toBe('⑶');
    expect([1, 26, 27, 28].map((n) => formatNumber(n, 'upperLetter'))).toEqual(['A', 'Z', 'AA', 'BB']);
    expect(formatNumber(14, 'upperRoman')).toBe('XIV');
    expect(formatNumber(7, 'decimalFullWidth')).toBe('７');
    expect(formatNumber(7, 'decimalZero')).toBe('07');
  });

  test('hand-written numbering.xml: isLgl, lvlRestart 0, startOverride, lvl override, numbering removed', async () => {
    const numbering =
      '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      '<w:abstractNum w:abstractNumId="10">' +
      '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>' +
      '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>' +
      '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3)"/></w:lvl>' +
      '</w:abstractNum>' +
      '<w:num w:numId="20"><w:abstractNumId w:val="10"/></w:num>' +
      '<w:num w:numId="21"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>' +
      '<w:num w:numId="22"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>' +
      '<w:numFmt w:val="decimal"/><w:lvlText w:val="第%1条"/></w:lvl></w:lvlOverride></w:num>' +
      '</w:numbering>';
    const p = (numId: string, ilvl: number, text: string) =>
      `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const raw = [
      p('20', 0, 'a'), p('20', 1, 'b'), p('20', 2, 'c'), p('20', 0, 'd'), p('20', 1, 'e'), p('20', 2, 'f'),
      p('21', 0, 'g'), p('22', 0, 'h'), p('0', 0, 'i'),
    ].join('');
    const base = await pack({ numbering: gwNumbering, sections: [{ children: [new Paragraph('末段')] }] });
    const bytes = patch(base, { 'word/numbering.xml': () => numbering, ...injectBody(raw) });
    const doc = readDocx(bytes);
    expect(doc.paragraphs.map((x) => x.text)).toEqual(['一、a', '1.1b', '1)c', '二、d', '2.1e', '2)f', '五、g', '第1条h', 'i', '末段']);
    expect(doc.paragraphs[8].numLevel).toBeUndefined();
  });
});

describe('readDocx: sections, headers and footers', () => {
  test('margins per section, page-number footer detection, header/footer text', async () => {
    const mm = (v: number) => Math.round((v / 25.4) * 1440);
    const gwPage = { margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } };
    const sections: ISectionOptions[] = [
      {
        properties: { page: gwPage },
        headers: { default: new Header({ children: [new Paragraph('渝交函〔2024〕15号')] }) },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] })],
          }),
        },
        children: [new Paragraph('第一节正文'), new Paragraph('第一节第二段')],
      },
      {
        properties: { page: { margin: { top: 1440, bottom: 1440, left: 1800, right: 1800 }, size: { orientation: 'landscape' as never } } },
        footers: { default: new Footer({ children: [new Paragraph('附件：无页码页脚')] }) },
        children: [new Paragraph('第二节正文')],
      },
      { children: [new Paragraph('第三节正文（继承上一节页脚）')] },
    ];
    const bytes = await pack({ sections });
    const doc = readDocx(bytes);

    expect(bodyParas(doc).map((p) => p.text)).toEqual(await oracle(bytes));
    expect(doc.sections).toHaveLength(3);
    expect(doc.sections[0]).toMatchObject({
      marginTopMm: 37, marginBottomMm: 35, marginLeftMm: 28, marginRightMm: 26,
      pageWidthMm: 210, pageHeightMm: 297,
      footerHasPageNumber: true, headerText: '渝交函〔2024〕15号', footerText: '—  —',
    });
    expect(doc.sections[1]).toMatchObject({
      marginTopMm: 25.4, marginLeftMm: 31.8, footerHasPageNumber: false, footerText: '附件：无页码页脚',
      headerText: '渝交函〔2024〕15号', // inherited from section 1
    });
    expect(doc.sections[2]).toMatchObject({ footerHasPageNumber: false, footerText: '附件：无页码页脚' });

    expect(find(doc, '第一节第二段').facts.section).toBe(0);
    expect(find(doc, '第二节正文').facts.section).toBe(1);
    expect(find(doc, '第三节正文（继承上一节页脚）').facts.section).toBe(2);

    // header/footer paragraphs come last, each part once
    const tail = doc.paragraphs.filter((p) => p.where === 'header' || p.where === 'footer').map((p) => [p.where, p.text, p.facts.section]);
    expect(tail).toEqual([
      ['header', '渝交函〔2024〕15号', 0],
      ['footer', '—  —', 0],
      ['footer', '附件：无页码页脚', 1],
    ]);
    expect(doc.paragraphs.slice(-3).every((p) => p.where !== 'body')).toBe(true);
  });

  test('PAGE as w:fldSimple counts, NUMPAGES alone does not', async () => {
    const base = await pack({
      sections: [{ footers: { default: new Footer({ children: [new Paragraph('FOOTMARK')] }) }, children: [new Paragraph('正文')] }],
    });
    const withField = (instr: string) =>
      patch(base, {
        'word/footer1.xml': (x) =>
          x.replace(/<w:r>(?:(?!<w:r>).)*?FOOTMARK.*?<\/w:r>/, `<w:fldSimple w:instr="${instr}"><w:r><w:t>3</w:t></w:r></w:fldSimple>`),
      });
    expect(readDocx(withField(' PAGE  \\* MERGEFORMAT ')).sections[0]).toMatchObject({ footerHasPageNumber: true, footerText: '3' });
    expect(readDocx(withField(' NUMPAGES ')).sections[0].footerHasPageNumber).toBe(false);
    expect(readDocx(await pack({ sections: [{ children: [new Paragraph('无页脚')] }] })).sections[0]).toMatchObject({
      footerHasPageNumber: false,
    });
    // a first-page footer only counts when the section has a distinct first page (w:titlePg)
    const firstOnly = (titlePage: boolean) =>
      pack({
        sections: [
          {
            properties: { titlePage },
            footers: { first: new Footer({ children: [new Paragraph({ children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }) },
            children: [new Paragraph('正文')],
          },
        ],
      });
    expect(readDocx(await firstOnly(true)).sections[0].footerHasPageNumber).toBe(true);
    expect(readDocx(await firstOnly(false)).sections[0]).toMatchObject({ footerHasPageNumber: false });
  });
});

describe('readDocx: inline content Word shows or hides', () => {
  test('fields, tracked changes, sdt, smartTag, tab/break/hyphen/sym, hidden text', async () => {
    const raw = [
      // complex field: instruction hidden, result kept
      '<w:p><w:r><w:t>见</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText></w:r>' +
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>第三条</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>规定</w:t></w:r></w:p>',
      // tracked deletion dropped, insertion kept
      '<w:p><w:r><w:t>保留</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>' +
        '<w:ins w:id="2" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins></w:p>',
      // content controls, smart tags, simple fields
      '<w:p><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt>' +
        '<w:smartTag w:uri="u" w:element="e"><w:r><w:t>标记</w:t></w:r></w:smartTag>' +
        '<w:fldSimple w:instr=" DATE "><w:r><w:t>2024年</w:t></w:r></w:fldSimple></w:p>',
      // tab, line break (→ space), page break (→ nothing), non-breaking hyphen, symbols
      '<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:noBreakHyphen/><w:t>丁</w:t><w:br w:type="page"/>' +
        '<w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="SimSun" w:char="2605"/></w:r></w:p>',
      // hidden text
      '<w:p><w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>',
      // a field result spanning paragraphs (TOC) is shown in both
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \\o "1-3"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
        '<w:r><w:t>目录一</w:t></w:r></w:p><w:p><w:r><w:t>目录二</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
      // a malformed field never leaving its instruction part does not swallow the next paragraphs
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r><w:r><w:t>坏域</w:t></w:r></w:p>',
    ].join('');
    const bytes = patch(await pack({ sections: [{ children: [new Paragraph('末段')] }] }), injectBody(raw));
    const doc = readDocx(bytes);
    expect(bodyParas(doc).map((p) => p.text)).toEqual(['见第三条规定', '保留插入', '控件标记2024年', '甲\t乙 丙-丁★', '可见', '目录一', '目录二', '', '末段']);
    // mammoth agrees on fields and tracked changes (it drops w:fldSimple results, breaks and symbols,
    // and keeps hidden text, so the other paragraphs differ on purpose)
    const ref = await oracle(bytes);
    expect(ref.slice(0, 2)).toEqual(['见第三条规定', '保留插入']);
    expect(ref[2]).toBe('控件标记');
  });

  test('text boxes: mc:AlternateContent read once (Choice), VML text box from docx, after the anchor', async () => {
    const raw =
      '<w:p><w:r><w:t>锚段落</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>' +
      '<w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>' +
      '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent>' +
      '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>';
    const base = await pack({
      sections: [
        {
          children: [
            new Paragraph({ children: [new Textbox({ children: [new Paragraph('VML 文本框')], style: { width: '100pt', height: '50pt' } })] }),
            new Paragraph('末段'),
          ],
        },
      ],
    });
    const doc = readDocx(patch(base, injectBody(raw)));
    expect(doc.paragraphs.map((p) => [p.where, p.text])).toEqual([
      ['body', '锚段落'],
      ['textbox', '框内文字'],
      ['body', ''],
      ['textbox', 'VML 文本框'],
      ['body', '末段'],
    ]);
  });
});

describe('readDocx: the template model of one draft is reused for the next only when its parts are the same', () => {
  test('drafts read in turn with two templates each get their own styles, theme and numbering', async () => {
    const a = await pack({ sections: [{ children: [new Paragraph('正文一段')] }] });
    const heiti = patch(a, { 'word/styles.xml': (x) => x.replace('<w:rPrDefault/>', '<w:rPrDefault><w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="44"/></w:rPr></w:rPrDefault>') });
    const fresh = (bytes: Uint8Array) => runAt(find(readDocx(bytes), '正文一段'), 0);
    const first = fresh(a);
    const other = fresh(heiti);
    expect(other).toMatchObject({ eastAsiaFont: '黑体', sizePt: 22 });
    expect(first.eastAsiaFont).not.toBe('黑体');
    // the same bytes again (a batch of one unit's drafts): the same facts as the first read
    expect(fresh(a)).toEqual(first);
    expect(fresh(heiti)).toEqual(other);
    // a theme that differs only in its East-Asian font is another template
    const themed = patch(a, { 'word/theme/theme1.xml': (x) => x.replace(/(<a:minorFont>.*?)<a:ea typeface=""\/>/, '$1<a:ea typeface="宋体"/>') });
    const viaTheme = patch(themed, { 'word/styles.xml': (x) => x.replace('<w:rPrDefault/>', '<w:rPrDefault><w:rPr><w:rFonts w:eastAsiaTheme="minorEastAsia"/></w:rPr></w:rPrDefault>') });
    const plainTheme = patch(a, { 'word/styles.xml': (x) => x.replace('<w:rPrDefault/>', '<w:rPrDefault><w:rPr><w:rFonts w:eastAsiaTheme="minorEastAsia"/></w:rPr></w:rPrDefault>') });
    expect(fresh(viaTheme).eastAsiaFont).toBe('宋体');
    expect(fresh(plainTheme).eastAsiaFont).toBe('等线');
    expect(fresh(viaTheme).eastAsiaFont).toBe('宋体');
  });
});

describe('readDocx: fonts from themes and WPS habits', () => {
  test('eastAsiaTheme / asciiTheme resolve through theme1.xml (minor and major, Hans script)', async () => {
    const base = await pack({
      styles: { paragraphStyles: [{ id: 'Major', name: 'Major', basedOn: 'Normal', run: { size: 32 } }] },
      sections: [{ children: [new Paragraph('次要主题字体'), new Paragraph({ style: 'Major', children: [new TextRun('主要主题字体')] })] }],
    });
    const bytes = patch(base, {
      'word/styles.xml': (x) =>
        x
          .replace('<w:rPrDefault/>', '<w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"/><w:sz w:val="21"/></w:rPr></w:rPrDefault>')
          .replace(/(<w:style [^>]*w:styleId="Major"[^>]*>.*?<w:rPr>)/, '$1<w:rFonts w:eastAsiaTheme="majorEastAsia" w:asciiTheme="majorHAnsi"/>'),
    });
    const doc = readDocx(bytes);
    expect(runAt(find(doc, '次要主题字体'), 0)).toMatchObject({ eastAsiaFont: '等线', latinFont: 'Calibri', sizePt: 10.5 });
    expect(runAt(find(doc, '主要主题字体'), 0)).toMatchObject({ eastAsiaFont: '等线 Light', latinFont: 'Calibri Light', sizePt: 16 });

    // a theme whose <a:ea> is set wins over the script list; themeFontLang zh-TW picks Hant
    const themed = patch(bytes, {
      'word/theme/theme1.xml': (x) => x.replace(/(<a:minorFont>.*?)<a:ea typeface=""\/>/, '$1<a:ea typeface="宋体"/>'),
    });
    expect(runAt(find(readDocx(themed), '次要主题字体'), 0).eastAsiaFont).toBe('宋体');
    const tw = patch(bytes, {
      'word/settings.xml': (x) => x.replace('<w:displayBackgroundShape/>', '<w:displayBackgroundShape/><w:themeFontLang w:eastAsia="zh-TW"/>'),
    });
    expect(runAt(find(readDocx(tw), '次要主题字体'), 0).eastAsiaFont).toBe('新細明體');
    // the run's own w:lang eastAsia beats themeFontLang
    const ja = patch(tw, {
      'word/styles.xml': (x) => x.replace('<w:sz w:val="21"/></w:rPr></w:rPrDefault>', '<w:sz w:val="21"/><w:lang w:eastAsia="ja-JP"/></w:rPr></w:rPrDefault>'),
    });
    expect(runAt(find(readDocx(ja), '次要主题字体'), 0).eastAsiaFont).toBe('游明朝');
  });

  test('WPS: hint="eastAsia" with the CJK font only in ascii/hAnsi', async () => {
    const raw =
      '<w:p><w:r><w:rPr><w:rFonts w:hint="eastAsia" w:ascii="方正小标宋简体" w:hAnsi="方正小标宋简体"/><w:sz w:val="44"/></w:rPr><w:t>标题</w:t></w:r></w:p>';
    // no East-Asian font anywhere else: the hint makes ascii the CJK font
    const bare = patch(await pack({ sections: [{ children: [new Paragraph('x')] }] }), injectBody(raw));
    expect(runAt(find(readDocx(bare), '标题'), 0)).toMatchObject({ eastAsiaFont: '方正小标宋简体', latinFont: '方正小标宋简体', sizePt: 22 });
    // an East-Asian font resolved from docDefaults is what Word renders CJK text with
    const withDefaults = patch(await pack({ styles: { default: { document: { run: { font: FANGSONG } } } }, sections: [{ children: [new Paragraph('x')] }] }), injectBody(raw));
    expect(runAt(find(readDocx(withDefaults), '标题'), 0).eastAsiaFont).toBe('仿宋_GB2312');
  });

  test('nothing set anywhere: fonts and size are unknown (null), not guessed', async () => {
    const bytes = patch(await pack({ sections: [{ children: [new Paragraph('裸段落')] }] }), {
      'word/styles.xml': (x) => x.replace(/<w:docDefaults>.*?<\/w:docDefaults>/, ''),
      'word/theme/theme1.xml': () => '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"/>',
    });
    expect(runAt(find(readDocx(bytes), '裸段落'), 0)).toMatchObject({ eastAsiaFont: null, latinFont: null, sizePt: null, bold: false });
  });
});

describe('readDocx: robustness', () => {
  test('a .doc named .docx and a broken document.xml fail with InputError', async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(() => readDocx(ole)).toThrowError(expect.objectContaining({ code: 'E_OLD_WORD' }));
    const broken = patch(await pack({ sections: [{ children: [new Paragraph('x')] }] }), {
      'word/document.xml': (x) => x.replace('</w:body>', ''),
    });
    try {
      readDocx(broken);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('E_CORRUPT_ZIP');
      expect((e as InputError).message).toMatch(/word\/document\.xml 不是有效的 XML/);
    }
  });

  test('XML with too many tags is refused before building a DOM', async () => {
    const bytes = patch(await pack({ sections: [{ children: [new Paragraph('x')] }] }), injectBody('<w:p/>'.repeat(12_000)));
    expect(() => readDocx(bytes, { maxXmlTags: 10_000 })).toThrowError(expect.objectContaining({ code: 'E_TOO_LARGE' }));
    expect(readDocx(bytes).paragraphs).toHaveLength(12_001);
  });

  test('2,000 paragraphs (~100k characters) read in well under a second (logged)', async () => {
    const line = '按照市委市政府统一部署，我局会同相关部门扎实推进三峡库区船舶污染物接收转运处置工作，取得阶段性成效。';
    const children = Array.from({ length: 2000 }, (_, i) =>
      i % 50 === 0 ? h(0, `第${i}段标题`) : new Paragraph({ style: 'GwBody', children: [new TextRun(line), new TextRun({ text: '重点', bold: true })] }),
    );
    const bytes = await pack({ styles: gwStyles, numbering: gwNumbering, sections: [{ children }] });
    // (its speed is measured by npm run bench; tests never assert on time)
    const doc = readDocx(bytes);
    expect(doc.paragraphs).toHaveLength(2000);
    expect(doc.paragraphs[1950].autoLabel).toBe('四十、');
  });
});
