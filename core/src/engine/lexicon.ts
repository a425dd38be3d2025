import { matcherFor } from '../lexicon/matcher.js';

/** A regex source matching any phrase of a lexicon, longest first. */
export function lexiconPattern(entries: Array<{ phrase: string }>): string {
  const phrases = [...new Set(entries.map((e) => e.phrase).filter(Boolean))].sort((a, b) => b.length - a.length);
  return phrases.map(escapeRegExp).join('|');
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Positions of every lexicon phrase in a text (non-overlapping, leftmost-longest), found with
 * the lexicon's Aho–Corasick matcher (built once per lexicon array).
 */
export function findPhrases(text: string, entries: Array<{ phrase: string; weight?: number }>): Array<{ start: number; end: number; phrase: string; weight: number }> {
  if (!entries.length) return [];
  return matcherFor(entries).find(text).map((h) => ({ start: h.start, end: h.end, phrase: h.phrase, weight: h.entry.weight ?? 1 }));
}
