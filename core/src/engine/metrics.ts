import { countFacts } from './facts.js';
import { findPhrases } from './lexicon.js';
import type { ReplyDocument } from '../document/types.js';
import type { RuleContext } from './types.js';

/** The substance of a reply: body and headings, without the opening formula and the thanks. */
export function substance(ctx: RuleContext): string {
  // an opening that runs on into the answer (…现答复如下：全镇已投资400多万元…) carries substance after 如下
  const runOn = ctx.paragraphs(['opening']).map((p) => p.text.split(/如下[:：]/u)[1] ?? '').filter((t) => t.trim());
  return [...runOn, ...ctx.paragraphs(['body', 'heading1', 'heading2', 'heading3', 'heading4']).map((p) => p.text)].join('\n');
}

export function contentText(ctx: RuleContext): string {
  return ctx.paragraphs(['content']).map((p) => p.text).join('\n');
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
export function specificityScore(ctx: RuleContext): number | undefined {
  // the specificity rule and the result's score ask for it in the same check
  const known = scores.get(ctx.doc);
  if (known && known.stock === ctx.lexicons.stockPhrases) return known.score;
  const score = computeScore(ctx);
  scores.set(ctx.doc, { stock: ctx.lexicons.stockPhrases, score });
  return score;
}

const scores = new WeakMap<ReplyDocument, { stock: unknown; score: number | undefined }>();

function computeScore(ctx: RuleContext): number | undefined {
  const text = contentText(ctx);
  if (text.trim().length === 0) return undefined;
  const per1000 = 1000 / Math.max(text.length, 200);
  const facts = countFacts(text).total * per1000;
  const stock = (findPhrases(text, ctx.lexicons.stockPhrases ?? []).reduce((s, h) => s + h.weight, 0)) * per1000;
  const raw = (100 * facts) / (facts + 6) - 4 * stock;
  return Math.max(0, Math.min(100, Math.round(raw)));
}

export const metrics: Record<string, (ctx: RuleContext) => number | undefined> = {
  stockDensity,
  specificity: specificityScore,
  /** characters of substance (body and headings) */
  substanceLength: (ctx) => substance(ctx).replace(/[\s\u3000]/gu, '').length,
  /** characters of the whole draft, for a form's length limit */
  length: (ctx) => ctx.doc.text.replace(/[\s\u3000]/gu, '').length,
  /** length over the profile's limit (0 when there is no limit) */
  overLimit: (ctx) => (ctx.profile.maxLength ? ctx.doc.text.replace(/[\s\u3000]/gu, '').length - ctx.profile.maxLength : undefined),
};
