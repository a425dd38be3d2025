/**
 * Our own OOXML reader for .docx drafts: paragraph text as Word shows it (with auto-numbering
 * labels), and the effective formatting facts mammoth does not expose (East-Asian font, size,
 * bold, alignment, indent, spacing, sections, page numbers in footers).
 *
 * Formatting is resolved per run through
 *   docDefaults → table style → paragraph style basedOn chain (or the default paragraph style)
 *   → character style chain (rStyle) → direct rPr
 * with theme fonts from theme1.xml. A value that cannot be resolved is null (unknown), never a
 * guess; values the OOXML spec defines when nothing is set (left alignment, no indent, single
 * spacing, not bold, automatic colour) are reported as such.
 *
 * Input goes through the guarded opener first (sniffing, zip limits, bomb protection).
 * No Node-only modules: fflate (via guard.ts), TextDecoder, our XML parser (xml.ts) and xmldom's DOMParser.
 */
import { DOMParser, type Document as XmlDocument, type Element as XmlElement } from '@xmldom/xmldom';
import type { ParagraphFacts, RunFacts, SectionFacts } from '../document/types.js';
import { InputError } from './errors.js';
import { openDocxParts, sameBytes, type OpenLimits } from './guard.js';
import { NS_W, NS_W_STRICT, NS_MC, NS_A, NS_A_STRICT, NS_R, NS_R_STRICT } from './namespaces.js';
import { parseXmlTree, XmlLimitError } from './xml.js';

export interface DocxParagraph {
  /** the paragraph text as Word shows it, with the auto-numbering label prepended (e.g. "一、" + text) */
  text: string;
  /** the rendered numbering label when the paragraph is auto-numbered ("一、", "（一）", "1.", "（1）") */
  autoLabel?: string;
  /** ilvl when auto-numbered (also set for bullets, which get no label) */
  numLevel?: number;
  /** the level's w:numFmt when auto-numbered ("chineseCounting", "decimal", "bullet" …) */
  numFormat?: string;
  where: 'body' | 'table' | 'textbox' | 'header' | 'footer';
  /** runs' start/end are offsets into `text` (label included; the label run gets the level's rPr) */
  facts: ParagraphFacts;
}

export interface DocxContent {
  paragraphs: DocxParagraph[];
  sections: SectionFacts[];
}

/** One stretch of a paragraph's text and the element it comes from (for annotation). */
export interface DocxTraceSegment {
  /** offsets into DocxParagraph.text (the numbering label included) */
  start: number;
  end: number;
  /** the w:r holding it */
  run: XmlElement;
  /** the child of the run: w:t (any stretch of its text) or an element shown as one character or code point (w:tab, w:br, w:sym …) */
  node: XmlElement;
}

/** Where the text of one body-story paragraph (body, table, text box) lives in word/document.xml. */
export interface DocxParagraphTrace {
  p: XmlElement;
  /** length of the auto-numbering label at the start of the text (0 without one): it is in no run */
  labelLength: number;
  /** the characters of the text after the label, in order; characters of no segment do not exist */
  segments: DocxTraceSegment[];
  /** for text-box paragraphs: the run of the body (or table) paragraph that anchors the text box */
  hostRun?: XmlElement;
}

/** readDocx with the XML behind the body text: the parsed word/document.xml, one trace per body-story paragraph. */
export interface DocxTrace {
  document: XmlDocument;
  /** parallel to the body, table and text-box paragraphs of DocxContent.paragraphs (the ones buildDocument keeps) */
  paragraphs: DocxParagraphTrace[];
}

export interface ReadDocxLimits extends OpenLimits {
  /** markup tags in one XML part; the DOM costs ~1 KB per node, so this bounds memory and time */
  maxXmlTags: number;
}

export const defaultMaxXmlTags = 400_000;

// ---------------------------------------------------------------------------------------------
// XML helpers

type XNode = {
  nodeType: number;
  localName: string | null;
  namespaceURI: string | null;
  firstChild: XNode | null;
  nextSibling: XNode | null;
  textContent: string | null;
};
type XEl = XNode & {
  getAttributeNS(ns: string | null, local: string): string | null;
  getAttribute(name: string): string | null;
};


const ELEMENT = 1;

const isWns = (ns: string | null): boolean => ns === NS_W || ns === NS_W_STRICT;
const isW = (n: XNode, local: string): boolean => n.nodeType === ELEMENT && n.localName === local && isWns(n.namespaceURI);
const isMC = (n: XNode, local: string): boolean => n.nodeType === ELEMENT && n.localName === local && n.namespaceURI === NS_MC;

function wChild(el: XNode | null | undefined, local: string): XEl | null {
  if (!el) return null;
  for (let c = el.firstChild; c; c = c.nextSibling) if (isW(c, local)) return c as XEl;
  return null;
}

function wChildren(el: XNode | null | undefined, local: string): XEl[] {
  const out: XEl[] = [];
  if (!el) return out;
  for (let c = el.firstChild; c; c = c.nextSibling) if (isW(c, local)) out.push(c as XEl);
  return out;
}

function wAttr(el: XEl | null | undefined, local: string): string | null {
  if (!el) return null;
  return el.getAttributeNS(NS_W, local) ?? el.getAttributeNS(NS_W_STRICT, local);
}

const wVal = (el: XEl | null | undefined): string | null => wAttr(el, 'val');

function intAttr(el: XEl | null | undefined, local: string): number | undefined {
  const v = wAttr(el, local);
  if (v == null || v === '') return undefined;
  const n = Number.parseFloat(v);
  return Number.isFinite(n) ? n : undefined;
}

/** ST_OnOff: absent val = true */
function onOff(el: XEl | null | undefined): boolean | undefined {
  if (!el) return undefined;
  const v = wVal(el);
  if (v == null) return true;
  return !(v === '0' || v === 'false' || v === 'off' || v === 'none');
}

function rAttrId(el: XEl): string | null {
  return el.getAttributeNS(NS_R, 'id') ?? el.getAttributeNS(NS_R_STRICT, 'id');
}

/** mc:AlternateContent → the first mc:Choice (or the Fallback when there is no Choice) */
function alternateBranch(ac: XNode): XNode | null {
  let fallback: XNode | null = null;
  for (let c = ac.firstChild; c; c = c.nextSibling) {
    if (isMC(c, 'Choice')) return c;
    if (isMC(c, 'Fallback')) fallback = c;
  }
  return fallback;
}

function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

function countTags(s: string, max: number): number {
  let n = 0;
  for (let i = s.indexOf('<'); i !== -1; i = s.indexOf('<', i + 1)) if (++n > max) break;
  return n;
}

/** Nesting deeper than this is refused (either parser): xmldom's namespace lookups cost O(depth) per element. */
const MAX_XML_DEPTH = 1000;

/** Deepest element nesting of an XML text, stopping early past `max` (one linear pass, quotes respected). */
function xmlDepth(s: string, max: number): number {
  let depth = 0, deepest = 0;
  for (let i = s.indexOf('<'); i !== -1; i = s.indexOf('<', i + 1)) {
    const c = s.charCodeAt(i + 1);
    if (c === 0x2f /* / */) { depth--; continue; }
    if (c === 0x3f /* ? */ || c === 0x21 /* ! */) continue;
    let j = i + 1, quote = 0;
    for (; j < s.length; j++) {
      const d = s.charCodeAt(j);
      if (quote) { if (d === quote) quote = 0; } else if (d === 0x22 || d === 0x27) quote = d; else if (d === 0x3e /* > */) break;
    }
    if (s.charCodeAt(j - 1) !== 0x2f /* self-closing */ && ++depth > deepest && (deepest = depth) > max) break;
    i = j - 1;
  }
  return deepest;
}

