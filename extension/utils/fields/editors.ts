/**
 * Editor adapters (system-ui.md §3): find rich editors and plain text areas by their DOM
 * signatures and return the live editable element, never the stale hidden textarea.
 */
import type { EditableTarget, EditorKind, FinderOptions } from './types';
import { isVisible as defaultIsVisible } from './visibility';

export function frameDoc(frame: HTMLIFrameElement, opts: FinderOptions): Document | null {
  if (opts.frameDocument) return opts.frameDocument(frame);
  try {
    return frame.contentDocument ?? null;
  } catch {
    return null; // cross-origin
  }
}

function editableBody(doc: Document | null): HTMLElement | null {
  const body = doc?.body;
  if (!body) return null;
  const ce = (body.getAttribute('contenteditable') || '').toLowerCase();
  if (ce === '' && body.hasAttribute('contenteditable')) return body;
  if (ce === 'true' || ce === 'plaintext-only') return body;
  if ((body as HTMLElement).isContentEditable === true) return body;
  if (doc?.designMode === 'on') return body;
  return null;
}

interface IframeAdapter {
  kind: EditorKind;
  container: string;
  frame: string;
  original?: (container: Element, frame: HTMLIFrameElement) => Element | null;
}

interface DivAdapter {
  kind: EditorKind;
  editable: string;
  container?: (editable: Element) => Element | null;
}

const prevTextarea = (c: Element): Element | null => {
  for (let p = c.previousElementSibling; p; p = p.previousElementSibling) {
    if (p.tagName.toLowerCase() === 'textarea') return p;
  }
  return null;
};

const IFRAME_ADAPTERS: IframeAdapter[] = [
  {
    kind: 'ueditor',
    container: 'div.edui-editor',
    frame: 'iframe[id^="ueditor_"], .edui-editor-iframeholder iframe',
    original: (c) => c.querySelector('textarea[id^="ueditor_textarea_"]')
      ?? (c.parentElement?.tagName.toLowerCase() === 'script' ? c.parentElement : null)
      ?? (c.parentElement && c.parentElement.id ? c.parentElement : null),
  },
  { kind: 'kindeditor', container: 'div.ke-container', frame: 'iframe.ke-edit-iframe', original: prevTextarea },
  { kind: 'ckeditor4', container: 'div.cke', frame: 'iframe.cke_wysiwyg_frame', original: (c) => {
    const name = (c.id || '').replace(/^cke_/, '');
    return (name && c.ownerDocument.querySelector(`textarea[name="${name}"], textarea#${name.replace(/[^\w-]/g, '')}`)) || prevTextarea(c);
  } },
  { kind: 'tinymce', container: 'div.tox-tinymce, div.mce-tinymce', frame: 'iframe.tox-edit-area__iframe, iframe[id$="_ifr"]', original: (_c, f) => {
    const id = (f.id || '').replace(/_ifr$/, '');
    return (id && f.ownerDocument.getElementById(id)) || prevTextarea(_c);
  } },
  { kind: 'layedit', container: 'div.layui-layedit', frame: 'iframe[id^="LAY_layedit_"], .layui-layedit-iframe iframe', original: (_c, f) => {
    const id = f.getAttribute('textarea');
    return (id && f.ownerDocument.getElementById(id)) || prevTextarea(_c);
  } },
];

const DIV_ADAPTERS: DivAdapter[] = [
  { kind: 'wangeditor5', editable: '[data-slate-editor][contenteditable="true"]', container: (e) => e.closest('.w-e-text-container')?.parentElement ?? e.closest('[data-w-e-textarea]') },
  { kind: 'wangeditor', editable: 'div.w-e-text[contenteditable="true"]', container: (e) => e.closest('.w-e-text-container')?.parentElement ?? null },
  { kind: 'umeditor', editable: 'div.edui-body-container[contenteditable="true"]', container: (e) => e.closest('.edui-container') },
  { kind: 'ckeditor5', editable: '.ck-editor__editable[contenteditable="true"]', container: (e) => e.closest('.ck-editor') },
  { kind: 'ckeditor4', editable: 'div.cke_editable[contenteditable="true"]' },
  { kind: 'quill', editable: 'div.ql-editor[contenteditable="true"]', container: (e) => e.closest('.ql-container')?.parentElement ?? e.closest('.ql-container') },
];

