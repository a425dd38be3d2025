import type { ErrorObject } from 'ajv';
import localizeZh from 'ajv-i18n/localize/zh/index.js';

/**
 * ajv's errors as Chinese lines with the path of the bad key. No code generation here, so the
 * extension can use it with the validator generated at build time (MV3 forbids new Function).
 */
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
