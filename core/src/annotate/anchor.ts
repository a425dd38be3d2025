/**
 * Anchoring comments in word/document.xml: document offsets → paragraph → the w:t characters
 * (through the reader's trace, so offsets mean exactly what they meant to the rules), runs split
 * at the boundaries with their w:rPr cloned, then w:commentRangeStart / w:commentRangeEnd and a
 * run with w:commentReference.
 */
import type { Document as XDocument, Element as XElement, Node as XNode } from '@xmldom/xmldom';
import type { DocxParagraphTrace, DocxTraceSegment } from '../processors/docx.js';
import { NS_XML } from '../processors/namespaces.js';

const ELEMENT = 1;

/** A body-story paragraph with its place in ReplyDocument.text. */
export interface TracedParagraph {
  trace: DocxParagraphTrace;
  /** offset of the paragraph in the document text */
  offset: number;
  text: string;
}

type Pos =
  | { kind: 'before'; node: XNode }
  | { kind: 'after'; node: XNode }
  /** at the end of the paragraph's content */
  | { kind: 'end'; p: XElement }
  /** at the start of the paragraph's content (after w:pPr) */
  | { kind: 'start'; p: XElement };

/** How a range was placed, when it could not be placed on exactly its characters. */
export type Relocation = 'textbox' | 'label' | 'point';

export interface Placement {
  /** where the range was anchored instead of its exact characters */
  relocated?: Relocation;
}

const isEl = (n: XNode | null): n is XElement => !!n && n.nodeType === ELEMENT;
const local = (n: XNode): string | null => (n as XElement).localName ?? null;

export class Anchorer {
  private readonly prefix: string;

  constructor(
    private readonly doc: XDocument,
    private readonly ns: string,
    private readonly paras: TracedParagraph[],
  ) {
    const root = doc.documentElement!;
    this.prefix = root.prefix && root.namespaceURI === ns ? root.prefix : (root.lookupPrefix(ns) ?? 'w');
  }

  el(name: string, attrs: Record<string, string> = {}): XElement {
    const e = this.doc.createElementNS(this.ns, `${this.prefix}:${name}`);
    for (const [k, v] of Object.entries(attrs)) e.setAttributeNS(this.ns, `${this.prefix}:${k}`, v);
    return e;
  }

