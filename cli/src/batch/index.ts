/**
 * `dafu check <dir> --manifest items.xlsx --report out/`: the reviewer's batch.
 *
 * Drafts are matched to the manifest's items (by the manifest's file column, the number or
 * the title in the file name, and after checking by the number the text states), checked in
 * a pool of worker threads, spooled to disk one line per draft, and aggregated per unit in
 * one streaming pass. The main thread never loads the rule pack (the workers start sooner
 * without it): its modules import the core's small modules directly, and the rules' names
 * come from the workers. The reports (report.html, report.xlsx, results.json) are written into
 * a temp folder inside the report folder and renamed into place only when all are complete;
 * Ctrl-C stops the workers, removes the temp folder and exits 130.
 */
import { availableParallelism } from 'node:os';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, closeSync, openSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { CaseContext, CaseRole } from '@dafu/rules';
import { DEFAULT_PROFILE } from '@dafu/core/config/resolve.js';
import { packVersion } from '@dafu/rules/version.js';
import { ConfigError, findConfig, readConfig } from '../config.js';
import { collectInputs } from '../files.js';
import { Aggregator, UNMATCHED_UNIT, type BatchSummary, type DraftRecord } from './aggregate.js';
import { BatchCache, writeCache, type CacheEntry } from './cache.js';
import { itemContext, ManifestError, readManifest, type Manifest } from './manifest.js';
import { Matcher, UNKNOWN_UNIT, type Match } from './match.js';
import { Pool, type Outcome } from './pool.js';
import type { JsonResult } from '../report/json.js';
import type { JobMessage, WorkerInit } from './protocol.js';
import { writeReport, type ReportTask } from './reports.js';
import { Spool } from './spool.js';

export interface BatchOptions {
  manifest?: string;
  report: string;
  jobs?: number;
  cache?: boolean;
  cacheLocation?: string;
  /** per-file time limit in seconds (default 30) */
  fileTimeout?: number;
  configPath?: string;
  presets?: string[];
  mode?: string;
  /** context from flags; its `today` is the date deadlines are counted against */
  flagContext: CaseContext & { today: string };
  version: string;
  quiet?: boolean;
  maxInputBytes?: number;
  /** annotated copies of the .docx drafts, as with dafu check --annotate / --annotate-dir */
  annotate?: { dir?: string; force: boolean };
}

export const REPORT_FILES = ['report.html', 'report.xlsx', 'results.json'] as const;
const NO_UNIT = '（未识别单位）';

interface Planned { match?: Match; reason?: string }

const emptyResult = (file: string, code: string, message: string): JsonResult => ({
  file, kind: null, role: null, class: null, mode: null, error: { code, message }, messages: [], counts: { error: 0, warning: 0, info: 0 }, score: null, risk: null, notes: [],
});

