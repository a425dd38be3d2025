import { asciiDigits, matcherFor, PhraseMatcher, unitsOf, UNITS_LEXICON, wordBoundaryCursor, type UnitEntry } from '@dafu/core';
import { defineRule, matchesIn } from './util.js';

/**
 * Full-width digits, one finding per run. The rules read the analysed text, where these digits
 * are already ASCII (core/src/document/digits.ts), so this one rule reads the text as written.
 * Not paragraph-local: the per-paragraph memo is keyed by the analysed text, which cannot tell
 * “２０２５” from “2025”.
 */
export const fullwidthDigits = defineRule({
  id: 'fullwidth-digits',
  category: 'typography',
  severity: 'warning',
  description: '阿拉伯数字用半角',
  message: '数字“{match}”是全角字符，应使用半角阿拉伯数字“{replacement}”。',
  note: 'GB/T 15835—2011《出版物上数字用法》：阿拉伯数字使用半角形式。',
  suggestion: '投入资金300万元',
  scope: ['all'],
  fixable: 'safe',
  examples: {
    valid: ['投入资金300万元。'],
    invalid: [
      { text: '投入资金３00万元。', excerpt: '３' },
      { text: '于２０２５年6月底前完成。', excerpt: '２０２５' },
    ],
  },
  check(ctx) {
    const written = ctx.doc.original ?? ctx.doc.text;
    for (const p of ctx.paragraphs(this.scope)) {
      for (const h of matchesIn({ text: written.slice(p.offset, p.offset + p.text.length), offset: p.offset }, /[０-９]+/gu)) {
        ctx.report({ start: h.start, end: h.end, replacement: asciiDigits(h.m[0]) });
      }
    }
  },
});

/**
 * Doubled words: 的的, 工作工作, "2021年，2021年，". Legitimate reduplication (常常, 研究研究,
 * 认认真真) comes from the reduplication lexicon and is never flagged.
 */
export const doubledWords = defineRule({
  id: 'doubled-words',
  category: 'typography',
  severity: 'warning',
  description: '重复的字词（的的、做好做好）',
  message: '“{match}”重复了，多半是录入错误。',
  note: '公文用字须准确；重复的字词是最常见的录入错误之一，应逐一核对。',
  suggestion: '删去重复的“{word}”。',
  scope: ['all'],
  fixable: 'suggestion',
  local: 'paragraph',
  examples: {
    valid: ['我们常常深入社区，认认真真听取意见，一一对应整改，研究研究再定。', '交警大队大队长带队检查。'],
    invalid: [
      { text: '这是我们的的工作重点。', excerpt: '的的' },
      { text: '要做好做好安全管理。', excerpt: '做好做好' },
      { text: '2021年，2021年，我局投入资金50万元。', excerpt: '2021年，2021年，' },
    ],
  },
  check(ctx) {
    const lex = ctx.lexicons;
    const allowed = (lex.reduplicationAllowed ?? []).map((e) => e.phrase);
    const singles = new Set((lex.typoDoubles ?? []).map((e) => e.phrase));
    const res = [
      /(\p{Script=Han}{2,6})\1/gu,
      /([^\s\u3000，。、；：]{3,14}[，,、])\1/gu,
      /(\p{Script=Han})\1/gu,
    ];
    for (const p of ctx.paragraphs(this.scope)) {
      // the ranges reported by the earlier patterns, sorted, as two arrays of numbers (pairs as
      // arrays took 40 bytes a finding)
      let takenStart: number[] = [];
      let takenEnd: number[] = [];
      let bounds: { has(offset: number): boolean } | undefined;
      for (const [i, re] of res.entries()) {
        if (i === 1 && !mayRepeatClause(p.text)) continue;
        // a pattern's own matches never overlap and come in order: they are checked against the
        // earlier patterns' ranges only, and merged in after (inserting each in the middle of the
        // list was quadratic on a long line: 30 s for 8 MB of 的的 between 工作工作)
        const addedStart: number[] = [];
        const addedEnd: number[] = [];
        for (const h of matchesIn(p, re)) {
          const word = h.m[1];
          if (i === 2 && !singles.has(word)) continue;
          // 大队大队长: the second copy must end where a word ends (保护区护区, a paste overlap, still counts)
          if (i === 0) {
            bounds ??= wordBoundaryCursor(p.text); // (asked left to right)
            const s0 = h.start - p.offset;
            if (![s0 + word.length, s0 + 2 * word.length].every((b) => bounds!.has(b))) continue;
          }
          // taken ranges never overlap, so sorted by start they are sorted by end: binary search
          // (a linear scan made a long line of one repeated character quadratic)
          let lo = 0, hi = takenEnd.length;
          while (lo < hi) { const mid = (lo + hi) >> 1; if (takenEnd[mid] <= h.start) lo = mid + 1; else hi = mid; }
          if (lo < takenEnd.length && takenStart[lo] < h.end) continue;
          // inside an allowed reduplication such as 研究研究 or 是是非非
          const local = h.start - p.offset;
          // (only the starts that can cover the match are tried: indexOf ran to the paragraph's end)
          if (allowed.some((a) => { for (let k = Math.max(0, local + h.m[0].length - a.length); k <= local; k++) if (p.text.startsWith(a, k)) return true; return false; })) continue;
          addedStart.push(h.start);
          addedEnd.push(h.end);
          ctx.report({ start: h.start, end: h.end, data: { word: word.replace(/[，,、]$/u, '') } });
        }
        if (addedStart.length) [takenStart, takenEnd] = mergeRanges(takenStart, takenEnd, addedStart, addedEnd);
      }
    }
  },
});

