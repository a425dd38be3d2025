/**
 * The offline page's UI: inputs (a draft file or pasted text, the case, an optional suggestion and
 * the unit's config), the report (the same messages, categories and verdict as `dafu check`,
 * findings marked in the text) and the downloads (批注版, 答复提纲, the JSON of `--format json`).
 * The checking runs in worker.ts; this side never parses or checks anything itself.
 */
import type { CaseContext, DafuConfig, DafuMessage } from '@dafu/rules';
import { failedResult, tooLargeError, type FileResult } from 'dafu/dist/file-result.js';
import { json } from 'dafu/dist/report/json.js';
import { CATEGORY_LABEL, COVERAGE_STATUS_LABEL, KIND_LABEL, MODE_LABEL, RISK_TEXT, ROLE_LABEL, SEVERITY_LABEL, STANCE_LABEL } from 'dafu/dist/report/labels.js';
import { DOCX_TYPE, saveFile } from '../../extension/utils/ui/save';
import { loadStored, parseConfig, store, type StoredConfig } from './config';
import type { Input, Request, Stage } from './protocol';
import { WorkerClient } from './client';

declare const DAFU_VERSION: string;

/** the CLI's limit (`dafu check` refuses larger files before reading them) */
const MAX_INPUT_BYTES = 20 * 1024 * 1024;
/** a text longer than this shows only the paragraphs with findings */
const FULL_TEXT_MAX = 200_000;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

const STAGE_TEXT: Record<Stage, string> = { reading: '正在读取文件…', checking: '正在检查…', annotating: '正在生成批注版…', outlining: '正在生成答复提纲…' };

let draftFile: File | null = null;
let suggestionFile: File | null = null;
let stored: StoredConfig | null = loadStored();
let busy = false;

const setState = (s: 'starting' | 'ready' | 'checking' | 'done' | 'failed') => { document.body.dataset.state = s; };

// ------------------------------------------------------------------ worker

let startedAt = 0;
let ticker: ReturnType<typeof setInterval> | undefined;
let stage: Stage | null = null;
const showProgress = (s: Stage | null) => {
  stage = s;
  $('progress').hidden = !s;
  $('cancel').hidden = !s || s === 'annotating' || s === 'outlining';
  if (!s) { clearInterval(ticker); ticker = undefined; return; }
  const say = () => { const sec = Math.floor((performance.now() - startedAt) / 1000); $('status').textContent = STAGE_TEXT[stage!] + (sec >= 1 ? `（已用 ${sec} 秒）` : ''); };
  say();
  ticker ??= setInterval(say, 500);
};

let client: WorkerClient;
const startWorker = () => new WorkerClient(document.getElementById('workerSource')?.textContent ?? '', {
  // (a worker started again after a cancel is ready silently)
  onReady: () => { if (document.body.dataset.state === 'starting') { $('status').textContent = ''; setState('ready'); } },
  onProgress: (s) => { if (busy) showProgress(s); },
});

// ------------------------------------------------------------------ inputs

function caseContext(): CaseContext {
  const v = (id: string) => ($<HTMLInputElement>(id).value ?? '').trim();
  const c: CaseContext = { today: v('today') || localToday() };
  for (const k of ['kind', 'role', 'class', 'number', 'title', 'assigned', 'deadline'] as const) if (v(k)) (c as Record<string, unknown>)[k] = v(k);
  if (v('proposer')) c.proposer = v('proposer').split(/[、，,]/).map((s) => s.trim()).filter(Boolean);
  return c;
}

const localToday = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);

function checkerConfig(): DafuConfig {
  const mode = $<HTMLSelectElement>('mode').value;
  return { ...(stored?.config ?? {}), ...(mode ? { mode: mode as DafuConfig['mode'] } : {}) };
}

async function readInput(file: File): Promise<Input | { error: { code: string; message: string } }> {
  if (file.size > MAX_INPUT_BYTES) return { error: tooLargeError(file.name, file.size, MAX_INPUT_BYTES) };
  try {
    return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
  } catch {
    return { error: { code: 'E_READ', message: `无法读取 ${file.name}（文件不存在或没有读取权限）。` } };
  }
}

