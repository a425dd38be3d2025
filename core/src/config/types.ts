import type { Mode, Profile, Severity } from '../engine/types.js';

export type PresetName = 'recommended' | 'strict' | 'letter' | 'system-form' | 'gbt9704';

export interface LexiconEdit { add?: Array<string | { phrase: string; weight?: number; type?: string; note?: string }>; remove?: string[] }

/** The config file's shape (see schema.json). */
export interface DafuConfig {
  $schema?: string;
  preset?: PresetName | PresetName[];
  mode?: Mode | 'auto';
  kind?: 'npc' | 'cppcc';
  role?: 'host' | 'co' | 'split';
  profile?: Partial<Profile> & { name?: string; classMeaning?: Record<string, 'solved' | 'planned' | 'reasons' | 'reference'> };
  rules?: Record<string, Severity | 'off'>;
  lexicons?: Record<string, LexiconEdit>;
  allow?: string[];
  baseline?: string;
}
