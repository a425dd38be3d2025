/**
 * Reply letters as real .docx files for the layout (gbt9704) golden tests: generated with the
 * `docx` package the way Word writes them (direct formatting on runs and paragraphs), and patched
 * with fflate where the package cannot say something (WPS habits, unknowable facts, grids).
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type FileChild,
  type ISectionOptions,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { pack, patch, part } from '../helpers/docx.js';
import { createChecker, type DafuConfig, type DafuMessage } from '../../rules/src/index.js';
import { readDocx, type DocxParagraph } from '../../core/src/processors/docx.js';

export type DocOptions = ConstructorParameters<typeof Document>[0];
type Para = FileChild;

export { pack, patch, part };

/** the body text of the reply, one entry per paragraph ('' = blank line) */
export const LINES = {
  title: '关于市十七届人大三次会议第128号建议的答复',
  salutation: '王某某代表：',
  opening: '您提出的《关于加强校园周边交通安全的建议》（第128号）收悉。现答复如下：',
  h1a: '关于增设交通设施',
  body1: '2025年4月，我局在实验小学周边新增信号灯2组、减速带6条，投入资金35万元。',
  h2: '加强上下学时段管理',
  h3body: '1.错峰放学。市教育局于2025年4月印发通知，实验小学各年级错峰15分钟放学。',
  h1b: '关于沟通办理情况',
  body2: '2025年4月8日，我局副局长李某带队到实验小学与您面商，现场查看了路口情况，您对整改方案表示认可。',
  closing: '感谢您对交通工作的关心和支持，欢迎继续提出宝贵意见。',
  signoff: '某市交通运输局',
  date: '2025年5月6日',
  contact: '联系人：张某某，联系电话：0571-87001234',
};

/**
 * Paragraph numbers (the message's line) of the reply: blank lines count, as in Word.
 *  1 title · 2 blank · 3 salutation · 4 opening · 5 一、 · 6 body · 7 （一） · 8 1.… · 9 二、 · 10 body
 * · 11 closing · 12 blank · 13 signoff · 14 date · 15 contact
 */
export const N = { title: 1, salutation: 3, opening: 4, h1a: 5, body1: 6, h2: 7, h3body: 8, h1b: 9, body2: 10, closing: 11, signoff: 13, date: 14, contact: 15 };

export const mm = (v: number) => Math.round((v / 25.4) * 1440);
export const GB_MARGINS = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
export const EXACT_28 = { line: 560, lineRule: LineRuleType.EXACT };

export interface ReplyOptions {
  /** East-Asian font of body text (default 仿宋_GB2312) */
  body?: string;
  /** size in half-points (default 32 = 三号) */
  size?: number;
  title?: { font?: string; size?: number; bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] };
  heading1?: string;
  heading2?: string;
  /** exact 28 pt (default) or nothing written (single spacing) */
  spacing?: 'exact' | 'single';
  /** the same font in every slot (ascii, hAnsi, eastAsia) instead of Times New Roman for Latin */
  sameFontEverywhere?: boolean;
  margins?: { top: number; bottom: number; left: number; right: number };
  footer?: boolean;
  /** more block content after the contact line (tables, text boxes …) */
  extra?: Para[];
  /** numbering level options merged into both levels (e.g. an indent or a run style for the label) */
  level?: Record<string, unknown>;
  /** false: auto-numbered headings get no indent of their own (the numbering level's applies) */
  headingIndent?: boolean;
  /** a header with this text (in 宋体 小四: headers are not body text) */
  header?: string;
  sections?: ISectionOptions[];
  styles?: DocOptions['styles'];
}

/**
 * A reply letter as a unit's Word file looks: title 2号 方正小标宋简体 centred; salutation flush
 * left; body 3号 仿宋_GB2312 with a 2-character first-line indent and exact 28 pt spacing;
 * headings 一、 and （一） as Word auto-numbering in 黑体 and 楷体_GB2312, a typed 1. heading in
 * 仿宋; signoff and date right-aligned; A4 with GB/T 9704 margins; page number in the footer.
 */
