/**
 * Finds the label texts that belong to a form control (system-ui.md §5.2 step 3).
 * Returns hits in order of reliability; every text is normalised.
 */
import { normalizeLabel } from './normalize';

export type LabelHow =
  | 'label-for' | 'label-wrap' | 'aria' | 'cell-left' | 'cell-above' | 'framework' | 'preceding' | 'attribute' | 'placeholder';

export interface LabelHit {
  text: string;
  how: LabelHow;
  /** multiplier applied to the synonym score */
  weight: number;
}

const CONTROL_SELECTOR = 'input:not([type=hidden]), textarea, select, button, iframe, [contenteditable=""], [contenteditable="true"]';
const MAX_LABEL = 24;

function cssEscape(id: string): string {
  const g = globalThis as { CSS?: { escape?: (s: string) => string } };
  return g.CSS?.escape ? g.CSS.escape(id) : id.replace(/["\\]/g, '\\$&');
}

function textOf(el: Element | null | undefined): string {
  if (!el) return '';
  return normalizeLabel(el.textContent || '');
}

/** Visible-ish own text of a cell, ignoring the text of controls inside it (e.g. option texts). */
function cellLabelText(cell: Element): string {
  let s = '';
  const walk = (n: Node) => {
    for (const c of Array.from(n.childNodes)) {
      if (c.nodeType === 3) s += c.nodeValue || '';
      else if (c.nodeType === 1) {
        const tag = (c as Element).tagName.toLowerCase();
        if (tag === 'select' || tag === 'textarea' || tag === 'script' || tag === 'style' || tag === 'option' || tag === 'button') continue;
        walk(c);
      }
    }
  };
  walk(cell);
  return normalizeLabel(s);
}

function hasControl(cell: Element): boolean {
  return !!cell.querySelector(CONTROL_SELECTOR);
}

/** Column index of a cell, taking colspans of earlier cells into account. */
function columnOf(cell: HTMLTableCellElement): number {
  let col = 0;
  for (let c = cell.previousElementSibling; c; c = c.previousElementSibling) {
    col += Number(c.getAttribute('colspan') || 1) || 1;
  }
  return col;
}

function cellAt(row: Element, col: number): Element | null {
  let x = 0;
  for (const c of Array.from(row.children)) {
    const tag = c.tagName.toLowerCase();
    if (tag !== 'td' && tag !== 'th') continue;
    const span = Number(c.getAttribute('colspan') || 1) || 1;
    if (col >= x && col < x + span) return c;
    x += span;
  }
  return null;
}

function tableHits(el: Element): LabelHit[] {
  const hits: LabelHit[] = [];
  const cell = el.closest('td, th') as HTMLTableCellElement | null;
  if (!cell) return hits;
  // same row: nearest label-only cell to the left
  for (let c = cell.previousElementSibling; c; c = c.previousElementSibling) {
    const tag = c.tagName.toLowerCase();
    if (tag !== 'td' && tag !== 'th') continue;
    if (hasControl(c)) break;
    const t = cellLabelText(c);
    if (t) {
      if (t.length <= MAX_LABEL) hits.push({ text: t, how: 'cell-left', weight: 1 });
      break;
    }
  }
  // stacked layout: label-only cell directly above
  if (!hits.length) {
    const row = cell.parentElement;
    let prev = row?.previousElementSibling ?? null;
    // rows might be split over tbody sections
    if (!prev && row?.parentElement && row.parentElement.tagName.toLowerCase() !== 'table') {
      const sec = row.parentElement.previousElementSibling;
      prev = sec ? sec.lastElementChild : null;
    }
    if (prev) {
      const above = cellAt(prev, columnOf(cell));
      const only = prev.children.length === 1 ? prev.children[0] : null;
      const target = above ?? only;
      if (target && !hasControl(target)) {
        const t = cellLabelText(target);
        if (t && t.length <= MAX_LABEL) hits.push({ text: t, how: 'cell-above', weight: 0.95 });
      }
    }
  }
  return hits;
}

const FRAMEWORK_PAIRS: [string, string][] = [
  ['.layui-form-item', '.layui-form-label'],
  ['.el-form-item', '.el-form-item__label'],
  ['.ant-form-item', '.ant-form-item-label'],
  ['.form-group', 'label, .control-label'],
  ['.form-item', '.form-label, .item-label, label'],
  ['dd', ''],
];

function frameworkHits(el: Element): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const [item, label] of FRAMEWORK_PAIRS) {
    if (item === 'dd') {
      const dd = el.closest('dd');
      const dt = dd?.previousElementSibling;
      if (dt && dt.tagName.toLowerCase() === 'dt') {
        const t = textOf(dt);
        if (t && t.length <= MAX_LABEL) hits.push({ text: t, how: 'framework', weight: 1 });
      }
      continue;
    }
    const box = el.closest(item);
    if (!box) continue;
    const lab = Array.from(box.querySelectorAll(label)).find((l) => !l.contains(el) && !hasControl(l));
    const t = textOf(lab);
    if (t && t.length <= MAX_LABEL) {
      hits.push({ text: t, how: 'framework', weight: 1 });
      break;
    }
  }
  return hits;
}

