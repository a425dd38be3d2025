// Lexicon matching benchmark (issue 9): a 10,000-entry list matched over a 10,000-character
// text with the Aho–Corasick matcher, against one plain pass over the text (a charCodeAt loop)
// and against the regex alternation dafu used before. Medians of several runs; no assertions.
// Run on its own (`node test/bench/lexicon.mjs`) or from `npm run bench`.
import { pathToFileURL } from 'node:url';
import { PhraseMatcher, lexiconPattern, lexicons } from '@dafu/rules';

const ENTRIES = 10_000;
const TEXT_CHARS = 10_000;

/** A deterministic generator, so every run measures the same list and text. */
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

// 600 common Han characters (a slice of the basic block where everyday characters are dense), so
// phrases share prefixes and the text has many partial matches, as real lexicons and replies do
const POOL = Array.from({ length: 600 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 37) % 6000)));

export function makeEntries(n = ENTRIES, seed = 1) {
  const r = rng(seed);
  const set = new Set();
  while (set.size < n) {
    const len = 2 + Math.floor(r() * 4); // 2–5 characters, like typo and name entries
    let s = '';
    for (let i = 0; i < len; i++) s += POOL[Math.floor(r() * POOL.length)];
    set.add(s);
  }
  return [...set].map((phrase) => ({ phrase, right: `${phrase}正` }));
}

export function makeText(entries, n = TEXT_CHARS, seed = 2) {
  const r = rng(seed);
  let s = '';
  while (s.length < n) {
    const x = r();
    if (x < 0.02) s += entries[Math.floor(r() * entries.length)].phrase; // a planted entry now and then
    else if (x < 0.1) s += '，';
    else if (x < 0.101) s += '𠀋'; // a character outside the BMP (a surrogate pair)
    else s += POOL[Math.floor(r() * POOL.length)];
  }
  return s.slice(0, n);
}

const median = (xs) => { const a = [...xs].sort((p, q) => p - q); return a[a.length >> 1]; };

/** Median milliseconds of one call, timing `inner` calls per run to beat timer resolution. */
function time(fn, { runs = 9, inner = 1 } = {}) {
  fn(); // warm up
  const out = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) fn();
    out.push((performance.now() - t0) / inner);
  }
  return median(out);
}

export async function benchLexicon({ print = true, runs = 9 } = {}) {
  const entries = makeEntries();
  const text = makeText(entries);

  // one plain pass over the text: the floor any matcher is measured against
  let sink = 0;
  const pass = time(() => { let h = 0; for (let i = 0; i < text.length; i++) h = (h + text.charCodeAt(i)) | 0; sink ^= h; }, { runs, inner: 200 });

  const build = time(() => new PhraseMatcher(entries, (e) => e.phrase), { runs: Math.max(3, runs >> 1) });
  const matcher = new PhraseMatcher(entries, (e) => e.phrase);
  let hits = 0;
  const match = time(() => { hits = matcher.find(text).length; }, { runs, inner: 20 });
  const all = time(() => { sink ^= matcher.findAll(text).length; }, { runs, inner: 20 });

  // the previous approach: one regex alternation, longest first
  const source = lexiconPattern(entries);
  const regexBuild = time(() => new RegExp(source, 'gu'), { runs: 3 });
  const re = new RegExp(source, 'gu');
  let regexHits = 0;
  const regex = time(() => { re.lastIndex = 0; let n = 0; for (let m = re.exec(text); m; m = re.exec(text)) n++; regexHits = n; }, { runs: Math.max(3, runs >> 1) });

  // the shipped typo and formulation list over the same text
  const shipped = new PhraseMatcher(lexicons.typos, (e) => e.phrase);
  const shippedMatch = time(() => { sink ^= shipped.find(text).length; }, { runs, inner: 20 });

  const result = {
    entries: entries.length, chars: text.length, hits, regexHits,
    passMs: pass, buildMs: build, matchMs: match, findAllMs: all, regexBuildMs: regexBuild, regexMs: regex,
    shippedEntries: shipped.size, shippedMatchMs: shippedMatch,
    ratio: match / pass, regexRatio: regex / pass,
  };
  if (print) {
    const ms = (x) => (x < 0.1 ? x.toFixed(4) : x < 10 ? x.toFixed(3) : x.toFixed(1));
    console.log(`\n词库匹配：${result.entries} 条 × ${result.chars} 字（中位数，${runs} 轮；Node ${process.version}）`);
    console.log(`  逐字扫描一遍（charCodeAt）      ${ms(pass)} ms`);
    console.log(`  Aho–Corasick 建表（一次）       ${ms(build)} ms`);
    console.log(`  Aho–Corasick 匹配（最左最长）   ${ms(match)} ms   = ${result.ratio.toFixed(1)} 倍扫描一遍；命中 ${hits} 处`);
    console.log(`  Aho–Corasick 全部重叠命中       ${ms(all)} ms`);
    console.log(`  对照：正则多选一 编译 ${ms(regexBuild)} ms，匹配 ${ms(regex)} ms = ${result.regexRatio.toFixed(0)} 倍扫描一遍；命中 ${regexHits} 处`);
    console.log(`  内置错别字与规范表述（${result.shippedEntries} 条）匹配同一文本 ${ms(shippedMatch)} ms`);
  }
  void sink;
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchLexicon();
