/**
 * Settings pushed by policy (storage.managed: Chrome/Edge `3rdparty.extensions.<id>`, Firefox
 * policies.json `3rdparty.Extensions.<id>`). The policy is the settings JSON the options page
 * imports, minus `ignored`, with `checkerConfig` as JSON text (the policy schema dialect cannot
 * express its union types). It is checked by the same validator as an import and applied whole
 * or not at all. No browser APIs here (unit tests import it directly); reading is in store.ts.
 */
import { validateSettings, type Settings, type SiteSettings } from './settings';

/** Settings an administrator can set; each one set by policy is read-only for the user. */
export const MANAGED_KEYS = ['sites', 'preset', 'submitGate', 'underline', 'checkerConfig'] as const;
export type ManagedKey = (typeof MANAGED_KEYS)[number];

export interface ManagedSettings {
  /** the keys the policy sets */
  keys: ManagedKey[];
  values: Partial<Pick<Settings, ManagedKey>>;
}

/** What storage.managed held: nothing, a valid policy, or a rejected one (with the reasons). */
export type ManagedState =
  | { status: 'none' }
  | { status: 'ok'; managed: ManagedSettings }
  | { status: 'invalid'; problems: string[] };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates the raw storage.managed object. Any problem rejects the whole policy, so a bad
 * policy is never half-applied. Empty field settings are problems too: Chrome silently strips
 * properties its schema does not know, so `{ "selectr": "#x" }` reaches us as `{}`.
 */
export function validateManaged(raw: unknown): ManagedState {
  if (raw === undefined || raw === null || (isObj(raw) && !Object.keys(raw).length)) return { status: 'none' };
  if (!isObj(raw)) return { status: 'invalid', problems: ['管理策略必须是一个 JSON 对象'] };
  const problems: string[] = [];
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!(MANAGED_KEYS as readonly string[]).includes(k)) { problems.push(`管理策略中未知的设置项 "${k}"（可用：${MANAGED_KEYS.join('、')}）`); continue; }
    input[k] = v;
  }
  if (typeof input.checkerConfig === 'string') {
    try {
      input.checkerConfig = JSON.parse(input.checkerConfig);
    } catch (e) {
      problems.push(`checkerConfig 不是有效的 JSON 文本：${e instanceof Error ? e.message : String(e)}`);
      delete input.checkerConfig;
    }
  } else if (input.checkerConfig !== undefined) {
    problems.push('checkerConfig 在管理策略中必须是 JSON 文本（字符串），例如 "{\\"rules\\": {}}"');
    delete input.checkerConfig;
  }
  if (Array.isArray(input.sites)) {
    input.sites.forEach((s, i) => {
      if (!isObj(s) || !isObj(s.fields)) return;
      for (const [k, f] of Object.entries(s.fields)) {
        if (isObj(f) && !Object.keys(f).length) problems.push(`sites[${i}].fields.${k} 是空的（需要 selector、label 或 text）`);
      }
    });
  }
  const checked = validateSettings(input);
  if (!checked.ok) problems.push(...checked.problems);
  if (problems.length || !checked.ok) return { status: 'invalid', problems };
  const keys = MANAGED_KEYS.filter((k) => input[k] !== undefined);
  const values: ManagedSettings['values'] = {};
  for (const k of keys) (values as Record<string, unknown>)[k] = checked.settings[k];
  return { status: 'ok', managed: { keys, values } };
}

/**
 * The settings in effect: the policy's values win over the user's. Managed sites replace the
 * user's entry for the same origin (fields included); the user's other sites stay.
 */
export function applyManaged(local: Settings, managed: ManagedSettings | null): Settings {
  if (!managed) return local;
  const out: Settings = structuredClone(local);
  const v = managed.values;
  if (v.sites) {
    const origins = new Set(v.sites.map((s) => s.origin));
    out.sites = [...structuredClone(v.sites), ...out.sites.filter((s) => !origins.has(s.origin))];
  }
  if (v.preset !== undefined) out.preset = v.preset;
  if (v.submitGate !== undefined) out.submitGate = v.submitGate;
  if (v.underline !== undefined) out.underline = v.underline;
  if (v.checkerConfig !== undefined) out.checkerConfig = structuredClone(v.checkerConfig);
  return out;
}

export function isManagedKey(managed: ManagedSettings | null, key: ManagedKey): boolean {
  return !!managed?.keys.includes(key);
}

/** The managed entry for an origin, if the policy sets it. */
export function managedSite(managed: ManagedSettings | null, origin: string): SiteSettings | undefined {
  return managed?.values.sites?.find((s) => s.origin === origin);
}
