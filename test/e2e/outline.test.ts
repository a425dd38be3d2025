/**
 * E2E (issue 17): 生成答复提纲 in the extension's panel, in Chromium, on the replica reply page
 * variant that shows the suggestion's text (?content=show, a 建议内容 row in the header).
 * - The panel offers the button only while the reply field is empty and the page shows the
 *   suggestion; a page without the text gets no offer.
 * - The button inserts the plain-text outline as the system form wants it (no title, salutation
 *   or 落款; one section per ask) through the editor's own input path: the page sees input
 *   events, Ctrl+Z takes it back, and the check that follows finds only the placeholders.
 * - Text already in the field is never replaced.
 * (The suggestion shown in a frame or another tab: test/e2e/suggestion.test.ts.)
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  HAVE_CHROMIUM, REQUIRED, RESULTS, editorFrame, findings, panel, replicaSession, warnIfNoChromium, type ReplicaSession,
} from '../helpers/chromium-extension';

warnIfNoChromium('test/e2e/outline.test.ts');

type Replica = { __replica: { getBodyText(): string; getState(): { inputEvents: number; lastInputText: string } } };
const bodyText = (page: Page) => page.evaluate(() => (window as unknown as Replica).__replica.getBodyText());
const inputEvents = (page: Page) => page.evaluate(() => (window as unknown as Replica).__replica.getState().inputEvents);
const offer = (page: Page) => page.locator('dafu-panel .outline button.outline-insert');
/** the body's lines as the page has them (innerText of the editor, or the textarea's value) */
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

describe.skipIf(!HAVE_CHROMIUM && !REQUIRED)('生成答复提纲 e2e (Chromium)', () => {
  let session: ReplicaSession;
  let context: BrowserContext;
  let extId = '';
  let origin = '';

  beforeAll(async () => {
    session = await replicaSession('outline', '/reply.html?content=show#reply/2025-R-0137');
    ({ context, extId, origin } = session);
  }, 300_000);

  afterAll(async () => { await session?.close(); });

  it('UEditor: inserts the form outline into the empty editor through its input path; only placeholders remain', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html?content=show#reply/2025-R-0137`);
    const ed = await editorFrame(page);
    await panel(page).waitFor({ timeout: 8000 });
    await offer(page).waitFor({ timeout: 8000 });
    const before = await inputEvents(page);
    await offer(page).click();
    await expect.poll(() => bodyText(page), { timeout: 8000 }).toContain('现答复如下：');
    const body = lines(await bodyText(page));
    // the form's body: no title, salutation or 落款; the opening quotes the title; one section per ask
    expect(body[0]).toBe('您提出的《关于优化城区公交线路的建议》（第2025-R-0137号）收悉。现答复如下：');
    expect(body.filter((l) => /^[一二三四五六七八九十]+、关于.+的问题$/u.test(l))).toEqual([
      '一、关于在新建小区集中的城东片区开通社区微循环公交线路的问题',
      '二、关于缩短主要线路高峰时段的发车间隔的问题',
      '三、关于在学校周边增设港湾式停靠站的问题',
    ]);
    expect(body.some((l) => /^关于.*答复$|代表：$|^联系人：/u.test(l))).toBe(false);
    expect(body.at(-1)).toBe('感谢您对我们工作的关心和支持，欢迎继续提出宝贵意见。');
    // as paragraphs of the editor, typed through its input path
    expect(await ed.locator('body > p, body > div').count()).toBeGreaterThanOrEqual(body.length);
    expect(await inputEvents(page)).toBeGreaterThan(before);
    // the offer is gone (the field is no longer empty); the check finds the placeholders, no other error or warning
    await expect.poll(() => offer(page).count(), { timeout: 8000 }).toBe(0);
    await expect.poll(() => findings(page).and(page.locator('[data-rule="placeholder-unfilled"]')).count(), { timeout: 8000 }).toBeGreaterThan(5);
    const others = await page.locator('dafu-panel .finding:not([data-rule="placeholder-unfilled"]):not([data-severity="info"])').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-rule')}: ${e.textContent}`));
    expect(others).toEqual([]);
    await page.screenshot({ path: join(RESULTS, 'dafu-outline-ueditor.png') });
    // Ctrl+Z takes it back (the editor's own history)
    await ed.locator('body').press('Control+z');
    await expect.poll(async () => (await bodyText(page)).trim(), { timeout: 8000 }).toBe('');
    await expect.poll(() => offer(page).count(), { timeout: 8000 }).toBe(1);
    await page.close();
  }, 90_000);

  it('the 会办意见 textarea: the outline of a co-handler, through the textarea’s input path', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html?content=show#reply/2025-R-0142`);
    const ta = page.locator('#hbyj');
    await ta.waitFor();
    await offer(page).waitFor({ timeout: 8000 });
    const inputs = await ta.evaluate((t) => { let n = 0; t.addEventListener('input', () => { n++; (t as unknown as { n: number }).n = n; }); return n; });
    await offer(page).click();
    await expect.poll(() => ta.inputValue(), { timeout: 8000 }).toContain('会办');
    const value = await ta.inputValue();
    expect(lines(value)[0]).toBe('李某某代表提出的《关于加强农村道路养护的建议》（第2025-R-0142号）由贵单位主办、我单位会办。经研究，现将会办意见函告如下：');
    expect(value).toContain('\n一、关于将农村公路养护资金纳入县级财政预算的问题\n');
    expect(value).toContain('\n二、关于建立县、乡、村三级路长制的问题\n');
    expect(lines(value).at(-1)).toBe('以上意见，请贵单位在答复代表时一并考虑。');
    expect(await ta.evaluate((t) => (t as unknown as { n?: number }).n ?? 0)).toBeGreaterThan(inputs);
    await page.close();
  }, 60_000);

  it('never replaces text in the field, and offers nothing where the page does not show the suggestion', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html?content=show&editor=textarea#reply/2025-R-0137`);
    const ta = page.locator('textarea[name=dfzw]');
    await ta.waitFor();
    await offer(page).waitFor({ timeout: 8000 });
    await ta.click();
    await page.keyboard.type('您提出的建议收悉。');
    await expect.poll(() => offer(page).count(), { timeout: 8000 }).toBe(0);
    // text typed after the panel last rendered, while the button was still shown: nothing happens
    await ta.fill('');
    await expect.poll(() => offer(page).count(), { timeout: 8000 }).toBe(1);
    await ta.evaluate((t: HTMLTextAreaElement) => { t.value = '已写好的答复'; }); // no input event: the panel still offers
    await offer(page).click();
    await page.waitForTimeout(600);
    expect(await ta.inputValue()).toBe('已写好的答复');
    // closed first: another open tab of the site that shows the suggestion would offer it here too
    await page.close();

    const plain = await context.newPage();
    await plain.goto(`${origin}/reply.html#reply/2025-R-0137`);
    await editorFrame(plain);
    await panel(plain).waitFor({ timeout: 8000 });
    await plain.waitForTimeout(800);
    expect(await offer(plain).count()).toBe(0);
    await plain.close();
  }, 60_000);
});
