import { chineseToNumber } from '@dafu/core';
import { defineRule } from './util.js';

const NUMBER = /第[\s\u3000]*([0-9０-９]+|[一二三四五六七八九十百零〇]+)[\s\u3000]*号/gu;

export const numberMismatch = defineRule({
  id: 'number-mismatch',
  category: 'targeting',
  severity: 'error',
  description: '标题和开头的编号与交办编号一致',
  message: '“{match}”与交办记录的编号（第{expected}号）不一致。',
  note: '标题和开头引述的建议提案编号必须与交办记录一致，编号写错会导致答复对应不到件。',
  suggestion: '第{expected}号',
  scope: ['title', 'opening'],
  requires: ['context'],
  fixable: 'no',
  examples: {
    valid: [{ text: '关于市十七届人大三次会议第128号建议的答复\n王某某代表：\n您提出的第128号建议收悉，现答复如下：', context: { number: '128' } }],
    invalid: [{ text: '关于市十七届人大三次会议第129号建议的答复\n王某某代表：\n您提出的建议收悉，现答复如下：', context: { number: '128' }, excerpt: '第129号' }],
  },
  check(ctx) {
    const expected = ctx.context.number && chineseToNumber(ctx.context.number.replace(/^第|号$/gu, ''));
    if (!expected) return;
    for (const p of ctx.paragraphs(this.scope)) {
      NUMBER.lastIndex = 0;
      for (let m = NUMBER.exec(p.text); m; m = NUMBER.exec(p.text)) {
        // 〔2025〕37号 is a document number, and 第3号文件 cites another document
        if (/^[\s\u3000]*(?:文|令|公告|通知)/u.test(p.text.slice(m.index + m[0].length))) continue;
        if (chineseToNumber(m[1]) !== expected) ctx.report({ start: p.offset + m.index, end: p.offset + m.index + m[0].length, data: { expected } });
      }
    }
  },
});

/** Characters in common, as a share of the longer string (a forgiving title similarity). */
function similarity(a: string, b: string): number {
  const bigrams = (s: string) => { const out = new Map<string, number>(); for (let i = 0; i < s.length - 1; i++) { const k = s.slice(i, i + 2); out.set(k, (out.get(k) ?? 0) + 1); } return out; };
  const x = bigrams(a), y = bigrams(b);
  let common = 0;
  for (const [k, n] of x) common += Math.min(n, y.get(k) ?? 0);
  return (2 * common) / Math.max(1, a.length - 1 + b.length - 1);
}

const normTitle = (s: string) => s.replace(/[《》\s\u3000“”"]/gu, '').replace(/^关于/u, '').replace(/的(?:建议|提案|议案)$/u, '');

export const openingCitesTitle = defineRule({
  id: 'opening-cites-title',
  category: 'targeting',
  severity: 'error',
  description: '开头引述的标题与来件标题一致',
  message: '开头引述的标题“{match}”与来件标题《{expected}》不一致。',
  note: '答复开头引述建议提案的标题须与来件一致（可加编号）；标题引错会被认为答非所问。',
  suggestion: '您提出的《{expected}》（第{number}号）收悉。',
  scope: ['opening', 'title'],
  requires: ['context'],
  fixable: 'no',
  examples: {
    valid: [{ text: '王某某代表：\n您提出的《关于缓解老城区停车难的建议》收悉，现答复如下：', context: { title: '关于缓解老城区停车难的建议' } }],
    invalid: [{ text: '王某某代表：\n您提出的《关于停车难的建议》收悉，现答复如下：', context: { title: '关于缓解老城区停车难的建议' }, excerpt: '《关于停车难的建议》' }],
  },
  check(ctx) {
    const title = ctx.context.title?.replace(/^《|》$/gu, '');
    if (!title) return;
    for (const p of ctx.paragraphs(this.scope)) {
      const re = /《([^《》\n]{2,80})》/gu;
      for (let m = re.exec(p.text); m; m = re.exec(p.text)) {
        if (!/(?:建议|提案|议案)$/u.test(m[1])) continue;
        if (similarity(normTitle(m[1]), normTitle(title)) >= 0.85) continue;
        ctx.report({ start: p.offset + m.index, end: p.offset + m.index + m[0].length, data: { expected: title, number: ctx.context.number ?? 'N' } });
      }
    }
  },
});
