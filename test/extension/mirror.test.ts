/**
 * The textarea overlay mirror (extension/utils/ui/mirror.ts) updates incrementally: after any
 * edit its DOM must equal a fresh mirror's, and blocks whose text and marks did not change must
 * be the same DOM nodes. Also the panel's reuse of unchanged findings (extension/utils/ui/panel.ts).
 */
import { describe, expect, it } from 'vitest';
import { splitBlocks, TextareaMirror, type MirrorMark } from '../../extension/utils/ui/mirror';
import { Panel } from '../../extension/utils/ui/panel';
import type { Finding } from '../../extension/utils/checker';
import { newDocument } from './replica-dom';

/** A linkedom document with a textarea; linkedom has no layout, computed style or frames. */
function setup() {
  const doc = newDocument('<textarea></textarea>');
  const win = doc.defaultView as unknown as Record<string, unknown>;
  win.getComputedStyle = () => ({});
  win.requestAnimationFrame = () => 0;
  win.cancelAnimationFrame = () => undefined;
  const ta = doc.querySelector('textarea')!;
  const mirrors: TextareaMirror[] = [];
  const mirror = () => { const m = new TextareaMirror(ta); mirrors.push(m); return m; };
  return { mirror, done: () => mirrors.forEach((m) => m.destroy()) };
}

const blocksOf = (m: TextareaMirror) => Array.from(m.host.shadowRoot!.querySelector('.layers')!.children) as HTMLElement[];
const html = (m: TextareaMirror) => m.host.shadowRoot!.querySelector('.layers')!.innerHTML;
const spans = (m: TextareaMirror) => Array.from(m.host.shadowRoot!.querySelectorAll('.m')) as HTMLElement[];

/** Marks on every occurrence of the words, as the checker would find them in the new text. */
function marksFor(text: string, words: string[], active?: string): MirrorMark[] {
  const out: MirrorMark[] = [];
  words.forEach((w, i) => {
    for (let at = text.indexOf(w); at !== -1; at = text.indexOf(w, at + 1)) {
      out.push({ start: at, end: at + w.length, severity: (['error', 'warning', 'info'] as const)[i % 3], active: w === active, underline: i !== 3 });
    }
  });
  return out;
}

const WORDS = ['截止目前', '高度重视', '目前，我局', '认真研究', '。\n\n二'];
const LINE_WORDS = WORDS.slice(0, 4);
const TEXT = [
  '你提出的关于优化城区公交线路的建议收悉。',
  '截止目前，我局高度重视，将认真研究。',
  '一、已开通定制公交线路。',
  '',
  '二、截止目前已调整 3 条线路。',
].join('\n');

