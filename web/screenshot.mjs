/**
 * Regenerates docs/web-page.png, the README's picture of the offline page: Chromium opens
 * web/dist/dafu.html from file://, checks the flawed example reply (pasted, with its case) and
 * shows one finding in place. Needs /usr/bin/chromium and CJK fonts (fonts-noto-cjk), and a built page.
 *
 *   npm run build && node web/screenshot.mjs
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'docs/web-page.png');
const example = JSON.parse(readFileSync(join(ROOT, 'examples/npc-host-flawed.case.json'), 'utf8'));

const browser = await chromium.launch({
  executablePath: process.env.DAFU_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  env: { ...process.env, LANG: process.env.LANG || 'C.UTF-8' },
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 720 }, locale: 'zh-CN' });
  await page.goto(pathToFileURL(join(ROOT, 'web/dist/dafu.html')).href);
  await page.waitForFunction(() => document.body.dataset.state === 'ready');
  await page.fill('#draftText', readFileSync(join(ROOT, 'examples/npc-host-flawed.txt'), 'utf8'));
  await page.selectOption('#kind', example.kind);
  await page.selectOption('#role', example.role);
  for (const k of ['class', 'number', 'deadline']) await page.fill(`#${k}`, example[k]);
  await page.fill('#proposer', example.proposer.join('、'));
  await page.fill('#today', '2025-06-05');
  await page.click('#check');
  await page.waitForFunction(() => document.body.dataset.state === 'done');
  await page.click('#findings .finding:has-text("截止")');
  await page.evaluate(() => { document.getElementById('report').scrollIntoView({ block: 'start' }); window.scrollBy(0, -8); });
  await page.waitForTimeout(300);
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
}