/** The nearest preceding short text in the same block (e.g. "答复内容：<br><textarea>"). */
function precedingHits(el: Element): LabelHit[] {
  let node: Node | null = el;
  for (let depth = 0; node && depth < 3; depth++) {
    for (let p: Node | null = node.previousSibling; p; p = p.previousSibling) {
      if (p.nodeType === 1) {
        const e = p as Element;
        const tag = e.tagName.toLowerCase();
        if (tag === 'br' || tag === 'script' || tag === 'style') continue;
        if (e.matches?.(CONTROL_SELECTOR) || hasControl(e)) return [];
        const t = textOf(e);
        if (t) return t.length <= MAX_LABEL ? [{ text: t, how: 'preceding', weight: 0.9 }] : [];
      } else if (p.nodeType === 3) {
        const t = normalizeLabel(p.nodeValue);
        if (t) return t.length <= MAX_LABEL ? [{ text: t, how: 'preceding', weight: 0.9 }] : [];
      }
    }
    node = node.parentNode;
    const tag = (node as Element | null)?.tagName?.toLowerCase();
    if (!node || tag === 'form' || tag === 'td' || tag === 'th' || tag === 'body' || tag === 'tr' || tag === 'table') break;
  }
  return [];
}

/**
 * Label texts for a control. `anchor` is the element the page labels (for an editor, the
 * hidden original textarea or holder may carry the `for`/name, the container sits in the cell).
 */
export function labelsFor(anchor: Element, extra: Element[] = []): LabelHit[] {
  const hits: LabelHit[] = [];
  const doc = anchor.ownerDocument;
  const els = [anchor, ...extra.filter((e) => e && e !== anchor)];
  for (const el of els) {
    const id = el.getAttribute('id');
    if (id && doc) {
      for (const l of Array.from(doc.querySelectorAll(`label[for="${cssEscape(id)}"]`))) {
        const t = textOf(l);
        if (t) hits.push({ text: t, how: 'label-for', weight: 1 });
      }
    }
    const wrap = el.closest('label');
    if (wrap) {
      const t = cellLabelText(wrap);
      if (t) hits.push({ text: t, how: 'label-wrap', weight: 1 });
    }
    const aria = el.getAttribute('aria-label');
    if (aria) hits.push({ text: normalizeLabel(aria), how: 'aria', weight: 1 });
    const labelledby = el.getAttribute('aria-labelledby');
    if (labelledby && doc) {
      const t = labelledby.split(/\s+/).map((i) => textOf(doc.getElementById(i))).join('');
      if (t) hits.push({ text: t, how: 'aria', weight: 1 });
    }
    for (const attr of ['cn_name', 'data-label', 'label', 'data-name', 'data-title']) {
      const v = el.getAttribute(attr);
      if (v && /[\u4e00-\u9fff]/.test(v)) hits.push({ text: normalizeLabel(v), how: 'attribute', weight: 1 });
    }
  }
  for (const el of els) {
    hits.push(...tableHits(el));
    hits.push(...frameworkHits(el));
  }
  if (!hits.some((h) => h.how === 'cell-left' || h.how === 'cell-above' || h.how === 'framework' || h.how === 'label-for' || h.how === 'label-wrap')) {
    for (const el of els) hits.push(...precedingHits(el));
  }
  for (const el of els) {
    for (const attr of ['placeholder', 'title']) {
      const v = el.getAttribute(attr);
      if (v && /[\u4e00-\u9fff]/.test(v)) {
        const t = normalizeLabel(v).replace(/^请(输入|填写|选择)/, '');
        if (t) hits.push({ text: t.slice(0, MAX_LABEL), how: 'placeholder', weight: 0.7 });
      }
    }
  }
  // de-duplicate
  const seen = new Set<string>();
  return hits.filter((h) => {
    const k = `${h.how}|${h.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
