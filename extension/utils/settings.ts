import validateConfig from '@dafu/core/config/validate-config.js';
import { formatConfigErrors } from '@dafu/core/config/errors.js';
/**
 * Extension settings: shape, defaults, a hand-written validator (no ajv at runtime:
 * MV3 CSP forbids code generation) and origin helpers. No browser APIs here, so unit
 * tests can import it directly; storage access lives in utils/store.ts.
 */
import { splitSelectorPath } from './fields/selector';
import type { FieldKey } from './fields/types';

export const SETTINGS_VERSION = 1;

export interface FieldOverride {
  /**
   * CSS selector of the element (for replyBody: the editable element, the editor container or the iframe).
   * A field inside a frame carries the frames' selectors first: "iframe[name=main] >>> textarea" (fields/selector.ts).
   */
  selector?: string;
  /** a label text to look for instead of the built-in synonyms */
  label?: string;
  /** button text (submitButton) */
  text?: string;
}

export interface SiteSettings {
  /** scheme://host, without port: a site covers all its ports (match patterns cannot carry ports in Firefox) */
  origin: string;
  enabled: boolean;
  /** per-site field overrides, highest priority in the field finder */
  fields?: Partial<Record<FieldKey, FieldOverride>>;
  note?: string;
}

export interface IgnoredFinding {
  origin: string;
  fingerprint: string;
  ruleId: string;
  excerpt: string;
  message?: string;
  at: string;
}

/** the checker's presets that make sense for a reply typed into a system form */
export type Preset = 'recommended' | 'strict';

export interface Settings {
  version: 1;
  sites: SiteSettings[];
  preset: Preset;
  /** ask before submitting while errors remain */
  submitGate: boolean;
  /** show underlines in the editor (the panel is always available) */
  underline: boolean;
  /** extra checker configuration: the same JSON object as the CLI's config file */
  checkerConfig?: Record<string, unknown>;
  ignored: IgnoredFinding[];
}

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  sites: [],
  preset: 'recommended',
  submitGate: true,
  underline: true,
  ignored: [],
};

export const PRESET_LABELS: Record<Preset, string> = {
  recommended: '推荐（默认）',
  strict: '从严',
};

const FIELD_KEYS_FOR_OVERRIDE: readonly string[] = [
  'replyBody', 'replySummary', 'replyClass', 'publicity', 'replyLetterUpload', 'attachments',
  'commMethod', 'contactName', 'contactPhone', 'signer', 'caseNo', 'caseTitle', 'proposer',
  'handlingRole', 'submitButton', 'saveButton',
];

/** "http://10.1.2.3:8080/path" → "http://10.1.2.3"; null for non-http(s) */
export function siteOrigin(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.protocol}//${u.hostname.includes(':') ? `[${u.hostname.replace(/^\[|\]$/g, '')}]` : u.hostname}`;
  } catch {
    return null;
  }
}

/** origin → match pattern covering every port and path: "http://10.1.2.3/*" */
export function originPattern(origin: string): string {
  return `${origin.replace(/\/+$/, '')}/*`;
}

export function findSite(settings: Settings, url: string): SiteSettings | undefined {
  const o = siteOrigin(url);
  return o ? settings.sites.find((s) => s.origin === o) : undefined;
}

type Problem = string;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates an imported settings object. Returns the normalised settings or the list of
 * problems (Chinese, for the options page). Unknown top-level keys are rejected so that a
 * typo does not silently do nothing.
 */