/** Which parser builds the tree the reader walks: the light one (xml.ts), or xmldom's full DOM when the caller needs to mutate and serialise it. */
type XmlParser = 'light' | 'dom';

/** Parse an XML part; throws InputError for the main part, returns null for broken optional parts. */
function parseXml(name: string, bytes: Uint8Array | undefined, maxTags: number, required: boolean, parser: XmlParser): XEl | null {
  if (!bytes) return null;
  const text = decodeXml(bytes);
  const tooMany = () => new InputError(
    'E_TOO_LARGE',
    `文档内容过于庞大（${name} 含超过 ${maxTags} 个 XML 标签），可能是异常文件；请拆分文档或删除多余内容后再检查`,
  );
  const tooDeep = () => new InputError(
    'E_TOO_LARGE',
    `文档结构异常（${name} 的元素嵌套超过 ${MAX_XML_DEPTH} 层），可能是损坏或恶意文件；请用 Word 打开后重新另存为 .docx 再检查`,
  );
  // the light parser checks both limits while parsing; xmldom needs them checked before
  if (parser === 'dom') {
    if (countTags(text, maxTags) > maxTags) throw tooMany();
    if (xmlDepth(text, MAX_XML_DEPTH) > MAX_XML_DEPTH) throw tooDeep();
  }
  try {
    if (parser === 'light') return parseXmlTree(text, { maxTags, maxDepth: MAX_XML_DEPTH });
    const doc = new DOMParser({ locator: false, onError: () => undefined }).parseFromString(text, 'application/xml');
    const root = doc.documentElement as unknown as XEl | null;
    if (!root) throw new Error('no root element');
    return root;
  } catch (e) {
    if (e instanceof XmlLimitError) throw e.limit === 'tags' ? tooMany() : tooDeep();
    if (!required) return null;
    throw new InputError(
      'E_CORRUPT_ZIP',
      `文件已损坏（${name} 不是有效的 XML：${(e as Error).message.split('\n')[0]}），请用 Word 打开后重新另存为 .docx 再检查`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// properties

interface FontRef {
  font?: string;
  theme?: string;
}

interface RProps {
  ea?: FontRef;
  ascii?: FontRef;
  hAnsi?: FontRef;
  hint?: string;
  /** w:lang/@w:eastAsia: picks the theme's script font when <a:ea> is empty */
  langEa?: string;
  sz?: number; // pt
  b?: boolean;
  color?: string;
  vanish?: boolean;
}

interface PProps {
  jc?: string;
  /** signed first-line indent in twips: firstLine, or -hanging */
  first?: number;
  /** signed first-line indent in characters: firstLineChars/100, or -hangingChars/100 */
  firstChars?: number;
  /** left (start) indent in twips and in characters (leftChars/100) */
  left?: number;
  leftChars?: number;
  /** w:snapToGrid (on unless switched off) */
  snap?: boolean;
  line?: number;
  lineRule?: string;
  before?: number;
  after?: number;
  beforeLines?: number;
  afterLines?: number;
  beforeAuto?: boolean;
  afterAuto?: boolean;
  numId?: string;
  ilvl?: number;
}

function fontRef(el: XEl, attr: string, themeAttr: string): FontRef | undefined {
  const font = wAttr(el, attr);
  const theme = wAttr(el, themeAttr);
  if (font == null && theme == null) return undefined;
  const r: FontRef = {};
  if (font != null) r.font = font;
  if (theme != null) r.theme = theme;
  return r;
}

function parseRPr(rPr: XNode | null): RProps {
  const p: RProps = {};
  if (!rPr) return p;
  for (let c = rPr.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== ELEMENT || !isWns(c.namespaceURI)) continue;
    const el = c as XEl;
    switch (c.localName) {
      case 'rFonts': {
        const ea = fontRef(el, 'eastAsia', 'eastAsiaTheme');
        const ascii = fontRef(el, 'ascii', 'asciiTheme');
        const hAnsi = fontRef(el, 'hAnsi', 'hAnsiTheme');
        const hint = wAttr(el, 'hint');
        if (ea) p.ea = ea;
        if (ascii) p.ascii = ascii;
        if (hAnsi) p.hAnsi = hAnsi;
        if (hint != null) p.hint = hint;
        break;
      }
      case 'sz': {
        const v = intAttr(el, 'val');
        if (v !== undefined) p.sz = v / 2;
        break;
      }
      case 'b':
        p.b = onOff(el);
        break;
      case 'color': {
        const v = wVal(el);
        if (v) p.color = v === 'auto' ? 'auto' : v.toUpperCase();
        break;
      }
      case 'vanish':
        p.vanish = onOff(el);
        break;
      case 'lang': {
        const v = wAttr(el, 'eastAsia');
        if (v) p.langEa = v;
        break;
      }
    }
  }
  return p;
}

function parsePPr(pPr: XNode | null): PProps {
  const p: PProps = {};
  if (!pPr) return p;
  for (let c = pPr.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== ELEMENT || !isWns(c.namespaceURI)) continue;
    const el = c as XEl;
    switch (c.localName) {
      case 'jc': {
        const v = wVal(el);
        if (v) p.jc = v;
        break;
      }
      case 'ind': {
        // hanging wins over firstLine when both are written (ECMA-376 17.3.1.12)
        const hanging = intAttr(el, 'hanging');
        const firstLine = intAttr(el, 'firstLine');
        if (hanging !== undefined) p.first = -hanging;
        else if (firstLine !== undefined) p.first = firstLine;
        const hangingChars = intAttr(el, 'hangingChars');
        const firstLineChars = intAttr(el, 'firstLineChars');
        if (hangingChars !== undefined) p.firstChars = -hangingChars / 100;
        else if (firstLineChars !== undefined) p.firstChars = firstLineChars / 100;
        const left = intAttr(el, 'left') ?? intAttr(el, 'start');
        if (left !== undefined) p.left = left;
        const leftChars = intAttr(el, 'leftChars') ?? intAttr(el, 'startChars');
        if (leftChars !== undefined) p.leftChars = leftChars / 100;
        break;
      }
      case 'snapToGrid':
        p.snap = onOff(el);
        break;
      case 'spacing': {
        const line = intAttr(el, 'line');
        if (line !== undefined) {
          p.line = line;
          p.lineRule = wAttr(el, 'lineRule') ?? 'auto';
        } else {
          const rule = wAttr(el, 'lineRule');
          if (rule) p.lineRule = rule;
        }
        const before = intAttr(el, 'before');
        if (before !== undefined) p.before = before;
        const after = intAttr(el, 'after');
        if (after !== undefined) p.after = after;
        const bl = intAttr(el, 'beforeLines');
        if (bl !== undefined) p.beforeLines = bl;
        const al = intAttr(el, 'afterLines');
        if (al !== undefined) p.afterLines = al;
        const ba = wAttr(el, 'beforeAutospacing');
        if (ba != null) p.beforeAuto = !(ba === '0' || ba === 'false' || ba === 'off');
        const aa = wAttr(el, 'afterAutospacing');
        if (aa != null) p.afterAuto = !(aa === '0' || aa === 'false' || aa === 'off');
        break;
      }
      case 'numPr': {
        const numId = wVal(wChild(el, 'numId'));
        if (numId != null) p.numId = numId;
        const ilvl = intAttr(wChild(el, 'ilvl'), 'val');
        if (ilvl !== undefined) p.ilvl = ilvl;
        break;
      }
    }
  }
  return p;
}

const mergeR = (a: RProps, b: RProps): RProps => ({ ...a, ...b });
const mergeP = (a: PProps, b: PProps): PProps => ({ ...a, ...b });

// ---------------------------------------------------------------------------------------------
// styles, theme, numbering

interface StyleDef {
  id: string;
  name: string | null;
  type: string;
  basedOn: string | null;
  isDefault: boolean;
  pPr: PProps;
  rPr: RProps;
}

interface ThemeFonts {
  latin: string | null;
  /** <a:ea typeface>, usually empty: then the <a:font script> for the text's language applies */
  ea: string | null;
  cs: string | null;
  scripts: Map<string, string>;
}

interface Theme {
  major: ThemeFonts;
  minor: ThemeFonts;
}

/** OOXML script code of the theme font list for an East-Asian language tag */
function scriptOfLang(lang: string | null | undefined): string | null {
  if (!lang) return null;
  const l = lang.toLowerCase();
  if (/^zh-(tw|hk|mo)|^zh-hant/.test(l)) return 'Hant';
  if (l.startsWith('zh')) return 'Hans';
  if (l.startsWith('ja')) return 'Jpan';
  if (l.startsWith('ko')) return 'Hang';
  return null;
}

interface Lvl {
  start: number;
  numFmt: string;
  lvlText: string | null;
  isLgl: boolean;
  restart?: number;
  pStyle?: string;
  pPr: PProps;
  rPr: RProps;
}

interface AbstractNum {
  id: string;
  levels: (Lvl | undefined)[];
  numStyleLink?: string;
}

interface NumDef {
  abstractId: string;
  overrides: Map<number, { start?: number; lvl?: Lvl }>;
}

function parseLvl(el: XEl): Lvl {
  const lvl: Lvl = {
    start: intAttr(wChild(el, 'start'), 'val') ?? 0,
    numFmt: wVal(wChild(el, 'numFmt')) ?? 'decimal',
    lvlText: wVal(wChild(el, 'lvlText')),
    isLgl: onOff(wChild(el, 'isLgl')) ?? false,
    pPr: parsePPr(wChild(el, 'pPr')),
    rPr: parseRPr(wChild(el, 'rPr')),
  };
  const restart = intAttr(wChild(el, 'lvlRestart'), 'val');
  if (restart !== undefined) lvl.restart = restart;
  const pStyle = wVal(wChild(el, 'pStyle'));
  if (pStyle) lvl.pStyle = pStyle;
  // mc:AlternateContent around numFmt (Word writes e.g. a Choice with w14 formats and a Fallback)
  if (!wChild(el, 'numFmt')) {
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (isMC(c, 'AlternateContent')) {
        const br = alternateBranch(c);
        const f = wVal(wChild(br, 'numFmt'));
        if (f) lvl.numFmt = f;
      }
    }
  }
  return lvl;
}

