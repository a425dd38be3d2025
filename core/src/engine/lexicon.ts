/** A regex source matching any phrase of a lexicon, longest first. */
export function lexiconPattern(entries: Array<{ phrase: string }>): string {
  const phrases = [...new Set(entries.map((e) => e.phrase).filter(Boolean))].sort((a, b) => b.length - a.length);
  return phrases.map(escapeRegExp).join('|');
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Positions of every lexicon phrase in a text (non-overlapping, longest first at each position). */
export function findPhrases(text: string, entries: Array<{ phrase: string; weight?: number }>): Array<{ start: number; end: number; phrase: string; weight: number }> {
  const source = lexiconPattern(entries);
  if (!source) return [];
  const weights = new Map(entries.map((e) => [e.phrase, e.weight ?? 1]));
  const out: Array<{ start: number; end: number; phrase: string; weight: number }> = [];
  const re = new RegExp(source, 'gu');
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, phrase: m[0], weight: weights.get(m[0]) ?? 1 });
  return out;
}
