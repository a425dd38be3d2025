/**
 * Issue 8, text hardening: any Unicode, every supported encoding, and very long paragraphs are
 * checked without a crash, with every finding's range inside the text and its excerpt equal to
 * the text there. No timings are asserted.
 */
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { MAX_PER_RULE, createChecker, decodeText, isInputError, parseDraft, splitLines } from '../../rules/src/index.js';
import { GOOD_LINES } from './corpus.js';
import { brokenInvariants, messageShapes, splitsPair } from './invariants.js';

const checker = createChecker();
const TODAY = '2025-05-20';
const check = (text: string, name = 'draft.txt') => checker.check({ text, name, context: { today: TODAY } });
const checkBytes = (bytes: Uint8Array, name = 'draft.txt') => checker.check({ bytes, name, context: { today: TODAY } });

const DRAFT = [...GOOD_LINES.slice(0, 3), '截止目前，我局已完成改造12处，投入资金35万元。下一步将积极推进相关工作。', ...GOOD_LINES.slice(3)].join('\n');

/** Unicode a draft can contain, on purpose or by accident. */
const ZOO: Record<string, string> = {
  'extension-plane Han (B, C, E, G, H)': '𠀀𪜀𫠠𬺰𰀀𱍐',
  'emoji, flags, ZWJ sequences': '😀👨‍👩‍👧🇨🇳✅',
  'lone surrogates': '\uD800\uDBFF\uDC00\uDFFF',
  'zero-width and invisible': '\u200B\u200C\u200D\u2060\uFEFF\u00AD',
  'bidi controls': '\u202E\u202D\u2066\u2069\u200F',
  'control characters': '\u0000\u0001\u0007\u001B\u007F\u0085\u009F',
  'line and paragraph separators': '\u2028\u2029\u000B\u000C',
  'combining marks and variation selectors': 'e\u0301\u0308葛\uDB40\uDD00邊\uFE0F',
  'full-width and ideographic space': '\u3000\u3000ＡＢＣ１２３　',
  'private use and noncharacters': '\uE000\uF8FF\uFFFE\uFFFF\uDBBF\uDFFD',
};

describe('any Unicode in a draft', () => {
  test.each(Object.entries(ZOO))('%s: inside words, at line starts and ends, alone on a line', (_what, chars) => {
    const lines = DRAFT.split('\n');
    const variants = [
      lines.map((l, i) => (i % 2 ? l.slice(0, 5) + chars + l.slice(5) : l)).join('\n'),
      lines.map((l) => chars + l + chars).join('\n'),
      [chars, ...lines, chars.repeat(50)].join('\n'),
      [...chars].join('截止'), // chars between words the rules look for
    ];
    for (const text of variants) {
      const r = check(text);
      expect(brokenInvariants(r)).toEqual([]);
    }
  });

  test('all of it at once, interleaved with the draft character by character', () => {
    const all = Object.values(ZOO).join('');
    const chars = [...DRAFT];
    const text = chars.map((c, i) => c + ([...all][i % [...all].length] ?? '')).join('');
    expect(brokenInvariants(check(text))).toEqual([]);
  });

  test('mixed line endings and a BOM: one paragraph per line whatever the ending', () => {
    const endings = ['\r\n', '\n', '\r', '\u2028', '\u2029', '\r\n'];
    const lines = DRAFT.split('\n');
    const text = '\uFEFF' + lines.map((l, i) => l + endings[i % endings.length]).join('');
    const r = check(text);
    expect(brokenInvariants(r)).toEqual([]);
    expect(r.document.paragraphs.map((p) => p.text)).toEqual(lines);
    // the same findings as the plain LF text, offsets aside
    const plain = check(lines.join('\n'));
    expect(r.messages.map((m) => `${m.ruleId}|${m.line}:${m.column}|${m.excerpt}`)).toEqual(plain.messages.map((m) => `${m.ruleId}|${m.line}:${m.column}|${m.excerpt}`));
  });

  test('splitLines never loses or invents text', () => {
    const text = 'a\r\nb\rc\nd\u2028e\u2029f\r\r\n\n';
    expect(splitLines(text).join('')).toBe(text.replace(/\r\n|\r|\n|\u2028|\u2029/g, ''));
  });
});

