import { CATEGORIES } from '@dafu/core/engine/types.js';
import { CATEGORY_LABEL, KIND_LABEL, RISK_TEXT, ROLE_LABEL, SEVERITY_LABEL } from '../report/labels.js';
import type { BatchSummary, DraftRecord } from './aggregate.js';
import type { ManifestItem } from './manifest.js';
import { ZipWriter } from './zip-writer.js';

/** Text that is safe in a cell: no XML-illegal control characters, within Excel's 32,767 limit. */
const cell = (v: unknown): string | number | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  let s = String(v);
  // (one test first: nearly every cell has none of these, and the two replacements cost more than the test)
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/.test(s)) {
    s = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
  }
  return s.length > 32000 ? s.slice(0, 32000) + '…' : s;
};

// ---- the few SpreadsheetML parts the workbook needs. Written directly rather than with exceljs:
// loading and running exceljs' streaming writer cost about a second of CPU per 400 drafts,
// more than a quarter of a whole batch check.

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const esc = (s: string) => (/[&<>]/.test(s) ? s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;')) : s);
const colName = (i: number): string => (i >= 26 ? colName(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));
/** the column letters of the widest sheet (and more), made once */
const COLS = Array.from({ length: 64 }, (_, i) => colName(i));

/** cell styles (styles.xml cellXfs): none, the header row (bold on a light fill), a bold row */
const HEAD = 1;
const BOLD = 2;
const STYLES = `<styleSheet xmlns="${NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFEEF1F6"/></patternFill></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** One worksheet being written: a frozen header row with the column widths, then rows as they come. */
class Sheet {
  private rows = 1;
  constructor(private zip: ZipWriter, index: number, cols: Array<{ header: string; width: number }>) {
    zip.begin(`xl/worksheets/sheet${index}.xml`);
    zip.text(`${DECL}<worksheet xmlns="${NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/><cols>${cols.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('')}</cols><sheetData>`);
    this.write(cols.map((c) => c.header), 1, HEAD);
  }

  addRow(values: unknown[], style = 0): void {
    this.write(values, ++this.rows, style);
  }

  end(): void {
    this.zip.text('</sheetData></worksheet>');
    this.zip.end();
  }

  private write(values: unknown[], r: number, style: number): void {
    const s = style ? ` s="${style}"` : '';
    let xml = `<row r="${r}">`;
    values.forEach((v, i) => {
      if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return;
      const ref = `${COLS[i] ?? colName(i)}${r}`;
      // t="str" with <v>, as exceljs wrote text cells before
      xml += typeof v === 'number' ? `<c r="${ref}"${s}><v>${v}</v></c>` : `<c r="${ref}"${s} t="str"><v>${esc(String(v))}</v></c>`;
    });
    this.zip.text(xml + '</row>');
  }
}

const SHEETS = ['单位汇总', '答复稿', '全部问题', '逾期件', '未对应'];

function packageParts(zip: ZipWriter): void {
  const part = (name: string, xml: string) => { zip.begin(name); zip.text(DECL + xml); zip.end(); };
  const sheetTypes = SHEETS.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  part('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetTypes}` +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>');
  part('_rels/.rels', `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  part('docProps/core.xml', '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>dafu</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`);
  part('xl/workbook.xml', `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${SHEETS.map((name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`);
  part('xl/_rels/workbook.xml.rels', `<Relationships xmlns="${PKG_REL}">${SHEETS.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}` +
    `<Relationship Id="rId${SHEETS.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`);
  part('xl/styles.xml', STYLES);
}

/**
 * The XLSX workbook, streamed to disk (rows go to the file as they are added): 单位汇总 (one row per unit), 答复稿 (one row per draft), 全部问题 (one row per
 * finding), 逾期件 (overdue and due-soon items), 未对应 (unmatched drafts, items without a draft).
 */
export function writeXlsx(path: string, s: BatchSummary, items: ManifestItem[], drafts: () => Iterable<DraftRecord>): void {
  const zip = new ZipWriter(path);
  try {
    packageParts(zip);
    sheets(zip, s, items, drafts);
    zip.close();
  } catch (e) {
    zip.abort();
    throw e;
  }
}

function sheets(zip: ZipWriter, s: BatchSummary, items: ManifestItem[], drafts: () => Iterable<DraftRecord>): void {
  const sum = new Sheet(zip, 1, [
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
  for (const u of s.units) sum.addRow(unitRow(u.unit, u, u.topRules.map((r) => `${r.description}（${r.drafts}份）`).join('；')));
  sum.addRow(unitRow('合计', s.totals, s.topRules.slice(0, 5).map((r) => `${r.description}（${r.drafts}份）`).join('；')), BOLD);
  sum.end();

  const list = new Sheet(zip, 2, [
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
    ]);
  }
  list.end();

  const all = new Sheet(zip, 3, [
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
      if (++rows > MAX_ROWS) { all.addRow([`问题超过 ${MAX_ROWS} 行，其余见 results.json。`]); break findings; }
      const fixText = (m.fix as { text?: string } | undefined)?.text;
      all.addRow([
        cell(d.unit), cell(it?.number), cell(d.result.file), m.line, m.column, cell(SEVERITY_LABEL[m.severity]),
        cell(CATEGORY_LABEL[m.category as keyof typeof CATEGORY_LABEL] ?? m.category), cell(m.message), cell(m.excerpt),
        cell(fixText !== undefined ? `改为“${fixText}”` : m.suggestion ?? null), cell(m.note), cell(m.ruleId),
      ]);
    }
  }
  all.end();

  const due = new Sheet(zip, 4, [
    { header: '状态', width: 10 }, { header: '编号', width: 10 }, { header: '件类', width: 10 }, { header: '标题', width: 40 }, { header: '主办单位', width: 24 },
    { header: '提出人', width: 14 }, { header: '交办日期', width: 12 }, { header: '办理期限', width: 12 }, { header: '逾期天数', width: 9 }, { header: '剩余天数', width: 9 },
    { header: '答复稿', width: 8 }, { header: '退办风险', width: 9 },
  ]);
  for (const r of s.deadlines) {
    due.addRow([
      r.status === 'overdue' ? '已逾期' : '临近期限', cell(r.number), cell(r.kind ? KIND_LABEL[r.kind] : null), cell(r.title), cell(r.unit), cell(r.proposer),
      cell(r.assigned), cell(r.deadline), r.daysLeft < 0 ? -r.daysLeft : null, r.daysLeft >= 0 ? r.daysLeft : null, r.drafts, cell(r.risk ? RISK_TEXT[r.risk] : null),
    ]);
  }
  due.end();

  const un = new Sheet(zip, 5, [{ header: '类型', width: 20 }, { header: '文件或编号', width: 40 }, { header: '标题', width: 40 }, { header: '单位', width: 24 }, { header: '原因', width: 50 }]);
  for (const u of s.unmatchedDrafts) un.addRow(['未对应清单的答复稿', cell(u.file), null, null, cell(u.reason)]);
  for (const it of s.itemsWithoutDraft) un.addRow(['缺答复稿的件', cell(it.number), cell(it.title), cell(it.unit), it.deadline ? `办理期限 ${it.deadline}` : null]);
  un.end();
}
