import { newSlot, paragraphRecord } from '../document/memo.js';
import type { ParagraphRole } from '../document/types.js';
import type { Finding, RuleContext, RuleMeta } from './types.js';
import { metrics } from './metrics.js';
import { lexiconPattern } from './lexicon.js';

/** Rules as data (the Vale model): a few check types, each a few lines of JSON. */
export type DataRule = RuleMeta & (
  | { type: 'existence'; patterns?: string[]; lexicon?: string; level?: 'paragraph' | 'sentence'; unless?: string }
  | { type: 'substitution'; swap: Array<[string, string]>; level?: 'paragraph' | 'sentence'; unless?: string }
  | { type: 'occurrence'; pattern?: string; role?: ParagraphRole; min?: number; max?: number }
  | { type: 'conditional'; if: string; then: string; level: 'sentence' | 'paragraph' | 'document'; unless?: string; extend?: 'clause' }
  | { type: 'sequence'; order: ParagraphRole[] }
  | { type: 'metric'; metric: string; min?: number; max?: number }
);

// match indices (the d flag) cost an allocation per match: only patterns with a `hit` group need them
const compile = (source: string) => new RegExp(source, /\(\?<hit>/.test(source) ? 'gud' : 'gu');

/** Expands $1, $<name> and $& in a replacement from a match (lookarounds are already resolved). */
const expand = (template: string, m: RegExpExecArray) =>
  template.replace(/\$(?:(\d)|<(\w+)>|(&))/g, (_, n: string, name: string) => (n ? m[+n] : name ? m.groups?.[name] : m[0]) ?? '');

/** A paragraph or sentence a rule looks at; `para` is the paragraph it lies in (not for the document level). */
interface Unit { text: string; offset: number; para?: { index: number; text: string; offset: number } }

/**
 * The units a rule looks at, one at a time (a generator: a 20 MB file has 460,000 paragraphs,
 * and each rule built an array of them, and a Map of its paragraphs for the sentence level).
 */
function* units(ctx: RuleContext, rule: RuleMeta, level: 'paragraph' | 'sentence' | 'document' = 'paragraph'): Generator<Unit> {
  const paras = ctx.paragraphs(rule.scope);
  if (level === 'paragraph') { for (const p of paras) yield { text: p.text, offset: p.offset, para: p }; return; }
  if (level === 'document') { yield { text: paras.map((p) => p.text).join('\n'), offset: -1 }; return; }
  const wanted = byIndex(paras);
  for (const s of ctx.doc.sentences) {
    const p = wanted[s.paragraph];
    // a heading's own words ("四、下一步工作安排") are a label, not a sentence of the reply
    if (p && !(p.ordinal && p.ordinal.level > 0 && s.start === p.offset && s.text.length <= 30 && !/[，,；]/u.test(s.text))) yield { text: s.text, offset: s.start, para: p };
  }
}

type Para = ReturnType<RuleContext['paragraphs']>[number];
const indexed = new WeakMap<readonly Para[], Array<Para | undefined>>();

/** A scope's paragraphs by paragraph index (the scoped lists are shared per document, and so is this). */
function byIndex(paras: readonly Para[]): Array<Para | undefined> {
  let out = indexed.get(paras);
  if (!out) {
    out = [];
    for (const p of paras) out[p.index] = p;
    indexed.set(paras, out);
  }
  return out;
}

/**
 * A rule whose findings in a unit depend on nothing but the unit and the paragraph around it
 * (`find` gets the unit with its offset relative to the paragraph, and the paragraph's text in
 * place of the document's). The findings are memoised by paragraph text and the unit's place in
 * it, and shifted to where the paragraph is now: a re-check after a keystroke redoes one paragraph.
 * (With memos bypassed, `find` sees the unit in the document instead, which is what the tests
 * compare the memoised results with.) `find` hands each finding to `emit`.
 */
function perUnit(rule: RuleMeta, level: 'paragraph' | 'sentence', find: (u: Unit, text: string, emit: (f: Finding) => void) => void): (ctx: RuleContext) => void {
  const slot = newSlot();
  const collect = (u: Unit, text: string): readonly Finding[] => {
    let out: Finding[] | undefined;
    find(u, text, (f) => (out ??= []).push(f));
    return out ?? NONE;
  };
  return (ctx) => {
    for (const u of units(ctx, rule, level)) {
      const p = u.para!;
      const at = u.offset - p.offset;
      const record = paragraphRecord(ctx.doc, p);
      let found: readonly Finding[] | undefined;
      if (!record) {
        // memos bypassed (or a paragraph too long to memoise): the unit in place in the document,
        // as a check from scratch sees it, each finding reported as it is found (a 5 MB line
        // gave an array of a million findings first)
        find(u, ctx.doc.text, ctx.report);
        continue;
      }
      if (level === 'paragraph') {
        // one unit per paragraph: its findings fill the slot
        found = (record[slot] ??= collect({ text: u.text, offset: at }, p.text)) as readonly Finding[];
      } else {
        const byStart = (record[slot] ??= new Map()) as Map<number, readonly Finding[]>;
        found = byStart.get(at);
        if (!found) byStart.set(at, (found = collect({ text: u.text, offset: at }, p.text)));
      }
      for (const f of found) ctx.report({ ...f, start: f.start + p.offset, end: f.end + p.offset });
    }
  };
}

/** No findings (shared: most units have none). */
const NONE: readonly Finding[] = Object.freeze([]);

/**
 * The next non-empty match of `re` in `text` from re.lastIndex, or null. The existence and
 * substitution rules loop over it directly: a generator per unit and pattern (most find nothing)
 * was a fifth of a check's garbage.
 */
function nextMatch(re: RegExp, text: string): RegExpExecArray | null {
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] !== '') return m;
    re.lastIndex++;
  }
  return null;
}

