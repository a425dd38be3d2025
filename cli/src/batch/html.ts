import { closeSync, openSync, writeSync } from 'node:fs';
import { CATEGORIES } from '@dafu/core/engine/types.js';
import { CATEGORY_LABEL, KIND_LABEL, RISK_TEXT, ROLE_LABEL, SEVERITY_LABEL } from '../report/labels.js';
import type { BatchSummary, DraftRecord, UnitStats } from './aggregate.js';
import type { ManifestItem } from './manifest.js';
import { columnBars, esc, stackedBars } from './svg.js';

export interface ReportMeta {
  generated: string;
  today: string;
  manifest: string | null;
  version: string;
  packVersion: string;
  jobs: number;
  seconds: number;
}

export const CATEGORY_COLOR: Record<string, string> = {
  format: '#4e79a7', specificity: '#f28e2b', targeting: '#e15759', communication: '#76b7b2',
  classification: '#59a14f', timeliness: '#edc948', attitude: '#b07aa1', typography: '#9c755f',
};
const RISK_COLOR = { high: '#d62728', medium: '#f0ad4e', low: '#5cb85c' };

const CSS = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#dde2ea;--bg:#f6f7f9;--accent:#1f5fbf}
*{box-sizing:border-box}body{margin:0;font:14px/1.6 "Noto Sans CJK SC","Microsoft YaHei","PingFang SC","Source Han Sans SC",sans-serif;color:var(--fg);background:var(--bg)}
header,main{max-width:1680px;margin:0 auto;padding:0 20px}header{padding-top:20px}h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px;border-left:4px solid var(--accent);padding-left:8px}
.meta{color:var(--muted);font-size:13px}.cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:120px}.card b{display:block;font-size:22px}.card span{color:var(--muted);font-size:12px}
table{border-collapse:collapse;background:#fff;width:100%;font-size:13px}th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}th{background:#eef1f6;position:sticky;top:0;cursor:default}th.sort{cursor:pointer}td.n,th.n{text-align:right;white-space:nowrap}.wrap{overflow-x:auto}
.risk-high{color:#b31b1b;font-weight:bold}.risk-medium{color:#a86400}.risk-low{color:#2b7a2b}.sev-error{color:#b31b1b}.sev-warning{color:#a86400}.sev-info{color:#1f6f8b}
.chart{background:#fff;border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:6px}.chart .ct{font-size:14px;font-weight:bold;fill:var(--fg)}.chart .lg,.chart .lb{font-size:12px;fill:var(--fg)}.chart .ax,.chart .tot{font-size:11px;fill:var(--muted)}.chart .grid{stroke:#e6e9ef}.chart a .lb{fill:var(--accent)}
details{background:#fff;border:1px solid var(--line);border-radius:6px;margin:6px 0}details>summary{cursor:pointer;padding:6px 10px}details[open]>summary{border-bottom:1px solid var(--line)}details .body{padding:8px 10px}details.draft{margin:4px 0}
.excerpt{background:#fff6d6;padding:0 2px;white-space:pre-wrap}.muted{color:var(--muted)}.err{color:#b31b1b}.tools{display:flex;gap:8px;align-items:center;margin:8px 0}.tools input{padding:4px 8px;border:1px solid var(--line);border-radius:4px;min-width:260px}button{padding:4px 10px;border:1px solid var(--line);background:#fff;border-radius:4px;cursor:pointer}
.hidden{display:none}#unitTable td:first-child{white-space:nowrap}#unitTable td:last-child{min-width:380px}table.findings td:nth-child(-n+3),table.findings th{white-space:nowrap}table.findings td:nth-child(5){min-width:160px}footer{color:var(--muted);font-size:12px;text-align:center;padding:30px}@media print{details{break-inside:avoid}.tools{display:none}}
`;

// Only textContent, classList and attributes: the report never builds HTML from draft text.
const JS = `
(function(){
  function openTo(id){var el=document.getElementById(id);while(el){if(el.tagName==='DETAILS')el.open=true;el=el.parentElement;}}
  function onHash(){var h=decodeURIComponent(location.hash.slice(1));if(h){openTo(h);var t=document.getElementById(h);if(t)t.scrollIntoView();}}
  window.addEventListener('hashchange',onHash);onHash();
  var q=document.getElementById('filter'),risk=document.getElementById('riskFilter'),count=document.getElementById('filterCount');
  function apply(){var s=(q.value||'').trim().toLowerCase(),r=risk.value,n=0;
    document.querySelectorAll('details.draft').forEach(function(d){var ok=(!s||(d.getAttribute('data-search')||'').indexOf(s)>=0)&&(!r||d.getAttribute('data-risk')===r);d.classList.toggle('hidden',!ok);if(ok)n++;});
    document.querySelectorAll('details.unit').forEach(function(u){var any=u.querySelector('details.draft:not(.hidden)');u.classList.toggle('hidden',!any&&(s||r)?true:false);if((s||r)&&any)u.open=true;});
    count.textContent=(s||r)?('显示 '+n+' 份答复稿'):'';}
  q.addEventListener('input',apply);risk.addEventListener('change',apply);
  document.getElementById('expandAll').addEventListener('click',function(){document.querySelectorAll('#drafts details').forEach(function(d){d.open=true;});});
  document.getElementById('collapseAll').addEventListener('click',function(){document.querySelectorAll('#drafts details').forEach(function(d){d.open=false;});});
  document.querySelectorAll('table.sortable').forEach(function(t){t.querySelectorAll('th.sort').forEach(function(th,i){th.addEventListener('click',function(){
    var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows),col=th.cellIndex,dir=th.getAttribute('data-dir')==='asc'?'desc':'asc';
    rows.sort(function(a,b){var x=a.cells[col].getAttribute('data-v'),y=b.cells[col].getAttribute('data-v');var nx=parseFloat(x),ny=parseFloat(y);
      var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:String(x).localeCompare(String(y),'zh');return dir==='asc'?c:-c;});
    rows.forEach(function(r){body.appendChild(r);});th.setAttribute('data-dir',dir);});});});
})();
`;

const td = (v: number | string | null | undefined, cls = 'n') => `<td class="${cls}" data-v="${esc(v ?? '')}">${esc(v ?? '')}</td>`;
const unitAnchor = (i: number) => `u-${i}`;
const itemLabel = (it: ManifestItem | undefined) => (it ? `${it.kind ? (it.kind === 'npc' ? '建议' : '提案') : ''}${it.number ? `第${it.number}号` : ''}` : '');
const topText = (u: UnitStats) => u.topRules.slice(0, 3).map((r) => `${r.description}（${r.drafts}）`).join('；');

/**
 * Writes the self-contained HTML report, streaming each unit's drafts from the spool so the
 * findings are never all in memory. No external resources: CSS, script and charts are inline,
 * and a Content-Security-Policy forbids any network access.
 */
export function writeHtml(path: string, s: BatchSummary, meta: ReportMeta, items: ManifestItem[], draftsOf: (unit: string) => Iterable<DraftRecord>): void {
  const fd = openSync(path, 'w');
  const w = (text: string) => { const b = Buffer.from(text, 'utf8'); let o = 0; while (o < b.length) o += writeSync(fd, b, o); };
  try {
    const t = s.totals;
    w(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">`);
    w(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`);
    w(`<meta name="viewport" content="width=device-width,initial-scale=1"><title>答复稿批量检查报告</title><style>${CSS}</style></head><body>`);
    w(`<header><h1>答复稿批量检查报告</h1><div class="meta">统计日期 ${esc(meta.today)} · 生成于 ${esc(meta.generated)}${meta.manifest ? ` · 清单 ${esc(meta.manifest)}` : ''} · dafu ${esc(meta.version)}（规则包 ${esc(meta.packVersion)}）· ${meta.jobs} 个检查进程，用时 ${meta.seconds.toFixed(1)} 秒</div></header><main>`);
    const card = (v: string | number, label: string, cls = '') => `<div class="card ${cls}"><b>${esc(v)}</b><span>${esc(label)}</span></div>`;
    w(`<section class="cards" id="totals">${[
      card(t.items, '件数'), card(t.drafts, '答复稿'), card(t.checked, '已检查'), card(t.unreadable, '无法检查', t.unreadable ? 'err' : ''),
      card(t.findings.total, `问题（错误 ${t.findings.error} · 警告 ${t.findings.warning} · 提示 ${t.findings.info}）`),
      card(t.returnRatio, '预计退办（高风险件/件数）', 'risk-high'), card(t.overdue, '已逾期件'), card(t.dueSoon, '临近期限件'),
      card(t.unmatchedDrafts, '未对应清单的答复稿'), card(t.itemsWithoutDraft, '缺答复稿的件'),
    ].join('')}</section>`);

    // per-unit table
    w(`<h2 id="unit-table">各单位情况</h2><div class="wrap"><table class="sortable" id="unitTable"><thead><tr>`);
    const heads = ['单位', '件数', '答复稿', '已检查', '无法检查', '缺答复稿', '问题数', ...CATEGORIES.map((c) => CATEGORY_LABEL[c]), '高风险', '中风险', '低风险', '预计退办', '逾期', '临期', '平均具体度', '最常见问题'];
    w(heads.map((h, i) => `<th class="sort${i > 0 && i < heads.length - 1 ? ' n' : ''}">${esc(h)}</th>`).join('') + '</tr></thead><tbody>');
    s.units.forEach((u, i) => {
      w(`<tr data-unit="${esc(u.unit)}"><td data-v="${esc(u.unit)}"><a href="#${unitAnchor(i)}">${esc(u.unit)}</a></td>${td(u.items)}${td(u.drafts)}${td(u.checked)}${td(u.unreadable)}${td(u.missing)}${td(u.findings.total)}`
        + CATEGORIES.map((c) => td(u.findings.byCategory[c])).join('')
        + `${td(u.risk.high)}${td(u.risk.medium)}${td(u.risk.low)}<td class="n risk-high" data-v="${u.returnRate ?? -1}">${esc(u.returnRatio)}</td>${td(u.overdue)}${td(u.dueSoon)}${td(u.avgScore)}<td data-v="${esc(topText(u))}">${esc(topText(u))}</td></tr>`);
    });
    w(`</tbody><tfoot><tr><th>合计</th>${td(t.items)}${td(t.drafts)}${td(t.checked)}${td(t.unreadable)}${td(t.missing)}${td(t.findings.total)}${CATEGORIES.map((c) => td(t.findings.byCategory[c])).join('')}${td(t.risk.high)}${td(t.risk.medium)}${td(t.risk.low)}${td(t.returnRatio)}${td(t.overdue)}${td(t.dueSoon)}${td(t.avgScore)}<td></td></tr></tfoot></table></div>`);
    w(`<p class="muted">预计退办 = 有高退办风险答复稿的件数 / 该单位办理的件数（主办件，加上本批有会办意见的会办件）。退办风险由各稿的问题推算：退办类问题有错误或错误达 3 个为高。</p>`);

    // charts
    w(`<h2 id="charts">统计图</h2>`);
    const catSeries = CATEGORIES.map((c) => ({ name: CATEGORY_LABEL[c], color: CATEGORY_COLOR[c] }));
    w(stackedBars('chart-unit-category', '各单位问题数（按类别）', s.units.map((u, i) => ({ label: u.unit, values: CATEGORIES.map((c) => u.findings.byCategory[c]), href: `#${unitAnchor(i)}` })), catSeries));
    w(columnBars('chart-category', '问题类别分布（全部答复稿）', CATEGORIES.map((c) => ({ label: CATEGORY_LABEL[c], value: t.findings.byCategory[c], color: CATEGORY_COLOR[c] }))));
    w(stackedBars('chart-unit-risk', '各单位答复稿退办风险', s.units.map((u, i) => ({ label: u.unit, values: [u.risk.high, u.risk.medium, u.risk.low, u.unreadable], href: `#${unitAnchor(i)}` })),
      [{ name: '高风险', color: RISK_COLOR.high }, { name: '中风险', color: RISK_COLOR.medium }, { name: '低风险', color: RISK_COLOR.low }, { name: '无法检查', color: '#999' }]));

    // ranking
    w(`<h2 id="ranking">最常见的问题</h2><div class="wrap"><table><thead><tr><th class="n">排名</th><th>问题</th><th>类别</th><th>规则</th><th class="n">涉及答复稿</th><th class="n">次数</th></tr></thead><tbody>`);
    s.topRules.forEach((r, i) => w(`<tr><td class="n">${i + 1}</td><td>${esc(r.description)}</td><td>${esc(CATEGORY_LABEL[r.category as keyof typeof CATEGORY_LABEL] ?? r.category)}</td><td><code>${esc(r.ruleId)}</code></td>${td(r.drafts)}${td(r.count)}</tr>`));
    if (!s.topRules.length) w(`<tr><td colspan="6" class="muted">没有发现问题。</td></tr>`);
    w(`</tbody></table></div>`);

    // deadlines
    w(`<h2 id="deadlines">逾期与临近期限的件（截至 ${esc(s.today)}）</h2><div class="wrap"><table id="deadlineTable"><thead><tr><th>状态</th><th>编号</th><th>件类</th><th>标题</th><th>主办单位</th><th>提出人</th><th>交办日期</th><th>办理期限</th><th class="n">天数</th><th class="n">答复稿</th><th>退办风险</th></tr></thead><tbody>`);
    for (const d of s.deadlines) {
      w(`<tr class="${d.status}"><td class="${d.status === 'overdue' ? 'err' : ''}">${d.status === 'overdue' ? '已逾期' : '临近期限'}</td><td>${esc(d.number)}</td><td>${esc(d.kind ? KIND_LABEL[d.kind] : '')}</td><td>${esc(d.title)}</td><td>${esc(d.unit)}</td><td>${esc(d.proposer)}</td><td>${esc(d.assigned)}</td><td>${esc(d.deadline)}</td><td class="n">${d.daysLeft < 0 ? `逾期 ${-d.daysLeft} 天` : `剩 ${d.daysLeft} 天`}</td><td class="n">${d.drafts || '<span class="err">无</span>'}</td><td class="risk-${esc(d.risk ?? '')}">${esc(d.risk ? RISK_TEXT[d.risk] : '')}</td></tr>`);
    }
    if (!s.deadlines.length) w(`<tr><td colspan="11" class="muted">没有逾期或临近期限的件。</td></tr>`);
    w(`</tbody></table></div>`);

    // unmatched
    w(`<h2 id="unmatched">未对应的答复稿与缺答复稿的件</h2>`);
    w(`<details ${s.unmatchedDrafts.length ? 'open' : ''}><summary>未能与清单对应的答复稿（${s.unmatchedDrafts.length}）</summary><div class="body"><table id="unmatchedDrafts"><thead><tr><th>文件</th><th>原因</th></tr></thead><tbody>`);
    for (const u of s.unmatchedDrafts) w(`<tr><td><a href="#d-${u.index}">${esc(u.file)}</a></td><td>${esc(u.reason)}</td></tr>`);
    w(`</tbody></table></div></details>`);
    w(`<details ${s.itemsWithoutDraft.length ? 'open' : ''}><summary>清单中没有答复稿的件（${s.itemsWithoutDraft.length}）</summary><div class="body"><table id="itemsWithoutDraft"><thead><tr><th>编号</th><th>件类</th><th>标题</th><th>主办单位</th><th>办理期限</th></tr></thead><tbody>`);
    for (const it of s.itemsWithoutDraft) w(`<tr><td>${esc(it.number)}</td><td>${esc(it.kind ? KIND_LABEL[it.kind] : '')}</td><td>${esc(it.title)}</td><td>${esc(it.unit)}</td><td>${esc(it.deadline)}</td></tr>`);
    w(`</tbody></table></div></details>`);
    if (s.duplicates.length) {
      w(`<details><summary>同一件有多份答复稿（${s.duplicates.length}）</summary><div class="body"><ul>`);
      for (const d of s.duplicates) w(`<li>${esc(d.file)}（第${esc(d.number)}号，${esc(d.unit)}）</li>`);
      w(`</ul></div></details>`);
    }

    // drill-down
    w(`<h2 id="drafts-title">逐件明细</h2><div class="tools"><input id="filter" type="search" placeholder="按文件名、编号、标题、单位筛选" aria-label="筛选"><select id="riskFilter" aria-label="退办风险"><option value="">全部风险</option><option value="high">高风险</option><option value="medium">中风险</option><option value="low">低风险</option><option value="error">无法检查</option></select><button id="expandAll" type="button">全部展开</button><button id="collapseAll" type="button">全部收起</button><span id="filterCount" class="muted"></span></div><div id="drafts">`);
    s.units.forEach((u, ui) => {
      w(`<details class="unit" id="${unitAnchor(ui)}"><summary><b>${esc(u.unit)}</b> — ${u.items} 件，答复稿 ${u.drafts} 份（无法检查 ${u.unreadable}），问题 ${u.findings.total} 个，预计退办 ${esc(u.returnRatio)}</summary><div class="body">`);
      if (u.topRules.length) w(`<p class="muted">本单位最常见：${esc(topText(u))}</p>`);
      for (const d of draftsOf(u.unit)) w(draftHtml(d, d.item !== null ? items[d.item] : undefined));
      if (!u.drafts) w(`<p class="muted">本单位没有答复稿。</p>`);
      w(`</div></details>`);
    });
    w(`</div></main><footer>本报告由 dafu（答复）离线生成，不含任何外部资源。退办风险为预测，供审核参考。</footer><script>${JS}</script></body></html>\n`);
  } finally {
    closeSync(fd);
  }
}

function draftHtml(d: DraftRecord, it: ManifestItem | undefined): string {
  const r = d.result;
  const label = itemLabel(it);
  const search = [r.file, label, it?.number, it?.title, d.unit, it?.proposer?.join('、')].filter(Boolean).join(' ').toLowerCase();
  const riskKey = r.error ? 'error' : r.risk ?? '';
  const facts = [r.kind && KIND_LABEL[r.kind], r.role && ROLE_LABEL[r.role], r.class && `${r.class}类`].filter(Boolean).join(' · ');
  const head = r.error
    ? `<span class="err">无法检查（${esc(r.error.code)}）</span>`
    : `<span class="risk-${esc(r.risk)}">退办风险：${esc(r.risk ? RISK_TEXT[r.risk] : '')}</span> · 错误 ${r.counts.error} · 警告 ${r.counts.warning} · 提示 ${r.counts.info}${r.score !== null ? ` · 具体度 ${r.score}` : ''}`;
  const out: string[] = [];
  out.push(`<details class="draft" id="d-${d.index}" data-risk="${esc(riskKey)}" data-search="${esc(search)}"><summary>${label ? `<b>${esc(label)}</b> ` : ''}${esc(r.file)} — ${head}${d.matchedBy === null ? ' <span class="muted">（未对应清单）</span>' : ''}</summary><div class="body">`);
  if (it?.title) out.push(`<div class="muted">${esc(it.title)}${it.proposer?.length ? ` · 提出人 ${esc(it.proposer.join('、'))}` : ''}${it.deadline ? ` · 办理期限 ${esc(it.deadline)}` : ''}${facts ? ` · ${esc(facts)}` : ''}</div>`);
  if (r.error) out.push(`<p class="err">${esc(r.error.message)}</p>`);
  for (const note of r.notes ?? []) out.push(`<p class="muted">说明：${esc(note)}</p>`);
  if (d.unmatchedReason) out.push(`<p class="muted">${esc(d.unmatchedReason)}</p>`);
  if (!r.error && !r.messages.length) out.push(`<p class="risk-low">未发现问题。</p>`);
  if (r.messages.length) {
    out.push(`<table class="findings"><thead><tr><th>位置</th><th>级别</th><th>类别</th><th>问题</th><th>原文</th><th>参考</th><th>规则</th></tr></thead><tbody>`);
    for (const m of r.messages) {
      const better = (m.fix as { text?: string } | undefined)?.text !== undefined ? `改为“${(m.fix as { text: string }).text}”` : m.suggestion ?? '';
      out.push(`<tr><td class="n">${m.line}:${m.column}</td><td class="sev-${esc(m.severity)}">${esc(SEVERITY_LABEL[m.severity])}</td><td>${esc(CATEGORY_LABEL[m.category as keyof typeof CATEGORY_LABEL] ?? m.category)}</td><td>${esc(m.message)}<div class="muted">${esc(m.note)}</div></td><td>${m.excerpt ? `<span class="excerpt">${esc(m.excerpt)}</span>` : ''}</td><td>${esc(better)}</td><td><code>${esc(m.ruleId)}</code></td></tr>`);
    }
    out.push(`</tbody></table>`);
  }
  out.push(`</div></details>`);
  return out.join('');
}
