/**
 * Reviewer batch (issue 6): `dafu check <dir> --manifest … --report out/` on a generated batch
 * of 200+ .docx drafts across 8 units, run as the real CLI process. Expected per-unit figures
 * are computed here from the generated inputs, independently of the batch code.
 *
 * The browser part opens report.html in Debian's Chromium (playwright-core): it skips with a
 * loud notice when /usr/bin/chromium is missing, and fails instead when DAFU_BROWSER_TESTS=1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { dafu, ROOT, tempDir } from '../helpers/cli.js';
import { replyDocx } from '../helpers/docx.js';
import { brokenBytes, draftLines, makeCorpus, replyLines, RISK_OF } from './corpus.mjs';

const TODAY = '2025-06-15';
/** drafts with Word auto-numbered headings, as test/helpers/docx.ts builds them */
const AUTO = { autoNumber: true };
const CHROMIUM = process.env.DAFU_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.DAFU_BROWSER_TESTS === '1';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const RESULTS = join(ROOT, 'test-results');
const BIN = join(ROOT, 'cli/bin/dafu.js');

if (!HAVE_CHROMIUM && !REQUIRED) {
  console.warn([
    '',
    '################################################################################',
    '#  SKIPPED: batch report browser test (test/batch/batch.test.ts)',
    `#  ${CHROMIUM} not found. Install it with:`,
    '#      apt-get update && apt-get install -y chromium fonts-noto-cjk',
    '#  Set DAFU_BROWSER_TESTS=1 to make a missing browser a test FAILURE (CI).',
    '################################################################################',
    '',
  ].join('\n'));
}

type Corpus = ReturnType<typeof makeCorpus>;
type Item = Corpus['items'][number];

// ------------------------------------------------------------------ the batch on disk

const corpus = makeCorpus();
const HOSTILE = '恶意<img src=x onerror=alert(1)>.docx';
let dir: string;
let draftsDir: string;

