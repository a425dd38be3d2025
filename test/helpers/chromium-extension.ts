/**
 * The one set-up for Chromium tests of the built extension (playwright-core + /usr/bin/chromium),
 * used by the Chromium e2e tests (test/e2e/) and test/bench/latency.mjs: build
 * if stale, serve the replica page on 127.0.0.1, load the unpacked extension, grant site access
 * on chrome://extensions (developerPrivate.addHostPermission, no prompt) and enable the site with
 * the popup's real button.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page, Worker } from 'playwright-core';
import { EXT_DIR, RESULTS, ROOT, serveReplica, warnIfMissing } from './replica';

export { REPLICA, REQUIRED, RESULTS, ROOT, serveReplica } from './replica';
export const EXT_OUT = join(EXT_DIR, '.output/chrome-mv3');
export const CHROMIUM = process.env.DAFU_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

/** Loud notice when Chromium is missing (tests skip unless DAFU_BROWSER_TESTS=1). */
export const warnIfNoChromium = (file: string): void =>
  warnIfMissing(CHROMIUM, `browser extension e2e tests (${file})`, 'apt-get update && apt-get install -y chromium fonts-noto-cjk');

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const name of readdirSync(p)) {
    if (name === 'node_modules' || name === '.output' || name === '.wxt' || name.startsWith('.')) continue;
    m = Math.max(m, newestMtime(join(p, name)));
  }
  return m;
}

/** Builds the extension when .output/chrome-mv3 is missing or older than its sources. */
export function ensureBuilt(): void {
  const manifest = join(EXT_OUT, 'manifest.json');
  const inputs = ['entrypoints', 'utils', 'public', 'wxt.config.ts', 'package.json'].map((p) => join(EXT_DIR, p))
    .concat(['rules/dist', 'core/dist', 'rules/src', 'core/src'].map((p) => join(ROOT, p)));
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= Math.max(...inputs.map(newestMtime))) return;
  console.warn('[e2e] building the extension: npm run build -w @dafu/extension');
  execSync('npm run build -w @dafu/extension', { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
}

/**
 * Launches Chromium with the unpacked extension (the build, or `extDir`) and grants it http://127.0.0.1 (no prompt).
 * `onLaunch` sees the context before any page opens (e.g. to record every request).
 */
export async function launchWithExtension(
  profileDir: string, { onLaunch, extDir = EXT_OUT }: { onLaunch?: (context: BrowserContext) => void; extDir?: string } = {},
): Promise<{ context: BrowserContext; sw: Worker; extId: string }> {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    // file names such as 答复函-0137.docx need a UTF-8 locale in the browser process (a bare environment has none)
    env: { ...process.env, LANG: process.env.LANG || 'C.UTF-8' },
    args: [
      `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`, '--no-sandbox', '--disable-gpu',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
    ],
  });
  onLaunch?.(context);
  let [sw] = context.serviceWorkers();
  sw ??= await context.waitForEvent('serviceworker');
  const extId = new URL(sw.url()).host;
  // Chromium answers storage.managed (policy) only ~3 s after it starts, and the extension waits
  // for it before acting on its settings: wait here, so timeouts measure the extension, not start-up
  await sw.evaluate(() => chrome.storage.managed.get());
  // "site access" granted on chrome://extensions (what an admin/user does there; no prompt)
  const admin = await context.newPage();
  await admin.goto('chrome://extensions');
  await admin.evaluate(async ({ id, host }) => {
    const dp = (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome.developerPrivate;
    await dp.addHostPermission(id, host);
  }, { id: extId, host: 'http://127.0.0.1/*' });
  await admin.close();
  return { context, sw, extId };
}

export interface ReplicaSession { context: BrowserContext; sw: Worker; extId: string; origin: string; close(): Promise<void> }

/**
 * The usual e2e set-up: the built extension in a fresh Chromium profile, the replica served on
 * 127.0.0.1, and (with `enableAt`) the site enabled from the popup as a user does. For beforeAll.
 */
export async function replicaSession(prefix: string, enableAt?: string): Promise<ReplicaSession> {
  if (!HAVE_CHROMIUM) throw new Error(`DAFU_BROWSER_TESTS=1 but ${CHROMIUM} is missing: apt-get update && apt-get install -y chromium fonts-noto-cjk`);
  ensureBuilt();
  mkdirSync(RESULTS, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), `dafu-${prefix}-`));
  const { server, origin } = await serveReplica();
  const { context, sw, extId } = await launchWithExtension(join(tmp, 'profile'));
  if (enableAt) {
    const first = await context.newPage();
    await first.goto(`${origin}${enableAt}`);
    await (await openPopupAndEnable(context, extId, first.url())).close();
    await first.close();
  }
  return {
    context, sw, extId, origin,
    async close() { await context.close(); server.close(); rmSync(tmp, { recursive: true, force: true }); },
  };
}

/** Opens the popup for `url` and clicks 在此网站启用 (if not enabled yet). Returns the popup page. */
export async function openPopupAndEnable(context: BrowserContext, extId: string, url: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extId}/popup.html?target=${encodeURIComponent(url)}`);
  const status = popup.locator('#status');
  await popup.waitForFunction(() => !document.getElementById('status')?.textContent?.includes('正在读取'));
  if (!(await status.textContent())?.includes('已在此网站启用')) {
    await popup.click('#toggle');
    await popup.waitForFunction(() => document.getElementById('status')?.textContent?.includes('已在此网站启用'), undefined, { timeout: 8000 });
  }
  return popup;
}

/** The editable document of an editor iframe, once the replica has written it. */
export async function editorFrame(page: Page | Frame, selector = '#ueditor_0'): Promise<Frame> {
  const handle = await page.waitForSelector(selector, { state: 'attached' });
  for (let i = 0; i < 50; i++) {
    const f = await handle.contentFrame();
    if (f && await f.evaluate(() => document.body?.isContentEditable).catch(() => false)) return f;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`editor frame ${selector} not ready`);
}

export const panel = (p: Page | Frame) => p.locator('dafu-panel .panel');
export const findings = (p: Page | Frame) => p.locator('dafu-panel .finding');

export const FLAWED = '你提出的关于优化城区公交线路的建议收悉。截止目前，我局高度重视，将认真研究。';