describe('encodings', () => {
  const text = DRAFT + '\n生僻字𠀀𪜀与表情😀、欧元€、韩文한在此。';
  const reference = check(text);
  const cases: Array<[string, Uint8Array, string]> = [
    ['UTF-8', new TextEncoder().encode(text), 'utf-8'],
    ['UTF-8 with BOM', new TextEncoder().encode('\uFEFF' + text), 'utf-8'],
    ['GB18030 (four-byte sequences included)', iconv.encode(text, 'gb18030'), 'gb18030'],
    ['UTF-16LE with BOM', iconv.encode('\uFEFF' + text, 'utf-16le'), 'utf-16le'],
    ['UTF-16BE with BOM', iconv.encode('\uFEFF' + text, 'utf-16be'), 'utf-16be'],
    ['UTF-16LE without BOM', iconv.encode(text, 'utf-16le'), 'utf-16le'],
    ['UTF-16BE without BOM', iconv.encode(text, 'utf-16be'), 'utf-16be'],
    ['GB18030 with CRLF', iconv.encode(text.replace(/\n/g, '\r\n'), 'gb18030'), 'gb18030'],
  ];
  test.each(cases)('%s decodes to the same text and the same findings', (_what, bytes, encoding) => {
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.replacementChars).toBe(0);
    const r = checkBytes(bytes);
    expect(r.document.text).toBe(reference.document.text);
    expect(messageShapes(r.messages)).toEqual(messageShapes(reference.messages));
    expect(r.document.notes ?? []).toEqual([]);
  });

  test('a GBK file with a few broken bytes is checked, with a note about the bad characters', () => {
    const gbk = iconv.encode(text, 'gb18030');
    const broken = new Uint8Array(gbk);
    broken[40] = 0xff;
    const r = checkBytes(broken);
    expect(brokenInvariants(r)).toEqual([]);
    expect((r.document.notes ?? []).join()).toMatch(/无法识别的字符/);
  });

  test('the classic 联通 trap (a GBK file that is two bytes of valid-looking text) is not mis-decoded', () => {
    const r = checkBytes(iconv.encode('联通', 'gbk'));
    expect(r.document.text).toBe('联通');
  });
});

describe('very long input', () => {
  const sentence = '截止目前，我局积极推进相关工作，已完成改造12处，投入资金35万元，下一步将继续加强协调。';

  test('a 5 MB single paragraph becomes a document without a crash (decoding, lines, roles, sentences)', () => {
    const n = 5 * 1024 * 1024;
    const text = sentence.repeat(Math.ceil(n / sentence.length)).slice(0, n);
    const bytes = new TextEncoder().encode(text);
    const doc = parseDraft({ bytes, name: 'long.txt' });
    expect(doc.paragraphs).toHaveLength(1);
    expect(doc.text.length).toBe(n);
    // sentences are in order, inside the text, and never split a surrogate pair
    let prev = 0;
    for (const s of doc.sentences) {
      expect(s.start).toBeGreaterThanOrEqual(prev);
      prev = s.end;
    }
    expect(prev).toBeLessThanOrEqual(n);
    expect(doc.sentences.length).toBeGreaterThan(n / sentence.length - 2);
  });

  test('a 5 MB paragraph of extension-plane Han without punctuation is cut between, not inside, surrogate pairs', () => {
    const text = '𠀀𪜀'.repeat(5 * 1024 * 256); // 5 MB of UTF-16 units, no sentence end anywhere
    const doc = parseDraft({ text, name: 'rare.txt' });
    for (const s of doc.sentences) {
      expect(splitsPair(doc.text, s.start)).toBe(false);
      expect(splitsPair(doc.text, s.end)).toBe(false);
    }
  });

  test('a 500,000-character paragraph full of findings is checked in full, every range valid, each rule listing its first findings', () => {
    const text = sentence.repeat(Math.ceil(500_000 / sentence.length));
    const r = check(text);
    // every finding counted, a few dozen listed
    expect(r.counts.warning).toBeGreaterThan(10_000);
    expect(r.messages.length).toBeLessThan(200);
    expect(Object.keys(r.omitted)).toEqual(expect.arrayContaining(['jiezhi-jiezhi']));
    expect(brokenInvariants(r)).toEqual([]);
    // the same findings as with no cap, the first ones listed
    const all = createChecker({ maxPerRule: Infinity }).check({ text, name: 'draft.txt', context: { today: TODAY } });
    expect(all.counts).toEqual(r.counts);
    for (const [id, n] of Object.entries(r.omitted)) {
      const every = all.messages.filter((m) => m.ruleId === id);
      expect(every.length).toBe(MAX_PER_RULE + n);
      expect(r.messages.filter((m) => m.ruleId === id && m.omitted === undefined)).toEqual(every.slice(0, MAX_PER_RULE));
      expect(r.messages.find((m) => m.ruleId === id && m.omitted !== undefined)).toMatchObject({ start: every[MAX_PER_RULE].start, end: every[MAX_PER_RULE].end, omitted: n, message: expect.stringContaining(`同类问题还有 ${n} 处`) });
    }
  });

  test.each([
    ['full-width commas', '，'],
    ['one Han character', '一'],
    ['spaces', ' '],
    ['ideographic spaces', '\u3000'],
    ['ordinals', '一、'],
    ['dates', '2025年4月8日'],
    ['book-title marks', '《'],
    ['quotes and brackets', '“（'],
    ['digits', '1234567890'],
    ['the letter x', 'x'],
  ])('200,000 characters of %s on one line', (_what, unit) => {
    // the run ends in a word, so a line of spaces is not skipped as blank
    const text = '您提出的建议收悉，现答复如下：\n' + unit.repeat(Math.ceil(200_000 / unit.length)) + '联系人：张某';
    try {
      expect(brokenInvariants(check(text))).toEqual([]);
    } catch (e) {
      if (isInputError(e)) return; // refused with a message is fine; a crash is not
      throw e;
    }
  });

  test('20,000 short lines', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? '' : `${i % 10}、截止目前`)).join('\n');
    expect(brokenInvariants(check(text))).toEqual([]);
  });
});
