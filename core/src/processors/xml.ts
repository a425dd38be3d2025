/**
 * A small namespace-aware XML parser for the .docx reader: it builds a light read-only tree
 * (elements and text only) with just the DOM subset the reader walks — nodeType, localName,
 * namespaceURI, firstChild, nextSibling, textContent, getAttributeNS, getAttribute.
 *
 * Why not xmldom here: building xmldom's full DOM (name validation, live node lists, attribute
 * maps) was about half of the CPU of checking a typical draft. xmldom is still used where a real,
 * mutable DOM is needed (the annotator; see readDocxParts).
 *
 * What it does: the XML declaration, processing instructions and comments are skipped; CDATA
 * becomes text; the five predefined entities and character references are decoded, other
 * references kept as written (see decode); namespace prefixes are scoped per element (default
 * namespace included). A DOCTYPE is skipped with its internal subset, so no entity is ever
 * expanded. Broken markup (unclosed or mismatched tags, bad or repeated attributes, unbound
 * prefixes, text outside the root …) throws an Error. Line ends are normalised exactly as xmldom
 * does, so both parsers give the reader the same text.
 *
 * Linear time: every scan moves forward (indexOf / charCodeAt), with no backtracking regex and no
 * recursion (an explicit stack), so hostile nesting cannot overflow the call stack.
 * Browser-safe: no Node-only modules.
 */
import { NS_XML, NS_XMLNS } from './namespaces.js';

export type XmlNode = XmlElement | XmlText;

export class XmlText {
  readonly nodeType = 3;
  readonly localName = null;
  readonly namespaceURI = null;
  readonly firstChild = null;
  nextSibling: XmlNode | null = null;
  constructor(readonly textContent: string) {}
}

export class XmlElement {
  readonly nodeType = 1;
  firstChild: XmlNode | null = null;
  nextSibling: XmlNode | null = null;
  constructor(
    /** the qualified name as written (prefix:local) */
    readonly tagName: string,
    readonly localName: string,
    readonly namespaceURI: string | null,
    /** four entries per attribute: qualified name, namespace URI (null without a prefix), local name, value */
    readonly attrs: Array<string | null>,
  ) {}

  getAttributeNS(ns: string | null, local: string): string | null {
    const a = this.attrs;
    for (let i = 0; i < a.length; i += 4) if (a[i + 2] === local && a[i + 1] === ns) return a[i + 3];
    return null;
  }

  getAttribute(qName: string): string | null {
    const a = this.attrs;
    for (let i = 0; i < a.length; i += 4) if (a[i] === qName) return a[i + 3];
    return null;
  }

  /** the text of all descendant text nodes, in document order (as the DOM's textContent) */
  get textContent(): string {
    const only = this.firstChild;
    if (only && only.nodeType === 3 && !only.nextSibling) return only.textContent; // the usual w:t
    let s = '';
    const pending: Array<XmlNode | null> = [only];
    while (pending.length) {
      const n = pending.pop();
      if (!n) continue;
      pending.push(n.nextSibling);
      if (n.nodeType === 3) s += n.textContent;
      else pending.push(n.firstChild);
    }
    return s;
  }
}

/** Thrown when a document exceeds parseXmlTree's `limits` (not a well-formedness error). */
export class XmlLimitError extends Error {
  constructor(readonly limit: 'tags' | 'depth') {
    super(limit === 'tags' ? 'too many tags' : 'nesting too deep');
  }
}

export interface XmlLimits {
  /** markup tags (start, end, comment, PI, CDATA) at most */
  maxTags: number;
  /** element nesting at most */
  maxDepth: number;
}