/** What styles.xml defines: document defaults and styles (with their merged basedOn chains, filled as asked). */
interface StyleSheet {
  styles: Map<string, StyleDef>;
  defaultParaStyle: string | null;
  defaultTableStyle: string | null;
  defaults: { pPr: PProps; rPr: RProps };
  chains: Map<string, { pPr: PProps; rPr: RProps }>;
}

/** What numbering.xml defines. */
interface Numbering {
  abstractNums: Map<string, AbstractNum>;
  nums: Map<string, NumDef>;
}

/** What the reader needs of settings.xml. */
interface Settings {
  evenAndOdd: boolean;
  /** script of the theme font list used for East-Asian text: themeFontLang, else Simplified Chinese */
  eaScript: string;
}

function readStyles(root: XEl | null): StyleSheet {
  const sheet: StyleSheet = { styles: new Map(), defaultParaStyle: null, defaultTableStyle: null, defaults: { pPr: {}, rPr: {} }, chains: new Map() };
  if (!root) return sheet;
  const dd = wChild(root, 'docDefaults');
  if (dd) {
    sheet.defaults = {
      pPr: parsePPr(wChild(wChild(dd, 'pPrDefault'), 'pPr')),
      rPr: parseRPr(wChild(wChild(dd, 'rPrDefault'), 'rPr')),
    };
  }
  for (const s of wChildren(root, 'style')) {
    const id = wAttr(s, 'styleId');
    if (id == null) continue;
    const type = wAttr(s, 'type') ?? 'paragraph';
    const def = wAttr(s, 'default');
    const st: StyleDef = {
      id,
      type,
      name: wVal(wChild(s, 'name')),
      basedOn: wVal(wChild(s, 'basedOn')),
      isDefault: def != null && !(def === '0' || def === 'false' || def === 'off'),
      pPr: parsePPr(wChild(s, 'pPr')),
      rPr: parseRPr(wChild(s, 'rPr')),
    };
    if (!sheet.styles.has(id)) sheet.styles.set(id, st);
    if (st.isDefault && type === 'paragraph' && !sheet.defaultParaStyle) sheet.defaultParaStyle = id;
    if (st.isDefault && type === 'table' && !sheet.defaultTableStyle) sheet.defaultTableStyle = id;
  }
  return sheet;
}

function readTheme(root: XEl | null): Theme | null {
  if (!root) return null;
  const byLocal = (el: XNode | null, local: string): XEl | null => {
    if (!el) return null;
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === ELEMENT && c.localName === local && (c.namespaceURI === NS_A || c.namespaceURI === NS_A_STRICT)) return c as XEl;
    }
    return null;
  };
  const scheme = byLocal(byLocal(root, 'themeElements'), 'fontScheme');
  if (!scheme) return null;
  const read = (f: XEl | null): ThemeFonts => {
    const tf = (el: XEl | null): string | null => {
      const v = el?.getAttribute('typeface');
      return v ? v : null;
    };
    const scripts = new Map<string, string>();
    for (let c = f?.firstChild ?? null; c; c = c.nextSibling) {
      if (c.nodeType === ELEMENT && c.localName === 'font') {
        const script = (c as XEl).getAttribute('script');
        const face = tf(c as XEl);
        if (script && face) scripts.set(script, face);
      }
    }
    return { latin: tf(byLocal(f, 'latin')), ea: tf(byLocal(f, 'ea')), cs: tf(byLocal(f, 'cs')), scripts };
  };
  return { major: read(byLocal(scheme, 'majorFont')), minor: read(byLocal(scheme, 'minorFont')) };
}

function readSettings(root: XEl | null): Settings {
  return {
    evenAndOdd: onOff(wChild(root, 'evenAndOddHeaders')) ?? false,
    eaScript: scriptOfLang(wAttr(wChild(root, 'themeFontLang'), 'eastAsia')) ?? 'Hans',
  };
}

