import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import localizeZh from 'ajv-i18n/localize/zh/index.js';
import schema from './schema.json' with { type: 'json' };
import type { DafuConfig } from './types.js';

export { schema as configSchema };

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

export function formatConfigErrors(errors: ErrorObject[]): string[] {
  const copy = errors.map((e) => ({ ...e }));
  (localizeZh as unknown as (e: ErrorObject[]) => void)(copy);
  const lines = copy
    // oneOf/anyOf wrappers repeat what their branches already said
    .filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if')
    .map((e) => {
      const path = e.instancePath ? e.instancePath.replace(/^\//, '').replace(/\//g, '.') : '(根)';
      const extra = e.keyword === 'additionalProperties' ? `：${(e.params as { additionalProperty: string }).additionalProperty}` :
        e.keyword === 'enum' ? `：${(e.params as { allowedValues: unknown[] }).allowedValues.join(' / ')}` : '';
      return `${path} ${e.message ?? '不符合要求'}${extra}`;
    });
  return [...new Set(lines)];
}
