import { styleText } from 'node:util';
import type { CoverageRow, FileResult } from '../check.js';
import { CATEGORY_LABEL, COVERAGE_STATUS_LABEL, KIND_LABEL, MODE_LABEL, RISK_TEXT, ROLE_LABEL, SEVERITY_LABEL, STANCE_LABEL } from './labels.js';

type Style = Parameters<typeof styleText>[0];

/** Readable Chinese report grouped by file: what is wrong, where, why, and a better version. */
export function stylish(results: FileResult[], opts: { color: boolean; quiet: boolean }): string {
  const c = (style: Style, s: string) => (opts.color ? styleText(style, s) : s);
  const sevStyle: Record<string, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };
  const out: string[] = [];
  const total = { error: 0, warning: 0, info: 0 };
  let unreadable = 0;
  for (const r of results) {
    if (r.error) {
      unreadable++;
      out.push(c('underline', r.file), `  ${c('red', '无法检查')}  ${r.error.message}`, '');
      continue;
    }
    const shown = opts.quiet ? r.messages.filter((m) => m.severity === 'error') : r.messages;
    total.error += r.counts.error; total.warning += r.counts.warning; total.info += r.counts.info;
    const facts = [r.kind && KIND_LABEL[r.kind], r.role && ROLE_LABEL[r.role], r.mode && MODE_LABEL[r.mode], r.class && `${r.class}类`].filter(Boolean).join(' · ');
    const risk = r.risk ? `退办风险：${c(r.risk === 'high' ? 'red' : r.risk === 'medium' ? 'yellow' : 'green', RISK_TEXT[r.risk])}` : '';
    const score = r.score !== null ? `具体度：${r.score}/100` : '';
    out.push(`${c('underline', r.file)}  ${c('gray', facts ? `（${facts}）` : '')}  ${risk}  ${score}`);
    for (const note of r.notes) out.push(`  ${c('gray', `说明：${note}`)}`);
    if (r.coverage?.length && !opts.quiet) out.push(...coverageTable(r.coverage, c));
    if (!shown.length) out.push(`  ${c('green', '✔ 未发现问题')}`);
    for (const m of shown) {
      const where = `${m.line}:${m.column}`.padEnd(7);
      out.push(`  ${c('gray', where)} ${c(sevStyle[m.severity], SEVERITY_LABEL[m.severity])}  【${CATEGORY_LABEL[m.category]}】${m.message}  ${c('gray', m.ruleId)}`);
      // (the core caps excerpts: a long range comes as its head, “…” and its tail)
      if (m.excerpt) out.push(`          原文：“${oneLine(m.excerpt)}”`);
      out.push(`          ${c('gray', `依据：${m.note}`)}`);
      const better = m.fix ? `改为“${m.fix.text}”（可用 --fix 自动修改）` : m.suggestion;
      if (better) out.push(`          ${c('green', `参考：${oneLine(better)}`)}`);
    }
    out.push('');
  }
  const problems = total.error + total.warning + total.info;
  const summary = `共检查 ${results.length} 个文件${unreadable ? `（${unreadable} 个无法检查）` : ''}，发现 ${problems} 个问题：错误 ${total.error}，警告 ${total.warning}，提示 ${total.info}。`;
  out.push(c(total.error || unreadable ? 'red' : problems ? 'yellow' : 'green', `${total.error || unreadable ? '✖' : '✔'} ${summary}`));
  return out.join('\n') + '\n';
}

const oneLine = (s: string) => s.replace(/\n/g, '⏎');

const STATUS_TEXT: Record<CoverageRow['status'], [string, Style]> = {
  answered: [COVERAGE_STATUS_LABEL.answered, 'green'], weak: [COVERAGE_STATUS_LABEL.weak, 'yellow'], missing: [COVERAGE_STATUS_LABEL.missing, 'red'],
};
const STANCE_TEXT = STANCE_LABEL;

/** Display width in a terminal: CJK and full-width characters take two columns. */
const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1), 0);
const padTo = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const clip = (s: string, n: number) => (width(s) <= n ? s : `${[...s].reduce((acc, ch) => (width(acc + ch) <= n - 2 ? acc + ch : acc), '')}…`);

/** A short table: each ask of the suggestion → where the reply answers it → status (and stance). */
function coverageTable(rows: CoverageRow[], c: (style: Style, s: string) => string): string[] {
  const asks = rows.map((r) => `${r.index}. ${clip(r.ask, 36)}`);
  const w = Math.max(...asks.map(width));
  const lines = [`  ${c('bold', `逐条对照建议（共 ${rows.length} 项）：`)}`];
  rows.forEach((r, i) => {
    const where = r.paragraphs.length ? `第 ${r.paragraphs.join('、')} 段` : '—';
    const [text, style] = STATUS_TEXT[r.status];
    const stance = r.status === 'missing' ? '' : r.stance ? `（${STANCE_TEXT[r.stance.kind] ?? r.stance.kind}）` : '（未表态）';
    lines.push(`    ${padTo(asks[i], w)}  →  ${padTo(where, 12)}  ${c(style, text)}${c('gray', stance)}`);
  });
  return lines;
}
