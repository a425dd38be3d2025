/**
 * A multi-phrase matcher (Aho–Corasick) over UTF-16 code units.
 *
 * - Built once per phrase list; `matcherFor(entries)` caches by array identity, so a lexicon
 *   that lives as long as its engine is compiled once.
 * - Offsets are UTF-16 code units, as everywhere else in dafu (`ReplyDocument.text`).
 *   A hit never starts or ends between the two halves of a surrogate pair, even for a phrase
 *   that itself begins or ends with a lone surrogate.
 * - `find` gives leftmost-longest, non-overlapping hits: the same result as one regex
 *   alternation sorted longest first (the way dafu matched lexicons before), but in one pass
 *   over the text whatever the number of phrases.
 * - `findAll` gives every occurrence, overlapping ones included.
 *
 * No Node-only code: typed arrays only (the matcher runs in the browser extension too).
 */

export interface PhraseHit<T> {
  /** UTF-16 offsets into the searched text (plus the `offset` passed in) */
  start: number;
  end: number;
  phrase: string;
  entry: T;
}

/** Decides whether a candidate hit counts (before non-overlapping selection). */
export type HitFilter<T> = (text: string, start: number, end: number, entry: T) => boolean;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** True when a cut at `at` would split a surrogate pair. */
export const splitsPair = (text: string, at: number) => at > 0 && at < text.length && isLow(text.charCodeAt(at)) && isHigh(text.charCodeAt(at - 1));

export class PhraseMatcher<T> {
  /** number of distinct phrases */
  readonly size: number;
  private readonly phrases: string[];
  private readonly entries: T[];
  private readonly lengths: Int32Array;
  /** transitions out of the root, indexed by code unit (0 = stay at the root) */
  private readonly rootNext: Int32Array;
  /** open-addressing hash of (node, code unit) → node for the other nodes */
  private readonly hNode: Int32Array;
  private readonly hCode: Uint16Array;
  private readonly hNext: Int32Array;
  private readonly mask: number;
  private readonly fail: Int32Array;
  /** phrase ending exactly at a node, or -1 */
  private readonly out: Int32Array;
  /** the nearest node down the failure chain (excluding itself) with an output, or -1 */
  private readonly dict: Int32Array;

  /**
   * @param entries the list to match; entries with an empty phrase are skipped, and of two
   *   entries with the same phrase the first one wins
   */
  constructor(entries: readonly T[], phraseOf: (e: T) => string) {
    const phrases: string[] = [];
    const kept: T[] = [];
    const seen = new Set<string>();
    for (const e of entries) {
      const p = phraseOf(e);
      if (!p || seen.has(p)) continue;
      seen.add(p);
      phrases.push(p);
      kept.push(e);
    }
    this.phrases = phrases;
    this.entries = kept;
    this.size = phrases.length;
    this.lengths = Int32Array.from(phrases, (p) => p.length);

    // trie with child lists (first child / next sibling), the edge code on the child
    let total = 1;
    for (const p of phrases) total += p.length;
    let firstChild = new Int32Array(total).fill(-1);
    let sibling = new Int32Array(total).fill(-1);
    let code = new Uint16Array(total);
    const out = new Int32Array(total).fill(-1);
    const rootNext = new Int32Array(65536);
    let nodes = 1;
    const childOf = (node: number, c: number): number => {
      if (node === 0) return rootNext[c] || -1;
      for (let k = firstChild[node]; k >= 0; k = sibling[k]) if (code[k] === c) return k;
      return -1;
    };
    for (let pi = 0; pi < phrases.length; pi++) {
      const p = phrases[pi];
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let next = childOf(node, c);
        if (next < 0) {
          next = nodes++;
          code[next] = c;
          sibling[next] = firstChild[node];
          firstChild[node] = next;
          if (node === 0) rootNext[c] = next;
        }
        node = next;
      }
      out[node] = pi;
    }
    firstChild = firstChild.subarray(0, nodes);
    sibling = sibling.subarray(0, nodes);
    code = code.subarray(0, nodes);

    // hash table for non-root edges: (parent, code) → child
    const edges = nodes - 1;
    let cap = 16;
    while (cap < edges * 2) cap <<= 1;
    const hNode = new Int32Array(cap).fill(-1);
    const hCode = new Uint16Array(cap);
    const hNext = new Int32Array(cap);
    const mask = cap - 1;
    const fail = new Int32Array(nodes);
    const dict = new Int32Array(nodes).fill(-1);

