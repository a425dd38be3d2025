/**
 * One controller per frame document: finds the reply fields, checks the text (debounced,
 * paused during IME composition), paints hints, applies safe fixes through the editor's own
 * input path, checks uploaded .docx letters and gates submit clicks.
 */
import { outlineFor, runCheck, type CaseContextInput, type CheckResult, type Finding } from '../checker';
import { describeContext, readCaseContext } from '../fields/context';
import { buttonFromEvent, findFields, isSubmitButton } from '../fields/finder';
import { buttonLabel } from '../fields/normalize';
import type { EditableTarget, FoundFields } from '../fields/types';
import { checkerConfigFor, type IgnoredFinding, type Settings, type SiteSettings } from '../settings';
import { extractText, rangeFor, type TextMap } from '../text';
import { HighlightPainter, type Mark } from '../ui/highlights';
import { TextareaMirror } from '../ui/mirror';
import { Panel, shouldUnderline, type DocResult, type SourceChoice } from '../ui/panel';
import { readPageSuggestion } from '../fields/record';
import { candidateKey, describeWhere, matchesCase, type SuggestionCandidate } from '../suggest';
import { frameSuggestions, mergeCandidates, otherTabSuggestions } from './sources';

const RESCAN_DELAY = 300;

/** Drafts up to this many characters are re-checked at once after an edit (a re-check takes ~1 ms). */
const SHORT_DRAFT = 2000;
/** Longer ones wait for a pause in typing: 1 ms per 80 characters past SHORT_DRAFT, at most 400 ms. */
const CHARS_PER_MS = 80;
const MAX_CHECK_DELAY = 400;

/**
 * How long to wait after an edit before re-checking a draft of `chars` characters: none for a
 * short draft, so the underlines follow the typing; for a long one a pause that grows with its
 * length (100 ms at 10,000 characters), so fast typing is not slowed by a re-check per key.
 */
export function checkDelay(chars: number): number {
  return chars <= SHORT_DRAFT ? 0 : Math.min(MAX_CHECK_DELAY, Math.round((chars - SHORT_DRAFT) / CHARS_PER_MS));
}
const MAX_DOCX_BYTES = 20 * 1024 * 1024;
/** other frames change without a mutation here: their suggestion is re-read every few polls */
const FRAME_POLLS = 3;
const TAB_REQUERY_MS = 3000;

export interface ControllerDeps {
  settings: Settings;
  origin: string;
  /** persist an ignored finding */
  addIgnored(g: IgnoredFinding): Promise<void>;
}

/**
 * The latest re-check's durations as User Timing entries of the page: dafu:check (the checker
 * alone) and dafu:recheck (reading the field, checking, the panel and the underlines; the
 * textarea mirror's layout and scroll sync come with the next frame). Only the latest of each is
 * kept; test/bench/latency.mjs collects them with a PerformanceObserver.
 */
function timed(started: number, checking: number, checked: number): void {
  try {
    performance.clearMeasures('dafu:check');
    performance.clearMeasures('dafu:recheck');
    performance.measure('dafu:check', { start: checking, end: checked });
    performance.measure('dafu:recheck', { start: started, end: performance.now() });
  } catch { /* no User Timing: nothing to record */ }
}

function isOurs(el: Element): boolean {
  return !!el.closest?.('dafu-panel, dafu-mirror');
}

function isTextarea(t: EditableTarget): t is EditableTarget & { editable: HTMLTextAreaElement } {
  return t.editable.tagName.toLowerCase() === 'textarea' || t.editable.tagName.toLowerCase() === 'input';
}

