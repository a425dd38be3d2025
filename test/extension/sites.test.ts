/**
 * Site enabling and content-script registration against WXT's in-memory fake browser
 * (storage is real in-memory; permissions and scripting are stubbed here).
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Sites = typeof import('../../extension/utils/sites');
type Store = typeof import('../../extension/utils/store');
let sites: Sites;
let store: Store;
const granted = new Set<string>();
let registered: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  // wxt/browser picks up globalThis.chrome when the module is first imported
  (globalThis as unknown as { chrome: unknown }).chrome = fakeBrowser;
  Object.assign(fakeBrowser.permissions, {
    contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o))),
  });
  Object.assign(fakeBrowser.scripting, {
    getRegisteredContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => registered.filter((r) => ids.includes(r.id as string))),
    unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => { registered = registered.filter((r) => !ids.includes(r.id as string)); }),
    registerContentScripts: vi.fn(async (scripts: Array<Record<string, unknown>>) => { registered.push(...scripts); }),
  });
  sites = await import('../../extension/utils/sites');
  store = await import('../../extension/utils/store');
});

beforeEach(async () => {
  await fakeBrowser.storage.local.clear();
  granted.clear();
  registered = [];
});

describe('enabling sites', () => {
  it('registers the content script for enabled sites with permission, in all frames', async () => {
    granted.add('http://10.1.2.3/*');
    await sites.setSiteEnabled('http://10.1.2.3', true);
    await sites.setSiteEnabled('http://10.9.9.9', true); // no permission: not registered
    await sites.syncContentScripts();
    expect(registered).toEqual([expect.objectContaining({
      id: 'dafu-content', matches: ['http://10.1.2.3/*'], js: ['content-scripts/content.js'], allFrames: true, matchOriginAsFallback: true,
    })]);
    expect(await sites.siteStatus('http://10.1.2.3:8080/a')).toEqual({ origin: 'http://10.1.2.3', status: 'enabled' });
    expect(await sites.siteStatus('http://10.9.9.9/a')).toEqual({ origin: 'http://10.9.9.9', status: 'no-permission' });
    expect(await sites.siteStatus('http://10.7.7.7/a')).toEqual({ origin: 'http://10.7.7.7', status: 'disabled' });
    expect(await sites.siteStatus('chrome://newtab')).toEqual({ origin: null, status: 'unsupported' });
  });

  it('disabling unregisters', async () => {
    granted.add('http://10.1.2.3/*');
    await sites.setSiteEnabled('http://10.1.2.3', true);
    await sites.syncContentScripts();
    expect(registered).toHaveLength(1);
    await sites.setSiteEnabled('http://10.1.2.3', false);
    await sites.syncContentScripts();
    expect(registered).toHaveLength(0);
    expect((await store.loadSettings()).sites).toEqual([{ origin: 'http://10.1.2.3', enabled: false }]);
  });

  it('serialises concurrent updates', async () => {
    await Promise.all(['http://a', 'http://b', 'http://c'].map((o) => sites.setSiteEnabled(o, true)));
    expect((await store.loadSettings()).sites.map((s) => s.origin).sort()).toEqual(['http://a', 'http://b', 'http://c']);
  });
});
