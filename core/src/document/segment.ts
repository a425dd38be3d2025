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

function sentencesOf(paragraph: string): Array<Omit<Sentence, 'paragraph'>> {
  const out: Array<Omit<Sentence, 'paragraph'>> = [];
  for (const [chunkStart, chunk] of chunks(paragraph)) {
    for (const seg of sentenceSegmenter.segment(chunk)) {
      const start = chunkStart + seg.index;
      const text = seg.segment;
      // ICU does not break after a full-width semicolon; keep its sentence whole, trim the end
      const trimmed = text.replace(/(?<![\s\u3000])[\s\u3000]+$/u, '');
      if (!trimmed) continue;
      out.push({ start, end: start + trimmed.length, text: trimmed });
    }
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
