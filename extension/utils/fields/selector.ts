/**
 * Per-site selectors made by the element picker, and the frame path they may carry.
 *
 * A per-site selector is a CSS selector, optionally prefixed with the (i)frames that lead to the
 * element: "iframe[name=main] >>> textarea[name=nr]". Each part is plain CSS evaluated in the
 * document the previous part's frame holds; the path starts at the highest same-origin document
 * (the top page, or the outermost frame of a cross-origin embed). Editor iframes are not part of
 * the path: a picked editor body is recorded as its iframe in the parent document.
 *
 * Built selectors prefer what survives a reload and a re-render: a hand-written id, name, stable
 * attributes and classes, then the same anchored on a stable ancestor; generated ids and
 * :nth-of-type chains only as a last resort.
 */
import { findEditables, frameDoc, targetFromElement } from './editors';
import type { FieldKey } from './types';

export const FRAME_SEPARATOR = ' >>> ';

/** "a >>> b" → ["a", "b"] (empty parts kept, so validation can reject them) */
export function splitSelectorPath(path: string): string[] {
  return path.split('>>>').map((s) => s.trim());
}

/** The frame element holding `doc`, or null at the top / under a cross-origin parent. */
export type FrameOf = (doc: Document) => Element | null;

export const defaultFrameOf: FrameOf = (doc) => {
  try {
    return doc.defaultView?.frameElement ?? null;
  } catch {
    return null;
  }
};

export interface PathOptions {
  frameOf?: FrameOf;
  frameDocument?: (frame: HTMLIFrameElement) => Document | null;
}

function safeQuery(doc: Document, sel: string): Element | null {
  try {
    return doc.querySelector(sel);
  } catch {
    return null;
  }
}

/**
 * Resolves a per-site selector in `doc`. A selector with a frame path only matches in the
 * document that path leads to, so the controllers of the other frames ignore it.
 */
export function querySelectorPath(doc: Document, path: string, opts: PathOptions = {}): Element | null {
  const parts = splitSelectorPath(path);
  const last = parts.pop()!;
  if (!parts.length) return safeQuery(doc, last);
  const frameOf = opts.frameOf ?? defaultFrameOf;
  let root = doc;
  for (let f = frameOf(root); f; f = frameOf(root)) root = f.ownerDocument;
  let d: Document | null = root;
  for (const p of parts) {
    const f = safeQuery(d, p);
    d = f && /^i?frame$/i.test(f.tagName) ? frameDoc(f as HTMLIFrameElement, { frameDocument: opts.frameDocument }) : null;
    if (!d) return null;
  }
  return d === doc ? safeQuery(doc, last) : null;
}

// ---------------------------------------------------------------- building

/** Ids made by frameworks or counters: never stable across reloads. */
export function isGeneratedId(id: string): boolean {
  return /^\d/.test(id) || /\d{4,}/.test(id) || /[:{}]/.test(id)
    || /[0-9a-f]{8}-?[0-9a-f]{4}/i.test(id)
    || /^(ext-|ext-gen|gen\d|ember\d|ng-|react-|radix-|headlessui-|mui-|el-id-|rc[-_]|vue-|j_id|yui_|dijit_|x-auto-|ui-id-|jqg)/i.test(id)
    || (/\d/.test(id) && /[a-z]/i.test(id) && /^[a-z0-9]{10,}$/i.test(id)); // hash-like
}

/** "edui1", "ueditor_0", "layui-layer-iframe2": widget counters, stable only while the page creates the same widgets in the same order */
function isSequenceId(id: string): boolean {
  return /\d/.test(id);
}

const STATE_CLASS = /^(is-|has-|ng-|js-)|(^|[-_])(active|focus(ed)?|hover|selected|checked|disabled|hidden|show|shown|open|current|error|invalid|valid|dirty|touched|pristine|empty|placeholder)($|[-_])/i;