export function validateSettings(input: unknown): { ok: true; settings: Settings } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!isObj(input)) return { ok: false, problems: ['设置必须是一个 JSON 对象'] };
  const allowed = new Set(['version', 'sites', 'preset', 'submitGate', 'underline', 'checkerConfig', 'ignored', '$schema']);
  for (const k of Object.keys(input)) if (!allowed.has(k)) problems.push(`未知的设置项 "${k}"`);
  if (input.version !== undefined && input.version !== SETTINGS_VERSION) problems.push(`version 必须是 ${SETTINGS_VERSION}`);
  const out: Settings = structuredClone(DEFAULT_SETTINGS);

  if (input.sites !== undefined) {
    if (!Array.isArray(input.sites)) problems.push('sites 必须是数组');
    else input.sites.forEach((s, i) => {
      if (!isObj(s)) { problems.push(`sites[${i}] 必须是对象`); return; }
      const origin = typeof s.origin === 'string' ? siteOrigin(s.origin) : null;
      if (!origin) { problems.push(`sites[${i}].origin 必须是 http(s) 网址，如 "http://10.1.2.3"`); return; }
      const site: SiteSettings = { origin, enabled: s.enabled !== false };
      if (s.enabled !== undefined && typeof s.enabled !== 'boolean') problems.push(`sites[${i}].enabled 必须是 true 或 false`);
      if (typeof s.note === 'string') site.note = s.note;
      if (s.fields !== undefined) {
        if (!isObj(s.fields)) problems.push(`sites[${i}].fields 必须是对象`);
        else {
          site.fields = {};
          for (const [k, v] of Object.entries(s.fields)) {
            if (!FIELD_KEYS_FOR_OVERRIDE.includes(k)) { problems.push(`sites[${i}].fields 中未知字段 "${k}"`); continue; }
            if (!isObj(v)) { problems.push(`sites[${i}].fields.${k} 必须是对象`); continue; }
            const o: FieldOverride = {};
            for (const [pk, pv] of Object.entries(v)) {
              if (pk !== 'selector' && pk !== 'label' && pk !== 'text') { problems.push(`sites[${i}].fields.${k} 中未知属性 "${pk}"`); continue; }
              if (typeof pv !== 'string' || !pv.trim()) { problems.push(`sites[${i}].fields.${k}.${pk} 必须是非空字符串`); continue; }
              if (pk === 'selector' && !isValidSelector(pv)) { problems.push(`sites[${i}].fields.${k}.selector 不是有效的 CSS 选择器`); continue; }
              o[pk] = pv.trim();
            }
            (site.fields as Record<string, FieldOverride>)[k] = o;
          }
        }
      }
      if (out.sites.some((x) => x.origin === origin)) problems.push(`sites 中 ${origin} 重复`);
      else out.sites.push(site);
    });
  }
  if (input.preset !== undefined) {
    if (input.preset === 'recommended' || input.preset === 'strict') out.preset = input.preset;
    else problems.push('preset 必须是 "recommended" 或 "strict"');
  }
  for (const k of ['submitGate', 'underline'] as const) {
    if (input[k] !== undefined) {
      if (typeof input[k] === 'boolean') out[k] = input[k] as boolean;
      else problems.push(`${k} 必须是 true 或 false`);
    }
  }
  if (input.checkerConfig !== undefined) {
    const p = checkCheckerConfig(input.checkerConfig);
    if (p.length) problems.push(...p);
    else out.checkerConfig = input.checkerConfig as Record<string, unknown>;
  }
  if (input.ignored !== undefined) {
    if (!Array.isArray(input.ignored)) problems.push('ignored 必须是数组');
    else input.ignored.forEach((g, i) => {
      if (!isObj(g) || typeof g.fingerprint !== 'string' || typeof g.origin !== 'string') {
        problems.push(`ignored[${i}] 需要 origin 和 fingerprint`);
        return;
      }
      out.ignored.push({
        origin: g.origin,
        fingerprint: g.fingerprint,
        ruleId: typeof g.ruleId === 'string' ? g.ruleId : '',
        excerpt: typeof g.excerpt === 'string' ? g.excerpt : '',
        message: typeof g.message === 'string' ? g.message : undefined,
        at: typeof g.at === 'string' ? g.at : new Date(0).toISOString(),
      });
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, settings: out };
}

/** A CSS selector, or a frame path of them: "iframe#main >>> textarea[name=nr]" (fields/selector.ts). */
function isValidSelector(path: string): boolean {
  const parts = splitSelectorPath(path);
  if (parts.some((p) => !p)) return false;
  // In a browser, let the engine judge; in Node (unit tests) accept anything non-empty.
  if (typeof document === 'undefined' || typeof document.createDocumentFragment !== 'function') return true;
  try {
    for (const p of parts) document.createDocumentFragment().querySelector(p);
    return true;
  } catch {
    return false;
  }
}

/** Fills missing keys of stored settings with defaults (storage may hold an older shape). */
export function withDefaults(stored: unknown): Settings {
  if (!isObj(stored)) return structuredClone(DEFAULT_SETTINGS);
  const r = validateSettings(stored);
  if (r.ok) return r.settings;
  // Keep what can be kept: drop invalid parts one by one is overkill; fall back per key.
  const s = structuredClone(DEFAULT_SETTINGS);
  for (const k of Object.keys(s) as (keyof Settings)[]) {
    const one = validateSettings({ [k]: stored[k] });
    if (one.ok && stored[k] !== undefined) (s as unknown as Record<string, unknown>)[k] = one.settings[k];
  }
  return s;
}

/**
 * The checker config (the same JSON as the CLI's config file), checked against the same schema
 * with the validator core generates at build time: MV3 pages forbid ajv's run-time code generation.
 */
export function checkCheckerConfig(c: unknown): string[] {
  if (validateConfig(c)) return [];
  return formatConfigErrors(validateConfig.errors ?? []).map((line) => (line.startsWith('(根) ') ? `checkerConfig ${line.slice(4)}` : `checkerConfig.${line}`));
}

/** The checker config derived from the settings: the chosen preset, then the imported config. */
export function checkerConfigFor(settings: Settings): Record<string, unknown> {
  return { preset: settings.preset, ...(settings.checkerConfig ?? {}) };
}

export function exportSettings(settings: Settings): string {
  return JSON.stringify(settings, null, 2);
}