function readNumbering(root: XEl | null): Numbering {
  const out: Numbering = { abstractNums: new Map(), nums: new Map() };
  if (!root) return out;
  for (const a of wChildren(root, 'abstractNum')) {
    const id = wAttr(a, 'abstractNumId');
    if (id == null) continue;
    const an: AbstractNum = { id, levels: [] };
    for (const l of wChildren(a, 'lvl')) {
      const ilvl = intAttr(l, 'ilvl') ?? 0;
      if (ilvl >= 0 && ilvl < 9) an.levels[ilvl] = parseLvl(l);
    }
    const link = wVal(wChild(a, 'numStyleLink'));
    if (link) an.numStyleLink = link;
    out.abstractNums.set(id, an);
  }
  for (const n of wChildren(root, 'num')) {
    const id = wAttr(n, 'numId');
    const abs = wVal(wChild(n, 'abstractNumId'));
    if (id == null || abs == null) continue;
    const overrides = new Map<number, { start?: number; lvl?: Lvl }>();
    for (const o of wChildren(n, 'lvlOverride')) {
      const ilvl = intAttr(o, 'ilvl') ?? 0;
      const ov: { start?: number; lvl?: Lvl } = {};
      const so = intAttr(wChild(o, 'startOverride'), 'val');
      if (so !== undefined) ov.start = so;
      const l = wChild(o, 'lvl');
      if (l) ov.lvl = parseLvl(l);
      overrides.set(ilvl, ov);
    }
    out.nums.set(id, { abstractId: abs, overrides });
  }
  return out;
}

/** A draft's template, read only (several drafts may share its parts): styles, theme, numbering and settings. */
class Model {
  readonly styles: Map<string, StyleDef>;
  readonly defaultParaStyle: string | null;
  readonly defaultTableStyle: string | null;
  readonly defaults: { pPr: PProps; rPr: RProps };
  readonly abstractNums: Map<string, AbstractNum>;
  readonly nums: Map<string, NumDef>;
  readonly evenAndOdd: boolean;
  readonly eaScript: string;
  private readonly chains: StyleSheet['chains'];

  constructor(sheet: StyleSheet, readonly theme: Theme | null, numbering: Numbering, settings: Settings) {
    ({ styles: this.styles, defaultParaStyle: this.defaultParaStyle, defaultTableStyle: this.defaultTableStyle, defaults: this.defaults, chains: this.chains } = sheet);
    ({ abstractNums: this.abstractNums, nums: this.nums } = numbering);
    ({ evenAndOdd: this.evenAndOdd, eaScript: this.eaScript } = settings);
  }

  /** merged pPr/rPr of a style and its basedOn chain (cached in the style sheet, cycle-safe) */
  chain(id: string | null | undefined): { pPr: PProps; rPr: RProps } {
    if (!id) return { pPr: {}, rPr: {} };
    const hit = this.chains.get(id);
    if (hit) return hit;
    const list: StyleDef[] = [];
    const seen = new Set<string>();
    for (let cur = this.styles.get(id); cur && !seen.has(cur.id) && list.length < 32; cur = cur.basedOn ? this.styles.get(cur.basedOn) : undefined) {
      seen.add(cur.id);
      list.push(cur);
    }
    let pPr: PProps = {};
    let rPr: RProps = {};
    for (let i = list.length - 1; i >= 0; i--) {
      pPr = mergeP(pPr, list[i].pPr);
      rPr = mergeR(rPr, list[i].rPr);
    }
    const r = { pPr, rPr };
    this.chains.set(id, r);
    return r;
  }

  /** num → abstractNum, following numStyleLink once */
  resolveNum(numId: string): { num: NumDef; abs: AbstractNum } | null {
    const num = this.nums.get(numId);
    if (!num) return null;
    let abs = this.abstractNums.get(num.abstractId);
    for (let hops = 0; abs?.numStyleLink && hops < 3; hops++) {
      const st = this.styles.get(abs.numStyleLink);
      const linkedNum = st?.pPr.numId ? this.nums.get(st.pPr.numId) : undefined;
      const linked = linkedNum ? this.abstractNums.get(linkedNum.abstractId) : undefined;
      if (!linked || linked === abs) break;
      abs = linked;
    }
    return abs ? { num, abs } : null;
  }

  themeFont(theme: string, langEa?: string): string | null {
    const t = this.theme;
    if (!t) return null;
    const part = theme.startsWith('major') ? t.major : t.minor;
    if (theme.endsWith('EastAsia')) return part.ea ?? part.scripts.get(scriptOfLang(langEa) ?? this.eaScript) ?? null;
    if (theme.endsWith('Bidi')) return part.cs;
    return part.latin; // minorHAnsi, minorAscii, majorHAnsi, majorAscii
  }

  font(ref: FontRef | undefined, langEa?: string): string | null {
    if (!ref) return null;
    if (ref.theme) {
      const f = this.themeFont(ref.theme, langEa);
      if (f) return f;
    }
    return ref.font ?? null;
  }
}

// ---------------------------------------------------------------------------------------------
// number formatting

const CN_DIGITS = '〇一二三四五六七八九';
const CN_LEGAL_S = '零壹贰叁肆伍陆柒捌玖';
const CN_LEGAL_T = '零壹貳參肆伍陸柒捌玖';

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五, 12345 → 一万二千三百四十五 (legal: 10 → 壹拾) */
function cnCount(n: number, digits: string, units: [string, string, string], wan: string, legal = false): string {
  if (n === 0) return digits[0];
  const ling = '零';
  const four = (v: number, leadingTen: boolean): string => {
    let s = '';
    let zero = false;
    const parts = [Math.floor(v / 1000), Math.floor(v / 100) % 10, Math.floor(v / 10) % 10, v % 10];
    const unit = [units[2], units[1], units[0], ''];
    for (let i = 0; i < 4; i++) {
      const d = parts[i];
      if (d === 0) {
        if (s) zero = true;
        continue;
      }
      if (zero) (s += ling), (zero = false);
      if (i === 2 && d === 1 && !s && leadingTen) s += unit[i];
      else s += digits[d] + unit[i];
    }
    return s;
  };
  if (n < 10000) return four(n, !legal);
  if (n < 100_000_000) {
    const hi = Math.floor(n / 10000);
    const lo = n % 10000;
    let s = four(hi, !legal) + wan;
    if (lo) s += (lo < 1000 ? ling : '') + four(lo, false);
    return s;
  }
  return String(n);
}

function cnDigitWise(n: number): string {
  return String(n).replace(/\d/g, (d) => CN_DIGITS[+d]);
}

function letters(n: number, upper: boolean): string {
  if (n <= 0) return String(n);
  const ch = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number, upper: boolean): string {
  if (n <= 0 || n >= 4000) return String(n);
  const t: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let s = '';
  for (const [v, r] of t) while (n >= v) (s += r), (n -= v);
  return upper ? s : s.toLowerCase();
}

const enclosed = (n: number, base: number, max: number): string => (n >= 1 && n <= max ? String.fromCodePoint(base + n - 1) : String(n));

