import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { createEngine, rules, lexicons, type Example, type RuleDefinition } from '../../rules/src/index.js';
import ruleSchema from '../../rules/src/rule.schema.json' with { type: 'json' };

/**
 * One generic test runs every rule's own examples: valid examples must not trigger the rule,
 * each invalid example must trigger it exactly on its excerpt. The rule runs alone, with every
 * other rule off, so no example passes by another rule's finding.
 */
const engineFor = (rule: RuleDefinition, e: Example) => createEngine({ rules: [rule], lexicons, config: { ...e.config, rules: { [rule.id]: rule.severity } } });
const asExample = (e: string | Example): Example => (typeof e === 'string' ? { text: e } : e);
/** rules that need a .docx cannot run on text examples: golden tests in test/layout/ cover them */
const textRules = rules.filter((r) => !r.requires?.includes('docx'));
const run = (rule: RuleDefinition, e: Example) =>
  engineFor(rule, e).check({ text: e.text, name: 'example.txt', context: e.context ?? {}, ...(e.mode ? { mode: e.mode } : {}) }).messages;

describe('rule pack', () => {
  it('has unique ids and at least the first set of rules', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(40);
  });

  it('every data rule matches the rule schema', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(ruleSchema);
    for (const r of rules.filter((r) => r.type !== 'code')) {
      const ok = validate(r);
      expect(ok, `${r.id}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('every rule has valid and invalid examples with excerpts', () => {
    for (const r of textRules) {
      expect(r.examples.valid.length, `${r.id} valid examples`).toBeGreaterThan(0);
      expect(r.examples.invalid.length, `${r.id} invalid examples`).toBeGreaterThan(0);
      for (const e of r.examples.invalid) expect(e.excerpt, `${r.id} invalid example needs an excerpt`).toBeTruthy();
    }
  });
});

describe.each(textRules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  it.each(rule.examples.valid.map((e) => [asExample(e).text.slice(0, 30), asExample(e)] as const))('valid: %s', (_t, e) => {
    expect(run(rule, e).map((m) => `${m.ruleId}: ${m.excerpt}`)).toEqual([]);
  });
  it.each(rule.examples.invalid.map((e) => [e.text.slice(0, 30), e] as const))('invalid: %s', (_t, e) => {
    const found = run(rule, e);
    expect(found.map((m) => m.excerpt), `${rule.id} should find “${e.excerpt}”`).toContain(e.excerpt);
    for (const m of found) {
      expect(m.ruleId).toBe(rule.id);
      expect(m.message.length).toBeGreaterThan(4);
      expect(m.message).not.toMatch(/\{\w+\}/);
    }
  });
});
