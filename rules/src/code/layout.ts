/**
 * Layout rules for .docx letters (GB/T 9704-2012 and common practice), preset `gbt9704`.
 *
 * They read the facts of the OOXML reader (core/src/processors/docx.ts): per run the East-Asian
 * and Latin font, size, bold and colour; per paragraph alignment, indents and line spacing; per
 * section the page size, margins and whether the footer has a PAGE field.
 *
 * Conventions shared by every rule here:
 * - A message names the paragraph (“第12段“一、关于资金保障…”：”), the actual value and the
 *   expected one, in Chinese units (号, 磅, 毫米, 字). The finding covers that paragraph, so the
 *   message's line is the paragraph number.
 * - One finding per paragraph per rule. When three or more paragraphs have exactly the same
 *   problem (the usual case: the whole body set in 宋体 小四), they become one finding on the first
 *   of them that lists all of them (“等12段（第4～9、11、13～17段）”): a civil servant fixes
 *   that with one “select all, set style”, and twelve identical warnings would bury the rest.
 * - A fact the reader could not resolve (null: nothing in the direct formatting, the styles or
 *   the document defaults says it) is never treated as a pass. A paragraph with a problem says
 *   so in its own message (“字号无法确定，未检查”); all other unresolved paragraphs of a rule
 *   become one info finding per rule and document: “无法确定字号（第3、7段），未检查”.
 * - Only paragraphs of the letter itself are checked: table cells, text boxes, headers and
 *   footers are not body text (tables may use smaller type). The label of a Word auto-number
 *   takes its formatting from the numbering level and the paragraph mark; when neither sets it,
 *   the label is left out (the heading's own text is checked).
 */
import type { LayoutProfile, Paragraph, ParagraphRole, RuleContext, RunFacts, SectionFacts } from '@dafu/core';
import spec from '../data/gbt9704.json' with { type: 'json' };
import { defineRule } from './util.js';

// ---------------------------------------------------------------------------------------------
// units and names

const num = (n: number): string => String(Math.round(n * 100) / 100);

/** 16 → "三号（16磅）", 12 → "小四（12磅）", 13 → "13磅" */
export function sizeName(pt: number): string {
  const hit = (spec.sizeNames as Array<[string, number]>).find(([, v]) => Math.abs(v - pt) < 0.01);
  return hit ? `${hit[0]}（${num(pt)}磅）` : `${num(pt)}磅`;
}

/** [4,5,6,7,9,11] → "第4～7、9、11段" */
export function paragraphList(lines: number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}～${sorted[j]}` : j === i ? `${sorted[i]}` : `${sorted[i]}、${sorted[j]}`);
    i = j + 1;
  }
  return `第${parts.join('、')}段`;
}

/** 第12段“一、关于资金保障…” */
export function paragraphLabel(p: Paragraph): string {
  const chars = [...p.text.replace(/^[\s\u3000]+/u, '')];
  return `第${p.line}段“${chars.length > 10 ? `${chars.slice(0, 10).join('')}…` : chars.join('')}”`;
}

const ALIGN: Record<string, string> = { left: '左对齐', center: '居中', right: '右对齐', both: '两端对齐', distribute: '分散对齐' };
const alignName = (a: string) => ALIGN[a] ?? a;

const COLOR: Record<string, string> = { FF0000: '红色', C00000: '深红色', '0000FF': '蓝色', '0070C0': '蓝色', '00B050': '绿色', FFFF00: '黄色', '808080': '灰色' };
const colorName = (c: string) => (COLOR[c] ? `${COLOR[c]}（${c}）` : `彩色（${c}）`);
const isBlack = (c: string) => /^(?:auto|000000)$/i.test(c);

const joinAnd = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join('、')}和${xs[xs.length - 1]}`);

// ---------------------------------------------------------------------------------------------
// settings: GB/T 9704 values, replaced by the profile's `layout`

interface Layout {
  margins: { top: number; bottom: number; left: number; right: number };
  lineSpacing: [number, number];
  fonts: { title: string[]; body: string[]; heading1: string[]; heading2: string[] };
}

function layoutOf(ctx: RuleContext): Layout {
  const own: LayoutProfile = ctx.profile.layout ?? {};
  return {
    margins: own.marginsMm ?? spec.marginsMm,
    lineSpacing: own.lineSpacingPt ?? (spec.lineSpacingPt as [number, number]),
    fonts: { ...spec.fonts, ...(own.bodyFont ? { body: own.bodyFont } : {}), ...(own.titleFont ? { title: own.titleFont } : {}) },
  };
}

