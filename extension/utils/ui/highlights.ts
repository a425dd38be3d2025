/**
 * Underlines with the CSS Custom Highlight API: ranges are registered in the editor's own
 * document, styled with ::highlight(); the editor content is never changed.
 */
export type Mark = { range: Range; severity: 'error' | 'warning' | 'info' };

export const HIGHLIGHT_NAMES = { error: 'dafu-error', warning: 'dafu-warning', info: 'dafu-info', active: 'dafu-active' } as const;

const CSS_TEXT = `
::highlight(dafu-error) { text-decoration: underline wavy 1.5px #d93025; text-decoration-skip-ink: none; text-underline-offset: 3px; background-color: rgba(217, 48, 37, 0.07); }
::highlight(dafu-warning) { text-decoration: underline wavy 1.5px #e37400; text-decoration-skip-ink: none; text-underline-offset: 3px; }
::highlight(dafu-info) { text-decoration: underline dotted 2px #1a73e8; text-decoration-skip-ink: none; text-underline-offset: 3px; }
::highlight(dafu-active) { background-color: rgba(255, 214, 0, 0.55); }
`;

type HighlightCtor = new (...ranges: Range[]) => object;
interface HighlightWindow extends Window { Highlight?: HighlightCtor; CSS: typeof CSS & { highlights?: Map<string, object> } }

export function highlightsSupported(doc: Document): boolean {
  const win = doc.defaultView as HighlightWindow | null;
  return !!(win?.Highlight && win.CSS?.highlights);
}

export class HighlightPainter {
  private styled = false;
  private styleEl: HTMLStyleElement | null = null;
  private sheet: CSSStyleSheet | null = null;

  constructor(readonly doc: Document) {}

  private ensureStyle(): void {
    if (this.styled) return;
    this.styled = true;
    const win = this.doc.defaultView as (Window & { CSSStyleSheet: typeof CSSStyleSheet }) | null;
    try {
      if (!win) throw new Error('no window');
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(CSS_TEXT);
      this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, sheet];
      this.sheet = sheet;
    } catch {
      // older engines: a <style> in <head> (never inside the editable body)
      const st = this.doc.createElement('style');
      st.setAttribute('data-dafu', '');
      st.textContent = CSS_TEXT;
      (this.doc.head ?? this.doc.documentElement).appendChild(st);
      this.styleEl = st;
    }
  }

  paint(marks: Mark[], active?: Range | null): void {
    const win = this.doc.defaultView as HighlightWindow | null;
    if (!win?.Highlight || !win.CSS?.highlights) return;
    this.ensureStyle();
    const H = win.Highlight;
    for (const sev of ['error', 'warning', 'info'] as const) {
      const ranges = marks.filter((m) => m.severity === sev).map((m) => m.range);
      if (ranges.length) win.CSS.highlights.set(HIGHLIGHT_NAMES[sev], new H(...ranges));
      else win.CSS.highlights.delete(HIGHLIGHT_NAMES[sev]);
    }
    if (active) win.CSS.highlights.set(HIGHLIGHT_NAMES.active, new H(active));
    else win.CSS.highlights.delete(HIGHLIGHT_NAMES.active);
  }

  clear(): void {
    const win = this.doc.defaultView as HighlightWindow | null;
    if (!win?.CSS?.highlights) return;
    for (const n of Object.values(HIGHLIGHT_NAMES)) win.CSS.highlights.delete(n);
  }

  destroy(): void {
    this.clear();
    try {
      if (this.sheet) this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter((s) => s !== this.sheet);
    } catch { /* document gone */ }
    this.styleEl?.remove();
    this.styled = false;
  }
}
