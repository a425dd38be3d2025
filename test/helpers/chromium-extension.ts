/**
 * The one set-up for Chromium tests of the built extension (playwright-core + /usr/bin/chromium),
 * used by test/e2e/extension.test.ts, test/e2e/picker.test.ts and test/bench/latency.mjs: build
 * if stale, serve the replica page on 127.0.0.1, load the unpacked extension, grant site access
 * on chrome://extensions (developerPrivate.addHostPermission, no prompt) and enable the site with
 * the popup's real button.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Frame, Page, Worker } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXT_DIR = join(ROOT, 'extension');
export const EXT_OUT = join(EXT_DIR, '.output/chrome-mv3');
export const REPLICA = join(ROOT, 'test/e2e/replica');
export const RESULTS = join(ROOT, 'test-results');
export const CHROMIUM = process.env.DAFU_CHROMIUM ?? '/usr/bin/chromium';
export const REQUIRED = process.env.DAFU_BROWSER_TESTS === '1';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

/** Loud notice when the browser is missing (tests skip unless DAFU_BROWSER_TESTS=1). */
export function warnIfNoChromium(file: string): void {
  if (HAVE_CHROMIUM || REQUIRED) return;
  console.warn([
    '', '#'.repeat(80), `#  SKIPPED: browser extension e2e tests (${file})`, `#  ${CHROMIUM} not found. Install it with:`,
    '#      apt-get update && apt-get install -y chromium fonts-noto-cjk',
    '#  Set DAFU_BROWSER_TESTS=1 to make a missing browser a test FAILURE (CI).', '#'.repeat(80), '',
  ].join('\n'));
}

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

/** Serves test/e2e/replica on 127.0.0.1 (random port). */
export function serveReplica(): Promise<{ server: http.Server; origin: string }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'reply.html';
    const file = resolve(REPLICA, path);
    if (!file.startsWith(REPLICA) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

/**
 * Launches Chromium with the unpacked extension and grants it http://127.0.0.1 (no prompt).
 * `onLaunch` sees the context before any page opens (e.g. to record every request).
 */
export async function launchWithExtension(
  profileDir: string, { onLaunch }: { onLaunch?: (context: BrowserContext) => void } = {},
): Promise<{ context: BrowserContext; sw: Worker; extId: string }> {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    args: [
      `--disable-extensions-except=${EXT_OUT}`, `--load-extension=${EXT_OUT}`, '--no-sandbox', '--disable-gpu',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
    ],
  });
  onLaunch?.(context);
  let [sw] = context.serviceWorkers();
  sw ??= await context.waitForEvent('serviceworker');
  const extId = new URL(sw.url()).host;
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