export async function reply(o: ReplyOptions = {}): Promise<Uint8Array> {
  const size = o.size ?? 32;
  const spacing = o.spacing === 'single' ? undefined : EXACT_28;
  const font = (ea: string) => (o.sameFontEverywhere ? ea : { eastAsia: ea, ascii: 'Times New Roman', hAnsi: 'Times New Roman' });
  const run = (text: string, ea: string, extra: object = {}) => new TextRun({ text, font: font(ea), size, ...extra });
  const body = o.body ?? '仿宋_GB2312';
  const indent = { firstLineChars: 200 };
  const p = (text: string, extra: object = {}) => new Paragraph({ spacing, indent, children: [run(text, body)], ...extra });
  const heading = (level: 0 | 1, text: string) =>
    new Paragraph({ numbering: { reference: 'gw', level }, spacing, ...(o.headingIndent === false ? {} : { indent }), children: [run(text, level === 0 ? o.heading1 ?? '黑体' : o.heading2 ?? '楷体_GB2312')] });
  const t = o.title ?? {};
  const children: Para[] = [
    new Paragraph({
      alignment: t.align ?? AlignmentType.CENTER,
      spacing,
      children: [new TextRun({ text: LINES.title, font: font(t.font ?? '方正小标宋简体'), size: t.size ?? 44, ...(t.bold ? { bold: true } : {}) })],
    }),
    new Paragraph({ spacing, children: [] }),
    new Paragraph({ spacing, children: [run(LINES.salutation, body)] }),
    p(LINES.opening),
    heading(0, LINES.h1a),
    p(LINES.body1),
    heading(1, LINES.h2),
    p(LINES.h3body),
    heading(0, LINES.h1b),
    p(LINES.body2),
    p(LINES.closing),
    new Paragraph({ spacing, children: [] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing, indent: { right: 640 }, children: [run(LINES.signoff, body)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing, indent: { right: 1280 }, children: [run(LINES.date, body)] }),
    p(LINES.contact),
    ...(o.extra ?? []),
  ];
  const footer = o.footer === false ? {} : {
    footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: '宋体', size: 28 })] })] }) },
  };
  return pack({
    ...(o.styles ? { styles: o.styles } : {}),
    numbering: {
      config: [{
        reference: 'gw',
        levels: [
          { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT, ...o.level },
          { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.LEFT, ...o.level },
        ],
      }],
    },
    sections: o.sections ?? [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: o.margins ?? GB_MARGINS } },
      ...footer,
      ...(o.header ? { headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: o.header, font: '宋体', size: 24 })] })] }) } } : {}),
      children,
    }],
  });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export interface WpsOptions {
  /** East-Asian font of body text (default 仿宋_GB2312) */
  body?: string;
  title?: string;
  heading1?: string;
  heading2?: string;
  /** size in half-points (default 32) */
  size?: number;
  titleSize?: number;
  spacing?: 'exact' | 'single';
  /** WPS also writes w:eastAsia (and w:cs) besides the hint */
  allSlots?: boolean;
  /** the contact line's runs carry only w:sz (no font anywhere): WPS's paragraph-mark habit */
  sizeOnlyContact?: boolean;
}

/**
 * The same reply as WPS Office saves it: headings typed (一、 （一）), every run with
 * w:hint="eastAsia" and the CJK font only in w:ascii/w:hAnsi, digits in their own runs with
 * w:hint="default" and Times New Roman, indents as firstLineChars + firstLine, justified text,
 * a w:rPr on every paragraph mark, and document defaults with a size but no East-Asian font.
 */