function setDraftFile(f: File | null): void {
  draftFile = f;
  $('draftName').textContent = f ? `答复稿：${f.name}（${sizeText(f.size)}）  点击可换一份` : '把答复稿（.docx、.txt、.md、.pdf）拖到这里，或点击选择文件';
  if (!f) $<HTMLInputElement>('draftFile').value = '';
}

function setSuggestionFile(f: File | null): void {
  suggestionFile = f;
  $('suggestionName').textContent = f ? `原件：${f.name}（${sizeText(f.size)}）` : '把原件拖到这里，或点击选择文件';
  $('clearSuggestion').hidden = !f;
  if (!f) $<HTMLInputElement>('suggestionFile').value = '';
}

const sizeText = (n: number) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1048576).toFixed(1)} MB`);

function dropZone(zone: HTMLElement, take: (f: File) => void): void {
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    e.stopPropagation();
    zone.classList.remove('over');
    const f = e.dataTransfer?.files[0];
    if (f) take(f);
  });
}

// ------------------------------------------------------------------ config

function showConfig(msg?: { text: string; bad?: boolean }): void {
  $('configStatus').textContent = stored ? `已载入：${stored.name}（${stored.savedAt.slice(0, 10)}）` : '使用内置规则（推荐预设）。';
  $('clearConfig').hidden = !stored;
  const m = $('configMsg');
  m.hidden = !msg;
  m.textContent = msg?.text ?? '';
  m.className = msg?.bad ? 'msg bad' : 'msg';
}

async function loadConfigFile(f: File): Promise<void> {
  const r = parseConfig(await f.text());
  if (!r.ok) { showConfig({ text: `未载入 ${f.name}，配置有问题：\n${r.problems.join('\n')}`, bad: true }); return; }
  stored = { name: f.name, config: r.config, savedAt: localToday() };
  const kept = store(stored);
  showConfig({ text: [`已载入 ${f.name}。`, ...r.notes, ...(kept ? [] : ['浏览器不允许保存（如隐私模式），下次打开需要重新载入。'])].join('\n') });
}

// ------------------------------------------------------------------ check

/** the check running now; a cancelled check finds it changed and leaves the page alone */
let run = 0;

async function check(): Promise<void> {
  if (busy) return;
  const pasted = $<HTMLTextAreaElement>('draftText').value;
  if (!draftFile && !pasted.trim()) { $('status').textContent = '请先选择答复稿文件，或粘贴答复正文。'; return; }
  const mine = ++run;
  busy = true;
  $<HTMLButtonElement>('check').disabled = true;
  setState('checking');
  startedAt = performance.now();
  showProgress('reading');
  try {
    const draft = draftFile ? await readInput(draftFile) : { text: pasted, name: '粘贴的文字' };
    const suggestion = suggestionFile ? await readInput(suggestionFile) : undefined;
    if (mine !== run) return;
    if ('error' in draft) { render(failedResult(draftFile!.name, draft.error)); return; }
    const req: Request = { type: 'check', id: 0, draft, context: caseContext(), config: checkerConfig() };
    let suggestionError: { code: string; message: string } | undefined;
    if (suggestion && 'error' in suggestion) suggestionError = suggestion.error;
    else if (suggestion) req.suggestion = suggestion;
    const reply = await client.request(req, 'bytes' in draft ? [draft.bytes.buffer as ArrayBuffer] : []);
    if (mine !== run) return;
    if (reply.type === 'checked') render(reply.result, { annotatable: reply.annotatable, outline: reply.outline, suggestionError: reply.suggestionError ?? suggestionError });
    else if (reply.type === 'failed') render(failedResult(draft.name, reply.error));
  } finally {
    if (mine === run) idle();
  }
}

function idle(): void {
  busy = false;
  showProgress(null);
  $<HTMLButtonElement>('check').disabled = false;
}

/** Stops the running check at once: the worker is replaced, the page is ready for the next one. */
function cancel(): void {
  run++;
  client.cancel();
  idle();
  setState('ready');
  $('status').textContent = '已取消检查。';
}

// ------------------------------------------------------------------ report

function render(r: FileResult, extra: { annotatable?: boolean; outline?: boolean; suggestionError?: { code: string; message: string } } = {}): void {
  const results = JSON.parse(json([r], DAFU_VERSION)) as { results: unknown[] };
  (window as unknown as { dafuResult: unknown }).dafuResult = results;
  $('report').hidden = false;
  $('status').textContent = r.error ? '无法检查这个文件。' : `检查完成：${r.counts.error + r.counts.warning + r.counts.info} 个问题。`;
  const err = $('error');
  err.hidden = !r.error && !extra.suggestionError;
  err.replaceChildren();
  if (r.error) err.append(el('strong', '', `无法检查 ${r.file}：`), el('code', '', r.error.code), ' ', r.error.message);
  if (extra.suggestionError) {
    const p = el('p');
    p.append(el('strong', '', '建议（提案）原件无法读取，未逐条对照：'), el('code', '', extra.suggestionError.code), ' ', extra.suggestionError.message);
    err.append(p);
  }
  renderSummary(r);
  renderDownloads(r, extra);
  renderCoverage(r);
  renderFindings(r);
  setState(r.error ? 'failed' : 'done');
  $('report').scrollIntoView({ block: 'start', behavior: 'smooth' });
}

function renderSummary(r: FileResult): void {
  const box = $('summary');
  box.replaceChildren();
  if (r.error) return;
  const facts = [r.kind && KIND_LABEL[r.kind], r.role && ROLE_LABEL[r.role], r.mode && MODE_LABEL[r.mode], r.class && `${r.class}类`].filter(Boolean).join(' · ');
  const h = el('h2', '', r.file);
  if (facts) h.append(el('small', '', `（${facts}）`));
  const line = el('p');
  if (r.risk) line.append('退办风险：', el('span', `risk-${r.risk}`, RISK_TEXT[r.risk]), '  ');
  if (r.score !== null) line.append(`具体度：${r.score}/100`);
  const counts = el('p', 'counts');
  counts.append(el('span', '', `错误 ${r.counts.error}`), el('span', '', `警告 ${r.counts.warning}`), el('span', '', `提示 ${r.counts.info}`));
  const byCat = new Map<string, number>();
  for (const m of r.messages) byCat.set(m.category, (byCat.get(m.category) ?? 0) + (m.omitted ?? 1));
  if (byCat.size) counts.append(el('span', '', [...byCat].map(([c, n]) => `${CATEGORY_LABEL[c as DafuMessage['category']]} ${n}`).join('，')));
  box.append(h, line, counts);
  if (r.notes.length) { const ul = el('ul', 'notes'); for (const n of r.notes) ul.append(el('li', '', `说明：${n}`)); box.append(ul); }
  if (!r.messages.length) box.append(el('p', 'risk-low', '✔ 未发现问题'));
}

function renderDownloads(r: FileResult, extra: { annotatable?: boolean; outline?: boolean }): void {
  const box = $('downloads');
  box.replaceChildren();
  const button = (id: string, text: string, run: () => Promise<void>) => {
    const b = el('button', '', text);
    b.type = 'button';
    b.id = id;
    b.addEventListener('click', () => { b.disabled = true; void run().finally(() => { b.disabled = false; }); });
    box.append(b);
  };
  const fetchFile = async (req: Request, type: string) => {
    startedAt = performance.now();
    const reply = await client.request(req);
    if (reply.type === 'file') {
      saveFile(document, reply.bytes, reply.name, type);
      $('status').textContent = `已下载 ${reply.name}${reply.note ? `（${reply.note}）` : ''}。`;
    } else if (reply.type === 'failed') $('status').textContent = `${reply.error.message}`;
  };
  if (extra.annotatable && r.messages.length) button('annotate', '下载批注版（Word）', () => fetchFile({ type: 'annotate', id: 0 }, DOCX_TYPE));
  if (extra.outline) {
    const unit = () => $<HTMLInputElement>('unit').value.trim() || undefined;
    button('outlineDocx', '下载答复提纲（Word）', () => fetchFile({ type: 'outline', id: 0, format: 'docx', unit: unit() }, DOCX_TYPE));
    button('outlineTxt', '下载答复提纲（文本）', () => fetchFile({ type: 'outline', id: 0, format: 'txt', unit: unit() }, 'text/plain;charset=utf-8'));
  }
  button('exportJson', '导出 JSON', async () => {
    saveFile(document, JSON.stringify((window as unknown as { dafuResult: unknown }).dafuResult, null, 2) + '\n', `${r.file.replace(/\.[^.]+$/, '')}.dafu.json`, 'application/json');
  });
}

function renderCoverage(r: FileResult): void {
  const box = $('coverage');
  box.replaceChildren();
  if (!r.coverage?.length) return;
  const unit = r.source?.format === 'docx' ? '段' : '行';
  const table = el('table');
  const head = el('tr');
  for (const t of ['诉求', `答复所在（第几${unit}）`, '答复情况']) head.append(el('th', '', t));
  table.append(el('caption', '', `逐条对照建议（共 ${r.coverage.length} 项）`), head);
  for (const row of r.coverage) {
    const tr = el('tr');
    const stance = row.status === 'missing' ? '' : row.stance ? `（${STANCE_LABEL[row.stance.kind] ?? row.stance.kind}）` : '（未表态）';
    tr.append(el('td', '', `${row.index}. ${row.ask}`), el('td', '', row.paragraphs.length ? row.paragraphs.join('、') : '—'), el('td', `st-${row.status}`, COVERAGE_STATUS_LABEL[row.status] + stance));
    tr.title = row.text;
    table.append(tr);
  }
  box.append(table);
}

function renderFindings(r: FileResult): void {
  const list = $('findings');
  const view = $('text');
  list.replaceChildren();
  view.replaceChildren();
  if (r.error || !r.source) return;
  const unit = r.source.format === 'docx' ? '段' : '行';
  r.messages.forEach((m, i) => {
    const li = el('li', `finding ${m.severity}`);
    li.dataset.i = String(i);
    li.tabIndex = 0;
    const head = el('div');
    head.append(el('span', 'sev', SEVERITY_LABEL[m.severity]), `【${CATEGORY_LABEL[m.category]}】${m.message}`, el('span', 'rule', m.ruleId));
    li.append(head);
    const detail = (text: string, cls = 'detail') => li.append(el('div', cls, text));
    detail(`第 ${m.line} ${unit}，第 ${m.column} 字${m.excerpt ? `  原文：“${m.excerpt.replace(/\n/g, '⏎')}”` : ''}`);
    if (m.note) detail(`依据：${m.note}`);
    const better = m.fix ? `改为“${m.fix.text}”` : m.suggestion;
    if (better) detail(`参考：${better.replace(/\n/g, '⏎')}`, 'detail better');
    li.addEventListener('click', () => activate(i, 'text'));
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter') activate(i, 'text'); });
    list.append(li);
  });
  renderText(view, r.source.text, r.messages);
}

/**
 * The text with each finding's range marked. A long text shows only the paragraphs with findings,
 * and of a long paragraph only the stretches around them, so the page stays light.
 */
function renderText(view: HTMLElement, text: string, messages: DafuMessage[]): void {
  const paras: Array<{ start: number; end: number }> = [];
  for (let start = 0; start <= text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    paras.push({ start, end });
    start = end + 1;
  }
  // a remark on the whole reply is shown where it is anchored by a pin, not by marking that paragraph
  const hits: Hit[] = messages.map((m, i) => {
    const start = Math.max(0, Math.min(m.start, text.length));
    return { i, start, end: m.whole ? start : Math.max(start, Math.min(m.end, text.length)), sev: m.severity, title: m.message };
  });
  const shortText = text.length <= FULL_TEXT_MAX;
  const frag = document.createDocumentFragment();
  const gap = (what: string) => frag.append(el('span', 'gap', `……（省略${what}）`));
  let skipped = 0;
  for (const [k, p] of paras.entries()) {
    const mine = hits.filter((h) => h.start <= p.end && h.end >= p.start && !(h.end === p.start && h.start < p.start && h.end > h.start));
    if (!shortText && !mine.length) { skipped++; continue; }
    if (skipped) { gap(` ${skipped} 段没有问题的文字`); skipped = 0; }
    if (shortText || p.end - p.start <= CONTEXT * 4) markRange(frag, text, p.start, p.end, mine);
    else {
      // stretches of CONTEXT characters around the findings, merged where they meet
      const spans: Array<[number, number]> = [];
      for (const h of [...mine].sort((x, y) => x.start - y.start)) {
        const from = Math.max(p.start, h.start - CONTEXT), to = Math.min(p.end, Math.max(h.end, h.start + 1) + CONTEXT);
        const lastSpan = spans[spans.length - 1];
        if (lastSpan && from <= lastSpan[1]) lastSpan[1] = Math.max(lastSpan[1], to); else spans.push([from, to]);
      }
      let at = p.start;
      for (const [from, to] of spans) {
        if (from > at) gap(` ${from - at} 字`);
        markRange(frag, text, from, to, mine.filter((h) => h.start <= to && h.end >= from));
        at = to;
      }
      if (p.end > at) gap(` ${p.end - at} 字`);
    }
    if (k < paras.length - 1) frag.append('\n');
  }
  if (skipped) gap(` ${skipped} 段没有问题的文字`);
  view.append(frag);
}

interface Hit { i: number; start: number; end: number; sev: DafuMessage['severity']; title: string }
/** characters shown either side of a finding in a long paragraph */
const CONTEXT = 200;

/** text[from, to) cut at every range boundary; each piece is marked by the findings covering it, a point by a pin */
function markRange(frag: DocumentFragment, text: string, from: number, to: number, hits: Hit[]): void {
  const cuts = new Set([from, to]);
  for (const h of hits) { cuts.add(Math.max(from, h.start)); cuts.add(Math.min(to, h.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  for (let j = 0; j < points.length; j++) {
    const at = points[j];
    for (const h of hits) {
      if (h.start !== h.end || h.start !== at) continue;
      const pin = el('span', `pin ${h.sev}`);
      pin.dataset.i = String(h.i);
      pin.title = h.title;
      frag.append(pin);
    }
    if (j === points.length - 1) break;
    const piece = text.slice(at, points[j + 1]);
    const over = hits.filter((h) => h.start <= at && h.end >= points[j + 1] && h.end > h.start);
    if (!over.length) { frag.append(piece); continue; }
    const mark = el('mark', over.some((h) => h.sev === 'error') ? 'error' : over.every((h) => h.sev === 'info') ? 'info' : '', piece);
    mark.dataset.i = over.map((h) => h.i).join(' ');
    frag.append(mark);
  }
}

/** Shows finding i in place: its marks in the text and its entry in the list. */
function activate(i: number, scroll: 'text' | 'list'): void {
  for (const e of document.querySelectorAll('.active')) e.classList.remove('active');
  const li = document.querySelector<HTMLElement>(`#findings [data-i="${i}"]`);
  li?.classList.add('active');
  const marks = [...document.querySelectorAll<HTMLElement>('#text [data-i]')].filter((e) => e.dataset.i!.split(' ').includes(String(i)));
  for (const m of marks) m.classList.add('active');
  if (scroll === 'text') marks[0]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  else li?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

