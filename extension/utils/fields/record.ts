/**
 * Reads the suggestion (建议/提案) a page shows: the record block around a content label
 * (建议内容, 提案内容, 案由 …), or, on a record page without such a label, the block around
 * its title (关于…的建议). The block is written out as the record's own lines — label cells
 * as "标签：值", the cells of a row joined by " | " — and handed to the core as it is: the
 * core reads a record's fields (core/src/targeting/asks.ts), the extension does not re-parse it.
 * Form rows (with inputs, editors) and handling fields (办理要求, 审核意见 …) are left out.
 */
import { suggestionAsks } from '../checker';
import { normalizeLabel } from './normalize';
import { LABELS } from './synonyms';
import { isVisibleByAttributes } from './visibility';

/** Labels that name the suggestion's text on their own. */
const CONTENT_LABELS = [
  ...LABELS.caseContent!, '提案理由', '具体建议', '实施建议及措施', '提案人对本案的实施建议及措施', '对本案的实施建议', '建议及措施',
  '问题及建议', '主要内容', '反映内容', '建议原文', '提案原文', '原件内容',
];
/** Labels that name it only inside a record (a title, number or proposer field beside them). */
const WEAK_CONTENT_LABELS = ['案由', '事由', '理由', '案据', '办法', '建议', '内容', '正文', '原文', '全文'];
const RECORD_LABELS = [...LABELS.caseNo!, ...LABELS.caseTitle!, ...LABELS.proposer!, ...LABELS.coProposers!];
/** Fields of the handling, not of the suggestion: left out of the record's text. */
const HANDLING_LABELS = new Set([
  '办理要求', '交办要求', '交办意见', '审核意见', '审查意见', '退回理由', '退回改办建议', '驳回意见', '驳回理由', '督办意见', '批示',
  '领导批示', '办理情况', '办理结果', '办理意见', '反馈意见', '满意度', '备注', '申退理由', '操作',
  ...LABELS.replyBody!, ...LABELS.coHandlingOpinion!, ...LABELS.replySummary!,
]);
const TITLE = /^[《“"]?关于[^\n]{2,80}?的?(?:建议|提案|议案)[》”"]?$/u;
const MAX_LABEL = 20;
const MAX_TITLE = 84;
const MAX_TEXT = 30_000;

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'select', 'option', 'button', 'input', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'canvas', 'head', 'dafu-panel', 'dafu-mirror']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody',
  'thead', 'tfoot', 'tr', 'ul',
]);
/** Rows of a form: left out as a whole when they hold an input or an editor. */
const ROWS = 'tr, .layui-form-item, .el-form-item, .ant-form-item, .form-group, .form-item';
const CONTROL = 'input:not([type=hidden]), select, textarea:not([readonly]):not([disabled]), iframe, [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]';

export interface PageSuggestion {
  /** the record as the page shows it, for the core (its fields and the asks) */
  text: string;
  /** the label the block was found by (建议内容 …), or 标题 for a record page found by its title */
  label: string;
  /** the record's title, when the core found one */
  title?: string;
  /** how many asks the core reads in it */
  asks: number;
}

const tagOf = (n: Element) => n.tagName.toLowerCase();
const isRowWithControl = (el: Element) => el.matches(ROWS) && !!el.querySelector(CONTROL);

/** The label a cell or label element states ("案  由：" → 案由), if it is a short one. */
function ownLabel(el: Element, max = MAX_LABEL): string {
  const raw = el.textContent || '';
  if (raw.length > max * 4) return '';
  const t = normalizeLabel(raw);
  return t.length <= max ? t : '';
}

/**
 * The record's text: block elements and <br> break lines, the cells of a table row are joined
 * by " | ", controls and our own UI are skipped, read-only text boxes give their value.
 */
export function recordText(root: Element): string {
  let out = '';
  const br = () => { if (out && !out.endsWith('\n')) out += '\n'; };
  const walk = (n: Node): void => {
    if (out.length > MAX_TEXT) return;
    if (n.nodeType === 3) { out += (n.nodeValue || '').replace(/[\s\u00a0]+/gu, ' '); return; }
    if (n.nodeType !== 1) return;
    const el = n as Element;
    const tag = tagOf(el);
    if (SKIP.has(tag)) return;
    if (tag === 'br') { out += '\n'; return; }
    if (tag === 'textarea') { br(); out += (el as HTMLTextAreaElement).value ?? el.textContent ?? ''; br(); return; }
    const ce = el.getAttribute('contenteditable');
    if (ce !== null && ce.toLowerCase() !== 'false') return;
    if (el !== root && isRowWithControl(el)) return;
    if (tag === 'tr') { br(); row(el); br(); return; }
    const block = BLOCK.has(tag);
    if (block) br();
    for (const c of Array.from(el.childNodes)) walk(c);
    if (block) br();
  };
  // a row: "标签：值 | 标签：值", handling fields (办理要求 …) and their values left out
  const row = (tr: Element) => {
    const cells = Array.from(tr.children).filter((c) => tagOf(c) === 'td' || tagOf(c) === 'th');
    let first = true;
    for (let i = 0; i < cells.length; i++) {
      const label = ownLabel(cells[i]);
      if (label && HANDLING_LABELS.has(label) && !cells[i].querySelector(CONTROL)) { i++; continue; }
      if (!first) out += ' | ';
      first = false;
      walk(cells[i]);
      out = out.replace(/[ \n]+$/u, '');
    }
  };
  walk(root);
  return out.split('\n').map((l) => l.replace(/[ \u3000]+/gu, ' ').trim()).filter(Boolean).join('\n');
}