const csvCell = (v: unknown) => { const s = v === undefined || v === null ? '' : String(v); return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
const slashDate = (iso: string) => iso.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1/$2/$3');
const cnDate = (iso: string) => iso.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1年$2月$3日');

async function writeBatch(): Promise<void> {
  dir = tempDir('dafu-batch-');
  draftsDir = join(dir, 'drafts');
  mkdirSync(join(draftsDir, '原文'), { recursive: true });
  for (const d of corpus.drafts) {
    const bytes = await replyDocx(draftLines(corpus, d, AUTO));
    writeFileSync(join(draftsDir, d.name), d.type === 'docx' ? bytes : brokenBytes(d.type, bytes));
  }
  // a draft whose text and name try to inject markup into the report
  writeFileSync(join(draftsDir, HOSTILE), await replyDocx([
    ...replyLines({ kind: 'npc', number: 9003, proposer: '赵某某', title: '关于<script>window.__pwned=1</script>的建议', unit: '市教育局', autoNumber: true }),
    '<img src=x onerror="window.__pwned=2"></details><script>window.__pwned=3</script>',
  ]));
  // a suggestion file inside the drafts folder: the manifest points at it; it is not a draft
  writeFileSync(join(draftsDir, '原文', '建议原文-1.txt'), '建议：一是增设交通设施；二是加强上下学时段管理。\n');

  // the reviewer's Excel list: a title row above the headers, dates as dates, text and slashes
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('交办清单');
  ws.addRow(['2025年市人大建议、政协提案办理清单']);
  ws.addRow(['序号', '建议编号', '类型', '标题', '领衔人', '主办单位', '会办单位', '交办日期', '办理期限', '答复类别', '办理状态', '建议内容']);
  // one item names its suggestion by a file (relative to the manifest), the others by text
  const fileRefItem = corpus.items.findIndex((it: Item) => it.suggestion && it.kind === 'npc');
  const suggestionOf = (it: Item, i: number) => (i === fileRefItem ? 'drafts/原文/建议原文-1.txt' : it.suggestion ?? '');
  corpus.items.forEach((it: Item, i: number) => {
    const deadline = it.deadline === undefined ? '' : i % 3 === 0 ? new Date(`${it.deadline}T00:00:00Z`) : i % 3 === 1 ? cnDate(it.deadline) : slashDate(it.deadline);
    const suggestion = suggestionOf(it, i);
    ws.addRow([i + 1, it.number, it.kind === 'npc' ? '建议' : '提案', it.title, it.proposer, it.unit, it.coUnits.join('、'), it.assigned, deadline, it.class, it.closed ? '已办结' : '办理中', suggestion]);
  });
  await wb.xlsx.writeFile(join(dir, 'items.xlsx'));

  // the same list as CSV with other column names: UTF-8 with BOM, and GBK as Excel saves it in China
  const head = ['编号', '件类', '题目', '提出人', '承办单位', '协办单位', '交办时间', '办理期限', '类别', '状态', '原文'];
  const rows = corpus.items.map((it: Item, i: number) => [it.kind === 'npc' ? `第${it.number}号` : String(it.number).padStart(3, '0'), it.kind === 'npc' ? '人大代表建议' : '政协提案', it.title, it.proposer, it.unit, it.coUnits.join('、'), it.assigned, it.deadline ?? '', it.class, it.closed ? '已办结' : '', i === fileRefItem ? suggestionOf(it, i) : it.suggestion ? `${it.suggestion}, 请研究, "尽快"\n落实` : '']);
  const csv = [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  writeFileSync(join(dir, 'items-utf8.csv'), '\uFEFF' + csv);
  writeFileSync(join(dir, 'items-gbk.csv'), iconv.encode(csv, 'gbk'));
}

// ------------------------------------------------------------------ expectations, from the inputs

const addMonths = (iso: string, n: number) => { const [y, m, d] = iso.split('-').map(Number); const t = new Date(Date.UTC(y, m - 1 + n, d)); return t.toISOString().slice(0, 10); };
const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

function expectedUnits() {
  const out: Record<string, { items: number; drafts: number; checked: number; unreadable: number; missing: number; overdue: number; dueSoon: number; high: number; medium: number; low: number; returnRatio: string }> = {};
  for (const unit of corpus.units) {
    const host = corpus.items.map((it: Item, i: number) => ({ it, i })).filter(({ it }: { it: Item }) => it.unit === unit);
    const drafts = corpus.drafts.filter((d: { unit: string | null }) => d.unit === unit);
    const coItems = new Set(drafts.filter((d: { role: string }) => d.role === 'co').map((d: { item: number }) => d.item));
    const broken = drafts.filter((d: { type: string }) => d.type !== 'docx');
    const risks = drafts.filter((d: { type: string }) => d.type === 'docx').map((d: { flaw: string }) => (d.flaw === 'co' ? 'low' : (RISK_OF as Record<string, string>)[d.flaw]));
    const highItems = new Set(drafts.filter((d: { type: string; flaw: string }) => d.type === 'docx' && (RISK_OF as Record<string, string>)[d.flaw] === 'high').map((d: { item: number }) => d.item));
    const deadline = (it: Item) => it.deadline ?? addMonths(it.assigned, 3);
    const open = host.filter(({ it }: { it: Item }) => !it.closed);
    const items = host.length + coItems.size;
    out[unit] = {
      items,
      drafts: drafts.length,
      checked: drafts.length - broken.length,
      unreadable: broken.length,
      missing: host.filter(({ i }: { i: number }) => !corpus.drafts.some((d: { item: number | null }) => d.item === i)).length,
      overdue: open.filter(({ it }: { it: Item }) => deadline(it) < TODAY).length,
      dueSoon: open.filter(({ it }: { it: Item }) => deadline(it) >= TODAY && deadline(it) <= plusDays(TODAY, 15)).length,
      high: risks.filter((r: string) => r === 'high').length,
      medium: risks.filter((r: string) => r === 'medium').length,
      low: risks.filter((r: string) => r === 'low').length,
      returnRatio: `${highItems.size}/${items}`,
    };
  }
  return out;
}

interface Results {
  tool: { name: string; version: string };
  batch: { manifest: { columns: Record<string, string>; encoding: string | null; items: number; warnings: string[] }; cache: { hits: number }; timing: { draftsPerSecond: number } };
  totals: Record<string, unknown> & { files: number; unreadable: number; findings: { total: number }; overdue: number; dueSoon: number };
  units: Array<{ unit: string; items: number; drafts: number; checked: number; unreadable: number; missing: number; overdue: number; dueSoon: number; risk: { high: number; medium: number; low: number }; returnRatio: string; findings: { total: number; byCategory: Record<string, number> }; topRules: Array<{ ruleId: string; drafts: number }> }>;
  unmatchedDrafts: Array<{ file: string; reason: string }>;
  itemsWithoutDraft: Array<{ number: string; unit: string }>;
  deadlines: Array<{ number: string; status: string; unit: string }>;
  topRules: Array<{ ruleId: string; count: number; drafts: number }>;
  results: Array<{ file: string; error: null | { code: string; message: string }; risk: string | null; unit: string; matchedBy: string | null; item: null | { number: string }; messages: Array<{ category: string; excerpt: string }>; cached: boolean; role: string | null }>;
}

/** The real CLI on a whole batch: like dafu() in test/helpers/cli.ts, with room for a slow, shared machine. */
function dafuBatch(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 170_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const SLOW = 180_000;

const readResults = (out: string) => JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;

function assertUnits(r: Results): void {
  const exp = expectedUnits();
  const got = Object.fromEntries(r.units.filter((u) => corpus.units.includes(u.unit)).map((u) => [u.unit, {
    items: u.items, drafts: u.drafts, checked: u.checked, unreadable: u.unreadable, missing: u.missing, overdue: u.overdue, dueSoon: u.dueSoon,
    high: u.risk.high, medium: u.risk.medium, low: u.risk.low, returnRatio: u.returnRatio,
  }]));
  expect(got).toEqual(exp);
  // the per-unit figures differ from unit to unit (the generator varies them)
  expect(new Set(Object.values(exp).map((u) => u.returnRatio)).size).toBeGreaterThan(4);
  expect(Object.values(exp).reduce((n, u) => n + u.overdue, 0)).toBeGreaterThan(8);
}

// ------------------------------------------------------------------ tests

describe('dafu check --manifest --report (reviewer batch)', () => {
  let out: string;
  let run: ReturnType<typeof dafu>;

  beforeAll(async () => {
    await writeBatch();
    out = join(dir, 'out');
    run = dafuBatch(['check', draftsDir, '--manifest', join(dir, 'items.xlsx'), '--report', out, '--today', TODAY, '--jobs', '2'], dir);
  }, 2 * SLOW);

  it('writes the three reports and exits 2 because some drafts are unreadable', () => {
    expect(run.stderr).not.toMatch(/Error|at .*\.js:\d+/);
    expect(run.code).toBe(2);
    for (const f of ['report.html', 'report.xlsx', 'results.json']) expect(existsSync(join(out, f))).toBe(true);
    expect(readdirSync(out).filter((f) => f.startsWith('.dafu-report-'))).toEqual([]);
    expect(run.stdout).toMatch(/报告已写入/);
    expect(run.stdout).toContain('市卫生健康委员会');
  });

  it('matches the manifest columns flexibly and reads the dates in all their forms', () => {
    const r = readResults(out);
    expect(r.batch.manifest.columns).toMatchObject({ number: '建议编号', kind: '类型', title: '标题', proposer: '领衔人', unit: '主办单位', coUnits: '会办单位', assigned: '交办日期', deadline: '办理期限', class: '答复类别', status: '办理状态', suggestion: '建议内容' });
    expect(r.batch.manifest.items).toBe(corpus.items.length);
    expect(r.batch.manifest.warnings).toEqual([]);
  });

  it('has exact per-unit figures: items, drafts, unreadable, missing, overdue, due soon, risk and return ratio', () => {
    const r = readResults(out);
    assertUnits(r);
    expect(r.units.map((u) => u.unit)).toEqual([...corpus.units, '（未与清单对应）']);
    const files = corpus.drafts.length + 1;
    expect(r.totals.files).toBe(files);
    expect(r.results).toHaveLength(files);
    expect(r.totals.unreadable).toBe(corpus.drafts.filter((d: { type: string }) => d.type !== 'docx').length);
    const sum = (k: 'overdue' | 'dueSoon') => Object.values(expectedUnits()).reduce((n, u) => n + u[k], 0);
    expect(r.totals.overdue).toBe(sum('overdue'));
    expect(r.deadlines.filter((d) => d.status === 'overdue')).toHaveLength(sum('overdue'));
    expect(r.deadlines.filter((d) => d.status === 'dueSoon')).toHaveLength(sum('dueSoon'));
    // findings by category add up, and the ranking is per unit as well as overall
    for (const u of r.units) expect(Object.values(u.findings.byCategory).reduce((a, b) => a + b, 0)).toBe(u.findings.total);
    expect(r.topRules[0].drafts).toBeGreaterThan(5);
    expect(r.units.find((u) => u.unit === '市民政局')!.topRules.length).toBeGreaterThan(0);
  });

  it('lists unmatched drafts and items without a draft; matches by file name, kind word and text', () => {
    const r = readResults(out);
    const unmatched = corpus.drafts.filter((d: { item: number | null }) => d.item === null).map((d: { name: string }) => d.name);
    expect(r.unmatchedDrafts.map((u) => u.file.split(/[\\/]/).pop()).sort()).toEqual([...unmatched, HOSTILE].sort());
    for (const u of r.unmatchedDrafts) expect(u.reason).toMatch(/[\u4e00-\u9fff]/);
    const missing = corpus.items.flatMap((it: Item, i: number) => (corpus.drafts.some((d: { item: number | null }) => d.item === i) ? [] : [`${it.unit}|${it.number}`]));
    expect(r.itemsWithoutDraft.map((i) => `${i.unit}|${i.number}`).sort()).toEqual(missing.sort());
    // the draft only its text can place
    const byText = r.results.find((x) => x.file.endsWith('补充材料-修改稿.docx'))!;
    expect(byText.matchedBy).toBe('text');
    expect(byText.unit).toBe('市卫生健康委员会');
    // 建议 and 提案 share numbers: every matched draft went to the item of its kind
    for (const res of r.results) {
      const d = corpus.drafts.find((x: { name: string }) => res.file.endsWith(x.name));
      if (!d || d.item === null) continue;
      expect(res.item?.number, res.file).toBe(String(corpus.items[d.item].number));
      expect(res.unit, res.file).toBe(d.unit);
    }
    // 会办意见 by a co-handling unit
    const co = r.results.find((x) => x.file.includes('会办意见'))!;
    expect(co).toMatchObject({ unit: '市公安局', matchedBy: 'number' });
    // the suggestion file named by the manifest was not taken for a draft
    expect(r.results.some((x) => x.file.includes('建议原文-1'))).toBe(false);
  });

  it('reports each broken file in its row with a Chinese message', () => {
    const r = readResults(out);
    const broken = r.results.filter((x) => x.error);
    expect(broken.map((b) => b.error!.code).sort()).toEqual(['E_CORRUPT_ZIP', 'E_EMPTY', 'E_OLD_WORD', 'E_OLD_WORD'].sort());
    for (const b of broken) { expect(b.error!.message).toMatch(/[\u4e00-\u9fff]/); expect(b.unit).not.toBe('（未与清单对应）'); }
  });

  it('keeps the check JSON contract for each result and adds the units summary', () => {
    const r = readResults(out);
    expect(r.tool.name).toBe('dafu');
    expect(Array.isArray(r.units)).toBe(true);
    const one = r.results.find((x) => !x.error)!;
    expect(Object.keys(one)).toEqual(expect.arrayContaining(['file', 'kind', 'role', 'class', 'mode', 'error', 'messages', 'counts', 'score', 'risk', 'notes', 'unit', 'item', 'matchedBy']));
  });

  it('writes an XLSX workbook with a summary per unit, all findings and the overdue items', async () => {
    const r = readResults(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'report.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['单位汇总', '答复稿', '全部问题', '逾期件', '未对应']);
    const sum = wb.getWorksheet('单位汇总')!;
    const header = (sum.getRow(1).values as unknown[]).slice(1);
    const rows = new Map<string, unknown[]>();
    sum.eachRow((row, n) => { if (n > 1) rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1)); });
    for (const u of r.units) {
      const row = rows.get(u.unit)!;
      expect(row[header.indexOf('件数')]).toBe(u.items);
      expect(row[header.indexOf('无法检查')]).toBe(u.unreadable);
      expect(row[header.indexOf('逾期')]).toBe(u.overdue);
      expect(row[header.indexOf('预计退办')]).toBe(u.returnRatio);
    }
    expect(wb.getWorksheet('全部问题')!.actualRowCount - 1).toBe(r.totals.findings.total);
    expect(wb.getWorksheet('逾期件')!.actualRowCount - 1).toBe(r.totals.overdue + r.totals.dueSoon);
    expect(wb.getWorksheet('答复稿')!.actualRowCount - 1).toBe(r.totals.files);
  });

  it('writes the same reports with one worker (report.html then written on the main thread) as with two (both by the workers)', () => {
    const one = join(dir, 'out-one-worker');
    const res = dafuBatch(['check', draftsDir, '--manifest', join(dir, 'items.xlsx'), '--report', one, '--today', TODAY, '--jobs', '1'], dir);
    expect(res.code, res.stderr).toBe(2);
    // (the run's own facts aside: when, how many workers, how long)
    const html = (o: string) => readFileSync(join(o, 'report.html'), 'utf8').replace(/生成于 [^·]*·/, '').replace(/· \d+ 个检查进程，用时 [\d.]+ 秒/, '');
    expect(html(one)).toBe(html(out));
    const sheets = (o: string) => Object.entries(unzipSync(readFileSync(join(o, 'report.xlsx')))).filter(([n]) => n !== 'docProps/core.xml').map(([n, b]) => [n, strFromU8(b)]);
    expect(sheets(one)).toEqual(sheets(out));
  }, SLOW);

  for (const [name, enc] of [['items-gbk.csv', 'gb18030'], ['items-utf8.csv', 'utf-8']] as const) {
    it(`gives the same per-unit figures from a ${enc === 'utf-8' ? 'UTF-8' : 'GBK'} CSV with other column names`, () => {
      const o = join(dir, `out-${enc}`);
      const res = dafuBatch(['check', draftsDir, '--manifest', join(dir, name), '--report', o, '--today', TODAY], dir);
      expect(res.code, res.stderr).toBe(2);
      const r = readResults(o);
      expect(r.batch.manifest.encoding).toBe(enc);
      expect(r.batch.manifest.columns).toMatchObject({ number: '编号', kind: '件类', title: '题目', proposer: '提出人', unit: '承办单位', coUnits: '协办单位', deadline: '办理期限' });
      assertUnits(r);
    }, SLOW);
  }
});

describe('batch: cache, time limit, interruption, usage', () => {
  const small = makeCorpus({ perUnit: [4, 3, 3], extras: false, seed: 7 });
  let sdir: string;

  beforeAll(async () => {
    sdir = tempDir('dafu-batch-small-');
    mkdirSync(join(sdir, 'drafts'));
    for (const d of small.drafts) writeFileSync(join(sdir, 'drafts', d.name), await replyDocx(draftLines(small, d, AUTO)));
    const head = '编号,类型,标题,提出人,主办单位,交办日期,办理期限';
    writeFileSync(join(sdir, 'items.csv'), [head, ...small.items.map((it: Item) => [it.number, it.kind === 'npc' ? '建议' : '提案', it.title, it.proposer, it.unit, it.assigned, it.deadline ?? ''].map(csvCell).join(','))].join('\n'));
  });

  it('skips unchanged drafts on a re-run with --cache, and re-checks a changed one', { timeout: SLOW }, async () => {
    const out = join(sdir, 'out-cache');
    const args = ['check', 'drafts', '--manifest', 'items.csv', '--report', out, '--today', TODAY, '--cache'];
    const first = dafu(args, { cwd: sdir });
    expect(first.code, first.stderr).toBeLessThan(2);
    const r1 = readResults(out);
    expect(r1.batch.cache.hits).toBe(0);
    expect(existsSync(join(out, '.dafu-cache.json'))).toBe(true);
    const second = dafu(args, { cwd: sdir });
    const r2 = readResults(out);
    expect(r2.batch.cache.hits).toBe(small.drafts.length);
    expect(r2.units).toEqual(r1.units);
    expect(r2.results.map((x) => ({ ...x, cached: false }))).toEqual(r1.results);
    expect(second.code).toBe(first.code);
    // one draft changes: only it is checked again
    const d = small.drafts[0];
    writeFileSync(join(sdir, 'drafts', d.name), await replyDocx(replyLines({ ...small.items[d.item], flaw: 'nocontact', autoNumber: true })));
    const changed = dafu(args, { cwd: sdir });
    const r3 = readResults(out);
    expect(r3.batch.cache.hits).toBe(small.drafts.length - 1);
    expect(r3.results.find((x) => x.file.endsWith(d.name))).toMatchObject({ cached: false, risk: 'high' });
    // another configuration is another key
    dafu([...args, '--preset', 'strict'], { cwd: sdir });
    expect(readResults(out).batch.cache.hits).toBe(0);
    // a damaged cache file is an empty cache, not an error
    writeFileSync(join(out, '.dafu-cache.json'), '{"format":"dafu-batch-cache/2"}\n{"path":"x","key":"zz');
    const damaged = dafu(args, { cwd: sdir });
    expect(damaged.code).toBe(changed.code);
    expect(readResults(out).batch.cache.hits).toBe(0);
    expect(dafu(args, { cwd: sdir }).code).toBe(changed.code);
    expect(readResults(out).batch.cache.hits).toBe(small.drafts.length);
  });

  it('stops a file that exceeds the time limit, reports it as E_TIMEOUT and checks the rest', () => {
    const tdir = tempDir('dafu-batch-timeout-');
    mkdirSync(join(tdir, 'drafts'));
    for (const d of small.drafts.slice(0, 3)) writeFileSync(join(tdir, 'drafts', d.name), readFileSync(join(sdir, 'drafts', d.name)));
    // one line of 5,000,000 characters: some 2.5 s to check, beyond a 1 s limit (8 MB of one
    // repeated line, used before, takes about 1 s since the paragraph memo makes repeats quick)
    writeFileSync(join(tdir, 'drafts', '超长答复.txt'), '办理'.repeat(2_500_000));
    const res = dafu(['check', 'drafts', '--report', 'out', '--today', TODAY, '--file-timeout', '1', '--jobs', '1'], { cwd: tdir });
    expect(res.code).toBe(2);
    const r = readResults(join(tdir, 'out'));
    const slow = r.results.find((x) => x.file.endsWith('超长答复.txt'))!;
    expect(slow.error?.code).toBe('E_TIMEOUT');
    expect(slow.error?.message).toMatch(/超过 1 秒/);
    expect(r.results.filter((x) => !x.error)).toHaveLength(3);
  });

  it('contains a hostile file (zip bomb) to its row', () => {
    const hdir = tempDir('dafu-batch-hostile-');
    mkdirSync(join(hdir, 'drafts'));
    writeFileSync(join(hdir, 'drafts', small.drafts[0].name), readFileSync(join(sdir, 'drafts', small.drafts[0].name)));
    const zeros = new Uint8Array(64 * 1048576); // inflates past the 50 MB part limit
    writeFileSync(join(hdir, 'drafts', 'bomb.docx'), zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'word/document.xml': zeros }, { level: 9 }));
    const res = dafu(['check', 'drafts', '--report', 'out', '--today', TODAY], { cwd: hdir });
    expect(res.code).toBe(2);
    const r = readResults(join(hdir, 'out'));
    expect(r.results.find((x) => x.file.endsWith('bomb.docx'))!.error?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(r.results.filter((x) => !x.error)).toHaveLength(1);
  });

  it('leaves no half-written report on Ctrl-C and exits 130', { timeout: SLOW }, async () => {
    const out = join(dir ?? sdir, 'out-interrupted');
    const src = draftsDir ?? join(sdir, 'drafts');
    const child = spawn(process.execPath, [BIN, 'check', src, '--report', out, '--today', TODAY, '--jobs', '1'], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b) => { stderr += b; });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !(existsSync(out) && readdirSync(out).some((f) => f.startsWith('.dafu-report-')))) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toMatch(/已中断/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('shows a progress bar on a TTY only', { timeout: SLOW }, () => {
    const out = join(sdir, 'out-tty');
    const plain = dafu(['check', 'drafts', '--report', out, '--today', TODAY], { cwd: sdir });
    expect(plain.stderr).not.toMatch(/检查答复稿/);
    const haveScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
    if (!haveScript || process.platform !== 'linux') return;
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} check drafts --report ${JSON.stringify(out)} --today ${TODAY} --jobs 1 >/dev/null`;
    const tty = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: sdir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    expect(tty.stdout).toMatch(/检查答复稿/);
  });

  it('explains usage errors in Chinese with exit code 2', () => {
    const noReport = dafu(['check', 'drafts', '--manifest', 'items.csv'], { cwd: sdir });
    expect(noReport.code).toBe(2);
    expect(noReport.stderr).toMatch(/--report/);
    const bad = join(sdir, 'bad.csv');
    writeFileSync(bad, 'a,b,c\n1,2,3\n');
    const noHeader = dafu(['check', 'drafts', '--manifest', bad, '--report', join(sdir, 'out-bad')], { cwd: sdir });
    expect(noHeader.code).toBe(2);
    expect(noHeader.stderr).toMatch(/表头/);
    const xls = join(sdir, 'old.xls');
    writeFileSync(xls, brokenBytes('ole'));
    const old = dafu(['check', 'drafts', '--manifest', xls, '--report', join(sdir, 'out-bad')], { cwd: sdir });
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/另存为/);
  });
});

describe.skipIf(!HAVE_CHROMIUM && !REQUIRED)('batch report in Chromium', () => {
  it('renders offline with its charts, drill-down and filter, without console errors', { timeout: 2 * SLOW }, async () => {
    if (!HAVE_CHROMIUM) throw new Error(`${CHROMIUM} not found (DAFU_BROWSER_TESTS=1): apt-get install -y chromium fonts-noto-cjk`);
    if (!dir) await writeBatch();
    const out = join(dir, 'out');
    if (!existsSync(join(out, 'report.html'))) dafuBatch(['check', draftsDir, '--manifest', join(dir, 'items.xlsx'), '--report', out, '--today', TODAY], dir);
    const r = readResults(out);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('request', (req) => { if (!req.url().startsWith('file:')) requests.push(req.url()); });
      await page.goto(`file://${join(out, 'report.html')}`);
      expect(await page.locator('h1').textContent()).toBe('答复稿批量检查报告');
      // per-unit table with a row per unit
      expect(await page.locator('#unitTable tbody tr').count()).toBe(r.units.length);
      // inline SVG charts with bars
      const charts = page.locator('svg.chart');
      expect(await charts.count()).toBeGreaterThanOrEqual(3);
      for (let i = 0; i < 3; i++) expect(await charts.nth(i).locator('rect.bar').count()).toBeGreaterThan(0);
      expect(await page.locator('#chart-unit-category rect.bar').count()).toBeGreaterThan(corpus.units.length);
      const box = await charts.first().boundingBox();
      expect(box!.width).toBeGreaterThan(400);
      mkdirSync(RESULTS, { recursive: true });
      await page.screenshot({ path: join(RESULTS, 'batch-report.png') });
      await page.locator('#charts').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(RESULTS, 'batch-report-charts.png') });
      // drill-down: a unit link opens its section, and a draft shows its findings with excerpts
      await page.locator('#unitTable a', { hasText: '市民政局' }).click();
      const unit = page.locator('details.unit[open]');
      expect(await waitFor(() => unit.count(), 1)).toBe(1);
      expect(await unit.locator(':scope > summary > b').textContent()).toBe('市民政局');
      const draft = unit.locator('details.draft[data-risk="high"]').first();
      await draft.locator('summary').click();
      expect(await draft.locator('table.findings tbody tr').count()).toBeGreaterThan(0);
      expect(await draft.locator('.excerpt').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(RESULTS, 'batch-report-drilldown.png') });
      // the filter narrows the drafts by number
      await page.locator('#filter').fill('补充材料');
      expect(await waitFor(() => page.locator('details.draft:not(.hidden)').count(), 1)).toBe(1);
      // hostile text is shown as text, never run as markup
      await page.locator('#filter').fill('');
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('#drafts').textContent()).toContain(HOSTILE);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

/** Polls a locator until it has the text or count (the page's script runs asynchronously to clicks). */
async function waitFor<T>(get: () => Promise<T>, want: T): Promise<T> {
  const until = Date.now() + 5000;
  let got = await get();
  while (got !== want && Date.now() < until) { await new Promise((r) => setTimeout(r, 50)); got = await get(); }
  return got;
}
