/**
 * `dafu check` without --report: each file is checked in a worker thread of the batch pool, under
 * the same per-file time limit (--file-timeout, 30 s by default), so one hostile file cannot hang
 * a pre-submit check. A file that is stopped or kills its worker gets its own error (E_TIMEOUT,
 * E_CRASH) and the other files are checked as usual.
 */
import type { FileResult } from '../check.js';
import { displayName, failedResult } from '../result.js';
import { Pool, type Outcome } from './pool.js';
import type { JobMessage, WorkerInit } from './protocol.js';

export interface WorkerCheckOptions {
  init: WorkerInit;
  /** per-file time limit */
  timeoutMs: number;
}

/**
 * The worker's heap: a check of the largest input (20 MB) holds under 100 MB on the JS heap, and
 * with these limits the whole process stays under 300 MB (a file that needs more is stopped
 * with E_CRASH, “内存不足”, rather than taking the machine's memory).
 */
const HEAP = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 16 };

export class WorkerChecker {
  private pool: Pool;

  constructor(private opts: WorkerCheckOptions) {
    // one worker: files one after another, as the command always checked them (and one file's
    // peak memory at a time)
    this.pool = new Pool({ size: 1, init: { ...opts.init, listWarnings: true }, timeoutMs: opts.timeoutMs, ...HEAP });
    // started before there is work: the caller collects its files meanwhile
    this.pool.start();
  }

  /** Checks the files, in their order; `stdin` is the text for the path '-'. */
  async check(files: string[], o: { stdin?: () => string; withSource?: boolean; baseline?: boolean } = {}): Promise<FileResult[]> {
    const results: FileResult[] = new Array(files.length);
    const jobs = files.map((path, id): JobMessage => ({
      id, path, display: displayName(path, this.opts.init.cwd), full: true,
      ...(o.withSource ? { withSource: true } : {}), ...(o.baseline ? { baseline: true } : {}),
      ...(path === '-' && o.stdin ? { stdin: o.stdin() } : {}),
    }));
    await this.pool.run(jobs, (out: Outcome) => { results[out.job.id] = resultOf(out); });
    return results;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

function resultOf(out: Outcome): FileResult {
  const { job, reply, failure } = out;
  if (failure) return failedResult(job.display, failure);
  if (reply?.internalError || !reply?.file) {
    return failedResult(job.display, { code: 'E_INTERNAL', message: `检查 ${job.display} 时出现内部错误（${reply?.internalError ?? '没有结果'}），已跳过该文件，其余文件照常检查。请把该文件反馈给维护者。` });
  }
  return reply.file;
}
