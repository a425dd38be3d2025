import type ExcelJS from 'exceljs';
import { CATEGORIES } from '@dafu/rules';
import { CATEGORY_LABEL, KIND_LABEL, RISK_TEXT, ROLE_LABEL, SEVERITY_LABEL } from '../report/labels.js';
import type { BatchSummary, DraftRecord } from './aggregate.js';
import type { ManifestItem } from './manifest.js';

/** Text that is safe in a cell: no XML-illegal control characters, within Excel's 32,767 limit. */
const cell = (v: unknown): string | number | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  const s = String(v).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
  return s.length > 32000 ? s.slice(0, 32000) + '…' : s;
};

const BOLD = { font: { bold: true } };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F6' } };

function header(ws: ExcelJS.Worksheet, cols: Array<{ header: string; width: number }>): void {
  ws.columns = cols.map((c) => ({ header: c.header, width: c.width }));
  const row = ws.getRow(1);
  row.font = BOLD.font;
  row.fill = HEAD_FILL;
  row.commit();
}

/**
 * The XLSX workbook, written with exceljs' streaming writer (rows go to disk as they are
 * added): 单位汇总 (one row per unit), 答复稿 (one row per draft), 全部问题 (one row per
 * finding), 逾期件 (overdue and due-soon items), 未对应 (unmatched drafts, items without a draft).
 */