/** Runs the batch; resolves to the exit code (0 clean, 1 errors found, 2 unreadable drafts or bad input). */
export async function runBatch(inputs: string[], o: BatchOptions): Promise<number> {
  const started = performance.now();
  const cwd = process.cwd();
  const err = (s: string) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`);
  const today = o.flagContext.today;

  // ---- the drafts, and the workers (they load the rule pack while the manifest is read)
  const reportDir = resolve(o.report);
  const { files: found, missing } = await collectInputs(inputs, cwd);
  for (const m of missing) err(`找不到“${m}”：没有这个文件或目录，或通配符没有匹配到答复稿。`);
  if (found.includes('-')) err('批量检查不读取标准输入（-），已忽略。');
  const inReport = (f: string) => (f + '/').startsWith(reportDir + '/') || f.startsWith(reportDir + '\\');
  const candidates = found.filter((f) => f !== '-' && !inReport(f));
  const cachePath = o.cache ? resolve(o.cacheLocation ?? join(reportDir, '.dafu-cache.json')) : undefined;
  const jobs = Math.max(1, Math.min(o.jobs ?? availableParallelism(), candidates.length || 1));
  const init: WorkerInit = {
    configPath: o.configPath, presets: o.presets, mode: o.mode, cwd, maxInputBytes: o.maxInputBytes ?? 20 * 1024 * 1024,
    flagContext: o.flagContext, version: o.version, cache: !!cachePath, batch: true,
    ...(o.annotate ? { annotate: { force: o.annotate.force, ...(o.annotate.dir ? { dir: resolve(o.annotate.dir) } : {}) } } : {}),
  };
  const pool = new Pool({ size: jobs, init, timeoutMs: (o.fileTimeout ?? 30) * 1000 });
  if (candidates.length) pool.start();
  const fail = async (message: string) => { err(message); await pool.destroy(); return 2; };

  // ---- the manifest
  let manifest: Manifest | undefined;
  if (o.manifest) {
    try {
      manifest = await readManifest(o.manifest);
    } catch (e) {
      if (e instanceof ManifestError) return fail(e.message);
      await pool.destroy();
      throw e;
    }
    for (const w of manifest.warnings.slice(0, 20)) err(`清单：${w}`);
    if (manifest.warnings.length > 20) err(`清单：另有 ${manifest.warnings.length - 20} 条提示，见 results.json。`);
  }
  const items = manifest?.items ?? [];

  // ---- profile (deadline months, due-soon days)
  let profile = DEFAULT_PROFILE;
  try {
    const loaded = o.configPath ? readConfig(o.configPath) : findConfig(manifest ? dirname(manifest.path) : cwd);
    profile = { ...DEFAULT_PROFILE, ...loaded.config.profile } as typeof DEFAULT_PROFILE;
  } catch (e) {
    if (e instanceof ConfigError) return fail(e.message);
    await pool.destroy();
    throw e;
  }

  // suggestion files the manifest names, and the manifest itself, are not drafts
  const exclude = new Set(items.map((i) => i.suggestionFile).filter((f): f is string => !!f).map((f) => resolve(f)));
  if (manifest) exclude.add(manifest.path);
  const files = candidates.filter((f) => !exclude.has(f));
  if (!files.length && !items.length) return fail('没有找到可检查的答复稿（.docx、.txt、.md）。');

  const matcher = manifest ? new Matcher(items) : undefined;
  const plan: Planned[] = files.map((f) => (matcher ? matcher.byName(f) : {}));
  const display = (p: string) => { const rel = relative(cwd, p); return rel && !rel.startsWith('..') ? rel : p; };

  // ---- output, cache, interruption
  let tmp: string;
  try {
    mkdirSync(reportDir, { recursive: true });
    removeStaleTemp(reportDir);
    tmp = mkdtempSync(join(reportDir, `.dafu-report-${process.pid}-`));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? '没有写入权限' : code === 'ENOTDIR' || code === 'EEXIST' ? '路径中有同名的文件' : code === 'ENOSPC' ? '磁盘空间不足' : (e as Error).message;
    return fail(`无法在“${o.report}”写入报告（${why}）。请换一个目录。`);
  }
  const spool = Spool.create<DraftRecord>(join(tmp, 'drafts.jsonl'), files.length);
  const cache = cachePath ? new BatchCache(cachePath) : undefined;
  // cache keys of this run by draft index (the results themselves are read back from the spool)
  const fresh = new Map<number, string>();
  let cacheHits = 0;

  const bar = process.stderr.isTTY && !o.quiet && files.length > 1
    ? new cliProgress.SingleBar({ format: '检查答复稿 {bar} {value}/{total}（{percentage}%）剩余约 {eta_formatted}', stream: process.stderr, hideCursor: true, clearOnComplete: true, barsize: 30, etaBuffer: 40, fps: 8 }, cliProgress.Presets.shades_classic)
    : undefined;

  // the main thread's memory, sampled while results stream in (it should not grow with the batch)
  let recorded = 0;
  const peak = { heapMB: 0, rssMB: 0 };
  const sampleMemory = () => {
    const m = process.memoryUsage();
    peak.heapMB = Math.max(peak.heapMB, m.heapUsed / 1048576);
    peak.rssMB = Math.max(peak.rssMB, m.rss / 1048576);
  };

  let finalizing = false;
  let interruptedWith: number | undefined;
  const cleanupAndExit = (code: number) => {
    bar?.stop();
    spool.close();
    cache?.close();
    rmSync(tmp, { recursive: true, force: true });
    err('已中断：报告未写入（没有留下不完整的文件）。');
    process.exit(code);
  };
  const onSignal = (code: number) => () => {
    if (finalizing) { interruptedWith = code; return; } // renames take microseconds: finish them
    void pool.destroy();
    cleanupAndExit(code);
  };
  const onInt = onSignal(130), onTerm = onSignal(143);
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);

  try {
    // ---- check
    const jobFor = (i: number, match: Match | undefined): JobMessage => {
      const path = files[i];
      const it = match ? items[match.item] : undefined;
      const job: JobMessage = { id: i, path, display: display(path) };
      if (it && match) {
        job.manifest = itemContext(it, match.role as CaseRole, match.unit === UNKNOWN_UNIT ? undefined : match.unit);
        if (it.suggestionFile && !it.suggestion) job.suggestionFile = it.suggestionFile;
      }
      const cachedKey = noCache.has(i) ? undefined : cache?.key(path);
      if (cachedKey) job.cachedKey = cachedKey;
      return job;
    };
    // checked again in a second round: drafts placed by their text, and cache entries that could not be read
    const again = new Map<number, Match | undefined>();
    const noCache = new Set<number>();
    const record = (out: Outcome, match: Match | undefined, reason: string | undefined) => {
      const i = out.job.id;
      // the result as JSON text (a fresh one arrives as text and is spooled as it is), and the two fields read here
      let resultJson: string;
      let role: string | null = null;
      let failed = true;
      let stated: CacheEntry['stated'];
      let cached = false;
      if (out.failure) resultJson = JSON.stringify(emptyResult(out.job.display, out.failure.code, out.failure.message));
      else if (out.reply?.internalError) resultJson = JSON.stringify(emptyResult(out.job.display, 'E_INTERNAL', `检查 ${out.job.display} 时出现内部错误（${out.reply.internalError}），已跳过该文件，其余文件照常检查。请把该文件反馈给维护者。`));
      else if (out.reply?.cached) {
        const c = cache?.get(out.job.path);
        if (!c) { noCache.add(i); again.set(i, match); return; }
        resultJson = JSON.stringify(c.result); role = c.result.role; failed = !!c.result.error; stated = c.stated; cached = true; cacheHits++;
      } else {
        resultJson = out.reply!.resultJson!; role = out.reply!.role ?? null; failed = !!out.reply!.failed;
        stated = out.reply!.stated;
      }
      if (cachePath && out.reply?.key) fresh.set(i, out.reply.key);
      // a draft the file name could not place: what does its text say?
      if (!match && matcher && !failed && stated?.number && !again.has(i)) {
        const m = matcher.byText(files[i], stated);
        if (m) again.set(i, m);
      }
      const unit = match ? match.unit : manifest ? UNMATCHED_UNIT : stated?.unit ?? NO_UNIT;
      if (!spool.has(i)) bar?.increment(); // a draft checked again (placed by its text) counts once
      const head: Omit<DraftRecord, 'result'> = {
        index: i, path: files[i], item: match ? match.item : null, unit, role: match ? match.role : role,
        matchedBy: match ? match.by : null, ...(match ? {} : { unmatchedReason: reason ?? (manifest ? '未与清单对应。' : '未提供清单。') }),
        cached, ms: Math.round((out.reply?.ms ?? 0) * 10) / 10, ...(stated ? { stated } : {}),
      };
      // (the record's JSON with the result's text as its last field: the result is not parsed and stringified again)
      spool.putJson(i, `${JSON.stringify(head).slice(0, -1)},"result":${resultJson}}`);
      if (++recorded % 25 === 0) sampleMemory();
    };
    const checkStart = performance.now();
    bar?.start(files.length, 0);
    if (files.length) {
      await pool.run((function* () { for (let i = 0; i < files.length; i++) yield jobFor(i, plan[i].match); })(), (out) => record(out, plan[out.job.id].match, plan[out.job.id].reason));
      for (let round = 0; again.size && round < 3; round++) {
        // matched by the number in their text: check again with the item's case context
        const round2 = new Map(again);
        again.clear();
        await pool.run([...round2.entries()].map(([i, m]) => jobFor(i, m)), (out) => record(out, round2.get(out.job.id), plan[out.job.id].reason));
      }
    }
    bar?.stop();
    const checkSeconds = (performance.now() - checkStart) / 1000;
    const cpuCheck = process.cpuUsage(); // process-wide: the main thread and every worker

    // ---- aggregate (one streaming pass over the spool)
    const ruleById = new Map(pool.rules.map((r) => [r.id, r]));
    const agg = new Aggregator(items, {
      manifest: !!manifest, today, replyMonths: profile.replyMonths ?? 3, dueSoonDays: profile.dueSoonDays ?? 15,
      ruleInfo: (id) => ({ description: ruleById.get(id)?.description ?? id, category: ruleById.get(id)?.category ?? '' }),
    });
    const byUnit = new Map<string, number[]>();
    // drill-down order within a unit: unreadable, high, medium, low risk; then by item number
    const rank = new Int8Array(files.length);
    const itemNo = new Float64Array(files.length);
    for (const [i, rec] of spool.entries()) {
      agg.add(rec);
      const list = byUnit.get(rec.unit) ?? [];
      list.push(i);
      byUnit.set(rec.unit, list);
      rank[i] = rec.result.error ? 0 : rec.result.risk === 'high' ? 1 : rec.result.risk === 'medium' ? 2 : 3;
      const num = rec.item !== null ? Number(items[rec.item].numberKey) : NaN;
      itemNo[i] = Number.isFinite(num) ? num : Number.MAX_SAFE_INTEGER;
    }
    for (const list of byUnit.values()) list.sort((a, b) => rank[a] - rank[b] || itemNo[a] - itemNo[b] || a - b);
    const summary = agg.finish();
    sampleMemory();
    const seconds = (performance.now() - started) / 1000;
    const meta = {
      generated: new Date().toLocaleString('zh-CN', { hour12: false }), today, manifest: manifest ? basename(manifest.path) : null,
      version: o.version, packVersion, jobs, seconds,
    };

    // ---- reports, into the temp folder: report.xlsx and report.html by the idle workers, at the
    // same time as results.json here (each as long as the other two together on 600 drafts)
    const task = (report: ReportTask['report']): ReportTask => ({ type: 'report', report, path: join(tmp, `report.${report}`), spool: spool.index(), summary, meta, items, byUnit: [...byUnit] });
    const tasks = [task('xlsx'), task('html')];
    const onWorkers = tasks.slice(0, pool.idle);
    // (caught at once so a failure is not unhandled while results.json is written; rethrown below)
    const written = pool.runTasks(onWorkers).then(() => undefined, (e: Error) => e);
    writeResultsJson(join(tmp, 'results.json'), summary, {
      tool: { name: 'dafu', version: o.version },
      batch: {
        today, generated: new Date().toISOString(), inputs, reportDir: display(reportDir), jobs, packVersion,
        manifest: manifest ? { file: display(manifest.path), sheet: manifest.sheet ?? null, encoding: manifest.encoding ?? null, columns: manifest.columns, items: items.length, warnings: manifest.warnings } : null,
        timing: {
          seconds: round(seconds), checkSeconds: round(checkSeconds), draftsPerSecond: checkSeconds > 0 ? round(files.length / checkSeconds) : null,
          cpuSecondsToChecked: round((cpuCheck.user + cpuCheck.system) / 1e6), cpuSeconds: round((process.cpuUsage().user + process.cpuUsage().system) / 1e6),
        },
        memory: { mainPeakHeapMB: round(peak.heapMB), mainPeakRssMB: round(peak.rssMB) },
        cache: { enabled: !!cachePath, location: cachePath ? display(cachePath) : null, hits: cacheHits, misses: cachePath ? files.length - cacheHits : null },
        missingInputs: missing,
      },
    }, spool.values(), items);
    for (const t of tasks.slice(onWorkers.length)) writeReport(t);
    const failed = await written;
    if (failed) throw failed;
    await pool.destroy();

    // ---- into place
    finalizing = true;
    for (const f of REPORT_FILES) renameSync(join(tmp, f), join(reportDir, f));
    if (cachePath) {
      cache?.close();
      writeCache(cachePath, (function* () {
        for (const [i, rec] of spool.entries((i) => fresh.has(i))) yield [files[i], { key: fresh.get(i)!, result: rec.result, ...(rec.stated ? { stated: rec.stated } : {}) }] as [string, CacheEntry];
      })());
    }
    spool.close();
    rmSync(tmp, { recursive: true, force: true });
    finalizing = false;
    if (interruptedWith !== undefined) { err('已中断（报告已完整写入）。'); return interruptedWith; }

    // ---- what the terminal shows
    if (!o.quiet) process.stdout.write(textSummary(summary, reportDir, display, seconds, cacheHits, !!cachePath));
    const t = summary.totals;
    return t.unreadable > 0 || missing.length > 0 ? 2 : t.findings.error > 0 ? 1 : 0;
  } catch (e) {
    await pool.destroy();
    spool.close();
    cache?.close();
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}

const round = (v: number) => Math.round(v * 100) / 100;

/** Temp folders left by a run that was killed outright (its process is gone) are removed. */
function removeStaleTemp(reportDir: string): void {
  for (const name of readdirSync(reportDir)) {
    const m = name.match(/^\.dafu-report-(\d+)-/);
    if (!m || Number(m[1]) === process.pid) continue;
    let alive = true;
    try { process.kill(Number(m[1]), 0); } catch (e) { alive = (e as NodeJS.ErrnoException).code === 'EPERM'; }
    if (!alive) rmSync(join(reportDir, name), { recursive: true, force: true });
  }
}

/** results.json: the check JSON (`tool`, `results`) plus the batch summary, streamed draft by draft. */
function writeResultsJson(path: string, s: BatchSummary, head: Record<string, unknown>, drafts: Iterable<DraftRecord>, items: Manifest['items']): void {
  const fd = openSync(path, 'w');
  const w = (text: string) => { const b = Buffer.from(text, 'utf8'); let off = 0; while (off < b.length) off += writeSync(fd, b, off); };
  try {
    const top = { ...head, totals: s.totals, units: s.units, topRules: s.topRules, deadlines: s.deadlines, unmatchedDrafts: s.unmatchedDrafts, itemsWithoutDraft: s.itemsWithoutDraft, duplicates: s.duplicates };
    const text = JSON.stringify(top, null, 2);
    w(text.slice(0, text.lastIndexOf('}')).replace(/\s*$/, '') + ',\n  "results": [');
    let first = true;
    for (const d of drafts) {
      const it = d.item !== null ? items[d.item] : undefined;
      const out = {
        ...d.result,
        item: it ? { row: it.row, number: it.number ?? null, kind: it.kind ?? null, title: it.title ?? null, unit: it.unit ?? null, deadline: it.deadline ?? null } : null,
        unit: d.unit, matchedBy: d.matchedBy, ...(d.unmatchedReason ? { unmatchedReason: d.unmatchedReason } : {}), cached: d.cached,
      };
      w(`${first ? '' : ','}\n    ${JSON.stringify(out)}`);
      first = false;
    }
    w('\n  ]\n}\n');
  } finally {
    closeSync(fd);
  }
}

function textSummary(s: BatchSummary, reportDir: string, display: (p: string) => string, seconds: number, hits: number, cached: boolean): string {
  const t = s.totals;
  const lines: string[] = [];
  lines.push(`共 ${t.items} 件，答复稿 ${t.drafts} 份（已检查 ${t.checked}，无法检查 ${t.unreadable}），发现问题 ${t.findings.total} 个（错误 ${t.findings.error}，警告 ${t.findings.warning}，提示 ${t.findings.info}），预计退办 ${t.returnRatio}。`);
  if (t.overdue || t.dueSoon) lines.push(`截至 ${s.today}：已逾期 ${t.overdue} 件，临近期限 ${t.dueSoon} 件。`);
  if (t.unmatchedDrafts) lines.push(`有 ${t.unmatchedDrafts} 份答复稿未能与清单对应；`.replace(/；$/, '。'));
  if (t.itemsWithoutDraft) lines.push(`清单中有 ${t.itemsWithoutDraft} 件没有答复稿。`);
  lines.push('');
  const rows = s.units.map((u) => [u.unit, String(u.items), String(u.drafts), String(u.unreadable), String(u.findings.total), u.returnRatio, String(u.overdue), String(u.dueSoon)]);
  const head = ['单位', '件数', '答复稿', '无法检查', '问题', '预计退办', '逾期', '临期'];
  const width = (str: string) => [...str].reduce((w, ch) => w + (/[\u2E80-\uFFFF]/.test(ch) ? 2 : 1), 0);
  const cols = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c + ' '.repeat(cols[i] - width(c)) : ' '.repeat(cols[i] - width(c)) + c)).join('  ');
  lines.push(fmt(head), ...rows.map(fmt), '');
  lines.push(`报告已写入 ${display(reportDir)}：${REPORT_FILES.join('、')}（用时 ${seconds.toFixed(1)} 秒${cached ? `，缓存命中 ${hits} 份` : ''}）。`);
  return lines.join('\n') + '\n';
}
