import { createEngine, type DafuConfig, type Engine, type RuleDefinition, type DataRule } from '@dafu/core';
import format from './data/format.json' with { type: 'json' };
import typography from './data/typography.json' with { type: 'json' };
import specificity from './data/specificity.json' with { type: 'json' };
import attitude from './data/attitude.json' with { type: 'json' };
import * as structure from './code/structure.js';
import * as wording from './code/wording.js';
import * as substance from './code/substance.js';
import * as classification from './code/classification.js';
import * as targeting from './code/targeting.js';
import * as coverage from './code/coverage.js';
import * as timeliness from './code/timeliness.js';
import * as names from './code/names.js';
import * as layout from './code/layout.js';
import { lexicons } from './lexicons.js';

export { lexicons };
export * from '@dafu/core';

const codeRules = (mod: Record<string, unknown>) => Object.values(mod).filter((v): v is RuleDefinition => typeof v === 'object' && v !== null && (v as { type?: string }).type === 'code');

/** Every rule of the pack: data rules first (by file), then code rules. */
export const rules: RuleDefinition[] = [
  ...([...format, ...typography, ...specificity, ...attitude] as unknown as DataRule[]),
  ...[structure, wording, substance, classification, targeting, coverage, timeliness, layout, names].flatMap(codeRules),
];

export { packVersion } from './version.js';

/** A checker with the whole rule pack and the shipped lexicons, configured by a dafu config. */
export function createChecker(options: { config?: DafuConfig; maxPerRule?: number } = {}): Engine {
  return createEngine({ rules, lexicons, config: options.config, maxPerRule: options.maxPerRule });
}
