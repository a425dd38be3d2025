import { parseOrdinal } from './ordinals.js';
import * as P from './patterns.js';
import type { Ordinal, ParagraphRole } from './types.js';

export interface RoleAssignment { role: ParagraphRole; ordinal?: Ordinal }

const isBlank = (s: string) => /^[\s\u3000]*$/u.test(s);
const endsLikeSentence = (s: string) => /[。！？；;!?…]["”’」）)]*[\s\u3000]*$/u.test(s);
const HEADING_ROLE = { 1: 'heading1', 2: 'heading2', 3: 'heading3', 4: 'heading4' } as const;

/** The roles a line can take in the header of a letter, before the salutation. */
function headerRole(text: string): ParagraphRole | undefined {
  if (P.DOC_NUMBER.test(text)) return 'docNumber';
  if (P.CLASS_MARK.test(text)) return 'classMark';
  if (P.SIGNER.test(text)) return 'signer';
  if (P.PUBLICITY.test(text)) return 'publicity';
  return undefined;
}

const looksLikeTitle = (text: string) =>
  text.length <= 90 && !endsLikeSentence(text.replace(/[。.]$/u, '')) && P.TITLE_START.test(text) &&
  (P.TITLE_END.test(text.replace(/[。.，,]$/u, '')) || /第?\s*[0-9０-９一二三四五六七八九十百]+\s*号\s*(?:建议|提案|议案)/u.test(text));

/**
 * Assigns each paragraph a role from its text and position. Works the same on a full letter
 * (header, salutation, body, signoff) and on a bare body pasted into a system form.
 */
export function assignRoles(texts: string[]): RoleAssignment[] {
  const out: RoleAssignment[] = texts.map((t) => ({ role: isBlank(t) ? 'blank' : 'body' }));
  const n = texts.length;
  const nonBlank = texts.map((t, i) => i).filter((i) => out[i].role !== 'blank');
  if (nonBlank.length === 0) return out;

  // --- tail: 抄送, 附件, contact, date, signoff, publicity note, scanning backwards ---
  let tailStart = n;
  let dateIdx = -1;
  for (let k = nonBlank.length - 1; k >= 0; k--) {
    const i = nonBlank[k];
    const t = texts[i];
    let role: ParagraphRole | undefined;
    if (P.CC.test(t)) role = 'cc';
    else if (P.CONTACT.test(t)) role = 'contact';
    else if (P.DATE_LINE.test(t)) role = 'date';
    else if (P.PUBLICITY.test(t)) role = 'publicity';
    else if (P.ATTACHMENT.test(t)) role = 'attachment';
    else if (/^[\s\u3000]*(?:[（(][\s\u3000]*)?(?:电\s*话|手\s*机|传\s*真|邮\s*箱|地\s*址)[:：]/u.test(t)) role = 'contact';
    if (!role) break;
    out[i].role = role;
    if (role === 'date') dateIdx = i;
    tailStart = i;
  }
  // signoff: up to 3 short unit-name lines right before the date (or ending the letter)
  const beforeTail = nonBlank.filter((i) => i < tailStart);
  if (beforeTail.length > 1) {
    let taken = 0;
    for (let k = beforeTail.length - 1; k >= 1 && taken < 3; k--) {
      const t = texts[beforeTail[k]].trim();
      const unitLike = t.length <= 40 && !endsLikeSentence(t) && !parseOrdinal(t) && !/[，,：:]/u.test(t);
      if (!unitLike || (dateIdx < 0 && !P.UNIT_NAME.test(t))) break;
      out[beforeTail[k]].role = 'signoff';
      tailStart = beforeTail[k];
      taken++;
    }
  }

  // 抄送 and contact lines are unmistakable wherever they stand (the order rule checks their place)
  for (const i of nonBlank.slice(2)) if (out[i].role === 'body' && (P.CC.test(texts[i]) || P.CONTACT.test(texts[i]))) out[i].role = P.CC.test(texts[i]) ? 'cc' : 'contact';

  // --- head: 文号, class mark, 签发人, publicity, title, salutation ---
  let bodyStart = 0;
  let sawTitle = false;
  for (const i of nonBlank) {
    if (i >= tailStart) break;
    const t = texts[i];
    const role = headerRole(t);
    if (role) { out[i].role = role; bodyStart = i + 1; continue; }
    if (!sawTitle && looksLikeTitle(t)) { out[i].role = 'title'; sawTitle = true; bodyStart = i + 1; continue; }
    // a title wrapped over two lines: 关于市十七届人大三次会议 / 第128号建议的答复
    if (!sawTitle && P.TITLE_START.test(t) && !endsLikeSentence(t) && t.length <= 40) {
      const next = nonBlank.find((j) => j > i);
      if (next !== undefined && looksLikeTitle(t + texts[next].trim())) {
        out[i].role = 'title'; out[next].role = 'title'; sawTitle = true; bodyStart = next + 1; continue;
      }
    }
    if (out[i].role === 'title') { bodyStart = i + 1; continue; }
    if (P.SALUTATION.test(t) && !P.OPENING_MARKERS.test(t) && !parseOrdinal(t)) {
      out[i].role = 'salutation';
      bodyStart = i + 1;
      // a title placed under the salutation is still the title (the order rule reports it)
      const next = nonBlank.find((j) => j > i);
      if (!sawTitle && next !== undefined && next < tailStart && looksLikeTitle(texts[next])) { out[next].role = 'title'; bodyStart = next + 1; }
    }
    break;
  }

  // --- body: opening, headings, closing ---
  const body = nonBlank.filter((i) => i >= bodyStart && i < tailStart && out[i].role === 'body');
  for (const i of body) {
    const ordinal = parseOrdinal(texts[i]);
    if (ordinal) {
      out[i].ordinal = ordinal;
      if (ordinal.level > 0) out[i].role = HEADING_ROLE[ordinal.level as 1 | 2 | 3 | 4];
    }
  }
  const first = body[0];
  if (first !== undefined && out[first].role === 'body' && (P.OPENING_MARKERS.test(texts[first]) || body.length > 1)) {
    out[first].role = 'opening';
  }
  // closing: the last one or two body paragraphs with thanks / invitation / 特此函复
  for (const i of body.slice(-2)) {
    if (i !== first && out[i].role === 'body' && P.CLOSING_MARKERS.test(texts[i]) && texts[i].length <= 160) out[i].role = 'closing';
  }
  return out;
}
