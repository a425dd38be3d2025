// Chromium latency benchmark (issue "browser extension"): how long the extension's re-check of a
// 10,000-character reply takes in the browser, in the replica page's plain textarea and in its
// UEditor iframe. Target: the incremental re-check after a keystroke under 16 ms (one frame).
//
// The extension records each re-check as User Timing entries of the page it runs in
// (extension/utils/content/controller.ts: dafu:check = the checker alone, dafu:recheck = reading
// the field, checking, the panel and the underlines); a PerformanceObserver in the page collects
// them. Figures (median and p95) only, no assertions. Run on its own (`node test/bench/latency.mjs
// [--quick]`) or from `npm run bench`; skipped with a notice when Chromium is missing.
//
// - cold: the first check after the page loads (the content script builds the checker, nothing is memoised);
// - full: the whole text replaced by one the checker has not seen (every paragraph new, checker warm);
// - incremental: one character typed into a paragraph (the memo holds every other paragraph);
// - recheck: the same keystroke's whole re-check, field read to underlines registered;
// - keystroke → underlines: from the input event to the underlines registered, with the wait
//   before checking (adaptive, controller.ts checkDelay: none for a draft up to 2,000
//   characters, 100 ms at 10,000); also for a short draft (1,500 characters, textarea).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const CHROMIUM = process.env.DAFU_CHROMIUM ?? '/usr/bin/chromium';
const CHARS = 10_000;

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const stats = (xs) => (xs.length ? { median: pct(xs, 50), p95: pct(xs, 95), n: xs.length } : null);

/** A 10,000-character reply body (as pasted into a form): paragraphs of the labelled corpus drafts. */
export function longReply(chars = CHARS) {
  const dir = join(ROOT, 'test/corpus');
  const paragraphs = [];
  let length = -1;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt') && !n.includes('suggestion')).sort()) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (line.length <= 40 || length >= chars) continue; // paragraphs of substance, not letter parts
      paragraphs.push(line);
      length += line.length + 1;
    }
  }
  return paragraphs.join('\n').slice(0, chars);
}

/** The shared Chromium set-up (test/helpers/chromium-extension.ts), bundled for plain Node. */
async function chromiumHelpers() {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'dafu-bench-latency-'));
  const out = join(dir, 'helpers.mjs');
  const playwright = import.meta.resolve('playwright-core'); // its ESM entry
  await build({
    entryPoints: [join(ROOT, 'test/helpers/chromium-extension.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'silent',
    // the ROOT the helper derives from its own location: the bundle lives in a temp folder
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(ROOT, 'test/helpers/chromium-extension.ts')).href) },
    // playwright-core stays the repository's own copy, imported by absolute URL
    plugins: [{ name: 'playwright', setup: (b) => b.onResolve({ filter: /^playwright-core$/ }, () => ({ path: playwright, external: true })) }],
  });
  return { helpers: await import(pathToFileURL(out).href), dir };
}

/** In the page: collect the extension's User Timing entries as they come. */
function observe() {
  window.__dafuTimings = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name.startsWith('dafu:')) window.__dafuTimings.push({ name: e.name, start: e.startTime, duration: e.duration });
  }).observe({ type: 'measure', buffered: true });
}

/** In the editing document: when each edit reached the page (input event), on the top page's clock. */
function stampInputs() {
  window.__dafuInputs = [];
  document.addEventListener('input', () => window.__dafuInputs.push(window.top.performance.now()), true);
}

const checks = (page) => page.evaluate(() => window.__dafuTimings.filter((t) => t.name === 'dafu:check').length);

async function waitForCheck(page, after, timeout = 20_000) {
  await page.waitForFunction((n) => window.__dafuTimings.filter((t) => t.name === 'dafu:check').length > n, after, { timeout, polling: 20 });
  return page.evaluate(() => {
    const last = (name) => window.__dafuTimings.filter((t) => t.name === name).at(-1);
    const check = last('dafu:check');
    const recheck = last('dafu:recheck');
    return { check: check.duration, recheck: recheck.duration, end: recheck.start + recheck.duration };
  });
}