const fontKey = (f: string) => f.replace(/[\s\u3000]/gu, '').toLowerCase();
const accepts = (list: string[]) => {
  const keys = new Set(list.map(fontKey));
  return (f: string) => keys.has(fontKey(f));
};

// ---------------------------------------------------------------------------------------------
// paragraphs, parts and runs

/** paragraphs of the letter (not table cells, text boxes, headers or footers) with the given roles */
function letterParagraphs(ctx: RuleContext, roles: ParagraphRole[]): Paragraph[] {
  const set = new Set(roles);
  return ctx.doc.paragraphs.filter((p) => p.role !== 'blank' && set.has(p.role) && (p.where === undefined || p.where === 'body'));
}

const HEADING_LEVEL: Partial<Record<ParagraphRole, 1 | 2 | 3 | 4>> = { heading1: 1, heading2: 2, heading3: 3, heading4: 4 };

/** the heading's own words: up to the end of its first sentence (一、关于资金保障 / （一）加强领导。…) */
function headingEnd(p: Paragraph): number {
  const m = /[。！？!?]/u.exec(p.text);
  return m ? m.index + 1 : p.text.length;
}

interface Piece { run: RunFacts; text: string }

/** the runs over [from, to) of a paragraph with their text; an unresolved auto-number label is left out */
function pieces(p: Paragraph, from = 0, to = p.text.length): Piece[] {
  const out: Piece[] = [];
  const labelEnd = p.ordinal?.auto ? p.ordinal.text.length : 0;
  for (const run of p.facts?.runs ?? []) {
    const s = Math.max(run.start, from);
    const e = Math.min(run.end, to);
    if (e <= s) continue;
    if (run.start === 0 && run.end <= labelEnd && run.eastAsiaFont == null && run.latinFont == null && run.sizePt == null) continue;
    const text = p.text.slice(s, e);
    if (/[^\s\u3000]/u.test(text)) out.push({ run, text });
  }
  return out;
}

/**
 * Code points matched by `re` (global, a run pattern such as /\p{Script=Han}+/gu): counted run
 * by run, without the array of one string per character that String#match made for every run.
 */
function countIn(s: string, re: RegExp): number {
  let n = 0;
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) n += codePoints(m[0]);
  return n;
}

/** Code points in a string: a surrogate pair counts once, a lone surrogate once. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n--; i++; }
    }
  }
  return n;
}

const HAN_RUN = /\p{Script=Han}+/gu;
const VISIBLE_RUN = /[^\s\u3000]+/gu;
const ALNUM_RUN = /[A-Za-z0-9]+/g;
const hanCount = (s: string) => countIn(s, HAN_RUN);
const visibleCount = (s: string) => countIn(s, VISIBLE_RUN);
const alnumCount = (s: string) => countIn(s, ALNUM_RUN);

interface Tally<T> { main: T | null; weights: Map<T, number>; unknown: number; known: number }

/** the value most of the weight has (East-Asian font by Han characters, size by visible characters) */
function tally<T>(ps: Piece[], value: (r: RunFacts) => T | null | undefined, weight: (s: string) => number): Tally<T> {
  const weights = new Map<T, number>();
  let unknown = 0;
  let known = 0;
  for (const { run, text } of ps) {
    const w = weight(text);
    if (!w) continue;
    const v = value(run);
    if (v == null) unknown += w;
    else {
      known += w;
      weights.set(v, (weights.get(v) ?? 0) + w);
    }
  }
  let main: T | null = null;
  let best = -1;
  for (const [v, w] of weights) if (w > best) (main = v), (best = w);
  // mostly unresolved: no main value to judge by
  if (unknown > known) main = null;
  return { main, weights, unknown, known };
}

const short = (s: string) => {
  const t = [...s.trim()];
  return t.length > 12 ? `${t.slice(0, 12).join('')}…` : t.join('');
};

/**
 * Font and size of a stretch that must be in one of `fonts` and `sizes` (title, headings): every
 * run counts, so a wrong label or a wrong word is named.
 */