  /** index of the paragraph holding offset `at` (for an end offset: the paragraph the range ends in) */
  paragraphAt(at: number, isEnd: boolean): number {
    const ps = this.paras;
    let lo = 0;
    let hi = ps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const o = ps[mid].offset;
      if (isEnd ? o < at : o <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Anchor comment `id` on [start, end) of the document text. Returns how it was placed.
   * A range on an auto-numbering label alone is anchored on the heading it numbers; a range in
   * a text box on the run that anchors the text box; an empty range at its point.
   */
  anchor(id: string, start: number, end: number): Placement {
    const placement: Placement = {};
    if (!this.paras.length) return placement;
    let ai = this.paragraphAt(start, false);
    let a = Math.max(0, start - this.paras[ai].offset);
    // an empty range is a point in the paragraph it starts in
    const bi = end <= start ? ai : Math.max(ai, this.paragraphAt(end, true));
    let b = end <= start ? a : Math.max(0, Math.min(end - this.paras[bi].offset, this.paras[bi].text.length));
    // a range starting on the line break after a paragraph starts at the next one
    if (a >= this.paras[ai].text.length && ai < bi) (ai += 1), (a = 0);
    a = Math.min(a, this.paras[ai].text.length);
    const A = this.paras[ai];
    const B = this.paras[bi];
    if (a < A.trace.labelLength) a = A.trace.labelLength;
    if (ai === bi && b <= A.trace.labelLength && end > start && A.trace.labelLength > 0) {
      // the finding is on the numbering label, which is in no run: mark the heading it numbers
      placement.relocated = 'label';
      b = A.text.length;
    }

    const hostA = this.textboxHost(A);
    const hostB = this.textboxHost(B);
    if (hostA || hostB) placement.relocated = 'textbox';

    if (!hostA && !hostB && ai === bi && a >= b) {
      if (end > start && placement.relocated !== 'label') placement.relocated = 'point';
      this.insert(this.startPos(A, a), [this.el('commentRangeStart', { id }), this.el('commentRangeEnd', { id }), this.referenceRun(id)]);
      return placement;
    }
    // splitting a run later keeps markers placed earlier right: the tail copy goes directly after
    // the run, before any marker that followed it
    const startPos = hostA ? { kind: 'before' as const, node: hostA } : this.startPos(A, a);
    const endPos = hostB ? { kind: 'after' as const, node: hostB } : this.endPos(B, b);
    this.insert(startPos, [this.el('commentRangeStart', { id })]);
    this.insert(endPos, [this.el('commentRangeEnd', { id }), this.referenceRun(id)]);
    return placement;
  }

  /** anchor on the whole content of paragraph `index` (label excluded) */
  anchorParagraph(id: string, index: number): Placement {
    const p = this.paras[index];
    return this.anchor(id, p.offset + p.trace.labelLength, p.offset + p.text.length);
  }

  private referenceRun(id: string): XElement {
    const r = this.el('r');
    r.appendChild(this.el('commentReference', { id }));
    return r;
  }

  /** the body-level run holding the text box a paragraph is in (the outermost w:r above it) */
  private textboxHost(p: TracedParagraph): XElement | null {
    if (!p.trace.hostRun) return null;
    let host: XElement | null = null;
    for (let n = p.trace.p.parentNode; n; n = n.parentNode) {
      if (isEl(n) && n.namespaceURI === this.ns && local(n) === 'r') host = n;
    }
    return host ?? p.trace.hostRun;
  }

  private insert(pos: Pos, nodes: XNode[]): void {
    switch (pos.kind) {
      case 'before':
        for (const n of nodes) pos.node.parentNode!.insertBefore(n, pos.node);
        break;
      case 'after': {
        const parent = pos.node.parentNode!;
        const next = pos.node.nextSibling;
        for (const n of nodes) parent.insertBefore(n, next);
        break;
      }
      case 'end':
        for (const n of nodes) pos.p.appendChild(n);
        break;
      case 'start': {
        let ref = pos.p.firstChild;
        while (ref && (!isEl(ref) || (ref.namespaceURI === this.ns && local(ref) === 'pPr'))) ref = ref.nextSibling;
        for (const n of nodes) pos.p.insertBefore(n, ref);
        break;
      }
    }
  }

  /** the position just before character `a` of the paragraph (label-free offsets) */
  private startPos(P: TracedParagraph, a: number): Pos {
    const segs = P.trace.segments;
    const i = segs.findIndex((s) => s.end > a);
    if (i < 0) return { kind: 'end', p: P.trace.p };
    const seg = segs[i].start < a && this.splitText(segs, i, a) ? segs[i + 1] : segs[i];
    this.splitRunBefore(segs, seg);
    return { kind: 'before', node: seg.run };
  }

  /** the position just after character `b - 1` of the paragraph */
  private endPos(P: TracedParagraph, b: number): Pos {
    const segs = P.trace.segments;
    let j = -1;
    for (let k = segs.length - 1; k >= 0; k--) if (segs[k].start < b) { j = k; break; }
    if (j < 0) return { kind: 'start', p: P.trace.p };
    if (segs[j].end > b) this.splitText(segs, j, b);
    const seg = segs[j];
    const next = segs[j + 1];
    if (next && next.run === seg.run) this.splitRunBefore(segs, next);
    return { kind: 'after', node: seg.run };
  }

  /** split the w:t of segment i at paragraph offset `at` into two w:t in the same run */
  private splitText(segs: DocxTraceSegment[], i: number, at: number): boolean {
    const seg = segs[i];
    if (local(seg.node) !== 't') return false; // one character (or code point) elements are not split
    const text = seg.node.textContent ?? '';
    let k = at - seg.start;
    // never between the two halves of a surrogate pair (that would corrupt the character)
    if (k > 0 && k < text.length && /[\ud800-\udbff]/.test(text[k - 1]) && /[\udc00-\udfff]/.test(text[k])) k -= 1;
    if (k <= 0 || k >= text.length) return false;
    at = seg.start + k;
    const left = text.slice(0, k);
    const right = text.slice(k);
    const t2 = seg.node.cloneNode(false) as XElement;
    const preserve = seg.node.getAttributeNS(NS_XML, 'space') === 'preserve';
    while (seg.node.firstChild) seg.node.removeChild(seg.node.firstChild);
    seg.node.appendChild(this.doc.createTextNode(left));
    t2.appendChild(this.doc.createTextNode(right));
    // new edges that are spaces must be kept as written
    if (!preserve && /\s$/.test(left)) seg.node.setAttributeNS(NS_XML, 'xml:space', 'preserve');
    if (!preserve && /^\s/.test(right)) t2.setAttributeNS(NS_XML, 'xml:space', 'preserve');
    seg.node.parentNode!.insertBefore(t2, seg.node.nextSibling);
    segs.splice(i + 1, 0, { start: at, end: seg.end, run: seg.run, node: t2 });
    seg.end = at;
    return true;
  }

  /** make `seg.node` the first content of its run, moving it and what follows into a copy of the run */
  private splitRunBefore(segs: DocxTraceSegment[], seg: DocxTraceSegment): void {
    const r = seg.run;
    let hasContentBefore = false;
    for (let c = seg.node.previousSibling; c; c = c.previousSibling) {
      if (isEl(c) && !(c.namespaceURI === this.ns && local(c) === 'rPr')) {
        hasContentBefore = true;
        break;
      }
    }
    if (!hasContentBefore) return;
    const r2 = r.cloneNode(false) as XElement;
    for (let c = r.firstChild; c; c = c.nextSibling) {
      if (isEl(c) && c.namespaceURI === this.ns && local(c) === 'rPr') {
        r2.appendChild(c.cloneNode(true));
        break;
      }
    }
    const moving: XNode[] = [];
    for (let c: XNode | null = seg.node; c; c = c.nextSibling) moving.push(c);
    for (const c of moving) r2.appendChild(c); // appendChild moves the node
    r.parentNode!.insertBefore(r2, r.nextSibling);
    for (const s of segs) if (s.run === r && s.node.parentNode === r2) s.run = r2;
  }
}