/** Where a match is reported: a named group `hit` narrows the range. */
const startOf = (m: RegExpExecArray): number => m.indices?.groups?.hit?.[0] ?? m.index;
const endOf = (m: RegExpExecArray): number => m.indices?.groups?.hit?.[1] ?? m.index + m[0].length;

/** Each match of `re` in the unit; a named group `hit` narrows the reported range. */
function* matches(re: RegExp, unit: Unit): Generator<{ start: number; end: number; m: RegExpExecArray }> {
  re.lastIndex = 0;
  for (let m = nextMatch(re, unit.text); m; m = nextMatch(re, unit.text)) yield { start: unit.offset + startOf(m), end: unit.offset + endOf(m), m };
}

/** Turns a data rule into a check function. Regexes are compiled once. */
export function compileDataRule(rule: DataRule, lexicons: RuleContext['lexicons']): (ctx: RuleContext) => void {
  const unless = 'unless' in rule && rule.unless ? new RegExp(rule.unless, 'u') : undefined;
  const skip = (u: Unit) => !!unless && unless.test(u.text);
  switch (rule.type) {
    case 'existence': {
      const sources = [...(rule.patterns ?? []), ...(rule.lexicon ? [lexiconPattern(lexicons[rule.lexicon] ?? [])] : [])].filter(Boolean);
      const res = sources.map(compile);
      return perUnit(rule, rule.level ?? 'paragraph', (u, _text, emit) => {
        if (skip(u)) return;
        for (const re of res) {
          re.lastIndex = 0;
          for (let m = nextMatch(re, u.text); m; m = nextMatch(re, u.text)) emit({ start: u.offset + startOf(m), end: u.offset + endOf(m), data: { match: m[0] } });
        }
      });
    }
    case 'substitution': {
      const swaps = rule.swap.map(([from, to]) => [compile(from), to] as const);
      return perUnit(rule, rule.level ?? 'paragraph', (u, para, emit) => {
        if (skip(u)) return;
        for (const [re, to] of swaps) {
          re.lastIndex = 0;
          for (let m = nextMatch(re, u.text); m; m = nextMatch(re, u.text)) {
            const start = u.offset + startOf(m), end = u.offset + endOf(m);
            const replacement = expand(to, m);
            // {match} is left to the excerpt: the text as written
            if (replacement !== para.slice(start, end)) emit({ start, end, replacement, data: { replacement } });
          }
        }
      });
    }
    case 'occurrence': {
      const re = rule.pattern ? compile(rule.pattern) : undefined;
      return (ctx) => {
        let count = 0;
        let first: { start: number; end: number } | undefined;
        let extra: { start: number; end: number } | undefined;
        if (rule.role) {
          for (const p of ctx.doc.paragraphs.filter((p) => p.role === rule.role)) {
            count++;
            const range = { start: p.offset, end: p.offset + p.text.length };
            first ??= range;
            if (rule.max !== undefined && count === rule.max + 1) extra = range;
          }
        } else if (re) {
          for (const u of units(ctx, rule, 'paragraph')) {
            for (const h of matches(re, u)) {
              count++;
              first ??= h;
              if (rule.max !== undefined && count === rule.max + 1) extra = h;
            }
          }
        }
        if (rule.min !== undefined && count < rule.min) {
          const scoped = ctx.paragraphs(rule.scope);
          // shown on the part the rule is about first (the opening, not a salutation that may carry it)
          const p = scoped.find((q) => q.role === rule.scope?.[0]) ?? scoped[0];
          const at = rule.pattern && p ? { start: p.offset, end: p.offset + p.text.length, whole: true } : ctx.anchor();
          ctx.report({ ...at, data: { count } });
        }
        if (rule.max !== undefined && count > rule.max && extra) ctx.report({ ...extra, data: { count } });
        void first;
      };
    }
    case 'conditional': {
      const ifRe = compile(rule.if);
      const thenRe = new RegExp(rule.then, 'u');
      // one finding per unit: the first trigger, stretched to the end of its clause when asked
      // (`text` is what surrounds the unit: its paragraph, or the document at the document level)
      const trigger = (u: Unit, text: string): Finding | undefined => {
        // a list lead-in ("计划按以下安排推进：") is judged by its items, and a quoted title is not a promise
        if (rule.level === 'sentence' && /[：:][\s\u3000]*$/u.test(u.text)) return undefined;
        const h = first(matches(ifRe, u), (x) => !insideBookTitle(text, x.start));
        if (!h) return undefined;
        // stretched to the end of the clause of the unit's last trigger, so the excerpt shows the promise
        let last = h;
        for (const x of matches(ifRe, u)) if (x.start > last.start && !insideBookTitle(text, x.start)) last = x;
        const end = rule.extend === 'clause' ? clauseEnd(text, last.end) : h.end;
        return { start: h.start, end, data: { match: h.m[0] } };
      };
      if (rule.level !== 'document') {
        // the book-title look-back and the clause end stop at the line end: a unit's paragraph is all they see
        return perUnit(rule, rule.level, (u, para, emit) => {
          const f = skip(u) || thenRe.test(u.text) ? undefined : trigger(u, para);
          if (f) emit(f);
        });
      }
      return (ctx) => {
        for (const u of units(ctx, rule, 'paragraph')) if (thenRe.test(u.text)) return;
        for (const u of units(ctx, rule, 'paragraph')) {
          const f = skip(u) ? undefined : trigger(u, ctx.doc.text);
          if (f) { ctx.report(f); return; }
        }
      };
    }
    case 'sequence': {
      const rank = new Map(rule.order.map((r, i) => [r, i]));
      return (ctx) => {
        let highest = -1;
        let highestRole: string | undefined;
        for (const p of ctx.doc.paragraphs) {
          const r = rank.get(p.role);
          if (r === undefined) continue;
          if (r < highest) {
            ctx.report({ start: p.offset, end: p.offset + p.text.length, data: { role: p.role, after: highestRole ?? '' } });
            return;
          }
          if (r > highest) { highest = r; highestRole = p.role; }
        }
      };
    }
    case 'metric': {
      const metric = metrics[rule.metric];
      if (!metric) throw new Error(`规则 ${rule.id} 引用了不存在的指标 ${rule.metric}`);
      return (ctx) => {
        const value = metric(ctx);
        if (value === undefined) return;
        if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
          ctx.report({ ...ctx.anchor(), data: { value: Math.round(value * 10) / 10, min: rule.min ?? '', max: rule.max ?? '' } });
        }
      };
    }
  }
}