describe('TextareaMirror incremental update', () => {
  it('after each edit equals a fresh rebuild, and each mark covers its own text', () => {
    const { mirror, done } = setup();
    const live = mirror();
    let text = TEXT;
    live.update(text, marksFor(text, WORDS));
    const edits: [number, number, string][] = [
      [3, 3, '了'], // typed in the first line
      [text.length, text.length, '\n'], // a final empty line
      [25, 25, '\n'], // a line split
      [0, 0, '截止目前'], // a new mark at the very start
      [40, 52, ''], // a deletion across lines
      [10, 10, '高度重视'],
    ];
    for (const [from, to, insert] of edits) {
      text = text.slice(0, from) + insert + text.slice(to);
      const marks = marksFor(text, WORDS, '高度重视');
      live.update(text, marks);
      const fresh = mirror();
      fresh.update(text, marks);
      expect(html(live)).toBe(html(fresh));
      // the in-flow layer of each block, in order, is the whole text
      expect(blocksOf(live).map((b) => b.firstElementChild!.textContent).join('')).toBe(`${text}\u200b`);
      for (const s of spans(live)) {
        const start = Number(s.getAttribute('data-start'));
        expect(text.slice(start, start + s.textContent!.length)).toBe(s.textContent);
      }
      expect(spans(live).length).toBe(marks.length);
    }
    done();
  });

  it('random edits: always equal to a fresh rebuild', () => {
    const { mirror, done } = setup();
    const live = mirror();
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    let text = TEXT;
    const pieces = ['了', '\n', '截止目前', '高度', '重视', '。', ''];
    for (let i = 0; i < 200; i++) {
      const from = rand(text.length + 1);
      const to = Math.min(text.length, from + rand(4));
      text = text.slice(0, from) + pieces[rand(pieces.length)] + text.slice(to);
      const marks = marksFor(text, WORDS, i % 5 ? undefined : '截止目前');
      live.update(text, marks);
      const fresh = mirror();
      fresh.update(text, marks);
      expect(html(live)).toBe(html(fresh));
      fresh.destroy();
    }
    done();
  });

  it('reuses the blocks an edit did not touch (same DOM nodes), offsets updated', () => {
    const { mirror, done } = setup();
    const live = mirror();
    live.update(TEXT, marksFor(TEXT, LINE_WORDS));
    const before = blocksOf(live);
    expect(before.length).toBe(5); // one block a line
    const lastSpan = spans(live).at(-1)!;
    // one character typed into the second line
    const at = TEXT.indexOf('我局');
    const text = `${TEXT.slice(0, at)}的${TEXT.slice(at)}`;
    live.update(text, marksFor(text, LINE_WORDS));
    const after = blocksOf(live);
    expect(after.length).toBe(5);
    after.forEach((b, i) => (i === 1 ? expect(b).not.toBe(before[i]) : expect(b).toBe(before[i])));
    // a later line is the same node, its mark moved by one character
    expect(spans(live).at(-1)).toBe(lastSpan);
    expect(Number(lastSpan.getAttribute('data-start'))).toBe(text.lastIndexOf('截止目前'));

    // only a mark changes (a finding becomes the active one): only its line is rebuilt
    live.update(text, marksFor(text, LINE_WORDS, '认真研究'));
    const active = blocksOf(live);
    active.forEach((b, i) => (i === 1 ? expect(b).not.toBe(after[i]) : expect(b).toBe(after[i])));
    // nothing changed: nothing rebuilt
    live.update(text, marksFor(text, LINE_WORDS, '认真研究'));
    blocksOf(live).forEach((b, i) => expect(b).toBe(active[i]));
    // a mark across line breaks: its lines become one block
    live.update(text, marksFor(text, WORDS, '认真研究'));
    expect(blocksOf(live).length).toBe(3);
    expect(blocksOf(live).slice(0, 2)).toEqual(active.slice(0, 2));
    done();
  });

  it('overlapping marks go to separate layers of their block', () => {
    const { mirror, done } = setup();
    const live = mirror();
    live.update(TEXT, marksFor(TEXT, WORDS));
    const second = blocksOf(live)[1];
    // 截止目前 and 目前，我局 overlap
    expect(second.children.length).toBe(2);
    for (const layer of Array.from(second.children)) expect(layer.textContent).toBe(`${TEXT.split('\n')[1]}\n`);
    done();
  });
});

describe('splitBlocks', () => {
  it('splits after line breaks, joining lines a mark spans', () => {
    const text = 'ab\ncd\nef';
    expect(splitBlocks(text, []).map((b) => text.slice(b.start, b.end))).toEqual(['ab\n', 'cd\n', 'ef']);
    const m: MirrorMark = { start: 1, end: 4, severity: 'error' };
    expect(splitBlocks(text, [m]).map((b) => [text.slice(b.start, b.end), b.marks])).toEqual([['ab\ncd\n', [m]], ['ef', []]]);
    expect(splitBlocks('a\n', []).map((b) => [b.start, b.end])).toEqual([[0, 2], [2, 2]]);
  });
});

describe('Panel re-render', () => {
  const finding = (start: number, over: Partial<Finding> = {}): Finding => ({
    ruleId: 'r', category: 'timeliness', severity: 'warning', message: '用语', start, end: start + 2, line: 1, column: start + 1,
    excerpt: '截止', fingerprint: `fp${over.message ?? ''}`, ...over,
  });

  it('keeps unchanged findings (same nodes, new offsets) and acts on the current finding', () => {
    const doc = newDocument();
    const located: Finding[] = [];
    const panel = new Panel(doc, { locate: (f) => located.push(f), fix: () => undefined, ignore: () => undefined, recheck: () => undefined });
    const state = (fs: Finding[]) => ({ contextLine: '', body: { result: null, findings: fs }, docs: [], ignoredCount: 0, underlined: new Set(fs.map((f) => f.fingerprint)) });
    const items = () => Array.from(panel.shadow.querySelectorAll('.finding')) as HTMLElement[];
    panel.render(state([finding(3), finding(9, { message: '另一' })]));
    const [a, b] = items();
    const body = panel.shadow.querySelector('.body');
    // a character typed before both
    const moved = [finding(4), finding(10, { message: '另一' })];
    panel.render(state(moved));
    expect(items()).toEqual([a, b]);
    expect(items()[0]).toBe(a);
    expect(panel.shadow.querySelector('.body')).toBe(body);
    expect(a.getAttribute('data-start')).toBe('4');
    a.dispatchEvent(new (doc.defaultView as unknown as { Event: typeof Event }).Event('click'));
    expect(located).toEqual([moved[0]]);
    // a changed finding is rebuilt
    panel.render(state([finding(4, { message: '改了' }), moved[1]]));
    expect(items()[0]).not.toBe(a);
    expect(items()[1]).toBe(b);
    panel.destroy();
  });
});