export class Controller {
  private settings: Settings;
  private site: SiteSettings | undefined;
  private found: FoundFields | null = null;
  private target: EditableTarget | null = null;
  private unbind: (() => void) | null = null;
  private painter: HighlightPainter | null = null;
  private mirror: TextareaMirror | null = null;
  private panel: Panel | null = null;
  private map: TextMap | null = null;
  private lastText: string | null = null;
  private lastKey = '';
  private result: CheckResult & { error?: string } | null = null;
  private findings: Finding[] = [];
  private context: CaseContextInput = {};
  private docs: DocResult[] = [];
  private active: string | null = null;
  private composing = false;
  private bypassGate = false;
  private checkTimer = 0;
  private rescanTimer = 0;
  private pollTimer = 0;
  private observer: MutationObserver | null = null;
  /** the suggestion as this page, its frames and other tabs of the site show it */
  private ownSource: SuggestionCandidate | null = null;
  private pageSources: SuggestionCandidate[] = [];
  private tabSources: SuggestionCandidate[] = [];
  /** the user's pick (a candidate key), null when they chose none, undefined: the nearest one */
  private sourceChoice: string | null | undefined;
  private polls = 0;
  private tabQuery = 0;
  private tabQueryAt = -Infinity;
  private destroyed = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(readonly doc: Document, private readonly deps: ControllerDeps) {
    this.settings = deps.settings;
    this.site = this.settings.sites.find((s) => s.origin === deps.origin);
  }

  get win(): Window {
    return this.doc.defaultView!;
  }

