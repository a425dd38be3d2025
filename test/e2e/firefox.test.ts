/**
 * End-to-end test of the Firefox build of the extension (MV2) in Debian's firefox-esr, driven
 * by puppeteer-core over WebDriver BiDi, against the replica page (test/e2e/replica/) on 127.0.0.1.
 *
 * - Skips with a loud notice when firefox-esr is missing; fails instead when DAFU_BROWSER_TESTS=1.
 * - Builds a test bundle with the administrator's route (extension/README.md):
 *   DAFU_HOSTS=http://127.0.0.1/* puts the host into the manifest's permissions, granted at
 *   install, and the background enables it on install. Firefox MV2 optional permissions can only
 *   be granted by a user click, so this is the honest way without the prompt. `--mode e2e` makes
 *   WXT write to .output/firefox-mv2-e2e, so the normal builds are left alone.
 * - Installs it as a temporary add-on (BiDi webExtension.install via browser.installExtension).
 * - Every connection Firefox makes, except to the replica, goes to a logging proxy; a canary
 *   request at the end proves the proxy sees them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, ElementHandle, Frame, JSHandle, Page } from 'puppeteer-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const EXT_DIR = join(ROOT, 'extension');
const EXT_OUT = join(EXT_DIR, '.output/firefox-mv2-e2e');
const REPLICA = join(HERE, 'replica');
const RESULTS = join(ROOT, 'test-results');
const FIREFOX = process.env.DAFU_FIREFOX ?? '/usr/bin/firefox-esr';
const REQUIRED = process.env.DAFU_BROWSER_TESTS === '1';
const HAVE_FIREFOX = existsSync(FIREFOX);
const EXT_ID = 'dafu@dafu.local';
// fixed moz-extension:// host (pref extensions.webextensions.uuids), so extension pages have a known URL
const EXT_UUID = '0b7e4a52-4c7a-4f38-9d3e-8a1f2f3b6c11';
const EXT_BASE = `moz-extension://${EXT_UUID}`;

if (!HAVE_FIREFOX && !REQUIRED) {
  console.warn([
    '',
    '################################################################################',
    '#  SKIPPED: Firefox extension e2e tests (test/e2e/firefox.test.ts)',
    `#  ${FIREFOX} not found. Install it with:`,
    '#      apt-get update && apt-get install -y --no-install-recommends firefox-esr fonts-noto-cjk',
    '#  Set DAFU_BROWSER_TESTS=1 to make a missing browser a test FAILURE (CI).',
    '################################################################################',
    '',
  ].join('\n'));
}

function buildFirefoxBundle(): void {
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mode', 'e2e'], {
    cwd: EXT_DIR, stdio: 'inherit', timeout: 300_000, env: { ...process.env, DAFU_HOSTS: 'http://127.0.0.1/*' },
  });
  execFileSync('node', ['scripts/audit-bundle.mjs', EXT_OUT], { cwd: EXT_DIR, stdio: 'inherit' });
}

function listen(server: http.Server): Promise<number> {
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port)));
}

function serveReplica(): http.Server {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
  return http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'reply.html';
    const file = resolve(REPLICA, path);
    if (!file.startsWith(REPLICA) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
}

/** An HTTP proxy that answers nothing and records what was asked of it. */
function loggingProxy(log: string[]): http.Server {
  const proxy = http.createServer((req, res) => { log.push(`${req.method} ${req.url}`); res.writeHead(502); res.end(); });
  proxy.on('connect', (req, socket) => { log.push(`CONNECT ${req.url}`); socket.destroy(); });
  return proxy;
}

/**
 * Firefox's BiDi does not send load events for moz-extension:// documents, so page.goto would
 * wait forever: start the navigation, wait for the document itself, then drop the goto.
 */
async function openExtensionPage(page: Page, path: string): Promise<void> {
  const url = `${EXT_BASE}/${path}`;
  const ac = new AbortController();
  const nav = page.goto(url, { signal: ac.signal }).catch(() => undefined);
  await page.waitForFunction((u) => location.href === u && document.readyState === 'complete', { timeout: 10_000 }, url);
  ac.abort();
  await nav;
}

async function editorFrame(page: Page | Frame, selector = '#ueditor_0'): Promise<Frame> {
  const handle = await page.waitForSelector(selector);
  for (let i = 0; i < 50; i++) {
    const f = await handle!.contentFrame();
    if (f && await f.evaluate(() => document.body?.isContentEditable).catch(() => false)) return f;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`editor frame ${selector} not ready`);
}

