/**
 * The offline page (web/dist/dafu.html) in Firefox ESR, opened from file:// (puppeteer-core over
 * WebDriver BiDi): a flawed .docx and a pasted text get the findings `dafu check --format json`
 * gives for them, the 批注版 downloads as the CLI writes it, a junk file gets the CLI's code and
 * message, and every connection Firefox tries goes to a logging proxy that records none.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import type http from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { dafu, tempDir } from '../helpers/cli';
import { downloaded, FIREFOX, launchFirefox, loggingProxy } from '../helpers/firefox';
import { listen, REQUIRED, RESULTS, warnIfMissing } from '../helpers/replica';
import { caseFlags, cliResult, DOCX_CASE, docxParts, ensureWebBuilt, makeWebInputs, pageResult, WEB_URL, type WebInputs } from '../helpers/web-page';

const HAVE_FIREFOX = existsSync(FIREFOX);
const CANARY = 'http://dafu-canary.invalid/';

warnIfMissing(FIREFOX, 'offline page e2e tests in Firefox (test/e2e/web-firefox.test.ts)', 'apt-get update && apt-get install -y --no-install-recommends firefox-esr fonts-noto-cjk');

const state = (page: Page) => page.evaluate(() => document.body.dataset.state ?? '');

async function runCheck(page: Page): Promise<unknown> {
  await page.evaluate(() => { document.body.dataset.state = 'waiting'; });
  await page.click('#check');
  await expect.poll(() => state(page), { timeout: 60_000 }).toMatch(/^(done|failed)$/);
  return page.evaluate(() => (window as unknown as { dafuResult: unknown }).dafuResult);
}

async function setValue(page: Page, selector: string, value: string): Promise<void> {
  await page.evaluate((s, v) => {
    const e = document.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(s)!;
    e.value = v;
    e.dispatchEvent(new Event('input', { bubbles: true }));
    e.dispatchEvent(new Event('change', { bubbles: true }));
  }, selector, value);
}

const choose = async (page: Page, selector: string, path: string) => ((await page.$(selector)) as ElementHandle<HTMLInputElement>).uploadFile(path);

describe.skipIf(!HAVE_FIREFOX && !REQUIRED)('offline page (Firefox, file://)', () => {
  let browser: Browser;
  let page: Page;
  let proxy: http.Server;
  let inputs: WebInputs;
  let tmp = '';
  let downloads = '';
  let output = '';
  const proxied: string[] = [];

  beforeAll(async () => {
    if (!HAVE_FIREFOX) throw new Error(`DAFU_BROWSER_TESTS=1 but ${FIREFOX} is missing: apt-get update && apt-get install -y --no-install-recommends firefox-esr`);
    ensureWebBuilt();
    mkdirSync(RESULTS, { recursive: true });
    tmp = tempDir('dafu-web-firefox-');
    downloads = join(tmp, 'downloads');
    mkdirSync(downloads);
    inputs = await makeWebInputs(tmp);
    proxy = loggingProxy(proxied);
    const proxyPort = await listen(proxy);
    browser = await launchFirefox({ proxyPort, downloads, prefs: { 'devtools.console.stdout.content': true } });
    for (const s of [browser.process()?.stdout, browser.process()?.stderr]) s?.on('data', (d: Buffer) => { output += d.toString(); });
    page = await browser.newPage();
    await page.goto(WEB_URL);
    await page.waitForFunction(() => document.body.dataset.state === 'ready', { timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    proxy?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('checks a flawed .docx like `dafu check --format json` and downloads the 批注版', async () => {
    for (const [k, v] of Object.entries(DOCX_CASE)) await setValue(page, `#${k}`, v);
    await choose(page, '#draftFile', inputs.docx);
    const result = pageResult(await runCheck(page));
    const cli = cliResult(['答复函-0137.docx', ...caseFlags(DOCX_CASE)], { cwd: tmp });
    expect(cli.messages.some((m) => m.ruleId === 'jiezhi-jiezhi')).toBe(true);
    expect(result).toEqual(cli);
    expect(await page.evaluate(() => document.body.dataset.worker)).toBe('worker');
    expect(await page.evaluate(() => [...document.querySelectorAll('#text mark')].map((m) => m.textContent))).toContain('截止');
    await page.screenshot({ path: join(RESULTS, 'web-firefox-docx.png') });

    await page.click('#annotate');
    const saved = await downloaded(downloads, (n) => n === '答复函-0137.dafu批注.docx');
    expect(dafu(['check', '答复函-0137.docx', '--annotate', ...caseFlags(DOCX_CASE)], { cwd: tmp }).stderr).toContain('已生成批注版');
    expect(docxParts(readFileSync(saved))).toEqual(docxParts(readFileSync(join(tmp, '答复函-0137.dafu批注.docx'))));
  });

  it('checks pasted text like `dafu check -`', async () => {
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.state === 'ready', { timeout: 30_000 });
    // (Firefox restores form fields on reload: the .docx's case is cleared here)
    for (const k of Object.keys(DOCX_CASE)) await setValue(page, `#${k}`, '');
    await setValue(page, '#draftText', inputs.pasted);
    await setValue(page, '#today', '2025-06-01');
    const result = pageResult(await runCheck(page));
    const cli = cliResult(['-', '--today', '2025-06-01'], { cwd: tmp, input: inputs.pasted });
    expect(cli.messages.length).toBeGreaterThan(3);
    expect(result).toEqual(cli);
  });

  it('gives a junk file the CLI’s code and Chinese message', async () => {
    await setValue(page, '#draftText', '');
    await choose(page, '#draftFile', inputs.junk);
    const result = pageResult(await runCheck(page));
    const cli = cliResult(['损坏的答复稿.docx'], { cwd: tmp });
    expect(cli.error?.code).toMatch(/^E_/);
    expect(result.error).toEqual(cli.error);
    expect(await page.evaluate(() => document.querySelector('#error')?.textContent)).toContain(cli.error!.message);
  });

  it('no page errors and no connection attempted', async () => {
    expect(output.split('\n').filter((l) => /JavaScript error|\[dafu\]/.test(l))).toEqual([]);
    expect(proxied).toEqual([]);
    // canary: a request from another page does reach the logging proxy
    const probe = await browser.newPage();
    await probe.goto('about:blank');
    await probe.evaluate((u) => fetch(u).catch(() => undefined), CANARY);
    await expect.poll(() => proxied).toEqual([`GET ${CANARY}`]);
    await probe.close();
  });
});
