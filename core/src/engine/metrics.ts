import { countFacts } from './facts.js';
import { findPhrases } from './lexicon.js';
import { matcherFor } from '../lexicon/matcher.js';
import type { ReplyDocument } from '../document/types.js';
import type { RuleContext } from './types.js';

/** What an opening says after 现答复如下：, when it runs on into the answer (…现答复如下：全镇已投资400多万元…). */
const runOn = (ctx: RuleContext) => ctx.paragraphs(['opening']).map((p) => p.text.split(/如下[:：]/u)[1] ?? '').filter((t) => t.trim());

/** The substance of a reply: body and headings, without the opening formula and the thanks. */
export function substance(ctx: RuleContext): string {
  return [...runOn(ctx), ...ctx.paragraphs(['body', 'heading1', 'heading2', 'heading3', 'heading4']).map((p) => p.text)].join('\n');
}

export function contentText(ctx: RuleContext): string {
  return ctx.paragraphs(['content']).map((p) => p.text).join('\n');
}

/** Whether a UTF-16 unit is white space as /\s/u has it (U+3000 included). */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Characters that are not white space: `text.replace(/[\s\u3000]/gu, '').length` without the copy
 * (of 20 MB, for the length rules on a 20 MB file); counting stops at `atLeast` when given.
 */
export function nonSpaceLength(text: string, atLeast = Infinity): number {
  let n = 0;
  for (let i = 0; i < text.length && n < atLeast; i++) if (!isSpace(text.charCodeAt(i))) n++;
  return n;
}

/** Weighted stock phrases per 1,000 characters of content. */
export function stockDensity(ctx: RuleContext): number | undefined {
  const text = contentText(ctx);
  if (text.length < 80) return undefined;
  const hits = findPhrases(text, ctx.lexicons.stockPhrases ?? []);
  const weight = hits.reduce((s, h) => s + h.weight, 0);
  return (weight * 1000) / text.length;
}

/**
 * Specificity score 0–100: concrete facts per 1,000 characters of content against weighted stock
 * phrases per 1,000 characters. A short reply with three facts scores like a long one with ten.
 */
export function specificityScore(ctx: RuleContext, content?: string): number | undefined {
  return specificity(ctx, content).score;
}

/** The specificity score and what it is made of: facts, stock phrases found, the first five of them. */
export interface Specificity { score: number | undefined; facts: number; stock: number; phrases: string[] }

/**
 * Computed once per document (the specificity rule and the result's score ask for it in the same
 * check). `content`: contentText(ctx), when the caller has it already (a second copy of a 20 MB
 * text, and a second list of every stock phrase in it, were the peak of a check).
 */
export function specificity(ctx: RuleContext, content?: string): Specificity {
  const known = scores.get(ctx.doc);
  if (known && known.stock === ctx.lexicons.stockPhrases) return known.result;
  const result = computeSpecificity(ctx, content);
  scores.set(ctx.doc, { stock: ctx.lexicons.stockPhrases, result });
  return result;
}

const scores = new WeakMap<ReplyDocument, { stock: unknown; result: Specificity }>();

function computeSpecificity(ctx: RuleContext, text = contentText(ctx)): Specificity {
  if (text.trim().length === 0) return { score: undefined, facts: 0, stock: 0, phrases: [] };
  const per1000 = 1000 / Math.max(text.length, 200);
  const facts = countFacts(text).total;
  const entries = ctx.lexicons.stockPhrases ?? [];
  let weight = 0;
  let stock = 0;
  const phrases = new Set<string>();
  if (entries.length) {
    const matcher = matcherFor(entries);
    // paragraph by paragraph, which finds what the joined text does when no phrase holds a line
    // feed: the matcher keeps an Int32Array as long as its text (44 MB for a 20 MB file)
    const parts = entries.some((e) => e.phrase.includes('\n')) ? [text] : ctx.paragraphs(['content']).map((p) => p.text);
    for (const part of parts) {
      for (const h of matcher.find(part)) {
        weight += h.entry.weight ?? 1;
        stock++;
        if (phrases.size < 5) phrases.add(h.phrase);
      }
    }
  }
  const raw = (100 * (facts * per1000)) / (facts * per1000 + 6) - 4 * (weight * per1000);
  return { score: Math.max(0, Math.min(100, Math.round(raw))), facts, stock, phrases: [...phrases] };
}

export const metrics: Record<string, (ctx: RuleContext) => number | undefined> = {
  stockDensity,
  specificity: specificityScore,
  /** characters of substance (body and headings) */
  // (the paragraphs one by one: the line feeds that join them are white space)
  substanceLength: (ctx) => [...runOn(ctx), ...ctx.paragraphs(['body', 'heading1', 'heading2', 'heading3', 'heading4']).map((p) => p.text)].reduce((n, t) => n + nonSpaceLength(t), 0),
  /** characters of the whole draft, for a form's length limit */
  length: (ctx) => nonSpaceLength(ctx.doc.text),
  /** length over the profile's limit (0 when there is no limit) */
  overLimit: (ctx) => (ctx.profile.maxLength ? nonSpaceLength(ctx.doc.text) - ctx.profile.maxLength : undefined),
};