function fail(msg: string, at: number): never {
  throw new Error(`${msg} (at offset ${at})`);
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** characters that can end a name, and ones that can never be in one */
const endsName = (c: number) => isSpace(c) || c === 0x3e /* > */ || c === 0x2f /* / */ || c === 0x3d /* = */;
const badInName = (c: number) => c === 0x3c /* < */ || c === 0x26 /* & */ || c === 0x22 || c === 0x27;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
const DEC = /^#[0-9]{1,7}$/;
const HEX = /^#x[0-9a-fA-F]{1,6}$/;
/** the longest reference name decoded ("#x10FFFF" is 8): a longer one is kept as written */
const MAX_REF = 10;

/**
 * Decodes the predefined entities and character references in text or an attribute value. Any
 * other "&" (an entity a skipped DOCTYPE declares, a bare ampersand) is kept as written, as
 * xmldom keeps it: nothing is ever expanded, and files xmldom read stay readable.
 */
function decode(s: string): string {
  let amp = s.indexOf('&');
  if (amp === -1) return s;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    // a short window: scanning for a far ";" from every "&" would be quadratic
    const semi = s.slice(amp + 1, amp + 2 + MAX_REF).indexOf(';');
    const name = semi === -1 ? '' : s.slice(amp + 1, amp + 1 + semi);
    let ch: string | undefined = Object.hasOwn(PREDEFINED, name) ? PREDEFINED[name] : undefined;
    if (ch === undefined && (DEC.test(name) || HEX.test(name))) {
      const code = name.charCodeAt(1) === 0x78 /* x */ ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      // any code point, as xmldom decodes it (even NUL or a lone surrogate): the text stays the same as before
      if (code <= 0x10ffff) ch = String.fromCodePoint(code);
    }
    if (ch !== undefined) {
      out += s.slice(from, amp) + ch;
      from = amp + 2 + semi;
    }
    amp = s.indexOf('&', amp + 1);
  }
  return out + s.slice(from);
}

/**
 * Line ends as xmldom normalises them (XML 1.1 line ends, so U+0085/2028/2029 too), kept
 * identical so both parsers give the reader the same text. Applied to text and attribute values
 * only, where it matters, rather than to the whole part.
 */
const LINE_END = /\r[\n\u0085]|[\r\u0085\u2028\u2029]/g;
/** attribute values: line ends as above, then tab and line feed, read as spaces (references are decoded after) */
const ATTR_SPACE = /\r[\n\u0085]|[\t\n\r\u0085\u2028\u2029]/g;
/** whether a character needs LINE_END / ATTR_SPACE / decode() (&, controls, U+0085/2028/2029) */
const special = (c: number) => c < 0x20 || c === 0x26 || c === 0x85 || c === 0x2028 || c === 0x2029;

/**
 * The offset after a DOCTYPE (its internal subset included), which is skipped: its entities are
 * never declared, so never expanded (no billion laughs), and nothing external is fetched.
 */
function skipDoctype(src: string, lt: number): number {
  let quote = 0;
  let subset = false;
  for (let i = lt + 9; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (quote) { if (c === quote) quote = 0; } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x5b /* [ */) subset = true;
    else if (c === 0x5d /* ] */) subset = false;
    else if (c === 0x3e /* > */ && !subset) return i + 1;
  }
  return fail('unterminated DOCTYPE', lt);
}

/**
 * Parses an XML document and returns its root element. The limits are checked as it goes, so
 * a hostile part costs no more than `maxTags` tags of work.
 * @throws XmlLimitError past a limit; Error when the text is not well-formed XML (or has a DOCTYPE)
 */
