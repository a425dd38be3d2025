/**
 * What every browser e2e test of the extension shares, whatever drives the browser (playwright-core
 * for Chromium, puppeteer-core for Firefox): paths, the loud notice when the browser is missing,
 * the replica page served on 127.0.0.1, and reading the page's highlight registry.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXT_DIR = join(ROOT, 'extension');
export const REPLICA = join(ROOT, 'test/e2e/replica');
export const RESULTS = join(ROOT, 'test-results');
/** Set in CI: a missing browser fails the tests instead of skipping them. */
export const REQUIRED = process.env.DAFU_BROWSER_TESTS === '1';

/** Loud notice when `browser` is missing (its tests skip unless DAFU_BROWSER_TESTS=1). */
export function warnIfMissing(browser: string, what: string, install: string): void {
  if (existsSync(browser) || REQUIRED) return;
  console.warn([
    '', '#'.repeat(80), `#  SKIPPED: ${what}`, `#  ${browser} not found. Install it with:`, `#      ${install}`,
    '#  Set DAFU_BROWSER_TESTS=1 to make a missing browser a test FAILURE (CI).', '#'.repeat(80), '',
  ].join('\n'));
}

/** Listens on 127.0.0.1 at a random port; resolves to the port. */
export function listen(server: http.Server): Promise<number> {
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port)));
}

/** Serves test/e2e/replica on 127.0.0.1 (random port). */
export async function serveReplica(): Promise<{ server: http.Server; origin: string }> {
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
  return { server, origin: `http://127.0.0.1:${await listen(server)}` };
}

/**
 * Runs in the page (pass it to the driver's evaluate): the text of every range in each CSS
 * highlight registered in that document (the registry is per document, read from the page's world).
 */
export function readHighlights(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const reg = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
  if (!reg) return out;
  for (const [name, h] of reg) out[name] = [...h].map((r) => r.toString());
  return out;
}