function stableClass(c: string): boolean {
  return /^[A-Za-z_][\w-]*$/.test(c) && !/\d{3,}/.test(c) && !STATE_CLASS.test(c)
    && !/^(css|sc|jsx|emotion|svelte|styled)-/.test(c) && !/^[a-z]+[A-Z][A-Za-z]{4,}$/.test(c.replace(/^[\w]+-/, ''));
}

/** attributes worth a selector, in order of preference (name is handled first) */
const ATTRS = ['cn_name', 'aria-label', 'data-label', 'label', 'placeholder', 'title', 'data-field', 'data-name', 'data-key', 'role', 'contenteditable'];

const ident = (s: string) => /^-?[A-Za-z_][\w-]*$/.test(s);
const str = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ')}"`;
const tagOf = (el: Element) => el.tagName.toLowerCase();

function unique(doc: Document, sel: string, el: Element): boolean {
  try {
    const all = doc.querySelectorAll(sel);
    return all.length === 1 && all[0] === el;
  } catch {
    return false;
  }
}

interface Cand { sel: string; weak: boolean }

/** Compound selectors for the element itself, best first. */
function ownCandidates(el: Element): Cand[] {
  const tag = tagOf(el);
  const out: Cand[] = [];
  const id = el.getAttribute('id');
  if (id && !isGeneratedId(id) && !isSequenceId(id)) out.push({ sel: ident(id) ? `#${id}` : `${tag}[id=${str(id)}]`, weak: false });
  const name = el.getAttribute('name');
  if (name && !isGeneratedId(name)) out.push({ sel: `${tag}[name=${str(name)}]`, weak: false });
  for (const a of [...ATTRS, ...el.getAttributeNames().filter((n) => n.startsWith('data-') && !n.startsWith('data-v-') && !ATTRS.includes(n))]) {
    const v = el.getAttribute(a);
    if (v === null || v.length > 40 || (a.startsWith('data-') && (isGeneratedId(v) || /\d{3,}/.test(v)))) continue;
    out.push({ sel: `${tag}[${a}=${str(v)}]`, weak: false });
  }
  const classes = (el.getAttribute('class') || '').split(/\s+/).filter((c) => c && stableClass(c));
  for (const c of classes) out.push({ sel: `${tag}.${c}`, weak: false });
  if (classes.length > 1) out.push({ sel: `${tag}.${classes.slice(0, 2).join('.')}`, weak: false });
  if (id && !isGeneratedId(id) && isSequenceId(id)) out.push({ sel: ident(id) ? `#${id}` : `${tag}[id=${str(id)}]`, weak: true });
  return out;
}