/** One editor: a page per cold run, then full re-checks and keystrokes in the last page. */
async function benchEditor(h, context, origin, editor, { coldRuns, fullRuns, keystrokes, text }) {
  const out = { cold: [], full: [], incremental: [], recheck: [], endToEnd: [] };
  let page, ed;
  // the text goes in as a paste would put it: at once, with one input event
  const setText = async (t) => {
    if (editor === 'textarea') {
      await page.evaluate((v) => {
        const ta = document.querySelector('textarea[name=dfzw]');
        ta.removeAttribute('maxlength'); // the replica's 4,000-character limit would stop the 10,000-character reply
        ta.value = v;
        ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      }, t);
    } else {
      await ed.evaluate((v) => {
        document.body.innerHTML = v.split('\n').map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('');
        document.body.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      }, t);
    }
  };
  for (let run = 0; run < coldRuns; run++) {
    await page?.close();
    page = await context.newPage();
    await page.goto(`${origin}/reply.html${editor === 'textarea' ? '?editor=textarea' : ''}#reply/2025-R-0137`);
    ed = editor === 'textarea' ? page : await h.editorFrame(page);
    await h.panel(page).waitFor({ timeout: 10_000 });
    await page.evaluate(observe);
    await ed.evaluate(stampInputs);
    await setText(text);
    out.cold.push((await waitForCheck(page, 0)).check);
  }
  // full re-checks: every paragraph changed (a different opening word), so nothing is memoised
  const openers = ['此外', '同时', '另外', '其次', '再者', '目前', '近年来', '为此', '对此', '总体上'];
  for (let i = 0; i < fullRuns; i++) {
    const n = await checks(page);
    await setText(text.split('\n').map((p) => openers[i % openers.length] + p.slice(openers[i % openers.length].length)).join('\n'));
    out.full.push((await waitForCheck(page, n)).check);
  }
  let n = await checks(page);
  await setText(text);
  await waitForCheck(page, n);
  // keystrokes: the caret put into a paragraph, one character typed, its re-check awaited
  const paragraphs = text.split('\n');
  for (let k = 0; k < keystrokes; k++) {
    const para = (k * 7) % paragraphs.length;
    const offset = Math.floor(paragraphs[para].length / 2);
    if (editor === 'textarea') {
      const pos = paragraphs.slice(0, para).reduce((s, p) => s + p.length + 1, 0) + offset;
      await page.evaluate((p) => { const ta = document.querySelector('textarea[name=dfzw]'); ta.focus(); ta.setSelectionRange(p, p); }, pos);
    } else {
      await ed.evaluate(({ i, o }) => {
        document.body.focus();
        const node = document.body.children[i].firstChild;
        const r = document.createRange();
        r.setStart(node, Math.min(o, node.length));
        r.collapse(true);
        getSelection().removeAllRanges();
        getSelection().addRange(r);
      }, { i: para, o: offset });
    }
    n = await checks(page);
    await page.keyboard.type(k % 2 ? '的' : '了');
    const t = await waitForCheck(page, n);
    const input = await ed.evaluate(() => window.__dafuInputs.at(-1));
    out.incremental.push(t.check);
    out.recheck.push(t.recheck);
    out.endToEnd.push(t.end - input);
    paragraphs[para] = paragraphs[para].slice(0, offset) + (k % 2 ? '的' : '了') + paragraphs[para].slice(offset);
  }
  await page.close();
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, stats(v)]));
}

/** The same checks in Node, for comparison: a check from scratch and a re-check after one keystroke. */
export async function benchNode({ quick = false } = {}) {
  const { createChecker, withoutMemo } = await import('@dafu/rules');
  const checker = createChecker();
  let text = longReply();
  const request = (t) => ({ text: t, format: 'dom', mode: 'system-form' });
  const time = (fn) => { const t0 = performance.now(); fn(); return performance.now() - t0; };
  for (let i = 0; i < 5; i++) withoutMemo(() => checker.check(request(text))); // warm up: patterns compiled, code optimised
  const full = [], incremental = [];
  for (let i = 0; i < (quick ? 7 : 15); i++) full.push(time(() => withoutMemo(() => checker.check(request(text)))));
  checker.check(request(text));
  for (let i = 0; i < (quick ? 30 : 100); i++) {
    const at = Math.floor(text.length * ((i * 37) % 100) / 100);
    text = text.slice(0, at) + (i % 2 ? '的' : '了') + text.slice(at);
    incremental.push(time(() => checker.check(request(text))));
  }
  return { node: process.version, full: stats(full), incremental: stats(incremental) };
}

