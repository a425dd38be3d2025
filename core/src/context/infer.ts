import type { ReplyDocument } from '../document/types.js';
import { chineseToNumber } from '../document/ordinals.js';
import type { CaseContext, ContextSource } from './types.js';

/**
 * The people a salutation names, with their offsets in the line: 王某某代表： / 尊敬的某某委员 /
 * 姜某、高某代表： / 某某（等4位）代表： / 某某等13位代表 / 甲委员、乙委员： — never the honorific or the count.
 */
/** The count after the names: 等 / 等13位 / （等4位） / 9名 (read from the end, one character at a time). */
function withoutCount(body: string): string {
  let end = body.length;
  const last = () => body[end - 1] ?? '';
  if ('）)'.includes(last())) end--;
  const unit = '位名人'.includes(last());
  if (unit) end--;
  const digitsEnd = end;
  while (end > 0 && '0123456789一二三四五六七八九十'.includes(last())) end--;
  const counted = end < digitsEnd;
  if (last() === '等') { end--; if ('（('.includes(last())) end--; return body.slice(0, end); }
  return counted && unit ? body.slice(0, end) : body;
}

export function salutationNames(line: string): Array<{ name: string; start: number }> {
  // step by step, each a simple anchored pattern (no two whitespace runs can meet)
  let body = line.trimEnd();
  if (/[:：]$/u.test(body)) body = body.slice(0, -1).trimEnd();
  const role = body.match(/(?:代表|委员)(?:们)?$/u);
  if (!role) return [];
  body = body.slice(0, body.length - role[0].length).trimEnd();
  body = withoutCount(body).trimEnd();
  const lead = body.length - body.trimStart().length;
  let start = lead;
  if (body.startsWith('尊敬的', start)) start += 3;
  while (/[\s\u3000]/u.test(body[start] ?? '')) start++;
  const out: Array<{ name: string; start: number }> = [];
  let at = start;
  for (const part of body.slice(start).split(/([、，,])/u)) {
    const name = part.replace(/(?:代表|委员)$/u, '').trim();
    if (name && !/^[、，,]$/u.test(part)) out.push({ name, start: at + part.indexOf(name) });
    at += part.length;
  }
  return out.filter((n) => !/[。；！？]/u.test(n.name));
}

/** What the draft itself says about its case: kind, role, number, proposer, class, unit. */
export function inferContext(doc: ReplyDocument): CaseContext {
  const by = (role: string) => doc.paragraphs.filter((p) => p.role === role).map((p) => p.text.trim());
  const title = by('title').join('');
  const salutation = by('salutation')[0] ?? '';
  const out: CaseContext = {};
  if (/提案/u.test(title) || /委员[\s\u3000]*[:：]/u.test(salutation)) out.kind = 'cppcc';
  else if (/建议|议案/u.test(title) || /代表[\s\u3000]*[:：]/u.test(salutation)) out.kind = 'npc';
  if (/(?:会办|协办)意见/u.test(title)) out.role = 'co';
  else if (title) out.role = 'host';
  const num = title.match(/第[\s\u3000]*([0-9０-９]+|[一二三四五六七八九十百零〇]+)[\s\u3000]*号/u);
  if (num) out.number = String(chineseToNumber(num[1]));
  const names = salutationNames(salutation).map((n) => n.name);
  if (names.length) out.proposer = names;
  const mark = by('classMark')[0]?.match(/([A-DＡ-Ｄa-d甲乙丙丁])/u);
  if (mark) out.class = mark[1].toUpperCase().replace(/[Ａ-Ｄ]/u, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const unit = by('signoff')[0];
  if (unit) out.unit = unit;
  return out;
}

export interface ContextConflict { field: keyof CaseContext; values: Array<{ source: ContextSource; value: string }> }

const PRIORITY: ContextSource[] = ['flag', 'sidecar', 'manifest', 'form', 'text'];
const COMPARED: Array<keyof CaseContext> = ['kind', 'role', 'number', 'class', 'proposer'];

const norm = (v: unknown): string => (Array.isArray(v) ? v.join('、') : String(v ?? '')).replace(/[\s\u3000]/gu, '');

/**
 * Merges context from its sources, highest priority first (flags over the sidecar over what the
 * text says), and lists the fields where sources disagree.
 */
export function mergeContext(sources: Array<{ source: ContextSource; value: CaseContext }>): { context: CaseContext; conflicts: ContextConflict[] } {
  const ordered = [...sources].sort((a, b) => PRIORITY.indexOf(a.source) - PRIORITY.indexOf(b.source));
  const context: CaseContext = {};
  for (const { value } of [...ordered].reverse()) {
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null && v !== '') (context as Record<string, unknown>)[k] = v;
  }
  const conflicts: ContextConflict[] = [];
  for (const field of COMPARED) {
    const values = ordered.filter((s) => s.value[field] !== undefined).map((s) => ({ source: s.source, value: norm(s.value[field]) }));
    let distinct = new Set(values.map((v) => v.value));
    // a proposer list agrees when the text names the lead proposer of the record
    if (field === 'proposer' && distinct.size > 1) {
      const lists = values.map((v) => v.value.split('、'));
      const agree = lists.every((l) => lists.every((m) => l.some((x) => m.includes(x))));
      if (agree) distinct = new Set([values[0].value]);
    }
    if (distinct.size > 1) conflicts.push({ field, values });
  }
  return { context, conflicts };
}
