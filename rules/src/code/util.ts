import type { CodeRule, Paragraph, RuleContext } from '@dafu/core';

/** A code rule: the same metadata as a data rule, plus a check function. */
export const defineRule = (rule: Omit<CodeRule, 'type'>): CodeRule => ({ type: 'code', ...rule });

export const range = (p: Paragraph) => ({ start: p.offset, end: p.offset + p.text.length });

/** Each match of a global regex in a paragraph, as document offsets. */
export function* matchesIn(p: { text: string; offset: number }, re: RegExp): Generator<{ start: number; end: number; m: RegExpExecArray }> {
  re.lastIndex = 0;
  for (let m = re.exec(p.text); m; m = re.exec(p.text)) {
    if (m[0] === '') { re.lastIndex++; continue; }
    yield { start: p.offset + m.index, end: p.offset + m.index + m[0].length, m };
  }
}

/** YYYY-MM-DD as a comparable day number; undefined for anything else. */
export function isoDay(s: string | undefined): number | undefined {
  const m = s?.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000 : undefined;
}

/** 2025年5月6日 (also 2025.5.6, 2025-05-06) as a day number. */
export function chineseDay(s: string): number | undefined {
  const m = s.match(/((?:19|20)\d{2})\s*(?:年|[.\-/．])\s*(\d{1,2})\s*(?:月|[.\-/．])\s*(\d{1,2})/u);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000 : undefined;
}

export const dayToString = (d: number) => {
  const date = new Date(d * 86400000);
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
};

/** The reply's own date: the signoff date line. */
export function replyDay(ctx: RuleContext): { day: number; para: Paragraph } | undefined {
  const para = ctx.doc.paragraphs.find((p) => p.role === 'date');
  const day = para && chineseDay(para.text);
  return para && day !== undefined ? { day, para } : undefined;
}

export const KIND_WORD = { npc: { item: '建议', person: '代表' }, cppcc: { item: '提案', person: '委员' } } as const;