/** What the page's panel shows (read from the page's world: the shadow root is open). */
function panelState(page: Page): Promise<{ text: string | null; findings: number; underlined: string[] }> {
  return page.evaluate(() => {
    const root = document.querySelector('dafu-panel')?.shadowRoot;
    return {
      text: root?.querySelector('.panel')?.textContent ?? null,
      findings: root?.querySelectorAll('.finding').length ?? 0,
      underlined: [...(root?.querySelectorAll('.finding[data-underline="1"] .excerpt q') ?? [])].map((q) => q.textContent ?? ''),
    };
  });
}

/** Highlights registered in a document (the registry is per document). */
function highlightTexts(f: Frame | Page): Promise<Record<string, string[]>> {
  return f.evaluate(() => {
    const out: Record<string, string[]> = {};
    const reg = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    if (!reg) return out;
    for (const [name, h] of reg) out[name] = [...h].map((r) => r.toString());
    return out;
  });
}

/** The part of an extension page's `browser` namespace the test reads. */
type ExtPage = { browser: {
  runtime: { getBackgroundPage(): Promise<Window | null> };
  scripting: { getRegisteredContentScripts(): Promise<unknown[]> };
} };
/** A real mouse click on an element found by page script (e.g. inside the panel's shadow root). */
const clickHandle = (h: JSHandle<unknown>) => (h.asElement() as ElementHandle<Element>).click();
const painted = async (f: Frame) => Object.entries(await highlightTexts(f)).filter(([k]) => k !== 'dafu-active').flatMap(([, v]) => v);
const bodyText = (page: Page) => page.evaluate(() => (window as unknown as { __replica: { getBodyText(): string } }).__replica.getBodyText());

const FLAWED = '你提出的关于优化城区公交线路的建议收悉。截止目前，我局高度重视，将认真研究。';
const CANARY = 'http://dafu-canary.invalid/';

