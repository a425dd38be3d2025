import type { CaseContext } from '../context/types.js';
import type { ContextConflict } from '../context/infer.js';
import { analysedDocument, asciiDigits } from '../document/digits.js';
import { newSlot, paragraphRecord } from '../document/memo.js';
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

/** Runs the rules over one document and returns its messages, sorted by position. */
export function runRules(written: ReplyDocument, context: CaseContext, opts: RunOptions): { messages: DafuMessage[]; mode: Mode } {
  const doc = analysedDocument(written); // (the engine passes it already; a direct caller may not)
  const mode = opts.mode === 'auto' ? detectMode(doc) : opts.mode;
  const messages: DafuMessage[] = [];
  const seen = new Set<string>();
  for (const rule of opts.rules) {
    const severity = opts.severityOf(rule.meta);
    if (severity === 'off' || !ruleApplies(rule.meta, doc, context, mode)) continue;
    const report = (f: Finding) => {
      const key = `${rule.meta.id}:${f.start}:${f.end}`;
      if (seen.has(key)) return;
      seen.add(key);
      // a finding may lower its own severity (e.g. to info for "could not be checked"), never raise it
      const own = f.severity && SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[severity] ? f.severity : severity;
      messages.push(toMessage(doc, rule.meta, own, f));
    };
    const before = messages.length;
    rule.check(createRuleContext(doc, context, mode, opts, report));
    dropNested(messages, before);
  }
  const allowed = allowedRanges(doc.text, (opts.allow ?? []).map(asciiDigits));
  const kept = messages.filter((m) => !allowed.some(([s, e]) => m.start >= s && m.end <= e) && !opts.baseline?.has(m.fingerprint));
  kept.sort((a, b) => a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId));
  return { messages: kept, mode };
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
    const paragraphs = ctx.paragraphs(meta.scope);
    // memos bypassed: the rule runs as written, over the whole document
    if (paragraphs.length && !paragraphRecord(ctx.doc, paragraphs[0])) { run(ctx); return; }
    for (const p of paragraphs) {
      const byRole = (paragraphRecord(ctx.doc, p)![slot] ??= new Map()) as Map<ParagraphRole, Finding[]>;
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

/**
 * One problem, one message: when a rule reports a range inside another range it reported
 * (a lexicon phrase inside a longer pattern match), only the longer one is kept.
 */
function dropNested(messages: DafuMessage[], from: number): void {
  const own = messages.splice(from);
  if (own.length > 1) own.sort((a, b) => b.end - b.start - (a.end - a.start));
  // longest first, so every range that can contain m is already decided when m comes; a Fenwick
  // tree over start offsets holds the largest end among kept ranges starting at or before an
  // offset: O(n log n), not O(n²) (a long paragraph can give one rule tens of thousands of hits)
  const starts = [...new Set(own.filter((m) => !m.whole).map((m) => m.start))].sort((a, b) => a - b);
  const maxEnd = new Array<number>(starts.length + 1).fill(-1);
  const slot = (start: number): number => { // 1-based index of the last start <= `start`
    let lo = 0, hi = starts.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (starts[mid] <= start) lo = mid + 1; else hi = mid; }
    return lo;
  };
  for (const m of own) {
    if (!m.whole) {
      let best = -1;
      for (let i = slot(m.start); i > 0; i -= i & -i) if (maxEnd[i] > best) best = maxEnd[i];
      if (best >= m.end) continue;
      for (let i = slot(m.start); i <= starts.length; i += i & -i) if (maxEnd[i] < m.end) maxEnd[i] = m.end;
    }
    messages.push(m); // one by one: push(...kept) overflows the stack past ~100k messages
  }
}

function allowedRanges(text: string, phrases: string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const p of phrases) {
    if (!p) continue;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push([i, i + p.length]);
  }
  return out;
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

function toMessage(doc: ReplyDocument, meta: RuleMeta, severity: Severity, f: Finding): DafuMessage {
  const start = Math.max(0, Math.min(f.start, doc.text.length));
  const end = Math.max(start, Math.min(f.end, doc.text.length));
  // the user's own characters, also where the rules read full-width digits as ASCII (digits.ts)
  const excerpt = (doc.original ?? doc.text).slice(start, end);
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
