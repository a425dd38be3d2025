import type { Mode, Profile, Severity } from '../engine/types.js';
import type { ListsConfig } from '../lexicon/lists.js';

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
  /**
   * The unit's own lists: 词表 (words), 单位名录 (units), 代表委员名单 (roster). File names are
   * read by the CLI (relative to the config file); the extension stores the entries themselves.
   */
  lists?: ListsConfig;
}
