/**
 * The offline page (web/dist/dafu.html) in Chromium, opened from file:// (playwright-core with
 * /usr/bin/chromium): a flawed .docx and a pasted text get the findings `dafu check --format json`
 * gives for them, the 批注版 and the 答复提纲 download, a junk file gets the CLI's code and message,
 * a unit config loads and survives a reload, and no request leaves the page.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { dafu, tempDir } from '../helpers/cli';
import { CHROMIUM, HAVE_CHROMIUM, warnIfNoChromium } from '../helpers/chromium-extension';
import { REQUIRED, RESULTS } from '../helpers/replica';
import { caseFlags, cliResult, DOCX_CASE, docxParts, ensureWebBuilt, makeWebInputs, pageResult, WEB_URL, type WebInputs } from '../helpers/web-page';

warnIfNoChromium('test/e2e/web.test.ts');

/** Fills the page's case fields (ids as the flags' names). */
async function fillCase(page: Page, c: Record<string, string>): Promise<void> {
  for (const [k, v] of Object.entries(c)) {
    if (k === 'kind' || k === 'role' || k === 'mode') await page.selectOption(`#${k}`, v);
    else await page.fill(`#${k}`, v);
  }
}

async function runCheck(page: Page): Promise<unknown> {
  await page.evaluate(() => { document.body.dataset.state = 'waiting'; });
  await page.click('#check');
  await page.waitForFunction(() => ['done', 'failed'].includes(document.body.dataset.state ?? ''), null, { timeout: 60_000 });
  return page.evaluate(() => (window as unknown as { dafuResult: unknown }).dafuResult);
}

