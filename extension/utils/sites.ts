/**
 * Enabling sites: host permission (optional, requested at runtime) + a content script
 * registered with scripting.registerContentScripts for the enabled origins, in all frames.
 */
import { browser } from 'wxt/browser';
import { originPattern, siteOrigin, type Settings } from './settings';
import { loadSettings, updateSettings } from './store';

export const CONTENT_SCRIPT_ID = 'dafu-content';
// typed loosely: WXT's PublicPath type wants a leading slash, Chrome documents root-relative paths
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js' as unknown as '/content-scripts/content.js';

export async function hasHostPermission(origin: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [originPattern(origin)] });
  } catch {
    return false;
  }
}

/** Must be called from a user gesture (popup/options click). Resolves true without a prompt if already granted. */
export async function requestHostPermission(origin: string): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: [originPattern(origin)] });
  } catch {
    return false;
  }
}

export type SiteStatus = 'enabled' | 'disabled' | 'no-permission' | 'unsupported';

export async function siteStatus(url: string | undefined, settings?: Settings): Promise<{ origin: string | null; status: SiteStatus }> {
  const origin = url ? siteOrigin(url) : null;
  if (!origin) return { origin, status: 'unsupported' };
  const s = settings ?? await loadSettings();
  const site = s.sites.find((x) => x.origin === origin);
  if (!site || !site.enabled) return { origin, status: 'disabled' };
  return { origin, status: (await hasHostPermission(origin)) ? 'enabled' : 'no-permission' };
}

export async function setSiteEnabled(origin: string, enabled: boolean): Promise<Settings> {
  return updateSettings((s) => {
    const site = s.sites.find((x) => x.origin === origin);
    if (site) site.enabled = enabled;
    else s.sites.push({ origin, enabled });
  });
}

let syncing: Promise<void> = Promise.resolve();

/** (Re-)registers the content script for every enabled site that has its host permission. */
export function syncContentScripts(): Promise<void> {
  syncing = syncing.catch(() => undefined).then(async () => {
    const settings = await loadSettings();
    const matches: string[] = [];
    for (const site of settings.sites) {
      if (site.enabled && await hasHostPermission(site.origin)) matches.push(originPattern(site.origin));
    }
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    if (!matches.length) return;
    const script: Parameters<typeof browser.scripting.registerContentScripts>[0][number] & { matchOriginAsFallback?: boolean } = {
      id: CONTENT_SCRIPT_ID,
      matches,
      js: [CONTENT_SCRIPT_FILE],
      allFrames: true,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    };
    // about:blank / srcdoc / javascript: frames of editors and dialogs
    if (import.meta.env.BROWSER !== 'firefox') script.matchOriginAsFallback = true;
    await browser.scripting.registerContentScripts([script]);
  });
  return syncing;
}

/** Injects the content script into an already open tab (all frames). */
export async function injectIntoTab(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [CONTENT_SCRIPT_FILE] });
}
