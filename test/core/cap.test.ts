/**
 * Issue 14: a rule lists at most MAX_PER_RULE findings per document, the first by position, and
 * one message for the rest ("同类问题还有 N 处"); `counts` and `omitted` keep the full count. A rule
 * with thousands of findings is held compactly (ranges as numbers), which must list and count
 * exactly what holding every finding gives. Excerpts are capped at EXCERPT_MAX characters, and
 * a document-level finding on a long paragraph is hung on its first sentence.
 */
import { describe, expect, test } from 'vitest';
import { EXCERPT_MAX, MAX_PER_RULE, createEngine, excerptOf, fingerprintOf, type CodeRule, type DafuMessage, type RuleContext, type Severity } from '../../rules/src/index.js';

const base = { category: 'typography', description: '测试规则', message: '“{match}”有问题。', note: '测试。', fixable: 'no', examples: { valid: [], invalid: [] } } as const;

/** A rule reporting the given ranges, in the given order. */
const rule = (id: string, severity: Severity, found: (ctx: RuleContext) => Array<{ start: number; end: number; severity?: Severity; whole?: boolean }>): CodeRule =>
  ({ ...base, id, severity, type: 'code', check(ctx: RuleContext) { for (const f of found(ctx)) ctx.report({ ...f, data: { at: f.start } }); } }) as CodeRule;

/** A pseudo-random sequence in [0, 1) (mulberry32: the test is the same every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ranges of a long text in a shuffled report order: duplicates, ranges nested in others, some of lower severity. */
function ranges(n: number, length: number, seed: number) {
  const r = rng(seed);
  const out: Array<{ start: number; end: number; severity?: Severity }> = [];
  for (let i = 0; i < n; i++) {
    const start = Math.floor(r() * (length - 10));
    const end = start + 1 + Math.floor(r() * 8);
    // (by position: a range reported twice has one severity; held compactly, it would count as its most severe)
    const f = { start, end, ...(start % 5 === 0 ? { severity: 'info' as const } : {}) };
    out.push(f);
    if (r() < 0.1) out.push({ ...f }); // reported twice
    if (r() < 0.1 && end - start > 2) out.push({ start: start + 1, end: end - 1, ...(f.severity ? { severity: f.severity } : {}) }); // nested
  }
  return out;
}

const TEXT = '经研究，现答复如下：'.repeat(3000); // 30,000 characters on one line

function check(found: (ctx: RuleContext) => ReturnType<typeof ranges>, maxPerRule?: number, opts: { allow?: string[]; baseline?: Set<string> } = {}) {
  const engine = createEngine({ rules: [rule('many', 'warning', found)], lexicons: {}, config: { ...(opts.allow ? { allow: opts.allow } : {}) }, ...(maxPerRule !== undefined ? { maxPerRule } : {}) });
  return engine.check({ text: TEXT, name: 'draft.txt', baseline: opts.baseline });
}

/** What the user reads of a message, in the order the report shows messages. */
const shown = (ms: DafuMessage[]) => ms.map((m) => `${m.start}-${m.end}|${m.severity}|${m.excerpt}|${m.message}`);

describe('the cap per rule', () => {
  test.each([
    ['few findings (held in full)', 300],
    ['thousands of findings (held compactly)', 12_000],
  ])('%s: the first MAX_PER_RULE by position, one summary, the full count', (_what, n) => {
    const found = ranges(n, TEXT.length, n);
    const all = check(() => found, Infinity);
    const capped = check(() => found);
    expect(capped.counts).toEqual(all.counts);
    const listed = capped.messages.filter((m) => m.omitted === undefined);
    expect(listed.length).toBe(MAX_PER_RULE);
    expect(shown(listed)).toEqual(shown(all.messages.slice(0, MAX_PER_RULE)));
    const more = capped.messages.filter((m) => m.omitted !== undefined);
    expect(more).toHaveLength(1);
    expect(more[0]).toMatchObject({ ruleId: 'many', start: all.messages[MAX_PER_RULE].start, omitted: all.messages.length - MAX_PER_RULE, fingerprint: 'many#omitted' });
    expect(more[0].message).toContain(`同类问题还有 ${all.messages.length - MAX_PER_RULE} 处`);
    expect(capped.omitted).toEqual({ many: all.messages.length - MAX_PER_RULE });
    expect(capped.file.messages).toHaveLength(MAX_PER_RULE + 1);
  });

  test('allowed phrases and the baseline are applied before the cap, to every finding', () => {
    const found = ranges(12_000, TEXT.length, 7);
    const all = check(() => found, Infinity);
    const baseline = new Set(all.messages.slice(0, 30).map((m) => m.fingerprint));
    for (const opts of [{ allow: ['现答复如下'] }, { baseline }]) {
      const a = check(() => found, Infinity, opts);
      const c = check(() => found, undefined, opts);
      expect(c.counts).toEqual(a.counts);
      expect(shown(c.messages.filter((m) => m.omitted === undefined))).toEqual(shown(a.messages.slice(0, MAX_PER_RULE)));
    }
  });

  test('a draft with no more than MAX_PER_RULE findings of a rule lists them all and omits nothing', () => {
    const r = check(() => ranges(15, TEXT.length, 3));
    expect(r.omitted).toEqual({});
    expect(r.messages.every((m) => m.omitted === undefined)).toBe(true);
  });

  test('a rule with millions of findings on a 5,000,000-character line: bounded memory, every one counted', () => {
    const text = '办理'.repeat(2_500_000);
    const engine = createEngine({
      rules: [rule('each', 'warning', () => Array.from({ length: text.length / 2 }, (_, i) => ({ start: 2 * i, end: 2 * i + 2 })))],
      lexicons: {},
    });
    const r = engine.check({ text, name: 'long.txt' });
    expect(r.counts.warning).toBe(2_500_000);
    expect(r.omitted).toEqual({ each: 2_500_000 - MAX_PER_RULE });
    expect(r.messages).toHaveLength(MAX_PER_RULE + 1);
  });
});

describe('excerpts', () => {
  test('up to EXCERPT_MAX characters as written, longer ones as head…tail', () => {
    const text = '一'.repeat(50) + '𠀀'.repeat(100);
    expect(excerptOf(text, 0, 100)).toBe(text.slice(0, 100));
    const long = excerptOf(text, 0, text.length);
    expect(long.length).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(long).toMatch(/^一+𠀀+…𠀀+$/u);
    expect(long).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u); // no half of a pair
  });

  test('a document-level finding on a long first line is hung on its first sentence, or its first characters', () => {
    const whole = rule('whole', 'error', (ctx) => [ctx.anchor()]);
    const engine = createEngine({ rules: [whole], lexicons: {} });
    const sentence = '您提出的关于加强校园周边交通安全的建议收悉。';
    const r = engine.check({ text: sentence + '现将办理情况答复如下，'.repeat(100), name: 'a.txt' });
    expect(r.messages[0]).toMatchObject({ whole: true, start: 0, end: sentence.length, excerpt: sentence, fingerprint: fingerprintOf('whole', sentence) });
    const r2 = engine.check({ text: '办理'.repeat(1000), name: 'b.txt' });
    expect(r2.messages[0].end).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(r2.messages[0].excerpt).toBe('办理'.repeat(30));
    // a short first line is the anchor as before
    const r3 = engine.check({ text: '关于第128号建议的答复\n正文。', name: 'c.txt' });
    expect(r3.messages[0]).toMatchObject({ start: 0, end: '关于第128号建议的答复'.length, excerpt: '关于第128号建议的答复' });
  });
});
