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

const compile = (source: string) => new RegExp(source, 'gud');

/** Expands $1, $<name> and $& in a replacement from a match (lookarounds are already resolved). */
const expand = (template: string, m: RegExpExecArray) =>
  template.replace(/\$(?:(\d)|<(\w+)>|(&))/g, (_, n: string, name: string) => (n ? m[+n] : name ? m.groups?.[name] : m[0]) ?? '');

interface Unit { text: string; offset: number }

function units(ctx: RuleContext, rule: RuleMeta, level: 'paragraph' | 'sentence' | 'document' = 'paragraph'): Unit[] {
  const paras = ctx.paragraphs(rule.scope);
  if (level === 'paragraph') return paras.map((p) => ({ text: p.text, offset: p.offset }));
  if (level === 'document') return [{ text: paras.map((p) => p.text).join('\n'), offset: -1 }];
  const wanted = new Map(paras.map((p) => [p.index, p]));
  return ctx.doc.sentences
    // a heading's own words ("四、下一步工作安排") are a label, not a sentence of the reply
    .filter((s) => { const p = wanted.get(s.paragraph); return p && !(p.ordinal && p.ordinal.level > 0 && s.start === p.offset && s.text.length <= 30 && !/[，,；]/u.test(s.text)); })
    .map((s) => ({ text: s.text, offset: s.start }));
}

/** Each match of `re` in the unit; a named group `hit` narrows the reported range. */
function* matches(re: RegExp, unit: Unit): Generator<{ start: number; end: number; m: RegExpExecArray }> {
  re.lastIndex = 0;
  for (let m = re.exec(unit.text); m; m = re.exec(unit.text)) {
    if (m[0] === '') { re.lastIndex++; continue; }
    const hit = m.indices?.groups?.hit;
    const [s, e] = hit ?? m.indices![0];
    yield { start: unit.offset + s, end: unit.offset + e, m };
  }
}

/** Turns a data rule into a check function. Regexes are compiled once. */
export function compileDataRule(rule: DataRule, lexicons: RuleContext['lexicons']): (ctx: RuleContext) => void {
  const unless = 'unless' in rule && rule.unless ? new RegExp(rule.unless, 'u') : undefined;
  const skip = (u: Unit) => !!unless && unless.test(u.text);
  switch (rule.type) {
    case 'existence': {
      const sources = [...(rule.patterns ?? []), ...(rule.lexicon ? [lexiconPattern(lexicons[rule.lexicon] ?? [])] : [])].filter(Boolean);
      const res = sources.map(compile);
      return (ctx) => {
        for (const u of units(ctx, rule, rule.level)) {
          if (skip(u)) continue;
          for (const re of res) for (const h of matches(re, u)) ctx.report({ start: h.start, end: h.end, data: { match: h.m[0] } });
        }
      };
    }
    case 'substitution': {
      const swaps = rule.swap.map(([from, to]) => [compile(from), to] as const);
      return (ctx) => {
        for (const u of units(ctx, rule, rule.level)) {
          if (skip(u)) continue;
          for (const [re, to] of swaps) {
            for (const h of matches(re, u)) {
              const text = ctx.doc.text.slice(h.start, h.end);
              const replacement = expand(to, h.m);
              if (replacement !== text) ctx.report({ start: h.start, end: h.end, replacement, data: { match: text, replacement } });
            }
          }
        }
      };
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
          const p = scoped[0];
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
      return (ctx) => {
        const docUnits = rule.level === 'document' ? units(ctx, rule, 'paragraph') : undefined;
        const docHasThen = docUnits ? docUnits.some((u) => thenRe.test(u.text)) : false;
        for (const u of rule.level === 'document' ? docUnits! : units(ctx, rule, rule.level)) {
          if (skip(u)) continue;
          if (rule.level === 'document' ? docHasThen : thenRe.test(u.text)) continue;
          // one finding per unit: the first trigger, stretched to the end of its clause when asked
          // a list lead-in ("计划按以下安排推进：") is judged by its items, and a quoted title is not a promise
          if (rule.level === 'sentence' && /[：:][\s\u3000]*$/u.test(u.text)) continue;
          const h = first(matches(ifRe, u), (x) => !insideBookTitle(ctx.doc.text, x.start));
          if (!h) continue;
          // stretched to the end of the clause of the unit's last trigger, so the excerpt shows the promise
          let last = h;
          for (const x of matches(ifRe, u)) if (x.start > last.start && !insideBookTitle(ctx.doc.text, x.start)) last = x;
          const end = rule.extend === 'clause' ? clauseEnd(ctx.doc.text, last.end) : h.end;
          ctx.report({ start: h.start, end, data: { match: h.m[0] } });
          if (rule.level === 'document') return;
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
