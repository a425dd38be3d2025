import { wordBoundaries } from '@dafu/core';
import { defineRule, matchesIn } from './util.js';

/**
 * Doubled words: 的的, 工作工作, "2021年，2021年，". Legitimate reduplication (常常, 研究研究,
 * 认认真真) comes from the reduplication lexicon and is never flagged.
 */
export const doubledWords = defineRule({
  id: 'doubled-words',
  category: 'typography',
  severity: 'warning',
  description: '重复的字词（的的、做好做好）',
  message: '“{match}”重复了，多半是录入错误。',
  note: '公文用字须准确；重复的字词是最常见的录入错误之一，应逐一核对。',
  suggestion: '删去重复的“{word}”。',
  scope: ['all'],
  fixable: 'suggestion',
  examples: {
    valid: ['我们常常深入社区，认认真真听取意见，一一对应整改，研究研究再定。', '交警大队大队长带队检查。'],
    invalid: [
      { text: '这是我们的的工作重点。', excerpt: '的的' },
      { text: '要做好做好安全管理。', excerpt: '做好做好' },
      { text: '2021年，2021年，我局投入资金50万元。', excerpt: '2021年，2021年，' },
    ],
  },
  check(ctx) {
    const lex = ctx.lexicons;
    const allowed = (lex.reduplicationAllowed ?? []).map((e) => e.phrase);
    const singles = new Set((lex.typoDoubles ?? []).map((e) => e.phrase));
    const res = [
      /(\p{Script=Han}{2,6})\1/gu,
      /([^\s\u3000，。、；：]{3,14}[，,、])\1/gu,
      /(\p{Script=Han})\1/gu,
    ];
    for (const p of ctx.paragraphs(this.scope)) {
      const taken: Array<[number, number]> = [];
      let bounds: Set<number> | undefined;
      for (const [i, re] of res.entries()) {
        for (const h of matchesIn(p, re)) {
          const word = h.m[1];
          if (i === 2 && !singles.has(word)) continue;
          // 大队大队长: a doubled word counts only when both copies are whole words
          if (i === 0) {
            bounds ??= wordBoundaries(p.text);
            const s0 = h.start - p.offset;
            if (![s0, s0 + word.length, s0 + 2 * word.length].every((b) => bounds!.has(b))) continue;
          }
          if (taken.some(([s, e]) => h.start < e && h.end > s)) continue;
          // inside an allowed reduplication such as 研究研究 or 是是非非
          const local = h.start - p.offset;
          if (allowed.some((a) => { const k = p.text.indexOf(a, Math.max(0, local - a.length + 1)); return k >= 0 && k <= local && k + a.length >= local + h.m[0].length; })) continue;
          taken.push([h.start, h.end]);
          ctx.report({ start: h.start, end: h.end, data: { word: word.replace(/[，,、]$/u, '') } });
        }
      }
    }
  },
});

/** Confusable words from the typo lexicon (截止目前 → 截至目前, 布署 → 部署 …). */
export const typos = defineRule({
  id: 'typos',
  category: 'typography',
  severity: 'warning',
  description: '常见错别字和易混词',
  message: '“{match}”疑为错别字，应为“{replacement}”。{reason}',
  note: '《现代汉语词典》《第一批异形词整理表》及公文用字惯例；词库可在配置 lexicons.typos 中扩充。',
  suggestion: '改为“{replacement}”。',
  scope: ['all'],
  fixable: 'suggestion',
  examples: {
    valid: ['我局已部署专项行动，作为重点工作安排。'],
    invalid: [{ text: '我局已布署专项行动。', excerpt: '布署' }],
  },
  check(ctx) {
    const entries = ctx.lexicons.typos ?? [];
    if (!entries.length) return;
    const matcher = typoMatcher(entries as TypoEntry[]);
    for (const p of ctx.paragraphs(this.scope)) {
      for (const h of matcher(p.text)) {
        const e = h.entry;
        if (e.unless?.some((u) => { const k = p.text.indexOf(u, Math.max(0, h.start - u.length)); return k >= 0 && k <= h.start && k + u.length >= h.end; })) continue;
        ctx.report({ start: p.offset + h.start, end: p.offset + h.end, replacement: e.right, data: { replacement: e.right, reason: e.note ? `（${e.note}）` : '' } });
      }
    }
  },
});

interface TypoEntry { phrase: string; right: string; note?: string; unless?: string[] }

const cache = new WeakMap<object, (text: string) => Array<{ start: number; end: number; entry: TypoEntry }>>();

/** One regex over all entries, longest first, compiled once per lexicon. */
function typoMatcher(entries: TypoEntry[]) {
  let fn = cache.get(entries);
  if (fn) return fn;
  const byPhrase = new Map(entries.map((e) => [e.phrase, e]));
  const source = [...byPhrase.keys()].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const re = new RegExp(source, 'gu');
  fn = (text: string) => {
    const out: Array<{ start: number; end: number; entry: TypoEntry }> = [];
    for (const h of matchesIn({ text, offset: 0 }, re)) out.push({ start: h.start, end: h.end, entry: byPhrase.get(h.m[0])! });
    return out;
  };
  cache.set(entries, fn);
  return fn;
}
