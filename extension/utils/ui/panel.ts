/**
 * The in-page panel: a Shadow-DOM box listing the findings by category with count badges,
 * plus the submit-gate dialog. All page-derived text is set with textContent, never innerHTML.
 */
import { syncChildren } from './dom';
import { annotatedName, DOCX_TYPE, saveFile } from './save';
import { CATEGORY_LABELS, SEVERITY_LABELS, type Category, type CheckResult, type CoverageRow, type Finding } from '../checker';

export interface DocResult { name: string; findings: Finding[]; risk?: CheckResult['risk']; score?: number | null; error?: string; note?: string; annotate?: () => Uint8Array }

/**
 * Whole-document remarks (no contact record, no substance …) are anchored on a whole paragraph
 * (title, salutation or first paragraph); underlining that paragraph would say nothing, so such
 * findings, and very long spans, are listed and selectable but not underlined.
 */
export function shouldUnderline(text: string, f: { start: number; end: number }): boolean {
  const len = f.end - f.start;
  if (len <= 0) return false;
  if (len > 80) return false;
  const wholeParagraph = (f.start === 0 || text[f.start - 1] === '\n') && (f.end >= text.length || text[f.end] === '\n');
  return !(wholeParagraph && len >= 6);
}

/** Where the suggestion's text may come from, and which the check uses (null: none). */
export interface SourceChoice {
  options: { key: string; label: string; hint: string }[];
  chosen: string | null;
}

export interface PanelState {
  contextLine: string;
  status?: string;
  body: { result: CheckResult | null; findings: Finding[]; error?: string } | null;
  docs: DocResult[];
  ignoredCount: number;
  activeFingerprint?: string | null;
  /** fingerprints of the body findings that are underlined in the editor */
  underlined?: Set<string>;
  /** the page shows the suggestion and the reply field is empty: offer 生成答复提纲 */
  outline?: boolean;
  /** the suggestion's text was found on the page, in a frame or in another tab */
  source?: SourceChoice;
}

export interface PanelHandlers {
  locate(f: Finding): void;
  fix(f: Finding): void;
  ignore(f: Finding, docName?: string): void;
  recheck(): void;
  /** insert the 答复提纲 into the empty reply field */
  outline(): void;
  /** use this candidate's text as the suggestion (null: none) */
  chooseSource(key: string | null): void;
}

const RISK_LABEL = { high: '高风险', medium: '中风险', low: '低风险' } as const;
const STATUS_TEXT: Record<CoverageRow['status'], string> = { answered: '已答复', weak: '答复笼统', missing: '未答复' };
const STANCE_TEXT: Record<string, string> = { adopted: '采纳', partly: '部分采纳', declined: '暂不能办', done: '已落实', planned: '列入计划', reasons: '仅说明情况' };
const NO_SOURCE = '';

