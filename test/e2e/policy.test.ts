/**
 * E2E: settings pushed by policy. A Chromium machine policy in /etc/chromium/policies/managed
 * (`3rdparty.extensions.<id>`) enables the replica's site, sets the reply field's selector and a
 * custom word list for the extension; a second copy of the extension gets a policy that fails
 * validation. The policy file is written in beforeAll and removed in afterAll.
 *
 * Host access is the part policy cannot grant (see extension/README.md): either the user clicks
 * 授权 once for the managed site (a host pre-granted on chrome://extensions, as in the other
 * Chromium tests, so no prompt), or the build carries the site in host_permissions (DAFU_HOSTS;
 * here a third copy with that manifest entry). The site itself is never enabled by hand.
 *
 * Skips loudly when Chromium is missing or the policy folder cannot be written (not root);
 * fails instead when DAFU_BROWSER_TESTS=1.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import {
  CHROMIUM, FLAWED, HAVE_CHROMIUM, REQUIRED, RESULTS, editorFrame, ensureBuilt, findings, launchWithExtension, panel,
  serveReplica, warnIfNoChromium,
} from '../helpers/chromium-extension';
import { CHROMIUM_POLICY_DIR, ChromiumPolicyFile, canWrite, keyedCopy, warnPolicySkip } from '../helpers/policy-files';

warnIfNoChromium('test/e2e/policy.test.ts');
const CAN_WRITE = canWrite(CHROMIUM_POLICY_DIR);
if (!CAN_WRITE && !REQUIRED) warnPolicySkip('test/e2e/policy.test.ts', CHROMIUM_POLICY_DIR);

/** the replica variant whose editor the field finder cannot find by itself (test/e2e/picker.test.ts) */
const UNLABELED = '/reply.html?labels=none#reply/2025-R-0137';
const EDITOR_SELECTOR = 'div.edui-editor-iframeholder iframe';
const WORDS = { lists: { words: [{ wrong: '公交线路', right: '公交线网', note: '本市统一说法' }] } };

const VALID = {
  sites: [{ origin: 'http://127.0.0.1', fields: { replyBody: { selector: EDITOR_SELECTOR } } }],
  submitGate: true,
  checkerConfig: JSON.stringify(WORDS),
};
/** valid but for one word-list entry without `right`: nothing of it may apply */
const INVALID = {
  ...VALID,
  preset: 'strict',
  checkerConfig: JSON.stringify({ lists: { words: [{ wrong: '公交线路' }] } }),
};

