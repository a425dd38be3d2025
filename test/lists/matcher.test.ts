import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PhraseMatcher, matcherFor, findPhrases, lexiconPattern, splitsPair } from '../../core/src/index.js';

/** The old way: one regex alternation, longest first (leftmost-longest). */
function viaRegex(text: string, phrases: string[]): string[] {
  const source = lexiconPattern(phrases.map((phrase) => ({ phrase })));
  if (!source) return [];
  const re = new RegExp(source, 'gu');
  const out: string[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!m[0]) { re.lastIndex++; continue; }
    out.push(`${m.index}:${m[0]}`);
  }
  return out;
}

const build = (phrases: string[]) => new PhraseMatcher(phrases.map((phrase) => ({ phrase })), (e) => e.phrase);
const show = (hits: Array<{ start: number; phrase: string }>) => hits.map((h) => `${h.start}:${h.phrase}`);

// a small alphabet so phrases overlap a lot: ASCII, Han, an astral character (surrogate pair) and a lone half
const ALPHABET = ['a', 'b', '甲', '乙', '的', '𠀋', '\uD840', '\uDC0B'];
const word = (max: number) => fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: max }).map((a) => a.join(''));

describe('PhraseMatcher', () => {
  it('finds leftmost-longest, non-overlapping phrases', () => {
    const m = build(['截止', '截止目前', '目前', '前进']);
    expect(show(m.find('截止目前前进，截止'))).toEqual(['0:截止目前', '4:前进', '7:截止']);
  });

  it('gives every occurrence with findAll, overlapping ones included', () => {
    const m = build(['he', 'she', 'his', 'hers']);
    expect(show(m.findAll('ushers'))).toEqual(['1:she', '2:hers', '2:he']);
  });

  it('agrees with a longest-first regex alternation on random texts and phrase sets', () => {
    fc.assert(fc.property(fc.uniqueArray(word(4), { minLength: 1, maxLength: 12 }), fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }).map((a) => a.join('')), (phrases, text) => {
      expect(show(build(phrases).find(text))).toEqual(viaRegex(text, phrases));
    }), { numRuns: 400 });
  });

  it('findAll equals a brute-force search that respects surrogate pairs', () => {
    fc.assert(fc.property(fc.uniqueArray(word(3), { minLength: 1, maxLength: 8 }), fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((a) => a.join('')), (phrases, text) => {
      const brute: string[] = [];
      for (const p of phrases) for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) if (!splitsPair(text, i) && !splitsPair(text, i + p.length)) brute.push(`${i}:${p}`);
      expect(show(build(phrases).findAll(text)).sort()).toEqual(brute.sort());
    }), { numRuns: 300 });
  });

  it('never starts or ends a match inside a surrogate pair', () => {
    const high = '\uD840', low = '\uDC0B';
    const m = build([low, `${low}甲`, `乙${high}`, '甲']);
    const text = `乙𠀋甲`; // 乙 + (high low) + 甲
    expect(show(m.find(text))).toEqual(['3:甲']);
    // a lone half (not part of a pair) is matched
    expect(show(m.find(`${low}甲`))).toEqual([`0:${low}甲`]);
  });

  it('reports UTF-16 offsets after astral characters', () => {
    const m = build(['布署']);
    const text = '𠀋𠀋我局布署';
    const [hit] = m.find(text);
    expect(text.slice(hit.start, hit.end)).toBe('布署');
    expect(hit.start).toBe(6);
  });

  it('lets a filter reject a candidate without hiding shorter or later ones', () => {
    const m = build(['九洲', '九洲集', '洲集团']);
    const hits = m.find('九洲集团', { filter: (_t, _s, _e, e) => e.phrase !== '九洲集' });
    expect(show(hits)).toEqual(['0:九洲']);
    const later = m.find('九洲集团', { filter: (_t, s) => s !== 0 });
    expect(show(later)).toEqual(['1:洲集团']);
  });

  it('adds an offset to positions when asked', () => {
    expect(build(['ab']).find('xab', { offset: 10 })[0]).toMatchObject({ start: 11, end: 13 });
  });

  it('handles empty lists, empty phrases and duplicates (first entry wins)', () => {
    expect(build([]).find('abc')).toEqual([]);
    expect(build(['']).find('abc')).toEqual([]);
    const m = new PhraseMatcher([{ phrase: 'ab', id: 1 }, { phrase: 'ab', id: 2 }], (e) => e.phrase);
    expect(m.size).toBe(1);
    expect(m.find('ab')[0].entry.id).toBe(1);
    expect(m.test('xxab')).toBe(true);
    expect(m.test('xxa')).toBe(false);
  });

  it('is built once per lexicon array', () => {
    const list = [{ phrase: '工作' }];
    expect(matcherFor(list)).toBe(matcherFor(list));
    expect(matcherFor([...list])).not.toBe(matcherFor(list));
  });

  it('findPhrases (stock phrases) keeps its results and weights', () => {
    const entries = [{ phrase: '高度重视', weight: 2 }, { phrase: '重视' }, { phrase: '认真研究' }];
    expect(findPhrases('我局高度重视，认真研究，十分重视。', entries)).toEqual([
      { start: 2, end: 6, phrase: '高度重视', weight: 2 },
      { start: 7, end: 11, phrase: '认真研究', weight: 1 },
      { start: 14, end: 16, phrase: '重视', weight: 1 },
    ]);
  });

  it('copes with thousands of phrases sharing prefixes', () => {
    const phrases = Array.from({ length: 5000 }, (_, i) => `市${String.fromCharCode(0x4e00 + (i % 300))}${String.fromCharCode(0x4e00 + Math.floor(i / 300))}局`);
    const m = build(phrases);
    const text = phrases.filter((_, i) => i % 97 === 0).join('，');
    expect(m.find(text).length).toBe(Math.ceil(5000 / 97));
  });
});
