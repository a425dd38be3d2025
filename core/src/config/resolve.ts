import type { Lexicons, Mode, Profile, RuleMeta, Severity } from '../engine/types.js';
import type { DafuConfig, PresetName } from './types.js';
import { applyLists } from '../lexicon/lists.js';

export const DEFAULT_PROFILE: Profile = { classScheme: ['A', 'B', 'C'], require: {}, replyMonths: 3, dueSoonDays: 15 };

export interface ResolvedConfig {
  presets: PresetName[];
  mode: Mode | 'auto';
  profile: Profile & { classMeaning: Record<string, 'solved' | 'planned' | 'reasons' | 'reference'> };
  severityOf: (meta: RuleMeta) => Severity | 'off';
  lexicons: Lexicons;
  allow: string[];
}

/** Default meanings per scheme: three classes solved/planned/reasons; four add reference; 甲乙丙 like ABC. */
function defaultMeaning(scheme: string[]): Record<string, 'solved' | 'planned' | 'reasons' | 'reference'> {
  const meanings = scheme.length >= 4 ? ['solved', 'planned', 'reasons', 'reference'] as const : ['solved', 'planned', 'reasons'] as const;
  return Object.fromEntries(scheme.map((c, i) => [c, meanings[Math.min(i, meanings.length - 1)]]));
}

/**
 * Combines presets, the profile and per-rule settings into what the runner needs.
 * Later presets win over earlier ones; the config's own `rules` win over all presets.
 */
export function resolveConfig(config: DafuConfig, baseLexicons: Lexicons): ResolvedConfig {
  const presets: PresetName[] = config.preset === undefined ? ['recommended'] : Array.isArray(config.preset) ? config.preset : [config.preset];
  let mode: Mode | 'auto' = 'auto';
  for (const p of presets) if (p === 'letter' || p === 'system-form') mode = p;
  if (config.mode) mode = config.mode;
  const strict = presets.includes('strict');
  // the GB/T 9704 layout checks come with the default presets: they only run on .docx letters
  // (requires docx, modes letter), so text, Markdown and form input never see them
  const active = new Set<string>(presets);
  if (presets.some((p) => p === 'recommended' || p === 'strict' || p === 'letter')) active.add('gbt9704');
  const scheme = config.profile?.classScheme ?? DEFAULT_PROFILE.classScheme;
  const profile = {
    ...DEFAULT_PROFILE,
    ...config.profile,
    require: { ...DEFAULT_PROFILE.require, ...(strict ? { contact: true, classMark: true, publicity: true } : {}), ...config.profile?.require },
    classScheme: scheme,
    classMeaning: { ...defaultMeaning(scheme), ...config.profile?.classMeaning },
  };
  const severityOf = (meta: RuleMeta): Severity | 'off' => {
    const own = config.rules?.[meta.id];
    if (own) return own;
    if (meta.presets && !meta.presets.some((p) => active.has(p))) return 'off';
    if (strict && meta.severity === 'info') return 'warning';
    return meta.severity;
  };
  return { presets, mode, profile, severityOf, lexicons: applyLists(mergeLexicons(baseLexicons, config.lexicons), config.lists), allow: config.allow ?? [] };
}

export function mergeLexicons(base: Lexicons, edits: DafuConfig['lexicons']): Lexicons {
  if (!edits) return base;
  const out: Lexicons = { ...base };
  for (const [name, edit] of Object.entries(edits)) {
    const removed = new Set(edit.remove ?? []);
    const added = (edit.add ?? []).map((e) => (typeof e === 'string' ? { phrase: e } : e));
    out[name] = [...(base[name] ?? []).filter((e) => !removed.has(e.phrase)), ...added];
  }
  return out;
}