export async function wpsReply(o: WpsOptions = {}): Promise<Uint8Array> {
  const size = o.size ?? 32;
  const spacing = o.spacing === 'single' ? '' : '<w:spacing w:line="560" w:lineRule="exact"/>';
  const lang = '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>';
  const fonts = (f: string) => `<w:rFonts w:hint="eastAsia" w:ascii="${f}" w:hAnsi="${f}"${o.allSlots ? ` w:eastAsia="${f}" w:cs="${f}"` : ''}/>`;
  const rPr = (f: string | null, sz: number) => `<w:rPr>${f ? fonts(f) : ''}<w:sz w:val="${sz}"/><w:szCs w:val="${sz}"/>${lang}</w:rPr>`;
  const digits = (sz: number) => `<w:rPr><w:rFonts w:hint="default" w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="${sz}"/><w:szCs w:val="${sz}"/>${lang}</w:rPr>`;
  const runs = (text: string, f: string | null, sz: number) =>
    text.split(/([0-9]+)/).filter(Boolean).map((t) => `<w:r>${/^[0-9]+$/.test(t) ? digits(sz) : rPr(f, sz)}<w:t xml:space="preserve">${esc(t)}</w:t></w:r>`).join('');
  const para = (text: string, f: string | null, opts: { jc?: string; ind?: string; sz?: number } = {}) => {
    const sz = opts.sz ?? size;
    return `<w:p><w:pPr>${spacing}${opts.ind ?? '<w:ind w:firstLine="640" w:firstLineChars="200"/>'}<w:jc w:val="${opts.jc ?? 'both'}"/>${rPr(f, sz)}</w:pPr>${text ? runs(text, f, sz) : ''}</w:p>`;
  };
  const body = o.body ?? '仿宋_GB2312';
  const none = '<w:ind w:firstLine="0" w:firstLineChars="0"/>';
  const xml = [
    para(LINES.title, o.title ?? '方正小标宋简体', { jc: 'center', ind: none, sz: o.titleSize ?? 44 }),
    para('', body, { ind: none }),
    para(LINES.salutation, body, { ind: none }),
    para(LINES.opening, body),
    para(`一、${LINES.h1a}`, o.heading1 ?? '黑体'),
    para(LINES.body1, body),
    para(`（一）${LINES.h2}`, o.heading2 ?? '楷体_GB2312'),
    para(LINES.h3body, body),
    para(`二、${LINES.h1b}`, o.heading1 ?? '黑体'),
    para(LINES.body2, body),
    para(LINES.closing, body),
    para('', body, { ind: none }),
    para(LINES.signoff, body, { jc: 'right', ind: '<w:ind w:right="640" w:rightChars="200" w:firstLine="0" w:firstLineChars="0"/>' }),
    para(LINES.date, body, { jc: 'right', ind: '<w:ind w:right="1280" w:rightChars="400" w:firstLine="0" w:firstLineChars="0"/>' }),
    para(LINES.contact, o.sizeOnlyContact ? null : body),
  ].join('');
  const base = await reply();
  return patch(base, {
    'word/document.xml': (x) => x.replace(/<w:body>.*?(<w:sectPr>)/, `<w:body>${xml}$1`),
    'word/styles.xml': (x) => x.replace('<w:rPrDefault/>', `<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="24"/>${lang}</w:rPr></w:rPrDefault>`),
  });
}

/** rewrite the XML of the one body paragraph whose text contains `text` */
export function patchPara(bytes: Uint8Array, text: string, edit: (xml: string) => string): Uint8Array {
  return patch(bytes, {
    'word/document.xml': (x) => {
      const paras = x.match(/<w:p>(?:(?!<w:p>).)*?<\/w:p>|<w:p [^>]*>(?:(?!<w:p[ >]).)*?<\/w:p>/g) ?? [];
      const hits = paras.filter((p) => p.includes(text));
      if (hits.length !== 1) throw new Error(`${hits.length} paragraphs contain “${text}”`);
      return x.replace(hits[0], edit(hits[0]));
    },
  });
}

/** the findings of the layout rules (ids docx-*) on a .docx, with the default config unless given */
export function layoutFindings(bytes: Uint8Array, config?: DafuConfig): DafuMessage[] {
  const r = createChecker(config ? { config } : {}).check({ bytes, name: 'reply.docx', context: { kind: 'npc', role: 'host' } });
  return r.messages.filter((m) => m.ruleId.startsWith('docx-'));
}

/** [ruleId, severity, line, message] of each finding: what the golden tests compare */
export const brief = (ms: DafuMessage[]) => ms.map((m) => [m.ruleId, m.severity, m.line, m.message]);

/** the facts the rules judge by, per paragraph: text, where, align, indent, spacing and each run's font/size */
export function factsOf(bytes: Uint8Array, pick: (p: DocxParagraph) => boolean = () => true) {
  return readDocx(bytes).paragraphs.filter(pick).map((p) => ({
    text: p.text,
    where: p.where,
    align: p.facts.align,
    firstLineChars: p.facts.firstLineChars,
    firstLineTwips: p.facts.firstLineTwips,
    lineRule: p.facts.lineRule,
    lineSpacingPt: p.facts.lineSpacingPt,
    runs: (p.facts.runs ?? []).map((r) => [p.text.slice(r.start, r.end), r.eastAsiaFont, r.latinFont, r.sizePt, r.bold]),
  }));
}
