/**
 * Overlay mirror for <textarea>: a transparent copy of the text with the same metrics, laid
 * over the textarea (pointer-events: none), with underlines on the flagged spans. The
 * textarea itself is never changed.
 */
export interface MirrorMark { start: number; end: number; severity: 'error' | 'warning' | 'info'; active?: boolean; underline?: boolean }

const COPY = [
  'boxSizing', 'width', 'height', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'borderTopWidth',
  'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle',
  'fontVariant', 'lineHeight', 'letterSpacing', 'wordSpacing', 'textIndent', 'textAlign', 'textTransform', 'tabSize',
  'direction', 'writingMode',
] as const;

const CSS_TEXT = `
:host { all: initial; }
.box { position: absolute; overflow: hidden; pointer-events: none; border-style: solid; border-color: transparent; }
.layers { position: relative; }
.text + .text { position: absolute; top: 0; left: 0; right: 0; }
.text { white-space: pre-wrap; overflow-wrap: break-word; word-break: normal; color: transparent; }
.m { color: transparent; text-decoration-skip-ink: none; text-underline-offset: 3px; border-radius: 2px; }
.m.error { text-decoration: underline wavy 1.5px #d93025; background: rgba(217, 48, 37, 0.08); }
.m.warning { text-decoration: underline wavy 1.5px #e37400; }
.m.info { text-decoration: underline dotted 2px #1a73e8; }
.m.active { background: rgba(255, 214, 0, 0.55); }
.m.plain { text-decoration: none; background: none; }
.m.plain.active { background: rgba(255, 214, 0, 0.55); }

`;

export class TextareaMirror {
  readonly host: HTMLElement;
  private readonly box: HTMLDivElement;
  private readonly textEl: HTMLDivElement;
  private readonly ro: ResizeObserver | null;
  private readonly onScroll = () => this.syncScroll();
  private readonly onLayout = () => this.position();
  private timer: number;

  constructor(readonly ta: HTMLTextAreaElement) {
    const doc = ta.ownerDocument;
    const win = doc.defaultView!;
    this.host = doc.createElement('dafu-mirror');
    this.host.setAttribute('style', 'position:absolute;left:0;top:0;width:0;height:0;z-index:2147483000;pointer-events:none;');
    const shadow = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = CSS_TEXT;
    this.box = doc.createElement('div');
    this.box.className = 'box';
    this.textEl = doc.createElement('div');
    this.textEl.className = 'layers';
    this.box.appendChild(this.textEl);
    shadow.append(style, this.box);
    doc.documentElement.appendChild(this.host);
    ta.addEventListener('scroll', this.onScroll);
    win.addEventListener('resize', this.onLayout);
    win.addEventListener('scroll', this.onLayout, true);
    this.ro = typeof ResizeObserver === 'function' ? new ResizeObserver(this.onLayout) : null;
    this.ro?.observe(ta);
    // layout can shift without events (menus, late images): cheap periodic re-position
    this.timer = win.setInterval(this.onLayout, 700);
    this.position();
  }

  position(): void {
    const ta = this.ta;
    const win = ta.ownerDocument.defaultView!;
    if (!ta.isConnected) { this.box.style.display = 'none'; return; }
    const r = ta.getBoundingClientRect();
    const cs = win.getComputedStyle(ta);
    const hidden = r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || cs.display === 'none';
    this.box.style.display = hidden ? 'none' : 'block';
    if (hidden) return;
    const s = this.box.style as unknown as Record<string, string>;
    for (const k of COPY) s[k] = (cs as unknown as Record<string, string>)[k];
    this.box.style.left = `${r.left + win.scrollX}px`;
    this.box.style.top = `${r.top + win.scrollY}px`;
    this.box.style.width = `${r.width}px`;
    this.box.style.height = `${r.height}px`;
    this.box.style.boxSizing = 'border-box';
    // the textarea's scrollbar takes room from the text
    const sbw = ta.offsetWidth - ta.clientWidth - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth);
    this.textEl.style.marginRight = sbw > 0 ? `${sbw}px` : '0';
    this.syncScroll();
  }

  private syncScroll(): void {
    this.box.scrollTop = this.ta.scrollTop;
    this.box.scrollLeft = this.ta.scrollLeft;
  }

  /**
   * Draws the marks. Overlapping marks go to separate transparent layers (greedy interval
   * partitioning), so every mark is exactly its own span of text.
   */
  update(text: string, marks: MirrorMark[]): void {
    const doc = this.ta.ownerDocument;
    const sorted = [...marks].filter((m) => m.end > m.start).sort((a, b) => a.start - b.start || b.end - a.end);
    const layers: MirrorMark[][] = [];
    for (const m of sorted) {
      const layer = layers.find((l) => l[l.length - 1].end <= m.start);
      if (layer) layer.push(m); else layers.push([m]);
    }
    if (!layers.length) layers.push([]);
    const divs = layers.map((layer) => {
      const div = doc.createElement('div');
      div.className = 'text';
      let pos = 0;
      for (const m of layer) {
        if (m.start > pos) div.appendChild(doc.createTextNode(text.slice(pos, m.start)));
        const span = doc.createElement('span');
        span.className = `m ${m.severity}${m.active ? ' active' : ''}${m.underline === false ? ' plain' : ''}`;
        span.textContent = text.slice(m.start, m.end);
        span.setAttribute('data-start', String(m.start));
        div.appendChild(span);
        pos = m.end;
      }
      div.appendChild(doc.createTextNode(text.slice(pos) + '\u200b'));
      return div;
    });
    this.textEl.replaceChildren(...divs);
    this.position();
  }

  destroy(): void {
    const win = this.ta.ownerDocument.defaultView;
    this.ta.removeEventListener('scroll', this.onScroll);
    win?.removeEventListener('resize', this.onLayout);
    win?.removeEventListener('scroll', this.onLayout, true);
    win?.clearInterval(this.timer);
    this.ro?.disconnect();
    this.host.remove();
  }
}
