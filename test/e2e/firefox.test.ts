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
 * - Downloads (下载批注版, 导出设置) go without a dialog to a temporary folder that the test reads:
 *   puppeteer's BiDi mode has no download events for the default browser context.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, ElementHandle, Frame, JSHandle, Page } from 'puppeteer-core';
import { downloaded, FIREFOX, launchFirefox, loggingProxy } from '../helpers/firefox';
import { makeReplyLetterDocx } from '../helpers/reply-letter';
import { EXT_DIR, listen, readHighlights, REQUIRED, RESULTS, serveReplica, warnIfMissing } from '../helpers/replica';

const EXT_OUT = join(EXT_DIR, '.output/firefox-mv2-e2e');
const HAVE_FIREFOX = existsSync(FIREFOX);
const EXT_ID = 'dafu@dafu.local';
// fixed moz-extension:// host (pref extensions.webextensions.uuids), so extension pages have a known URL
const EXT_UUID = '0b7e4a52-4c7a-4f38-9d3e-8a1f2f3b6c11';
const EXT_BASE = `moz-extension://${EXT_UUID}`;

warnIfMissing(FIREFOX, 'Firefox extension e2e tests (test/e2e/firefox.test.ts)', 'apt-get update && apt-get install -y --no-install-recommends firefox-esr fonts-noto-cjk');

function buildFirefoxBundle(): void {
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mode', 'e2e'], {
    cwd: EXT_DIR, stdio: 'inherit', timeout: 300_000, env: { ...process.env, DAFU_HOSTS: 'http://127.0.0.1/*' },
  });
  execFileSync('node', ['scripts/audit-bundle.mjs', EXT_OUT], { cwd: EXT_DIR, stdio: 'inherit' });
}

/**
 * Firefox's BiDi does not send load events for moz-extension:// documents, so page.goto would
 * wait forever: start the navigation, poll the document from here until it is the one asked for,
 * then drop the goto. A poll can fail inside Firefox's BiDi while the old document is torn down
 * ("right-hand side of 'in' should be an object", seen in CI only); a page that keeps failing for
 * 3 s is navigated again.
 */