/** Finds every editable area of a document, rich editors first. */
export function findEditables(doc: Document, opts: FinderOptions = {}): EditableTarget[] {
  const visible = opts.isVisible ?? defaultIsVisible;
  const ignore = opts.ignore ?? (() => false);
  const out: EditableTarget[] = [];
  const claimed = new Set<Element>();

  for (const a of IFRAME_ADAPTERS) {
    for (const container of Array.from(doc.querySelectorAll<HTMLElement>(a.container))) {
      if (ignore(container) || claimed.has(container)) continue;
      if (a.kind === 'ueditor' && container.parentElement?.closest('div.edui-editor')) continue;
      claimed.add(container);
      const frame = container.querySelector<HTMLIFrameElement>(a.frame);
      if (!frame) continue;
      claimed.add(frame);
      if (!visible(container)) continue;
      const fdoc = frameDoc(frame, opts);
      const body = editableBody(fdoc);
      if (!body || !fdoc) continue;
      const original = a.original?.(container, frame) ?? null;
      if (original) claimed.add(original);
      out.push({ kind: a.kind, editable: body, doc: fdoc, frame, container, original });
    }
  }
  // originals of claimed editors (hidden textareas) must never be candidates
  for (const c of Array.from(claimed)) {
    for (const t of Array.from(c.querySelectorAll('textarea'))) claimed.add(t);
    const prev = c.previousElementSibling;
    if (prev && prev.tagName.toLowerCase() === 'textarea') claimed.add(prev);
  }

  for (const a of DIV_ADAPTERS) {
    for (const editable of Array.from(doc.querySelectorAll<HTMLElement>(a.editable))) {
      if (ignore(editable) || claimed.has(editable) || !visible(editable)) continue;
      claimed.add(editable);
      const container = (a.container?.(editable) as HTMLElement | null) ?? editable;
      out.push({ kind: a.kind, editable, doc, container, original: null });
    }
  }

  // generic editable iframes (designMode / contenteditable body) outside known editors
  for (const frame of Array.from(doc.querySelectorAll<HTMLIFrameElement>('iframe'))) {
    if (claimed.has(frame) || ignore(frame) || !visible(frame)) continue;
    const fdoc = frameDoc(frame, opts);
    const body = editableBody(fdoc);
    if (!body || !fdoc) continue;
    claimed.add(frame);
    out.push({ kind: 'iframe', editable: body, doc: fdoc, frame, container: frame, original: null });
  }

  // generic contenteditable roots
  for (const el of Array.from(doc.querySelectorAll<HTMLElement>('[contenteditable]'))) {
    const v = (el.getAttribute('contenteditable') || '').toLowerCase();
    if (v !== '' && v !== 'true' && v !== 'plaintext-only') continue;
    if (el === doc.body || claimed.has(el) || ignore(el)) continue;
    if (el.parentElement?.closest('[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]')) continue;
    if (Array.from(claimed).some((c) => c.contains(el))) continue;
    if (!visible(el)) continue;
    claimed.add(el);
    out.push({ kind: 'contenteditable', editable: el, doc, container: el, original: null });
  }

  // plain textareas
  for (const ta of Array.from(doc.querySelectorAll<HTMLTextAreaElement>('textarea'))) {
    if (claimed.has(ta) || ignore(ta) || ta.disabled || ta.readOnly || ta.hasAttribute('readonly') || ta.hasAttribute('disabled')) continue;
    if (!visible(ta)) continue;
    out.push({ kind: 'textarea', editable: ta, doc, container: ta, original: ta });
  }
  return out;
}

/** Resolves a user-given selector to an editable target (element, its iframe, or an editor container). */
export function targetFromElement(el: Element, opts: FinderOptions = {}): EditableTarget | null {
  const doc = el.ownerDocument;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || (tag === 'input' && /^(text|search|)$/i.test(el.getAttribute('type') || ''))) {
    return { kind: 'textarea', editable: el as HTMLElement, doc, container: el as HTMLElement, original: el };
  }
  if (tag === 'iframe') {
    const fdoc = frameDoc(el as HTMLIFrameElement, opts);
    const body = editableBody(fdoc);
    return body && fdoc ? { kind: 'iframe', editable: body, doc: fdoc, frame: el as HTMLIFrameElement, container: el as HTMLElement, original: null } : null;
  }
  const ce = (el.getAttribute('contenteditable') || '').toLowerCase();
  if (el.hasAttribute('contenteditable') && ce !== 'false') {
    return { kind: 'contenteditable', editable: el as HTMLElement, doc, container: el as HTMLElement, original: null };
  }
  // a container: take the first editable inside it
  const inner = findEditables(doc, { ...opts, isVisible: () => true }).find((t) => el.contains(t.container) || el.contains(t.frame ?? t.editable));
  if (inner) return { ...inner, container: el as HTMLElement };
  return null;
}
