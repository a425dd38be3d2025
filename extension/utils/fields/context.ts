/** Reads the case context (kind, number, title, proposer, role, class …) from a reply page. */
import type { CaseContextInput } from '../checker';
import { labelsFor } from './labels';
import { normalizeLabel } from './normalize';
import type { FoundFields } from './types';

export interface FormFacts {
  publicity?: string;
  contactName?: string;
  contactPhone?: string;
  commMethod?: string;
  /** file names shown after an AJAX upload, or chosen in the upload input */
  uploaded?: string[];
  returned?: boolean;
}

/** Visible text of the chosen option / checked radio / value of a control. */
export function controlValueText(el: Element): string | undefined {
  const tag = el.tagName.toLowerCase();
  if (tag === 'select') {
    const s = el as HTMLSelectElement;
    const opt = s.selectedIndex >= 0 ? s.options[s.selectedIndex] : (s.querySelector('option[selected]') as HTMLOptionElement | null);
    const text = opt ? (opt.textContent || '').trim() : '';
    if (!text || /^(请选择|--|全部|无)/.test(normalizeLabel(text))) return undefined;
    if (opt && (opt.value === '' || opt.getAttribute('value') === '')) return undefined;
    return text;
  }
  const type = (el.getAttribute('type') || '').toLowerCase();
  if (tag === 'input' && (type === 'radio' || type === 'checkbox')) {
    const name = el.getAttribute('name');
    const doc = el.ownerDocument;
    const group = name ? Array.from(doc.querySelectorAll(`input[name="${name}"]`)) : [el];
    const checked = group.find((r) => (r as HTMLInputElement).checked || r.hasAttribute('checked'));
    if (!checked) return undefined;
    const wrap = checked.closest('label');
    const t = wrap ? (wrap.textContent || '').trim() : labelsFor(checked)[0]?.text;
    return t || (checked as HTMLInputElement).value;
  }
  if (tag === 'input' || tag === 'textarea') {
    const v = (el as HTMLInputElement).value ?? el.getAttribute('value') ?? '';
    return v.trim() || undefined;
  }
  return undefined;
}

/** "A（所提问题已经解决…）" → "A"; "甲类" → "甲". */
export function parseClass(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const t = text.normalize('NFKC').trim();
  const m = t.match(/^([A-Da-d甲乙丙丁])(?![A-Za-z])/);
  if (m) return m[1].toUpperCase();
  const m2 = t.match(/([A-D])\s*类/);
  return m2 ? m2[1] : undefined;
}

function kindFrom(text: string | undefined): 'npc' | 'cppcc' | undefined {
  if (!text) return undefined;
  if (/政协|提案/.test(text)) return 'cppcc';
  if (/人大|建议|议案/.test(text)) return 'npc';
  return undefined;
}

function roleFrom(text: string | undefined): 'host' | 'co' | 'split' | undefined {
  if (!text) return undefined;
  const t = normalizeLabel(text);
  if (/分办/.test(t)) return 'split';
  if (/会办|协办|参办/.test(t)) return 'co';
  if (/主办|单办|独办/.test(t)) return 'host';
  return undefined;
}

export function readCaseContext(doc: Document, found: FoundFields): { context: CaseContextInput; facts: FormFacts } {
  const v = found.values;
  const context: CaseContextInput = {};
  const num = v.caseNo?.text.replace(/^第\s*/, '').replace(/\s*号$/, '').trim();
  if (num) context.number = num;
  const title = v.caseTitle?.text.replace(/^[《“"]|[》”"]$/g, '').trim();
  if (title) context.title = title;
  const proposer = v.proposer?.text.split(/[、，,;；\s]+/).map((s) => s.trim()).filter(Boolean);
  if (proposer?.length) context.proposer = proposer;
  const content = v.caseContent?.text;
  if (content && content.length >= 10) context.suggestion = content;

  context.kind = (v.caseNo ? kindFrom(v.caseNo.label) : undefined)
    ?? kindFrom(v.caseKind?.text)
    ?? (title ? (/提案$/.test(title) ? 'cppcc' : /建议$/.test(title) ? 'npc' : undefined) : undefined)
    ?? (v.proposer ? (/代表/.test(v.proposer.label) ? 'npc' : /提案/.test(v.proposer.label) ? 'cppcc' : undefined) : undefined);
  if (!context.kind) delete context.kind;

  const role = found.body?.key === 'coHandlingOpinion' ? 'co' : roleFrom(v.handlingRole?.text);
  if (role) context.role = role;

  const cls = found.controls.replyClass ? parseClass(controlValueText(found.controls.replyClass.element)) : undefined;
  if (cls) context.class = cls;

  const facts: FormFacts = {};
  const pub = found.controls.publicity && controlValueText(found.controls.publicity.element);
  if (pub) facts.publicity = pub;
  const cn = found.controls.contactName && controlValueText(found.controls.contactName.element);
  if (cn) facts.contactName = cn;
  const cp = found.controls.contactPhone && controlValueText(found.controls.contactPhone.element);
  if (cp) facts.contactPhone = cp;
  const cm = found.controls.commMethod && controlValueText(found.controls.commMethod.element);
  if (cm) facts.commMethod = cm;
  // the form's 沟通方式/沟通时间 fields are the contact record the system keeps apart from the body
  const ct = found.controls.commTime && controlValueText(found.controls.commTime.element);
  if (cm) context.contactLog = [cm, ct].filter(Boolean).join(' ');
  if (v.returnReason) facts.returned = true;
  return { context, facts };
}

/** One-line Chinese summary of the context for the panel header. */
export function describeContext(c: CaseContextInput): string {
  const parts: string[] = [];
  if (c.kind) parts.push(c.kind === 'npc' ? '人大建议' : '政协提案');
  if (c.number) parts.push(`第${c.number}号`);
  if (c.role) parts.push(c.role === 'host' ? '主办' : c.role === 'co' ? '会办' : '分办');
  if (c.class) parts.push(`${c.class}类`);
  return parts.join(' · ');
}
