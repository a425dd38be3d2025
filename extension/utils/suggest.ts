/**
 * Where the suggestion (建议原文) a reply answers comes from: the reply page itself, another
 * same-origin frame of the tab, or another tab of the same enabled site (the 原件 or 建议详情
 * page the user opened beside the form). Messages only go between the extension's own
 * background and content scripts: nothing leaves the machine. No DOM here.
 */

/** content script → background: the suggestions other tabs of my site show */
export const SUGGEST_QUERY = 'dafu:suggest-query';
/** background → a tab's top frame: the suggestion your page (and its same-origin frames) shows */
export const SUGGEST_READ = 'dafu:suggest-read';

export type SuggestionWhere = 'page' | 'frame' | 'tab';

export interface SuggestionCandidate {
  where: SuggestionWhere;
  /** the record's text as the page shows it */
  text: string;
  /** the label it was found by (建议内容 …) */
  label: string;
  /** the suggestion's title, when the core read one */
  title?: string;
  /** the title of the frame's document or of the other tab */
  pageTitle?: string;
}

/** What a top frame answers to SUGGEST_READ. */
export interface SuggestReadReply { candidates: SuggestionCandidate[] }

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** "本页" / "框架《…》" / "另一标签页《…》": where the panel says the suggestion came from. */
export function describeWhere(c: Pick<SuggestionCandidate, 'where' | 'pageTitle' | 'title'>): string {
  const name = c.title || c.pageTitle;
  if (c.where === 'page') return '本页';
  const place = c.where === 'frame' ? '框架' : '另一标签页';
  return name ? `${place}《${clip(name.trim(), 24)}》` : place;
}

/** Same text, same suggestion (whitespace aside): one candidate even when two places show it. */
export function candidateKey(c: Pick<SuggestionCandidate, 'text'>): string {
  return c.text.replace(/[\s\u3000|]+/gu, '');
}

const bare = (s: string) => s.replace(/[\s\u3000《》“”"]+/gu, '');

/**
 * Whether a suggestion found in another frame or tab can be the one this form answers: the user
 * may have several cases open. It is when the record states the form's case number, or has the
 * same title; a record whose title differs from the form's is another case. Unknown: it may be.
 */
export function matchesCase(c: Pick<SuggestionCandidate, 'text' | 'title'>, form: { number?: string; title?: string }): boolean {
  if (form.number && bare(c.text).includes(bare(form.number))) return true;
  if (form.title && c.title) return bare(form.title) === bare(c.title);
  return true;
}
