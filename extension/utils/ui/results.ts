/** Renders a findings list into a plain extension page (popup). Text only, never innerHTML. */
import { CATEGORY_LABELS, SEVERITY_LABELS, type CheckResult, type Finding } from '../checker';

const RISK = { high: '高风险', medium: '中风险', low: '低风险' } as const;

export function renderResults(container: HTMLElement, result: CheckResult & { error?: string }, title: string): void {
  const d = container.ownerDocument;
  const mk = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
    const e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const box = mk('section', 'result');
  const h = mk('h3', undefined, title);
  box.append(h);
  if (result.error) {
    box.append(mk('p', 'err', `无法检查：${result.error}`));
    container.replaceChildren(box);
    return;
  }
  const counts = { error: 0, warning: 0, info: 0 } as Record<Finding['severity'], number>;
  for (const m of result.messages) counts[m.severity]++;
  box.append(mk('p', 'summary', `${RISK[result.risk]} · ${typeof result.score === 'number' ? `具体性 ${Math.round(result.score)} 分 · ` : ''}错误 ${counts.error} · 警告 ${counts.warning} · 提示 ${counts.info}`));
  if (!result.messages.length) box.append(mk('p', 'ok', '未发现问题'));
  const ul = mk('ul', 'findings');
  for (const f of result.messages) {
    const li = mk('li', `finding ${f.severity}`);
    li.setAttribute('data-rule', f.ruleId);
    const top = mk('div');
    top.append(mk('span', `sev ${f.severity}`, SEVERITY_LABELS[f.severity]), mk('span', 'cat', CATEGORY_LABELS[f.category] ?? f.category), mk('span', 'msg', f.message));
    li.append(top);
    if (f.excerpt) {
      const ex = mk('div', 'excerpt', `第 ${f.line} 行：`);
      ex.append(mk('q', undefined, f.excerpt));
      li.append(ex);
    }
    if (f.note) li.append(mk('div', 'note', `规范：${f.note}`));
    if (f.suggestion) li.append(mk('div', 'sugg', `建议：${f.suggestion}`));
    ul.append(li);
  }
  box.append(ul);
  container.replaceChildren(box);
}