function strictFontAndSize(ps: Piece[], what: string, fonts: string[], sizes: number[], problems: string[], unknown: string[]): void {
  const ok = accepts(fonts);
  const han = ps.filter((x) => hanCount(x.text) > 0);
  const wrongFont = han.filter((x) => x.run.eastAsiaFont != null && !ok(x.run.eastAsiaFont));
  const knownFont = han.filter((x) => x.run.eastAsiaFont != null);
  if (wrongFont.length) {
    const names = [...new Set(wrongFont.map((x) => x.run.eastAsiaFont!))].join('、');
    problems.push(wrongFont.length === knownFont.length ? `${what}字体为${names}，应为${fonts[0]}` : `${what}中“${short(wrongFont.map((x) => x.text).join(''))}”字体为${names}，应为${fonts[0]}`);
  }
  if (han.some((x) => x.run.eastAsiaFont == null)) unknown.push(knownFont.length ? '部分文字的字体' : '字体');

  const sized = ps.filter((x) => visibleCount(x.text) > 0);
  const knownSize = sized.filter((x) => x.run.sizePt != null);
  const wrongSize = knownSize.filter((x) => !sizes.some((s) => Math.abs(s - x.run.sizePt!) < 0.01));
  const expected = sizes.map(sizeName).join('或');
  if (wrongSize.length) {
    const names = [...new Set(wrongSize.map((x) => sizeName(x.run.sizePt!)))].join('、');
    // "标题字体为宋体…；字号为…" or, alone, "标题字号为…"
    const subject = wrongFont.length ? '' : what;
    problems.push(wrongSize.length === knownSize.length ? `${subject}字号为${names}，应为${expected}` : `${subject}中“${short(wrongSize.map((x) => x.text).join(''))}”字号为${names}，应为${expected}`);
  }
  if (sized.some((x) => x.run.sizePt == null)) unknown.push(knownSize.length ? '部分文字的字号' : '字号');
}

// ---------------------------------------------------------------------------------------------
// reporting: one finding per paragraph, identical problems grouped, unknowns collected

const GROUP_MIN = 3;

class Findings {
  private rows: Array<{ p: Paragraph; problems: string[]; unknown: string[] }> = [];
  add(p: Paragraph, problems: string[], unknown: string[] = []): void {
    if (problems.length || unknown.length) this.rows.push({ p, problems, unknown: [...new Set(unknown)] });
  }
  flush(ctx: RuleContext): void {
    const groups = new Map<string, Paragraph[]>();
    const unknownBy = new Map<string, Paragraph[]>();
    for (const { p, problems, unknown } of this.rows) {
      if (problems.length) {
        const tail = problems.join('；') + (unknown.length ? `；${joinAnd(unknown)}无法确定，未检查` : '');
        groups.set(tail, [...(groups.get(tail) ?? []), p]);
      } else {
        for (const u of unknown) unknownBy.set(u, [...(unknownBy.get(u) ?? []), p]);
      }
    }
    for (const [tail, ps] of groups) {
      if (ps.length >= GROUP_MIN) {
        ctx.report({ ...span(ps[0]), message: `${paragraphLabel(ps[0])}等${ps.length}段（${paragraphList(ps.map((p) => p.line))}）：${tail}` });
      } else {
        for (const p of ps) ctx.report({ ...span(p), message: `${paragraphLabel(p)}：${tail}` });
      }
    }
    reportUnknown(ctx, [...unknownBy].map(([what, ps]) => ({ what: `${what}（${paragraphList(ps.map((p) => p.line))}）`, at: ps })));
  }
}

const span = (p: Paragraph) => ({ start: p.offset, end: p.offset + p.text.length });

/** the one info finding per rule and document for facts that could not be resolved */
function reportUnknown(ctx: RuleContext, items: Array<{ what: string; at: Paragraph[] }>): void {
  if (!items.length) return;
  const first = items.flatMap((i) => i.at).sort((a, b) => a.line - b.line)[0];
  ctx.report({ ...(first ? span(first) : ctx.anchor()), severity: 'info', message: `无法确定${joinAnd(items.map((i) => i.what))}，未检查` });
}

// ---------------------------------------------------------------------------------------------
// sections

