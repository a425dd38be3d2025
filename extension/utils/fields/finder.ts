/**
 * Field finder: per-site selectors → editor adapters → label synonyms → name/id tokens →
 * structure, with a confidence threshold (system-ui.md §5.2).
 */
import { findEditables, targetFromElement } from './editors';
import { labelsFor, type LabelHit } from './labels';
import { querySelectorPath } from './selector';
import { attrTokens, buttonLabel, normalizeLabel } from './normalize';
import {
  CONTEXT_ACTION, CONTEXT_SUBJECT, LABELS, NEGATIVE_BODY_TOKENS, NON_SUBMIT_LABELS, SAVE_LABELS, SUBMIT_LABELS, TOKENS,
  isNegativeBodyLabel, labelScore,
} from './synonyms';
import type { EditableTarget, FieldKey, Found, FoundBody, FoundFields, FinderOptions } from './types';
import { isVisible as defaultIsVisible } from './visibility';

export const DEFAULT_THRESHOLD = 0.6;

const RICH: ReadonlySet<string> = new Set(['ueditor', 'umeditor', 'kindeditor', 'ckeditor4', 'ckeditor5', 'tinymce', 'wangeditor', 'wangeditor5', 'layedit', 'quill', 'iframe']);

const CONTROL_KEYS: FieldKey[] = [
  'replyClass', 'publicity', 'publicityReason', 'replySummary', 'replyLetterUpload', 'attachments', 'commMethod', 'commTime',
  'commPerson', 'contactName', 'contactPhone', 'signer', 'replyDate', 'docNumber',
];
const VALUE_KEYS: FieldKey[] = ['caseNo', 'caseTitle', 'caseContent', 'proposer', 'coProposers', 'hostUnit', 'coUnits', 'handlingRole', 'caseKind', 'returnReason'];

function pageText(doc: Document): string {
  const t = `${doc.title || ''} ${(doc.body?.textContent || '').slice(0, 30000)}`;
  return t;
}

export function isReplyContext(doc: Document): boolean {
  const t = pageText(doc);
  return CONTEXT_SUBJECT.test(t) && CONTEXT_ACTION.test(t);
}

function area(el: Element): number {
  if (typeof (el as HTMLElement).getBoundingClientRect === 'function') {
    try {
      const r = el.getBoundingClientRect();
      if (r && r.width * r.height > 0) return r.width * r.height;
    } catch { /* no layout */ }
  }
  const rows = Number(el.getAttribute('rows') || 0);
  const h = Number((el.getAttribute('style') || '').match(/height\s*:\s*(\d+)/)?.[1] || 0);
  return Math.max(rows * 20, h, 1) * 400;
}

function bodyLabelScore(hits: LabelHit[], replyContext: boolean, extraLabel?: string): { score: number; label?: string; negative: boolean; co: number; coLabel?: string } {
  let score = 0;
  let label: string | undefined;
  let negative = false;
  let co = 0;
  let coLabel: string | undefined;
  for (const h of hits) {
    if (extraLabel && (h.text === normalizeLabel(extraLabel))) {
      return { score: 1, label: h.text, negative: false, co: 0 };
    }
    // a structural label (cell/framework/label-for) that is negative decides; a placeholder alone does not
    if (isNegativeBodyLabel(h.text) && labelScore(h.text, LABELS.replyBody!).score < 1) {
      if (h.how !== 'placeholder') negative = true;
      continue;
    }
    let s = labelScore(h.text, LABELS.replyBody!).score * h.weight;
    if (!s && replyContext && (h.text === '正文' || h.text === '内容' || h.text === '答复正文内容')) s = 0.7 * h.weight;
    if (s > score) { score = s; label = h.text; }
    const c = labelScore(h.text, LABELS.coHandlingOpinion!).score * h.weight;
    if (c > co) { co = c; coLabel = h.text; }
  }
  return { score, label, negative, co, coLabel };
}

