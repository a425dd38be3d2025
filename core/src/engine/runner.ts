import type { CaseContext } from '../context/types.js';
import type { ContextConflict } from '../context/infer.js';
import { analysedDocument, asciiDigits } from '../document/digits.js';
import { memoBypassed, newSlot, paragraphRecord } from '../document/memo.js';
import type { Paragraph, ParagraphRole, ReplyDocument } from '../document/types.js';
import type { DafuMessage, Finding, Lexicons, Mode, Profile, RuleContext, RuleMeta, Scope, Severity } from './types.js';

export interface LoadedRule { meta: RuleMeta; check: (ctx: RuleContext) => void }

export interface RunOptions {
  rules: LoadedRule[];
  /** effective severity per rule id after preset and config; 'off' skips the rule */
  severityOf: (meta: RuleMeta) => Severity | 'off';
  mode: Mode | 'auto';
  profile: Profile;
  lexicons: Lexicons;
  /** phrases the unit accepts: findings inside them are dropped */
  allow?: string[];
  /** fingerprints of accepted findings */
  baseline?: Set<string>;
  /** disagreements between context sources, for the rule that reports them */
  conflicts?: ContextConflict[];
  /** messages per rule and document (default MAX_PER_RULE); the rest are counted and summarised */
  maxPerRule?: number;
}

const CONTENT: ParagraphRole[] = ['opening', 'body', 'heading1', 'heading2', 'heading3', 'heading4', 'closing'];
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Letter when the draft has any part a letter has and a form body lacks; else a form body. */
export function detectMode(doc: ReplyDocument): Mode {
  const letterRoles = new Set<ParagraphRole>(['title', 'salutation', 'date', 'signoff', 'docNumber']);
  return doc.paragraphs.some((p) => letterRoles.has(p.role)) ? 'letter' : 'system-form';
}

export function ruleApplies(meta: RuleMeta, doc: ReplyDocument, context: CaseContext, mode: Mode): boolean {
  if (meta.modes && !meta.modes.includes(mode)) return false;
  if (meta.kinds && (!context.kind || !meta.kinds.includes(context.kind))) return false;
  if (meta.roles && !meta.roles.includes(context.role ?? 'host')) return false;
  if (meta.requires?.includes('docx') && doc.source.format !== 'docx') return false;
  if (meta.requires?.includes('suggestion') && !context.suggestion) return false;
  return true;
}

/** What runRules gives back: the messages, and the findings of each rule past its cap. */
export interface RunResult {
  messages: DafuMessage[];
  mode: Mode;
  /** findings not listed, by rule id: each such rule has one summary message (`omitted` set) in their place */
  omitted: Record<string, number>;
  /** the same findings by severity, for the counts */
  omittedCounts: Record<Severity, number>;
}

/** Runs the rules over one document and returns its messages, sorted by position. */
export function runRules(written: ReplyDocument, context: CaseContext, opts: RunOptions): RunResult {
  const doc = analysedDocument(written); // (the engine passes it already; a direct caller may not)
  const mode = opts.mode === 'auto' ? detectMode(doc) : opts.mode;
  const messages: DafuMessage[] = [];
  const omitted: Record<string, number> = {};
  const omittedCounts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const allowed = insideAllowed(doc.text, (opts.allow ?? []).map(asciiDigits));
  const cap = opts.maxPerRule ?? MAX_PER_RULE;
  for (const rule of opts.rules) {
    const severity = opts.severityOf(rule.meta);
    if (severity === 'off' || !ruleApplies(rule.meta, doc, context, mode)) continue;
    const found = new RuleFindings(doc.text, cap);
    // a finding may lower its own severity (e.g. to info for "could not be checked"), never raise it
    rule.check(createRuleContext(doc, context, mode, opts, (f) => found.add(f, f.severity && SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[severity] ? f.severity : severity)));
    const keep = (start: number, end: number): boolean =>
      !allowed(start, end) && !(opts.baseline?.has(fingerprintOf(rule.meta.id, excerptOf(doc.original ?? doc.text, start, end))) ?? false);
    const { listed, more } = found.finish(keep);
    for (const h of listed) messages.push(toMessage(doc, rule.meta, h));
    if (more) {
      omitted[rule.meta.id] = more.count;
      for (const s of ['error', 'warning', 'info'] as const) omittedCounts[s] += more.bySeverity[s];
      messages.push(omittedMessage(doc, rule.meta, more));
    }
  }
  messages.sort((a, b) => a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId));
  return { messages, mode, omitted, omittedCounts };
}