describe.skipIf((!HAVE_CHROMIUM || !CAN_WRITE) && !REQUIRED)('settings pushed by policy e2e (Chromium)', () => {
  const policy = new ChromiumPolicyFile();
  let server: http.Server;
  let origin = '';
  let tmp = '';
  let valid = { dir: '', id: '' };
  let invalid = { dir: '', id: '' };
  let hosts = { dir: '', id: '' };

  async function launch(ext: { dir: string; id: string }, name: string): Promise<{ context: BrowserContext; sw: Worker }> {
    const { context, sw, extId } = await launchWithExtension(join(tmp, `profile-${name}`), { extDir: ext.dir });
    expect(extId).toBe(ext.id); // the policy is keyed by this id
    return { context, sw };
  }

  /** match patterns of the content script the background registered (it follows permission and settings changes) */
  const registeredMatches = (sw: Worker) => () => sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((c) => c.matches ?? []));

  async function options(context: BrowserContext, id: string): Promise<Page> {
    const opt = await context.newPage();
    await opt.goto(`chrome-extension://${id}/options.html`);
    await opt.locator('#siteTable tbody tr').first().waitFor({ timeout: 10_000 });
    return opt;
  }

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`DAFU_BROWSER_TESTS=1 but ${CHROMIUM} is missing: apt-get update && apt-get install -y chromium fonts-noto-cjk`);
    if (!CAN_WRITE) throw new Error(`DAFU_BROWSER_TESTS=1 but ${CHROMIUM_POLICY_DIR} cannot be written: run the tests as root`);
    ensureBuilt();
    mkdirSync(RESULTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'dafu-policy-'));
    valid = keyedCopy(join(tmp, 'ext-valid'));
    invalid = keyedCopy(join(tmp, 'ext-invalid'));
    hosts = keyedCopy(join(tmp, 'ext-hosts'), { hostPermissions: ['http://127.0.0.1/*'] });
    policy.write({ [valid.id]: VALID, [invalid.id]: INVALID, [hosts.id]: VALID });
    ({ server, origin } = await serveReplica());
  }, 300_000);

  afterAll(() => {
    policy.remove();
    server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Opens the replica's unlabeled editor page, waits for the panel and types the flawed reply. */
  async function typeIntoUnlabeled(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${origin}${UNLABELED}`);
    const ed = await editorFrame(page);
    await panel(page).waitFor({ timeout: 8000 });
    await ed.locator('body').click();
    await page.keyboard.type(FLAWED);
    return page;
  }

  it('enables the site with the managed field selector and word list; the options page shows them read-only', async () => {
    const { context, sw } = await launch(valid, 'valid');
    try {
      expect(await sw.evaluate(() => chrome.storage.managed.get())).toEqual(VALID);
      // the managed site is listed, read-only, and waits for host access: 授权 (no prompt: pre-granted)
      const opt = await options(context, valid.id);
      const row = opt.locator('#siteTable tr[data-origin="http://127.0.0.1"]');
      expect(await row.getAttribute('data-managed')).toBe('1');
      expect(await row.locator('td').nth(1).textContent()).toBe('缺少访问权限');
      await row.locator('button', { hasText: '授权' }).click();
      await expect.poll(() => row.locator('td').nth(1).textContent(), { timeout: 8000 }).toBe('已启用');
      // registered for the managed site once host access is granted (permissions.onAdded)
      await expect.poll(registeredMatches(sw), { timeout: 10_000 }).toEqual(['http://127.0.0.1/*']);
      // found through the managed selector (this editor has no label, name or id to go by)
      const page = await typeIntoUnlabeled(context);
      await expect.poll(() => findings(page).count(), { timeout: 8000 }).toBeGreaterThanOrEqual(2);
      // the managed word list: 公交线路 → 公交线网
      await expect.poll(() => panel(page).textContent(), { timeout: 8000 }).toContain('“公交线路”应为“公交线网”（本市统一说法）');
      await page.screenshot({ path: join(RESULTS, 'dafu-policy-page.png') });

      await opt.bringToFront();
      expect(await opt.locator('#policyMsg').textContent()).toContain('以下设置由管理员设置');
      expect(await row.textContent()).toContain('由管理员设置');
      expect(await row.locator('button', { hasText: /停用|删除/ }).count()).toBe(0);
      await row.locator('summary').click();
      const sel = row.locator('input[data-field="replyBody.selector"]');
      expect(await sel.inputValue()).toBe(EDITOR_SELECTOR);
      expect(await sel.getAttribute('readonly')).not.toBeNull();
      expect(await row.locator('button', { hasText: '保存字段设置' }).count()).toBe(0);
      expect(await opt.locator('#submitGate').isChecked()).toBe(true);
      expect(await opt.locator('#submitGate').isDisabled()).toBe(true);
      expect(await opt.locator('[data-managed="submitGate"]').isVisible()).toBe(true);
      expect(await opt.locator('#underline').isDisabled()).toBe(false); // not managed
      await opt.locator('#checkerDetails summary').click();
      expect(await opt.locator('[data-managed="checkerConfig"]').isVisible()).toBe(true);
      expect(JSON.parse(await opt.locator('#checkerConfig').inputValue())).toEqual(WORDS);
      expect(await opt.locator('#checkerConfig').getAttribute('readonly')).not.toBeNull();
      expect(await opt.locator('#saveChecker').isDisabled()).toBe(true);
      await opt.screenshot({ path: join(RESULTS, 'dafu-policy-options.png'), fullPage: true });

      // the popup cannot disable the site or re-pick its field
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${valid.id}/popup.html?target=${encodeURIComponent(page.url())}`);
      await expect.poll(() => popup.locator('#status').textContent()).toContain('已在此网站启用');
      expect(await popup.locator('#toggle').isHidden()).toBe(true);
      expect(await popup.locator('#pick').isHidden()).toBe(true);
      expect(await popup.locator('#hint').textContent()).toContain('由管理员设置');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('with the site in the build\'s host permissions (DAFU_HOSTS), the policy alone enables it: no click', async () => {
    const { context, sw } = await launch(hosts, 'hosts');
    try {
      await expect.poll(registeredMatches(sw), { timeout: 10_000 }).toEqual(['http://127.0.0.1/*']);
      const page = await typeIntoUnlabeled(context);
      await expect.poll(() => panel(page).textContent(), { timeout: 8000 }).toContain('“公交线路”应为“公交线网”');
      // the policy's site is not copied into the user's settings (install-time hosts are adopted only when missing)
      expect(await sw.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { sites?: unknown[] } | undefined)?.sites ?? [])).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('a policy that fails validation is reported on the options page and ignored as a whole', async () => {
    const { context, sw } = await launch(invalid, 'invalid');
    try {
      expect(await sw.evaluate(() => chrome.storage.managed.get())).toEqual(INVALID);
      const opt = await options(context, invalid.id);
      const msg = opt.locator('#policyMsg');
      expect(await msg.textContent()).toContain('管理员下发的设置（策略）有问题，已全部忽略');
      expect(await msg.textContent()).toContain('checkerConfig.lists.words');
      expect(await msg.getAttribute('class')).toContain('error');
      // nothing of it applied: not the (valid) site, not the preset, not the submit gate lock
      expect(await opt.locator('#siteTable').textContent()).toContain('还没有启用任何网站');
      expect(await opt.locator('#preset').inputValue()).toBe('recommended');
      expect(await opt.locator('#preset').isDisabled()).toBe(false);
      expect(await opt.locator('#submitGate').isDisabled()).toBe(false);
      expect(await opt.locator('.managed:visible').count()).toBe(0);
      await opt.screenshot({ path: join(RESULTS, 'dafu-policy-invalid.png'), fullPage: true });
      expect(await registeredMatches(sw)()).toEqual([]);
      const page = await context.newPage();
      await page.goto(`${origin}${UNLABELED}`);
      await editorFrame(page);
      expect(await page.locator('html').getAttribute('data-dafu')).toBeNull();
    } finally {
      await context.close();
    }
  }, 120_000);
});
