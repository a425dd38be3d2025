/**
 * End-to-end test of the browser extension (extension/) in Debian's Chromium with
 * playwright-core, against the local replica page (test/e2e/replica/) served from 127.0.0.1.
 *
 * The set-up is the shared one (test/helpers/chromium-extension.ts):
 * - Skips with a loud notice when /usr/bin/chromium is missing; fails instead when
 *   DAFU_BROWSER_TESTS=1 is set.
 * - Builds the extension (npm run build -w @dafu/extension) when .output/chrome-mv3 is missing
 *   or older than its sources.
 * - Enables the site the way an administrator/user would without the interactive prompt:
 *   chrome://extensions grants runtime host access (chrome.developerPrivate.addHostPermission,
 *   the API behind "站点访问权限 → 在特定网站上"), then the popup's "在此网站启用" button runs the
 *   extension's real permissions.request() (which resolves at once for a pre-granted host),
 *   stores the site and injects the content script.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page, Worker } from 'playwright-core';
import {
  CHROMIUM, FLAWED, HAVE_CHROMIUM, REQUIRED, RESULTS, editorFrame, ensureBuilt, findings, launchWithExtension, panel,
  serveReplica, warnIfNoChromium,
} from '../helpers/chromium-extension';
import { makeReplyLetterDocx } from '../helpers/reply-letter';
import { readHighlights } from '../helpers/replica';

warnIfNoChromium('test/e2e/extension.test.ts');

// ---------------------------------------------------------------- helpers

/** Highlights registered in a document. */
const highlightTexts = (f: Frame | Page): Promise<Record<string, string[]>> => f.evaluate(readHighlights);

/** Excerpts of the body findings the panel says are underlined (whole-paragraph remarks are not). */
function shortExcerpts(p: Page | Frame): Promise<string[]> {
  return p.locator('dafu-panel .finding[data-underline="1"] .excerpt q').allTextContents();
}

async function waitForFindings(p: Page | Frame, min = 1): Promise<void> {
  await expect.poll(async () => findings(p).count(), { timeout: 8000 }).toBeGreaterThanOrEqual(min);
}

// ---------------------------------------------------------------- tests

