/** Settings in extension storage (storage.local, key "settings"). */
import { browser } from 'wxt/browser';
import { type Settings, withDefaults } from './settings';

export const SETTINGS_KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return withDefaults(got[SETTINGS_KEY]);
}

export async function saveSettings(s: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: s });
}

let chain: Promise<unknown> = Promise.resolve();
/** Read-modify-write, serialised within this extension page/worker. */
export function updateSettings(fn: (s: Settings) => void | Settings): Promise<Settings> {
  const p = chain.then(async () => {
    const s = await loadSettings();
    const next = fn(s) ?? s;
    await saveSettings(next);
    return next;
  });
  chain = p.catch(() => undefined);
  return p;
}

export function onSettingsChanged(cb: (s: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) cb(withDefaults(changes[SETTINGS_KEY].newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
