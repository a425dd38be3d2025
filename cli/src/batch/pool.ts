import { Worker } from 'node:worker_threads';
import type { JobMessage, ReplyMessage, RuleInfo, WorkerInit } from './protocol.js';

export type ResultReply = Extract<ReplyMessage, { type: 'result' }>;

export interface Outcome {
  job: JobMessage;
  reply?: ResultReply;
  /** the worker was stopped (time limit) or died (out of memory, crash) on this job */
  failure?: { code: 'E_TIMEOUT' | 'E_CRASH'; message: string };
}

export interface PoolOptions {
  size: number;
  init: WorkerInit;
  /** per-file time limit; the worker is terminated and replaced when it is exceeded */
  timeoutMs: number;
  /** heap limit of one worker, so one hostile file cannot take the whole process down */
  maxOldGenerationSizeMb?: number;
  /** young-generation limit of one worker (V8's default when not given) */
  maxYoungGenerationSizeMb?: number;
}

interface Slot {
  worker?: Worker;
  ready: boolean;
  job?: JobMessage;
  timer?: NodeJS.Timeout;
  /** a task it runs after the checking (runTasks) */
  task?: { resolve: () => void; reject: (e: Error) => void };
  /** we terminated it (time limit or shutdown): its exit is expected */
  retired: boolean;
  lastError?: Error;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * A fixed pool of worker threads, one job in flight per worker (so a file that hangs or kills
 * its worker is known exactly). Jobs are pulled lazily from an iterator; outcomes are handed
 * to `onDone` as they arrive.
 */
export class Pool {
  private slots: Slot[] = [];
  /** the rule pack's rules, as the first worker to load it reported them */
  rules: RuleInfo[] = [];
  private stopped = false;
  private startFailures = 0;
  private startError?: Error;
  private jobs?: Iterator<JobMessage>;
  private exhausted = false;
  private onDone!: (o: Outcome) => void;
  private resolveRun?: () => void;
  private rejectRun?: (e: Error) => void;

  constructor(private opts: PoolOptions) {}

  /** Starts the workers (they load the rule pack and warm up) before there is work for them. */
  start(): void {
    if (!this.slots.length) for (let i = 0; i < Math.max(1, this.opts.size); i++) this.slots.push(this.spawn({ ready: false, retired: false }));
  }

  run(jobs: Iterable<JobMessage>, onDone: (o: Outcome) => void): Promise<void> {
    this.jobs = jobs[Symbol.iterator]();
    this.exhausted = false;
    this.onDone = onDone;
    // (the workers, started before run, may have failed already)
    if (this.startError) return Promise.reject(this.startError);
    return new Promise<void>((resolve, reject) => {
      this.resolveRun = resolve;
      this.rejectRun = reject;
      this.start();
      for (const s of this.slots) if (s.ready && !s.job) this.dispatch(s);
      this.checkDone();
    });
  }

  private idleSlots(): Slot[] {
    return this.slots.filter((s) => s.worker && s.ready && !s.job && !s.task && !this.stopped);
  }

  /** Workers ready for a task now (one being replaced after a crash is not). */
  get idle(): number { return this.idleSlots().length; }

  /**
   * Runs the tasks at once, one on each idle worker (the reports, when the checking is done);
   * at most `idle` of them. Rejects with a task's error or a worker's death.
   */
  runTasks(tasks: unknown[]): Promise<void> {
    const slots = this.idleSlots();
    if (tasks.length > slots.length) return Promise.reject(new Error(`只有 ${slots.length} 个空闲的检查线程`));
    return Promise.all(tasks.map((task, k) => new Promise<void>((resolve, reject) => {
      slots[k].task = { resolve, reject };
      slots[k].worker!.postMessage(task);
    }))).then(() => undefined);
  }

  /** Stops every worker (Ctrl-C, or the end of the batch). */
  async destroy(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.slots.map((s) => {
      if (s.timer) clearTimeout(s.timer);
      s.retired = true;
      return s.worker?.terminate().catch(() => 0);
    }));
  }

