import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { PICK_END_MESSAGE } from '../utils/pick';
import { siteOrigin } from '../utils/settings';
import { syncContentScripts } from '../utils/sites';
import { loadSettings, onSettingsChanged, updateSettings } from '../utils/store';

/**
 * Sites granted at install time (build-time DAFU_HOSTS, see wxt.config.ts) are enabled once,
 * unless the user has an entry for them already (e.g. disabled on purpose).
 */
async function adoptInstallTimeHosts(): Promise<void> {
  const hosts = (browser.runtime.getManifest() as { host_permissions?: string[]; permissions?: string[] });
  const patterns = [...(hosts.host_permissions ?? []), ...(hosts.permissions ?? [])].filter((p) => /^https?:\/\//.test(p));
  if (!patterns.length) return;
  const settings = await loadSettings();
  const missing = patterns
    .map((p) => siteOrigin(p.replace(/\*$/, '').replace(/\/\*?$/, '/')))
    .filter((o): o is string => !!o && !o.includes('*') && !settings.sites.some((s) => s.origin === o));
  if (missing.length) await updateSettings((s) => { for (const origin of missing) s.sites.push({ origin, enabled: true }); });
}

export default defineBackground(() => {
  const sync = () => { syncContentScripts().catch((e) => console.warn('[dafu] 注册内容脚本失败', e)); };
  browser.runtime.onInstalled.addListener(() => { adoptInstallTimeHosts().finally(sync); });
  browser.runtime.onStartup.addListener(sync);
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  onSettingsChanged(sync);
  // a field picker ended in one frame: end the others in the tab (cross-origin frames of the site)
  browser.runtime.onMessage.addListener((msg: unknown, sender) => {
    if ((msg as { type?: string } | null)?.type === PICK_END_MESSAGE && sender.tab?.id !== undefined) {
      browser.tabs.sendMessage(sender.tab.id, msg).catch(() => undefined);
    }
  });
  sync();
});