/** Render one number in a w:numFmt, as Word's numbering does. */
export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'decimal':
    case 'decimalHalfWidth':
      return String(n);
    case 'decimalZero':
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + +d));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return enclosed(n, 0x2460, 20);
    case 'decimalEnclosedFullstop':
      return enclosed(n, 0x2488, 20);
    case 'decimalEnclosedParen':
      return enclosed(n, 0x2474, 20);
    case 'upperLetter':
      return letters(n, true);
    case 'lowerLetter':
      return letters(n, false);
    case 'upperRoman':
      return roman(n, true);
    case 'lowerRoman':
      return roman(n, false);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return cnCount(n, CN_DIGITS, ['十', '百', '千'], '万');
    case 'chineseLegalSimplified':
      return cnCount(n, CN_LEGAL_S, ['拾', '佰', '仟'], '万', true);
    case 'ideographLegalTraditional':
      return cnCount(n, CN_LEGAL_T, ['拾', '佰', '仟'], '萬', true);
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'japaneseDigitalTenThousand':
      return cnDigitWise(n);
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? '甲乙丙丁戊己庚辛壬癸'[n - 1] : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? '子丑寅卯辰巳午未申酉戌亥'[n - 1] : String(n);
    case 'ordinal': {
      const s = ['th', 'st', 'nd', 'rd'];
      const v = n % 100;
      return n + (s[(v - 20) % 10] || s[v] || s[0]);
    }
    case 'hex':
      return n.toString(16).toUpperCase();
    case 'none':
      return '';
    default:
      // cardinalText, ordinalText, Hebrew/Arabic/Thai/Korean… formats: Word's own fallback is decimal
      return String(n);
  }
}

// ---------------------------------------------------------------------------------------------
// numbering counters

class Counters {
  private state = new Map<string, (number | undefined)[]>();
  private started = new Set<string>();

  constructor(private m: Model) {}

  private level(r: { num: NumDef; abs: AbstractNum }, ilvl: number): { lvl: Lvl; start: number } | null {
    const ov = r.num.overrides.get(ilvl);
    const lvl = ov?.lvl ?? r.abs.levels[ilvl];
    if (!lvl) return null;
    return { lvl, start: ov?.start ?? lvl.start };
  }

  /** advance the counters for a numbered paragraph; returns the label (undefined for bullets/none) */
  next(numId: string, ilvl: number): { label?: string; lvl: Lvl } | null {
    const r = this.m.resolveNum(numId);
    if (!r) return null;
    const cur = this.level(r, ilvl);
    if (!cur) return null;
    let vals = this.state.get(r.abs.id);
    if (!vals) this.state.set(r.abs.id, (vals = []));
    if (!this.started.has(numId)) {
      this.started.add(numId);
      for (const [k, ov] of r.num.overrides) if (ov.start !== undefined || ov.lvl) vals[k] = undefined;
    }
    const v = vals[ilvl];
    vals[ilvl] = v === undefined ? cur.start : v + 1;
    for (let k = ilvl + 1; k < 9; k++) {
      const restart = this.level(r, k)?.lvl.restart;
      if (restart === 0) continue;
      if (ilvl < (restart ?? k)) vals[k] = undefined;
    }
    const { lvl } = cur;
    if (lvl.numFmt === 'bullet' || lvl.lvlText == null || lvl.lvlText === '') return { lvl };
    const label = lvl.lvlText.replace(/%([1-9])/g, (_, d: string) => {
      const k = +d - 1;
      const other = this.level(r, k);
      const val = vals![k] ?? other?.start ?? 0;
      // isLgl (legal numbering): every number in this level's text is decimal (ECMA-376 17.9.4)
      const fmt = lvl.isLgl ? 'decimal' : k === ilvl ? lvl.numFmt : other?.lvl.numFmt ?? 'decimal';
      return formatNumber(val, fmt);
    });
    return label ? { label, lvl } : { lvl };
  }
}

// ---------------------------------------------------------------------------------------------
// reading stories

type Where = DocxParagraph['where'];

interface Field {
  result: boolean;
  instr: string;
  recorded: boolean;
}

interface Story {
  counters: Counters;
  /** when set, one DocxParagraphTrace per paragraph pushed to `out` (annotation needs the XML behind the text) */
  trace?: DocxParagraphTrace[];
  /** while reading a text box: the body run that anchors it */
  hostRun?: XEl;
  fields: Field[];
  /** number of open fields still in their instruction part */
  inInstr: number;
  instrs: string[];
  out: DocxParagraph[];
  section: () => number;
  /** called when a paragraph carries a w:sectPr (body only) */
  onSectPr?: (sectPr: XEl) => void;
}

interface Builder {
  text: string;
  runs: RunFacts[];
  textboxes: XNode[];
  /** with tracing: the run holding each text box in `textboxes` */
  textboxRuns?: XEl[];
  /** with tracing: where each character of `text` comes from */
  segments?: DocxTraceSegment[];
  /** end of the numbering label: the label stays a run of its own */
  labelEnd: number;
}

const TWIPS_PER_PT = 20;

function sameFacts(a: RunFacts, b: RunFacts): boolean {
  return (
    a.eastAsiaFont === b.eastAsiaFont &&
    a.latinFont === b.latinFont &&
    a.sizePt === b.sizePt &&
    a.bold === b.bold &&
    a.color === b.color
  );
}

class Reader {
  constructor(private m: Model) {}

  runFacts(r: RProps, start: number, end: number): RunFacts {
    const m = this.m;
    let ea = m.font(r.ea, r.langEa);
    if (ea == null && r.hint === 'eastAsia') ea = m.font(r.ascii) ?? m.font(r.hAnsi);
    return {
      start,
      end,
      eastAsiaFont: ea,
      latinFont: m.font(r.ascii) ?? m.font(r.hAnsi),
      sizePt: r.sz ?? null,
      bold: r.b ?? false,
      color: r.color ?? 'auto',
    };
  }

  private pushRun(b: Builder, text: string, r: RProps): void {
    if (!text) return;
    const start = b.text.length;
    b.text += text;
    const f = this.runFacts(r, start, b.text.length);
    const last = b.runs[b.runs.length - 1];
    if (last && last.end === start && start !== b.labelEnd && sameFacts(last, f)) last.end = f.end;
    else b.runs.push(f);
  }