// ------------------------------------------------------------------ wiring

function main(): void {
  setState('starting');
  $('status').textContent = '正在准备检查规则…';
  client = startWorker();
  $<HTMLInputElement>('today').value = localToday();
  showConfig();
  $<HTMLInputElement>('draftFile').addEventListener('change', (e) => setDraftFile((e.target as HTMLInputElement).files?.[0] ?? null));
  $<HTMLInputElement>('suggestionFile').addEventListener('change', (e) => setSuggestionFile((e.target as HTMLInputElement).files?.[0] ?? null));
  $<HTMLInputElement>('configFile').addEventListener('change', (e) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) void loadConfigFile(f); (e.target as HTMLInputElement).value = ''; });
  $('clearSuggestion').addEventListener('click', () => setSuggestionFile(null));
  $('clearConfig').addEventListener('click', () => { stored = null; store(null); showConfig({ text: '已清除本单位配置，使用内置规则。' }); });
  // typing text means checking the text: the chosen file is let go
  $('draftText').addEventListener('input', () => { if (draftFile && $<HTMLTextAreaElement>('draftText').value.trim()) setDraftFile(null); });
  dropZone($('draftDrop'), (f) => setDraftFile(f));
  dropZone($('suggestionDrop'), (f) => setSuggestionFile(f));
  // a file dropped anywhere else is the draft (and the browser must not open it instead)
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => { e.preventDefault(); const f = e.dataTransfer?.files[0]; if (f) setDraftFile(f); });
  $('check').addEventListener('click', () => { void check(); });
  $('cancel').addEventListener('click', cancel);
  $('text').addEventListener('click', (e) => {
    const t = (e.target as HTMLElement).closest<HTMLElement>('[data-i]');
    if (t) activate(Number(t.dataset.i!.split(' ')[0]), 'list');
  });
}

main();
