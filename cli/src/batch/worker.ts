/**
 * A batch worker thread: creates its checker once, then checks drafts by path, one job at a
 * time, and posts back the JSON-contract result (never the document text). A job whose cache
 * key matches the one the main thread holds is answered without checking.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createChecker, packVersion, rules, type CaseContext, type Mode } from '@dafu/rules';
import { annotateFile } from '../annotate.js';
import { checkFile, type FileResult } from '../check.js';
import { findConfig, printListWarnings, readConfig } from '../config.js';
import { jsonResult } from '../report/json.js';
import { sidecarPath } from '../sidecar.js';
import { statedInText } from './match.js';
import { tierUpLater } from './tier-up.js';
import type { JobMessage, ReplyMessage, WorkerInit } from './protocol.js';
import type { ReportTask } from './reports.js';

const init = workerData as WorkerInit;
if (init.listWarnings) printListWarnings(true);
const port = parentPort!;
// (made when first needed: every engine takes its own slots in the per-paragraph memo records,
// so one made up front doubled the records of the engine that checks)
let plainChecker: ReturnType<typeof createChecker> | undefined;
const plain = () => (plainChecker ??= createChecker());

// a batch's worker: many drafts follow
if (init.batch) tierUpLater();

const sha = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

function suggestionText(file: string): { text?: string; note?: string } {
  try {
    const r = plain().check({ bytes: new Uint8Array(readFileSync(file)), name: file });
    return { text: r.document.text };
  } catch (e) {
    return { note: `建议（提案）原文文件 ${file} 无法读取（${(e as Error).message}），本件未对照原文检查针对性。` };
  }
}

/** Content hash + config + case context + rule pack version; null when the file cannot be hashed. */
function cacheKey(path: string, manifest: CaseContext | undefined, suggestion: string | undefined): string | null {
  try {
    if (statSync(path).size > init.maxInputBytes) return null;
    const bytes = readFileSync(path);
    const loaded = init.configPath ? readConfig(init.configPath) : findConfig(dirname(path));
    const side = sidecarPath(path);
    const env = JSON.stringify({
      pack: packVersion, cli: init.version, config: loaded.config, baseline: loaded.baseline ? [...loaded.baseline].sort() : null,
      presets: init.presets ?? null, mode: init.mode ?? null, flags: init.flagContext, manifest: manifest ?? null,
      suggestion: suggestion ?? null, sidecar: side ? readFileSync(side, 'utf8') : null,
    });
    return `${sha(bytes)}:${sha(env)}`;
  } catch {
    return null;
  }
}

/** One file of `dafu check` (no --report): the whole result, as the command prints it. */
function checkOne(job: JobMessage): FileResult {
  const r = checkFile(job.path, {
    configPath: init.configPath, presets: init.presets, mode: init.mode as Mode | undefined, context: init.flagContext,
    cwd: init.cwd, maxInputBytes: init.maxInputBytes,
    ...(job.baseline && init.baseline ? { baseline: new Set(init.baseline) } : {}),
    ...(job.stdin !== undefined ? { stdin: () => job.stdin! } : {}),
  });
  if (job.withSource) return r;
  const { source: _, ...rest } = r;
  return rest;
}

/** A report, written when the checking is done (reports.ts): loaded only then. */
async function writeReportTask(task: ReportTask): Promise<void> {
  try {
    const { writeReport } = await import('./reports.js');
    writeReport(task);
    port.postMessage({ type: 'written' } satisfies ReplyMessage);
  } catch (e) {
    port.postMessage({ type: 'written', error: { message: (e as Error).message ?? String(e), code: (e as NodeJS.ErrnoException).code } } satisfies ReplyMessage);
  }
}

port.on('message', (msg: JobMessage | ReportTask) => {
  if ('type' in msg) return void writeReportTask(msg);
  const job = msg;
  const t0 = performance.now();
  let reply: ReplyMessage;
  try {
    if (job.full) {
      port.postMessage({ type: 'result', id: job.id, key: null, file: checkOne(job), ms: performance.now() - t0 } satisfies ReplyMessage);
      return;
    }
    let manifest = job.manifest;
    const notes: string[] = [];
    if (job.suggestionFile && !manifest?.suggestion) {
      const s = suggestionText(job.suggestionFile);
      if (s.text) manifest = { ...manifest, suggestion: s.text };
      if (s.note) notes.push(s.note);
    }
    const key = init.cache ? cacheKey(job.path, manifest, manifest?.suggestion) : null;
    if (key && job.cachedKey === key) {
      reply = { type: 'result', id: job.id, key, cached: true, ms: performance.now() - t0 };
    } else {
      const r = checkFile(job.path, {
        configPath: init.configPath, presets: init.presets, mode: init.mode as Mode | undefined,
        context: init.flagContext, manifest, cwd: init.cwd, maxInputBytes: init.maxInputBytes,
      });
      const stated = r.source ? statedInText(r.source.text) : {};
      if (init.annotate && r.source?.format === 'docx') {
        const a = annotateFile(job.path, r, { dir: init.annotate.dir, force: init.annotate.force, cwd: init.cwd });
        if (a.output) notes.push(`批注版：${a.output}`);
        else if (a.error ?? a.skipped) notes.push((a.error ?? a.skipped)!);
      }
      // (excerpts come capped from the core: a finding on a 5 MB line is still a short excerpt)
      const resultJson = JSON.stringify(jsonResult({ ...r, notes: [...r.notes, ...notes] }));
      // errors of readable files depend on their bytes only (empty, old Word, damaged zip): cacheable too
      reply = { type: 'result', id: job.id, key: r.error?.code === 'E_READ' ? null : key, resultJson, role: r.role, failed: !!r.error, stated, ms: performance.now() - t0 };
    }
  } catch (e) {
    // a bug in a rule or the reader must not stop the batch: this file's row says what happened
    reply = { type: 'result', id: job.id, key: null, ms: performance.now() - t0, internalError: `${(e as Error).message ?? String(e)}` };
  }
  port.postMessage(reply);
});

port.postMessage({ type: 'ready', rules: rules.map((r) => ({ id: r.id, description: r.description, category: r.category })) } satisfies ReplyMessage);