/** Two sorted lists of ranges that do not overlap, as one sorted list. */
function mergeRanges(aStart: number[], aEnd: number[], bStart: number[], bEnd: number[]): [number[], number[]] {
  if (!aStart.length) return [bStart, bEnd];
  const start: number[] = [];
  const end: number[] = [];
  let i = 0, j = 0;
  while (i < aStart.length || j < bStart.length) {
    if (j >= bStart.length || (i < aStart.length && aStart[i] < bStart[j])) { start.push(aStart[i]); end.push(aEnd[i++]); } else { start.push(bStart[j]); end.push(bEnd[j++]); }
  }
  return [start, end];
}

/**
 * Whether a clause ending in ，,、 may be followed by itself, the necessary condition for the
 * clause pattern of doubled-words to match, in one pass: the backreference regex alone tries
 * every length at every offset, the most expensive pattern of a whole check.
 */
function mayRepeatClause(text: string): boolean {
  for (let j = 3; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c !== 0xff0c /* ， */ && c !== 0x2c /* , */ && c !== 0x3001 /* 、 */) continue;
    // the clause with its mark is 4–29 code units: 3–14 characters, each maybe a surrogate pair
    for (let len = 4; len <= 29 && len <= j + 1 && j + len < text.length; len++) {
      if (text.charCodeAt(j + len) === c && text.startsWith(text.slice(j + 1 - len, j + 1), j + 1)) return true;
    }
  }
  return false;
}

/** Confusable words from the typo lexicon (截止目前 → 截至目前, 布署 → 部署 …) and 规范表述 from the formulation and user lists. */
export const typos = defineRule({
  id: 'typos',
  category: 'typography',
  severity: 'warning',
  description: '常见错别字、易混词和规范表述',
  message: '“{match}”疑为错别字，应为“{replacement}”。{reason}',
  note: '《现代汉语词典》《第一批异形词整理表》及公文用字惯例；规范表述以清单所注依据和核对日期为准。本单位的词表可在配置 lists.words 中指定（dafu lists import 导入 Excel），也可用 lexicons.typos 增删。',
  suggestion: '改为“{replacement}”。',
  scope: ['all'],
  fixable: 'suggestion',
  local: 'paragraph',
  examples: {
    valid: ['我局已部署专项行动，作为重点工作安排。', '截至目前，本市九洲大道改造已完成。', '抄送：市人大常委会代表工作委员会。'],
    invalid: [
      { text: '我局已布署专项行动。', excerpt: '布署' },
      { text: '抄送：市人大常委会代表工委。', excerpt: '人大常委会代表工委' },
    ],
  },
  check(ctx) {
    const entries = (ctx.lexicons.typos ?? []) as TypoEntry[];
    if (!entries.length) return;
    const matcher = matcherFor(entries);
    // names on the unit list (full and accepted short names) are right as written
    const units = ctx.lexicons[UNITS_LEXICON]?.length ? unitNameMatcher(unitsOf(ctx.lexicons)) : undefined;
    for (const p of ctx.paragraphs(this.scope)) {
      const names = units?.findAll(p.text) ?? [];
      const filter = names.length
        ? (text: string, start: number, end: number, e: TypoEntry) => acceptTypo(text, start, end, e) && !names.some((n) => n.start <= start && n.end >= end)
        : acceptTypo;
      for (const h of matcher.find(p.text, { filter })) {
        const e = h.entry;
        const at = { start: p.offset + h.start, end: p.offset + h.end, replacement: e.right };
        if (e.confirmed || e.origin === 'user') {
          const basis = e.basis ?? e.source;
          const tail = [basis ? `依据：${basis}` : '', e.confirmed ? `${e.confirmed}核对` : ''].filter(Boolean).join('，');
          const reason = e.note ? `（${e.note}）` : '';
          // the shipped formulation list says what it is; a unit's own list speaks for itself
          const message = e.origin === 'user'
            ? `“${h.phrase}”应为“${e.right}”${reason}。${tail ? `${tail}（本单位词表）。` : '（本单位词表）'}`
            : `“${h.phrase}”不是规范表述，应为“${e.right}”${reason}。规范表述${tail ? `${tail}` : ''}（dafu 起步清单，请以本地规定为准）。`;
          ctx.report({ ...at, message, data: { replacement: e.right, reason: '' } });
        } else {
          ctx.report({ ...at, data: { replacement: e.right, reason: e.note ? `（${e.note}）` : '' } });
        }
      }
    }
  },
});

const unitMatchers = new WeakMap<object, PhraseMatcher<{ phrase: string }>>();
function unitNameMatcher(units: UnitEntry[]): PhraseMatcher<{ phrase: string }> {
  let m = unitMatchers.get(units);
  if (!m) {
    m = new PhraseMatcher(units.flatMap((u) => [u.name, ...(u.aliases ?? [])]).map((phrase) => ({ phrase })), (e) => e.phrase);
    unitMatchers.set(units, m);
  }
  return m;
}

interface TypoEntry { phrase: string; right: string; note?: string; basis?: string; source?: string; confirmed?: string; origin?: string; unless?: string[] }

/** An entry counts unless its replacement is missing or one of its `unless` strings covers the hit. */
function acceptTypo(text: string, start: number, end: number, e: TypoEntry): boolean {
  if (typeof e.right !== 'string' || !e.right || e.right === e.phrase) return false;
  if (!e.unless) return true;
  for (const u of e.unless) {
    if (u.length < end - start) continue;
    for (let k = text.indexOf(u, Math.max(0, end - u.length)); k >= 0 && k <= start; k = text.indexOf(u, k + 1)) if (k + u.length >= end) return false;
  }
  return true;
}
