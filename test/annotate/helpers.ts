/**
 * Helpers for the 批注版 tests: drafts generated with the `docx` package, and an independent
 * reading of an annotated document.xml (what lies between commentRangeStart and
 * commentRangeEnd, and the document with every comment mark stripped).
 */
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
  type ParagraphChild,
} from 'docx';
import { DOMParser, XMLSerializer, type Document as XDocument, type Element as XElement, type Node as XNode } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

const FANGSONG = { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const spacing = { line: 560, lineRule: LineRuleType.EXACT };
const body = (children: ParagraphChild[]) => new Paragraph({ spacing, indent: { firstLine: 640 }, children });
const run = (text: string, extra: Record<string, unknown> = {}) => new TextRun({ text, font: FANGSONG, size: 32, ...extra });
const heading = (level: number, text: string) =>
  new Paragraph({ numbering: { reference: 'cn', level }, spacing, indent: { firstLine: 640 }, children: [new TextRun({ text, font: { eastAsia: level ? '楷体_GB2312' : '黑体' }, size: 32 })] });

/**
 * A reply letter with what annotation must cope with: a finding split over runs with different
 * formatting (bold, colour, italic, underline), auto-numbered headings (labels in no run), a
 * table, a text box, a hyperlink, a tab, a header and a footer with a page number.
 */
export async function letterDocx(): Promise<Uint8Array> {
  const doc = new Document({
    numbering: {
      config: [{
        reference: 'cn',
        levels: [
          { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT },
          { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.LEFT },
        ],
      }],
    },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
      headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun('内部资料 截止目前')] })] }) },
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] })] }) },
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: [new TextRun({ text: '关于市政协五届二次会议第0123号提案的答复', font: { eastAsia: '方正小标宋简体', ascii: 'Times New Roman' }, size: 44 })] }),
        new Paragraph({ spacing, children: [run('张三委员：')] }),
        body([run('您提出的《关于加强三峡库区船舶污染防治的提案》（第0123号）收悉。现答复如下：')]),
        heading(0, '关于联合执法'),
        body([
          run('经研究，该事项'),
          run('不属于', { bold: true }),
          run('我委', { color: 'C00000', underline: {} }),
          run('职责', { italics: true }),
          run('，建议您向市教育局反映。'),
        ]),
        heading(1, '截止目前的进展'),
        body([run('截止目前，我委已开展联合检查3次。\t详见'), new ExternalHyperlink({ link: 'https://example.org', children: [run('通报')] }), run('。')]),
        new Table({
          rows: [
            new TableRow({ children: [new TableCell({ children: [new Paragraph({ children: [run('项目')] })] }), new TableCell({ children: [new Paragraph({ children: [run('进展')] })] })] }),
            new TableRow({ children: [new TableCell({ children: [new Paragraph({ children: [run('船舶检查')] })] }), new TableCell({ children: [new Paragraph({ children: [run('截止目前已检查126艘')] })] })] }),
          ],
        }),
        new Paragraph({ children: [new Textbox({ children: [new Paragraph({ children: [run('截止目前文本框内说明')] })], style: { width: '200pt', height: '40pt' } })] }),
        heading(0, '关于资金保障'),
        body([run('2025年安排专项资金1500万元，用于船舶污水接收设施建设。')]),
        body([run('感谢您对我们工作的关心和支持。')]),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing, children: [run('某市生态环境局')] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing, children: [run('2025年5月6日')] }),
      ],
    }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

// ---------------------------------------------------------------------------------------------
// reading annotated output

export const unzip = (bytes: Uint8Array): Record<string, Uint8Array> => unzipSync(bytes);
export const xml = (bytes: Uint8Array): XDocument => new DOMParser().parseFromString(strFromU8(bytes), 'application/xml');
const isEl = (n: XNode | null): n is XElement => !!n && n.nodeType === 1;
const isW = (n: XNode, local: string) => isEl(n) && n.namespaceURI === W && n.localName === local;
const wId = (n: XElement) => n.getAttributeNS(W, 'id')!;

/**
 * The text between each comment's commentRangeStart and commentRangeEnd, in document order
 * (paragraph ends as "\n"), skipping text boxes (their text is not the anchoring paragraph's)
 * and mc:Fallback copies.
 */