/** What a rule sees. Scoped paragraph lists are computed once per document and shared. */
export function createRuleContext(
  doc: ReplyDocument, context: CaseContext, mode: Mode,
  opts: Pick<RunOptions, 'profile' | 'lexicons' | 'conflicts'>, report: (f: Finding) => void,
): RuleContext {
  const cache = scopeCache.get(doc) ?? new Map<string, Paragraph[]>();
  scopeCache.set(doc, cache);
  const nonBlank = cache.get('all') ?? doc.paragraphs.filter((p) => p.role !== 'blank');
  cache.set('all', nonBlank);
  const paragraphs = (scope?: Scope[]): Paragraph[] => {
    if (!scope || scope.includes('all')) return nonBlank;
    const key = scope.join(',');
    let hit = cache.get(key);
    if (!hit) {
      const roles = new Set<ParagraphRole>(scope.flatMap((s) => (s === 'content' ? CONTENT : [s as ParagraphRole])));
      hit = nonBlank.filter((p) => roles.has(p.role));
      cache.set(key, hit);
    }
    return hit;
  };
  const anchorPara = nonBlank.find((p) => p.role === 'title') ?? nonBlank.find((p) => p.role === 'salutation') ?? nonBlank[0];
  const anchor = () => ({ ...(anchorPara ? { start: anchorPara.offset, end: anchorPara.offset + anchorPara.text.length } : { start: 0, end: 0 }), whole: true as const });
  return { doc, context, mode, profile: opts.profile, lexicons: opts.lexicons, conflicts: opts.conflicts ?? [], paragraphs, anchor, report };
}

const scopeCache = new WeakMap<ReplyDocument, Map<string, Paragraph[]>>();

/**
 * Runs a paragraph-local rule (meta.local) one paragraph at a time and memoises its findings by
 * paragraph text and role, offsets relative to the paragraph; replayed in paragraph order, as
 * the rule itself would report them.
 */
export function perParagraph(meta: RuleMeta, run: (ctx: RuleContext) => void): (ctx: RuleContext) => void {
  const slot = newSlot();
  return (ctx) => {
    // memos bypassed: the rule runs as written, over the whole document
    if (memoBypassed()) { run(ctx); return; }
    for (const p of ctx.paragraphs(meta.scope)) {
      const record = paragraphRecord(ctx.doc, p);
      // a paragraph too long to memoise: its findings go straight to the report
      if (!record) { run({ ...ctx, paragraphs: () => [p] }); continue; }
      const byRole = (record[slot] ??= new Map()) as Map<ParagraphRole, Finding[]>;
      let found = byRole.get(p.role);
      if (!found) {
        const own: Finding[] = [];
        run({ ...ctx, paragraphs: () => [p], report: (f) => own.push({ ...f, start: f.start - p.offset, end: f.end - p.offset }) });
        byRole.set(p.role, (found = own));
      }
      for (const f of found) ctx.report({ ...f, start: f.start + p.offset, end: f.end + p.offset });
    }
  };
}

/** Messages per rule and document: past it the findings are counted and summarised in one message. */
export const MAX_PER_RULE = 20;

/** Findings a rule may report before they are held compactly (no normal draft comes near it). */
const FULL_LIMIT = 2000;
/** Compactly held, the findings kept whole for the messages: the first ones by position. */
const FRONT = 1000;
/** A range packed in one number: start · SPAN + (SPAN − 1 − end), exact for texts under 2^26 characters. */
const SPAN = 2 ** 26;
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** A finding as reported, with its severity, the range its message shows and its place in report order. */
interface Held { finding: Finding; severity: Severity; start: number; end: number; n: number }

/** The findings of one rule not listed: how many, by severity, the most severe, and the first of them. */
interface More { count: number; bySeverity: Record<Severity, number>; severity: Severity; start: number; end: number }

const packed = (start: number, end: number) => Math.min(start, SPAN - 1) * SPAN + (SPAN - 1 - Math.min(end, SPAN - 1));
/** negative when `a` comes first: by position, the longer first at one start, the more severe, the earlier reported */
const before = (a: Held, b: Held) => a.start - b.start || b.end - a.end || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.n - b.n;