function step(el: Element): string {
  const tag = tagOf(el);
  const parent = el.parentElement;
  if (!parent) return tag;
  const same = Array.from(parent.children).filter((c) => tagOf(c) === tag);
  return same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(el) + 1})` : tag;
}

/** "anc > div > textarea:nth-of-type(2)": unique whenever `anc` is */
function chainFrom(ancSel: string, anc: Element, el: Element): string {
  const steps: string[] = [];
  for (let n: Element | null = el; n && n !== anc; n = n.parentElement) steps.unshift(step(n));
  return [ancSel, ...steps].join(' > ');
}

const MAX_ANCESTORS = 6;

/** A CSS selector matching `el` and nothing else in its document. */
export function buildSelector(el: Element): string {
  const doc = el.ownerDocument;
  const own = ownCandidates(el);
  for (const c of own) if (!c.weak && unique(doc, c.sel, el)) return c.sel;

  // anchored on the nearest ancestor with a unique selector of its own (strong first, then weak ids)
  for (const weak of [false, true]) {
    let depth = 0;
    for (let anc = el.parentElement; anc && depth < MAX_ANCESTORS; anc = anc.parentElement, depth++) {
      const tag = tagOf(anc);
      if (tag === 'body' || tag === 'html') break;
      const a = ownCandidates(anc).find((c) => c.weak === weak && unique(doc, c.sel, anc));
      if (!a) continue;
      for (const local of [tagOf(el), ...own.filter((c) => !c.weak).map((c) => c.sel)]) {
        const sel = `${a.sel} ${local}`;
        if (unique(doc, sel, el)) return sel;
      }
      return chainFrom(a.sel, anc, el);
    }
    if (!weak) {
      const w = own.find((c) => c.weak && unique(doc, c.sel, el));
      if (w) return w.sel;
    }
  }
  // last resort: the full path from <body>
  const body = doc.body;
  return body && body.contains(el) && el !== body ? chainFrom('body', body, el) : tagOf(el);
}

/** The selector path of `el` from the highest same-origin document: frames first, then the element. */
export function buildSelectorPath(el: Element, frameOf: FrameOf = defaultFrameOf): string {
  const parts = [buildSelector(el)];
  for (let f = frameOf(el.ownerDocument); f; f = frameOf(f.ownerDocument)) parts.unshift(buildSelector(f));
  return parts.join(FRAME_SEPARATOR);
}

// ---------------------------------------------------------------- what a pick stands for

/** Fields the picker can set (those with a selector in the per-site settings). */
export type PickKey = Extract<FieldKey, 'replyBody' | 'replySummary' | 'replyClass' | 'coHandlingOpinion'>;

const OURS = 'dafu-panel, dafu-mirror, dafu-picker';

function editableRoot(el: Element): Element | null {
  let root: Element | null = null;
  for (let n: Element | null = el; n; n = n.parentElement) {
    const v = n.getAttribute('contenteditable');
    if (v === null) continue;
    if (v.toLowerCase() === 'false') break;
    root = n;
  }
  return root;
}

function isTextControl(el: Element): boolean {
  const tag = tagOf(el);
  return tag === 'textarea' || (tag === 'input' && /^(text|search|)$/i.test(el.getAttribute('type') || ''));
}

/**
 * The field a pick at `el` stands for, in the document a selector should be built in: the
 * textarea, the contenteditable root, or, for an editor inside an iframe, that iframe (picked
 * from the editor's own document or from its toolbar/frame). For form controls (答复类别 …) the
 * select/input itself. null when the point is not on such a field.
 */
export function resolvePick(el: Element, key: PickKey = 'replyBody', opts: PathOptions = {}): Element | null {
  const frameOf = opts.frameOf ?? defaultFrameOf;
  if (el.closest(OURS)) return null;
  const doc = el.ownerDocument;
  if (key === 'replyClass') {
    const c = el.closest('select, input, textarea') ?? (tagOf(el) === 'label' ? (el as HTMLLabelElement).control ?? null : null);
    return c && tagOf(c) !== 'button' ? c : null;
  }
  // inside an editor iframe: the iframe in the parent document is the field
  const body = doc.body;
  const frame = frameOf(doc);
  if (frame && body && (doc.designMode === 'on' || editableRoot(body) === body || (body as HTMLElement).isContentEditable)) {
    return /^i?frame$/i.test(frame.tagName) ? frame : null;
  }
  if (isTextControl(el)) return el;
  const root = editableRoot(el);
  if (root) return root;
  if (tagOf(el) === 'iframe' && targetFromElement(el, { frameDocument: opts.frameDocument })) return el;
  // editor chrome (toolbar, status bar, frame holder): the one editable inside the nearest ancestor
  const all = findEditables(doc, { isVisible: () => true, frameDocument: opts.frameDocument });
  let depth = 0;
  for (let anc: Element | null = el; anc && depth < 5; anc = anc.parentElement, depth++) {
    if (anc === body) break;
    const inside = all.filter((t) => anc!.contains(t.frame ?? t.editable));
    if (inside.length > 1) return null;
    if (inside.length === 1) return inside[0].frame ?? inside[0].editable;
  }
  return null;
}