  /** collect w:txbxContent below drawings/VML, taking only mc:Choice of AlternateContent */
  private findTextboxes(n: XNode, b: Builder, run: XEl, depth = 0): void {
    if (depth > 40) return;
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== ELEMENT) continue;
      if (isW(c, 'txbxContent')) {
        b.textboxes.push(c);
        b.textboxRuns?.push(run);
      } else if (isMC(c, 'AlternateContent')) {
        const br = alternateBranch(c);
        if (br) this.findTextboxes(br, b, run, depth + 1);
      } else this.findTextboxes(c, b, run, depth + 1);
    }
  }

  private closeField(st: Story): void {
    const f = st.fields.pop();
    if (!f) return;
    if (!f.result) st.inInstr--;
    if (!f.recorded) st.instrs.push(f.instr);
  }

  private run(r: XEl, b: Builder, base: RProps, st: Story): void {
    const m = this.m;
    const rPrEl = wChild(r, 'rPr');
    let props = base;
    if (rPrEl) {
      const rStyle = wVal(wChild(rPrEl, 'rStyle'));
      if (rStyle) props = mergeR(props, m.chain(rStyle).rPr);
      props = mergeR(props, parseRPr(rPrEl));
    }
    const hidden = props.vanish === true;
    let s = '';
    // with tracing: [offset in s, element] for every piece of text this run shows
    const pieces: Array<[number, XEl]> | null = b.segments ? [] : null;
    for (let c = r.firstChild; c; c = c.nextSibling) {
      if (pieces && c.nodeType === ELEMENT) pieces.push([s.length, c as XEl]);
      if (c.nodeType !== ELEMENT) continue;
      if (isMC(c, 'AlternateContent')) {
        const br = alternateBranch(c);
        if (br) this.findTextboxes(br, b, r);
        continue;
      }
      if (!isWns(c.namespaceURI)) continue;
      const visible = !hidden && st.inInstr === 0;
      switch (c.localName) {
        case 't':
          if (visible) s += c.textContent ?? '';
          break;
        case 'tab':
        case 'ptab':
          if (visible) s += '\t';
          break;
        case 'br': {
          const type = wAttr(c as XEl, 'type');
          if (visible && type !== 'page' && type !== 'column') s += ' ';
          break;
        }
        case 'cr':
          if (visible) s += ' ';
          break;
        case 'noBreakHyphen':
          if (visible) s += '-';
          break;
        case 'sym': {
          const code = Number.parseInt(wAttr(c as XEl, 'char') ?? '', 16);
          // symbol-font glyphs live in the private use area (F0xx): no meaningful character
          if (visible && Number.isFinite(code) && code > 0 && !(code >= 0xe000 && code <= 0xf8ff)) s += String.fromCodePoint(code);
          break;
        }
        case 'fldChar': {
          const type = wAttr(c as XEl, 'fldCharType');
          if (type === 'begin') {
            st.fields.push({ result: false, instr: '', recorded: false });
            st.inInstr++;
          } else if (type === 'separate') {
            const f = st.fields[st.fields.length - 1];
            if (f && !f.result) {
              f.result = true;
              st.inInstr--;
              st.instrs.push(f.instr);
              f.recorded = true;
            }
          } else if (type === 'end') {
            this.closeField(st);
          }
          break;
        }
        case 'instrText': {
          const f = st.fields[st.fields.length - 1];
          if (f && !f.result) f.instr += c.textContent ?? '';
          break;
        }
        case 'drawing':
        case 'pict':
        case 'object':
          this.findTextboxes(c, b, r);
          break;
        // delText, footnoteReference, endnoteReference, commentReference, annotationRef,
        // lastRenderedPageBreak, softHyphen, separator …: nothing shown in the text
      }
    }
    if (pieces && s) {
      const at = b.text.length;
      for (let i = 0; i < pieces.length; i++) {
        const [from, node] = pieces[i];
        const to = i + 1 < pieces.length ? pieces[i + 1][0] : s.length;
        if (to > from) b.segments!.push({ start: at + from, end: at + to, run: r as unknown as XmlElement, node: node as unknown as XmlElement });
      }
    }
    this.pushRun(b, s, props);
  }

  private inline(el: XNode, b: Builder, base: RProps, st: Story, depth = 0): void {
    if (depth > 40) return;
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== ELEMENT) continue;
      if (isMC(c, 'AlternateContent')) {
        const br = alternateBranch(c);
        if (br) this.inline(br, b, base, st, depth + 1);
        continue;
      }
      if (!isWns(c.namespaceURI)) continue;
      switch (c.localName) {
        case 'r':
          this.run(c as XEl, b, base, st);
          break;
        case 'ins':
        case 'hyperlink':
        case 'smartTag':
        case 'customXml':
        case 'dir':
        case 'bdo':
        case 'moveTo':
        case 'sdtContent':
          this.inline(c, b, base, st, depth + 1);
          break;
        case 'sdt': {
          const content = wChild(c, 'sdtContent');
          if (content) this.inline(content, b, base, st, depth + 1);
          break;
        }
        case 'fldSimple': {
          const instr = wAttr(c as XEl, 'instr');
          if (instr != null) st.instrs.push(instr);
          this.inline(c, b, base, st, depth + 1);
          break;
        }
        case 'ruby': {
          const rb = wChild(c, 'rubyBase');
          if (rb) this.inline(rb, b, base, st, depth + 1);
          break;
        }
        // del, moveFrom (tracked deletions), pPr, bookmarks, proofErr, permStart, oMath …: skipped
      }
    }
  }

  paragraph(p: XEl, where: Where, tblStyle: string | null, st: Story): void {
    const m = this.m;
    const pPrEl = wChild(p, 'pPr');
    const direct = parsePPr(pPrEl);
    let styleId = wVal(wChild(pPrEl, 'pStyle'));
    if (!styleId || !m.styles.has(styleId)) styleId = m.defaultParaStyle;
    const style = m.chain(styleId);
    const tbl = tblStyle ? m.chain(tblStyle) : null;

    // numbering: numId/ilvl from the style chain, overridden per field by direct numPr
    const numId = direct.numId ?? style.pPr.numId;
    let ilvl = direct.ilvl ?? style.pPr.ilvl;
    const numFromStyle = direct.numId === undefined;
    let label: string | undefined;
    let lvl: Lvl | undefined;
    if (numId && numId !== '0') {
      if (ilvl === undefined) {
        ilvl = 0;
        const r = m.resolveNum(numId);
        const found = r?.abs.levels.findIndex((l) => l?.pStyle && l.pStyle === styleId);
        if (found !== undefined && found >= 0) ilvl = found;
      }
      const res = st.counters.next(numId, ilvl);
      if (res) {
        lvl = res.lvl;
        label = res.label;
      }
    }

    // effective paragraph properties
    let pp: PProps = m.defaults.pPr;
    if (tbl) pp = mergeP(pp, tbl.pPr);
    if (lvl && numFromStyle) pp = mergeP(pp, lvl.pPr);
    pp = mergeP(pp, style.pPr);
    if (lvl && !numFromStyle) pp = mergeP(pp, lvl.pPr);
    pp = mergeP(pp, direct);

    let base: RProps = m.defaults.rPr;
    if (tbl) base = mergeR(base, tbl.rPr);
    base = mergeR(base, style.rPr);

    const b: Builder = { text: '', runs: [], textboxes: [], labelEnd: -1, ...(st.trace ? { segments: [], textboxRuns: [] } : {}) };
    if (label) {
      const markRPr = parseRPr(wChild(pPrEl, 'rPr'));
      this.pushRun(b, label, mergeR(mergeR(base, markRPr), lvl!.rPr));
      b.labelEnd = label.length;
    }
    this.inline(p, b, base, st);
    // a field still in its instruction part at the end of a paragraph is malformed (instructions
    // do not span paragraphs): close it so it cannot hide the rest of the document
    while (st.inInstr > 0 && st.fields.length) this.closeField(st);

    const facts: ParagraphFacts = {
      styleId: styleId ?? null,
      styleName: (styleId && m.styles.get(styleId)?.name) || null,
      ...paragraphFacts(pp),
      runs: b.runs,
      section: st.section(),
    };
    const para: DocxParagraph = { text: b.text, where, facts };
    if (label) para.autoLabel = label;
    if (lvl && ilvl !== undefined) {
      para.numLevel = ilvl;
      para.numFormat = lvl.numFmt;
    }
    st.out.push(para);
    if (st.trace) {
      st.trace.push({
        p: p as unknown as XmlElement,
        labelLength: label ? label.length : 0,
        segments: b.segments!,
        ...(st.hostRun ? { hostRun: st.hostRun as unknown as XmlElement } : {}),
      });
    }

    const sectPr = wChild(pPrEl, 'sectPr');
    if (sectPr && st.onSectPr) st.onSectPr(sectPr);

    // text boxes anchored in this paragraph follow it, with their own field state
    for (const [i, tb] of b.textboxes.entries()) {
      const saved = { fields: st.fields, inInstr: st.inInstr, onSectPr: st.onSectPr, hostRun: st.hostRun };
      st.fields = [];
      st.inInstr = 0;
      st.onSectPr = undefined;
      // nested text boxes keep the outermost anchor run (the one in a body or table paragraph)
      if (st.trace && !st.hostRun) st.hostRun = b.textboxRuns![i];
      this.block(tb, where === 'header' || where === 'footer' ? where : 'textbox', null, st);
      Object.assign(st, saved);
    }
  }

  /** block-level content: paragraphs, tables, sdt, customXml, AlternateContent */
  block(el: XNode, where: Where, tblStyle: string | null, st: Story, depth = 0): void {
    if (depth > 60) return;
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== ELEMENT) continue;
      if (isMC(c, 'AlternateContent')) {
        const br = alternateBranch(c);
        if (br) this.block(br, where, tblStyle, st, depth + 1);
        continue;
      }
      if (!isWns(c.namespaceURI)) continue;
      switch (c.localName) {
        case 'p':
          this.paragraph(c as XEl, where, tblStyle, st);
          break;
        case 'tbl': {
          const ts = wVal(wChild(wChild(c, 'tblPr'), 'tblStyle'));
          const style = ts && this.m.styles.has(ts) ? ts : this.m.defaultTableStyle;
          this.block(c, where === 'body' ? 'table' : where, style, st, depth + 1);
          break;
        }
        case 'tr':
        case 'tc':
        case 'sdtContent':
        case 'customXml':
        case 'ins':
        case 'moveTo':
          this.block(c, where, tblStyle, st, depth + 1);
          break;
        case 'sdt': {
          const content = wChild(c, 'sdtContent');
          if (content) this.block(content, where, tblStyle, st, depth + 1);
          break;
        }
        case 'sectPr':
          if (st.onSectPr && depth === 0) st.onSectPr(c as XEl);
          break;
      }
    }
  }
}