/** The block a label belongs to: its table, or the nearest record-like container. */
function blockOf(anchor: Element): Element {
  const cell = anchor.closest('td, th');
  if (cell) return cell.closest('table') ?? cell;
  return anchor.closest('table, dl, form, fieldset, article, section, main, .layui-form, .el-form, .ant-form')
    ?? anchor.ownerDocument.body ?? anchor;
}

/** Elements whose whole (short) text is a label or a title, in document order. */
function labelElements(doc: Document): { el: Element; label: string }[] {
  const out: { el: Element; label: string }[] = [];
  const els = doc.querySelectorAll('td, th, dt, label, b, strong, span, div, p, h1, h2, h3, h4, h5, h6, legend, font');
  for (const el of Array.from(els)) {
    if (el.querySelector(CONTROL) || el.closest('dafu-panel')) continue;
    // a view the page has put away (the case list behind the reply form); hidden by attribute or
    // inline style only, so that the 原件 of a tab panel the user has not opened still counts
    if (!isVisibleByAttributes(el)) continue;
    // a wrapper of a single label element: the inner one speaks
    if (el.children.length === 1 && normalizeLabel(el.children[0].textContent) === normalizeLabel(el.textContent) && tagOf(el) !== 'td' && tagOf(el) !== 'th') continue;
    const label = ownLabel(el, MAX_TITLE);
    if (label) out.push({ el, label });
  }
  return out;
}

/** Text nodes that open with a content label inline: "建议内容：我市…" (a record printed as text). */
function inlineAnchors(doc: Document): Element[] {
  const re = new RegExp(`^[\\s\\u3000]*(?:${CONTENT_LABELS.join('|')})[\\s\\u3000]*[:：]`, 'u');
  const out: Element[] = [];
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n && out.length < 5; n = walker.nextNode()) {
    if (re.test(n.nodeValue || '') && n.parentElement && !n.parentElement.closest('dafu-panel, script, style, textarea')) out.push(n.parentElement);
  }
  return out;
}

function judge(block: Element, label: string): PageSuggestion | null {
  const text = recordText(block);
  if (text.replace(/\s/gu, '').length < 10) return null;
  const parts = suggestionAsks(text);
  // a title alone (the reply page's own header) is no suggestion text
  if (!parts.asks.some((a) => a.source !== 'title')) return null;
  return { text, label, asks: parts.asks.length, ...(parts.title ? { title: parts.title } : {}) };
}

/**
 * The suggestion the document shows, or null: by a content label (建议内容 …; 案由, 理由, 办法 …
 * only beside a record field), by an inline label, or by a title on a record page.
 */
export function readPageSuggestion(doc: Document): PageSuggestion | null {
  if (!doc.body) return null;
  const labels = labelElements(doc);
  const recordish = (block: Element) => labels.some((l) => RECORD_LABELS.includes(l.label) && block.contains(l.el));
  const tried = new Set<Element>();
  const attempt = (block: Element, label: string) => {
    if (tried.has(block)) return null;
    tried.add(block);
    return judge(block, label);
  };
  for (const { el, label } of labels) {
    if (!CONTENT_LABELS.includes(label)) continue;
    const found = attempt(blockOf(el), label);
    if (found) return found;
  }
  for (const { el, label } of labels) {
    if (!WEAK_CONTENT_LABELS.includes(label)) continue;
    const block = blockOf(el);
    if (!recordish(block)) continue;
    const found = attempt(block, label);
    if (found) return found;
  }
  for (const el of inlineAnchors(doc)) {
    const found = attempt(blockOf(el), normalizeLabel((el.textContent || '').split(/[:：]/u)[0]));
    if (found) return found;
  }
  // a record page: the title, the fields and the text under it (a list of titles is no record)
  const titles = labels.filter((l) => TITLE.test(l.label));
  for (const { el } of titles) {
    const block = blockOf(el);
    if (new Set(titles.filter((t) => block.contains(t.el)).map((t) => t.label)).size > 1) continue;
    const found = attempt(block, '标题');
    if (found) return found;
  }
  return null;
}
