import { TextMemo } from './memo.js';
import type { Sentence } from './types.js';

/**
 * Sentences via Intl.Segmenter, one paragraph at a time: on Node 20 every segment object holds a
 * copy of its whole input, so segmenting a long text at once runs out of memory. Only the
 * offsets are kept.
 */
const sentenceSegmenter = new Intl.Segmenter('zh', { granularity: 'sentence' });
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Past this length a paragraph is cut at Chinese sentence punctuation first (ICU is superlinear). */
const CHUNK = 2000;

export function splitSentences(paragraph: string, paragraphIndex: number, offset: number): Sentence[] {
  const own = segmented.through(paragraph, () => sentencesOf(paragraph));
  return own.map((s) => ({ paragraph: paragraphIndex, start: offset + s.start, end: offset + s.end, text: s.text }));
}

/**
 * Sentences of a paragraph, offsets relative to it, by paragraph text: ICU is the largest single
 * cost of a check, and re-checking after a keystroke segments only the paragraph that changed.
 */
const segmented = new TextMemo<Array<Omit<Sentence, 'paragraph'>>>();

type Own = Array<Omit<Sentence, 'paragraph'>>;

// a segment's trailing white space is trimmed (ICU does not break after a full-width semicolon;
// its sentence is kept whole, the end trimmed): trimEnd removes what /[\s\u3000]+$/u would, as
// \s is exactly ECMAScript's white space and line terminators (U+3000 among them)

function sentencesOf(paragraph: string): Own {
  const out: Own = [];
  for (const [chunkStart, chunk] of chunks(paragraph)) {
    for (const seg of sentenceSegmenter.segment(chunk)) {
      const start = chunkStart + seg.index;
      const trimmed = seg.segment.trimEnd();
      if (!trimmed) continue;
      // the paragraph's own characters (a slice, or the paragraph itself), not ICU's copy of them
      out.push({ start, end: start + trimmed.length, text: paragraph.slice(start, start + trimmed.length) });
    }
  }
  return out;
}

/**
 * The sentences of many paragraphs in order, exactly as splitSentences gives them one by one.
 * Runs of short paragraphs the memo does not hold are segmented together, joined by line feeds
 * (ICU always breaks after one), up to CHUNK characters a call: each segment() call holds native
 * memory (a break iterator and a copy of its input) until a full garbage collection, which a
 * parse that allocates little on the JS heap does not trigger. A call per line of a
 * 460,000-line file held some 150 MB.
 */
export function splitSentencesMany<P extends { index: number; offset: number }>(paragraphs: readonly P[], textOf: (p: P) => string): Sentence[] {
  const out: Sentence[] = [];
  const put = (p: P, own: Own) => { for (const s of own) out.push({ paragraph: p.index, start: p.offset + s.start, end: p.offset + s.end, text: s.text }); };
  let group: P[] = [];
  let length = 0;
  const flush = () => {
    if (!group.length) return;
    const found = sentencesOfGroup(group.map(textOf));
    group.forEach((p, k) => { segmented.set(textOf(p), found[k]); put(p, found[k]); });
    group = [];
    length = 0;
  };
  for (const p of paragraphs) {
    const text = textOf(p);
    const known = segmented.get(text);
    if (known || text.length > CHUNK / 2) {
      flush();
      put(p, known ?? segmented.through(text, () => sentencesOf(text)));
      continue;
    }
    if (length + text.length + 1 > CHUNK) flush();
    group.push(p);
    length += text.length + 1;
  }
  flush();
  return out;
}

/** Sentences of short paragraphs segmented in one call; each paragraph alone should ICU ever run a sentence across a line feed. */
function sentencesOfGroup(texts: string[]): Own[] {
  if (texts.length === 1) return [sentencesOf(texts[0])];
  const starts: number[] = [];
  let at = 0;
  for (const t of texts) { starts.push(at); at += t.length + 1; }
  const out: Own[] = texts.map(() => []);
  let k = 0;
  for (const seg of sentenceSegmenter.segment(texts.join('\n'))) {
    while (k + 1 < texts.length && starts[k + 1] <= seg.index) k++;
    const trimmed = seg.segment.trimEnd();
    if (!trimmed) continue;
    const start = seg.index - starts[k];
    const end = start + trimmed.length;
    if (end > texts[k].length) return texts.map(sentencesOf);
    out[k].push({ start, end, text: texts[k].slice(start, end) });
  }
  return out;
}

function* chunks(text: string): Generator<[number, string]> {
  if (text.length <= CHUNK) { yield [0, text]; return; }
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK);
    if (end < text.length) {
      const window = text.slice(start, end);
      const cut = Math.max(window.lastIndexOf('。'), window.lastIndexOf('！'), window.lastIndexOf('？'), window.lastIndexOf('\n'));
      if (cut > CHUNK / 2) end = start + cut + 1;
      // never split a surrogate pair
      else if (/[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1;
    }
    yield [start, text.slice(start, end)];
    start = end;
  }
}

/** Word-like tokens of a short text (a sentence or a suggestion's ask). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const [, chunk] of chunks(text)) {
    for (const seg of wordSegmenter.segment(chunk)) if (seg.isWordLike) out.push(seg.segment);
  }
  return out;
}

/**
 * Offsets where ICU puts a word boundary in a text (start and end included), in order in an
 * Int32Array (4 bytes a boundary: a Set of them took some 80 MB for a 5 MB line).
 */
export function wordBoundaries(text: string): { has(offset: number): boolean } {
  let out = new Int32Array(Math.min(text.length + 1, 1024));
  let n = 0;
  const add = (b: number) => {
    if (n && out[n - 1] >= b) return; // segments come in order: each start is the previous end
    if (n === out.length) { const grown = new Int32Array(Math.min(text.length + 1, out.length * 2)); grown.set(out); out = grown; }
    out[n++] = b;
  };
  add(0);
  for (const [start, chunk] of chunks(text)) {
    for (const seg of wordSegmenter.segment(chunk)) { add(start + seg.index); add(start + seg.index + seg.segment.length); }
  }
  add(text.length);
  const bounds = out.subarray(0, n);
  return {
    has(offset) {
      let lo = 0, hi = n;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (bounds[mid] < offset) lo = mid + 1; else hi = mid; }
      return lo < n && bounds[lo] === offset;
    },
  };
}

/**
 * wordBoundaries for queries that never go back (each offset asked at or after the one before,
 * as a left-to-right scan asks): the text is segmented chunk by chunk as the queries reach it,
 * and the boundaries behind the last query are let go. A 10,000,000-character line of one
 * repeated character has as many boundaries: 40 MB held at once, and 20 MB more while growing.
 */
export function wordBoundaryCursor(text: string): { has(offset: number): boolean } {
  const pending = chunks(text);
  let window: number[] = [];
  let head = 0; // window[head] is the first boundary not behind the last query
  let loadedTo = 0; // the text before this offset is segmented
  let done = false;
  return {
    has(offset) {
      if (offset === 0 || offset === text.length) return true;
      while (!done && loadedTo < offset) {
        const next = pending.next();
        if (next.done) { done = true; break; }
        const [start, chunk] = next.value;
        if (head > 4096) { window = window.slice(head); head = 0; }
        for (const seg of wordSegmenter.segment(chunk)) window.push(start + seg.index, start + seg.index + seg.segment.length);
        loadedTo = start + chunk.length;
      }
      while (head < window.length && window[head] < offset) head++;
      return head < window.length && window[head] === offset;
    },
  };
}