/** Numbers appended in chunks (no doubling copies), sorted once at the end. */
class NumberList {
  private chunks: Float64Array[] = [];
  private last = new Float64Array(0);
  private used = 0;
  length = 0;
  push(v: number): void {
    if (this.used === this.last.length) { this.chunks.push((this.last = new Float64Array(1 << 16))); this.used = 0; }
    this.last[this.used++] = v;
    this.length++;
  }
  sorted(): Float64Array {
    const all = new Float64Array(this.length);
    let at = 0;
    for (const c of this.chunks) { const n = Math.min(c.length, this.length - at); all.set(n === c.length ? c : c.subarray(0, n), at); at += n; }
    this.chunks = [];
    return all.sort();
  }
}

/**
 * The findings of one rule in one document. One problem, one message: a range reported twice
 * counts once, and a range inside another range of the same rule (a lexicon phrase inside a
 * longer pattern match) is dropped. Past FULL_LIMIT findings (a hostile input: one long line of
 * one repeated word) the ranges are held as numbers, three per severity list, and only the first
 * FRONT findings by position as objects: memory then grows by 8 bytes a finding, not by a
 * finding object and a message each, and what the messages need is still at hand.
 */
class RuleFindings {
  private held: Held[] | undefined = [];
  private seen: Set<string> | undefined = new Set();
  private n = 0;
  private keys?: NumberList[];
  private wholes?: Held[];
  /** a max-heap by `before`: its root is the last of the first FRONT findings */
  private front?: Held[];

  /** `cap`: what finish lists; compact holding keeps whole objects only for the first FRONT, so a larger cap holds everything */
  constructor(private readonly text: string, private readonly cap: number) {}

  add(finding: Finding, severity: Severity): void {
    const start = Math.max(0, Math.min(finding.start, this.text.length));
    let end = Math.max(start, Math.min(finding.end, this.text.length));
    if (finding.whole) end = anchorEnd(this.text, start, end);
    const h: Held = { finding, severity, start, end, n: this.n++ };
    if (!this.held) { this.addCompact(h); return; }
    const key = `${finding.start}:${finding.end}`;
    if (this.seen!.has(key)) return;
    this.seen!.add(key);
    this.held.push(h);
    if (this.held.length > FULL_LIMIT && this.cap * 4 <= FRONT) {
      const held = this.held;
      this.held = this.seen = undefined;
      this.keys = SEVERITIES.map(() => new NumberList());
      this.wholes = [];
      this.front = [];
      for (const x of held) this.addCompact(x);
    }
  }

  private addCompact(h: Held): void {
    if (h.finding.whole) { this.wholes!.push(h); return; }
    this.keys![SEVERITY_ORDER[h.severity]].push(packed(h.start, h.end));
    const heap = this.front!;
    if (heap.length < FRONT) {
      heap.push(h);
      for (let i = heap.length - 1; i > 0;) {
        const up = (i - 1) >> 1;
        if (before(heap[up], heap[i]) >= 0) break;
        [heap[up], heap[i]] = [heap[i], heap[up]];
        i = up;
      }
    } else if (before(h, heap[0]) < 0) {
      heap[0] = h;
      for (let i = 0; ;) {
        const l = 2 * i + 1, r = l + 1;
        let top = i;
        if (l < heap.length && before(heap[l], heap[top]) > 0) top = l;
        if (r < heap.length && before(heap[r], heap[top]) > 0) top = r;
        if (top === i) break;
        [heap[top], heap[i]] = [heap[i], heap[top]];
        i = top;
      }
    }
  }

