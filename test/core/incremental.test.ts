/**
 * Incremental re-checks (the per-paragraph memo of segmentation and paragraph-local rules) give
 * exactly what a check from scratch gives: corpus drafts are edited step by step the way a writer
 * edits (typing and deleting characters, splitting and merging paragraphs, moving and copying
 * them), and after every step one long-lived engine's result is compared, byte for byte, with a
 * check that reads and stores no memo at all (withoutMemo) on another engine.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createChecker, withoutMemo, type CheckResult, type CheckRequest } from '../../rules/src/index.js';
import * as memo from '../../core/src/document/memo.js';
import { corpusDrafts, fuzzParams } from '../fuzz/drafts.js';

const TODAY = '2025-05-20';
const drafts = corpusDrafts.filter((d) => d.trim());

/** What a surface shows: the messages in full, the score, the sentences and the paragraph roles. */
const shape = (r: CheckResult) => JSON.stringify({
  messages: r.messages, counts: r.counts, score: r.score, risk: r.risk, mode: r.mode,
  sentences: r.document.sentences, paragraphs: r.document.paragraphs,
  vfile: r.file.messages.map((m) => ({ ...m, stack: undefined })),
});

type Edit = (text: string) => string;
const at = (text: string, f: number) => Math.floor(f * (text.length + 1));
const lines = (text: string) => text.split('\n');
const pick = (n: number, f: number) => Math.min(n - 1, Math.floor(f * n));
const TYPED = ['的', '截止', '，', '。', '您', '你', '研究研究', '2025年5月6日', ',', '(', '）', '一、', '（一）', '高度重视', '面商', ' ', '\u3000', '的的', '做好，做好，'];

const edit: fc.Arbitrary<Edit> = fc.oneof(
  // type a few characters somewhere
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...TYPED)).map(([f, s]): Edit => (t) => t.slice(0, at(t, f)) + s + t.slice(at(t, f))),
  // delete a few characters (backspace, a selection)
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 12 })).map(([f, n]): Edit => (t) => t.slice(0, at(t, f)) + t.slice(at(t, f) + n)),
  // split a paragraph (Enter)
  fc.double({ min: 0, max: 1, noNaN: true }).map((f): Edit => (t) => t.slice(0, at(t, f)) + '\n' + t.slice(at(t, f))),
  // merge a paragraph with the next (Delete at its end)
  fc.double({ min: 0, max: 1, noNaN: true }).map((f): Edit => (t) => { const ls = lines(t); const i = pick(ls.length - 1, f); if (i < 0) return t; ls.splice(i, 2, ls[i] + (ls[i + 1] ?? '')); return ls.join('\n'); }),
  // move a paragraph elsewhere
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([f, g]): Edit => (t) => { const ls = lines(t); const [p] = ls.splice(pick(ls.length, f), 1); ls.splice(pick(ls.length + 1, g), 0, p); return ls.join('\n'); }),
  // copy a paragraph (the same text twice, at two offsets)
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([f, g]): Edit => (t) => { const ls = lines(t); ls.splice(pick(ls.length + 1, g), 0, ls[pick(ls.length, f)]); return ls.join('\n'); }),
);

/** Requests as the CLI (file, auto mode) and as the extension (a form field, system-form) make them. */
const REQUESTS: Array<(text: string) => CheckRequest> = [
  (text) => ({ text, name: 'draft.txt', context: { today: TODAY } }),
  (text) => ({ text, format: 'dom', mode: 'system-form', context: { kind: 'npc', role: 'host', today: TODAY } }),
  (text) => ({ text, format: 'dom', mode: 'letter', context: { kind: 'cppcc', role: 'co', today: TODAY, suggestion: '建议加强校园周边交通安全管理，增设信号灯和减速带。' } }),
];

describe('incremental re-checks', () => {
  const live = createChecker();
  const scratch = createChecker();
  const compare = (request: CheckRequest) => {
    let fresh: CheckResult | undefined;
    let error: unknown;
    try { fresh = withoutMemo(() => scratch.check(request)); } catch (e) { error = e; }
    if (!fresh) { expect(() => live.check(request)).toThrow((error as Error).message); return; }
    expect(shape(live.check(request))).toBe(shape(fresh));
  };

  test('edited corpus drafts: every step equals a check from scratch', () => {
    fc.assert(fc.property(
      fc.nat({ max: drafts.length - 1 }), fc.nat({ max: REQUESTS.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }),
      (d, r, edits) => {
        let text = drafts[d];
        compare(REQUESTS[r](text));
        for (const e of edits) {
          text = e(text);
          compare(REQUESTS[r](text));
        }
      },
    ), fuzzParams(120));
  });

  test('a 10,000-character reply, typed into keystroke by keystroke', () => {
    const body = drafts.flatMap((d) => lines(d).filter((l) => l.length > 40));
    let text = [...lines(drafts[0]).slice(0, 5), ...body].join('\n').slice(0, 10_000);
    compare(REQUESTS[1](text));
    for (let i = 0; i < 40; i++) {
      const where = Math.floor(text.length * ((i * 37) % 100) / 100);
      text = i % 5 === 4 ? text.slice(0, where) + text.slice(where + 1) : text.slice(0, where) + TYPED[i % TYPED.length] + text.slice(where);
      compare(REQUESTS[1](text));
    }
  });

  test('the memo is bounded by entries and characters, least recently used out first', () => {
    const m = new memo.TextMemo<number>(4, 80);
    for (const k of ['a', 'b', 'c', 'd']) m.set(k, k.charCodeAt(0));
    expect(m.get('a')).toBe(97); // now the most recent
    m.set('e', 101); // over the bound: the oldest go, down to three quarters of it
    expect([m.get('b'), m.get('c'), m.get('d'), m.get('a'), m.get('e')]).toEqual([undefined, undefined, 100, 97, 101]);
    m.set('x'.repeat(11), 1); // heavier than an eighth of the budget: not kept
    expect(m.get('x'.repeat(11))).toBeUndefined();
    for (let i = 0; i < 20; i++) m.set(String(i).padStart(8, '0'), i); // 8 characters each
    expect(m.size).toBeLessThanOrEqual(4);
    expect(memo.withoutMemo(() => m.get('00000019'))).toBeUndefined();
    expect(m.get('00000019')).toBe(19);
  });
});