function tokenScore(els: (Element | null | undefined)[], key: FieldKey): { score: number; negative: boolean } {
  const toks = new Set<string>();
  for (const el of els) {
    if (!el) continue;
    for (const a of ['name', 'id']) for (const t of attrTokens(el.getAttribute(a))) toks.add(t);
  }
  const want = TOKENS[key] ?? [];
  const negative = key === 'replyBody' && NEGATIVE_BODY_TOKENS.some((t) => toks.has(t));
  return { score: want.some((t) => toks.has(t)) ? 0.5 : 0, negative };
}

function isSubmitLabel(label: string, extra?: string): boolean {
  if (!label) return false;
  if (extra && label === normalizeLabel(extra)) return true;
  if (NON_SUBMIT_LABELS.includes(label)) return false;
  return SUBMIT_LABELS.includes(label);
}

const BUTTONISH = 'button, input[type=button], input[type=submit], a, [role=button], .layui-btn, .el-button, .btn, .l-btn';

/** The button-like element a click landed on, if any. */
export function buttonFromEvent(target: EventTarget | null): HTMLElement | null {
  const el = target as Element | null;
  if (!el || typeof el.closest !== 'function') return null;
  return el.closest(BUTTONISH) as HTMLElement | null;
}

export function isSubmitButton(el: Element, site?: FinderOptions['site']): boolean {
  const ov = site?.submitButton;
  if (ov?.selector) {
    try { if (el.matches(ov.selector)) return true; } catch { /* bad selector */ }
  }
  return isSubmitLabel(buttonLabel(el), ov?.text);
}

export function findSubmitButtons(doc: Document, opts: FinderOptions = {}): HTMLElement[] {
  const visible = opts.isVisible ?? defaultIsVisible;
  const out: HTMLElement[] = [];
  for (const el of Array.from(doc.querySelectorAll<HTMLElement>(BUTTONISH))) {
    if (opts.ignore?.(el)) continue;
    if (!isSubmitButton(el, opts.site)) continue;
    if (!visible(el)) continue;
    out.push(el);
  }
  return out;
}

function scoreBody(t: EditableTarget, replyContext: boolean, opts: FinderOptions): FoundBody & { co: number; coLabel?: string; negative: boolean } {
  const anchors = [t.original, t.frame].filter(Boolean) as Element[];
  const hits = labelsFor(t.container, anchors);
  const lab = bodyLabelScore(hits, replyContext, opts.site?.replyBody?.label);
  const tok = tokenScore([t.editable.ownerDocument === t.container.ownerDocument ? t.editable : null, t.original, t.container], 'replyBody');
  let confidence = lab.score;
  let source: FoundBody['source'] = lab.score ? 'label' : 'attr';
  if (tok.score > confidence) { confidence = tok.score; source = 'attr'; }
  if (confidence > 0 && RICH.has(t.kind)) confidence += 0.1;
  if (confidence > 0 && replyContext) confidence += 0.1;
  const negative = lab.negative || (tok.negative && lab.score < 0.8);
  if (negative) confidence = 0;
  return {
    key: 'replyBody', element: t.editable, target: t, confidence: Math.min(1, confidence), source, label: lab.label,
    co: lab.co, coLabel: lab.coLabel, negative,
  };
}

/** Structural fallback: the largest editable area in a container (form) that also holds a submit-like button. */
function structural(cands: (FoundBody & { negative: boolean })[], submits: HTMLElement[]): FoundBody | null {
  if (!submits.length) return null;
  const usable = cands.filter((c) => !c.negative && c.confidence === 0);
  let best: FoundBody | null = null;
  let bestArea = 0;
  for (const c of usable) {
    const box = c.target.container.closest('form') ?? c.target.container.ownerDocument.body;
    if (!submits.some((s) => box.contains(s))) continue;
    const a = area(c.target.frame ?? c.target.container);
    if (a > bestArea) { bestArea = a; best = c; }
  }
  return best;
}

