/**
 * 批注版: a copy of a .docx reply with every finding as a Word comment on exactly the characters
 * it is about, and a summary comment at the top. The original bytes are never changed; in the
 * copy, every zip entry but word/document.xml, the comments part(s), the document's
 * relationships and [Content_Types].xml is copied as stored (same compressed bytes), and in
 * word/document.xml only the split runs and the comment marks are new.
 *
 * Browser-safe: fflate (zip), xmldom (XML), TextEncoder/TextDecoder. No Node-only modules.
 */
import { DOMParser, XMLSerializer, type Document as XDocument, type Element as XElement } from '@xmldom/xmldom';
import { returnRisk, RISK_LABEL, type Risk } from '../engine/risk.js';
import { CATEGORIES, type Category, type DafuMessage } from '../engine/types.js';
import { readDocxParts, type ReadDocxLimits } from '../processors/docx.js';
import { InputError } from '../processors/errors.js';
import { openDocxParts, rawZipEntries, unzipGuarded } from '../processors/guard.js';
import { Anchorer, type Relocation, type TracedParagraph } from './anchor.js';
import { CATEGORY_LABEL, SEVERITY_LABEL } from './labels.js';
import { writeZip, type OutEntry } from './zip.js';
import { NS_W, NS_W_STRICT, NS_W14, NS_W15, NS_W16CID, NS_W16CEX, NS_MC, NS_XML, NS_XMLNS, NS_PKG_REL, NS_CT } from '../processors/namespaces.js';

export const ANNOTATION_AUTHOR = 'dafu 答复检查';

export interface AnnotateSummary {
  /** return risk; computed from the messages when not given */
  risk?: Risk;
  /** counts by severity; computed from the messages when not given */
  counts?: { error: number; warning: number; info: number };
  /** specificity score 0–100 (shown when given) */
  score?: number | null;
}

export interface AnnotateOptions {
  author?: string;
  initials?: string;
  /** the comments' date (default: now) */
  date?: Date;
  /** the summary comment at the top (default true) */
  summary?: boolean;
  /**
   * The document text the messages were computed on (ReplyDocument.text). When given, the file
   * must read to exactly this text, else nothing is written (it changed since it was checked).
   */
  text?: string;
  limits?: Partial<ReadDocxLimits>;
}

export interface AnnotateReport {
  bytes: Uint8Array;
  /** comments added, the summary included */
  comments: number;
  /** per message (in the order given): the comment id, and where it went when not on its exact characters */
  placements: Array<{ id: number; relocated?: Relocation }>;
}

// ---------------------------------------------------------------------------------------------


const REL = {
  comments: ['http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments', 'http://purl.oclc.org/ooxml/officeDocument/relationships/comments'],
  commentsExtended: ['http://schemas.microsoft.com/office/2011/relationships/commentsExtended'],
  commentsIds: ['http://schemas.microsoft.com/office/2016/09/relationships/commentsIds'],
  commentsExtensible: ['http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible'],
  people: ['http://schemas.microsoft.com/office/2011/relationships/people'],
};
const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';

const MAIN = 'word/document.xml';
const RELS = 'word/_rels/document.xml.rels';
const CONTENT_TYPES = '[content_types].xml';

/** the parts the annotator reads besides what the reader reads (lower-cased names) */
const wantedExtra = (n: string): boolean => n === CONTENT_TYPES || n === 'word/people.xml' || /^word\/[^/]*comment[^/]*\.xml$/.test(n);

// ---------------------------------------------------------------------------------------------
// XML helpers

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

function parse(name: string, text: string): XDocument {
  let failed: string | null = null;
  let doc: XDocument | null = null;
  try {
    doc = new DOMParser({
      locator: false,
      onError: (level, msg) => {
        if (level !== 'warning' && !failed) failed = msg;
      },
    }).parseFromString(text, 'application/xml');
  } catch (e) {
    failed = (e as Error).message;
  }
  if (failed || !doc?.documentElement) {
    throw new InputError('E_CORRUPT_ZIP', `文件中的 ${name} 不是有效的 XML，无法添加批注；请用 Word 打开后重新另存为 .docx 再试`);
  }
  return doc;
}

const encoder = new TextEncoder();