  private spawn(slot: Slot): Slot {
    slot.ready = false;
    slot.retired = false;
    slot.lastError = undefined;
    const worker = new Worker(WORKER_URL, {
      workerData: this.opts.init,
      resourceLimits: { maxOldGenerationSizeMb: this.opts.maxOldGenerationSizeMb ?? 2048, ...(this.opts.maxYoungGenerationSizeMb ? { maxYoungGenerationSizeMb: this.opts.maxYoungGenerationSizeMb } : {}) },
      stdout: false,
      stderr: false,
    });
    slot.worker = worker;
    worker.on('message', (msg: ReplyMessage) => {
      if (slot.worker !== worker) return;
      if (msg.type === 'ready') {
        if (!this.rules.length) this.rules = msg.rules;
        slot.ready = true;
        this.startFailures = 0;
        this.dispatch(slot);
        return;
      }
      if (msg.type === 'written') {
        const task = slot.task;
        slot.task = undefined;
        if (msg.error) task?.reject(Object.assign(new Error(msg.error.message), msg.error.code ? { code: msg.error.code } : {}));
        else task?.resolve();
        return;
      }
      if (!slot.job || msg.id !== slot.job.id) return;
      if (slot.timer) clearTimeout(slot.timer);
      const job = slot.job;
      slot.job = undefined;
      this.onDone({ job, reply: msg });
      this.dispatch(slot);
    });
    worker.on('error', (e) => { if (slot.worker === worker) slot.lastError = e; });
    worker.on('exit', () => {
      if (slot.worker === worker && slot.task) {
        slot.task.reject(new Error(`写报告的线程异常退出（${slot.lastError?.message ?? '未知原因'}）`));
        slot.task = undefined;
      }
      if (slot.worker !== worker || slot.retired || this.stopped) return;
      // the worker died by itself: out of memory, or a crash in native code
      if (slot.timer) clearTimeout(slot.timer);
      const job = slot.job;
      slot.job = undefined;
      if (!slot.ready && !job) {
        if (++this.startFailures > 3) {
          this.stopped = true;
          this.startError = new Error(`检查进程无法启动：${slot.lastError?.message ?? '未知原因'}`);
          this.rejectRun?.(this.startError);
          return;
        }
      }
      if (job) {
        const oom = (slot.lastError as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
        this.onDone({ job, failure: { code: 'E_CRASH', message: `检查 ${job.display} 时${oom ? '内存不足' : `检查进程异常退出（${slot.lastError?.message ?? '未知原因'}）`}，文件可能过大或结构异常，已跳过该文件，其余文件照常检查。` } });
      }
      this.spawn(slot);
    });
    return slot;
  }

  private dispatch(slot: Slot): void {
    if (this.stopped || !slot.ready || slot.job || !this.jobs) return;
    const next = this.exhausted ? undefined : this.jobs!.next();
    if (!next || next.done) {
      this.exhausted = true;
      this.checkDone();
      return;
    }
    const job = next.value;
    slot.job = job;
    slot.timer = setTimeout(() => this.timeout(slot, job), this.opts.timeoutMs);
    slot.worker!.postMessage(job);
  }

  private timeout(slot: Slot, job: JobMessage): void {
    if (slot.job !== job || this.stopped) return;
    slot.job = undefined;
    slot.retired = true;
    const old = slot.worker!;
    void old.terminate().catch(() => 0);
    const secs = this.opts.timeoutMs / 1000;
    this.onDone({ job, failure: { code: 'E_TIMEOUT', message: `${job.display} 检查超过 ${secs >= 1 ? secs.toFixed(0) : secs.toFixed(1)} 秒仍未完成，已停止（文件可能过大或结构异常）。其余文件照常检查。` } });
    this.spawn(slot);
  }

  private checkDone(): void {
    if (!this.exhausted || this.stopped) return;
    if (this.slots.some((s) => s.job)) return;
    const resolve = this.resolveRun;
    this.resolveRun = undefined;
    resolve?.();
  }
}