export async function writeXlsx(path: string, s: BatchSummary, items: ManifestItem[], drafts: () => Iterable<DraftRecord>): Promise<void> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  wb.creator = 'dafu';
  wb.created = new Date();

  const sum = wb.addWorksheet('单位汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  header(sum, [
    { header: '单位', width: 24 }, { header: '件数', width: 8 }, { header: '主办件', width: 8 }, { header: '会办件', width: 8 },
    { header: '答复稿', width: 8 }, { header: '已检查', width: 8 }, { header: '无法检查', width: 9 }, { header: '缺答复稿', width: 9 },
    { header: '问题数', width: 8 }, { header: '错误', width: 7 }, { header: '警告', width: 7 }, { header: '提示', width: 7 },
    ...CATEGORIES.map((c) => ({ header: CATEGORY_LABEL[c], width: 9 })),
    { header: '高风险', width: 8 }, { header: '中风险', width: 8 }, { header: '低风险', width: 8 },
    { header: '预计退办', width: 10 }, { header: '预计退办率', width: 10 }, { header: '逾期', width: 7 }, { header: '临期', width: 7 },
    { header: '平均具体度', width: 10 }, { header: '最常见问题', width: 60 },
  ]);
  const unitRow = (name: string, u: Omit<BatchSummary['units'][number], 'unit' | 'topRules' | 'hostItems' | 'coItems'> & { hostItems?: number; coItems?: number }, top: string) => [
    cell(name), u.items, u.hostItems ?? null, u.coItems ?? null, u.drafts, u.checked, u.unreadable, u.missing,
    u.findings.total, u.findings.error, u.findings.warning, u.findings.info, ...CATEGORIES.map((c) => u.findings.byCategory[c]),
    u.risk.high, u.risk.medium, u.risk.low, u.returnRatio, u.returnRate, u.overdue, u.dueSoon, u.avgScore, cell(top),
  ];
  for (const u of s.units) sum.addRow(unitRow(u.unit, u, u.topRules.map((r) => `${r.description}（${r.drafts}份）`).join('；'))).commit();
  const total = sum.addRow(unitRow('合计', s.totals, s.topRules.slice(0, 5).map((r) => `${r.description}（${r.drafts}份）`).join('；')));
  total.font = BOLD.font;
  total.commit();
  sum.commit();

  const list = wb.addWorksheet('答复稿', { views: [{ state: 'frozen', ySplit: 1 }] });
  header(list, [
    { header: '编号', width: 10 }, { header: '件类', width: 10 }, { header: '标题', width: 40 }, { header: '单位', width: 24 }, { header: '办理类型', width: 8 },
    { header: '文件', width: 40 }, { header: '对应方式', width: 10 }, { header: '退办风险', width: 9 }, { header: '错误', width: 7 }, { header: '警告', width: 7 },
    { header: '提示', width: 7 }, { header: '具体度', width: 8 }, { header: '无法检查的原因', width: 50 }, { header: '说明', width: 40 },
  ]);
  const BY: Record<string, string> = { file: '清单文件名', number: '编号', title: '标题', text: '正文编号' };
  for (const d of drafts()) {
    const it = d.item !== null ? items[d.item] : undefined;
    const r = d.result;
    list.addRow([
      cell(it?.number), cell(it?.kind ? KIND_LABEL[it.kind] : null), cell(it?.title), cell(d.unit), cell(d.role ? ROLE_LABEL[d.role] : null),
      cell(r.file), cell(d.matchedBy ? BY[d.matchedBy] : '未对应'), cell(r.error ? '无法检查' : r.risk ? RISK_TEXT[r.risk] : null),
      r.error ? null : r.counts.error, r.error ? null : r.counts.warning, r.error ? null : r.counts.info, r.score,
      cell(r.error ? `${r.error.code}：${r.error.message}` : null), cell([...(r.notes ?? []), ...(d.unmatchedReason ? [d.unmatchedReason] : [])].join('；') || null),
    ]).commit();
  }
  list.commit();

  const all = wb.addWorksheet('全部问题', { views: [{ state: 'frozen', ySplit: 1 }] });
  header(all, [
    { header: '单位', width: 24 }, { header: '编号', width: 10 }, { header: '文件', width: 36 }, { header: '行', width: 6 }, { header: '列', width: 6 },
    { header: '级别', width: 6 }, { header: '类别', width: 10 }, { header: '问题', width: 50 }, { header: '原文', width: 40 }, { header: '参考', width: 40 },
    { header: '依据', width: 50 }, { header: '规则', width: 22 },
  ]);
  // Excel's limit is 1,048,576 rows a sheet; results.json and report.html keep every finding
  const MAX_ROWS = 1_048_000;
  let rows = 0;
  findings: for (const d of drafts()) {
    const it = d.item !== null ? items[d.item] : undefined;
    for (const m of d.result.messages) {
      if (++rows > MAX_ROWS) { all.addRow([`问题超过 ${MAX_ROWS} 行，其余见 results.json。`]).commit(); break findings; }
      const fixText = (m.fix as { text?: string } | undefined)?.text;
      all.addRow([
        cell(d.unit), cell(it?.number), cell(d.result.file), m.line, m.column, cell(SEVERITY_LABEL[m.severity]),
        cell(CATEGORY_LABEL[m.category as keyof typeof CATEGORY_LABEL] ?? m.category), cell(m.message), cell(m.excerpt),
        cell(fixText !== undefined ? `改为“${fixText}”` : m.suggestion ?? null), cell(m.note), cell(m.ruleId),
      ]).commit();
    }
  }
  all.commit();

  const due = wb.addWorksheet('逾期件', { views: [{ state: 'frozen', ySplit: 1 }] });
  header(due, [
    { header: '状态', width: 10 }, { header: '编号', width: 10 }, { header: '件类', width: 10 }, { header: '标题', width: 40 }, { header: '主办单位', width: 24 },
    { header: '提出人', width: 14 }, { header: '交办日期', width: 12 }, { header: '办理期限', width: 12 }, { header: '逾期天数', width: 9 }, { header: '剩余天数', width: 9 },
    { header: '答复稿', width: 8 }, { header: '退办风险', width: 9 },
  ]);
  for (const r of s.deadlines) {
    due.addRow([
      r.status === 'overdue' ? '已逾期' : '临近期限', cell(r.number), cell(r.kind ? KIND_LABEL[r.kind] : null), cell(r.title), cell(r.unit), cell(r.proposer),
      cell(r.assigned), cell(r.deadline), r.daysLeft < 0 ? -r.daysLeft : null, r.daysLeft >= 0 ? r.daysLeft : null, r.drafts, cell(r.risk ? RISK_TEXT[r.risk] : null),
    ]).commit();
  }
  due.commit();

  const un = wb.addWorksheet('未对应', { views: [{ state: 'frozen', ySplit: 1 }] });
  header(un, [{ header: '类型', width: 20 }, { header: '文件或编号', width: 40 }, { header: '标题', width: 40 }, { header: '单位', width: 24 }, { header: '原因', width: 50 }]);
  for (const u of s.unmatchedDrafts) un.addRow(['未对应清单的答复稿', cell(u.file), null, null, cell(u.reason)]).commit();
  for (const it of s.itemsWithoutDraft) un.addRow(['缺答复稿的件', cell(it.number), cell(it.title), cell(it.unit), it.deadline ? `办理期限 ${it.deadline}` : null]).commit();
  un.commit();

  await wb.commit();
}
