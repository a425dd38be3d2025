/**
 * Visibility test. In a real browser it uses layout (checkVisibility / client rects);
 * in a DOM without layout (unit tests with linkedom) it falls back to attributes and
 * inline styles of the element and its ancestors.
 */
export function hasLayout(el: Element): boolean {
  const view = el.ownerDocument?.defaultView as (Window & typeof globalThis) | null | undefined;
  return !!view && typeof (el as HTMLElement).getClientRects === 'function' && typeof view.getComputedStyle === 'function'
    && typeof (el as Element & { checkVisibility?: unknown }).checkVisibility === 'function';
}

export function isVisible(el: Element): boolean {
  if (hasLayout(el)) {
    const ce = el as Element & { checkVisibility: (o?: object) => boolean };
    if (!ce.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true })) return false;
    const rects = el.getClientRects();
    if (!rects.length) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  }
  return isVisibleByAttributes(el);
}

/** Attribute/inline-style based visibility, used when no layout engine is available. */
export function isVisibleByAttributes(el: Element): boolean {
  if (el.tagName.toLowerCase() === 'input' && (el.getAttribute('type') || '').toLowerCase() === 'hidden') return false;
  for (let n: Element | null = el; n; n = n.parentElement) {
    if (n.hasAttribute('hidden')) return false;
    const style = (n.getAttribute('style') || '').replace(/\s+/g, '').toLowerCase();
    if (/(^|;)display:none/.test(style) || /(^|;)visibility:hidden/.test(style)) return false;
    const tag = n.tagName.toLowerCase();
    if (tag === 'script' || tag === 'template' || tag === 'noscript') return false;
  }
  return true;
}
