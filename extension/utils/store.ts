/**
 * Settings in extension storage: the user's in storage.local (key "settings"), the
 * administrator's in storage.managed (policy, read-only; utils/policy.ts). Readers get the
 * settings in effect (policy over user); writers change only the user's part.
 */
import { browser } from 'wxt/browser';
import { applyManaged, validateManaged, type ManagedState } from './policy';
import { type Settings, withDefaults } from './settings';

export const SETTINGS_KEY = 'settings';

/** The policy as checked; 'none' where the browser has no managed storage (no schema, no policy). */
export async function loadManaged(): Promise<ManagedState> {
  let raw: unknown;
  try {
    raw = await browser.storage.managed.get();
  } catch {
    // Firefox without a policy for us: "Managed storage manifest not found"
    return { status: 'none' };
  }
  return validateManaged(raw);
}

/** The user's own settings, without the policy. */
export async function loadLocalSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return withDefaults(got[SETTINGS_KEY]);
}

/** The settings in effect: a valid policy's values over the user's. */
export async function loadSettings(): Promise<Settings> {
  const [local, managed] = await Promise.all([loadLocalSettings(), loadManaged()]);
  return applyManaged(local, managed.status === 'ok' ? managed.managed : null);
}

export async function saveSettings(s: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: s });
}

let chain: Promise<unknown> = Promise.resolve();
/** Read-modify-write of the user's settings, serialised within this extension page/worker. Resolves to the settings in effect. */
export function updateSettings(fn: (s: Settings) => void | Settings): Promise<Settings> {
  const p = chain.then(async () => {
    const s = await loadLocalSettings();
    const next = fn(s) ?? s;
    await saveSettings(next);
    return loadSettings();
  });
  chain = p.catch(() => undefined);
  return p;
}

/** Calls back with the settings in effect whenever the user's settings or the policy change. */
export function onSettingsChanged(cb: (s: Settings) => void): () => void {
  let seq = 0;
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (!((area === 'local' && SETTINGS_KEY in changes) || area === 'managed')) return;
    const mine = ++seq;
    // only the latest change is delivered: two loads may resolve out of order
    void loadSettings().then((s) => { if (mine === seq) cb(s); });
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
