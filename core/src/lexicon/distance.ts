/** Edit distance for names: counted in characters (code points), so 𠀋 is one character. */

const chars = (s: string) => Array.from(s);

/**
 * Levenshtein distance between two strings in code points, or `max + 1` as soon as it is
 * certain to exceed `max` (names are short; the cutoff keeps long unit lists cheap).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const x = chars(a), y = chars(b);
  if (Math.abs(x.length - y.length) > max) return max + 1;
  if (!x.length) return y.length;
  if (!y.length) return x.length;
  let prev = new Array<number>(y.length + 1);
  let cur = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[y.length];
}

/**
 * Candidates within `max` edits of `name`, nearest first (ties keep the list order).
 * Exact matches are distance 0 and come first.
 */
export function nearest<T>(name: string, candidates: readonly T[], keysOf: (c: T) => string[], max: number): Array<{ candidate: T; key: string; distance: number }> {
  const out: Array<{ candidate: T; key: string; distance: number }> = [];
  const len = chars(name).length;
  for (const c of candidates) {
    let best: { key: string; distance: number } | undefined;
    for (const key of keysOf(c)) {
      if (Math.abs(chars(key).length - len) > max) continue;
      const d = editDistance(name, key, max);
      if (d <= max && (!best || d < best.distance)) best = { key, distance: d };
    }
    if (best) out.push({ candidate: c, ...best });
  }
  return out.sort((a, b) => a.distance - b.distance);
}
