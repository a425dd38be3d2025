// The validator is generated from schema.json at build time (core/scripts/gen-config-validator.mjs):
// the CLI and the extension use the same code, and no schema is compiled at run time (MV3 pages
// forbid the code generation that needs, and the CLI starts faster without it).
import compiled from '@dafu/core/config/validate-config.js';
import { formatConfigErrors } from './errors.js';
import schema from './schema.json' with { type: 'json' };
import type { DafuConfig } from './types.js';

export { schema as configSchema, formatConfigErrors };

/** Validates a config object against the published schema. Errors are Chinese, one line each, with the path of the bad key. */
export function validateConfig(value: unknown): { valid: true; config: DafuConfig } | { valid: false; errors: string[] } {
  if (compiled(value)) return { valid: true, config: value as DafuConfig };
  return { valid: false, errors: formatConfigErrors(compiled.errors ?? []) };
}