function paragraphFacts(pp: PProps): Omit<ParagraphFacts, 'runs' | 'section' | 'styleId' | 'styleName'> {
  let align: string = pp.jc ?? 'left';
  if (align === 'start') align = 'left';
  else if (align === 'end') align = 'right';

  // characters win over twips when non-zero (Word's own rule)
  const charsGovern = pp.firstChars !== undefined && pp.firstChars !== 0;
  const firstLineChars = charsGovern ? pp.firstChars! : null;
  const firstLineTwips = pp.first !== undefined ? pp.first : charsGovern ? null : 0;

  let lineRule: 'exact' | 'atLeast' | 'auto' | null;
  let lineSpacingPt: number | null = null;
  let lineMultiple: number | null = null;
  const rule = pp.lineRule ?? 'auto';
  if (rule === 'exact' || rule === 'atLeast') {
    lineRule = rule;
    lineSpacingPt = pp.line !== undefined ? pp.line / TWIPS_PER_PT : null;
  } else if (rule === 'auto') {
    lineRule = 'auto';
    lineMultiple = pp.line !== undefined ? pp.line / 240 : 1;
  } else {
    lineRule = null;
  }

  const space = (tw: number | undefined, lines: number | undefined, auto: boolean | undefined): number | null => {
    if (auto) return null; // HTML-style automatic spacing
    if (lines !== undefined && lines !== 0) return null; // in grid lines: depends on the document grid
    return (tw ?? 0) / TWIPS_PER_PT;
  };

  const leftCharsGovern = pp.leftChars !== undefined && pp.leftChars !== 0;

  return {
    align,
    firstLineChars,
    firstLineTwips,
    leftIndentChars: leftCharsGovern ? pp.leftChars! : null,
    leftIndentTwips: pp.left !== undefined ? pp.left : leftCharsGovern ? null : 0,
    snapToGrid: pp.snap ?? true,
    lineSpacingPt,
    lineRule,
    lineMultiple,
    spaceBeforePt: space(pp.before, pp.beforeLines, pp.beforeAuto),
    spaceAfterPt: space(pp.after, pp.afterLines, pp.afterAuto),
  };
}

// ---------------------------------------------------------------------------------------------
// sections, headers, footers

const twipsToMm = (tw: number | undefined, abs = false): number | null => {
  if (tw === undefined) return null;
  const v = abs ? Math.abs(tw) : tw;
  return Math.round((v / 1440) * 25.4 * 10) / 10;
};

type HfType = 'default' | 'first' | 'even';

interface SectInfo {
  el: XEl | null;
  headers: Partial<Record<HfType, string>>;
  footers: Partial<Record<HfType, string>>;
}

function readRels(root: XEl | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!root) return out;
  for (let c = root.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== ELEMENT || c.localName !== 'Relationship') continue;
    const el = c as XEl;
    const id = el.getAttribute('Id');
    const target = el.getAttribute('Target');
    if (!id || !target || el.getAttribute('TargetMode') === 'External') continue;
    out.set(id, normalisePartName(target));
  }
  return out;
}

function normalisePartName(target: string): string {
  let path = target.startsWith('/') ? target.slice(1) : `word/${target}`;
  const segs: string[] = [];
  for (const s of path.split('/')) {
    if (s === '..') segs.pop();
    else if (s && s !== '.') segs.push(s);
  }
  path = segs.join('/');
  return path.toLowerCase();
}

interface HfStory {
  paragraphs: DocxParagraph[];
  text: string;
  hasPage: boolean;
}

const PAGE_FIELD = /(^|[^A-Za-z])PAGE([^A-Za-z]|$)/i;

// ---------------------------------------------------------------------------------------------

/**
 * Read a .docx: body paragraphs in document order (tables and text boxes included, each tagged
 * with `where`), then header/footer paragraphs, and the facts of every section.
 * @throws InputError (see openDocxParts) for anything that is not a readable .docx
 */
export function readDocx(bytes: Uint8Array, limits?: Partial<ReadDocxLimits>): DocxContent {
  return readDocxParts(openDocxParts(bytes, limits), limits).content;
}

/** What was read of each template part lately, most recent first, with the exact bytes it was read from. */
const recentTemplateParts = new Map<string, Array<{ bytes: Uint8Array; maxTags: number; parser: XmlParser; value: unknown }>>();
/** a template part worth keeping: a real styles.xml is tens of KB, rarely a few hundred */
const TEMPLATE_PART_KEPT = 1024 * 1024;

/**
 * One template part of a draft (styles, theme, numbering, settings), read, or taken from a recent
 * draft whose part was byte for byte the same under the same limit and parser. The drafts of a
 * batch mostly share their unit's template (its styles and numbering; the theme nearly every
 * Office document shares; settings.xml differs with every editing session), and reading those
 * parts cost more than reading the document itself. What is read of them is never changed after.
 */
function templatePart<T>(name: string, parts: Map<string, Uint8Array>, maxTags: number, parser: XmlParser, xml: (name: string) => XEl | null, read: (root: XEl | null) => T): T {
  const bytes = parts.get(name);
  if (!bytes) return read(null);
  const recent = recentTemplateParts.get(name) ?? [];
  recentTemplateParts.set(name, recent);
  const at = recent.findIndex((c) => c.maxTags === maxTags && c.parser === parser && sameBytes(c.bytes, bytes));
  if (at >= 0) {
    const [hit] = recent.splice(at, 1);
    recent.unshift(hit);
    return hit.value as T;
  }
  const value = read(xml(name));
  // (only parts of a plausible size are kept: four outsized ones would hold several times the memory one file may take)
  if (bytes.length <= TEMPLATE_PART_KEPT) {
    recent.unshift({ bytes, maxTags, parser, value });
    if (recent.length > 4) recent.pop();
  }
  return value;
}