export function anchoredTexts(doc: XDocument): Map<string, string> {
  const open = new Map<string, string>();
  const done = new Map<string, string>();
  const add = (s: string) => { for (const [k, v] of open) open.set(k, v + s); };
  const walk = (n: XNode) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (!isEl(c)) continue;
      if (c.namespaceURI === MC && c.localName === 'Fallback') continue;
      if (isW(c, 'txbxContent')) continue;
      if (isW(c, 'commentRangeStart')) open.set(wId(c), '');
      else if (isW(c, 'commentRangeEnd')) { done.set(wId(c), open.get(wId(c)) ?? '<no start>'); open.delete(wId(c)); }
      else if (isW(c, 't')) add(c.textContent ?? '');
      else if (isW(c, 'tab')) add('\t');
      else if (isW(c, 'instrText') || isW(c, 'del')) continue;
      else if (isW(c, 'br')) add(' ');
      else if (isW(c, 'r') && Array.from({ length: c.getElementsByTagNameNS(W, 'vanish').length }).length) continue; // hidden text
      else {
        walk(c);
        if (isW(c, 'p')) add('\n');
      }
    }
  };
  walk(doc.documentElement!);
  for (const [k] of open) done.set(k, '<no end>');
  return done;
}

/** comment id → its paragraphs' text */
export function commentTexts(doc: XDocument): Map<string, { author: string; paragraphs: string[] }> {
  const out = new Map<string, { author: string; paragraphs: string[] }>();
  const list = doc.getElementsByTagNameNS(W, 'comment');
  for (let i = 0; i < list.length; i++) {
    const c = list.item(i)!;
    const ps = c.getElementsByTagNameNS(W, 'p');
    const paragraphs: string[] = [];
    for (let k = 0; k < ps.length; k++) paragraphs.push(ps.item(k)!.textContent ?? '');
    out.set(wId(c), { author: c.getAttributeNS(W, 'author') ?? '', paragraphs });
  }
  return out;
}

export function elementsOf(doc: XDocument, local: string): XElement[] {
  const list = doc.getElementsByTagNameNS(W, local);
  const out: XElement[] = [];
  for (let i = 0; i < list.length; i++) out.push(list.item(i)!);
  return out;
}

/**
 * document.xml without any comment mark, with adjacent runs of identical properties merged
 * (and adjacent w:t in a run): applied to the original and to the annotated file, equal results
 * mean the text and the formatting of every character are unchanged.
 */
export function canonical(bytes: Uint8Array): string {
  const doc = xml(bytes);
  for (const local of ['commentRangeStart', 'commentRangeEnd']) for (const e of elementsOf(doc, local)) e.parentNode!.removeChild(e);
  for (const ref of elementsOf(doc, 'commentReference')) {
    const r = ref.parentNode as XElement;
    r.removeChild(ref);
    let rest = false;
    for (let c = r.firstChild; c; c = c.nextSibling) if (isEl(c) && !isW(c, 'rPr')) rest = true;
    if (!rest) r.parentNode!.removeChild(r);
  }
  const ser = new XMLSerializer();
  const attrs = (e: XElement) => { const a: string[] = []; for (let i = 0; i < e.attributes.length; i++) a.push(`${e.attributes.item(i)!.name}=${e.attributes.item(i)!.value}`); return a.sort().join(' '); };
  const rPrOf = (r: XElement) => { for (let c = r.firstChild; c; c = c.nextSibling) if (isW(c, 'rPr')) return ser.serializeToString(c); return ''; };
  const mergeRuns = (n: XNode) => {
    for (let c = n.firstChild; c; c = c.nextSibling) if (isEl(c)) mergeRuns(c);
    let prev: XElement | null = null;
    for (let c = n.firstChild; c; ) {
      const next: XNode | null = c.nextSibling;
      if (isEl(c) && isW(c, 'r') && prev && attrs(prev) === attrs(c) && rPrOf(prev) === rPrOf(c)) {
        for (let k = c.firstChild; k; ) { const kn: XNode | null = k.nextSibling; if (!isW(k, 'rPr')) prev.appendChild(k); k = kn; }
        n.removeChild(c);
      } else if (isEl(c)) prev = isW(c, 'r') ? c : null;
      c = next!;
    }
  };
  const mergeTexts = (n: XNode) => {
    for (let c = n.firstChild; c; c = c.nextSibling) if (isEl(c)) mergeTexts(c);
    if (isW(n, 'r')) {
      let t: XElement | null = null;
      for (let c = n.firstChild; c; ) {
        const next: XNode | null = c.nextSibling;
        if (isEl(c) && isW(c, 't')) {
          if (t) {
            const joined = (t.textContent ?? '') + (c.textContent ?? '');
            while (t.firstChild) t.removeChild(t.firstChild);
            t.appendChild(doc.createTextNode(joined));
            n.removeChild(c);
          }
          else t = c;
          t.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
        } else if (isEl(c)) t = null;
        c = next!;
      }
    }
  };
  mergeRuns(doc.documentElement!);
  mergeTexts(doc.documentElement!);
  return ser.serializeToString(doc);
}
