/**
 * E2E: the coverage table (逐条对照建议) appears in the reply form's panel without a suggestion
 * file, from wherever the site shows the suggestion, in Chromium:
 * - a frameset (frames.html): the record (建议详情, label cells) in one frame, the reply form in
 *   the other; the panel says 建议原文取自：框架《…》;
 * - a record in an iframe of the reply page's header (?content=frame);
 * - two tabs: the printed record (record.html?shape=text) open in another tab of the site; the
 *   reply page asks again on 重新检查, says 另一标签页《…》, and the user can choose none; the
 *   record of another case open in a tab is not taken.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import {
  HAVE_CHROMIUM, REQUIRED, RESULTS, editorFrame, panel, replicaSession, warnIfNoChromium, type ReplicaSession,
} from '../helpers/chromium-extension';

warnIfNoChromium('test/e2e/suggestion.test.ts');

/** A reply that answers the first two asks of 2025-R-0137 and not the third (港湾式停靠站). */
const REPLY = [
  '您提出的关于优化城区公交线路的建议收悉。我局于4月10日与您电话沟通。现答复如下：',
  '一、关于开通社区微循环公交线路。我局已于2025年5月在城东片区新开通2条社区微循环公交线路。',
  '二、关于缩短发车间隔。2025年6月起将3条主要线路高峰时段的发车间隔缩短至10分钟。',
  '感谢您对交通运输工作的关心和支持。',
].join('\n');
const TITLE = '关于优化城区公交线路的建议';

const rows = (p: Page | Frame) => p.locator('dafu-panel table.coverage tr');
const source = (p: Page | Frame) => p.locator('dafu-panel select.source-pick');
async function coverage(p: Page | Frame): Promise<string[][]> {
  return rows(p).evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-status') ?? '', tr.querySelector('td.ask')?.textContent ?? '']));
}
const chosenLabel = (p: Page | Frame) => source(p).evaluate((s: HTMLSelectElement) => s.options[s.selectedIndex]?.textContent ?? '');

async function typeReply(page: Page, ed: Frame): Promise<void> {
  await ed.locator('body').click();
  await page.keyboard.type(REPLY);
}

describe.skipIf(!HAVE_CHROMIUM && !REQUIRED)('the suggestion from a frame or another tab (Chromium)', () => {
  let session: ReplicaSession;
  let context: BrowserContext;
  let extId = '';
  let origin = '';

  beforeAll(async () => {
    session = await replicaSession('suggest', '/reply.html#reply/2025-R-0137');
    ({ context, extId, origin } = session);
  }, 300_000);

  afterAll(async () => { await session?.close(); });

  it('a frameset: the reply frame reads the record frame beside it; the coverage table shows each ask', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/frames.html`);
    const main = page.frame({ name: 'main' })!;
    await main.waitForLoadState();
    const ed = await editorFrame(main);
    await panel(main).waitFor({ timeout: 8000 });
    await expect.poll(() => source(main).count(), { timeout: 8000 }).toBe(1);
    expect(await chosenLabel(main)).toBe(`框架《${TITLE}》`);
    await typeReply(page, ed);
    await expect.poll(() => coverage(main), { timeout: 8000 }).toEqual([
      ['answered', '1. 在新建小区集中的城东片区开通社区微循环公交线路'],
      ['answered', '2. 缩短主要线路高峰时段的发车间隔'],
      ['missing', '3. 在学校周边增设港湾式停靠站'],
    ]);
    // the third ask is an error finding too, as with --suggestion on the command line
    expect(await main.locator('dafu-panel .finding[data-rule="ask-unanswered"]').count()).toBe(1);
    // the 办理要求 row of the record is not an ask
    expect(await rows(main).count()).toBe(3);
    // nothing on the record frame or the frameset itself
    expect(await page.frame({ name: 'record' })!.locator('dafu-panel').count()).toBe(0);
    await page.screenshot({ path: join(RESULTS, 'dafu-suggestion-frameset.png') });
    await page.close();
  }, 60_000);

  it('the 原件 in an iframe of the reply page header', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html?content=frame#reply/2025-R-0137`);
    const ed = await editorFrame(page);
    await panel(page).waitFor({ timeout: 8000 });
    await expect.poll(() => source(page).count(), { timeout: 8000 }).toBe(1);
    expect(await chosenLabel(page)).toBe(`框架《${TITLE}》`);
    await typeReply(page, ed);
    await expect.poll(() => rows(page).count(), { timeout: 8000 }).toBe(3);
    await page.close();
  }, 60_000);

  it('two tabs: the record opened in another tab of the site; the user can choose none', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reply.html#reply/2025-R-0137`);
    const ed = await editorFrame(page);
    await panel(page).waitFor({ timeout: 8000 });
    await typeReply(page, ed);
    await expect.poll(() => page.locator('dafu-panel .empty, dafu-panel .finding').count(), { timeout: 8000 }).toBeGreaterThan(0);
    // no suggestion anywhere yet: no source line, no table
    expect(await source(page).count()).toBe(0);
    expect(await rows(page).count()).toBe(0);

    // the record of another case open in a tab: not this form's suggestion
    const other = await context.newPage();
    await other.goto(`${origin}/record.html#2025-R-0142`);
    await expect.poll(() => other.evaluate(() => document.documentElement.getAttribute('data-dafu')), { timeout: 8000 }).toBe('on');
    await page.bringToFront();
    await page.locator('dafu-panel button.recheck').click();
    await page.waitForTimeout(1000);
    expect(await source(page).count()).toBe(0);

    const record = await context.newPage();
    await record.goto(`${origin}/record.html?shape=text#2025-R-0137`);
    await record.locator('.record-text p').first().waitFor();
    await expect.poll(() => record.evaluate(() => document.documentElement.getAttribute('data-dafu')), { timeout: 8000 }).toBe('on');
    await page.bringToFront();
    await page.locator('dafu-panel button.recheck').click();
    await expect.poll(() => source(page).count(), { timeout: 8000 }).toBe(1);
    expect(await chosenLabel(page)).toBe(`另一标签页《${TITLE}》`);
    await expect.poll(() => coverage(page), { timeout: 8000 }).toEqual([
      ['answered', '1. 在新建小区集中的城东片区开通社区微循环公交线路'],
      ['answered', '2. 缩短主要线路高峰时段的发车间隔'],
      ['missing', '3. 在学校周边增设港湾式停靠站'],
    ]);
    await page.screenshot({ path: join(RESULTS, 'dafu-suggestion-tab.png') });

    // 不使用: the check no longer compares with the suggestion
    await source(page).selectOption({ label: '不使用（不对照建议）' });
    await expect.poll(() => rows(page).count(), { timeout: 8000 }).toBe(0);
    expect(await page.locator('dafu-panel .finding[data-rule="ask-unanswered"]').count()).toBe(0);
    // and back
    await source(page).selectOption({ label: `另一标签页《${TITLE}》` });
    await expect.poll(() => rows(page).count(), { timeout: 8000 }).toBe(3);

    // the record tab closed: the next 重新检查 forgets it
    await record.close();
    await page.locator('dafu-panel button.recheck').click();
    await expect.poll(() => source(page).count(), { timeout: 8000 }).toBe(0);
    await other.close();
    await page.close();
  }, 90_000);
});
