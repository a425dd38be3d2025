/**
 * Label normalisation (system-ui.md §5.2): NFKC, drop all whitespace (incl. &nbsp; and U+3000),
 * required-markers, trailing colons and bracketed notes such as （必填）.
 */
export function normalizeLabel(raw: string | null | undefined): string {
  if (!raw) return '';
  let s = raw.normalize('NFKC');
  s = s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '');
  s = s.replace(/[*＊※]/g, '');
  // bracketed notes: （必填）(选填)【…】[…]
  s = s.replace(/[（(【\[][^）)】\]]{0,12}[）)】\]]/g, '');
  s = s.replace(/[:：]+$/g, '');
  s = s.replace(/^[:：]+/g, '');
  return s;
}

/** Splits a name/id/class value into lower-case tokens: "replyContent_1" → ["reply","content","1"]. */
export function attrTokens(value: string | null | undefined): string[] {
  if (!value) return [];
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((t) => t.toLowerCase())
    .filter(Boolean);
}

/** Text of a button-like element, normalised ("提 交" → "提交"). */
export function buttonLabel(el: Element): string {
  const tag = el.tagName.toLowerCase();
  if (tag === 'input') return normalizeLabel((el as HTMLInputElement).value || el.getAttribute('value') || '');
  const t = el.textContent ?? '';
  const label = normalizeLabel(t);
  if (label) return label;
  return normalizeLabel(el.getAttribute('title') || el.getAttribute('aria-label') || '');
}