export async function benchLatency({ quick = false, print = true } = {}) {
  const node = await benchNode({ quick });
  if (!existsSync(CHROMIUM)) {
    const notice = `${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk): Chromium latency skipped`;
    if (print) console.log(`${formatNode(node)}\n(${notice})`);
    return { node, skipped: notice };
  }
  const { helpers: h, dir } = await chromiumHelpers();
  h.ensureBuilt();
  const { server, origin } = await h.serveReplica();
  const tmp = mkdtempSync(join(tmpdir(), 'dafu-bench-chromium-'));
  let context;
  try {
    const launched = await h.launchWithExtension(join(tmp, 'profile'));
    context = launched.context;
    const popup = await h.openPopupAndEnable(context, launched.extId, `${origin}/reply.html`);
    await popup.close();
    const text = longReply();
    const opts = { coldRuns: quick ? 1 : 3, fullRuns: quick ? 3 : 7, keystrokes: quick ? 12 : 30, text };
    const result = {
      node,
      chars: text.length, paragraphs: text.split('\n').length, browser: execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(), targetMs: 16,
      keystrokes: opts.keystrokes, debounce: 'adaptive: none up to 2,000 chars, 100 ms at 10,000',
      textarea: await benchEditor(h, context, origin, 'textarea', opts),
      ueditor: await benchEditor(h, context, origin, 'ueditor', opts),
    };
    const short = longReply(1500);
    result.short = { chars: short.length, ...(await benchEditor(h, context, origin, 'textarea', { coldRuns: 1, fullRuns: 1, keystrokes: quick ? 6 : 15, text: short })) };
    if (print) console.log(formatLatencyBench(result));
    return result;
  } finally {
    await context?.close();
    server.close();
    rmSync(tmp, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

const formatNode = (n) => `\n同一答复在 Node ${n.node} 中（中位数 / p95 毫秒）：从头检查 ${n.full.median.toFixed(1)} / ${n.full.p95.toFixed(1)}，按键后增量重检 ${n.incremental.median.toFixed(1)} / ${n.incremental.p95.toFixed(1)}`;

export function formatLatencyBench(r) {
  if (r.skipped) return `${formatNode(r.node)}\n(${r.skipped})`;
  const ms = (s) => (s ? `${s.median.toFixed(1).padStart(7)} /${s.p95.toFixed(1).padStart(7)}` : '      —        ');
  const rows = [
    ['首次检查（冷，含构建检查器）', 'cold'],
    ['全文重检（全新文本，检查器已热）', 'full'],
    ['按键后增量重检（检查器）', 'incremental'],
    ['按键后重检（读取+检查+面板+下划线）', 'recheck'],
    ['按键到下划线（含防抖等待）', 'endToEnd'],
  ];
  // pads to a display width: a Chinese character takes two columns
  const pad = (s, w) => s + ' '.repeat(Math.max(0, w - [...s].reduce((n, c) => n + (c.charCodeAt(0) > 0xff ? 2 : 1), 0)));
  const L = [`\nChromium 延迟：${r.chars} 字答复（${r.paragraphs} 段），扩展内测得，中位数 / p95 毫秒；${r.browser}`];
  L.push(`${pad('', 38)}  textarea             UEditor iframe`);
  for (const [label, key] of rows) L.push(`${pad(label, 38)}  ${ms(r.textarea[key])}    ${ms(r.ueditor[key])}`);
  const worst = Math.max(r.textarea.incremental?.median ?? Infinity, r.ueditor.incremental?.median ?? Infinity);
  L.push(`目标：按键后增量重检中位数 < ${r.targetMs} ms（一帧）——${worst < r.targetMs ? '达到' : '未达到'}（${r.keystrokes} 次按键）`);
  if (r.short?.endToEnd) L.push(`短稿（${r.short.chars} 字，textarea）按键到下划线：${ms(r.short.endToEnd).trim()}（中位数 / p95 毫秒，不等待即检查）`);
  L.push(formatNode(r.node).trimStart());
  return L.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchLatency({ quick: process.argv.includes('--quick') });