const CSS_TEXT = `
:host { all: initial; }
* { box-sizing: border-box; }
.panel { position: fixed; right: 16px; bottom: 16px; width: 380px; max-height: 70vh; display: flex; flex-direction: column;
  background: #fff; color: #202124; border: 1px solid #c6d2e1; border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.18);
  font: 13px/1.55 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Zen Hei", sans-serif; z-index: 2147483646; }
.panel.collapsed .body, .panel.collapsed .tabs { display: none; }
.head { display: flex; align-items: center; gap: 8px; padding: 8px 10px; background: #1b5fa8; color: #fff; border-radius: 9px 9px 0 0; cursor: default; }
.panel.collapsed .head { border-radius: 9px; }
.title { font-weight: 600; flex: 1; }
.badge { display: inline-block; min-width: 18px; padding: 0 6px; border-radius: 9px; font-size: 12px; text-align: center; background: #e8eef6; color: #1b5fa8; }
.head .badge.error { background: #fde7e5; color: #b3261e; }
.head button { all: unset; cursor: pointer; padding: 0 4px; font-size: 14px; }
.ctx { padding: 4px 10px; color: #5f6368; font-size: 12px; border-bottom: 1px solid #eef1f5; }
.tabs { display: flex; flex-wrap: wrap; gap: 4px; padding: 6px 10px; border-bottom: 1px solid #eef1f5; }
.tab { all: unset; cursor: pointer; padding: 1px 8px; border-radius: 12px; border: 1px solid #d5deea; font-size: 12px; }
.tab[aria-selected="true"] { background: #1b5fa8; color: #fff; border-color: #1b5fa8; }
.tab .n { margin-left: 4px; font-weight: 600; }
.body { overflow: auto; padding: 4px 0; }
.section { padding: 4px 10px; font-weight: 600; color: #3c4043; }
.section button.download { all: unset; cursor: pointer; margin-left: 6px; font-size: 12px; font-weight: 400; color: #1b5fa8; }
.empty { padding: 10px; color: #188038; }
.status { padding: 6px 10px; color: #5f6368; }
.finding { padding: 6px 10px; border-left: 3px solid transparent; cursor: pointer; }
.finding:hover { background: #f5f8fc; }
.finding.active { background: #fff8d6; }
.finding.error { border-left-color: #d93025; }
.finding.warning { border-left-color: #e37400; }
.finding.info { border-left-color: #1a73e8; }
.sev { font-size: 11px; padding: 0 5px; border-radius: 3px; margin-right: 6px; }
.sev.error { background: #fde7e5; color: #b3261e; } .sev.warning { background: #fef0d9; color: #8a4b00; } .sev.info { background: #e3eefd; color: #174ea6; }
.cat { font-size: 11px; color: #5f6368; margin-right: 6px; }
.msg { font-weight: 500; }
.excerpt { color: #5f6368; margin-top: 2px; }
.excerpt q { color: #202124; background: #f1f3f4; padding: 0 2px; }
.note, .sugg { font-size: 12px; margin-top: 2px; }
.note { color: #5f6368; } .sugg { color: #137333; }
.actions { margin-top: 4px; display: flex; gap: 6px; flex-wrap: wrap; }
.actions button { all: unset; cursor: pointer; font-size: 12px; padding: 1px 8px; border: 1px solid #c6d2e1; border-radius: 4px; background: #fff; }
.actions button.fix { border-color: #188038; color: #137333; }
.actions button:hover { background: #eef3fa; }
.outline { display: flex; align-items: center; gap: 8px; padding: 6px 10px; border-bottom: 1px solid #eef1f5; color: #3c4043; }
.outline span { flex: 1; font-size: 12px; }
.outline button { all: unset; cursor: pointer; font-size: 12px; padding: 2px 10px; border-radius: 4px; background: #1b5fa8; color: #fff; }
.source { display: flex; align-items: center; gap: 6px; padding: 4px 10px; border-bottom: 1px solid #eef1f5; font-size: 12px; color: #3c4043; }
.source select { font: inherit; font-size: 12px; max-width: 250px; }
.coverage { width: calc(100% - 20px); margin: 2px 10px 6px; border-collapse: collapse; font-size: 12px; }
.coverage td { padding: 2px 4px; border-bottom: 1px solid #eef1f5; vertical-align: top; }
.coverage td.where { color: #5f6368; white-space: nowrap; }
.coverage td.status { white-space: nowrap; }
.coverage tr.answered td.status { color: #137333; } .coverage tr.weak td.status { color: #8a4b00; } .coverage tr.missing td.status { color: #b3261e; font-weight: 600; }
.foot { display: flex; justify-content: space-between; padding: 6px 10px; border-top: 1px solid #eef1f5; color: #5f6368; font-size: 12px; }
.foot button { all: unset; cursor: pointer; color: #1b5fa8; }
.mask { position: fixed; inset: 0; background: rgba(0,0,0,.35); z-index: 2147483647; display: flex; align-items: center; justify-content: center;
  font: 14px/1.6 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
.dialog { background: #fff; width: 460px; max-width: 92vw; max-height: 80vh; display: flex; flex-direction: column; border-radius: 10px; box-shadow: 0 10px 40px rgba(0,0,0,.3); color: #202124; }
.dialog h2 { margin: 0; padding: 12px 16px; font-size: 16px; border-bottom: 1px solid #eee; color: #b3261e; }
.dialog ul { margin: 0; padding: 8px 16px 8px 32px; overflow: auto; }
.dialog li { margin: 4px 0; }
.dialog .btns { display: flex; justify-content: flex-end; gap: 10px; padding: 10px 16px; border-top: 1px solid #eee; }
.dialog button { all: unset; cursor: pointer; padding: 5px 16px; border-radius: 5px; border: 1px solid #c6d2e1; }
.dialog button.primary { background: #1b5fa8; color: #fff; border-color: #1b5fa8; }
`;

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export class Panel {
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;
  private readonly root: HTMLDivElement;
  /** kept across renders, so the list keeps its scroll position while the user types */
  private readonly body: HTMLDivElement;
  private tab: Category | 'all' = 'all';
  private collapsed = false;
  private state: PanelState | null = null;
  /** rendered findings by what they show: a re-check after a keystroke reuses the unchanged ones */
  private items = new Map<string, HTMLElement>();
  /** the finding an item's buttons act on (its offsets move as text is typed above it) */
  private readonly itemFinding = new WeakMap<HTMLElement, Finding>();
  /** the 建议原文 line, kept while its choices stay the same (an open drop-down survives a re-check) */
  private sourceBar: { key: string; node: HTMLElement } | null = null;

  constructor(private readonly doc: Document, private readonly handlers: PanelHandlers) {
    this.host = doc.createElement('dafu-panel');
    this.host.setAttribute('style', 'all: initial; position: fixed; z-index: 2147483646;');
    this.shadow = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = CSS_TEXT;
    this.root = el(doc, 'div', 'panel');
    this.body = el(doc, 'div', 'body');
    this.root.setAttribute('role', 'complementary');
    this.root.setAttribute('aria-label', 'dafu 答复检查');
    this.shadow.append(style, this.root);
    // keep page shortcuts from seeing our key presses
    for (const t of ['keydown', 'keyup', 'keypress']) this.host.addEventListener(t, (e) => e.stopPropagation());
    doc.documentElement.appendChild(this.host);
  }

  get visible(): boolean {
    return this.host.isConnected;
  }

  render(state: PanelState): void {
    this.state = state;
    if (!this.host.isConnected) this.doc.documentElement.appendChild(this.host);
    const d = this.doc;
    const bodyFindings = state.body?.findings ?? [];
    const docFindings = state.docs.flatMap((x) => x.findings.map((f) => ({ f, doc: x.name })));
    const all = [...bodyFindings.map((f) => ({ f, doc: undefined as string | undefined })), ...docFindings];
    const errors = all.filter((x) => x.f.severity === 'error').length;

    const head = el(d, 'div', 'head');
    head.append(el(d, 'span', 'title', 'dafu 答复检查'));
    const count = el(d, 'span', `badge count${errors ? ' error' : ''}`, String(all.length));
    count.title = `${all.length} 处问题，其中 ${errors} 处错误`;
    head.append(count);
    if (state.body?.result) {
      const r = state.body.result;
      const risk = el(d, 'span', 'badge risk', RISK_LABEL[r.risk] ?? r.risk);
      risk.setAttribute('data-risk', r.risk);
      head.append(risk);
    }
    const toggle = el(d, 'button', 'toggle', this.collapsed ? '▲' : '▼');
    toggle.title = this.collapsed ? '展开' : '收起';
    toggle.addEventListener('click', () => { this.collapsed = !this.collapsed; if (this.state) this.render(this.state); });
    head.append(toggle);

    const parts: Node[] = [head];
    this.root.classList.toggle('collapsed', this.collapsed);
    if (state.contextLine) parts.push(el(d, 'div', 'ctx', state.contextLine));
    if (state.source) parts.push(this.sourceLine(state.source));
    if (state.outline) {
      const bar = el(d, 'div', 'outline');
      bar.append(el(d, 'span', undefined, '已读到建议（提案）内容：可先插入逐项答复的提纲，再填写【……】'));
      const b = el(d, 'button', 'outline-insert', '生成答复提纲');
      b.addEventListener('click', () => this.handlers.outline());
      bar.append(b);
      parts.push(bar);
    }

    // tabs by category
    const counts = new Map<Category, number>();
    for (const x of all) counts.set(x.f.category, (counts.get(x.f.category) ?? 0) + 1);
    if (this.tab !== 'all' && !counts.has(this.tab)) this.tab = 'all';
    const tabs = el(d, 'div', 'tabs');
    tabs.setAttribute('role', 'tablist');
    const mkTab = (key: Category | 'all', label: string, n: number) => {
      const b = el(d, 'button', 'tab', label);
      b.setAttribute('role', 'tab');
      b.setAttribute('data-category', key);
      b.setAttribute('aria-selected', String(this.tab === key));
      b.append(el(d, 'span', 'n', String(n)));
      b.addEventListener('click', () => { this.tab = key; if (this.state) this.render(this.state); });
      tabs.append(b);
    };
    mkTab('all', '全部', all.length);
    for (const [cat, n] of counts) mkTab(cat, CATEGORY_LABELS[cat] ?? cat, n);
    parts.push(tabs);

    const body: Node[] = [];
    const items = new Map<string, HTMLElement>();
    const item = (f: Finding, docName?: string, active = false, underlined?: boolean) => {
      const key = JSON.stringify([docName, f.fingerprint, f.ruleId, f.category, f.severity, f.message, f.excerpt, f.line, f.note, f.suggestion, f.fix?.text, active, underlined]);
      let it = items.has(key) ? undefined : this.items.get(key); // a twin shown twice needs its own node
      if (it) {
        it.setAttribute('data-start', String(f.start));
        it.setAttribute('data-end', String(f.end));
      } else {
        it = this.item(f, docName, active, underlined === false);
        if (underlined !== undefined) it.setAttribute('data-underline', underlined ? '1' : '0');
      }
      this.itemFinding.set(it, f);
      items.set(key, it);
      body.push(it);
    };
    const show = (x: { f: Finding; doc?: string }) => this.tab === 'all' || x.f.category === this.tab;
    if (state.body && state.docs.length) body.push(el(d, 'div', 'section', '答复正文'));
    if (state.status) body.push(el(d, 'div', 'status', state.status));
    if (state.body?.error) body.push(el(d, 'div', 'status', `检查出错：${state.body.error}`));
    const coverage = state.body?.result?.coverage;
    if (coverage?.length && !state.status && (this.tab === 'all' || this.tab === 'targeting')) body.push(...this.coverageTable(coverage));
    if (state.body) {
      const list = bodyFindings.filter((f) => show({ f }));
      if (!bodyFindings.length && !state.status && !state.body.error) body.push(el(d, 'div', 'empty', '未发现问题'));
      for (const f of list) item(f, undefined, f.fingerprint === state.activeFingerprint, !!state.underlined?.has(f.fingerprint));
    }
    for (const doc of state.docs) {
      const head = el(d, 'div', 'section', `答复函：${doc.name}`);
      if (doc.annotate && doc.findings.length) {
        const dl = el(d, 'button', 'download', '下载批注版');
        dl.addEventListener('click', () => downloadAnnotated(d, doc));
        head.append(' ', dl);
      }
      body.push(head);
      if (doc.error) body.push(el(d, 'div', 'status', doc.error));
      else if (doc.note) body.push(el(d, 'div', 'status', doc.note));
      else if (!doc.findings.length) body.push(el(d, 'div', 'empty', '未发现问题'));
      for (const f of doc.findings.filter((f) => show({ f, doc: doc.name }))) item(f, doc.name);
    }
    this.items = items;
    syncChildren(this.body, body);
    parts.push(this.body);

    const foot = el(d, 'div', 'foot');
    const sc = state.body?.result?.score;
    const score = typeof sc === 'number' ? `具体性 ${Math.round(sc)} 分` : '';
    foot.append(el(d, 'span', 'score', [score, state.ignoredCount ? `已忽略 ${state.ignoredCount} 处` : ''].filter(Boolean).join(' · ')));
    const re = el(d, 'button', 'recheck', '重新检查');
    re.addEventListener('click', () => this.handlers.recheck());
    foot.append(re);
    parts.push(foot);
    syncChildren(this.root, parts);
  }

  /** "建议原文取自：[本页 ▾]": where the suggestion came from; pick another place or none. */
  private sourceLine(src: SourceChoice): HTMLElement {
    const key = JSON.stringify(src);
    if (this.sourceBar?.key === key) return this.sourceBar.node;
    const d = this.doc;
    const line = el(d, 'div', 'source');
    line.append(el(d, 'span', undefined, '建议原文取自：'));
    const select = el(d, 'select', 'source-pick');
    select.setAttribute('aria-label', '建议原文取自');
    for (const o of src.options) {
      const opt = el(d, 'option', undefined, o.label);
      opt.value = o.key;
      opt.title = o.hint;
      select.append(opt);
    }
    const none = el(d, 'option', undefined, '不使用（不对照建议）');
    none.value = NO_SOURCE;
    select.append(none);
    select.value = src.chosen ?? NO_SOURCE;
    select.addEventListener('change', () => this.handlers.chooseSource(select.value === NO_SOURCE ? null : select.value));
    line.append(select);
    this.sourceBar = { key, node: line };
    return line;
  }

  /** The CLI's coverage table in short: each ask → the lines that answer it → status (stance). */
  private coverageTable(rows: CoverageRow[]): Node[] {
    const d = this.doc;
    const table = el(d, 'table', 'coverage');
    for (const r of rows) {
      const tr = el(d, 'tr', r.status);
      tr.setAttribute('data-status', r.status);
      tr.append(el(d, 'td', 'ask', `${r.index}. ${r.ask}`));
      tr.append(el(d, 'td', 'where', r.lines.length ? `第 ${r.lines.slice(0, 3).join('、')} 行` : '—'));
      const stance = r.status === 'missing' ? '' : r.stance ? `（${STANCE_TEXT[r.stance] ?? r.stance}）` : '';
      tr.append(el(d, 'td', 'status', `${STATUS_TEXT[r.status]}${stance}`));
      table.append(tr);
    }
    return [el(d, 'div', 'section coverage-head', `逐条对照建议（共 ${rows.length} 项）`), table];
  }

  private item(f: Finding, docName: string | undefined, active: boolean, whole = false): HTMLElement {
    const d = this.doc;
    const it = el(d, 'div', `finding ${f.severity}${active ? ' active' : ''}`);
    const current = () => this.itemFinding.get(it) ?? f;
    it.setAttribute('data-rule', f.ruleId);
    it.setAttribute('data-category', f.category);
    it.setAttribute('data-severity', f.severity);
    it.setAttribute('data-fingerprint', f.fingerprint);
    it.setAttribute('data-start', String(f.start));
    it.setAttribute('data-end', String(f.end));
    if (docName) it.setAttribute('data-doc', docName);
    const top = el(d, 'div');
    top.append(el(d, 'span', `sev ${f.severity}`, SEVERITY_LABELS[f.severity] ?? f.severity));
    top.append(el(d, 'span', 'cat', CATEGORY_LABELS[f.category] ?? f.category));
    top.append(el(d, 'span', 'msg', f.message));
    it.append(top);
    if (f.excerpt) {
      const ex = el(d, 'div', 'excerpt', docName ? `第 ${f.line} 段：` : whole ? `第 ${f.line} 行（针对全文）：` : `第 ${f.line} 行：`);
      ex.append(el(d, 'q', undefined, f.excerpt.length > 60 ? `${f.excerpt.slice(0, 60)}…` : f.excerpt));
      it.append(ex);
    }
    if (f.note) it.append(el(d, 'div', 'note', `规范：${f.note}`));
    if (f.suggestion) it.append(el(d, 'div', 'sugg', `建议：${f.suggestion}`));
    const actions = el(d, 'div', 'actions');
    if (!docName && f.fix) {
      const b = el(d, 'button', 'fix', f.fix.text ? `改为“${f.fix.text.length > 16 ? `${f.fix.text.slice(0, 16)}…` : f.fix.text}”` : '删除');
      b.addEventListener('click', (e) => { e.stopPropagation(); this.handlers.fix(current()); });
      actions.append(b);
    }
    const ig = el(d, 'button', 'ignore', '忽略此处');
    ig.addEventListener('click', (e) => { e.stopPropagation(); this.handlers.ignore(current(), docName); });
    actions.append(ig);
    it.append(actions);
    if (!docName) it.addEventListener('click', () => this.handlers.locate(current()));
    return it;
  }

  /** The submit gate: lists the remaining errors; resolves 'continue' or 'back'. */
  confirmSubmit(errors: { f: Finding; doc?: string }[], buttonLabel: string): Promise<'continue' | 'back'> {
    const d = this.doc;
    if (!this.host.isConnected) d.documentElement.appendChild(this.host);
    this.shadow.querySelector('.mask')?.remove();
    return new Promise((resolve) => {
      const mask = el(d, 'div', 'mask');
      const dlg = el(d, 'div', 'dialog');
      dlg.setAttribute('role', 'alertdialog');
      dlg.setAttribute('aria-modal', 'true');
      dlg.append(el(d, 'h2', undefined, `答复稿还有 ${errors.length} 处错误，确定要“${buttonLabel}”吗？`));
      const ul = el(d, 'ul');
      for (const { f, doc } of errors.slice(0, 20)) {
        const li = el(d, 'li', undefined, `${doc ? `［答复函］` : ''}${f.message}`);
        if (f.excerpt) { li.append(' '); li.append(el(d, 'q', undefined, f.excerpt.slice(0, 30))); }
        ul.append(li);
      }
      if (errors.length > 20) ul.append(el(d, 'li', undefined, `……另有 ${errors.length - 20} 处`));
      const btns = el(d, 'div', 'btns');
      const back = el(d, 'button', 'primary back', '返回修改');
      const go = el(d, 'button', 'continue', '继续提交');
      const done = (r: 'continue' | 'back') => { mask.remove(); resolve(r); };
      back.addEventListener('click', () => done('back'));
      go.addEventListener('click', () => done('continue'));
      mask.addEventListener('keydown', (e) => { if ((e as KeyboardEvent).key === 'Escape') done('back'); });
      btns.append(go, back);
      dlg.append(ul, btns);
      mask.append(dlg);
      this.shadow.append(mask);
      back.setAttribute('tabindex', '0');
      go.setAttribute('tabindex', '0');
      back.focus();
    });
  }

  hide(): void {
    this.host.remove();
  }

  destroy(): void {
    this.host.remove();
  }
}

/** Saves name.dafu批注.docx through a local blob URL: nothing leaves the browser. */
function downloadAnnotated(d: Document, doc: DocResult): void {
  saveFile(d, doc.annotate!(), annotatedName(doc.name), DOCX_TYPE);
}
