/**
 * Full-width digits (０-９) are read exactly like ASCII digits (core/src/document/digits.ts): a
 * draft typed with them gets the findings its ASCII twin gets, at the same places, plus one
 * fullwidth-digits finding per digit run, and every excerpt is the text as written (shortened
 * with “…” past EXCERPT_MAX characters).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { applyFixes, asciiDigits, createChecker, excerptOf, type CheckRequest, type DafuMessage } from '../../rules/src/index.js';
import { loadCorpus } from '../eval/corpus.mjs';
import { replyDocx } from '../helpers/docx.js';

const ROOT = join(import.meta.dirname, '../..');
// every finding listed (a draft typed in full-width digits has more runs than a rule lists by default)
const checker = createChecker({ maxPerRule: Infinity });
const fullwidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** What must not change: the full-width version's messages read with ASCII digits where they quote the text. */
const shape = (m: DafuMessage) => ({
  ruleId: m.ruleId, start: m.start, end: m.end, severity: m.severity, whole: m.whole,
  message: asciiDigits(m.message), fix: m.fix && { ...m.fix, text: asciiDigits(m.fix.text) },
});

function expectSameFindings(ascii: CheckRequest, wide: CheckRequest): void {
  const a = checker.check(ascii);
  const w = checker.check(wide);
  const written = w.document.text;
  expect(a.messages.filter((m) => m.ruleId === 'fullwidth-digits')).toEqual([]);
  expect(w.messages.filter((m) => m.ruleId !== 'fullwidth-digits').map(shape)).toEqual(a.messages.map(shape));
  for (const m of w.messages) expect(m.excerpt).toBe(excerptOf(written, m.start, m.end));
  // one finding per run of full-width digits, whose fix makes it ASCII
  const runs = [...written.matchAll(/[０-９]+/g)].map((r) => ({ start: r.index, end: r.index + r[0].length, text: asciiDigits(r[0]) }));
  expect(w.messages.filter((m) => m.ruleId === 'fullwidth-digits').map((m) => m.fix)).toEqual(runs);
  expect(applyFixes(written, w.messages.filter((m) => m.ruleId === 'fullwidth-digits')).output).toBe(asciiDigits(written));
}

describe('full-width digits are read as ASCII digits', () => {
  test('every corpus draft, with its case', () => {
    const corpus = loadCorpus(join(ROOT, 'test/corpus'));
    expect(corpus.length).toBeGreaterThan(60);
    for (const { id, text, label } of corpus) {
      const request = (t: string): CheckRequest => ({ text: t, name: `${id}.txt`, mode: label.mode, context: [{ source: 'sidecar', value: { ...label.case, today: label.today } }] });
      expect(/[0-9]/.test(text)).toBe(true);
      expectSameFindings(request(text), request(fullwidth(text)));
    }
  });

  test('the examples (text as read from the file, whatever its encoding)', () => {
    const dir = join(ROOT, 'examples');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      const context = JSON.parse(readFileSync(join(dir, f.replace(/\.txt$/, '.case.json')), 'utf8'));
      const text = checker.check({ bytes: new Uint8Array(readFileSync(join(dir, f))), name: f }).document.text;
      const request = (t: string): CheckRequest => ({ text: t, name: f, context: { today: '2025-06-01', ...context } });
      expectSameFindings(request(text), request(fullwidth(text)));
    }
  });

  test('a .docx: roles, layout facts and run offsets', async () => {
    const lines = readFileSync(join(ROOT, 'examples/npc-host-flawed.txt'), 'utf8').split('\n').filter((l) => l.trim());
    const request = async (ls: string[]): Promise<CheckRequest> => ({ bytes: await replyDocx(ls), name: 'reply.docx', context: { today: '2025-06-01' } });
    expectSameFindings(await request(lines), await request(lines.map(fullwidth)));
  });
});
