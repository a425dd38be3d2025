// Holds the parser, the ask extractor and the coverage analysis to the shapes corpus
// (test/shapes): our own invented letters, records and record–reply pairs, one for each shape
// the real published ones show (test/real). Every file is its own test.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createChecker, extractAsks } from '../../rules/src/index.js';
import { alignAsks, RECORD_FIELD } from '../eval/ask-match.mjs';
// letters are read as the eval reads the real ones: web copies' ASCII punctuation and table bars restored
import { restorePunctuation } from '../eval/restore-punctuation.mjs';

const SHAPES = join(dirname(fileURLToPath(import.meta.url)), '../shapes');
const read = (...p: string[]) => readFileSync(join(SHAPES, ...p), 'utf8');
const json = <T>(...p: string[]): T => JSON.parse(read(...p)) as T;
const stems = (dir: string) => readdirSync(join(SHAPES, dir)).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();

interface LetterLabel { shapes: string[]; kind: 'npc' | 'cppcc'; role: 'host' | 'co'; complete: boolean; punctuation?: 'ascii'; roles: Record<string, string> }
interface RecordLabel { shapes: string[]; kind: 'npc' | 'cppcc'; asks: string[]; title?: string; number?: string; proposer?: string[] }
interface PairLabel { kind?: 'npc' | 'cppcc'; asks: Array<{ ask: string; status: 'answered' | 'weak' | 'missing' }> }

const checker = createChecker();
const isBlank = (s: string) => s.trim() === '';
const clip = (s: string, n = 24) => { const t = s.trim(); return t.length > n ? `${t.slice(0, n)}…` : t; };

describe('shapes: letter roles', () => {
  test.each(stems('letters'))('%s', (name) => {
    const text = restorePunctuation(read('letters', `${name}.txt`));
    const label = json<LetterLabel>('letters', `${name}.json`);
    const result = checker.check({ text, name: `${name}.txt`, format: 'txt', context: [{ source: 'sidecar', value: { kind: label.kind, role: label.role } }] });
    const parsed = new Map(result.document.paragraphs.map((p) => [p.line, p.role as string]));
    const lines = text.replace(/\n$/u, '').split('\n');
    const wrong: string[] = [];
    lines.forEach((line, i) => {
      const n = i + 1;
      // unlisted lines are body (headings count as body) or blank
      const want = label.roles[String(n)] ?? (isBlank(line) ? 'blank' : 'body');
      const raw = parsed.get(n) ?? (isBlank(line) ? 'blank' : 'missing');
      const got = /^heading\d$/u.test(raw) ? 'body' : raw;
      if (got !== want) wrong.push(`line ${n}: want ${want}, got ${raw}  「${clip(line)}」`);
    });
    expect(wrong).toEqual([]);
    if (label.complete) expect(result.mode, 'a complete letter is read as a letter').toBe('letter');
  });
});

describe('shapes: record asks', () => {
  test.each(stems('records'))('%s', (name) => {
    const label = json<RecordLabel>('records', `${name}.json`);
    const parts = extractAsks(read('records', `${name}.txt`));
    const { byLabel, unmatched } = alignAsks(label.asks, parts.asks);
    const problems = [
      ...label.asks.filter((_, i) => !byLabel.has(i)).map((a) => `ask not found: ${a}`),
      ...unmatched.filter((j) => RECORD_FIELD.test(parts.asks[j].text)).map((j) => `field taken for an ask: 「${clip(parts.asks[j].text, 30)}」`),
    ];
    expect(problems, `extracted: ${parts.asks.map((a) => `「${clip(a.text, 20)}」`).join(' ')}`).toEqual([]);
  });
});

describe('shapes: pair coverage', () => {
  const pairs = readdirSync(join(SHAPES, 'pairs')).sort();
  test.each(pairs)('%s', (name) => {
    const label = json<PairLabel>('pairs', name, 'expected.json');
    const result = checker.check({
      text: read('pairs', name, 'reply.txt'), name: 'x.txt', format: 'txt',
      context: [{ source: 'sidecar', value: { ...(label.kind ? { kind: label.kind } : {}), suggestion: read('pairs', name, 'record.txt') } }],
    });
    const predicted = result.coverage?.asks ?? [];
    const { byLabel } = alignAsks(label.asks.map((a) => a.ask), predicted.map((c) => c.ask));
    const got = label.asks.map((a, i) => `${a.ask}: ${byLabel.has(i) ? predicted[byLabel.get(i)!].status : 'not extracted'}`);
    expect(got).toEqual(label.asks.map((a) => `${a.ask}: ${a.status}`));
  });
});