export function parseXmlTree(source: string, limits: XmlLimits = { maxTags: Infinity, maxDepth: Infinity }): XmlElement {
  const src = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const n = src.length;
  // open elements, and the last child appended to each
  const stack: XmlElement[] = [];
  const lastChild: Array<XmlNode | null> = [];
  // namespace scopes: the bindings of each prefix ('' = default namespace) as a stack, and per
  // open element how many entries of `declared` (the prefixes it bound) are its own
  const bindings = new Map<string, string[]>([['xml', [NS_XML]]]);
  const declared: string[] = [];
  const declaredMark: number[] = [];
  let root: XmlElement | null = null;

  const append = (node: XmlNode) => {
    const top = stack.length - 1;
    const prev = lastChild[top];
    if (prev) prev.nextSibling = node;
    else stack[top].firstChild = node;
    lastChild[top] = node;
  };
  const lookup = (prefix: string, at: number): string | null => {
    const b = bindings.get(prefix);
    const uri = b && b.length ? b[b.length - 1] : '';
    if (uri === '' && prefix !== '') fail(`unbound namespace prefix "${prefix}"`, at);
    return uri === '' ? null : uri;
  };
  const text = (from: number, to: number) => {
    if (!stack.length) {
      for (let i = from; i < to; i++) if (!isSpace(src.charCodeAt(i))) fail('text outside the root element', i);
      return;
    }
    let i = from;
    while (i < to && !special(src.charCodeAt(i))) i++;
    const t = src.slice(from, to);
    append(new XmlText(i === to ? t : decode(t.replace(LINE_END, '\n'))));
  };

  let pos = 0;
  let tags = 0;
  while (pos < n) {
    const lt = src.indexOf('<', pos);
    if (lt === -1) {
      text(pos, n);
      break;
    }
    if (++tags > limits.maxTags) throw new XmlLimitError('tags');
    if (lt > pos) text(pos, lt);
    const c = src.charCodeAt(lt + 1);

    if (c === 0x2f /* </name> */) {
      const gt = src.indexOf('>', lt + 2);
      if (gt === -1) fail('unterminated end tag', lt);
      let e = gt;
      while (e > lt + 2 && isSpace(src.charCodeAt(e - 1))) e--;
      const name = src.slice(lt + 2, e);
      const open = stack.pop();
      if (!open) fail(`end tag </${name}> without a start tag`, lt);
      if (open!.tagName !== name) fail(`end tag </${name}> does not match <${open!.tagName}>`, lt);
      lastChild.pop();
      const mark = declaredMark.pop()!;
      while (declared.length > mark) bindings.get(declared.pop()!)!.pop();
      pos = gt + 1;
      continue;
    }

    if (c === 0x3f /* <?target … ?> (the XML declaration too) */) {
      const close = src.indexOf('?>', lt + 2);
      if (close === -1) fail('unterminated processing instruction', lt);
      pos = close + 2;
      continue;
    }

    if (c === 0x21 /* ! */) {
      if (src.startsWith('<!--', lt)) {
        const close = src.indexOf('-->', lt + 4);
        if (close === -1) fail('unterminated comment', lt);
        pos = close + 3;
      } else if (src.startsWith('<![CDATA[', lt)) {
        if (!stack.length) fail('CDATA outside the root element', lt);
        const close = src.indexOf(']]>', lt + 9);
        if (close === -1) fail('unterminated CDATA section', lt);
        append(new XmlText(src.slice(lt + 9, close).replace(LINE_END, '\n')));
        pos = close + 3;
      } else if (src.startsWith('<!DOCTYPE', lt)) {
        if (stack.length || root) fail('DOCTYPE after the root element', lt);
        pos = skipDoctype(src, lt);
      } else {
        fail('markup starting with "<!" is not well-formed', lt);
      }
      continue;
    }

    // ---- start tag: name, attributes, then namespace resolution
    let p = lt + 1;
    while (p < n && !endsName(src.charCodeAt(p))) {
      if (badInName(src.charCodeAt(p))) fail('invalid character in element name', p);
      p++;
    }
    const qName = src.slice(lt + 1, p);
    if (!qName || p >= n) fail('malformed start tag', lt);
    const attrs: Array<string | null> = [];
    let selfClosing = false;
    for (;;) {
      const ws = p;
      while (p < n && isSpace(src.charCodeAt(p))) p++;
      const d = src.charCodeAt(p);
      if (d === 0x3e /* > */) { p++; break; }
      if (d === 0x2f /* / */) {
        if (src.charCodeAt(p + 1) !== 0x3e) fail('"/" not followed by ">" in a tag', p);
        p += 2;
        selfClosing = true;
        break;
      }
      if (p >= n) fail('unterminated start tag', lt);
      if (p === ws) fail('whitespace required before an attribute', p);
      const nameStart = p;
      while (p < n && !endsName(src.charCodeAt(p))) {
        if (badInName(src.charCodeAt(p))) fail('invalid character in attribute name', p);
        p++;
      }
      const aName = src.slice(nameStart, p);
      while (p < n && isSpace(src.charCodeAt(p))) p++;
      if (!aName || src.charCodeAt(p) !== 0x3d /* = */) fail(`attribute "${aName}" without a value`, nameStart);
      p++;
      while (p < n && isSpace(src.charCodeAt(p))) p++;
      const q = src.charCodeAt(p);
      if (q !== 0x22 && q !== 0x27) fail('attribute value not quoted', p);
      let close = p + 1;
      let plain = true;
      for (let d = src.charCodeAt(close); d !== q; d = src.charCodeAt(++close)) {
        if (close >= n) fail('unterminated attribute value', p);
        if (d === 0x3c /* < */) fail('"<" in an attribute value', close);
        if (special(d)) plain = false;
      }
      const raw = src.slice(p + 1, close);
      attrs.push(aName, null, null, plain ? raw : decode(raw.replace(ATTR_SPACE, ' ')));
      p = close + 1;
    }

    // attributes: duplicates, then the namespace declarations, then every prefix resolved
    const count = attrs.length / 4;
    if (count > 1) {
      if (count <= 8) {
        for (let i = 0; i < attrs.length; i += 4) for (let j = i + 4; j < attrs.length; j += 4) if (attrs[i] === attrs[j]) fail(`attribute "${attrs[i]}" repeated`, lt);
      } else {
        const seen = new Set<string | null>();
        for (let i = 0; i < attrs.length; i += 4) {
          if (seen.has(attrs[i])) fail(`attribute "${attrs[i]}" repeated`, lt);
          seen.add(attrs[i]);
        }
      }
    }
    declaredMark.push(declared.length);
    for (let i = 0; i < attrs.length; i += 4) {
      const a = attrs[i]!;
      if (a !== 'xmlns' && !a.startsWith('xmlns:')) continue;
      const prefix = a === 'xmlns' ? '' : a.slice(6);
      let b = bindings.get(prefix);
      if (!b) bindings.set(prefix, (b = []));
      b.push(attrs[i + 3]!);
      declared.push(prefix);
    }
    for (let i = 0; i < attrs.length; i += 4) {
      const a = attrs[i]!;
      const colon = a.indexOf(':');
      if (colon > 0) {
        const prefix = a.slice(0, colon);
        attrs[i + 1] = prefix === 'xmlns' ? NS_XMLNS : lookup(prefix, lt);
        attrs[i + 2] = a.slice(colon + 1);
      } else {
        attrs[i + 1] = a === 'xmlns' ? NS_XMLNS : null;
        attrs[i + 2] = a;
      }
    }
    const colon = qName.indexOf(':');
    const el = colon > 0
      ? new XmlElement(qName, qName.slice(colon + 1), lookup(qName.slice(0, colon), lt), attrs)
      : new XmlElement(qName, qName, lookup('', lt), attrs);

    if (stack.length) append(el);
    else if (root) fail('content after the root element', lt);
    else root = el;
    if (selfClosing) {
      const mark = declaredMark.pop()!;
      while (declared.length > mark) bindings.get(declared.pop()!)!.pop();
    } else {
      if (stack.push(el) > limits.maxDepth) throw new XmlLimitError('depth');
      lastChild.push(null);
    }
    pos = p;
  }

  if (stack.length) fail(`unclosed element <${stack[stack.length - 1].tagName}>`, n);
  if (!root) fail('no root element', n);
  return root!;
}