function first<T>(items: Iterable<T>, ok: (t: T) => boolean): T | undefined {
  for (const t of items) if (ok(t)) return t;
  return undefined;
}

/** Whether an offset lies inside 《…》 on its line. */
function insideBookTitle(text: string, at: number): boolean {
  // scans back at most BOOK_TITLE_REACH characters: a per-match cost bounded by a constant keeps a
  // long single paragraph (a 5 MB line) linear instead of quadratic
  for (let i = at - 1, stop = Math.max(0, at - BOOK_TITLE_REACH); i >= stop; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x300a /* 《 */) return true;
    if (c === 0x300b /* 》 */ || c === 0x0a) return false;
  }
  return false;
}

/** Longest stretch between 《 and a match inside the title that is still recognised. */
const BOOK_TITLE_REACH = 300;

/** End of the clause an offset is in: the next clause punctuation or line end. */
function clauseEnd(text: string, from: number): number {
  const m = /[，。；！？,;!?\n]/u.exec(text.slice(from, from + 60));
  if (m) return from + m.index;
  const end = Math.min(text.length, from + 60);
  // never between the two halves of a surrogate pair (an extension-plane Han character, an emoji)
  const c = text.charCodeAt(end);
  return c >= 0xdc00 && c <= 0xdfff && end > from ? end - 1 : end;
}

/** Findings that count the same text twice in one rule are dropped by the runner; this keeps data rules simple. */
export type { Finding };
