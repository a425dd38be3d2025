/**
 * Text of a contenteditable root with a map from every UTF-16 unit back to the DOM, so that
 * checker offsets can become Ranges (for highlights, selection and fixes).
 * Blocks and <br> become "\n" (synthetic, not mapped); runs of collapsible white space become
 * one space. Nothing in the page is changed.
 */
const BLOCK = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'blockquote', 'section', 'article',
  'pre', 'header', 'footer', 'dl', 'dt', 'dd', 'address', 'figure', 'hr', 'tbody', 'thead', 'center',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link']);

export interface TextMap {
  text: string;
  /** text node of each unit; null for synthetic line breaks */
  nodes: (Text | null)[];
  /** offset inside that text node */
  offs: number[];
}

function preserves(el: Element | null): boolean {
  if (!el) return false;
  const view = el.ownerDocument?.defaultView;
  try {
    const ws = view?.getComputedStyle ? view.getComputedStyle(el).whiteSpace : '';
    if (ws) return ws.startsWith('pre') || ws === 'break-spaces';
  } catch { /* no layout */ }
  return !!el.closest('pre, textarea');
}

export function extractText(root: Element): TextMap {
  const nodes: (Text | null)[] = [];
  const offs: number[] = [];
  const chars: string[] = [];
  const last = () => chars[chars.length - 1];
  const push = (ch: string, node: Text | null, off: number) => { chars.push(ch); nodes.push(node); offs.push(off); };
  const newline = () => { if (chars.length && last() !== '\n') push('\n', null, -1); };
  const preCache = new Map<Element, boolean>();
  const isPre = (el: Element | null) => {
    if (!el) return false;
    let v = preCache.get(el);
    if (v === undefined) { v = preserves(el); preCache.set(el, v); }
    return v;
  };

  const walk = (node: Node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const t = c as Text;
        const data = t.data;
        const pre = isPre(t.parentElement);
        if (!pre && /^[ \t\r\n]*$/.test(data) && /[\r\n]/.test(data)) continue; // source formatting between blocks
        for (let i = 0; i < data.length; i++) {
          let ch = data[i];
          if (ch === '\u00a0') ch = ' ';
          if (!pre && (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r')) {
            if (!chars.length || last() === ' ' || last() === '\n') continue;
            ch = ' ';
          } else if (pre && ch === '\r') continue;
          push(ch, t, i);
        }
      } else if (c.nodeType === 1) {
        const el = c as Element;
        const tag = el.tagName.toLowerCase();
        if (SKIP.has(tag)) continue;
        if (tag === 'br') { push('\n', null, -1); continue; }
        if ((el.getAttribute('contenteditable') || '') === 'false' && el.getAttribute('data-dafu-skip') !== null) continue;
        const block = BLOCK.has(tag);
        if (block) newline();
        walk(el);
        if (block) newline();
      }
    }
  };
  walk(root);
  while (chars.length && (last() === '\n' || last() === ' ')) { chars.pop(); nodes.pop(); offs.pop(); }
  return { text: chars.join(''), nodes, offs };
}

/** Range for [start, end) of the extracted text, skipping synthetic line breaks at the edges. */
export function rangeFor(map: TextMap, doc: Document, start: number, end: number): Range | null {
  let s = Math.max(0, start);
  let e = Math.min(map.text.length, end) - 1;
  while (s <= e && !map.nodes[s]) s++;
  while (e >= s && !map.nodes[e]) e--;
  if (s > e) return null;
  const r = doc.createRange();
  r.setStart(map.nodes[s]!, map.offs[s]);
  r.setEnd(map.nodes[e]!, map.offs[e] + 1);
  return r;
}