describe.skipIf(!HAVE_FIREFOX && !REQUIRED)('browser extension e2e (Firefox)', () => {
  let browser: Browser;
  let server: http.Server;
  let proxy: http.Server;
  let origin = '';
  const proxied: string[] = [];
  let output = '';

  beforeAll(async () => {
    if (!HAVE_FIREFOX) {
      throw new Error(`DAFU_BROWSER_TESTS=1 but ${FIREFOX} is missing: apt-get update && apt-get install -y --no-install-recommends firefox-esr`);
    }
    buildFirefoxBundle();
    mkdirSync(RESULTS, { recursive: true });
    server = serveReplica();
    const port = await listen(server);
    origin = `http://127.0.0.1:${port}`;
    proxy = loggingProxy(proxied);
    const proxyPort = await listen(proxy);
    const { default: puppeteer } = await import('puppeteer-core');
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      defaultViewport: { width: 1280, height: 900 },
      // lets the driver navigate tabs to moz-extension:// pages (popup, options); the extension is unaffected
      args: ['--remote-allow-system-access'],
      // Firefox's test-harness switch: no connections to non-local hosts; it also lets the
      // remote-settings server pref below take effect in a release build
      env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [EXT_ID]: EXT_UUID }),
        'services.settings.server': 'data:,#remote-settings-dummy/v1',
        // console output of extension pages and content scripts to stdout: the extension's "[dafu] …" warnings are checked
        'devtools.console.stdout.chrome': true,
        'devtools.console.stdout.content': true,
        'intl.locale.requested': 'zh-CN',
        'intl.accept_languages': 'zh-CN',
        // every connection except the replica's goes to the logging proxy (localhost included)
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxyPort,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxyPort,
        'network.proxy.allow_hijacking_localhost': true,
        'network.proxy.no_proxies_on': `127.0.0.1:${port}`,
      },
    });
    // uncaught errors ("JavaScript error: moz-extension://…") and console output end up here
    for (const s of [browser.process()?.stdout, browser.process()?.stderr]) s?.on('data', (d: Buffer) => { output += d.toString(); });
    expect(await browser.installExtension(EXT_OUT)).toBe(EXT_ID);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    proxy?.close();
  });

  it('background enables the install-time host; popup loads and quick-checks text', async () => {
    const page = await browser.newPage();
    await openExtensionPage(page, `popup.html?target=${encodeURIComponent(`${origin}/reply.html`)}`);
    await expect.poll(() => page.evaluate(() => document.querySelector('#status')?.textContent)).toContain('已在此网站启用');
    // the background page is up and registered the content script (Firefox MV2 scripting API)
    expect(await page.evaluate(async () => (await (globalThis as unknown as ExtPage).browser.runtime.getBackgroundPage())?.location.pathname)).toBe('/_generated_background_page.html');
    expect(await page.evaluate(() => (globalThis as unknown as ExtPage).browser.scripting.getRegisteredContentScripts())).toMatchObject([
      { id: 'dafu-content', matches: ['http://127.0.0.1/*'], allFrames: true },
    ]);
    await page.type('#text', FLAWED);
    await page.click('#check');
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('#results .finding').length)).toBeGreaterThan(1);
    expect(await page.evaluate(() => document.querySelector('#results')?.textContent)).toContain('截止');
    await page.screenshot({ path: join(RESULTS, 'firefox-popup.png') });

    // 停用 / 在此网站启用 in the popup: the open tab follows (the host stays granted, so no prompt)
    const tab = await browser.newPage();
    await tab.goto(`${origin}/reply.html#reply/2025-R-0137`);
    const hasPanel = () => tab.evaluate(() => !!document.querySelector('dafu-panel')?.shadowRoot?.querySelector('.panel'));
    await expect.poll(hasPanel, { timeout: 8000 }).toBe(true);
    const status = () => page.evaluate(() => document.querySelector('#status')?.textContent);
    await page.click('#toggle');
    await expect.poll(status).toContain('未在此网站启用');
    await expect.poll(hasPanel).toBe(false);
    await page.click('#toggle');
    await expect.poll(status, { timeout: 8000 }).toContain('已在此网站启用');
    await expect.poll(hasPanel, { timeout: 8000 }).toBe(true);
    await tab.close();
    await page.close();
  }, 60_000);

  it('plain textarea: panel findings and mirror underlines', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/reply.html?editor=textarea#reply/2025-R-0137`);
    await page.waitForFunction(() => document.querySelector('dafu-panel')?.shadowRoot?.querySelector('.panel'), { timeout: 8000 });
    await page.click('textarea[name=dfzw]');
    await page.keyboard.type(FLAWED);
    await expect.poll(async () => (await panelState(page)).findings, { timeout: 8000 }).toBeGreaterThanOrEqual(2);
    const marks = () => page.evaluate(() => [...(document.querySelector('dafu-mirror')?.shadowRoot?.querySelectorAll('.m:not(.plain)') ?? [])].map((m) => m.textContent ?? ''));
    await expect.poll(async () => (await marks()).length).toBeGreaterThan(0);
    const state = await panelState(page);
    expect(state.text).toContain('人大建议');
    expect([...await marks()].sort()).toEqual([...state.underlined].sort());
    expect(await marks()).toContain('截止');
    await page.screenshot({ path: join(RESULTS, 'firefox-textarea.png') });
    await page.close();
  }, 60_000);

  it('UEditor iframe: highlights in the editor document, click-to-select, safe fix', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/reply.html#reply/2025-R-0137`);
    const ed = await editorFrame(page);
    await page.waitForFunction(() => document.querySelector('dafu-panel')?.shadowRoot?.querySelector('.panel'), { timeout: 8000 });
    await ed.click('body');
    await page.keyboard.type(FLAWED);
    await expect.poll(async () => (await panelState(page)).findings, { timeout: 8000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => (await painted(ed)).length).toBeGreaterThan(0);
    const state = await panelState(page);
    expect(state.text).toContain('字段：答复正文');
    expect([...await painted(ed)].sort()).toEqual([...state.underlined].sort());
    expect(await painted(ed)).toContain('截止');
    await page.screenshot({ path: join(RESULTS, 'firefox-ueditor.png') });

    // click a finding: its text is selected in the editor
    const msg = await page.evaluateHandle(() => [...document.querySelector('dafu-panel')!.shadowRoot!.querySelectorAll('.finding[data-underline="1"]')]
      .find((f) => f.textContent?.includes('截止'))!.querySelector('.msg')!);
    await clickHandle(msg);
    await expect.poll(() => ed.evaluate(() => getSelection()?.toString())).toBe('截止');

    // safe fix through the editor's input path (execCommand in Firefox): the page sees the new text
    const fix = await page.evaluateHandle(() => document.querySelector('dafu-panel')!.shadowRoot!.querySelector('.finding button.fix')!);
    const replacement = (await fix.evaluate((b) => b.textContent ?? '')).replace(/^改为“|”$/g, '');
    expect(replacement).not.toBe('');
    await clickHandle(fix);
    await expect.poll(() => bodyText(page)).toContain(replacement);
    await page.close();
  }, 60_000);

  it('submit gate stops 提交审核 with errors; 继续提交 lets it through', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/reply.html#reply/2025-R-0137`);
    const ed = await editorFrame(page);
    await page.waitForFunction(() => document.querySelector('dafu-panel')?.shadowRoot?.querySelector('.panel'), { timeout: 8000 });
    await ed.click('body');
    await page.keyboard.type(FLAWED);
    await page.waitForFunction(() => document.querySelector('dafu-panel')?.shadowRoot?.querySelector('.finding[data-severity=error]'), { timeout: 8000 });
    await page.evaluate(() => {
      const sel = document.querySelector<HTMLSelectElement>('select[name=dflb]')!;
      sel.selectedIndex = 2;
      sel.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const st = () => page.evaluate(() => (window as unknown as { __replica: { getState(): { submitted: unknown[]; clicks: string[] } } }).__replica.getState());
    const dialogButton = (cls: string) => page.waitForFunction((c) => document.querySelector('dafu-panel')?.shadowRoot?.querySelector(`.dialog button.${c}`), { timeout: 8000 }, cls);
    await page.click('#btnSubmit');
    const back = await dialogButton('back');
    expect(await page.evaluate(() => document.querySelector('dafu-panel')!.shadowRoot!.querySelector('.dialog h2')?.textContent)).toContain('提交审核');
    await page.screenshot({ path: join(RESULTS, 'firefox-submit-gate.png') });
    expect((await st()).clicks).toEqual([]);
    await clickHandle(back);
    await page.waitForFunction(() => !document.querySelector('dafu-panel')?.shadowRoot?.querySelector('.dialog'));
    expect((await st()).submitted).toHaveLength(0);
    await page.click('#btnSubmit');
    await clickHandle(await dialogButton('continue'));
    await expect.poll(async () => (await st()).submitted.length).toBe(1);
    expect((await st()).clicks).toEqual(['submit']);
    await page.close();
  }, 60_000);

  it.each([
    ['?editor=kindeditor', 'iframe.ke-edit-iframe'],
    ['?editor=tinymce&labels=alt2&optvalues=index', '#content_ifr'],
    ['?editor=wangeditor5', null],
  ])('variant %s: found, checked and underlined', async (search, frameSel) => {
    const page = await browser.newPage();
    await page.goto(`${origin}/reply.html${search}#reply/2025-R-0137`);
    const doc = frameSel ? await editorFrame(page, frameSel) : page.mainFrame();
    await page.waitForFunction(() => document.querySelector('dafu-panel')?.shadowRoot?.querySelector('.panel'), { timeout: 8000 });
    await doc.click(frameSel ? 'body' : '[data-slate-editor]');
    await page.keyboard.type(FLAWED);
    await expect.poll(async () => (await panelState(page)).findings, { timeout: 8000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => painted(doc)).toContain('截止');
    await page.close();
  }, 60_000);

  it('dialog variant: the reply form inside an iframe dialog gets its own panel', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/reply.html?frame=dialog#reply/2025-R-0137`);
    const dialog = (await (await page.waitForSelector('#layui-layer-iframe1'))!.contentFrame())!;
    const ed = await editorFrame(dialog);
    await dialog.waitForFunction(() => document.querySelector('dafu-panel')?.shadowRoot?.querySelector('.panel'), { timeout: 8000 });
    await ed.click('body');
    await page.keyboard.type(FLAWED);
    await expect.poll(() => dialog.evaluate(() => document.querySelector('dafu-panel')?.shadowRoot?.querySelectorAll('.finding').length ?? 0), { timeout: 8000 })
      .toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => document.querySelectorAll('dafu-panel').length)).toBe(0);
    await page.close();
  }, 60_000);

  it('options page lists the site as enabled', async () => {
    const page = await browser.newPage();
    await openExtensionPage(page, 'options.html');
    await expect.poll(() => page.evaluate(() => document.querySelector('#siteTable tr[data-origin="http://127.0.0.1"]')?.textContent ?? ''))
      .toContain('已启用');
    await page.close();
  }, 30_000);

  it('no extension errors and no connections except to 127.0.0.1', async () => {
    const lines = output.split('\n');
    expect(lines.filter((l) => (/error/i.test(l) && l.includes(EXT_BASE)) || l.includes('[dafu]'))).toEqual([]);
    expect(proxied).toEqual([]);
    // canary: a request to another host does reach the logging proxy
    const page = await browser.newPage();
    await page.goto(`${origin}/reply.html#list`);
    await page.evaluate((u) => fetch(u).catch(() => undefined), CANARY);
    await expect.poll(() => proxied).toEqual([`GET ${CANARY}`]);
    await page.close();
  }, 30_000);
});
