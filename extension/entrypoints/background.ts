import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { PICK_END_MESSAGE } from '../utils/pick';
import { siteOrigin } from '../utils/settings';
import { syncContentScripts } from '../utils/sites';
import { loadSettings, onSettingsChanged, updateSettings } from '../utils/store';
import { SUGGEST_QUERY, SUGGEST_READ, type SuggestionCandidate, type SuggestReadReply } from '../utils/suggest';

const TAB_ANSWER_MS = 1500;

/**
 * The suggestion the other tabs of the sender's site show (the 原件 or 建议详情 page opened beside
 * the reply form): only tabs of that same origin, which is an enabled site, are asked, and only
 * their top frame answers (for itself and its same-origin frames). Nothing leaves the machine.
 */
async function otherTabsSuggestions(sender: { url?: string; tab?: { id?: number; url?: string } }): Promise<SuggestReadReply> {
  const origin = siteOrigin(sender.url ?? '') ?? siteOrigin(sender.tab?.url ?? '');
  if (!origin) return { candidates: [] };
  const settings = await loadSettings();
  if (!settings.sites.some((s) => s.origin === origin && s.enabled)) return { candidates: [] };
  const tabs = (await browser.tabs.query({})).filter((t) => t.id !== undefined && t.id !== sender.tab?.id && !!t.url && siteOrigin(t.url) === origin);
  const answers = await Promise.all(tabs.map(async (t) => {
    const timeout = new Promise<undefined>((ok) => setTimeout(() => ok(undefined), TAB_ANSWER_MS));
    const ask = browser.tabs.sendMessage(t.id!, { type: SUGGEST_READ }, { frameId: 0 }).catch(() => undefined) as Promise<SuggestReadReply | undefined>;
    const r = await Promise.race([ask, timeout]);
    return (Array.isArray(r?.candidates) ? r.candidates : []).map((c): SuggestionCandidate => ({ ...c, where: 'tab', ...(t.title ? { pageTitle: t.title } : {}) }));
  }));
  return { candidates: answers.flat() };
}

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
  browser.runtime.onMessage.addListener((msg: unknown, sender, sendResponse: (r: unknown) => void) => {
    const type = (msg as { type?: string } | null)?.type;
    if (type === PICK_END_MESSAGE && sender.tab?.id !== undefined) {
      browser.tabs.sendMessage(sender.tab.id, msg).catch(() => undefined);
    }
    if (type === SUGGEST_QUERY) {
      otherTabsSuggestions(sender).then(sendResponse, () => sendResponse({ candidates: [] }));
      return true; // answers asynchronously
    }
    return undefined;
  });
  sync();
});
