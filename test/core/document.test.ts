import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { parseDraft, parseOrdinal, chineseToNumber, decodeText, inferContext, mergeContext, splitSentences, withoutMemo, wordBoundaries, wordBoundaryCursor } from '../../core/src/index.js';
import { splitSentencesMany } from '../../core/src/document/segment.js';
import { corpusDrafts, randomDraft } from '../fuzz/drafts.js';

const LETTER = [
  '某交函〔2025〕37号',
  'A',
  '签发人：李某某',
  '关于市十七届人大三次会议',
  '第128号建议的答复',
  '王某某代表：',
  '您提出的《关于加强校园周边交通安全的建议》（第128号）收悉。现答复如下：',
  '一、关于增设交通设施',
  '（一）信号灯',
  '1.实验小学路口',
  '（1）新增信号灯2组。',
  '2025年4月，我局新增减速带6条。',
  '感谢您对交通工作的关心和支持。',
  '某市交通运输局',
  '2025年5月6日',
  '（联系人：张某某，联系电话：0571-87001234）',
  '抄送：市人大常委会代表工作委员会，市政府督查室。',
];

describe('paragraph roles', () => {
  it('reads every part of a full letter', () => {
    const doc = parseDraft({ text: LETTER.join('\n'), name: 'a.txt' });
    expect(doc.paragraphs.map((p) => p.role)).toEqual([
      'docNumber', 'classMark', 'signer', 'title', 'title', 'salutation', 'opening',
      'heading1', 'heading2', 'heading3', 'heading4', 'body', 'closing', 'signoff', 'date', 'contact', 'cc',
    ]);
    expect(doc.paragraphs[7].ordinal).toMatchObject({ level: 1, value: 1, style: 'cn-dun', malformed: false });
    expect(doc.text.split('\n')).toEqual(LETTER);
    expect(doc.paragraphs[11]).toMatchObject({ line: 12, offset: LETTER.slice(0, 11).join('\n').length + 1 });
  });

  it('reads a body pasted into a system form', () => {
    const doc = parseDraft({ text: '您提出的建议收悉，现答复如下：\n一是已新增信号灯2组；二是已增设减速带。\n感谢您的关心和支持。', format: 'dom' });
    expect(doc.paragraphs.map((p) => p.role)).toEqual(['opening', 'body', 'closing']);
    expect(doc.paragraphs[1].ordinal).toMatchObject({ level: 0, style: 'cn-shi' });
  });

  it('keeps blank lines so line numbers match the file, and splits sentences per paragraph', () => {
    const doc = parseDraft({ text: '您提出的建议收悉。\r\n\r\n已完成改造。已投入资金。\r\n', name: 'a.txt' });
    expect(doc.paragraphs.map((p) => p.role)).toEqual(['opening', 'blank', 'body']);
    expect(doc.sentences.map((s) => s.text)).toEqual(['您提出的建议收悉。', '已完成改造。', '已投入资金。']);
    for (const s of doc.sentences) expect(doc.text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('ordinals', () => {
  it.each([
    ['一、关于资金', 1, 'cn-dun', false], ['（二）建立机制', 2, 'cn-paren', false], ['3.完善制度', 3, 'ar-dot', false],
    ['（4）明确分工', 4, 'ar-paren', false], ['一.关于资金', 1, 'cn-dun-bad', true], ['(一)建立机制', 2, 'cn-paren-bad', true],
    ['1、完善制度', 3, 'ar-dot-bad', true], ['十二、其他', 1, 'cn-dun', false],
  ])('%s', (text, level, style, malformed) => {
    expect(parseOrdinal(text)).toMatchObject({ level, style, malformed });
  });
  it('does not take numbers for ordinals', () => {
    expect(parseOrdinal('1.5万元用于改造')).toBeUndefined();
    expect(parseOrdinal('3、4月份完成')).toBeUndefined();
    expect(parseOrdinal('一是否需要')).toBeUndefined();
  });
  it('converts Chinese numerals', () => {
    expect([chineseToNumber('十二'), chineseToNumber('二十'), chineseToNumber('一百零五'), chineseToNumber('１２')]).toEqual([12, 20, 105, 12]);
  });
});

describe('text decoding', () => {
  const text = '截至目前，已完成改造12处。生僻字𠀀、欧元€。';
  it.each([
    ['utf-8', new TextEncoder().encode(text), 'utf-8'],
    ['utf-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]), 'utf-8'],
    ['gb18030', new Uint8Array(iconv.encode(text, 'gb18030')), 'gb18030'],
    ['utf-16le with BOM', new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf-16le')]), 'utf-16le'],
    ['utf-16le without BOM', new Uint8Array(iconv.encode(text, 'utf-16le')), 'utf-16le'],
  ])('%s', (_name, bytes, encoding) => {
    const d = decodeText(bytes as Uint8Array);
    expect(d.encoding).toBe(encoding);
    expect(d.text).toBe(text);
  });
  it('decodes GBK (the 联通 trap: valid-looking bytes that are not UTF-8)', () => {
    expect(decodeText(new Uint8Array(iconv.encode('联通', 'gbk'))).text).toBe('联通');
  });
});

describe('markdown drafts', () => {
  it('keeps typed ordinals and drops markup', () => {
    const doc = parseDraft({ text: '# 关于第128号建议的答复\n\n王某某代表：\n\n您提出的建议**收悉**，现答复如下：\n\n1. 已新增信号灯2组。\n2. 已增设减速带。\n', name: 'a.md' });
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['关于第128号建议的答复', '王某某代表：', '您提出的建议收悉，现答复如下：', '1.已新增信号灯2组。', '2.已增设减速带。']);
    expect(doc.paragraphs.map((p) => p.role)).toEqual(['title', 'salutation', 'opening', 'heading3', 'heading3']);
  });
});

describe('case context', () => {
  it('infers kind, role, number, proposer and class from the text', () => {
    const doc = parseDraft({ text: LETTER.join('\n'), name: 'a.txt' });
    expect(inferContext(doc)).toMatchObject({ kind: 'npc', role: 'host', number: '128', proposer: ['王某某'], class: 'A', unit: '某市交通运输局' });
  });
  it('merges sources by priority and lists disagreements', () => {
    const { context, conflicts } = mergeContext([
      { source: 'text', value: { kind: 'npc', class: 'A', proposer: ['王某某'] } },
      { source: 'flag', value: { class: 'B' } },
      { source: 'sidecar', value: { kind: 'npc', proposer: ['王某某', '李某某'] } },
    ]);
    expect(context).toMatchObject({ kind: 'npc', class: 'B', proposer: ['王某某', '李某某'] });
    expect(conflicts.map((c) => c.field)).toEqual(['class']);
  });
});

describe('sentences of many paragraphs at once', () => {
  // short paragraphs are segmented together (a segment() call per line held native memory until
  // a full GC); the result must be what segmenting each paragraph alone gives
  const alone = (ps: string[]) => withoutMemo(() => ps.flatMap((text, i) => splitSentences(text, i, 1000 * i)));
  const many = (ps: string[]) => withoutMemo(() => splitSentencesMany(ps.map((text, i) => ({ text, index: i, offset: 1000 * i })), (p) => p.text));

  it('every paragraph of the corpus drafts', () => {
    const ps = corpusDrafts.flatMap((d) => d.split('\n')).filter((p) => p.trim());
    expect(many(ps)).toEqual(alone(ps));
  });

  it('random paragraphs made of what drafts are made of (line ends, white space and hostile units included)', () => {
    fc.assert(fc.property(fc.array(randomDraft, { minLength: 1, maxLength: 40 }), (ps) => {
      expect(many(ps)).toEqual(alone(ps));
    }), { numRuns: 300 });
  });
});

describe('word boundaries asked left to right', () => {
  it('the cursor answers as the whole set does, across chunk edges too', () => {
    fc.assert(fc.property(fc.array(randomDraft, { minLength: 1, maxLength: 60 }), fc.array(fc.nat(), { maxLength: 200 }), (ps, qs) => {
      const text = ps.join('');
      const all = wordBoundaries(text);
      const cursor = wordBoundaryCursor(text);
      for (const q of [...qs.map((n) => n % (text.length + 1))].sort((a, b) => a - b)) expect(cursor.has(q)).toBe(all.has(q));
    }), { numRuns: 200 });
    // a text of many chunks, every offset asked
    const long = corpusDrafts.join('').repeat(2).slice(0, 9000);
    const all = wordBoundaries(long);
    const cursor = wordBoundaryCursor(long);
    for (let q = 0; q <= long.length; q++) expect(cursor.has(q)).toBe(all.has(q));
  });
});