interface ControlCand { el: Element; key: FieldKey; score: number; label?: string }

function controlCandidates(doc: Document, opts: FinderOptions, replyContext: boolean): ControlCand[] {
  const visible = opts.isVisible ?? defaultIsVisible;
  const els = Array.from(doc.querySelectorAll('select, input, textarea'));
  const radioSeen = new Set<string>();
  const out: ControlCand[] = [];
  for (const el of els) {
    if (opts.ignore?.(el)) continue;
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (tag === 'input' && ['hidden', 'button', 'submit', 'reset', 'image'].includes(type)) continue;
    const isFile = tag === 'input' && type === 'file';
    if (!isFile && !visible(el)) {
      // Layui/EasyUI hide the native select and draw their own widget: accept hidden selects
      // whose widget sibling is visible.
      const sib = el.nextElementSibling;
      const widget = tag === 'select' && sib && /layui-form-select|combo|el-select/.test(sib.className || '');
      if (!widget || !visible(sib)) continue;
    }
    if (type === 'radio' || type === 'checkbox') {
      const name = el.getAttribute('name') || '';
      if (name && radioSeen.has(name)) continue;
      if (name) radioSeen.add(name);
    }
    const hits = labelsFor(el).filter((h) => !((type === 'radio' || type === 'checkbox') && h.how === 'label-wrap'));
    for (const key of CONTROL_KEYS) {
      if (isFile !== (key === 'replyLetterUpload' || key === 'attachments')) continue;
      let best = 0;
      let label: string | undefined;
      const override = opts.site?.[key]?.label;
      for (const h of hits) {
        const s = (override && h.text === normalizeLabel(override) ? 1 : labelScore(h.text, LABELS[key] ?? []).score) * h.weight;
        if (s > best) { best = s; label = h.text; }
      }
      const tok = tokenScore([el], key).score;
      if (tok > best) best = tok;
      if (best > 0 && replyContext) best += 0.1;
      if (best >= DEFAULT_THRESHOLD) out.push({ el, key, score: Math.min(1, best), label });
    }
  }
  return out;
}

/** Text with its line breaks kept (innerText turns <br> and paragraphs into them), one trimmed line per line. */
const lineText = (text: string) => text.split(/\r?\n/).map((l) => l.replace(/[\s\u00a0\u3000]+/g, ' ').trim()).filter(Boolean).join('\n');

function valueCells(doc: Document, opts: FinderOptions): FoundFields['values'] {
  const visible = opts.isVisible ?? defaultIsVisible;
  const values: FoundFields['values'] = {};
  const labelEls = Array.from(doc.querySelectorAll('td, th, dt, .layui-form-label, .el-form-item__label, label, b, strong'));
  for (const lab of labelEls) {
    if (opts.ignore?.(lab)) continue;
    if (lab.querySelector('input, select, textarea, iframe, button')) continue;
    if (lab.closest('thead')) continue;
    const text = normalizeLabel(lab.textContent);
    if (!text || text.length > 12) continue;
    let key: FieldKey | undefined;
    for (const k of VALUE_KEYS) {
      if (values[k]) continue;
      if ((LABELS[k] ?? []).includes(text) || opts.site?.[k]?.label && normalizeLabel(opts.site[k]!.label) === text) { key = k; break; }
    }
    if (!key) continue;
    let valueEl: Element | null = null;
    const tag = lab.tagName.toLowerCase();
    if (tag === 'td' || tag === 'th') valueEl = lab.nextElementSibling;
    else if (tag === 'dt') valueEl = lab.nextElementSibling;
    else if (tag === 'label' || tag === 'b' || tag === 'strong' || lab.classList.contains('layui-form-label') || lab.classList.contains('el-form-item__label')) {
      valueEl = lab.nextElementSibling;
    }
    if (!valueEl) continue;
    // the suggestion's text may be shown in a read-only text box
    const shown = key === 'caseContent' ? valueEl.querySelector<HTMLTextAreaElement>('textarea[readonly], textarea[disabled]') : null;
    if (!shown && valueEl.querySelector('input, select, textarea')) continue;
    if (!visible(valueEl)) continue;
    // the suggestion's text keeps its lines (numbered asks stand on their own lines)
    const raw = key !== 'caseContent' ? (valueEl.textContent || '').replace(/[\s\u00a0\u3000]+/g, ' ').trim() : shown ? lineText(shown.value) : lineText((valueEl as HTMLElement).innerText ?? valueEl.textContent ?? '');
    if (!raw || LABELS[key]!.includes(normalizeLabel(raw))) continue;
    values[key] = { text: raw, label: text, element: valueEl };
  }
  return values;
}

