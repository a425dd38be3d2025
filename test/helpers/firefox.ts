/**
 * What the Firefox e2e tests share (puppeteer-core + WebDriver BiDi with Debian's firefox-esr):
 * the launch, the logging proxy every connection goes to, and reading a finished download.
 */
import { readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
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

export interface FirefoxOptions {
  /** every connection goes to this proxy port, except to `direct` hosts (host:port) */
  proxyPort?: number; direct?: string;
  /** downloads are saved without a dialog into this folder */
  downloads?: string;
  prefs?: Record<string, unknown>; args?: string[];
}

/**
 * Headless firefox-esr in a fresh profile: no connections to non-local hosts (the test-harness
 * switch, which also lets the dummy remote-settings server take effect in a release build),
 * Chinese UI, a UTF-8 locale for Chinese file names.
 */
export async function launchFirefox({ proxyPort, direct = '', downloads, prefs = {}, args = [] }: FirefoxOptions = {}): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    args,
    env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1', LANG: process.env.LANG || 'C.UTF-8' },
    extraPrefsFirefox: {
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      'intl.locale.requested': 'zh-CN',
      ...(downloads ? {
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
      } : {}),
      ...(proxyPort ? {
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxyPort,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxyPort,
        'network.proxy.allow_hijacking_localhost': true,
        'network.proxy.no_proxies_on': direct,
      } : {}),
      ...prefs,
    },
  });
}
