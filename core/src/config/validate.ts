import Ajv, { type ValidateFunction } from 'ajv';
import { formatConfigErrors } from './errors.js';
import schema from './schema.json' with { type: 'json' };
import type { DafuConfig } from './types.js';

export { schema as configSchema, formatConfigErrors };

let compiled: ValidateFunction | undefined;

/**
 * Validates a config object against the published schema. Errors are Chinese, one line each,
 * with the path of the bad key. (The extension uses a validator generated at build time
 * instead, since MV3 pages forbid the code generation ajv does here.)
 */
export function validateConfig(value: unknown): { valid: true; config: DafuConfig } | { valid: false; errors: string[] } {
  compiled ??= new (Ajv as unknown as typeof Ajv.default)({ allErrors: true, strict: false }).compile(schema);
  if (compiled(value)) return { valid: true, config: value as DafuConfig };
  return { valid: false, errors: formatConfigErrors(compiled.errors ?? []) };
}