function sectionsWithAnchor(ctx: RuleContext): Array<{ s: SectionFacts; i: number; first: Paragraph; name: string }> {
  const sections = ctx.doc.sections ?? [];
  const out: Array<{ s: SectionFacts; i: number; first: Paragraph; name: string }> = [];
  sections.forEach((s, i) => {
    const first = ctx.doc.paragraphs.find((p) => (p.facts?.section ?? 0) === i && p.role !== 'blank') ?? ctx.doc.paragraphs.find((p) => (p.facts?.section ?? 0) === i);
    if (!first) return;
    out.push({ s, i, first, name: sections.length > 1 ? `第${i + 1}节（${paragraphLabel(first)}起）` : '全文' });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// common metadata

const UNKNOWN_NOTE = '文件中没有写明的格式（直接格式、样式和文档默认值里都没有），显示效果取决于打开它的软件，dafu 不猜测：这类段落报告为“无法确定……，未检查”（提示），不算合格。';
const layoutMeta = {
  category: 'format' as const,
  severity: 'warning' as const,
  requires: ['docx' as const],
  modes: ['letter' as const],
  presets: ['gbt9704'],
  fixable: 'no' as const,
  // examples need a .docx: golden tests in test/layout/ cover every rule
  examples: { valid: [], invalid: [] },
};

// ---------------------------------------------------------------------------------------------
// rules

export const docxPageMargins = defineRule({
  ...layoutMeta,
  id: 'docx-page-margins',
  description: 'A4 纸，页边距上37、下35、左28、右26毫米（版心156×225毫米）',
  message: '页面设置不符合要求。',
  note: `GB/T 9704—2012 5.1、5.2.1：公文用A4型纸（210×297毫米），天头（上白边）37毫米±1毫米，订口（左白边）28毫米±1毫米，版心156×225毫米（即下约35毫米、右约26毫米）。本地另有规定的，在配置的 profile.layout.marginsMm 中写明。横向页面（如附表）只查纸张大小。${UNKNOWN_NOTE}`,
  suggestion: 'Word：布局 → 页边距 → 自定义页边距：上3.7厘米、下3.5厘米、左2.8厘米、右2.6厘米；纸张大小 A4。',
  check(ctx) {
    const L = layoutOf(ctx);
    const tol = spec.marginToleranceMm + 0.05;
    const unknown: Array<{ what: string; at: Paragraph[] }> = [];
    for (const { s, i, first, name } of sectionsWithAnchor(ctx)) {
      const problems: string[] = [];
      const missing: string[] = [];
      const w = s.pageWidthMm;
      const h = s.pageHeightMm;
      let landscape = false;
      if (w == null || h == null) missing.push('纸张大小');
      else {
        landscape = w > h;
        const [narrow, tall] = landscape ? [h, w] : [w, h];
        const a4 = Math.abs(narrow - spec.pageMm.width) <= spec.pageToleranceMm + 0.05 && Math.abs(tall - spec.pageMm.height) <= spec.pageToleranceMm + 0.05;
        if (!a4) problems.push(`纸张为${num(w)}×${num(h)}毫米，应为A4（210×297毫米）`);
      }
      if (!landscape) {
        const sides = [
          ['上', s.marginTopMm, L.margins.top], ['下', s.marginBottomMm, L.margins.bottom],
          ['左', s.marginLeftMm, L.margins.left], ['右', s.marginRightMm, L.margins.right],
        ] as const;
        const unknownSides = sides.filter(([, v]) => v == null).map(([n]) => n);
        if (unknownSides.length) missing.push(`页边距（${unknownSides.join('、')}）`);
        if (sides.some(([, v, e]) => v != null && Math.abs(v - e) > tol)) {
          const actual = sides.filter(([, v]) => v != null).map(([n, v]) => `${n}${num(v!)}毫米`).join('、');
          const expected = sides.map(([n, , e]) => `${n}${num(e)}毫米`).join('、');
          const block = `${num(spec.pageMm.width - L.margins.left - L.margins.right)}×${num(spec.pageMm.height - L.margins.top - L.margins.bottom)}毫米`;
          problems.push(`页边距为${actual}，应为${expected}（版心${block}）`);
        }
      }
      const where = name === '全文' ? '页面设置' : name;
      if (problems.length) ctx.report({ ...span(first), message: `${where}：${problems.join('；')}${missing.length ? `；${joinAnd(missing)}无法确定，未检查` : ''}` });
      else if (missing.length) unknown.push({ what: `${name === '全文' ? '' : `第${i + 1}节的`}${joinAnd(missing)}`, at: [first] });
    }
    if (!(ctx.doc.sections ?? []).length) unknown.push({ what: '页面设置', at: [] });
    reportUnknown(ctx, unknown);
  },
});

export const docxTitleFont = defineRule({
  ...layoutMeta,
  id: 'docx-title-font',
  description: '标题2号小标宋体，居中，不加粗',
  message: '标题的字体、字号或位置不符合要求。',
  note: `GB/T 9704—2012 7.3.1：标题一般用2号小标宋体字，编排于红色分隔线下空二行位置，分一行或多行居中排布。常用字体：方正小标宋简体、方正小标宋_GBK（另可在 profile.layout.titleFont 中指定）。${UNKNOWN_NOTE}`,
  suggestion: '标题：方正小标宋简体，二号（22磅），居中，不加粗。',
  check(ctx) {
    const L = layoutOf(ctx);
    const out = new Findings();
    for (const p of letterParagraphs(ctx, ['title'])) {
      const problems: string[] = [];
      const unknown: string[] = [];
      const ps = pieces(p);
      strictFontAndSize(ps, '标题', L.fonts.title, [spec.sizePt.title], problems, unknown);
      const align = p.facts?.align;
      if (align == null) unknown.push('对齐方式');
      else if (align !== 'center') problems.push(`对齐方式为${alignName(align)}，应为居中`);
      if (ps.some((x) => x.run.bold === true)) problems.push('标题加粗，应不加粗');
      out.add(p, problems, unknown);
    }
    out.flush(ctx);
  },
});

const BODY_ROLES: ParagraphRole[] = ['docNumber', 'salutation', 'opening', 'body', 'closing', 'signoff', 'date', 'contact', 'attachment', 'cc', 'heading1', 'heading2', 'heading3', 'heading4'];

/** body-text stretches: whole paragraphs, and what follows the heading's own words in a heading paragraph */
function bodyParts(ctx: RuleContext): Array<{ p: Paragraph; ps: Piece[] }> {
  const out: Array<{ p: Paragraph; ps: Piece[] }> = [];
  for (const p of letterParagraphs(ctx, BODY_ROLES)) {
    const from = HEADING_LEVEL[p.role] ? headingEnd(p) : 0;
    if (from >= p.text.length) continue;
    const ps = pieces(p, from);
    if (ps.length || !p.facts?.runs?.length) out.push({ p, ps });
  }
  return out;
}

export const docxBodyFont = defineRule({
  ...layoutMeta,
  id: 'docx-body-font',
  description: '正文3号仿宋（仿宋_GB2312），黑色',
  message: '正文的字体、字号或颜色不符合要求。',
  note: `GB/T 9704—2012 5.2.2、7.3.3：正文一般用3号仿宋体字（仿宋_GB2312、仿宋、FangSong 均可；另可在 profile.layout.bodyFont 中指定），文字颜色为黑色；版记（抄送）用4号仿宋体字。称谓、落款、成文日期、联系人同正文。按每段多数文字的字体和字号判断，段内个别文字不同的由 docx-mixed-fonts 指出。${UNKNOWN_NOTE}`,
  suggestion: '正文：仿宋_GB2312，三号（16磅），黑色；可修改“正文”样式后全选套用。',
  check(ctx) {
    const L = layoutOf(ctx);
    const okFont = accepts(L.fonts.body);
    const out = new Findings();
    for (const { p, ps } of bodyParts(ctx)) {
      const problems: string[] = [];
      const unknown: string[] = [];
      if (!ps.length) { out.add(p, [], ['字体和字号']); continue; }
      const what = p.role === 'cc' ? '抄送' : '正文';
      const font = tally(ps, (r) => r.eastAsiaFont, hanCount);
      if (font.main != null && !okFont(font.main)) problems.push(`${what}字体为${font.main}，应为${L.fonts.body[0]}`);
      if (font.unknown) unknown.push(font.main == null ? '字体' : '部分文字的字体');
      const sizes = p.role === 'cc' ? spec.sizePt.cc : [spec.sizePt.body];
      const size = tally(ps, (r) => r.sizePt, visibleCount);
      if (size.main != null && !sizes.some((s) => Math.abs(s - size.main!) < 0.01)) problems.push(`${what}字号为${sizeName(size.main)}，应为${sizes.map(sizeName).join('或')}`);
      if (size.unknown) unknown.push(size.main == null ? '字号' : '部分文字的字号');
      const colored = ps.filter((x) => x.run.color != null && !isBlack(x.run.color));
      if (colored.length) problems.push(`“${short(colored.map((x) => x.text).join(''))}”为${[...new Set(colored.map((x) => colorName(x.run.color!.toUpperCase())))].join('、')}，应为黑色`);
      out.add(p, problems, unknown);
    }
    out.flush(ctx);
  },
});

const LEVEL_NAME = { 1: '一级标题', 2: '二级标题', 3: '三级标题', 4: '四级标题' } as const;

export const docxHeadingFonts = defineRule({
  ...layoutMeta,
  id: 'docx-heading-fonts',
  description: '标题层次字体：一、黑体，（一）楷体，1.和（1）仿宋，均为3号',
  message: '层次标题的字体或字号不符合要求。',
  note: `GB/T 9704—2012 7.3.3：文中结构层次序数依次用“一、”“（一）”“1.”“（1）”，一般第一层用黑体字、第二层用楷体字、第三层和第四层用仿宋体字标注，均为3号。只查标题本身（到第一个句号为止），同一段后面的正文按正文要求检查。${UNKNOWN_NOTE}`,
  suggestion: '一级标题 黑体，二级标题 楷体_GB2312，三、四级标题 仿宋_GB2312，均为三号（16磅）。',
  check(ctx) {
    const L = layoutOf(ctx);
    const fontsFor = { 1: L.fonts.heading1, 2: L.fonts.heading2, 3: L.fonts.body, 4: L.fonts.body } as const;
    const out = new Findings();
    for (const p of letterParagraphs(ctx, ['heading1', 'heading2', 'heading3', 'heading4'])) {
      const level = HEADING_LEVEL[p.role]!;
      const problems: string[] = [];
      const unknown: string[] = [];
      const ps = pieces(p, 0, headingEnd(p));
      if (!ps.length) unknown.push('字体和字号');
      else strictFontAndSize(ps, LEVEL_NAME[level], fontsFor[level], [spec.sizePt.heading], problems, unknown);
      out.add(p, problems, unknown);
    }
    out.flush(ctx);
  },
});

const SPACING_ROLES: ParagraphRole[] = ['salutation', 'opening', 'body', 'heading1', 'heading2', 'heading3', 'heading4', 'closing', 'signoff', 'date', 'contact', 'attachment'];

/** "固定值20磅", "单倍行距", "1.5倍行距", "多倍行距（1.2倍）", "最小值12磅" */
function spacingName(rule: string, pt: number | null | undefined, multiple: number | null | undefined): string {
  if (rule === 'exact') return `固定值${pt != null ? `${num(pt)}磅` : ''}`;
  if (rule === 'atLeast') return `最小值${pt != null ? `${num(pt)}磅` : ''}`;
  const m = multiple ?? 1;
  if (Math.abs(m - 1) < 0.01) return '单倍行距';
  if (Math.abs(m - 1.5) < 0.01) return '1.5倍行距';
  if (Math.abs(m - 2) < 0.01) return '2倍行距';
  return `多倍行距（${num(m)}倍）`;
}

export const docxLineSpacing = defineRule({
  ...layoutMeta,
  id: 'docx-line-spacing',
  description: '行距为固定值28～29.5磅（每页22行）',
  message: '行距不符合要求。',
  note: `GB/T 9704—2012 5.2.3：一般每面排22行，每行排28个字。用3号字时行距多设为固定值28～29.5磅（本地另有规定的，在 profile.layout.lineSpacingPt 中写明）。单倍、多倍或最小值行距随字体变化，排不出22行；单倍行距并对齐到每行28～29.5磅的文档网格（“指定行网格”）的，同样算合格。${UNKNOWN_NOTE}`,
  suggestion: 'Word：段落 → 行距 → 固定值，设置值 28 磅（或 29 磅）。',
  check(ctx) {
    const [min, max] = layoutOf(ctx).lineSpacing;
    const expected = min === max ? `固定值${num(min)}磅` : `固定值${num(min)}～${num(max)}磅`;
    const out = new Findings();
    const inRange = (pt: number) => pt >= min - 0.01 && pt <= max + 0.01;
    for (const p of letterParagraphs(ctx, SPACING_ROLES)) {
      const f = p.facts;
      const rule = f?.lineRule;
      if (rule == null) { out.add(p, [], ['行距']); continue; }
      if (rule === 'exact' && f!.lineSpacingPt == null) { out.add(p, [], ['行距']); continue; }
      if (rule === 'exact' && inRange(f!.lineSpacingPt!)) { out.add(p, []); continue; }
      // single spacing snapped to a line grid (文档网格) of 28–29.5 pt gives the same 22 lines a page
      const pitch = ctx.doc.sections?.[p.facts?.section ?? 0]?.gridLinePitchPt;
      const single = rule === 'auto' && Math.abs((f!.lineMultiple ?? 1) - 1) < 0.01;
      if (single && pitch != null && f!.snapToGrid !== false && inRange(pitch)) { out.add(p, []); continue; }
      const grid = single && pitch != null && f!.snapToGrid !== false ? `（文档网格每行${num(pitch)}磅）` : '';
      out.add(p, [`行距为${spacingName(rule, f!.lineSpacingPt, f!.lineMultiple)}${grid}，应为${expected}`]);
    }
    out.flush(ctx);
  },
});

const INDENT_ROLES: ParagraphRole[] = ['salutation', 'opening', 'body', 'heading1', 'heading2', 'heading3', 'heading4', 'closing', 'contact', 'attachment'];
/** one character of 3号 text, in pt: what an indent in twips is measured in */
const CHAR_PT = 16;

/** leading spaces as characters: a full-width space is one, a half-width space half */
function leadingSpaces(text: string): number {
  let n = 0;
  for (const ch of text) {
    if (ch === '\u3000') n += 1;
    else if (ch === ' ' || ch === '\u00a0') n += 0.5;
    else break;
  }
  return n;
}

export const docxFirstLineIndent = defineRule({
  ...layoutMeta,
  id: 'docx-first-line-indent',
  description: '段首空二字（首行缩进2字符），称谓顶格',
  message: '首行缩进不符合要求。',
  note: `GB/T 9704—2012 7.3.2、7.3.3 及公文排版惯例：主送机关（称谓）居左顶格；正文每个自然段左空二字，回行顶格；层次标题同。首行缩进用“2字符”设置（或段首两个全角空格）。以磅为单位的缩进按3号字（16磅）折算字数。${UNKNOWN_NOTE}`,
  suggestion: 'Word：段落 → 特殊格式 → 首行缩进，缩进值 2 字符；不要再在段首打空格。',
  check(ctx) {
    const want = spec.firstLineChars;
    const tol = spec.firstLineToleranceChars;
    const out = new Findings();
    for (const p of letterParagraphs(ctx, INDENT_ROLES)) {
      const f = p.facts;
      // a centred or right-aligned line (a signoff the roles missed) has no first-line indent to judge
      if (f?.align === 'center' || f?.align === 'right') continue;
      const lead = leadingSpaces(p.text);
      const chars = f?.firstLineChars;
      const twips = f?.firstLineTwips;
      // each part: how it is written, and its width in characters (twips counted in 3号 characters)
      const parts: Array<{ text: string; chars: number; approx: boolean }> = [];
      let first: number | null = null;
      if (chars != null) first = chars;
      else if (twips != null) first = twips / 20 / CHAR_PT;
      if (first != null && first !== 0) {
        const kind = first < 0 ? '悬挂缩进' : '首行缩进';
        parts.push(chars != null ? { text: `${kind}${num(Math.abs(chars))}字符`, chars: first, approx: false } : { text: `${kind}${num(Math.abs(twips!) / 20)}磅`, chars: first, approx: true });
      }
      // the first line starts at the left indent plus the first-line indent (auto-numbered
      // paragraphs often get left 720 / hanging 360 from the numbering level)
      let left: number | null = 0;
      if (f?.leftIndentChars != null && f.leftIndentChars !== 0) left = f.leftIndentChars;
      else if (f?.leftIndentTwips != null && f.leftIndentTwips !== 0) left = f.leftIndentTwips / 20 / CHAR_PT;
      else if (f?.leftIndentChars === null && f.leftIndentTwips === null) left = null;
      if (left) parts.unshift(f?.leftIndentChars ? { text: `左缩进${num(left)}字符`, chars: left, approx: false } : { text: `左缩进${num(f!.leftIndentTwips! / 20)}磅`, chars: left, approx: true });
      if (lead) parts.push({ text: `段首${num(lead)}字空格`, chars: lead, approx: false });
      if (first == null || left == null) { out.add(p, [], ['首行缩进']); continue; }
      const total = left + first + lead;
      // the salutation (主送) starts flush left; everything else is indented two characters
      const target = p.role === 'salutation' ? 0 : want;
      if (Math.abs(total - target) <= tol) { out.add(p, []); continue; }
      const actual = Math.abs(total) < 0.01 && !parts.length ? '顶格（无首行缩进）'
        : parts.length === 1 ? `${parts[0].text}${parts[0].approx ? `（约${num(total)}字）` : ''}`
        : `${parts.map((x) => x.text).join('、')}（首行约缩进${num(total)}字）`;
      out.add(p, [target === 0 ? `称谓${actual}，应顶格（无缩进）` : `${actual}，应为首行缩进${num(want)}字符`]);
    }
    out.flush(ctx);
  },
});

export const docxPageNumber = defineRule({
  ...layoutMeta,
  id: 'docx-page-number',
  description: '页脚有页码',
  message: '页脚没有页码。',
  note: `GB/T 9704—2012 7.5：公文页码一般用4号半角宋体阿拉伯数字，编排在公文版心下边缘之下，数字左右各放一条一字线，如“— 1 —”；单页码居右空一字，双页码居左空一字。这里只查页脚里有没有页码域（PAGE）。${UNKNOWN_NOTE}`,
  suggestion: 'Word：插入 → 页码 → 页面底端；页码两侧加一字线“— 1 —”。',
  check(ctx) {
    const unknown: Array<{ what: string; at: Paragraph[] }> = [];
    for (const { s, i, first, name } of sectionsWithAnchor(ctx)) {
      if (s.footerHasPageNumber === true) continue;
      if (s.footerHasPageNumber == null) { unknown.push({ what: name === '全文' ? '页脚里有没有页码' : `第${i + 1}节的页脚里有没有页码`, at: [first] }); continue; }
      ctx.report({ ...span(first), message: `${name === '全文' ? '页脚' : `${name}的页脚`}没有页码，应在页脚插入页码（“— 1 —”，4号半角宋体阿拉伯数字）` });
    }
    reportUnknown(ctx, unknown);
  },
});

export const docxSignoffLayout = defineRule({
  ...layoutMeta,
  severity: 'info',
  id: 'docx-signoff-layout',
  description: '落款和成文日期靠右排',
  message: '落款或成文日期的位置不符合要求。',
  note: `GB/T 9704—2012 7.3.5：加盖印章的公文，成文日期一般右空四字编排，发文机关署名以成文日期为准居中编排；不加盖印章的，署名右空二字，日期首字比署名首字右移二字。落款和日期都排在右侧，不顶格、不居中。右对齐或在段首用空格推到右侧都算靠右。${UNKNOWN_NOTE}`,
  suggestion: '落款单位和成文日期：右对齐，日期右空四字（段落右缩进4字符）。',
  check(ctx) {
    const out = new Findings();
    for (const p of letterParagraphs(ctx, ['signoff', 'date'])) {
      const align = p.facts?.align;
      const what = p.role === 'date' ? '成文日期' : '落款';
      if (align == null) { out.add(p, [], ['对齐方式']); continue; }
      if (align === 'right' || leadingSpaces(p.text) >= 4) { out.add(p, []); continue; }
      out.add(p, [`${what}为${alignName(align)}，应靠右排（右对齐，日期右空四字）`]);
    }
    out.flush(ctx);
  },
});

export const docxMixedFonts = defineRule({
  ...layoutMeta,
  id: 'docx-mixed-fonts',
  description: '正文不混用字体、字号',
  message: '正文混用了字体或字号。',
  note: `公文排版惯例（GB/T 9704—2012 5.2.2 的正文用字要求）：正文统一用一种字体、一种字号；数字和字母统一用一种字体（常用 Times New Roman）。复制粘贴来的文字常带着原来的字体、字号。只比较同一段里的文字，以及各段之间都符合要求但名称不同的字体（如仿宋与仿宋_GB2312 混用）。${UNKNOWN_NOTE}`,
  suggestion: '选中整段或全文，重新设置为同一字体、字号（或清除格式后套用“正文”样式）。',
  check(ctx) {
    const L = layoutOf(ctx);
    const okFont = accepts(L.fonts.body);
    const parts = bodyParts(ctx);
    const out = new Findings();
    // the body's main font over all paragraphs, by Han characters
    const docFont = tally(parts.flatMap((x) => x.ps), (r) => r.eastAsiaFont, hanCount).main;
    for (const { p, ps } of parts) {
      const problems: string[] = [];
      const font = tally(ps, (r) => r.eastAsiaFont, hanCount);
      if (font.main != null) {
        const other = ps.filter((x) => hanCount(x.text) > 0 && x.run.eastAsiaFont != null && x.run.eastAsiaFont !== font.main);
        if (other.length) problems.push(`“${short(other.map((x) => x.text).join(''))}”为${[...new Set(other.map((x) => x.run.eastAsiaFont))].join('、')}，其余为${font.main}`);
        else if (docFont != null && font.main !== docFont && okFont(font.main) && okFont(docFont)) problems.push(`本段字体为${font.main}，其他正文为${docFont}`);
      }
      const size = tally(ps, (r) => r.sizePt, visibleCount);
      if (size.main != null) {
        const other = ps.filter((x) => x.run.sizePt != null && x.run.sizePt !== size.main);
        if (other.length) problems.push(`“${short(other.map((x) => x.text).join(''))}”字号为${[...new Set(other.map((x) => sizeName(x.run.sizePt!)))].join('、')}，其余为${sizeName(size.main)}`);
      }
      const latin = tally(ps, (r) => r.latinFont, alnumCount);
      if (latin.main != null) {
        const other = ps.filter((x) => alnumCount(x.text) > 0 && x.run.latinFont != null && x.run.latinFont !== latin.main);
        if (other.length) problems.push(`数字和字母“${short(other.map((x) => x.text).join(''))}”为${[...new Set(other.map((x) => x.run.latinFont))].join('、')}，其余为${latin.main}`);
      }
      // unknowns are reported by docx-body-font; mixing is only judged between known values
      out.add(p, problems);
    }
    out.flush(ctx);
  },
});