    // breadth-first: failure links, output links, hash entries
    const queue = new Int32Array(nodes);
    let head = 0, tail = 0;
    for (let k = firstChild[0]; k >= 0; k = sibling[k]) { fail[k] = 0; queue[tail++] = k; }
    while (head < tail) {
      const node = queue[head++];
      for (let k = firstChild[node]; k >= 0; k = sibling[k]) {
        const c = code[k];
        let slot = hash(node, c) & mask;
        while (hNode[slot] >= 0) slot = (slot + 1) & mask;
        hNode[slot] = node; hCode[slot] = c; hNext[slot] = k;
        // failure: the longest proper suffix that is in the trie
        let f = fail[node];
        let target = -1;
        for (;;) {
          target = childOf(f, c);
          if (target >= 0 || f === 0) break;
          f = fail[f];
        }
        fail[k] = target >= 0 && target !== k ? target : 0;
        const fk = fail[k];
        dict[k] = out[fk] >= 0 ? fk : dict[fk];
        queue[tail++] = k;
      }
    }
    this.rootNext = rootNext;
    this.hNode = hNode; this.hCode = hCode; this.hNext = hNext; this.mask = mask;
    this.fail = fail;
    this.out = out.subarray(0, nodes);
    this.dict = dict;
  }

  private step(state: number, c: number): number {
    const { hNode, hCode, hNext, mask, fail, rootNext } = this;
    for (;;) {
      if (state === 0) return rootNext[c];
      let slot = hash(state, c) & mask;
      for (let n = hNode[slot]; n >= 0; n = hNode[slot]) {
        if (n === state && hCode[slot] === c) return hNext[slot];
        slot = (slot + 1) & mask;
      }
      state = fail[state];
    }
  }

  /** Calls `visit(start, end, phraseIndex)` for every occurrence, in order of end. */
  private scan(text: string, visit: (start: number, end: number, pi: number) => void): void {
    if (this.size === 0) return;
    // the transition function inlined: this loop is the matcher's whole cost
    const { out, dict, lengths, hNode, hCode, hNext, mask, fail, rootNext } = this;
    const n = text.length;
    let state = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      for (;;) {
        if (state === 0) { state = rootNext[c]; break; }
        let slot = (Math.imul(state, 0x9e3779b1) ^ Math.imul(c + 1, 0x85ebca77)) & mask;
        let next = -1;
        for (let k = hNode[slot]; k >= 0; k = hNode[slot]) {
          if (k === state && hCode[slot] === c) { next = hNext[slot]; break; }
          slot = (slot + 1) & mask;
        }
        if (next >= 0) { state = next; break; }
        state = fail[state];
      }
      if (state === 0) continue;
      let s = out[state] >= 0 ? state : dict[state];
      while (s >= 0) {
        const pi = out[s];
        const end = i + 1;
        const start = end - lengths[pi];
        if (!splitsPair(text, start) && !splitsPair(text, end)) visit(start, end, pi);
        s = dict[s];
      }
    }
  }

  /** Every occurrence, overlapping ones included, ordered by start and then longest first. */
  findAll(text: string, offset = 0): Array<PhraseHit<T>> {
    const hits: Array<PhraseHit<T>> = [];
    this.scan(text, (start, end, pi) => { hits.push({ start: start + offset, end: end + offset, phrase: this.phrases[pi], entry: this.entries[pi] }); });
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    return hits;
  }

  /**
   * Leftmost-longest, non-overlapping occurrences. A `filter` is asked about every candidate
   * first; a rejected candidate does not hide shorter or later ones.
   */
  find(text: string, options: { offset?: number; filter?: HitFilter<T> } = {}): Array<PhraseHit<T>> {
    const { offset = 0, filter } = options;
    const n = text.length;
    // the longest accepted phrase per start position (+1, so 0 means none)
    let best: Int32Array | undefined;
    let first = n, any = false;
    this.scan(text, (start, end, pi) => {
      best ??= new Int32Array(n);
      const prev = best[start] - 1;
      if (prev >= 0 && this.lengths[prev] >= end - start) return;
      if (filter && !filter(text, start, end, this.entries[pi])) return;
      best[start] = pi + 1;
      if (start < first) first = start;
      any = true;
    });
    const hits: Array<PhraseHit<T>> = [];
    if (!any || !best) return hits;
    const b = best as Int32Array;
    for (let p = first; p < n;) {
      const pi = b[p] - 1;
      if (pi < 0) { p++; continue; }
      const end = p + this.lengths[pi];
      hits.push({ start: p + offset, end: end + offset, phrase: this.phrases[pi], entry: this.entries[pi] });
      p = end;
    }
    return hits;
  }

  /** Whether any phrase occurs in the text. */
  test(text: string): boolean {
    if (this.size === 0) return false;
    const { out, dict, lengths } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = this.step(state, text.charCodeAt(i));
      if (state === 0) continue;
      for (let s = out[state] >= 0 ? state : dict[state]; s >= 0; s = dict[s]) {
        if (!splitsPair(text, i + 1 - lengths[out[s]]) && !splitsPair(text, i + 1)) return true;
      }
    }
    return false;
  }
}

function hash(node: number, c: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(c + 1, 0x85ebca77)) >>> 0;
}

const cache = new WeakMap<object, PhraseMatcher<unknown>>();

/**
 * The matcher for a lexicon (entries with a `phrase`), built on first use and cached by the
 * array's identity: build once per lexicon, not once per paragraph.
 */
export function matcherFor<T extends { phrase: string }>(entries: readonly T[]): PhraseMatcher<T> {
  let m = cache.get(entries) as PhraseMatcher<T> | undefined;
  if (!m) {
    m = new PhraseMatcher(entries, (e) => e.phrase);
    cache.set(entries, m as PhraseMatcher<unknown>);
  }
  return m;
}
