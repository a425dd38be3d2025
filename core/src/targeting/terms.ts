import data from './weights.json' with { type: 'json' };

/**
 * Weighted terms of a short Chinese text, for matching a suggestion's asks to reply paragraphs.
 *
 * Intl.Segmenter words are coarse (优化 → 优|化, 河长制 → 河|长|制) and miss paraphrases, so the
 * terms are character bigrams inside Han runs, weighted by the word they fall in: common official
 * words (加强, 推进, 工作 …, listed in weights.json) count little, anything else counts 1; bigrams
 * across a word boundary count half. Runs of one-character segments are merged into one word
 * (公|交 → 公交). Synonym groups (公交 / 公共交通, 老旧小区 / 老旧住宅小区 …) add a shared term.
 * Segmentation runs per clause and keeps only strings: on Node 20 every segment object holds a
 * copy of its whole input.
 */

const STOP = new Set<string>([...data.stopChars]);
/** weight of a listed common word (the lowest tier it is in) */
const WORD_WEIGHT = new Map<string, number>();
/** weight of a bigram that lies inside a listed common word */
const BIGRAM_WEIGHT = new Map<string, number>();
for (const [tier, list] of Object.entries(data.tiers)) {
  const w = Number(tier);
  for (const word of list) {
    WORD_WEIGHT.set(word, Math.min(w, WORD_WEIGHT.get(word) ?? 1));
    for (let i = 0; i + 1 < word.length; i++) {
      const bg = word.slice(i, i + 2);
      BIGRAM_WEIGHT.set(bg, Math.min(w, BIGRAM_WEIGHT.get(bg) ?? 1));
    }
  }
}

interface SynonymGroup { term: string; members: string[]; weight: number }
const SYNONYMS: SynonymGroup[] = data.synonyms.map((members) => ({
  term: `≈${members[0]}`,
  members: [...members].sort((a, b) => b.length - a.length),
  weight: Math.min(...members.map((m) => WORD_WEIGHT.get(m) ?? 1)),
}));

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /^\p{Script=Han}$/u;
const NUMBER_TERM = /(?<![0-9.])([0-9][0-9.]*)(%|时|周岁|岁|小时|分钟|公里|万元|亿元|元)/gu;
/** a bare number names a thing (省道102, 第3路): not a year, an amount or a count with its unit */
export const NAME_NUMBER = /(?<![0-9.])[0-9]{2,4}(?![0-9.%]|\s*(?:年|月|日|时|周岁|岁|小时|分钟|公里|米|万|亿|元|个|户|人|名|所|座|条|辆|次|号|项|件|家|台|吨|亩|平方))/gu;
/** clauses: runs between clause punctuation (a list with 、 stays one clause) */
const CLAUSE_RUN = /[^\s\u3000。！？!?；;，,：:]+/gu;
/**
 * Segment about this much at once (whole clauses): per call the segmenter has a fixed cost, and
 * per segment it copies its input, so short chunks are fastest (measured: ~200 characters).
 */
const CHUNK = 240;

/** The weight a word counts with: listed common words little, anything else 1. */
export const wordWeight = (word: string): number => WORD_WEIGHT.get(word) ?? 1;