/**
 * readDocx on parts already opened with openDocxParts (keys lower-cased). With `trace`, it also
 * returns the DOM of word/document.xml and, for every body-story paragraph, which elements its
 * characters come from — the annotator mutates that DOM, so offsets never drift from the reader's.
 */
export function readDocxParts(
  parts: Map<string, Uint8Array>,
  limits?: Partial<ReadDocxLimits>,
  opts: { trace?: boolean } = {},
): { content: DocxContent; trace?: DocxTrace } {
  const maxTags = limits?.maxXmlTags ?? defaultMaxXmlTags;
  // The trace hands word/document.xml to the annotator, which edits and re-serialises it: that
  // needs xmldom's real DOM. Without a trace (every plain check) the light tree is enough and
  // several times cheaper. One parser per call, so a traced read sees the same XML handling
  // throughout; test/docx/parsers.test.ts checks both give the same content.
  const parser: XmlParser = opts.trace ? 'dom' : 'light';
  const xml = (name: string, required = false): XEl | null => parseXml(name, parts.get(name), maxTags, required, parser);

  const docRoot = xml('word/document.xml', true)!;
  const body = wChild(docRoot, 'body');

  const part = <T>(name: string, read: (root: XEl | null) => T): T => templatePart(name, parts, maxTags, parser, xml, read);
  const m = new Model(part('word/styles.xml', readStyles), part('word/theme/theme1.xml', readTheme), part('word/numbering.xml', readNumbering), part('word/settings.xml', readSettings));
  const rels = readRels(xml('word/_rels/document.xml.rels'));
  const hasRels = parts.has('word/_rels/document.xml.rels');

  const reader = new Reader(m);

  // --- body
  const sectEls: XEl[] = [];
  const bodyStory: Story = {
    counters: new Counters(m),
    fields: [],
    inInstr: 0,
    instrs: [],
    out: [],
    section: () => sectEls.length,
    onSectPr: (el) => sectEls.push(el),
    ...(opts.trace ? { trace: [] } : {}),
  };
  if (body) reader.block(body, 'body', null, bodyStory);
  const paragraphs = bodyStory.out;

  // paragraphs after the last sectPr (a body without its final sectPr) still need a section
  const lastIndex = paragraphs.reduce((mx, p) => Math.max(mx, p.facts.section ?? 0), 0);
  const sectInfos: SectInfo[] = [];
  const sectCount = Math.max(sectEls.length, lastIndex + 1, 1);
  let prevH: SectInfo['headers'] = {};
  let prevF: SectInfo['footers'] = {};
  for (let i = 0; i < sectCount; i++) {
    const el = sectEls[i] ?? null;
    const headers: SectInfo['headers'] = { ...prevH };
    const footers: SectInfo['footers'] = { ...prevF };
    if (el) {
      for (let c = el.firstChild; c; c = c.nextSibling) {
        const isH = isW(c, 'headerReference');
        if (!isH && !isW(c, 'footerReference')) continue;
        const type = (wAttr(c as XEl, 'type') ?? 'default') as HfType;
        const id = rAttrId(c as XEl);
        const target = id ? rels.get(id) : undefined;
        if (type !== 'default' && type !== 'first' && type !== 'even') continue;
        (isH ? headers : footers)[type] = target ?? `?${id ?? ''}`;
      }
    }
    sectInfos.push({ el, headers, footers });
    prevH = headers;
    prevF = footers;
  }

  // --- headers and footers (each part read once)
  const hfCache = new Map<string, HfStory | null>();
  const readHf = (part: string, where: 'header' | 'footer', section: number): HfStory | null => {
    if (hfCache.has(part)) return hfCache.get(part)!;
    let story: HfStory | null = null;
    const root = part.startsWith('?') ? null : xml(part);
    if (root) {
      const st: Story = { counters: new Counters(m), fields: [], inInstr: 0, instrs: [], out: [], section: () => section };
      reader.block(root, where, null, st);
      const paras = st.out.filter((p) => p.text.trim() !== '');
      story = {
        paragraphs: paras,
        text: paras.map((p) => p.text.trim()).join('\n'),
        hasPage: st.instrs.some((s) => PAGE_FIELD.test(s)),
      };
    }
    hfCache.set(part, story);
    return story;
  };

  const hfParagraphs: DocxParagraph[] = [];
  const emitted = new Set<string>();
  const sections: SectionFacts[] = sectInfos.map((info, i) => {
    const el = info.el;
    const pgSz = wChild(el, 'pgSz');
    const pgMar = wChild(el, 'pgMar');
    const titlePg = onOff(wChild(el, 'titlePg')) ?? false;
    const applicable: HfType[] = ['default'];
    if (titlePg) applicable.push('first');
    if (m.evenAndOdd) applicable.push('even');

    const collect = (refs: SectInfo['headers'], where: 'header' | 'footer') => {
      const stories: (HfStory | null)[] = [];
      for (const t of applicable) {
        const part = refs[t];
        if (!part) continue;
        const s = readHf(part, where, i);
        stories.push(s);
        if (s && !emitted.has(part)) {
          emitted.add(part);
          hfParagraphs.push(...s.paragraphs);
        }
      }
      return stories;
    };
    const hs = collect(info.headers, 'header');
    const fs = collect(info.footers, 'footer');

    let footerHasPageNumber: boolean | null;
    if (fs.length === 0) footerHasPageNumber = false;
    else if (fs.some((s) => s?.hasPage)) footerHasPageNumber = true;
    else if (fs.some((s) => s === null) || !hasRels) footerHasPageNumber = null; // referenced part missing/unreadable
    else footerHasPageNumber = false;

    const summary = (ss: (HfStory | null)[]): string | undefined => {
      const texts = [...new Set(ss.filter((s): s is HfStory => !!s).map((s) => s.text))].filter((t) => t !== '');
      return ss.length ? texts.join('\n') : undefined;
    };

    const facts: SectionFacts = {
      pageWidthMm: twipsToMm(intAttr(pgSz, 'w')),
      pageHeightMm: twipsToMm(intAttr(pgSz, 'h')),
      marginTopMm: twipsToMm(intAttr(pgMar, 'top'), true),
      marginBottomMm: twipsToMm(intAttr(pgMar, 'bottom'), true),
      marginLeftMm: twipsToMm(intAttr(pgMar, 'left')),
      marginRightMm: twipsToMm(intAttr(pgMar, 'right')),
      footerHasPageNumber,
    };
    // a document grid with lines (Word's 文档网格 “指定行网格”): lines snap to its pitch
    const grid = wChild(el, 'docGrid');
    const gridType = wAttr(grid, 'type');
    const pitch = intAttr(grid, 'linePitch');
    if ((gridType === 'lines' || gridType === 'linesAndChars' || gridType === 'snapToChars') && pitch) facts.gridLinePitchPt = pitch / TWIPS_PER_PT;
    const ht = summary(hs);
    const ft = summary(fs);
    if (ht !== undefined) facts.headerText = ht;
    if (ft !== undefined) facts.footerText = ft;
    return facts;
  });

  const content: DocxContent = { paragraphs: [...paragraphs, ...hfParagraphs], sections };
  if (!opts.trace) return { content };
  const document = (docRoot as unknown as XmlElement).ownerDocument as XmlDocument;
  return { content, trace: { document, paragraphs: bodyStory.trace! } };
}