  start(): void {
    const win = this.win;
    const ours = (n: Node) => n.nodeType === 1 && isOurs(n as Element);
    this.observer = new MutationObserver((records) => {
      const editable = this.target?.editable;
      const relevant = records.some((r) => {
        if (ours(r.target)) return false;
        if (editable && editable.ownerDocument === this.doc && editable.contains(r.target)) return false; // typing
        if (r.type !== 'childList') return true;
        const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)];
        return !nodes.length || !nodes.every(ours);
      });
      if (relevant) this.scheduleRescan();
    });
    this.observer.observe(this.doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden', 'open'] });
    const onHash = () => this.scheduleRescan();
    win.addEventListener('hashchange', onHash);
    win.addEventListener('popstate', onHash);
    const onClick = (e: Event) => this.onClickCapture(e as MouseEvent);
    const onSubmit = (e: Event) => this.onSubmitCapture(e as SubmitEvent);
    const onChange = (e: Event) => this.onChangeCapture(e);
    win.addEventListener('click', onClick, true);
    win.addEventListener('submit', onSubmit, true);
    win.addEventListener('change', onChange, true);
    // back from the 原件 tab: what it shows may have changed
    const onBack = () => {
      // focus also comes back from the editor's iframe: ask the other tabs at most every few seconds
      if (this.doc.visibilityState === 'hidden' || performance.now() - this.tabQueryAt < TAB_REQUERY_MS) return;
      this.refreshTabSources();
    };
    win.addEventListener('focus', onBack);
    this.doc.addEventListener('visibilitychange', onBack);
    this.cleanups.push(() => {
      win.removeEventListener('focus', onBack);
      this.doc.removeEventListener('visibilitychange', onBack);
      win.removeEventListener('hashchange', onHash);
      win.removeEventListener('popstate', onHash);
      win.removeEventListener('click', onClick, true);
      win.removeEventListener('submit', onSubmit, true);
      win.removeEventListener('change', onChange, true);
    });
    // late editors (iframes written by script) are not visible to the MutationObserver
    this.pollTimer = win.setInterval(() => this.poll(), 1000);
    this.rescan();
  }

  updateSettings(s: Settings): void {
    this.settings = s;
    this.site = s.sites.find((x) => x.origin === this.deps.origin);
    this.lastKey = '';
    this.rescan();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    const win = this.win;
    win.clearTimeout(this.checkTimer);
    win.clearTimeout(this.rescanTimer);
    win.clearInterval(this.pollTimer);
    this.observer?.disconnect();
    for (const c of this.cleanups) c();
    this.unbindTarget();
    this.panel?.destroy();
    this.panel = null;
  }

  // ------------------------------------------------------------------ discovery

  private scheduleRescan(): void {
    if (this.destroyed) return;
    this.win.clearTimeout(this.rescanTimer);
    this.rescanTimer = this.win.setTimeout(() => this.rescan(), RESCAN_DELAY);
  }

  private poll(): void {
    const t = this.target;
    if (!t) { this.rescan(); return; }
    if (++this.polls % FRAME_POLLS === 0 && this.refreshPageSources(true)) this.checkNow();
    // editor iframe replaced or rewritten (fullscreen/source toggles, dialog re-open)
    const stale = !t.editable.isConnected || (t.frame && (!t.frame.isConnected || t.frame.contentDocument !== t.doc || t.doc.body !== t.editable));
    if (stale) this.rescan();
  }

  rescan(): void {
    if (this.destroyed) return;
    let found: FoundFields;
    try {
      found = findFields(this.doc, { site: this.site?.fields, ignore: isOurs });
    } catch (e) {
      console.warn('[dafu] 字段识别出错', e);
      return;
    }
    this.found = found;
    const t = found.body?.target ?? null;
    if (!t) {
      if (this.target) this.unbindTarget();
      this.lastText = null;
      this.result = null;
      this.findings = [];
      if (this.docs.length) this.render(); else this.panel?.hide();
      return;
    }
    const fresh = !this.target || this.target.editable !== t.editable;
    if (fresh) {
      this.unbindTarget();
      this.bindTarget(t);
      this.lastKey = '';
    }
    this.refreshPageSources();
    if (fresh) this.refreshTabSources();
    this.checkNow();
  }

  // ------------------------------------------------------------------ the suggestion

  /**
   * Re-reads the suggestion this page (unless `framesOnly`: the page's own changes come with a
   * rescan) and its same-origin frames show; true when it changed.
   */
  private refreshPageSources(framesOnly = false): boolean {
    let own = framesOnly ? this.ownSource : null;
    if (!framesOnly) {
      try {
        const s = readPageSuggestion(this.doc);
        const cell = this.found?.values.caseContent;
        if (s) own = { where: 'page', text: s.text, label: s.label, ...(s.title ? { title: s.title } : {}) };
        else if (cell && cell.text.length >= 10) own = { where: 'page', text: cell.text, label: cell.label };
      } catch (e) {
        console.warn('[dafu] 读取建议原文出错', e);
      }
      this.ownSource = own;
    }
    let frames: SuggestionCandidate[] = [];
    try { frames = frameSuggestions(this.doc); } catch { /* a frame went away while reading */ }
    const next = mergeCandidates(own ? [own] : [], frames);
    const changed = JSON.stringify(next) !== JSON.stringify(this.pageSources);
    this.pageSources = next;
    return changed;
  }

  /** Asks the other tabs of the site (through the background); re-checks when the answer changes. */
  refreshTabSources(): void {
    if (this.destroyed || !this.target) return;
    const query = ++this.tabQuery;
    this.tabQueryAt = performance.now();
    void otherTabSuggestions().then((list) => {
      if (this.destroyed || query !== this.tabQuery) return;
      if (JSON.stringify(list) === JSON.stringify(this.tabSources)) return;
      this.tabSources = list;
      this.checkNow();
    });
  }

  /** Every place that shows a suggestion; in frames and other tabs only what can be this form's case. */
  private candidates(form: CaseContextInput = this.context): SuggestionCandidate[] {
    return mergeCandidates(this.pageSources, this.tabSources).filter((c) => c.where === 'page' || matchesCase(c, form));
  }

  /** The suggestion the check uses: the user's pick, else the nearest place that shows one. */
  private chosenSource(form: CaseContextInput = this.context): SuggestionCandidate | null {
    if (this.sourceChoice === null) return null;
    const all = this.candidates(form);
    return all.find((c) => candidateKey(c) === this.sourceChoice) ?? all[0] ?? null;
  }

  /** Picks a candidate by its key, or none (null). */
  chooseSource(key: string | null): void {
    this.sourceChoice = key;
    this.lastKey = '';
    this.checkNow(true);
  }

  /** The case as the form states it, with the chosen suggestion's text. */
  private caseContext(): CaseContextInput {
    if (!this.found) return {};
    const { context } = readCaseContext(this.doc, this.found);
    const source = this.chosenSource(context);
    if (source) context.suggestion = source.text;
    else delete context.suggestion;
    return context;
  }

  private sourceState(): SourceChoice | undefined {
    const all = this.candidates();
    if (!all.length) return undefined;
    const chosen = this.chosenSource();
    return {
      options: all.map((c) => ({ key: candidateKey(c), label: describeWhere(c), hint: c.text.slice(0, 120) })),
      chosen: chosen ? candidateKey(chosen) : null,
    };
  }

  private bindTarget(t: EditableTarget): void {
    this.target = t;
    const doc = t.doc;
    const onInput = () => { if (!this.composing) this.scheduleCheck(); };
    const onCompStart = () => { this.composing = true; };
    const onCompEnd = () => { this.composing = false; this.scheduleCheck(); };
    const evTarget: EventTarget = isTextarea(t) ? t.editable : doc;
    const events: [string, EventListener][] = [
      ['input', onInput], ['keyup', onInput], ['paste', onInput], ['cut', onInput],
      ['compositionstart', onCompStart], ['compositionend', onCompEnd],
    ];
    for (const [n, f] of events) evTarget.addEventListener(n, f, true);
    let mo: MutationObserver | null = null;
    if (!isTextarea(t)) {
      // programmatic changes (page scripts calling setContent) fire no input event
      mo = new MutationObserver(() => { if (!this.composing) this.scheduleCheck(); });
      mo.observe(t.editable, { childList: true, subtree: true, characterData: true });
      this.painter = new HighlightPainter(doc);
    } else {
      this.mirror = new TextareaMirror(t.editable as HTMLTextAreaElement);
    }
    const onLoad = () => this.scheduleRescan();
    t.frame?.addEventListener('load', onLoad);
    this.unbind = () => {
      for (const [n, f] of events) evTarget.removeEventListener(n, f, true);
      mo?.disconnect();
      t.frame?.removeEventListener('load', onLoad);
    };
  }

  private unbindTarget(): void {
    this.unbind?.();
    this.unbind = null;
    this.painter?.destroy();
    this.painter = null;
    this.mirror?.destroy();
    this.mirror = null;
    this.target = null;
    this.map = null;
    this.composing = false;
  }

  // ------------------------------------------------------------------ checking

  private scheduleCheck(): void {
    if (this.destroyed) return;
    this.win.clearTimeout(this.checkTimer);
    // (the length of the text last checked: the field is not read again on every key)
    this.checkTimer = this.win.setTimeout(() => this.checkNow(), checkDelay(this.lastText?.length ?? 0));
  }

  private readText(): string {
    const t = this.target!;
    if (isTextarea(t)) {
      this.map = null;
      return (t.editable as HTMLTextAreaElement).value;
    }
    this.map = extractText(t.editable);
    return this.map.text;
  }

  /** Synchronous check of the current text (no-op if nothing changed). */
  checkNow(force = false): void {
    this.win.clearTimeout(this.checkTimer);
    if (!this.target || !this.found || this.destroyed) return;
    if (this.composing && !force) return;
    const started = performance.now();
    const text = this.readText();
    const context = this.caseContext();
    this.context = context;
    const key = JSON.stringify([text, context]);
    if (!force && key === this.lastKey) { this.paint(); return; }
    this.lastKey = key;
    this.lastText = text;
    const checking = performance.now();
    this.result = text.trim()
      ? runCheck({ text, format: 'dom', context, mode: 'system-form' }, checkerConfigFor(this.settings))
      : null;
    const checked = performance.now();
    this.findings = this.filter(this.result?.messages ?? []);
    if (this.active && !this.findings.some((f) => f.fingerprint === this.active)) this.active = null;
    this.render();
    if (this.result) timed(started, checking, checked);
  }

  private ignoredSet(): Set<string> {
    return new Set(this.settings.ignored.filter((g) => g.origin === this.deps.origin).map((g) => g.fingerprint));
  }

  private filter(messages: Finding[]): Finding[] {
    const ignored = this.ignoredSet();
    return messages
      .filter((m) => !ignored.has(m.fingerprint))
      .sort((a, b) => a.start - b.start || a.end - b.end);
  }

  private ignoredCount(): number {
    const ignored = this.ignoredSet();
    const all = [...(this.result?.messages ?? []), ...this.docs.flatMap((d) => d.findings)];
    return all.filter((m) => ignored.has(m.fingerprint)).length;
  }

  private render(): void {
    if (this.destroyed) return;
    if (!this.target && !this.docs.length) { this.panel?.hide(); return; }
    this.panel ??= new Panel(this.doc, {
      locate: (f) => this.locate(f),
      fix: (f) => this.applyFix(f),
      ignore: (f, docName) => { void this.ignore(f, docName); },
      recheck: () => { this.lastKey = ''; this.rescan(); this.refreshTabSources(); },
      outline: () => { this.insertOutline(); },
      chooseSource: (key) => { this.chooseSource(key); },
    });
    const empty = this.target && !this.lastText?.trim();
    this.panel.render({
      contextLine: [describeContext(this.context), this.found?.body?.label ? `字段：${this.found.body.label}` : ''].filter(Boolean).join(' · '),
      status: empty ? '答复正文为空，输入后自动检查' : undefined,
      body: this.target ? { result: this.result, findings: this.findings, error: this.result?.error } : null,
      docs: this.docs.map((d) => ({ ...d, findings: this.filter(d.findings) })),
      ignoredCount: this.ignoredCount(),
      activeFingerprint: this.active,
      underlined: new Set(this.findings.filter((f) => this.lastText !== null && shouldUnderline(this.lastText, f)).map((f) => f.fingerprint)),
      outline: !!(empty && this.context.suggestion),
      source: this.sourceState(),
    });
    this.paint();
  }

  private paint(): void {
    const t = this.target;
    if (!t) return;
    const show = this.settings.underline;
    const text = this.lastText ?? '';
    const under = (f: Finding) => shouldUnderline(text, f);
    const marked = this.findings.filter((f) => under(f) || f.fingerprint === this.active);
    if (isTextarea(t)) {
      this.mirror?.update(text, show ? marked.map((f) => ({ start: f.start, end: f.end, severity: f.severity, active: f.fingerprint === this.active, underline: under(f) })) : []);
      return;
    }
    if (!this.painter || !this.map) return;
    if (!show) { this.painter.clear(); return; }
    const marks: Mark[] = [];
    let active: Range | null = null;
    for (const f of marked) {
      const r = rangeFor(this.map, t.doc, f.start, f.end);
      if (!r) continue;
      if (f.fingerprint === this.active) active = r;
      if (under(f)) marks.push({ range: r, severity: f.severity });
    }
    this.painter.paint(marks, active);
  }

  // ------------------------------------------------------------------ actions

  /** Selects the finding's text in the editor. */
  locate(f: Finding): void {
    const t = this.target;
    if (!t) return;
    this.active = f.fingerprint;
    if (isTextarea(t)) {
      const ta = t.editable as HTMLTextAreaElement;
      ta.focus();
      ta.setSelectionRange(f.start, f.end);
      // scroll the selection into view: approximate by line
      const before = ta.value.slice(0, f.start).split('\n').length - 1;
      const lh = parseFloat(this.win.getComputedStyle(ta).lineHeight) || 20;
      ta.scrollTop = Math.max(0, before * lh - ta.clientHeight / 2);
    } else {
      this.readText();
      const r = this.map && rangeFor(this.map, t.doc, f.start, f.end);
      if (r) {
        t.frame?.scrollIntoView({ block: 'nearest' });
        try { t.frame?.contentWindow?.focus(); } catch { /* ignore */ }
        t.editable.focus({ preventScroll: true });
        const sel = t.doc.getSelection();
        sel?.removeAllRanges();
        sel?.addRange(r);
        (r.startContainer.parentElement as HTMLElement | null)?.scrollIntoView({ block: 'center' });
      }
    }
    this.render();
  }

  /** Applies a safe fix through the editor's own input path; the page sees an input event. */
  applyFix(f: Finding): boolean {
    const t = this.target;
    const fix = f.fix;
    if (!t || !fix) return false;
    const before = this.readText();
    if (this.lastText === null || before.slice(fix.start, fix.end) !== this.lastText.slice(fix.start, fix.end)) {
      this.lastKey = '';
      this.checkNow(true);
      return false;
    }
    let ok = false;
    if (isTextarea(t)) {
      const ta = t.editable as HTMLTextAreaElement;
      const expected = before.slice(0, fix.start) + fix.text + before.slice(fix.end);
      ta.focus();
      ta.setSelectionRange(fix.start, fix.end);
      try {
        ok = fix.text ? t.doc.execCommand('insertText', false, fix.text) : t.doc.execCommand('delete');
      } catch { ok = false; }
      if (!ok || ta.value !== expected) {
        ta.value = before; // undo a partial change, then the standard path
        ta.setRangeText(fix.text, fix.start, fix.end, 'end');
        ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: fix.text }));
        ok = ta.value === expected;
      }
    } else {
      const r = this.map && rangeFor(this.map, t.doc, fix.start, fix.end);
      if (!r) return false;
      try { t.frame?.contentWindow?.focus(); } catch { /* ignore */ }
      t.editable.focus({ preventScroll: true });
      const sel = t.doc.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(r);
      try {
        ok = fix.text ? t.doc.execCommand('insertText', false, fix.text) : t.doc.execCommand('delete');
      } catch { ok = false; }
      if (!ok) {
        r.deleteContents();
        if (fix.text) r.insertNode(t.doc.createTextNode(fix.text));
        t.editable.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: fix.text }));
        ok = true;
      }
    }
    this.active = null;
    this.lastKey = '';
    this.checkNow(true);
    return ok;
  }

  /**
   * Inserts the 答复提纲 (from the suggestion the page shows) into the reply field, only while the
   * field is empty, through the editor's own input path like a fix: the page sees an input event
   * and Ctrl+Z takes it back. Text already in the field is never replaced.
   */
  insertOutline(): boolean {
    const t = this.target;
    const suggestion = this.context.suggestion;
    if (!t || !suggestion || this.readText().trim()) { this.lastKey = ''; this.checkNow(true); return false; }
    const text = outlineFor(suggestion, this.context);
    let ok = false;
    if (isTextarea(t)) {
      const ta = t.editable as HTMLTextAreaElement;
      ta.focus();
      ta.setSelectionRange(0, ta.value.length); // blank: at most spaces and line breaks
      try { ok = t.doc.execCommand('insertText', false, text); } catch { ok = false; }
      if (!ok || ta.value !== text) {
        ta.value = '';
        ta.setRangeText(text, 0, 0, 'end');
        ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
        ok = ta.value === text;
      }
    } else {
      try { t.frame?.contentWindow?.focus(); } catch { /* ignore */ }
      t.editable.focus({ preventScroll: true });
      const r = t.doc.createRange();
      r.selectNodeContents(t.editable); // an empty paragraph at most
      const sel = t.doc.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(r);
      try { ok = t.doc.execCommand('insertText', false, text); } catch { ok = false; }
      if (!ok) {
        t.editable.replaceChildren(...text.split('\n').map((line) => { const p = t.doc.createElement('p'); p.textContent = line; return p; }));
        t.editable.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
        ok = true;
      }
    }
    this.lastKey = '';
    this.checkNow(true);
    return ok;
  }

  private async ignore(f: Finding, docName?: string): Promise<void> {
    const g: IgnoredFinding = {
      origin: this.deps.origin, fingerprint: f.fingerprint, ruleId: f.ruleId, excerpt: f.excerpt.slice(0, 80),
      message: docName ? `［${docName}］${f.message}` : f.message, at: new Date().toISOString(),
    };
    this.settings = { ...this.settings, ignored: [...this.settings.ignored, g] };
    this.lastKey = '';
    this.checkNow(true);
    if (!this.target) this.render();
    await this.deps.addIgnored(g);
  }

  // ------------------------------------------------------------------ upload

  private onChangeCapture(e: Event): void {
    const input = e.target as HTMLInputElement | null;
    if (!input || input.tagName !== 'INPUT' || (input.type || '').toLowerCase() !== 'file') return;
    const files = Array.from(input.files ?? []);
    if (!files.length) return;
    // the page may clear the input right away (AJAX upload): the File objects stay valid
    for (const file of files) void this.checkFile(file);
  }

  async checkFile(file: File): Promise<void> {
    const name = file.name;
    const lower = name.toLowerCase();
    const entry: DocResult = { name, findings: [] };
    if (!lower.endsWith('.docx')) {
      if (!/\.(doc|wps|pdf|ofd)$/.test(lower)) return;
      entry.note = '只能检查 .docx 格式的答复函；.doc/.wps 请另存为 .docx 后再检查。';
    } else if (file.size > MAX_DOCX_BYTES) {
      entry.error = '文件超过 20 MB，未检查。';
    } else {
      try {
        // copy into the content script's own buffer: in Firefox the page's File gives a page-owned
        // ArrayBuffer, and views of it refuse the checker's typed-array methods ("Permission denied")
        const buf = await file.arrayBuffer();
        const bytes = new Uint8Array(buf.byteLength);
        bytes.set(new Uint8Array(buf));
        this.refreshPageSources();
        const context = this.caseContext();
        const r = runCheck({ bytes, format: 'docx', name, context, mode: 'letter' }, checkerConfigFor(this.settings));
        if (r.error) entry.error = `无法读取该文件：${r.error}`;
        entry.findings = r.messages;
        if (r.annotate) entry.annotate = r.annotate;
        entry.risk = r.risk;
        entry.score = r.score;
      } catch (err) {
        entry.error = `无法读取该文件：${err instanceof Error ? err.message : String(err)}`;
      }
    }
    this.docs = [...this.docs.filter((d) => d.name !== name), entry];
    this.render();
  }

  // ------------------------------------------------------------------ submit gate

  private gateErrors(): { f: Finding; doc?: string }[] {
    const body = this.findings.filter((f) => f.severity === 'error').map((f) => ({ f }));
    const docs = this.docs.flatMap((d) => this.filter(d.findings).filter((f) => f.severity === 'error').map((f) => ({ f, doc: d.name })));
    return [...body, ...docs];
  }

  private gateApplies(btn: HTMLElement): boolean {
    if (this.bypassGate || !this.settings.submitGate) return false;
    if (!isSubmitButton(btn, this.site?.fields)) return false;
    if (!this.target && !this.docs.length) return false;
    // the button must belong to the reply form: same <form>, or no form around either
    const form = this.target?.container.closest('form');
    const bform = btn.closest('form');
    if (form && bform && form !== bform) return false;
    return true;
  }

  private onClickCapture(e: MouseEvent): void {
    if (this.destroyed || this.bypassGate) return;
    const btn = buttonFromEvent(e.target);
    if (!btn || isOurs(btn) || !this.gateApplies(btn)) return;
    this.checkNow(true);
    const errors = this.gateErrors();
    if (!errors.length) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    void this.panel?.confirmSubmit(errors, buttonLabel(btn)).then((r) => {
      if (r === 'continue') {
        this.bypassGate = true;
        try { btn.click(); } finally { this.bypassGate = false; }
      } else {
        const first = errors.find((x) => !x.doc);
        if (first) this.locate(first.f);
      }
    });
  }

  private onSubmitCapture(e: SubmitEvent): void {
    if (this.destroyed || this.bypassGate || !this.settings.submitGate || !this.target) return;
    const form = e.target as HTMLFormElement;
    if (!form.contains(this.target.container)) return;
    // submits triggered by a gated button were already confirmed
    const submitter = e.submitter as HTMLElement | null;
    if (submitter && isSubmitButton(submitter, this.site?.fields)) return;
    this.checkNow(true);
    const errors = this.gateErrors();
    if (!errors.length) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    void this.panel?.confirmSubmit(errors, '提交').then((r) => {
      if (r === 'continue') {
        this.bypassGate = true;
        try { form.requestSubmit(submitter ?? undefined); } finally { this.bypassGate = false; }
      }
    });
  }
}