/** serialise as UTF-8, with the declaration saying so */
function serialize(doc: XDocument): Uint8Array {
  let s = new XMLSerializer().serializeToString(doc);
  if (!s.startsWith('<?xml')) s = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n${s}`;
  else s = s.replace(/^(<\?xml[^>]*encoding=")[^"]*(")/, '$1UTF-8$2');
  return encoder.encode(s);
}

function elements(root: XElement | XDocument, ns: string | null, local: string): XElement[] {
  const list = root.getElementsByTagNameNS(ns ?? '*', local);
  const out: XElement[] = [];
  for (let i = 0; i < list.length; i++) out.push(list.item(i)!);
  return out;
}

/** declare `prefix` for `ns` on the root unless some prefix is already declared there; returns the prefix in use */
function declare(root: XElement, ns: string, prefix: string): string {
  const have = root.lookupPrefix(ns);
  if (have) return have;
  root.setAttributeNS(NS_XMLNS, `xmlns:${prefix}`, ns);
  return prefix;
}

/** add a prefix to the root's mc:Ignorable list, when the part has one */
function ignorable(root: XElement, prefix: string): void {
  const v = root.getAttributeNS(NS_MC, 'Ignorable');
  if (v == null) return;
  const list = v.split(/\s+/).filter(Boolean);
  if (!list.includes(prefix)) root.setAttributeNS(NS_MC, `${root.lookupPrefix(NS_MC) ?? 'mc'}:Ignorable`, [...list, prefix].join(' '));
}

/** rels Target → part name (lower-cased, as openDocxParts keys) */
function partName(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `word/${target}`;
  const segs: string[] = [];
  for (const s of path.split('/')) {
    if (s === '..') segs.pop();
    else if (s && s !== '.') segs.push(s);
  }
  return segs.join('/').toLowerCase();
}

/** ST_LongHexNumber ids (paraId, durableId) below 0x7FFFFFFF, unique against `used` */
function hexIds(used: Set<string>): () => string {
  let x = 0x2f6e3c1d;
  return () => {
    for (;;) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const v = (x % 0x7ffffffe) + 1;
      const s = v.toString(16).toUpperCase().padStart(8, '0');
      if (!used.has(s)) {
        used.add(s);
        return s;
      }
    }
  };
}

const isoDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

// ---------------------------------------------------------------------------------------------
// comment texts

function summaryLines(messages: DafuMessage[], summary: AnnotateSummary): string[] {
  const counts = summary.counts ?? { error: 0, warning: 0, info: 0 };
  if (!summary.counts) for (const m of messages) counts[m.severity]++;
  const risk = summary.risk ?? returnRisk(messages);
  const byCat = new Map<Category, number>();
  for (const m of messages) byCat.set(m.category, (byCat.get(m.category) ?? 0) + 1);
  const cats = CATEGORIES.filter((c) => byCat.get(c)).map((c) => `${CATEGORY_LABEL[c]} ${byCat.get(c)}`);
  const lines = messages.length
    ? [`dafu 检查结果：退办风险 ${RISK_LABEL[risk]}；错误 ${counts.error}、警告 ${counts.warning}、提示 ${counts.info}；${cats.join('、')}。`]
    : [`dafu 检查结果：退办风险 ${RISK_LABEL[risk]}；未发现问题。`];
  if (summary.score != null) lines.push(`内容具体度 ${summary.score} 分（满分 100）。`);
  if (messages.length) lines.push('每条批注写明问题、依据和参考写法；修改后删除批注即可。原稿未作改动。');
  return lines;
}

function messageLines(m: DafuMessage, relocated: Relocation | undefined): string[] {
  const lines = [`【${CATEGORY_LABEL[m.category] ?? m.category}·${SEVERITY_LABEL[m.severity] ?? m.severity}】${m.message}`];
  if (m.whole) lines.push('（针对全文的问题，标注在文首。）');
  else if (relocated === 'textbox') lines.push(`（位置：文本框内“${m.excerpt}”。）`);
  else if (relocated === 'label') lines.push(`（位置：自动编号“${m.excerpt}”。）`);
  if (m.note) lines.push(`依据：${m.note}`);
  const better = m.suggestion ?? m.suggestions[0]?.message;
  if (better) lines.push(`参考：${better}`);
  lines.push(`规则：${m.ruleId}`);
  return lines.flatMap((l) => l.split(/\r?\n/));
}

// ---------------------------------------------------------------------------------------------

/**
 * Annotate a .docx with findings as Word comments; returns the new file's bytes and what was placed where.
 * `messages` must come from checking these very bytes (offsets into ReplyDocument.text).
 * @throws InputError when the bytes are not a readable .docx (or do not read to `opts.text`)
 */
export function annotateDocxReport(bytes: Uint8Array, messages: DafuMessage[], summary: AnnotateSummary = {}, opts: AnnotateOptions = {}): AnnotateReport {
  const parts = openDocxParts(bytes, opts.limits, wantedExtra);
  const { content, trace } = readDocxParts(parts, opts.limits, { trace: true });
  const body = content.paragraphs.filter((p) => p.where !== 'header' && p.where !== 'footer');
  if (!trace || trace.paragraphs.length !== body.length) throw new Error('annotate: reader trace does not match the paragraphs');
  let offset = 0;
  const traced: TracedParagraph[] = body.map((p, i) => {
    const t = { trace: trace.paragraphs[i], offset, text: p.text };
    offset += p.text.length + 1;
    return t;
  });
  if (opts.text !== undefined && opts.text !== body.map((p) => p.text).join('\n')) {
    throw new InputError('E_READ', '文件内容与检查时不一致（可能在检查后被修改过），未生成批注版；请重新检查后再生成');
  }

  const doc = trace.document;
  const root = doc.documentElement!;
  const ns = root.namespaceURI === NS_W_STRICT ? NS_W_STRICT : NS_W;
  const strict = ns === NS_W_STRICT;
  const author = opts.author ?? ANNOTATION_AUTHOR;
  const initials = opts.initials ?? 'dafu';
  const date = isoDate(opts.date ?? new Date());

  // --- relationships and the existing comments parts
  const relsDoc = parts.has(RELS)
    ? parse(RELS, decode(parts.get(RELS)!))
    : parse(RELS, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="${NS_PKG_REL}"></Relationships>`);
  const rels = elements(relsDoc, null, 'Relationship');
  const relOf = (types: string[]): XElement | undefined =>
    rels.find((r) => types.includes(r.getAttribute('Type') ?? '') && r.getAttribute('TargetMode') !== 'External');
  const changed = new Map<string, Uint8Array>();
  /** a part by lower-cased name, read now when the first pass did not want it (a rels target elsewhere) */
  const partBytes = (name: string): Uint8Array | undefined => {
    if (!parts.has(name)) {
      const got = unzipGuarded(bytes, (n) => n.toLowerCase() === name, opts.limits);
      for (const v of got.values()) parts.set(name, v);
    }
    return parts.get(name);
  };

  let commentsPart = 'word/comments.xml';
  const commentsRel = relOf(REL.comments);
  if (commentsRel) commentsPart = partName(commentsRel.getAttribute('Target') ?? 'comments.xml');
  const existing = commentsRel ? partBytes(commentsPart) : undefined;
  const comments = existing
    ? parse(commentsPart, decode(existing))
    : parse(commentsPart, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:comments xmlns:w="${ns}"></w:comments>`);
  const croot = comments.documentElement!;
  const cns = croot.namespaceURI ?? ns;
  const cprefix = croot.lookupPrefix(cns) ?? declare(croot, cns, 'w');

  // extended comment parts Word writes (kept consistent when present)
  const ext = (types: string[]) => {
    const rel = relOf(types);
    if (!rel) return null;
    const name = partName(rel.getAttribute('Target') ?? '');
    const b = name ? partBytes(name) : undefined;
    return b ? { name, doc: parse(name, decode(b)) } : null;
  };
  const extended = ext(REL.commentsExtended);
  const ids = ext(REL.commentsIds);
  const extensible = ext(REL.commentsExtensible);
  const people = ext(REL.people);
  const needParaIds = !!(extended || ids);

  // ids: unique among the comments already there and every comment mark in the body
  let maxId = -1;
  for (const el of [...elements(croot, cns, 'comment'), ...['commentRangeStart', 'commentRangeEnd', 'commentReference'].flatMap((n) => elements(root, ns, n))]) {
    const v = Number.parseInt(el.getAttributeNS(cns, 'id') ?? el.getAttributeNS(ns, 'id') ?? '', 10);
    if (Number.isFinite(v) && v > maxId) maxId = v;
  }
  let nextId = maxId + 1;

  const usedHex = new Set<string>();
  if (needParaIds) {
    const texts = [...parts.entries()].filter(([k]) => k.endsWith('.xml')).map(([, v]) => decode(v));
    for (const t of texts) for (const m of t.matchAll(/(?:paraId|durableId|textId)="([0-9A-Fa-f]{1,8})"/g)) usedHex.add(m[1].toUpperCase().padStart(8, '0'));
  }
  const newHex = hexIds(usedHex);

  // --- anchors and comments, in document order (the summary first)
  const anchorer = new Anchorer(doc, ns, traced);
  const cEl = (name: string, attrs: Record<string, string> = {}): XElement => {
    const e = comments.createElementNS(cns, `${cprefix}:${name}`);
    for (const [k, v] of Object.entries(attrs)) e.setAttributeNS(cns, `${cprefix}:${k}`, v);
    return e;
  };
  const added: Array<{ id: number; paraId?: string }> = [];
  const addComment = (id: number, lines: string[]): void => {
    const c = cEl('comment', { id: String(id), author, date, initials });
    let paraId: string | undefined;
    lines.forEach((line, i) => {
      const p = cEl('p');
      if (i === 0) {
        const ref = cEl('r');
        ref.appendChild(cEl('annotationRef'));
        p.appendChild(ref);
      }
      const r = cEl('r');
      const rPr = cEl('rPr');
      rPr.appendChild(cEl('sz', { val: '20' }));
      r.appendChild(rPr);
      const t = cEl('t');
      t.setAttributeNS(NS_XML, 'xml:space', 'preserve');
      t.appendChild(comments.createTextNode(line));
      r.appendChild(t);
      p.appendChild(r);
      if (needParaIds && i === lines.length - 1) {
        const w14 = declare(croot, NS_W14, 'w14');
        ignorable(croot, w14);
        paraId = newHex();
        p.setAttributeNS(NS_W14, `${w14}:paraId`, paraId);
        p.setAttributeNS(NS_W14, `${w14}:textId`, '77777777');
      }
      c.appendChild(p);
    });
    croot.appendChild(c);
    added.push({ id, ...(paraId ? { paraId } : {}) });
  };

  if (opts.summary !== false && traced.length) {
    const first = Math.max(0, traced.findIndex((p) => p.trace.hostRun === undefined && p.text.slice(p.trace.labelLength).trim() !== ''));
    const id = nextId++;
    anchorer.anchorParagraph(String(id), first);
    addComment(id, summaryLines(messages, summary));
  }
  const order = messages.map((m, i) => i).sort((x, y) => messages[x].start - messages[y].start || messages[x].end - messages[y].end || x - y);
  const placements: AnnotateReport['placements'] = new Array(messages.length);
  for (const i of order) {
    const m = messages[i];
    const id = nextId++;
    const placed = traced.length ? anchorer.anchor(String(id), m.start, m.end) : {};
    addComment(id, messageLines(m, placed.relocated));
    placements[i] = { id, ...(placed.relocated ? { relocated: placed.relocated } : {}) };
  }

  changed.set(MAIN, serialize(doc));
  changed.set(commentsPart, serialize(comments));

  // --- extended parts
  const appendTo = (part: { name: string; doc: XDocument } | null, nsUri: string, prefix: string, make: (el: (n: string, a: Record<string, string>) => XElement, c: { id: number; paraId?: string }) => XElement | null) => {
    if (!part) return;
    const r = part.doc.documentElement!;
    const px = declare(r, nsUri, prefix);
    const el = (n: string, a: Record<string, string>) => {
      const e = part.doc.createElementNS(nsUri, `${px}:${n}`);
      for (const [k, v] of Object.entries(a)) e.setAttributeNS(nsUri, `${px}:${k}`, v);
      return e;
    };
    for (const c of added) {
      const e = make(el, c);
      if (e) r.appendChild(e);
    }
    changed.set(part.name, serialize(part.doc));
  };
  const durable = new Map<number, string>();
  for (const c of added) durable.set(c.id, newHex());
  appendTo(extended, NS_W15, 'w15', (el, c) => (c.paraId ? el('commentEx', { paraId: c.paraId, done: '0' }) : null));
  appendTo(ids, NS_W16CID, 'w16cid', (el, c) => (c.paraId ? el('commentId', { paraId: c.paraId, durableId: durable.get(c.id)! }) : null));
  appendTo(extensible, NS_W16CEX, 'w16cex', (el, c) => (c.paraId ? el('commentExtensible', { durableId: durable.get(c.id)!, dateUtc: date }) : null));
  if (people) {
    const pr = people.doc.documentElement!;
    const known = elements(pr, NS_W15, 'person').some((p) => p.getAttributeNS(NS_W15, 'author') === author);
    if (!known) {
      const px = declare(pr, NS_W15, 'w15');
      const person = people.doc.createElementNS(NS_W15, `${px}:person`);
      person.setAttributeNS(NS_W15, `${px}:author`, author);
      const info = people.doc.createElementNS(NS_W15, `${px}:presenceInfo`);
      info.setAttributeNS(NS_W15, `${px}:providerId`, 'None');
      info.setAttributeNS(NS_W15, `${px}:userId`, author);
      person.appendChild(info);
      pr.appendChild(person);
      changed.set(people.name, serialize(people.doc));
    }
  }

  // --- relationship and content type for a new comments part
  if (!commentsRel || !existing) {
    if (!commentsRel) {
      const taken = new Set(rels.map((r) => r.getAttribute('Id')));
      let n = rels.length + 1;
      while (taken.has(`rId${n}`)) n++;
      const relsRoot = relsDoc.documentElement!;
      const rel = relsDoc.createElementNS(relsRoot.namespaceURI ?? NS_PKG_REL, relsRoot.prefix ? `${relsRoot.prefix}:Relationship` : 'Relationship');
      rel.setAttribute('Id', `rId${n}`);
      rel.setAttribute('Type', REL.comments[strict ? 1 : 0]);
      rel.setAttribute('Target', 'comments.xml');
      relsRoot.appendChild(rel);
      changed.set(RELS, serialize(relsDoc));
    }
    const ctBytes = parts.get(CONTENT_TYPES);
    const ct = ctBytes
      ? parse('[Content_Types].xml', decode(ctBytes))
      : parse('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Types xmlns="${NS_CT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`);
    const ctRoot = ct.documentElement!;
    const partPath = `/${commentsPart}`;
    const has = elements(ctRoot, null, 'Override').some((o) => (o.getAttribute('PartName') ?? '').toLowerCase() === partPath);
    if (!has) {
      const o = ct.createElementNS(ctRoot.namespaceURI ?? NS_CT, ctRoot.prefix ? `${ctRoot.prefix}:Override` : 'Override');
      o.setAttribute('PartName', partPath);
      o.setAttribute('ContentType', CT_COMMENTS);
      ctRoot.appendChild(o);
      changed.set(CONTENT_TYPES, serialize(ct));
    }
  }

  // --- the new zip: untouched entries copied as stored, changed ones re-deflated, new ones appended
  const raw = rawZipEntries(bytes, opts.limits);
  const out: OutEntry[] = [];
  const written = new Set<string>();
  const main = raw.find((e) => e.name.toLowerCase() === MAIN);
  const stamp = { modTime: main?.modTime ?? 0, modDate: main?.modDate ?? 0x21 };
  for (const e of raw) {
    const key = e.name.toLowerCase();
    const content = changed.get(key);
    if (content && !written.has(key)) {
      out.push({ name: e.name, content, modTime: e.modTime, modDate: e.modDate });
      written.add(key);
    } else if (!content) {
      out.push({ raw: e });
    }
  }
  // new parts; [Content_Types].xml first when it had to be created
  for (const [key, content] of changed) {
    if (written.has(key)) continue;
    const name = key === CONTENT_TYPES ? '[Content_Types].xml' : key === RELS ? 'word/_rels/document.xml.rels' : key;
    const entry = { name, content, ...stamp };
    if (key === CONTENT_TYPES) out.unshift(entry);
    else out.push(entry);
  }
  return { bytes: writeZip(out), comments: added.length, placements };
}

/** annotateDocxReport, returning only the bytes of the annotated copy. */
export function annotateDocx(bytes: Uint8Array, messages: DafuMessage[], summary: AnnotateSummary = {}, opts: AnnotateOptions = {}): Uint8Array {
  return annotateDocxReport(bytes, messages, summary, opts).bytes;
}