/** Full-width digits and letters as ASCII, Latin lower-cased. */
export const normalize = (text: string): string => (!/[０-９Ａ-Ｚａ-ｚA-Z]/u.test(text) ? text :
  text.replace(/[０-９Ａ-Ｚａ-ｚ]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase());

export interface Token { text: string; weight: number }

export interface TermVector {
  /** term → weight; bigrams, ASCII words, and ≈synonym terms */
  terms: Map<string, number>;
  /** words (merged one-character runs included), in order, per clause; for abbreviation checks */
  clauses: Token[][];
  /** the normalized text */
  text: string;
}

function addTerm(terms: Map<string, number>, term: string, weight: number) {
  if (weight <= 0) return;
  const old = terms.get(term);
  if (old === undefined || weight > old) terms.set(term, weight);
}

/** A clause of a text: its words, and the text up to the next clause (with its punctuation). */
interface RawClause { start: number; end: number; next: number; words: string[] }

/**
 * Splits a text into clauses at punctuation and finds their words, with one segmenter pass per
 * chunk of whole clauses (about 240 characters): on Node 20 every segment object
 * holds a copy of its input, and one call per clause costs more than the segmentation itself.
 * Runs of one-character Han segments are merged into one word (公|交 → 公交).
 */
function rawClauses(text: string): RawClause[] {
  const out: RawClause[] = [];
  CLAUSE_RUN.lastIndex = 0;
  for (let m = CLAUSE_RUN.exec(text); m; m = CLAUSE_RUN.exec(text)) {
    // a clause without punctuation for pages is cut in pieces: the segmenter is quadratic in its input on Node 20
    for (let s = m.index, end = m.index + m[0].length; s < end;) {
      let e = Math.min(end, s + CHUNK);
      if (e < end && /[\uD800-\uDBFF]/u.test(text[e - 1])) e--;
      out.push({ start: s, end: e, next: text.length, words: [] });
      s = e;
    }
  }
  for (let i = 0; i + 1 < out.length; i++) out[i].next = out[i + 1].start;
  for (let ci = 0; ci < out.length;) {
    let cj = ci;
    while (cj + 1 < out.length && out[cj + 1].end - out[ci].start <= CHUNK) cj++;
    const base = out[ci].start;
    let k = ci;
    let run = '';
    const flush = () => { if (run.length >= 2) out[k].words.push(run); run = ''; };
    for (const seg of segmenter.segment(text.slice(base, out[cj].end))) {
      const at = base + seg.index;
      while (k < cj && at >= out[k].end) { flush(); k++; }
      if (!seg.isWordLike) { flush(); continue; }
      const w = seg.segment;
      if (w.length === 1 && HAN.test(w) && !STOP.has(w)) { run += w; continue; }
      flush();
      if (w.length >= 2) out[k].words.push(w);
    }
    flush();
    ci = cj + 1;
  }
  return out;
}

/** The terms of one clause from its words. */
function clauseVector(clauseText: string, words: string[]): TermVector {
  const text = normalize(clauseText);
  const terms = new Map<string, number>();
  const tokens: Token[] = [];
  for (const raw of words) {
    const w = normalize(raw);
    if (!/\p{Script=Han}/u.test(w)) {
      if (/^[a-z][a-z0-9]+$/u.test(w)) addTerm(terms, w, 0.5);
      continue;
    }
    tokens.push({ text: w, weight: wordWeight(w) });
  }
  // bigrams inside each word, and across adjacent words at half weight
  for (let k = 0; k < tokens.length; k++) {
    const { text: w, weight } = tokens[k];
    for (let i = 0; i + 1 < w.length; i++) {
      const a = w[i], b = w[i + 1];
      if (STOP.has(a) || STOP.has(b) || !HAN.test(a) || !HAN.test(b)) continue;
      const bg = a + b;
      addTerm(terms, bg, Math.min(weight, BIGRAM_WEIGHT.get(bg) ?? 1));
    }
    const next = tokens[k + 1];
    if (next && text.includes(w + next.text)) {
      const a = w[w.length - 1], b = next.text[0];
      if (!STOP.has(a) && !STOP.has(b) && HAN.test(a) && HAN.test(b)) {
        const bg = a + b;
        addTerm(terms, bg, 0.5 * Math.min(weight, next.weight, BIGRAM_WEIGHT.get(bg) ?? 1));
      }
    }
  }
  // numbers with a unit that asks name and answers repeat (延长至21时 / 9时至21时, 80周岁)
  NUMBER_TERM.lastIndex = 0;
  for (let m = NUMBER_TERM.exec(text); m; m = NUMBER_TERM.exec(text)) addTerm(terms, `#${m[1]}${m[2]}`, 0.5);
  NAME_NUMBER.lastIndex = 0;
  for (let m = NAME_NUMBER.exec(text); m; m = NAME_NUMBER.exec(text)) addTerm(terms, `#${m[0]}`, 1);
  for (const g of SYNONYMS) if (g.members.some((m) => text.includes(m))) addTerm(terms, g.term, g.weight);
  return { terms, clauses: [tokens], text };
}

export interface Clause {
  /** the clause as written, with the punctuation after it */
  text: string;
  vec: TermVector;
  /** the punctuation after it ends a sentence (。！？；) */
  endsSentence: boolean;
}

/** The clauses of a text with their terms. */
export function clauseVectors(input: string): Clause[] {
  return rawClauses(input).map((c) => ({
    text: input.slice(c.start, c.next),
    vec: clauseVector(input.slice(c.start, c.end), c.words),
    endsSentence: /[。！？!?；;]/u.test(input.slice(c.end, c.next)) || c.next === input.length,
  }));
}

/** Several term vectors as one (a window of clauses, a sentence). */
export function mergeVectors(vs: TermVector[]): TermVector {
  if (vs.length === 1) return vs[0];
  const terms = new Map<string, number>();
  for (const v of vs) for (const [t, w] of v.terms) if ((terms.get(t) ?? 0) < w) terms.set(t, w);
  return { terms, clauses: vs.flatMap((v) => v.clauses), text: vs.map((v) => v.text).join('，') };
}

/** The weighted terms of a text. */
export function termVector(input: string): TermVector {
  const vs = clauseVectors(input).map((c) => c.vec);
  return vs.length ? mergeVectors(vs) : { terms: new Map(), clauses: [], text: '' };
}

/**
 * The terms a reply's clause offers for matching: every Han bigram without a stop character,
 * plus ASCII words, numbers with units and synonym terms. Only presence matters on the reply's
 * side (the ask's terms carry the weights), so no word segmentation is needed here.
 */
function presenceVector(clauseText: string): TermVector {
  const text = normalize(clauseText);
  const terms = new Map<string, number>();
  let prev = '';
  for (const ch of text) {
    if (HAN.test(ch) && !STOP.has(ch)) {
      if (prev) terms.set(prev + ch, 1);
      prev = ch;
    } else prev = '';
  }
  ASCII_WORD.lastIndex = 0;
  for (let m = ASCII_WORD.exec(text); m; m = ASCII_WORD.exec(text)) terms.set(m[0], 1);
  NUMBER_TERM.lastIndex = 0;
  for (let m = NUMBER_TERM.exec(text); m; m = NUMBER_TERM.exec(text)) terms.set(`#${m[1]}${m[2]}`, 1);
  NAME_NUMBER.lastIndex = 0;
  for (let m = NAME_NUMBER.exec(text); m; m = NAME_NUMBER.exec(text)) terms.set(`#${m[0]}`, 1);
  for (const g of SYNONYMS) if (g.members.some((m) => text.includes(m))) terms.set(g.term, 1);
  return { terms, clauses: [], text };
}

const ASCII_WORD = /[a-z][a-z0-9]+/gu;

/** The clauses of a reply's text with the terms they offer (see presenceVector). */
export function replyClauses(input: string): Clause[] {
  const out: Clause[] = [];
  CLAUSE_RUN.lastIndex = 0;
  const spans: Array<[number, number]> = [];
  for (let m = CLAUSE_RUN.exec(input); m; m = CLAUSE_RUN.exec(input)) spans.push([m.index, m.index + m[0].length]);
  spans.forEach(([start, end], i) => {
    const next = i + 1 < spans.length ? spans[i + 1][0] : input.length;
    out.push({ text: input.slice(start, next), vec: presenceVector(input.slice(start, end)), endsSentence: /[。！？!?；;]/u.test(input.slice(end, next)) || next === input.length });
  });
  return out;
}

/** The terms a reply's text offers, as one vector. */
export function replyVector(input: string): TermVector {
  const vs = replyClauses(input).map((c) => c.vec);
  return vs.length ? mergeVectors(vs) : { terms: new Map(), clauses: [], text: '' };
}
