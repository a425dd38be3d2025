/**
 * In-page element picker for the per-site field selector (popup "选取答复框", options page).
 *
 * Runs in the highest same-origin frame and covers every same-origin frame below it, editor
 * iframes included: hovering outlines the field the pointer stands for (fields/selector.ts
 * resolvePick), a click asks for confirmation, Esc cancels. Overlays are Shadow-DOM hosts
 * (<dafu-picker>); page text is shown with textContent only. Clicks never reach the page.
 */
import { browser } from 'wxt/browser';
import { labelsFor } from '../fields/labels';
import { buildSelectorPath, defaultFrameOf, resolvePick, type PickKey } from '../fields/selector';
import { PICK_END_MESSAGE, PICK_LABELS, PICK_MESSAGE } from '../pick';
import type { FieldOverride } from '../settings';
import { updateSettings } from '../store';

export interface PickResult { selector: string; label?: string }

const CSS_TEXT = `
:host { all: initial; }
* { box-sizing: border-box; }
.box { position: fixed; pointer-events: none; border: 2px solid #d93025; background: rgba(217,48,37,.08); border-radius: 3px; z-index: 2147483646; display: none; }
.box.chosen { border-style: solid; border-width: 3px; background: rgba(217,48,37,.12); }
.tag { position: absolute; left: -2px; bottom: 100%; margin-bottom: 2px; max-width: 420px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
  background: #d93025; color: #fff; padding: 1px 8px; border-radius: 3px; font: 12px/1.6 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
.box.low .tag { bottom: auto; top: 100%; margin: 2px 0 0; }
.bar, .dialog { position: fixed; z-index: 2147483647; font: 13px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #202124; }
.bar { top: 12px; left: 50%; transform: translateX(-50%); display: flex; gap: 10px; align-items: center; background: #1b5fa8; color: #fff;
  padding: 6px 8px 6px 14px; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.25); }
.dialog { top: 12px; left: 50%; transform: translateX(-50%); width: 460px; max-width: 92vw; background: #fff; border: 1px solid #c6d2e1;
  border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.25); padding: 12px 16px; }
.dialog h2 { font-size: 15px; margin: 0 0 6px; }
.dialog p { margin: 4px 0; }
.dialog code { display: block; background: #f1f3f4; padding: 4px 6px; border-radius: 4px; word-break: break-all; font: 12px/1.5 ui-monospace, monospace; }
.dialog .muted { color: #5f6368; font-size: 12px; }
.row { display: flex; gap: 8px; justify-content: flex-end; margin-top: 10px; }
button { all: unset; cursor: pointer; padding: 3px 14px; border-radius: 5px; border: 1px solid #1b5fa8; background: #fff; color: #1b5fa8; font: inherit; }
button.primary { background: #1b5fa8; color: #fff; }
.bar button { border-color: #fff; background: transparent; color: #fff; }
`;

interface Overlay { host: HTMLElement; shadow: ShadowRoot; box: HTMLElement; tag: HTMLElement }

function kindName(el: Element): string {
  const tag = el.tagName.toLowerCase();
  if (tag === 'iframe' || tag === 'frame') return '编辑器';
  if (tag === 'textarea') return '多行文本框';
  if (tag === 'select') return '下拉框';
  if (tag === 'input') return '输入框';
  return '可编辑区域';
}

/** The field's own label on the page (label/cell/framework), if it has one. */
export function fieldLabel(el: Element): string | undefined {
  const strong = labelsFor(el).find((h) => h.how !== 'placeholder' && h.how !== 'preceding' && h.how !== 'attribute');
  return strong?.text;
}

export class Picker {
  private readonly docs: Document[] = [];
  private readonly overlays = new Map<Document, Overlay>();
  private readonly cleanups: (() => void)[] = [];
  private ui: Overlay | null = null;
  private hovered: Element | null = null;
  private chosen: Element | null = null;
  private stopped = false;