  /**
   * The findings to list (at most `cap`, the first by position when there are more) and the
   * rest counted. `keep` drops a finding inside an allowed phrase or in the baseline; it is
   * asked after the nested ranges are dropped, as a finding's own message would be.
   */
  finish(keep: (start: number, end: number) => boolean): { listed: Held[]; more?: More } {
    const cap = this.cap;
    const listed: Held[] = [];
    let more: More | undefined;
    const take = (h: Held) => {
      if (listed.length < cap) { listed.push(h); return; }
      more ??= { count: 0, bySeverity: { error: 0, warning: 0, info: 0 }, severity: h.severity, start: h.start, end: h.end };
      more.count++;
      more.bySeverity[h.severity]++;
      if (SEVERITY_ORDER[h.severity] < SEVERITY_ORDER[more.severity]) more.severity = h.severity;
    };
    if (this.held) {
      const kept = dropNested(this.held).filter((h) => keep(h.start, h.end));
      // listed in the order messages are shown: by position, the more severe first
      if (kept.length > cap) kept.sort((a, b) => a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
      for (const h of kept) take(h);
      return { listed, ...(more ? { more } : {}) };
    }
    // compact: document-level findings first (never nested), then the ranges merged by position
    const wholeSeen = new Set<number>();
    for (const h of this.wholes!) {
      const k = packed(h.start, h.end);
      if (!wholeSeen.has(k) && keep(h.start, h.end)) take(h);
      wholeSeen.add(k);
    }
    const byKey = new Map<number, Held>();
    for (const h of this.front!.sort(before)) if (!byKey.has(packed(h.start, h.end))) byKey.set(packed(h.start, h.end), h);
    this.front = undefined;
    const lists = this.keys!.map((k) => k.sorted());
    this.keys = undefined;
    const at = [0, 0, 0];
    let previous = -1;
    let maxEnd = -1;
    for (;;) {
      // the smallest key of the three lists; at a tie the more severe list (a range reported twice counts once, as its most severe)
      let from = -1;
      let key = Infinity;
      for (let s = 0; s < 3; s++) if (at[s] < lists[s].length && lists[s][at[s]] < key) { key = lists[s][at[s]]; from = s; }
      if (from < 0) break;
      at[from]++;
      if (key === previous) continue;
      previous = key;
      const start = Math.floor(key / SPAN);
      const end = SPAN - 1 - (key - start * SPAN);
      // sorted by start, the longer first: inside an earlier range exactly when that one ends at or after it
      if (end <= maxEnd) continue;
      maxEnd = end;
      if (!keep(start, end)) continue;
      const severity = SEVERITIES[from];
      take(byKey.get(key) ?? { finding: { start, end }, severity, start, end, n: -1 });
    }
    return { listed, ...(more ? { more } : {}) };
  }
}

/**
 * Drops the ranges inside a longer range of the same rule (document-level findings neither drop
 * nor are dropped); the kept ones longest first. A Fenwick tree over start offsets holds the
 * largest end among kept ranges starting at or before an offset: O(n log n), not O(n²).
 */
function dropNested(own: Held[]): Held[] {
  if (own.length > 1) own = [...own].sort((a, b) => b.end - b.start - (a.end - a.start));
  const starts = [...new Set(own.filter((m) => !m.finding.whole).map((m) => m.start))].sort((a, b) => a - b);
  const maxEnd = new Array<number>(starts.length + 1).fill(-1);
  const slot = (start: number): number => { // 1-based index of the last start <= `start`
    let lo = 0, hi = starts.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (starts[mid] <= start) lo = mid + 1; else hi = mid; }
    return lo;
  };
  const kept: Held[] = [];
  for (const m of own) {
    if (!m.finding.whole) {
      let best = -1;
      for (let i = slot(m.start); i > 0; i -= i & -i) if (maxEnd[i] > best) best = maxEnd[i];
      if (best >= m.end) continue;
      for (let i = slot(m.start); i <= starts.length; i += i & -i) if (maxEnd[i] < m.end) maxEnd[i] = m.end;
    }
    kept.push(m);
  }
  return kept;
}

/** Whether a range lies inside an occurrence of an allowed phrase (binary search over the occurrences). */
function insideAllowed(text: string, phrases: string[]): (start: number, end: number) => boolean {
  const ranges: Array<[number, number]> = [];
  for (const p of phrases) {
    if (!p) continue;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) ranges.push([i, i + p.length]);
  }
  if (!ranges.length) return () => false;
  ranges.sort((a, b) => a[0] - b[0]);
  // the largest end among the occurrences starting at or before each one
  const reach: number[] = [];
  for (const [i, [, e]] of ranges.entries()) reach.push(Math.max(e, i ? reach[i - 1] : -1));
  return (start, end) => {
    let lo = 0, hi = ranges.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (ranges[mid][0] <= start) lo = mid + 1; else hi = mid; }
    return lo > 0 && reach[lo - 1] >= end;
  };
}

const fill = (template: string, data: Record<string, string | number> = {}) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));

/** Position of an offset as 1-based line and column (the line is the paragraph's). */
export function position(doc: ReplyDocument, offset: number): { line: number; column: number } {
  const ps = doc.paragraphs;
  let lo = 0, hi = ps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ps[mid].offset <= offset) lo = mid; else hi = mid - 1;
  }
  const p = ps[lo];
  return p ? { line: p.line, column: offset - p.offset + 1 } : { line: 1, column: 1 };
}

