import type { RuleDefinition } from '@dafu/rules';
import { CATEGORY_LABEL, SEVERITY_LABEL } from './report/labels.js';

const FIXABLE = { safe: '可自动修改', suggestion: '给出修改建议', no: '需人工修改' } as const;

export function listRules(rules: RuleDefinition[], format: string): string {
  if (format === 'markdown') return rulesMarkdown(rules);
  if (format === 'json') {
    return JSON.stringify(rules.map((r) => ({ id: r.id, category: r.category, severity: r.severity, fixable: r.fixable, requires: r.requires ?? ['text'], description: r.description })), null, 2) + '\n';
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map((r) => `${r.id.padEnd(width)}  ${CATEGORY_LABEL[r.category].padEnd(5, '　')}  ${SEVERITY_LABEL[r.severity]}  ${r.description}`);
  return `${lines.join('\n')}\n\n共 ${rules.length} 条规则。用 dafu rules <编号> 查看某条规则的说明和示例。\n`;
}

/** Word layout rules need a .docx, so their examples are generated files in golden tests. */
const hasExamples = (r: RuleDefinition) => r.examples.valid.length + r.examples.invalid.length > 0;
const DOCX_EXAMPLES = '示例：本规则检查 Word 版式，示例是测试中生成的 .docx 文件（test/layout/）。';

/** The full doc of one rule, the same text as docs/rules.md. */
export function showRule(r: RuleDefinition): string {
  const ex = (e: string | { text: string; excerpt?: string }) => (typeof e === 'string' ? e : e.text).replace(/\n/g, ' ⏎ ');
  return [
    `${r.id} —— ${r.description}`,
    `类别：${CATEGORY_LABEL[r.category]}（${r.category}）　级别：${SEVERITY_LABEL[r.severity]}　修改：${FIXABLE[r.fixable]}${r.modes ? `　适用：${r.modes.join('、')}` : ''}${r.kinds ? `　件类：${r.kinds.join('、')}` : ''}${r.roles ? `　办理类型：${r.roles.join('、')}` : ''}`,
    '',
    `问题：${r.message}`,
    `依据：${r.note}`,
    ...(r.suggestion ? [`参考写法：${r.suggestion}`] : []),
    '',
    ...(hasExamples(r) ? [
      '正确示例：',
      ...r.examples.valid.map((e) => `  ✔ ${ex(e)}`),
      '错误示例：',
      ...r.examples.invalid.map((e) => `  ✘ ${ex(e)}${e.excerpt ? `   （指出：“${e.excerpt}”）` : ''}`),
    ] : [DOCX_EXAMPLES]),
    '',
  ].join('\n');
}

/** The generated rules reference (docs/rules.md): one section per rule, from its own data. */
export function rulesMarkdown(rules: RuleDefinition[]): string {
  const ex = (e: string | { text: string }) => (typeof e === 'string' ? e : e.text).replace(/\n/g, ' ⏎ ');
  const out = [
    '# dafu 规则参考',
    '',
    '本文件由 `npm run docs`（`dafu rules --format markdown`）根据规则数据生成，请勿手工修改。规则的定义在 `rules/src/data/*.json`（数据规则）和 `rules/src/code/*.ts`（代码规则）。',
    '',
    '| 规则 | 类别 | 级别 | 修改 | 说明 |',
    '|---|---|---|---|---|',
    ...rules.map((r) => `| [${r.id}](#${r.id}) | ${CATEGORY_LABEL[r.category]} | ${SEVERITY_LABEL[r.severity]} | ${FIXABLE[r.fixable]} | ${r.description} |`),
    '',
  ];
  for (const r of rules) {
    out.push(`## ${r.id}`, '', `**${r.description}** — ${CATEGORY_LABEL[r.category]}（\`${r.category}\`），默认${SEVERITY_LABEL[r.severity]}，${FIXABLE[r.fixable]}${r.modes ? `；适用于 ${r.modes.join('、')}` : ''}${r.kinds ? `；件类 ${r.kinds.join('、')}` : ''}${r.roles ? `；办理类型 ${r.roles.join('、')}` : ''}${r.requires ? `；需要 ${r.requires.join('、')}` : ''}。`, '');
    out.push(`- 问题：${r.message}`, `- 依据：${r.note}`);
    if (r.suggestion) out.push(`- 参考写法：${r.suggestion.replace(/\n/g, ' ⏎ ')}`);
    if (hasExamples(r)) out.push('', '正确示例：', '', ...r.examples.valid.map((e) => `- ✔ ${ex(e)}`), '', '错误示例：', '', ...r.examples.invalid.map((e) => `- ✘ ${ex(e)}（指出“${e.excerpt}”）`), '');
    else out.push('', DOCX_EXAMPLES, '');
  }
  return out.join('\n');
}