  constructor(
    private readonly root: Document,
    private readonly key: PickKey,
    private readonly save: (r: PickResult) => Promise<void>,
    private readonly onEnd: (saved: boolean) => void = () => undefined,
  ) {}

  start(): void {
    this.cover(this.root);
    this.ui = this.overlay(this.root);
    this.showBar();
  }

  /** Removes every overlay and listener. */
  stop(saved = false): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const c of this.cleanups) c();
    for (const o of this.overlays.values()) o.host.remove();
    this.overlays.clear();
    this.onEnd(saved);
  }

  private cover(doc: Document): void {
    const win = doc.defaultView;
    if (!win || this.docs.includes(doc)) return;
    this.docs.push(doc);
    const swallow = (e: Event) => {
      if (this.isOurs(e)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    const handlers: [string, (e: Event) => void][] = [
      ['mousemove', (e) => { if (!this.isOurs(e)) this.hover(e.target as Element); }],
      ['click', (e) => { if (this.isOurs(e)) return; swallow(e); this.choose(e.target as Element); }],
      ['keydown', (e) => { if ((e as KeyboardEvent).key === 'Escape') { swallow(e); this.stop(); } }],
      ['scroll', () => this.redraw()],
      ...['mousedown', 'mouseup', 'pointerdown', 'pointerup', 'dblclick', 'auxclick', 'submit'].map((t) => [t, swallow] as [string, (e: Event) => void]),
    ];
    for (const [t, h] of handlers) win.addEventListener(t, h, true);
    this.cleanups.push(() => { for (const [t, h] of handlers) win.removeEventListener(t, h, true); });
    for (const f of Array.from(doc.querySelectorAll<HTMLIFrameElement>('iframe, frame'))) {
      let inner: Document | null = null;
      try { inner = f.contentDocument; } catch { inner = null; } // cross-origin: its own picker, if enabled there
      if (inner) this.cover(inner);
    }
  }

  private isOurs(e: Event): boolean {
    return e.composedPath().some((n) => (n as Element).tagName?.toLowerCase() === 'dafu-picker');
  }

  private overlay(doc: Document): Overlay {
    let o = this.overlays.get(doc);
    if (o) return o;
    const host = doc.createElement('dafu-picker');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = CSS_TEXT;
    const box = doc.createElement('div');
    box.className = 'box';
    const tag = doc.createElement('div');
    tag.className = 'tag';
    box.append(tag);
    shadow.append(style, box);
    doc.documentElement.append(host);
    o = { host, shadow, box, tag };
    this.overlays.set(doc, o);
    return o;
  }

  private hover(target: Element | null): void {
    if (this.chosen || !target || target.nodeType !== 1) return;
    const field = resolvePick(target, this.key);
    if (field === this.hovered) return;
    this.hovered = field;
    this.redraw();
  }

  private redraw(): void {
    const field = this.chosen ?? this.hovered;
    for (const [doc, o] of this.overlays) if (!field || field.ownerDocument !== doc) o.box.style.display = 'none';
    if (!field || !field.isConnected) return;
    const o = this.overlay(field.ownerDocument);
    const r = field.getBoundingClientRect();
    Object.assign(o.box.style, { display: 'block', left: `${r.left - 2}px`, top: `${r.top - 2}px`, width: `${r.width + 4}px`, height: `${r.height + 4}px` });
    o.box.classList.toggle('chosen', !!this.chosen);
    o.box.classList.toggle('low', r.top < 28);
    const label = fieldLabel(field);
    o.tag.textContent = `${kindName(field)}${label ? `「${label}」` : ''}${this.chosen ? '' : ' · 单击选取'}`;
  }

  private showBar(): void {
    const ui = this.ui!;
    const doc = this.root;
    ui.shadow.querySelector('.bar, .dialog')?.remove();
    const bar = doc.createElement('div');
    bar.className = 'bar';
    bar.setAttribute('role', 'status');
    const text = doc.createElement('span');
    text.textContent = `请单击页面上的“${PICK_LABELS[this.key]}”输入框。按 Esc 取消。`;
    const cancel = doc.createElement('button');
    cancel.className = 'cancel';
    cancel.textContent = '取消';
    cancel.addEventListener('click', () => this.stop());
    bar.append(text, cancel);
    ui.shadow.append(bar);
  }

  private choose(target: Element): void {
    if (this.chosen) return;
    const field = resolvePick(target, this.key);
    if (!field) return;
    this.chosen = field;
    this.redraw();
    const selector = buildSelectorPath(field, defaultFrameOf);
    const label = fieldLabel(field);
    const doc = this.root;
    const ui = this.ui!;
    ui.shadow.querySelector('.bar, .dialog')?.remove();
    const dlg = doc.createElement('div');
    dlg.className = 'dialog';
    dlg.setAttribute('role', 'dialog');
    const h = doc.createElement('h2');
    h.textContent = `把这里设为本网站的“${PICK_LABELS[this.key]}”？`;
    const what = doc.createElement('p');
    what.textContent = `选中的是：${kindName(field)}${label ? `「${label}」` : '（没有标签文字）'}。保存后，在本网站打开页面时都会检查这个位置。`;
    const code = doc.createElement('code');
    code.textContent = selector;
    const note = doc.createElement('p');
    note.className = 'muted';
    note.textContent = '上面是它的 CSS 选择器，可在设置页的“字段设置”里查看和修改。';
    const row = doc.createElement('div');
    row.className = 'row';
    const mk = (text: string, cls: string, fn: () => void) => {
      const b = doc.createElement('button');
      b.textContent = text;
      b.className = cls;
      b.addEventListener('click', fn);
      row.append(b);
    };
    mk('重新选取', 'again', () => { this.chosen = null; this.hovered = null; this.redraw(); this.showBar(); });
    mk('取消', 'cancel', () => this.stop());
    mk('保存', 'primary save', () => {
      void this.save({ selector, label }).then(() => this.stop(true), (e) => { note.textContent = `保存失败：${e instanceof Error ? e.message : String(e)}`; });
    });
    dlg.append(h, what, code, note, row);
    ui.shadow.append(dlg);
  }
}

/** Stores a picked selector as the site's override for `key` (keeps the other fields). */
export async function savePick(origin: string, key: PickKey, r: PickResult): Promise<void> {
  await updateSettings((s) => {
    const site = s.sites.find((x) => x.origin === origin);
    if (!site) throw new Error('此网站未启用');
    const fields = (site.fields ??= {}) as Record<string, FieldOverride>;
    fields[key] = { ...fields[key], selector: r.selector, ...(r.label ? { label: r.label } : {}) };
  });
}

interface PickMessage { type: string; key?: PickKey }

/**
 * Listens for the popup/options "选取" request in the highest same-origin frame of an enabled
 * site. Returns the function that stops listening (and any running picker).
 */
export function listenForPicker(doc: Document, origin: string): () => void {
  let picker: Picker | null = null;
  const end = () => { const p = picker; picker = null; p?.stop(); };
  const onMessage = (msg: unknown, _sender: unknown, sendResponse: (r: unknown) => void): undefined => {
    const m = msg as PickMessage | null;
    if (m?.type === PICK_END_MESSAGE) { end(); return; }
    if (m?.type !== PICK_MESSAGE || defaultFrameOf(doc)) return;
    const key: PickKey = m.key && m.key in PICK_LABELS ? m.key : 'replyBody';
    end();
    const p = new Picker(doc, key, (r) => savePick(origin, key, r), () => {
      if (picker !== p) return;
      picker = null;
      // pickers in this tab's other (cross-origin) frames of the site end too
      void browser.runtime.sendMessage({ type: PICK_END_MESSAGE }).catch(() => undefined);
    });
    picker = p;
    p.start();
    sendResponse({ started: true });
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => {
    browser.runtime.onMessage.removeListener(onMessage);
    end();
  };
}
