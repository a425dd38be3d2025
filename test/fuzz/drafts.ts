/**
 * fast-check arbitraries for drafts: random text made of what drafts are made of (and of what
 * they should never contain), and real drafts from the labelled corpus, mutated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ROOT } from '../helpers/cli.js';

const CORPUS = join(ROOT, 'test/corpus');

/** The labelled corpus drafts (clean and defective), as text. */
export const corpusDrafts: string[] = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(CORPUS, f), 'utf8'));

/** Pieces that make rules fire, pieces of letters, and pieces that break naive code. */
const FRAGMENTS = [
  // rule triggers
  '截止目前', '截至', '你', '您', '积极推进相关工作', '高度重视', '研究研究', '的的', '做好做好', '下一步将', '尽快', '拟于', '争取',
  '2025年4月8日', '2025.5.6', '二〇二五年五月六日', '35万元', '12处', '第128号', '〔2025〕37号', '[2025]37号', '（2025）', '《关于加强校园周边交通安全的建议》',
  '一、', '（一）', '1.', '（1）', '一是', '二、', '十一、', '第一，', '首先，',
  '王某某代表：', '张某委员：', '现答复如下：', '收悉。', '感谢您对我市交通工作的关心和支持。', '某市交通运输局', '联系人：张某', '联系电话：0571-87001234', '抄送：市人大常委会代表工作委员会。', '附件：1.', '签发人：李某',
  '面商', '电话沟通', '您表示满意', 'A类', '此件主动公开',
  // punctuation, half- and full-width
  '，', '。', '、', '；', '：', '？', '！', ',', '.', ';', ':', '?', '!', '“', '”', '‘', '’', '（', '）', '(', ')', '《', '》', '〔', '〕', '【', '】', '…', '——', '-', '~', '·',
  // whitespace and line ends
  ' ', '  ', '\u3000', '\u3000\u3000', '\t', '\n', '\r\n', '\r', '\u2028', '\u2029', '\n\n\n',
  // hostile units
  '\uFEFF', '\u200B', '\u200D', '\u202E', '\u0000', '\u0007', '\u001B', '\u0085', '\uD800', '\uDC00', '\uDBFF\uDFFF', '𠀀', '𪜀', '😀', '👨‍👩‍👧', 'e\u0301', '葛\uDB40\uDD00', '\uE000', '\uFFFF',
];

const fragment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 12 }) },
);

/** Random drafts: a few hundred characters of fragments. */
export const randomDraft = fc.array(fragment, { minLength: 1, maxLength: 120 }).map((xs) => xs.join(''));

/** Random drafts shaped like letters: lines of fragments. */
export const linedDraft = fc.array(fc.array(fragment, { minLength: 1, maxLength: 12 }).map((xs) => xs.join('')), { minLength: 1, maxLength: 30 }).map((ls) => ls.join('\n'));

type Mutation = (s: string) => string;

const at = (s: string, r: number) => Math.floor(r * (s.length + 1));
/** One edit at a relative position: insert, delete, duplicate, swap, or change line endings. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fragment).map(([r, f]): Mutation => (s) => { const i = at(s, r); return s.slice(0, i) + f + s.slice(i); }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 1, max: 40 })).map(([r, n]): Mutation => (s) => { const i = at(s, r); return s.slice(0, i) + s.slice(i + n); }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 1, max: 60 })).map(([r, n]): Mutation => (s) => { const i = at(s, r); return s.slice(0, i) + s.slice(i, i + n) + s.slice(i); }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })).map(([a, b]): Mutation => (s) => { const i = at(s, Math.min(a, b)), j = at(s, Math.max(a, b)); return s.slice(0, i) + s.slice(j, j + 1) + s.slice(i + 1, j) + s.slice(i, i + 1) + s.slice(j + 1); }),
  fc.constantFrom<Mutation>((s) => s.replace(/\n/g, '\r\n'), (s) => s.replace(/\n/g, '\r'), (s) => s.replace(/，/g, ','), (s) => s.replace(/。/g, '.'), (s) => s.replace(/\n/g, ''), (s) => '\uFEFF' + s, (s) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))),
);

/** A corpus draft with 1–8 random edits. */
export const mutatedDraft = fc.tuple(fc.constantFrom(...corpusDrafts), fc.array(mutation, { minLength: 1, maxLength: 8 })).map(([d, ms]) => ms.reduce((s, m) => m(s), d));

/** A fixed seed unless DAFU_FUZZ_SEED is set ("random" for a fresh one): CI runs are repeatable. */
export function fuzzParams(numRuns: number): fc.Parameters<unknown> {
  const env = process.env.DAFU_FUZZ_SEED;
  const seed = env === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : env ? Number(env) : 20251125;
  return { numRuns, seed };
}
