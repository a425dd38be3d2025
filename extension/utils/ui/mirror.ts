/**
 * Overlay mirror for <textarea>: a transparent copy of the text with the same metrics, laid
 * over the textarea (pointer-events: none), with underlines on the flagged spans. The
 * textarea itself is never changed.
 *
 * The copy is a column of blocks, one per line (lines joined while a mark spans their line
 * break), each keyed by its text and its marks. An update after a keystroke rebuilds only the
 * blocks whose key changed and keeps the others' DOM nodes, so the browser re-lays out one line
 * of a long reply instead of all of it. A line break in pre-wrap text ends its line the same way
 * whether it closes a block or sits inside one, so the blocks wrap exactly like the textarea.
 */
import { syncChildren } from './dom';

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
.b { position: relative; }
.b ~ .b { text-indent: 0; } /* a textarea indents only its first line */
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

/** A run of lines [start, end) of the text with the marks inside it (absolute offsets). */
export interface MirrorBlock { start: number; end: number; marks: MirrorMark[] }

/**
 * Splits the text after each line break that no mark spans. `marks` are sorted by start. The
 * last block is what follows the last such break (possibly empty).
 */
export function splitBlocks(text: string, marks: MirrorMark[]): MirrorBlock[] {
  const out: MirrorBlock[] = [];
  let start = 0;
  let from = 0;
  let next = 0;
  let reach = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
    while (next < marks.length && marks[next].start <= nl) reach = Math.max(reach, marks[next++].end);
    if (reach > nl) continue; // a mark runs across this break: the next line joins the block
    out.push({ start, end: nl + 1, marks: marks.slice(from, next) });
    start = nl + 1;
    from = next;
  }
  out.push({ start, end: text.length, marks: marks.slice(from) });
  return out;
}

interface Block {
  key: string;
  el: HTMLDivElement;
  start: number;
  /** each mark's span, with its offset inside the block (data-start is absolute) */
  spans: { el: HTMLElement; at: number }[];
}

export class TextareaMirror {
  readonly host: HTMLElement;
  private readonly box: HTMLDivElement;
  private readonly textEl: HTMLDivElement;
  private readonly ro: ResizeObserver | null;
  private readonly onScroll = () => this.syncScroll();
  private readonly onLayout = () => this.position();
  private readonly timer: number;
  private blocks: Block[] = [];
  /** the geometry and fonts last copied to the box: unchanged values are not written again */
  private copied = '';
  private frame = 0;

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
    const hidden = (): void => { this.box.style.display = 'none'; this.copied = ''; };
    if (!ta.isConnected) { hidden(); return; }
    const r = ta.getBoundingClientRect();
    const cs = win.getComputedStyle(ta);
    if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || cs.display === 'none') { hidden(); return; }
    // the textarea's scrollbar takes room from the text
    const sbw = ta.offsetWidth - ta.clientWidth - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth);
    const values = COPY.map((k) => (cs as unknown as Record<string, string>)[k]);
    const copied = [...values, r.left + win.scrollX, r.top + win.scrollY, r.width, r.height, sbw].join('|');
    if (copied !== this.copied) {
      // every style write invalidates the box's layout, so only changes are written
      this.copied = copied;
      const s = this.box.style as unknown as Record<string, string>;
      COPY.forEach((k, i) => { s[k] = values[i]; });
      this.box.style.display = 'block';
      this.box.style.left = `${r.left + win.scrollX}px`;
      this.box.style.top = `${r.top + win.scrollY}px`;
      this.box.style.width = `${r.width}px`;
      this.box.style.height = `${r.height}px`;
      this.box.style.boxSizing = 'border-box';
      this.textEl.style.marginRight = sbw > 0 ? `${sbw}px` : '0';
    }
    this.syncScroll();
  }

  private syncScroll(): void {
    this.box.scrollTop = this.ta.scrollTop;
    this.box.scrollLeft = this.ta.scrollLeft;
  }

  /**
   * Re-positions in the next frame: the new text's height is only known after a layout, and
   * asking for it now would force that layout in the middle of the re-check; the frame lays out anyway.
   */
  private positionSoon(): void {
    if (this.frame) return;
    const win = this.ta.ownerDocument.defaultView!;
    this.frame = win.requestAnimationFrame(() => { this.frame = 0; this.position(); });
  }

  /** Draws the text and its marks, rebuilding only the blocks that changed since the last update. */
  update(text: string, marks: MirrorMark[]): void {
    const sorted = marks.filter((m) => m.end > m.start).sort((a, b) => a.start - b.start || b.end - a.end);
    const blocks = splitBlocks(text, sorted);
    const unused = new Map<string, Block[]>();
    for (const b of this.blocks) {
      const same = unused.get(b.key);
      if (same) same.push(b); else unused.set(b.key, [b]);
    }
    this.blocks = blocks.map((bl, i) => {
      const content = text.slice(bl.start, bl.end) + (i === blocks.length - 1 ? '\u200b' : ''); // keeps a final empty line
      const key = `${bl.marks.map((m) => `${m.start - bl.start},${m.end - bl.start},${m.severity}${m.active ? ',a' : ''}${m.underline === false ? ',p' : ''}`).join(';')}\n${content}`;
      const b = unused.get(key)?.shift() ?? this.build(key, content, bl);
      if (b.start !== bl.start) {
        // text typed above it: same block, new offsets
        b.start = bl.start;
        for (const s of b.spans) s.el.setAttribute('data-start', String(bl.start + s.at));
      }
      return b;
    });
    syncChildren(this.textEl, this.blocks.map((b) => b.el));
    this.positionSoon();
  }

  /**
   * One block's DOM. Overlapping marks go to separate transparent layers (greedy interval
   * partitioning), so every mark is exactly its own span of text.
   */
  private build(key: string, content: string, bl: MirrorBlock): Block {
    const doc = this.ta.ownerDocument;
    const el = doc.createElement('div');
    el.className = 'b';
    const layers: MirrorMark[][] = [];
    for (const m of bl.marks) {
      const layer = layers.find((l) => l[l.length - 1].end <= m.start);
      if (layer) layer.push(m); else layers.push([m]);
    }
    if (!layers.length) layers.push([]);
    const spans: Block['spans'] = [];
    for (const layer of layers) {
      const div = doc.createElement('div');
      div.className = 'text';
      let pos = 0;
      for (const m of layer) {
        const at = m.start - bl.start;
        if (at > pos) div.appendChild(doc.createTextNode(content.slice(pos, at)));
        const span = doc.createElement('span');
        span.className = `m ${m.severity}${m.active ? ' active' : ''}${m.underline === false ? ' plain' : ''}`;
        span.textContent = content.slice(at, m.end - bl.start);
        span.setAttribute('data-start', String(m.start));
        div.appendChild(span);
        spans.push({ el: span, at });
        pos = m.end - bl.start;
      }
      if (pos < content.length) div.appendChild(doc.createTextNode(content.slice(pos)));
      el.appendChild(div);
    }
    return { key, el, start: bl.start, spans };
  }

  destroy(): void {
    const win = this.ta.ownerDocument.defaultView;
    this.ta.removeEventListener('scroll', this.onScroll);
    win?.removeEventListener('resize', this.onLayout);
    win?.removeEventListener('scroll', this.onLayout, true);
    win?.clearInterval(this.timer);
    if (this.frame) win?.cancelAnimationFrame(this.frame);
    this.ro?.disconnect();
    this.host.remove();
  }
}
