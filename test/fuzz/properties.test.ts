/**
 * Issue 8, property tests: random and mutated drafts never crash the checker, every finding's
 * range lies inside the text with its excerpt equal to the text there, `--fix` output re-checked
 * has no new errors, results are the same on every run, and any bytes either check or fail with
 * an InputError. A fixed seed keeps CI repeatable; DAFU_FUZZ_SEED=random (or a number) explores.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { applyFixes, createChecker, decodeText, isInputError, type CheckResult } from '../../rules/src/index.js';
import { goodReplyDocx, randomBytes } from '../hostile/corpus.js';
import { brokenInvariants, messageShapes } from '../hostile/invariants.js';
import { corpusDrafts, fuzzParams, linedDraft, mutatedDraft, randomDraft } from './drafts.js';

const TODAY = '2025-05-20';
const checker = createChecker();
const check = (text: string): CheckResult | 'empty' => {
  try {
    return checker.check({ text, name: 'draft.txt', context: { today: TODAY } });
  } catch (e) {
    if (isInputError(e) && e.code === 'E_EMPTY' && text.trim() === '') return 'empty';
    throw e;
  }
};

const anyDraft = fc.oneof(randomDraft, linedDraft, mutatedDraft);

describe('random and mutated drafts', () => {
  test('never throw, and every finding lies inside the text with its excerpt equal to the text there', () => {
    fc.assert(fc.property(anyDraft, (text) => {
      const r = check(text);
      if (r === 'empty') return;
      expect(brokenInvariants(r)).toEqual([]);
      expect(r.document.text.length).toBeLessThanOrEqual(text.length);
    }), fuzzParams(250));
  });

  test('the corpus drafts themselves hold every invariant', () => {
    for (const d of corpusDrafts) {
      const r = check(d);
      expect(r).not.toBe('empty');
      expect(brokenInvariants(r as CheckResult)).toEqual([]);
    }
  });

  test('results are identical across runs and across checker instances', () => {
    const other = createChecker();
    fc.assert(fc.property(anyDraft, (text) => {
      const a = check(text);
      if (a === 'empty') return;
      const b = check(text);
      const c = other.check({ text, name: 'draft.txt', context: { today: TODAY } });
      expect(messageShapes((b as CheckResult).messages)).toEqual(messageShapes(a.messages));
      expect(messageShapes(c.messages)).toEqual(messageShapes(a.messages));
      expect(c.score).toBe(a.score);
      expect(c.risk).toBe(a.risk);
    }), fuzzParams(80));
  });
});

describe('--fix', () => {
  /**
   * Where each applied fix's replacement lies in the fixed text. Fixes change only these ranges;
   * a fix may still make the rest of the draft readable to other rules, so an error elsewhere can
   * appear; an error on the replaced text cannot.
   */
  const replacedRanges = (applied: ReturnType<typeof applyFixes>['applied']) => {
    let delta = 0;
    return [...applied].sort((a, b) => a.fix!.start - b.fix!.start).map((m) => {
      const start = m.fix!.start + delta;
      delta += m.fix!.text.length - (m.fix!.end - m.fix!.start);
      return [start, start + m.fix!.text.length] as const;
    });
  };

  test('the fixed text re-checked has no error on a replaced range, and fixes converge', () => {
    fc.assert(fc.property(fc.oneof(mutatedDraft, linedDraft), (text) => {
      const before = check(text);
      if (before === 'empty') return;
      const { output, applied } = applyFixes(before.document.text, before.messages);
      if (!applied.length) return;
      const after = check(output);
      if (after === 'empty') return;
      expect(brokenInvariants(after)).toEqual([]);
      const ranges = replacedRanges(applied);
      const onFix = after.messages.filter((m) => m.severity === 'error' && !m.whole && ranges.some(([s, e]) => m.start < e && m.end > s) &&
        !before.messages.some((b) => b.ruleId === m.ruleId && b.severity === 'error'));
      expect(onFix.map((m) => `${m.ruleId}: ${m.excerpt}`)).toEqual([]);
      // a few more rounds reach a text with nothing left to fix automatically
      let cur = after;
      for (let round = 0; round < 5 && cur.messages.some((m) => m.fix); round++) {
        const next = check(applyFixes(cur.document.text, cur.messages).output);
        if (next === 'empty') return;
        cur = next;
      }
      expect(cur.messages.filter((m) => m.fix).map((m) => `${m.ruleId}:${m.excerpt}`)).toEqual([]);
    }), fuzzParams(150));
  });
});

describe('bytes', () => {
  const outcome = (bytes: Uint8Array, name: string): string => {
    try {
      const r = checker.check({ bytes, name, context: { today: TODAY } });
      const bad = brokenInvariants(r);
      return bad.length ? `broken: ${bad.join('; ')}` : 'ok';
    } catch (e) {
      if (isInputError(e)) return e.code;
      return `crash: ${(e as Error).stack}`;
    }
  };

  test('any bytes as .txt, .docx or .md: checked, or refused with an InputError — never a crash', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom('a.txt', 'a.docx', 'a.md'), (bytes, name) => {
      expect(outcome(bytes, name)).not.toMatch(/^(crash|broken)/);
    }), fuzzParams(300));
  });

  test('a real .docx with random bytes flipped, cut or inserted: checked, or refused with an InputError', async () => {
    const good = await goodReplyDocx();
    const edit = fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'cut', 'insert', 'zero16'));
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
      let b = new Uint8Array(good);
      for (const [pos, byte, kind] of edits) {
        const i = Math.min(pos, b.length - 1);
        if (kind === 'flip') b[i] ^= byte || 1;
        else if (kind === 'cut') b = b.subarray(0, Math.max(0, i));
        else if (kind === 'insert') { const c = new Uint8Array(b.length + 1); c.set(b.subarray(0, i)); c[i] = byte; c.set(b.subarray(i), i + 1); b = c; }
        else b.fill(0, i, i + 16);
      }
      expect(outcome(b, 'mutated.docx')).not.toMatch(/^(crash|broken)/);
    }), fuzzParams(150));
  });

  test('random junk of every size is refused as binary or not-a-docx', () => {
    for (const n of [1, 2, 3, 17, 512, 4096, 65_537]) {
      expect(['E_BINARY', 'E_EMPTY', 'ok']).toContain(outcome(randomBytes(n, n), 'junk.txt'));
      expect(['E_NOT_DOCX', 'E_CORRUPT_ZIP', 'E_EMPTY']).toContain(outcome(randomBytes(n, n), 'junk.docx'));
    }
  });

  test('text round-trips through every supported encoding', () => {
    const han = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), minLength: 20, maxLength: 200 });
    const draft = fc.tuple(han, fc.constantFrom('', '，', '。\n', '2025年', '𠀀', '😀', 'ABC')).map(([a, b]) => a + b + a.slice(0, 10));
    fc.assert(fc.property(draft, fc.constantFrom('utf-8', 'utf-8-bom', 'gb18030', 'utf-16le', 'utf-16be'), (text, enc) => {
      const bytes = enc === 'utf-8' ? new TextEncoder().encode(text)
        : enc === 'utf-8-bom' ? new TextEncoder().encode('\uFEFF' + text)
        : enc === 'gb18030' ? iconv.encode(text, 'gb18030')
        : iconv.encode('\uFEFF' + text, enc);
      const d = decodeText(bytes);
      expect(d.text.replace(/^\uFEFF/, '')).toBe(text);
      expect(d.replacementChars).toBe(0);
    }), fuzzParams(200));
  });
});