describe.skipIf(!HAVE_CHROMIUM && !REQUIRED)('browser extension e2e (Chromium)', () => {
  let context: BrowserContext;
  let sw: Worker;
  let extId = '';
  let server: http.Server;
  let origin = '';
  let docxPath = '';
  let tmp = '';
  const requests: { url: string; from: string }[] = [];

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) {
      throw new Error(`DAFU_BROWSER_TESTS=1 but ${CHROMIUM} is missing: apt-get update && apt-get install -y chromium fonts-noto-cjk`);
    }
    ensureBuilt();
    mkdirSync(RESULTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'dafu-e2e-'));
    docxPath = join(tmp, '答复函-0137.docx');
    await makeReplyLetterDocx(docxPath);
    ({ server, origin } = await serveReplica());
    // every request from the first page on, to prove the extension makes none of its own
    ({ context, sw, extId } = await launchWithExtension(join(tmp, 'profile'), {
      onLaunch: (c) => c.on('request', (r) => {
        let from = 'page';
        try { from = r.frame().url(); } catch { from = r.serviceWorker()?.url() ?? 'worker'; }
        requests.push({ url: r.url(), from });
      }),
    }));
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('is dormant until enabled, then the popup enables the site', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html#reply/2025-R-0137`);
    await editorFrame(page);
    await page.waitForTimeout(800);
    expect(await page.locator('dafu-panel').count()).toBe(0);

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extId}/popup.html?target=${encodeURIComponent(page.url())}`);
    await expect.poll(() => popup.locator('#status').textContent()).toContain('未在此网站启用');
    expect(await popup.locator('#origin').textContent()).toBe('http://127.0.0.1');
    await popup.click('#toggle');
    await expect.poll(() => popup.locator('#status').textContent(), { timeout: 8000 }).toContain('已在此网站启用');
    expect(await sw.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toMatchObject([
      { id: 'dafu-content', matches: ['http://127.0.0.1/*'], allFrames: true },
    ]);
    // the open tab got the script injected: the (empty) reply form shows the panel
    await panel(page).waitFor({ timeout: 8000 });
    await expect.poll(() => panel(page).textContent()).toContain('答复正文为空');
    await popup.close();
    await page.close();
  }, 60_000);

  it('UEditor iframe: underlines, panel, click-to-select, safe fix, re-attach', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html#reply/2025-R-0137`);
    const ed = await editorFrame(page);
    await panel(page).waitFor({ timeout: 8000 });
    await ed.locator('body').click();
    await page.keyboard.type(FLAWED);
    await waitForFindings(page, 2);

    // the panel: context, badges, categories
    const text = await panel(page).textContent();
    expect(text).toContain('人大建议');
    expect(text).toContain('第2025-R-0137号');
    expect(text).toContain('主办');
    const badges = await page.locator('dafu-panel .tab').allTextContents();
    expect(badges[0]).toMatch(/^全部\d+$/);
    expect(badges.length).toBeGreaterThan(1);

    // underlines: every short finding is painted exactly over its text; whole-passage remarks are listed only
    await expect.poll(async () => Object.values(await highlightTexts(ed)).flat().length).toBeGreaterThan(0);
    const hl = await highlightTexts(ed);
    const painted = [...(hl['dafu-error'] ?? []), ...(hl['dafu-warning'] ?? []), ...(hl['dafu-info'] ?? [])];
    const short = await shortExcerpts(page);
    expect(short.length).toBeGreaterThan(0);
    expect([...painted].sort()).toEqual([...short].sort());
    for (const p of painted) expect(FLAWED).toContain(p);
    expect(painted).toContain('截止');
    await page.screenshot({ path: join(RESULTS, 'dafu-ueditor-panel.png') });

    // click a finding: its text is selected in the editor
    const first = findings(page).filter({ hasText: '截止' }).first();
    const ex0 = await first.locator('.excerpt q').textContent();
    await first.locator('.msg').click();
    await expect.poll(() => ed.evaluate(() => getSelection()?.toString())).toBe(ex0);
    expect((await highlightTexts(ed))['dafu-active']).toEqual([ex0]);

    // safe fix through the editor's input path: the page sees the new text
    const fixable = findings(page).filter({ has: page.locator('button.fix') }).first();
    expect(await fixable.count()).toBe(1);
    const before = await page.evaluate(() => (window as unknown as { __replica: { getState(): { inputEvents: number } } }).__replica.getState().inputEvents);
    const fixExcerpt = (await fixable.locator('.excerpt q').textContent())!;
    const fixLabel = (await fixable.locator('button.fix').textContent())!;
    const replacement = fixLabel.replace(/^改为“|”$/g, '');
    await fixable.locator('button.fix').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __replica: { getBodyText(): string } }).__replica.getBodyText())).toContain(replacement);
    const state = await page.evaluate(() => (window as unknown as { __replica: { getState(): { inputEvents: number; lastInputText: string } } }).__replica.getState());
    expect(state.inputEvents).toBeGreaterThan(before);
    expect(state.lastInputText).toContain(replacement);
    const bodyNow = await page.evaluate(() => (window as unknown as { __replica: { getBodyText(): string } }).__replica.getBodyText());
    expect(bodyNow.split(replacement).join('')).not.toContain(fixExcerpt === replacement ? '\u0000' : fixExcerpt);
    // undo goes through the editor's history
    await ed.locator('body').press('Control+z');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __replica: { getBodyText(): string } }).__replica.getBodyText())).toContain(fixExcerpt);
    await ed.locator('body').press('Control+Shift+z');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __replica: { getBodyText(): string } }).__replica.getBodyText())).toContain(replacement);

    // the editor iframe is re-created (fullscreen toggle): hints follow the new iframe
    // (counted once the redo's re-check has listed the fixed text's findings: a short draft is re-checked at once)
    await expect.poll(async () => (await findings(page).locator('.excerpt q').allTextContents()).filter((q) => q === fixExcerpt).length).toBe(0);
    const n = await findings(page).count();
    await page.evaluate(() => (window as unknown as { __replica: { recreateEditor(): boolean } }).__replica.recreateEditor());
    const ed2 = await editorFrame(page);
    await expect.poll(async () => Object.values(await highlightTexts(ed2)).flat().length, { timeout: 8000 }).toBeGreaterThan(0);
    expect(await findings(page).count()).toBe(n);
    await page.close();
  }, 90_000);

  it('submit gate stops 提交审核 with errors, 返回修改 keeps the page, 继续提交 lets it through', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html#reply/2025-R-0137`);
    const ed = await editorFrame(page);
    await panel(page).waitFor({ timeout: 8000 });
    await ed.locator('body').click();
    await page.keyboard.type(FLAWED);
    await waitForFindings(page, 1);
    await expect.poll(async () => page.locator('dafu-panel .finding[data-severity=error]').count()).toBeGreaterThan(0);
    await page.selectOption('select[name=dflb]', { index: 2 });

    const st = () => page.evaluate(() => (window as unknown as { __replica: { getState(): { submitted: unknown[]; clicks: string[]; hiddenTextarea: string | null } } }).__replica.getState());
    await page.click('#btnSubmit');
    const dlg = page.locator('dafu-panel .dialog');
    await dlg.waitFor();
    expect(await dlg.locator('h2').textContent()).toContain('提交审核');
    await page.screenshot({ path: join(RESULTS, 'dafu-submit-gate.png') });
    expect((await st()).clicks).toEqual([]);
    await dlg.locator('button.back').click();
    await dlg.waitFor({ state: 'detached' });
    expect((await st()).submitted).toHaveLength(0);

    await page.click('#btnSubmit');
    await dlg.waitFor();
    await dlg.locator('button.continue').click();
    await expect.poll(async () => (await st()).submitted.length).toBe(1);
    const s = await st();
    expect(s.clicks).toEqual(['submit']);
    expect(s.hiddenTextarea).toContain('截'); // UEditor copied the live body on submit

    // with the gate switched off in the settings, the click goes straight through
    await sw.evaluate(async () => {
      const got = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(got.settings as object), submitGate: false } });
    });
    await page.waitForTimeout(300);
    await page.click('#btnSubmit');
    await expect.poll(async () => (await st()).submitted.length).toBe(2);
    expect(await dlg.count()).toBe(0);
    await sw.evaluate(async () => {
      const got = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(got.settings as object), submitGate: true } });
    });
    await page.close();
  }, 60_000);

  it('checks a .docx chosen in the hidden file input behind 上传答复函', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html#reply/2025-R-0137`);
    await editorFrame(page);
    await panel(page).waitFor({ timeout: 8000 });
    const chooser = page.waitForEvent('filechooser');
    await page.click('button.choose-file');
    await (await chooser).setFiles(docxPath);
    const section = page.locator('dafu-panel .section', { hasText: '答复函：答复函-0137.docx' });
    await section.waitFor({ timeout: 8000 });
    // the page's own (simulated AJAX) upload still ran
    await expect.poll(() => page.evaluate(() => (window as unknown as { __replica: { getState(): { uploads: string[] } } }).__replica.getState().uploads)).toEqual(['答复函-0137.docx']);
    const docFindings = page.locator('dafu-panel .finding[data-doc="答复函-0137.docx"]');
    const status = await page.locator('dafu-panel .body').textContent();
    expect((await docFindings.count()) > 0 || /未发现问题|无法读取/.test(status ?? '')).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'dafu-docx-upload.png') });
    if ((await docFindings.count()) > 0) {
      // 下载批注版: the annotated copy is built in the page and saved from a blob URL
      const download = page.waitForEvent('download');
      await page.locator('dafu-panel .section button.download').click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('答复函-0137.dafu批注.docx');
      const saved = join(tmp, 'annotated.docx');
      await file.saveAs(saved);
      const { unzipSync, strFromU8 } = await import('fflate');
      const comments = strFromU8(unzipSync(new Uint8Array(readFileSync(saved)))['word/comments.xml']);
      expect(comments).toContain('dafu 答复检查');
    }
    await page.close();
  }, 60_000);

  it('plain textarea: mirror underlines at the right text, fix via execCommand, page sees input', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html?editor=textarea#reply/2025-R-0137`);
    const ta = page.locator('textarea[name=dfzw]');
    await ta.waitFor();
    await panel(page).waitFor({ timeout: 8000 });
    await ta.click();
    await page.keyboard.type(FLAWED);
    await waitForFindings(page, 2);
    const marks = page.locator('dafu-mirror .m:not(.plain)');
    await expect.poll(() => marks.count()).toBeGreaterThan(0);
    // short drafts are re-checked on every keystroke: wait until the mirror shows the last one
    const value0 = await ta.inputValue();
    await expect.poll(() => page.locator('dafu-mirror').first().evaluate((m) => m.shadowRoot?.textContent ?? m.textContent)).toContain(value0.slice(-8));
    await expect.poll(async () => [...await marks.allTextContents()].sort().join('|')).toBe([...(await shortExcerpts(page))].sort().join('|'));
    const markTexts = await marks.allTextContents();
    expect(markTexts).toContain('截止');
    // the marks sit inside the textarea's box
    const box = (await ta.boundingBox())!;
    for (const m of await marks.all()) {
      const b = (await m.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(box.x - 1);
      expect(b.y).toBeGreaterThanOrEqual(box.y - 1);
      expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width + 1);
      expect(b.y + b.height).toBeLessThanOrEqual(box.y + box.height + 1);
    }
    // each mark covers the same text in the textarea's value
    const value = await ta.inputValue();
    for (const m of await marks.all()) {
      const start = Number(await m.getAttribute('data-start'));
      expect(value.slice(start, start + (await m.textContent())!.length)).toBe(await m.textContent());
    }
    await page.screenshot({ path: join(RESULTS, 'dafu-textarea-panel.png') });

    // click-to-select
    const first = findings(page).filter({ hasText: '截止' }).first();
    const ex0 = (await first.locator('.excerpt q').textContent())!;
    await first.locator('.msg').click();
    expect(await ta.evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd))).toBe(ex0);

    // fix
    const fixable = findings(page).filter({ has: page.locator('button.fix') }).first();
    const replacement = (await fixable.locator('button.fix').textContent())!.replace(/^改为“|”$/g, '');
    await fixable.locator('button.fix').click();
    await expect.poll(() => ta.inputValue()).toContain(replacement);
    const st = await page.evaluate(() => (window as unknown as { __replica: { getState(): { lastInputText: string } } }).__replica.getState());
    expect(st.lastInputText).toBe(await ta.inputValue());

    // more lines typed: the mirror, updated block by block, still is the textarea's text, wraps to
    // the same height and scroll position, and each mark covers its own text
    await ta.press('End');
    for (let i = 0; i < 3; i++) { await page.keyboard.press('Enter'); await page.keyboard.type(FLAWED); }
    await expect.poll(() => marks.filter({ hasText: '截止' }).count(), { timeout: 8000 }).toBe(3);
    const mirror = await page.evaluate(() => {
      const ta = document.querySelector<HTMLTextAreaElement>('textarea[name=dfzw]')!;
      const box = document.querySelector('dafu-mirror')!.shadowRoot!.querySelector<HTMLElement>('.box')!;
      const layer0 = [...box.querySelectorAll('.b')].map((b) => b.firstElementChild!.textContent).join('');
      return { value: ta.value, layer0, heights: [ta.scrollHeight, box.scrollHeight], scroll: [ta.scrollTop, box.scrollTop] };
    });
    expect(mirror.layer0).toBe(`${mirror.value}\u200b`);
    expect(mirror.heights[1]).toBe(mirror.heights[0]);
    expect(mirror.scroll[1]).toBe(mirror.scroll[0]);
    for (const m of await marks.all()) {
      const start = Number(await m.getAttribute('data-start'));
      expect(mirror.value.slice(start, start + (await m.textContent())!.length)).toBe(await m.textContent());
    }
    await page.close();
  }, 60_000);

  it.each([
    ['?editor=wangeditor5', '[data-slate-editor]', null, '答复正文'],
    ['?editor=kindeditor', null, 'iframe.ke-edit-iframe', '答复正文'],
    ['?layout=layui&labels=alt', null, '#ueditor_0', '复文正文'],
    ['?editor=tinymce&labels=alt2&optvalues=index', null, '#content_ifr', '办理答复'],
  ])('variant %s: found, checked and underlined', async (search, divSel, frameSel, label) => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html${search}#reply/2025-R-0137`);
    let doc: Page | Frame = page;
    if (frameSel) {
      doc = await editorFrame(page, frameSel);
      await panel(page).waitFor({ timeout: 8000 });
      await doc.locator('body').click();
    } else {
      await page.locator(divSel!).waitFor();
      await panel(page).waitFor({ timeout: 8000 });
      await page.locator(divSel!).click();
    }
    await page.keyboard.type(FLAWED);
    await waitForFindings(page, 2);
    expect(await panel(page).textContent()).toContain(`字段：${label}`);
    await expect.poll(async () => Object.values(await highlightTexts(doc)).flat()).toContain('截止');
    await page.close();
  }, 60_000);

  it('co-handling case: the 会办意见 textarea is checked, role 会办', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html#reply/2025-R-0142`);
    await page.locator('#hbyj').click();
    await page.keyboard.type(FLAWED);
    await waitForFindings(page, 2);
    const text = await panel(page).textContent();
    expect(text).toContain('会办');
    expect(text).toContain('字段：会办意见');
    await page.close();
  }, 60_000);

  it('dialog variant: the reply form inside an iframe dialog gets its own panel', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html?frame=dialog#reply/2025-R-0137`);
    const dialogHandle = await page.waitForSelector('#layui-layer-iframe1');
    const dialog = (await dialogHandle.contentFrame())!;
    await dialog.waitForLoadState();
    const ed = await editorFrame(dialog);
    await panel(dialog).waitFor({ timeout: 8000 });
    await ed.locator('body').click();
    await page.keyboard.type(FLAWED);
    await waitForFindings(dialog, 2);
    expect(await page.locator('dafu-panel').count()).toBe(0); // nothing on the list page behind
    await page.screenshot({ path: join(RESULTS, 'dafu-dialog.png') });
    await page.close();
  }, 60_000);

  it('stays quiet on the list, the search box and the 申退理由 form', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html#list`);
    await page.fill('input[name=keyword]', '截止目前你');
    await page.click('tr[data-case="2025-Z-0061"] a.back');
    const reason = page.locator('textarea[name=sqly]');
    await reason.click();
    await page.keyboard.type('该事项不属于我局职责。截止目前，你提出的问题由市住建局负责。');
    await page.waitForTimeout(1500);
    expect(await page.locator('dafu-panel').count()).toBe(0);
    expect(await page.locator('dafu-mirror').count()).toBe(0);
    expect(Object.keys(await highlightTexts(page))).toEqual([]);
    await page.click('#btnBackSubmit');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __replica: { getState(): { clicks: string[] } } }).__replica.getState().clicks)).toEqual(['back-submit']);
    expect(await page.locator('dafu-panel .dialog').count()).toBe(0);
    // the content script is there, just quiet
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-dafu'))).toBe('on');
    await page.close();
  }, 60_000);

  it('忽略此处 is stored in extension storage and survives a reload; IME composition pauses checking', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html#reply/2025-R-0137`);
    const ed = await editorFrame(page);
    await panel(page).waitFor({ timeout: 8000 });
    await ed.locator('body').click();
    await page.keyboard.type(FLAWED);
    await waitForFindings(page, 2);
    const target = page.locator('dafu-panel .finding[data-underline="1"]').filter({ hasText: '截止' }).first();
    const fp = (await target.getAttribute('data-fingerprint'))!;
    const painted = async () => Object.entries(await highlightTexts(ed)).filter(([k]) => k !== 'dafu-active').flatMap(([, v]) => v);
    const before = (await painted()).length;
    await target.locator('button.ignore').click();
    await expect.poll(() => page.locator(`dafu-panel .finding[data-fingerprint="${fp}"]`).count()).toBe(0);
    await expect.poll(async () => (await painted()).length).toBe(before - 1);
    const stored = await sw.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { ignored: { fingerprint: string; origin: string }[] }).ignored);
    expect(stored).toEqual([expect.objectContaining({ fingerprint: fp, origin: 'http://127.0.0.1' })]);
    expect(await panel(page).textContent()).toContain('已忽略 1 处');

    // IME: while composing nothing is re-checked; compositionend triggers the check
    const count = await findings(page).count();
    await ed.evaluate(() => document.body.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true })));
    await ed.evaluate(() => { const p = document.createElement('p'); p.textContent = '你提出的问题我们做为重点。'; document.body.appendChild(p); });
    await page.waitForTimeout(900);
    expect(await findings(page).count()).toBe(count);
    await ed.evaluate(() => document.body.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '你们' })));
    await expect.poll(() => findings(page).count(), { timeout: 5000 }).toBeGreaterThan(count);

    // after a reload the ignored finding stays hidden
    await page.reload();
    const ed2 = await editorFrame(page);
    await panel(page).waitFor({ timeout: 8000 });
    await ed2.locator('body').click();
    await page.keyboard.type(FLAWED);
    await waitForFindings(page, 2);
    await page.waitForTimeout(500);
    expect(await page.locator(`dafu-panel .finding[data-fingerprint="${fp}"]`).count()).toBe(0);
    await page.close();
  }, 60_000);

  it('options page: ignored list, per-site selector, settings import/export', async () => {
    const opt = await context.newPage();
    await opt.goto(`chrome-extension://${extId}/options.html`);
    const row = opt.locator('#siteTable tr[data-origin="http://127.0.0.1"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('已启用');
    // the ignored finding from the previous test, then restore it
    await expect.poll(() => opt.locator('#ignoredTable tbody tr').count()).toBe(1);
    expect(await opt.locator('#ignoredTable tbody').textContent()).toContain('截止');
    await opt.locator('#ignoredTable tbody button').click();
    await expect.poll(() => opt.locator('#ignoredTable tbody').textContent()).toContain('没有忽略的提示');

    // per-site selector: make the 答复摘要 textarea the checked field
    await row.locator('summary').click();
    await row.locator('input[data-field="replyBody.selector"]').fill('textarea[name=dfzy]');
    await row.locator('button', { hasText: '保存字段设置' }).click();
    await expect.poll(() => opt.locator('#siteMsg').textContent()).toContain('已保存');
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html#reply/2025-R-0137`);
    await page.locator('textarea[name=dfzy]').click();
    await page.keyboard.type('截止目前已完成。');
    await waitForFindings(page, 1);
    expect(await page.locator('dafu-mirror').count()).toBe(1);
    expect(await page.locator('dafu-mirror .m').allTextContents()).toContain('截止');
    // an invalid selector is refused with a message
    await row.locator('input[data-field="replyBody.selector"]').fill('textarea[name=');
    await row.locator('button', { hasText: '保存字段设置' }).click();
    await expect.poll(() => opt.locator('#siteMsg').textContent()).toContain('不是有效的 CSS 选择器');
    await row.locator('input[data-field="replyBody.selector"]').fill('');
    await row.locator('button', { hasText: '保存字段设置' }).click();
    await expect.poll(() => opt.locator('#siteMsg').textContent()).toContain('已保存');
    // the open page follows the settings change: back to the UEditor body
    await expect.poll(() => panel(page).textContent(), { timeout: 8000 }).toContain('字段：答复正文');

    await opt.screenshot({ path: join(RESULTS, 'dafu-options.png'), fullPage: true });
    // export
    const download = opt.waitForEvent('download');
    await opt.click('#export');
    const file = await (await download).path();
    const exported = JSON.parse(readFileSync(file!, 'utf8'));
    expect(exported).toMatchObject({ version: 1, sites: [{ origin: 'http://127.0.0.1', enabled: true }], submitGate: true });
    // import: invalid JSON shape is refused, a valid one applied
    await opt.fill('#importText', JSON.stringify({ ...exported, preset: 'loose' }));
    await opt.click('#import');
    await expect.poll(() => opt.locator('#importMsg').textContent()).toContain('preset');
    await opt.fill('#importText', JSON.stringify({ ...exported, preset: 'strict', underline: false }));
    await opt.click('#import');
    await expect.poll(() => opt.locator('#importMsg').textContent()).toContain('已导入');
    expect(await opt.locator('#preset').inputValue()).toBe('strict');
    expect(await opt.locator('#underline').isChecked()).toBe(false);
    // restore defaults for later tests
    await opt.fill('#importText', JSON.stringify(exported));
    await opt.click('#import');
    await expect.poll(() => opt.locator('#underline').isChecked()).toBe(true);
    await page.close();
    await opt.close();
  }, 60_000);

  it('popup: quick check of pasted text and of a .docx', async () => {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extId}/popup.html?target=${encodeURIComponent(`${origin}/reply.html`)}`);
    await expect.poll(() => popup.locator('#status').textContent()).toContain('已在此网站启用');
    await popup.fill('#text', FLAWED);
    await popup.click('#check');
    await expect.poll(() => popup.locator('#results .finding').count()).toBeGreaterThan(1);
    expect(await popup.locator('#results').textContent()).toContain('截止');
    await popup.setInputFiles('#file', docxPath);
    await expect.poll(() => popup.locator('#results h3').textContent()).toContain('答复函-0137.docx');
    expect(await popup.locator('#results .finding').count()).toBeGreaterThan(0);
    await popup.screenshot({ path: join(RESULTS, 'dafu-popup.png'), fullPage: true });
    await popup.close();
  }, 30_000);

  it('made no network requests except to the replica and extension pages', () => {
    const allowed = (u: string) => u.startsWith(`${origin}/`) || u.startsWith('chrome-extension://') || u.startsWith('chrome://')
      || u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank';
    const bad = requests.filter((r) => !allowed(r.url));
    expect(bad).toEqual([]);
    expect(requests.some((r) => r.url.startsWith(`${origin}/reply.html`))).toBe(true);
  });
});