/** Resolves the logical fields of one document (not descending into non-editor iframes). */
export function findFields(doc: Document, opts: FinderOptions = {}): FoundFields {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const replyContext = isReplyContext(doc);
  const submitButtons = findSubmitButtons(doc, opts);

  // 1. per-site selector for the body
  let siteBody: FoundBody | null = null;
  const sel = opts.site?.replyBody?.selector;
  if (sel) {
    const el = querySelectorPath(doc, sel, { frameDocument: opts.frameDocument });
    const t = el ? targetFromElement(el, opts) : null;
    if (t) siteBody = { key: 'replyBody', element: t.editable, target: t, confidence: 1, source: 'site' };
  }

  // 2.–4. adapters, labels, tokens
  const editables = findEditables(doc, opts);
  const scored = editables.map((t) => scoreBody(t, replyContext, opts));
  const ranked: FoundBody[] = [...scored].sort((a, b) => b.confidence - a.confidence || area(b.target.frame ?? b.target.container) - area(a.target.frame ?? a.target.container));
  let body: FoundBody | null = siteBody;
  if (!body && ranked[0] && ranked[0].confidence >= threshold) body = ranked[0];
  // co-handling units write their opinion instead of a reply
  if (!body) {
    const co = scored.filter((c) => c.co >= 0.8 && !c.negative).sort((a, b) => b.co - a.co)[0];
    if (co) body = { ...co, key: 'coHandlingOpinion', label: co.coLabel, confidence: Math.min(1, co.co + (replyContext ? 0.1 : 0)), source: 'label' };
  }
  // 5. structure (low confidence: only reported when the threshold allows it)
  if (!body) {
    const s = structural(scored, submitButtons);
    if (s) {
      const c = 0.3 + (replyContext ? 0.1 : 0);
      const sb: FoundBody = { ...s, confidence: c, source: 'structure' };
      if (c >= threshold) body = sb;
      ranked.push(sb);
    }
  }

  // controls
  const controls: FoundFields['controls'] = {};
  const cands = controlCandidates(doc, opts, replyContext).sort((a, b) => b.score - a.score);
  const used = new Set<Element>();
  for (const key of CONTROL_KEYS) {
    const ov = opts.site?.[key]?.selector;
    if (ov) {
      const el = querySelectorPath(doc, ov, { frameDocument: opts.frameDocument });
      if (el) { controls[key] = { key, element: el, confidence: 1, source: 'site' }; used.add(el); continue; }
    }
  }
  for (const c of cands) {
    if (controls[c.key] || used.has(c.el)) continue;
    controls[c.key] = { key: c.key, element: c.el, confidence: c.score, source: c.label ? 'label' : 'attr', label: c.label } as Found;
    used.add(c.el);
  }

  return {
    body,
    bodyCandidates: ranked.map(({ key, element, target, confidence, source, label }) => ({ key, element, target, confidence, source, label })),
    controls,
    values: valueCells(doc, opts),
    submitButtons,
    replyContext,
  };
}

export { SAVE_LABELS };