describe.skipIf(!HAVE_CHROMIUM && !REQUIRED)('offline page (Chromium, file://)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let inputs: WebInputs;
  let tmp = '';
  const requests: string[] = [];
  const blocked: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`DAFU_BROWSER_TESTS=1 but ${CHROMIUM} is missing: apt-get update && apt-get install -y chromium fonts-noto-cjk`);
    ensureWebBuilt();
    tmp = tempDir('dafu-web-');
    inputs = await makeWebInputs(tmp);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // file names such as 答复函-0137.docx need a UTF-8 locale in the browser process (a bare environment has none)
      env: { ...process.env, LANG: process.env.LANG || 'C.UTF-8' },
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    // every request is recorded; anything that is not the page itself or its blob: worker is refused and logged
    context.on('request', (r) => requests.push(r.url()));
    await context.route((url) => !/^(file|blob|data):/.test(url.protocol), (route) => { blocked.push(route.request().url()); void route.abort(); });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(WEB_URL);
    await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('checks a flawed .docx like `dafu check --format json`, marks the findings in the text and downloads the 批注版', async () => {
    await fillCase(page, DOCX_CASE);
    await page.setInputFiles('#draftFile', inputs.docx);
    const result = pageResult(await runCheck(page));
    const cli = cliResult(['答复函-0137.docx', ...caseFlags(DOCX_CASE)], { cwd: tmp });
    expect(cli.error).toBeNull();
    expect(cli.messages.some((m) => m.ruleId === 'jiezhi-jiezhi')).toBe(true);
    expect(result).toEqual(cli);

    // the report: every finding listed, with the CLI's Chinese labels; a click shows it in the text
    expect(await page.locator('#findings .finding').count()).toBe(cli.messages.length);
    const i = cli.messages.findIndex((m) => m.ruleId === 'jiezhi-jiezhi');
    await page.click(`#findings .finding[data-i="${i}"]`);
    await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('#text .active')].map((e) => e.textContent).join(''))).toBe('截止');
    expect(await page.textContent(`#findings .finding[data-i="${i}"]`)).toContain('【文字标点】');
    expect(await page.textContent('#summary')).toContain('退办风险');
    await page.screenshot({ path: join(RESULTS, 'web-docx.png') });

    // the 批注版: the CLI's --annotate file, comment for comment
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#annotate')]);
    expect(download.suggestedFilename()).toBe('答复函-0137.dafu批注.docx');
    const saved = join(tmp, 'page', download.suggestedFilename());
    mkdirSync(join(tmp, 'page'));
    await download.saveAs(saved);
    const annotated = dafu(['check', '答复函-0137.docx', '--annotate', ...caseFlags(DOCX_CASE)], { cwd: tmp });
    expect(annotated.stderr).toContain('已生成批注版');
    expect(docxParts(readFileSync(saved))).toEqual(docxParts(readFileSync(join(tmp, '答复函-0137.dafu批注.docx'))));
    // and it opens: the CLI reads it as a Word document again
    expect(cliResult([join('page', '答复函-0137.dafu批注.docx')], { cwd: tmp }).error).toBeNull();
  });

  it('checks pasted text like `dafu check -` with the text on stdin', async () => {
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
    await page.fill('#draftText', inputs.pasted);
    await page.fill('#today', '2025-06-01');
    const result = pageResult(await runCheck(page));
    const cli = cliResult(['-', '--today', '2025-06-01'], { cwd: tmp, input: inputs.pasted });
    expect(cli.messages.length).toBeGreaterThan(3);
    expect(result).toEqual(cli);
    const marked = await page.evaluate(() => [...document.querySelectorAll('#text mark')].map((m) => m.textContent));
    expect(marked).toContain('截止');
  });

  it('gives a junk file the CLI’s code and Chinese message', async () => {
    await page.fill('#draftText', '');
    await page.setInputFiles('#draftFile', inputs.junk);
    const result = pageResult(await runCheck(page));
    const cli = cliResult(['损坏的答复稿.docx'], { cwd: tmp });
    expect(cli.error?.code).toMatch(/^E_/);
    expect(result.error).toEqual(cli.error);
    expect(await page.textContent('#error')).toContain(cli.error!.message);
  });

  it('refuses a file over 20 MB unread, with the CLI’s message', async () => {
    const big = join(tmp, '超大的答复稿.txt');
    writeFileSync(big, Buffer.alloc(21 * 1024 * 1024, 0x41));
    await page.setInputFiles('#draftFile', big);
    const result = pageResult(await runCheck(page));
    const cli = cliResult(['超大的答复稿.txt'], { cwd: tmp });
    expect(cli.error?.code).toBe('E_TOO_LARGE');
    expect(result.error).toEqual(cli.error);
    rmSync(big);
  });

  it('checks a long draft in the worker: progress shows, the page stays usable, and the check can be cancelled', async () => {
    // one line of 5,000,000 characters: seconds of checking (test/hostile/ has the CLI's side)
    const long = join(tmp, '很长的答复稿.txt');
    writeFileSync(long, '你提出的建议收悉。截止目前，我局高度重视。'.repeat(250_000));
    await page.setInputFiles('#draftFile', long);
    await page.evaluate(() => { document.body.dataset.state = 'waiting'; });
    await page.click('#check');
    await page.waitForSelector('#cancel', { state: 'visible' });
    expect(await page.isVisible('#progress')).toBe(true);
    expect(await page.textContent('#status')).toMatch(/正在(读取|检查)/);
    // the page answers while the worker checks
    await page.fill('#number', '128');
    expect(await page.inputValue('#number')).toBe('128');
    await page.click('#cancel');
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
    expect(await page.textContent('#status')).toBe('已取消检查。');
    expect(await page.isVisible('#progress')).toBe(false);
    // a fresh worker checks the next draft
    await page.fill('#number', '');
    await page.setInputFiles('#draftFile', inputs.junk);
    expect((pageResult(await runCheck(page)).error as { code: string }).code).toMatch(/^E_/);
    rmSync(long);
  });

  it('with the suggestion: the per-ask coverage of `--suggestion`, and the 答复提纲 downloads', async () => {
    await page.setInputFiles('#draftFile', inputs.reply);
    await page.setInputFiles('#suggestionFile', inputs.suggestion);
    await page.fill('#today', '2025-06-01');
    const result = pageResult(await runCheck(page));
    const cli = cliResult(['夜间门诊答复.txt', '--suggestion', '建议原件.txt', '--today', '2025-06-01'], { cwd: tmp });
    expect(cli.coverage?.length).toBe(3);
    expect(result).toEqual(cli);
    expect(await page.locator('#coverage tr').count()).toBe(1 + 3);

    await page.fill('#unit', '某市卫生健康委员会');
    const [outline] = await Promise.all([page.waitForEvent('download'), page.click('#outlineDocx')]);
    expect(outline.suggestedFilename()).toBe('答复提纲.docx');
    const saved = join(tmp, 'page', '答复提纲.docx');
    await outline.saveAs(saved);
    const cliOutline = join(tmp, 'cli-提纲.docx');
    expect(dafu(['outline', '--suggestion', '建议原件.txt', '--unit', '某市卫生健康委员会', '-o', cliOutline], { cwd: tmp }).code).toBe(0);
    const text = (bytes: Uint8Array) => docxParts(bytes)['word/document.xml'];
    expect(text(readFileSync(saved))).toEqual(text(readFileSync(cliOutline)));
    expect(text(readFileSync(saved))).toContain('某市卫生健康委员会');
    await page.click('#clearSuggestion');
  });

  it('loads the unit’s config from a JSON file, keeps it over a reload, and checks with it', async () => {
    await page.setInputFiles('#configFile', inputs.config);
    await expect.poll(() => page.textContent('#configStatus')).toContain('本单位配置.json');
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
    expect(await page.textContent('#configStatus')).toContain('本单位配置.json');
    await page.fill('#draftText', inputs.pasted);
    await page.fill('#today', '2025-06-01');
    const result = pageResult(await runCheck(page));
    const cli = cliResult(['-', '--today', '2025-06-01', '-c', '本单位配置.json'], { cwd: tmp, input: inputs.pasted });
    expect(cli.messages.some((m) => m.ruleId === 'jiezhi-jiezhi')).toBe(false);
    expect(result).toEqual(cli);
    // a bad config is refused with the schema's Chinese message, and the loaded one stays
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ rules: { 'jiezhi-jiezhi': 'loud' } }));
    await page.setInputFiles('#configFile', bad);
    await expect.poll(() => page.textContent('#configMsg')).toContain('rules.jiezhi-jiezhi');
    expect(await page.textContent('#configStatus')).toContain('本单位配置.json');
    await page.click('#clearConfig');
    expect(await page.textContent('#configStatus')).toContain('内置规则');
  });

  it('without Worker support checks in the page itself, and takes a dropped file', async () => {
    const bare = await context.newPage();
    bare.on('pageerror', (e) => errors.push(e.message));
    // a browser whose policy refuses workers
    await bare.addInitScript(() => { (window as unknown as { Worker: unknown }).Worker = undefined; });
    await bare.goto(WEB_URL);
    await bare.waitForFunction(() => document.body.dataset.state === 'ready');
    expect(await bare.evaluate(() => document.body.dataset.worker)).toBe('inline');
    // a file dropped on the draft zone, as from the desktop
    await bare.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], '拖入的答复稿.txt', { type: 'text/plain' }));
      document.getElementById('draftDrop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, inputs.pasted);
    expect(await bare.textContent('#draftName')).toContain('拖入的答复稿.txt');
    await bare.fill('#today', '2025-06-01');
    const result = pageResult(await runCheck(bare));
    writeFileSync(join(tmp, '拖入的答复稿.txt'), inputs.pasted);
    expect(result).toEqual(cliResult(['拖入的答复稿.txt', '--today', '2025-06-01'], { cwd: tmp }));
    await bare.close();
  });

  it('made no request but the page itself and its worker, and logged no error', async () => {
    expect(blocked).toEqual([]);
    expect(requests.filter((u) => !/^(file|blob):/.test(u))).toEqual([]);
    // the checks ran in the worker started from the inlined bundle (a blob: URL)
    expect(await page.evaluate(() => document.body.dataset.worker)).toBe('worker');
    expect(errors).toEqual([]);
    // the recorder works: a page that does make a request is seen and refused
    const probe = await context.newPage();
    await probe.goto('about:blank');
    await probe.evaluate(() => fetch('http://dafu-canary.invalid/').catch(() => undefined));
    await expect.poll(() => blocked).toContain('http://dafu-canary.invalid/');
    await probe.close();
  });
});
