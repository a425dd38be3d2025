/**
 * Helpers for field-finder unit tests: render the replica page (test/e2e/replica/replica.js)
 * into a linkedom document. linkedom has no layout and no iframe documents, so iframe editor
 * documents are parsed separately and handed to the finder through `frameDocument`.
 */
import { parseHTML } from 'linkedom';
// @ts-expect-error plain JS module without types
import * as R from '../e2e/replica/replica.js';
import type { FinderOptions } from '../../extension/utils/fields/types';

export const replica = R as {
  parseVariant(search?: string, hash?: string): Record<string, string>;
  renderStatic(doc: Document, v: Record<string, string>): Element | null;
  renderShell(doc: Document, v: Record<string, string>): Element;
  renderBackForm(doc: Document, slot: Element, c: unknown): Element;
  findCase(id: string): unknown;
  EDITOR_FRAME_HTML: Record<string, string>;
  CASES: { id: string }[];
};

export interface ReplicaDoc {
  document: Document;
  opts: FinderOptions;
  editor: Element | null;
  frameDocs: Map<Element, Document>;
}

export function newDocument(html = '<div id="app"></div>'): Document {
  return parseHTML(`<!doctype html><html><head><title>××市建议提案信息管理系统</title></head><body>${html}</body></html>`).document as unknown as Document;
}

export function renderReplica(search = '', hash = '#reply/2025-R-0137'): ReplicaDoc {
  const document = newDocument();
  const v = replica.parseVariant(search, hash);
  const editor = replica.renderStatic(document, v);
  const frameDocs = new Map<Element, Document>();
  if (editor && editor.tagName.toLowerCase() === 'iframe') {
    const html = replica.EDITOR_FRAME_HTML[v.editor] ?? replica.EDITOR_FRAME_HTML.ueditor;
    frameDocs.set(editor, parseHTML(html).document as unknown as Document);
  }
  const opts: FinderOptions = { frameDocument: (f) => frameDocs.get(f) ?? null };
  return { document, opts, editor, frameDocs };
}

/** Selects an option by its visible text (linkedom has no selectedIndex). */
export function selectByText(select: Element, text: string): void {
  for (const o of Array.from(select.querySelectorAll('option'))) {
    if ((o.textContent || '').startsWith(text)) o.setAttribute('selected', '');
    else o.removeAttribute('selected');
  }
}
