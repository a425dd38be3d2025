import { writeFileSync } from 'node:fs';
import { applyFixes } from '@dafu/rules';
import type { FileResult } from './check.js';

export interface FixReport { file: string; applied: number; skipped: number; refused?: string; changes: Array<{ line: number; from: string; to: string; ruleId: string }> }

/**
 * Applies safe fixes to text drafts. Word files are never rewritten; GB18030 files are not
 * re-encoded (Node has no GB18030 encoder built in), so they are reported instead.
 */
export function fixFile(path: string, r: FileResult, write: boolean): FixReport {
  const changes = r.messages.filter((m) => m.fix).map((m) => ({ line: m.line, from: m.excerpt, to: m.fix!.text, ruleId: m.ruleId }));
  const report: FixReport = { file: r.file, applied: 0, skipped: 0, changes };
  if (!r.source || !changes.length) return report;
  if (r.source.format === 'docx') return { ...report, refused: 'Word 文档不会被改写；请按提示在 Word 中修改。' };
  if (r.source.format === 'pdf') return { ...report, refused: 'PDF 文件不会被改写；请按提示在原稿中修改。' };
  if (r.source.encoding && r.source.encoding !== 'utf-8') return { ...report, refused: `文件是 ${r.source.encoding.toUpperCase()} 编码，为避免改变编码，未自动修改；可另存为 UTF-8 后再用 --fix。` };
  const outcome = applyFixes(r.source.text, r.messages);
  report.applied = outcome.applied.length;
  report.skipped = outcome.skipped.length;
  if (write && path !== '-') {
    writeFileSync(path, outcome.output + '\n', 'utf8');
  }
  return report;
}
