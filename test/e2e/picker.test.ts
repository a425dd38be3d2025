/**
 * E2E: the element picker for the per-site reply-field selector (popup "选取答复框") in Chromium,
 * on the replica variant whose reply editor has no recognisable label, name or id
 * (?labels=none), so the field finder does not find it by itself.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page, Worker } from 'playwright-core';
import {
  FLAWED, HAVE_CHROMIUM, REQUIRED, RESULTS, editorFrame, findings, openPopupAndEnable, panel, replicaSession, warnIfNoChromium,
  type ReplicaSession,
} from '../helpers/chromium-extension';

warnIfNoChromium('test/e2e/picker.test.ts');

const UNLABELED = '/reply.html?labels=none#reply/2025-R-0137';
const EDITOR_SELECTOR = 'div.edui-editor-iframeholder iframe';

describe.skipIf(!HAVE_CHROMIUM && !REQUIRED)('element picker e2e (Chromium)', () => {
  let session: ReplicaSession;
  let context: BrowserContext;
  let sw: Worker;
  let extId = '';
  let origin = '';

  const siteFields = () => sw.evaluate(async () => {
    const s = (await chrome.storage.local.get('settings')).settings as { sites: { origin: string; fields?: Record<string, { selector?: string; label?: string }> }[] };
    return s.sites.find((x) => x.origin === 'http://127.0.0.1')?.fields ?? null;
  });

  /** Opens the page, enables the site if needed and starts the picker from the popup's button. */
  async function startPicking(path: string): Promise<{ page: Page; popup: Page }> {
    const page = await context.newPage();
    await page.goto(`${origin}${path}`);
    const popup = await openPopupAndEnable(context, extId, page.url());
    await popup.click('#pick');
    await expect.poll(() => popup.locator('#hint').textContent()).toContain('请在页面上单击');
    await page.bringToFront();
    await page.locator('dafu-picker .bar').waitFor();
    return { page, popup };
  }

  async function hoverCenter(page: Page, sel: string, frame: Page | Frame = page): Promise<void> {
    const box = (await frame.locator(sel).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
  }

  beforeAll(async () => {
    session = await replicaSession('picker');
    ({ context, sw, extId, origin } = session);
  }, 300_000);

  afterAll(async () => { await session?.close(); });

  it('the unlabeled editor is not found by itself; Esc cancels the picker without saving', async () => {
    const { page, popup } = await startPicking(UNLABELED);
    await editorFrame(page);
    expect(await page.locator('dafu-panel').count()).toBe(0); // nothing found, nothing shown
    expect(await page.locator('dafu-picker .bar').textContent()).toContain('答复正文');

    // hovering the editor (its iframe document) outlines the whole editor, with a text label
    await hoverCenter(page, '#ueditor_0');
    const box = page.locator('dafu-picker .box').first();
    await expect.poll(() => box.isVisible()).toBe(true);
    expect(await box.textContent()).toContain('编辑器「办理情况」');
    const ifr = (await page.locator('#ueditor_0').boundingBox())!;
    const b = (await box.boundingBox())!;
    expect(Math.abs(b.x - (ifr.x - 2))).toBeLessThanOrEqual(1);
    expect(Math.abs(b.width - (ifr.width + 4))).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(RESULTS, 'dafu-picker-hover.png') });

    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dafu-picker').count()).toBe(0);
    expect(await siteFields()).toBeNull();
    // the page works normally again: a click reaches it
    await page.click('#btnSave');
    await expect.poll(() => page.locator('#toast').textContent()).toContain('保存成功');
    await popup.close();
    await page.close();
  }, 60_000);

  it('picks the editor, saves its selector for the site and checks the text typed there', async () => {
    const { page, popup } = await startPicking(UNLABELED);
    const ed = await editorFrame(page);
    // pointing at the toolbar also stands for the editor; the click goes to the picker, not the page
    await hoverCenter(page, '.edui-bold');
    await expect.poll(() => page.locator('dafu-picker .box').first().textContent()).toContain('编辑器');
    await hoverCenter(page, '#ueditor_0');
    await page.mouse.down();
    await page.mouse.up();
    const dlg = page.locator('dafu-picker .dialog');
    await dlg.waitFor();
    expect(await dlg.locator('code').textContent()).toBe(EDITOR_SELECTOR);
    expect(await dlg.textContent()).toContain('答复正文');
    await page.screenshot({ path: join(RESULTS, 'dafu-picker-confirm.png') });
    await dlg.locator('button.save').click();
    await expect.poll(() => page.locator('dafu-picker').count()).toBe(0);
    expect(await siteFields()).toEqual({ replyBody: { selector: EDITOR_SELECTOR, label: '办理情况' } });

    // the checker attaches at once, without a reload
    await panel(page).waitFor({ timeout: 8000 });
    await ed.locator('body').click();
    await page.keyboard.type(FLAWED);
    await expect.poll(() => findings(page).count(), { timeout: 8000 }).toBeGreaterThanOrEqual(2);
    expect(await panel(page).textContent()).toContain('截止');
    await page.screenshot({ path: join(RESULTS, 'dafu-picker-checked.png') });

    // the options page shows the picked selector in the site's field settings
    const opt = await context.newPage();
    await opt.goto(`chrome-extension://${extId}/options.html`);
    const row = opt.locator('#siteTable tr[data-origin="http://127.0.0.1"]');
    await row.locator('summary').click();
    expect(await row.locator('input[data-field="replyBody.selector"]').inputValue()).toBe(EDITOR_SELECTOR);
    await opt.close();
    await popup.close();
    await page.close();
  }, 60_000);

  it('a field inside a frame dialog is saved with its frame path and found only there', async () => {
    await sw.evaluate(async () => {
      const got = (await chrome.storage.local.get('settings')).settings as { sites: { fields?: unknown }[] };
      for (const s of got.sites) delete s.fields;
      await chrome.storage.local.set({ settings: got });
    });
    const { page, popup } = await startPicking('/reply.html?frame=dialog&labels=none#reply/2025-R-0137');
    const dialog = (await (await page.waitForSelector('#layui-layer-iframe1')).contentFrame())!;
    const ed = await editorFrame(dialog);
    await hoverCenter(page, '#ueditor_0', dialog);
    await expect.poll(() => dialog.locator('dafu-picker .box').first().isVisible()).toBe(true);
    await page.mouse.down();
    await page.mouse.up();
    const dlg = page.locator('dafu-picker .dialog');
    await dlg.waitFor();
    const path = `iframe[name="layui-layer-iframe1"] >>> ${EDITOR_SELECTOR}`;
    expect(await dlg.locator('code').textContent()).toBe(path);
    await dlg.locator('button.save').click();
    await expect.poll(async () => (await siteFields())?.replyBody?.selector).toBe(path);
    await panel(dialog).waitFor({ timeout: 8000 });
    await ed.locator('body').click();
    await page.keyboard.type(FLAWED);
    await expect.poll(() => findings(dialog).count(), { timeout: 8000 }).toBeGreaterThanOrEqual(2);
    expect(await page.locator('dafu-panel').count()).toBe(0); // the list page behind stays quiet
    await popup.close();
    await page.close();
  }, 60_000);
});
