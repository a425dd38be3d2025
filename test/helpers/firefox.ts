/**
 * What the Firefox e2e tests share (puppeteer-core + WebDriver BiDi with Debian's firefox-esr):
 * the logging proxy every connection goes to, and reading a finished download.
 */
import { readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { expect } from 'vitest';

export const FIREFOX = process.env.DAFU_FIREFOX ?? '/usr/bin/firefox-esr';

/** An HTTP proxy that answers nothing and records what was asked of it. */
export function loggingProxy(log: string[]): http.Server {
  const proxy = http.createServer((req, res) => { log.push(`${req.method} ${req.url}`); res.writeHead(502); res.end(); });
  proxy.on('connect', (req, socket) => { log.push(`CONNECT ${req.url}`); socket.destroy(); });
  return proxy;
}

/**
 * The path of a file Firefox has finished saving in `dir`: while it downloads, Firefox keeps an
 * empty placeholder under the final name next to name.part.
 */
export async function downloaded(dir: string, match: (name: string) => boolean): Promise<string> {
  let found = '';
  await expect.poll(() => {
    const names = readdirSync(dir);
    found = names.find((n) => match(n) && !n.endsWith('.part')) ?? '';
    return !!found && !names.includes(`${found}.part`) && statSync(join(dir, found)).size > 0;
  }, { timeout: 8000 }).toBe(true);
  return join(dir, found);
}
