import type { Ordinal } from './types.js';

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105. Returns NaN for anything else. */
export function chineseToNumber(s: string): number {
  if (!s) return NaN;
  if (/^[0-9０-９]+$/.test(s)) return Number(s.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10)));
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) current = CN_DIGITS[ch];
    else if (ch === '十') { total += (current || 1) * 10; current = 0; }
    else if (ch === '百') { total += (current || 1) * 100; current = 0; }
    else if (ch === '千') { total += (current || 1) * 1000; current = 0; }
    else return NaN;
  }
  return total + current;
}

const CN = '[一二三四五六七八九十百零〇两]{1,4}';
const AR = '[0-9０-９]{1,3}';

/**
 * Ordinal patterns in priority order. Each names the level it stands for and whether its
 * punctuation is the standard form (GB/T 9704 §7.3.3: 一、 （一） 1. （1）).
 */
const PATTERNS: Array<{ re: RegExp; level: Ordinal['level']; style: string; malformed: boolean }> = [
  { re: new RegExp(`^（(${CN})）(?![、，,.．])`, 'u'), level: 2, style: 'cn-paren', malformed: false },
  { re: new RegExp(`^[（(](${CN})[）)][、，,.．]?`, 'u'), level: 2, style: 'cn-paren-bad', malformed: true },
  { re: new RegExp(`^（(${AR})）(?![、，,.．])`, 'u'), level: 4, style: 'ar-paren', malformed: false },
  { re: new RegExp(`^[（(](${AR})[）)][、，,.．]?`, 'u'), level: 4, style: 'ar-paren-bad', malformed: true },
  { re: new RegExp(`^(${CN})、`, 'u'), level: 1, style: 'cn-dun', malformed: false },
  { re: new RegExp(`^(${CN})[.．,，](?![0-9０-９])`, 'u'), level: 1, style: 'cn-dun-bad', malformed: true },
  { re: new RegExp(`^(${AR})[.．](?![0-9０-９])`, 'u'), level: 3, style: 'ar-dot', malformed: false },
  { re: new RegExp(`^(${AR})[、,，](?![0-9０-９])`, 'u'), level: 3, style: 'ar-dot-bad', malformed: true },
  { re: new RegExp(`^(${AR})[)）]`, 'u'), level: 4, style: 'ar-half-paren', malformed: true },
  { re: new RegExp(`^(${AR})[ \\t　](?=\\p{Script=Han})`, 'u'), level: 3, style: 'ar-space', malformed: true },
  { re: new RegExp(`^第(${CN})[，,、]`, 'u'), level: 0, style: 'cn-di', malformed: false },
  { re: new RegExp(`^(${CN})是[，,：:]?`, 'u'), level: 0, style: 'cn-shi', malformed: false },
];

/** Parses the ordinal a paragraph starts with, if any. Leading whitespace is ignored. */
export function parseOrdinal(paragraph: string): Ordinal | undefined {
  const lead = paragraph.match(/^[\s\u3000]*/u)![0].length;
  const text = paragraph.slice(lead);
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const value = chineseToNumber(m[1]);
    if (!Number.isFinite(value) || value <= 0) continue;
    // 一是 only counts before a clause: 一是…, not 一是否 / 一是一 …
    if (p.style === 'cn-shi' && (value > 20 || /^是否/.test(text.slice(m[1].length)))) continue;
    // "1.5万元" or "2.3公里" are numbers, not ordinals; so is "3、4月份" (ranges of months)
    if ((p.style === 'ar-dot' || p.style === 'ar-dot-bad') && /^[0-9０-９]*[月日号年]/u.test(text.slice(m[0].length))) continue;
    let malformed = p.malformed;
    if (p.style === 'cn-shi' && /[：:]/.test(m[0])) malformed = true; // 一是后不用冒号
    return { text: m[0], level: p.level, value, style: p.style, malformed };
  }
  return undefined;
}
