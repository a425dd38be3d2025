/**
 * E2E: settings pushed by Firefox's policies.json (`3rdparty.Extensions.<add-on id>`, in the
 * distribution folder next to firefox-esr). The policy sets the replica's site with the reply
 * field's selector and a custom word list; the page proves all three are applied: the replica
 * variant's editor is found only through that selector, and the word list's message appears.
 *
 * Host access: Firefox MV2 optional permissions need a user click, so the bundle is built with
 * DAFU_HOSTS=http://127.0.0.1/* (the administrator's route, extension/README.md). That alone would
 * enable the site at install; here the policy's entry for the site is there first, so nothing is
 * copied into the user's settings, and the field selector and word list can only come from it.
 *
 * The add-on gets an id of its own for this run, so the policy concerns no other Firefox test.
 * Skips loudly when firefox-esr is missing or the distribution folder cannot be written; fails
 * instead when DAFU_BROWSER_TESTS=1. The options page's read-only display is checked in Chromium
 * (test/e2e/policy.test.ts): it is the same page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { EXT_DIR, REQUIRED, RESULTS, serveReplica, warnIfMissing } from '../helpers/replica';
import { FIREFOX, launchFirefox } from '../helpers/firefox';
import { FirefoxPolicyFile, canWrite, firefoxDistributionDir, renamedFirefoxCopy, warnPolicySkip } from '../helpers/policy-files';

const HAVE_FIREFOX = existsSync(FIREFOX);
// its own WXT mode, so it never races test/e2e/firefox.test.ts for .output/firefox-mv2-e2e
const BUILD = join(EXT_DIR, '.output/firefox-mv2-e2e-policy');

warnIfMissing(FIREFOX, 'Firefox policy e2e (test/e2e/firefox-policy.test.ts)', 'apt-get update && apt-get install -y --no-install-recommends firefox-esr fonts-noto-cjk');
const DIST = HAVE_FIREFOX ? firefoxDistributionDir(FIREFOX) : '';
const CAN_WRITE = HAVE_FIREFOX && canWrite(DIST);
if (HAVE_FIREFOX && !CAN_WRITE && !REQUIRED) warnPolicySkip('test/e2e/firefox-policy.test.ts', DIST);

const FLAWED = '你提出的关于优化城区公交线路的建议收悉。截止目前，我局高度重视，将认真研究。';
const EDITOR_SELECTOR = 'div.edui-editor-iframeholder iframe';
const POLICY = {
  sites: [{ origin: 'http://127.0.0.1', fields: { replyBody: { selector: EDITOR_SELECTOR } } }],
  checkerConfig: JSON.stringify({ lists: { words: [{ wrong: '公交线路', right: '公交线网', note: '本市统一说法' }] } }),
};

async function editorFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#ueditor_0');
  for (let i = 0; i < 50; i++) {
    const f = await handle!.contentFrame();
    if (f && await f.evaluate(() => document.body?.isContentEditable).catch(() => false)) return f;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('editor frame not ready');
}

const panelText = (page: Page) => page.evaluate(() => document.querySelector('dafu-panel')?.shadowRoot?.querySelector('.panel')?.textContent ?? null);

describe.skipIf((!HAVE_FIREFOX || !CAN_WRITE) && !REQUIRED)('settings pushed by policies.json e2e (Firefox)', () => {
  const policy = new FirefoxPolicyFile(DIST);
  let browser: Browser;
  let server: http.Server;
  let origin = '';
  let tmp = '';

  beforeAll(async () => {
    if (!HAVE_FIREFOX) throw new Error(`DAFU_BROWSER_TESTS=1 but ${FIREFOX} is missing: apt-get update && apt-get install -y --no-install-recommends firefox-esr`);
    if (!CAN_WRITE) throw new Error(`DAFU_BROWSER_TESTS=1 but ${DIST} cannot be written: run the tests as root`);
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mode', 'e2e-policy'], {
      cwd: EXT_DIR, stdio: 'inherit', timeout: 300_000, env: { ...process.env, DAFU_HOSTS: 'http://127.0.0.1/*' },
    });
    mkdirSync(RESULTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'dafu-firefox-policy-'));
    const ext = renamedFirefoxCopy(BUILD, join(tmp, 'ext'));
    policy.write({ [ext.id]: POLICY });
    ({ server, origin } = await serveReplica());
    browser = await launchFirefox();
    expect(await browser.installExtension(ext.dir)).toBe(ext.id);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    policy.remove();
    server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the policy\'s site, field selector and word list apply', async () => {
    const page = await browser.newPage();
    // the background registers the content script shortly after install (once Firefox answers
    // storage.managed); a page loaded before that has none: load it again until the panel is there
    let ed: Frame | undefined;
    await expect.poll(async () => {
      await page.goto(`${origin}/reply.html?labels=none#reply/2025-R-0137`);
      ed = await editorFrame(page);
      return page.waitForFunction(() => document.querySelector('dafu-panel')?.shadowRoot?.querySelector('.panel'), { timeout: 4000 }).then(() => true, () => false);
    }, { timeout: 30_000, interval: 0 }).toBe(true);
    await ed!.click('body');
    await page.keyboard.type(FLAWED);
    await expect.poll(() => panelText(page), { timeout: 8000 }).toContain('“公交线路”应为“公交线网”（本市统一说法）');
    await page.screenshot({ path: join(RESULTS, 'firefox-policy-page.png') });
    await page.close();
  }, 90_000);
});
