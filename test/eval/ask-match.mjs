// Matching labelled asks (short paraphrases in our words) with the asks dafu extracts: shared by
// the real-record eval (real-targeting.mjs) and the shapes test (test/core/shapes.test.ts).

/** Han bigrams of a phrase. */
const bigrams = (s) => {
  const han = s.replace(/[^\p{Script=Han}0-9A-Za-z]/gu, '');
  const out = new Set();
  for (let i = 0; i + 1 < han.length; i++) out.add(han.slice(i, i + 2));
  return out;
};
const chars = (s) => new Set(s.replace(/[^\p{Script=Han}]/gu, ''));

/** How much of the label the extracted ask covers (0–1): bigrams, or characters for a loose paraphrase. */
export function similarity(label, extracted) {
  const lb = bigrams(label), eb = bigrams(extracted);
  const lc = chars(label), ec = chars(extracted);
  const bi = lb.size ? [...lb].filter((b) => eb.has(b)).length / lb.size : 0;
  const ch = lc.size ? [...lc].filter((c) => ec.has(c)).length / lc.size : 0;
  return Math.max(bi, 0.75 * ch);
}
export const MATCH = 0.34;

/**
 * Pairs each labelled ask with the extracted ask that covers it best. Labels are often finer than
 * the record's own items (one numbered item may hold two requests), so several labels may share
 * one extracted ask; an extracted ask no label points to is unmatched.
 * @param {string[]} labels @param {Array<{ text: string }>} extracted
 */
export function alignAsks(labels, extracted) {
  const byLabel = new Map();
  labels.forEach((l, i) => {
    let best = -1, score = MATCH;
    extracted.forEach((e, j) => { const s = similarity(l, e.text); if (s >= score) { best = j; score = s; } });
    if (best >= 0) byLabel.set(i, best);
  });
  const used = new Set(byLabel.values());
  return { byLabel, unmatched: extracted.map((_, j) => j).filter((j) => !used.has(j)) };
}

/** An extracted "ask" that is a record field, a label or a section heading. */
export const RECORD_FIELD = /^[^，。；]{0,12}[:：|｜]|^(?:基本信息|案由|提案人|建议人|领衔|附议|承办|主办|会办|类别|标题|题目|编号|内容|理由|办理|审查|立案)|实施建议及措施|^第?[0-9]+号|^附[:：、]/u;