export const fingerprintOf = (ruleId: string, excerpt: string) => `${ruleId}:${excerpt.replace(/[\s\u3000]+/gu, '')}`;

/**
 * The longest range an excerpt shows in full. An excerpt is what a person reads: a longer range
 * (a whole long paragraph) is shown as its first EXCERPT_HEAD characters, “…” and its last
 * EXCERPT_TAIL, in every output, since every output reads the message's excerpt.
 */
export const EXCERPT_MAX = 100;
const EXCERPT_HEAD = 70;
const EXCERPT_TAIL = 20;
/** A document-level finding on a paragraph longer than EXCERPT_MAX is hung on its first sentence, or its first this many characters. */
const ANCHOR_HEAD = 60;

/** `i`, moved back when it falls between the two halves of a surrogate pair. */
function offPair(text: string, i: number): number {
  const hi = text.charCodeAt(i - 1), lo = text.charCodeAt(i);
  return i > 0 && i < text.length && hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff ? i - 1 : i;
}

/** The text of a range as a message shows it: in full up to EXCERPT_MAX characters, else head…tail. */
export function excerptOf(text: string, start: number, end: number): string {
  if (end - start <= EXCERPT_MAX) return text.slice(start, end);
  return `${text.slice(start, offPair(text, start + EXCERPT_HEAD))}…${text.slice(offPair(text, end - EXCERPT_TAIL), end)}`;
}

/**
 * Where a document-level finding (whole: true) ends: its anchor is a paragraph (the title, the
 * salutation, the first line), and on a long one the message is about the reply, not about the
 * paragraph, so it is hung on the paragraph's first sentence, or its first ANCHOR_HEAD characters.
 */
function anchorEnd(text: string, start: number, end: number): number {
  if (end - start <= EXCERPT_MAX) return end;
  const stop = text.slice(start, start + EXCERPT_MAX).search(/[。！？；!?;\n]/u);
  if (stop > 0) return start + stop + (text[start + stop] === '\n' ? 0 : 1);
  return offPair(text, start + ANCHOR_HEAD);
}

function toMessage(doc: ReplyDocument, meta: RuleMeta, h: Held): DafuMessage {
  const { finding: f, severity, start, end } = h;
  // the user's own characters, also where the rules read full-width digits as ASCII (digits.ts)
  const excerpt = excerptOf(doc.original ?? doc.text, start, end);
  const data = { match: excerpt, ...f.data, ...(f.replacement !== undefined ? { replacement: f.replacement } : {}) };
  const from = position(doc, start);
  const to = position(doc, end);
  const suggestion = f.suggestion ?? (meta.suggestion ? fill(meta.suggestion, data) : undefined);
  const fix = f.replacement !== undefined && meta.fixable === 'safe' ? { start, end, text: f.replacement } : undefined;
  const suggestions = f.replacement !== undefined
    ? [{ message: `改为“${f.replacement}”`, ...(fix ? { fix } : { fix: { start, end, text: f.replacement } }) }]
    : suggestion ? [{ message: suggestion }] : [];
  return {
    ruleId: meta.id,
    category: meta.category,
    severity,
    message: fill(f.message ?? meta.message, data),
    note: meta.note,
    ...(suggestion ? { suggestion } : {}),
    start, end,
    line: from.line, column: from.column, endLine: to.line, endColumn: to.column,
    excerpt,
    suggestions,
    ...(fix ? { fix } : {}),
    fingerprint: fingerprintOf(meta.id, excerpt),
    url: `docs/rules.md#${meta.id}`,
    ...(f.whole ? { whole: true } : {}),
  };
}

/** The one message that stands for a rule's findings past its cap, where the first of them is. */
function omittedMessage(doc: ReplyDocument, meta: RuleMeta, more: More): DafuMessage {
  const from = position(doc, more.start);
  const to = position(doc, more.end);
  return {
    ruleId: meta.id,
    category: meta.category,
    severity: more.severity,
    message: `同类问题还有 ${more.count} 处（${meta.description}），不再逐一列出，请从此处起通篇核对。`,
    note: meta.note,
    start: more.start, end: more.end,
    line: from.line, column: from.column, endLine: to.line, endColumn: to.column,
    excerpt: excerptOf(doc.original ?? doc.text, more.start, more.end),
    suggestions: [],
    // never a finding's own fingerprint (those are `ruleId:excerpt`)
    fingerprint: `${meta.id}#omitted`,
    url: `docs/rules.md#${meta.id}`,
    omitted: more.count,
  };
}