async function openExtensionPage(page: Page, path: string): Promise<void> {
  const url = `${EXT_BASE}/${path}`;
  const deadline = Date.now() + 15_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const ac = new AbortController();
    const nav = page.goto(url, { signal: ac.signal }).catch(() => undefined);
    let failingSince = 0;
    try {
      while (Date.now() < deadline && (!failingSince || Date.now() - failingSince < 3000)) {
        try {
          if (await page.evaluate((u) => location.href === u && document.readyState === 'complete', url)) return;
          failingSince = 0;
        } catch (e) {
          lastError = e;
          failingSince ||= Date.now();
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      ac.abort();
      await nav;
    }
  }
  throw new Error(`extension page ${url} did not open`, { cause: lastError });
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

/** Opens the replica's reply form and types the flawed reply into its UEditor once the panel is up; returns the editor frame. */
async function typeFlawedReply(page: Page, origin: string): Promise<Frame> {
  await page.goto(`${origin}/reply.html#reply/2025-R-0137`);
  const ed = await editorFrame(page);
  await page.waitForFunction(() => document.querySelector('dafu-panel')?.shadowRoot?.querySelector('.panel'), { timeout: 8000 });
  await ed.click('body');
  await page.keyboard.type(FLAWED);
  return ed;
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

/** Highlights registered in a document. */
const highlightTexts = (f: Frame | Page): Promise<Record<string, string[]>> => f.evaluate(readHighlights);

/** The part of an extension page's `browser` namespace the test reads. */
type ExtPage = { browser: {
  runtime: { getBackgroundPage(): Promise<Window | null> };
  scripting: { getRegisteredContentScripts(): Promise<unknown[]> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
} };
type StoredSettings = { ignored: { fingerprint: string; origin: string }[]; sites: { origin: string; fields?: Record<string, unknown> }[] };
/** The extension's stored settings, read from one of its pages (content scripts share this storage). */
const storedSettings = (extPage: Page) => extPage.evaluate(async () =>
  (await (globalThis as unknown as ExtPage).browser.storage.local.get('settings')).settings as StoredSettings);
/** A real mouse click on an element found by page script (e.g. inside the panel's shadow root). */
const clickHandle = (h: JSHandle<unknown>) => (h.asElement() as ElementHandle<Element>).click();
const painted = async (f: Frame) => Object.entries(await highlightTexts(f)).filter(([k]) => k !== 'dafu-active').flatMap(([, v]) => v);
/** The first element matching `sel` in the panel's shadow root (optionally containing `text`). */
const inPanel = async (page: Page | Frame, sel: string, text = '') => (await page.waitForFunction((s, t) =>
  [...(document.querySelector('dafu-panel')?.shadowRoot?.querySelectorAll(s) ?? [])].find((e) => e.textContent?.includes(t)), { timeout: 8000 }, sel, text))
  .asElement() as ElementHandle<Element>;
const pickerText = (page: Page, sel: string) => page.evaluate((s) => document.querySelector('dafu-picker')?.shadowRoot?.querySelector(s)?.textContent ?? null, sel);
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
  let tmp = '';
  let downloads = '';
  let docxPath = '';

  beforeAll(async () => {
    if (!HAVE_FIREFOX) {
      throw new Error(`DAFU_BROWSER_TESTS=1 but ${FIREFOX} is missing: apt-get update && apt-get install -y --no-install-recommends firefox-esr`);
    }
    buildFirefoxBundle();
    mkdirSync(RESULTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'dafu-firefox-'));
    downloads = join(tmp, 'downloads');
    mkdirSync(downloads);
    docxPath = join(tmp, '答复函-0137.docx');
    await makeReplyLetterDocx(docxPath);
    ({ server, origin } = await serveReplica());
    proxy = loggingProxy(proxied);
    const proxyPort = await listen(proxy);
    browser = await launchFirefox({
      proxyPort, direct: new URL(origin).host, downloads,
      // lets the driver navigate tabs to moz-extension:// pages (popup, options); the extension is unaffected
      args: ['--remote-allow-system-access'],
      prefs: {
        'extensions.webextensions.uuids': JSON.stringify({ [EXT_ID]: EXT_UUID }),
        // console output of extension pages and content scripts to stdout: the extension's "[dafu] …" warnings are checked
        'devtools.console.stdout.chrome': true,
        'devtools.console.stdout.content': true,
        'intl.accept_languages': 'zh-CN',
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
    if (tmp) rmSync(tmp, { recursive: true, force: true });
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
    // a .docx chosen in the popup's own file input
    await (await page.$('input#file'))!.uploadFile(docxPath);
    await expect.poll(() => page.evaluate(() => document.querySelector('#results h3')?.textContent)).toContain('答复函-0137.docx');
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
    const ed = await typeFlawedReply(page, origin);
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
    const ed = await typeFlawedReply(page, origin);
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

  it('checks a .docx chosen in the hidden file input behind 上传答复函; 下载批注版 saves the annotated copy', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/reply.html#reply/2025-R-0137`);
    await editorFrame(page);
    await inPanel(page, '.panel');
    // the page's button clicks its hidden <input type=file>: the file dialog is answered by the driver
    const [chooser] = await Promise.all([page.waitForFileChooser({ timeout: 8000 }), page.click('button.choose-file')]);
    await chooser.accept([docxPath]);
    await inPanel(page, '.section', '答复函：答复函-0137.docx');
    // the page's own (simulated AJAX) upload still ran
    await expect.poll(() => page.evaluate(() => (window as unknown as { __replica: { getState(): { uploads: string[] } } }).__replica.getState().uploads)).toEqual(['答复函-0137.docx']);
    const docFindings = () => page.evaluate(() => [...document.querySelector('dafu-panel')!.shadowRoot!.querySelectorAll('.finding[data-doc="答复函-0137.docx"] .excerpt q')].map((q) => q.textContent ?? ''));
    await expect.poll(async () => (await docFindings()).length).toBeGreaterThan(0);
    expect((await docFindings()).join('')).toContain('截止');
    await page.screenshot({ path: join(RESULTS, 'firefox-docx-upload.png') });

    // 下载批注版: built in the page and saved from a blob URL
    await clickHandle(await inPanel(page, '.section button.download', '下载批注版'));
    const saved = await downloaded(downloads, (n) => n === '答复函-0137.dafu批注.docx');
    const { unzipSync, strFromU8 } = await import('fflate');
    expect(strFromU8(unzipSync(new Uint8Array(readFileSync(saved)))['word/comments.xml'])).toContain('dafu 答复检查');
    await page.close();
  }, 60_000);

  it('忽略此处 hides a finding, is stored by the extension and survives a reload', async () => {
    const page = await browser.newPage();
    const ed = await typeFlawedReply(page, origin);
    const fp = await (await inPanel(page, '.finding[data-underline="1"]', '截止')).evaluate((f) => f.getAttribute('data-fingerprint')!);
    const shown = () => page.evaluate((f) => !!document.querySelector('dafu-panel')!.shadowRoot!.querySelector(`.finding[data-fingerprint="${f}"]`), fp);
    await expect.poll(async () => (await painted(ed)).length).toBeGreaterThan(0);
    const before = (await painted(ed)).length;
    // the panel re-renders after each check: find the button by the finding's fingerprint right before clicking
    await clickHandle(await inPanel(page, `.finding[data-fingerprint="${fp}"] button.ignore`));
    await expect.poll(shown).toBe(false);
    await expect.poll(async () => (await painted(ed)).length).toBe(before - 1);
    expect((await panelState(page)).text).toContain('已忽略 1 处');
    const ext = await browser.newPage();
    await openExtensionPage(ext, 'options.html');
    await expect.poll(async () => (await storedSettings(ext)).ignored).toEqual([expect.objectContaining({ fingerprint: fp, origin: 'http://127.0.0.1' })]);
    await ext.close();

    // after a reload: once the whole text is checked again ("已忽略 1 处"), the finding is still hidden
    await page.reload();
    const ed2 = await editorFrame(page);
    await inPanel(page, '.panel');
    await ed2.click('body');
    await page.keyboard.type(FLAWED);
    await inPanel(page, '.foot', '已忽略 1 处');
    expect(await shown()).toBe(false);
    expect((await panelState(page)).findings).toBeGreaterThan(0);
    await page.close();
  }, 60_000);

  it('options page: site enabled, ignored list, settings export and import', async () => {
    const page = await browser.newPage();
    await openExtensionPage(page, 'options.html');
    const text = (sel: string) => page.evaluate((s) => document.querySelector(s)?.textContent ?? '', sel);
    await expect.poll(() => text('#siteTable tr[data-origin="http://127.0.0.1"]')).toContain('已启用');
    // the finding ignored in the previous test is listed; 恢复 brings it back
    expect(await text('#ignoredTable tbody')).toContain('截止');
    await page.click('#ignoredTable tbody button');
    await expect.poll(() => text('#ignoredTable tbody')).toContain('没有忽略的提示');

    // export: a JSON file from a blob URL
    await page.click('#export');
    const exported = JSON.parse(readFileSync(await downloaded(downloads, (n) => /^dafu-设置-.*\.json$/.test(n)), 'utf8'));
    expect(exported).toMatchObject({ version: 1, sites: [{ origin: 'http://127.0.0.1', enabled: true }], submitGate: true });
    const importJson = async (json: string) => {
      await page.evaluate((j) => { document.querySelector<HTMLTextAreaElement>('#importText')!.value = j; }, json);
      await page.click('#import');
    };
    // import: not JSON, then a shape the validator refuses, then a valid one that applies
    await importJson('{');
    await expect.poll(() => text('#importMsg')).toContain('不是有效的 JSON');
    await importJson(JSON.stringify({ ...exported, preset: 'loose' }));
    await expect.poll(() => text('#importMsg')).toContain('未导入，设置有问题');
    expect(await text('#importMsg')).toContain('preset');
    await importJson(JSON.stringify({ ...exported, preset: 'strict', underline: false }));
    await expect.poll(() => text('#importMsg')).toContain('已导入');
    await expect.poll(() => page.evaluate(() => [document.querySelector<HTMLSelectElement>('#preset')!.value, document.querySelector<HTMLInputElement>('#underline')!.checked]))
      .toEqual(['strict', false]);
    await page.screenshot({ path: join(RESULTS, 'firefox-options.png'), fullPage: true });
    // restore the exported settings for later tests
    await importJson(JSON.stringify(exported));
    await expect.poll(() => page.evaluate(() => document.querySelector<HTMLInputElement>('#underline')!.checked)).toBe(true);
    await page.close();
  }, 30_000);

  it('element picker from the popup: Esc cancels; picking the unlabeled editor saves its selector and checks it', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/reply.html?labels=none#reply/2025-R-0137`);
    const ed = await editorFrame(page);
    const popup = await browser.newPage();
    await openExtensionPage(popup, `popup.html?target=${encodeURIComponent(page.url())}`);
    await expect.poll(() => popup.evaluate(() => document.querySelector('#status')?.textContent)).toContain('已在此网站启用');
    const startPicking = async () => {
      await popup.click('#pick');
      await expect.poll(() => popup.evaluate(() => document.querySelector('#hint')?.textContent)).toContain('请在页面上单击');
      await page.bringToFront();
      await expect.poll(() => pickerText(page, '.bar')).toContain('答复正文');
    };
    const siteFields = async () => (await storedSettings(popup)).sites.find((x) => x.origin === 'http://127.0.0.1')?.fields ?? null;
    await startPicking();
    expect(await page.evaluate(() => document.querySelectorAll('dafu-panel').length)).toBe(0); // not found by itself
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('dafu-picker').length)).toBe(0);
    expect(await siteFields()).toBeNull();

    await startPicking();
    const editor = (await page.$('#ueditor_0'))!;
    await editor.scrollIntoView();
    const box = (await editor.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    await expect.poll(() => pickerText(page, '.box')).toContain('编辑器「办理情况」');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => pickerText(page, '.dialog code')).toBe('div.edui-editor-iframeholder iframe');
    await page.screenshot({ path: join(RESULTS, 'firefox-picker-confirm.png') });
    await clickHandle(await page.evaluateHandle(() => document.querySelector('dafu-picker')!.shadowRoot!.querySelector('.dialog button.save')!));
    await expect.poll(siteFields).toEqual({ replyBody: { selector: 'div.edui-editor-iframeholder iframe', label: '办理情况' } });
    // the checker attaches at once, without a reload
    await inPanel(page, '.panel');
    await ed.click('body');
    await page.keyboard.type(FLAWED);
    await expect.poll(async () => (await panelState(page)).findings, { timeout: 8000 }).toBeGreaterThanOrEqual(2);
    expect((await panelState(page)).text).toContain('截止');

    // the options page shows the picked selector in the site's field settings; an invalid one is refused
    const opt = await browser.newPage();
    await openExtensionPage(opt, 'options.html');
    const row = 'tr[data-origin="http://127.0.0.1"]';
    const input = `${row} input[data-field="replyBody.selector"]`;
    await opt.waitForSelector(`${row} summary`).then((h) => h!.click());
    expect(await opt.$eval(input, (i) => (i as HTMLInputElement).value)).toBe('div.edui-editor-iframeholder iframe');
    const saveSelector = async (v: string) => {
      await opt.$eval(input, (i, val) => { (i as HTMLInputElement).value = val; }, v);
      await clickHandle(await opt.evaluateHandle((r) => [...document.querySelectorAll(`${r} button`)].find((b) => b.textContent === '保存字段设置')!, row));
    };
    const siteMsg = () => opt.evaluate(() => document.querySelector('#siteMsg')?.textContent);
    await saveSelector('textarea[name=');
    await expect.poll(siteMsg).toContain('不是有效的 CSS 选择器');
    await saveSelector('');
    await expect.poll(siteMsg).toContain('已保存');
    await expect.poll(siteFields).toEqual({ replyBody: { label: '办理情况' } });
    await opt.close();
    await popup.close();
    await page.close();
  }, 60_000);

  it('the suggestion from a frameset frame and from another tab: the coverage table without a file', async () => {
    // what the panel of a document shows: the chosen source and the coverage rows
    const shown = (f: Page | Frame) => f.evaluate(() => {
      const root = document.querySelector('dafu-panel')?.shadowRoot;
      const select = root?.querySelector('select.source-pick') as HTMLSelectElement | null | undefined;
      return {
        source: select ? select.options[select.selectedIndex]?.textContent ?? '' : null,
        rows: [...(root?.querySelectorAll('table.coverage tr') ?? [])].map((tr) => tr.getAttribute('data-status')),
      };
    });
    const reply = '您提出的关于优化城区公交线路的建议收悉。现答复如下：\n一、我局已于2025年5月在城东片区新开通2条社区微循环公交线路。';
    const page = await browser.newPage();
    await page.goto(`${origin}/frames.html`);
    const main = await (await page.waitForSelector('frame[name=main]'))!.contentFrame();
    const ed = await editorFrame(main!);
    await main!.waitForFunction(() => document.querySelector('dafu-panel')?.shadowRoot?.querySelector('select.source-pick'), { timeout: 8000 });
    await ed.click('body');
    await page.keyboard.type(reply);
    await expect.poll(() => shown(main!), { timeout: 8000 }).toEqual({ source: '框架《关于优化城区公交线路的建议》', rows: ['answered', 'missing', 'missing'] });
    await page.close();

    const record = await browser.newPage();
    await record.goto(`${origin}/record.html?shape=text#2025-R-0137`);
    await record.waitForFunction(() => document.documentElement.getAttribute('data-dafu') === 'on', { timeout: 8000 });
    const form = await browser.newPage();
    await form.goto(`${origin}/reply.html#reply/2025-R-0137`);
    const ed2 = await editorFrame(form);
    await form.waitForFunction(() => document.querySelector('dafu-panel')?.shadowRoot?.querySelector('select.source-pick'), { timeout: 8000 });
    await ed2.click('body');
    await form.keyboard.type(reply);
    await expect.poll(() => shown(form), { timeout: 8000 }).toEqual({ source: '另一标签页《关于优化城区公交线路的建议》', rows: ['answered', 'missing', 'missing'] });
    await form.close();
    await record.close();
  }, 60_000);

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
