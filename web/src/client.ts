/**
 * Talks to the checking worker. The worker is started from a blob: URL of the bundle inlined in
 * the page (Chromium refuses worker scripts from file:// URLs). Where no Worker can start (a
 * browser policy), the same bundle runs in the page's thread, answering after a timeout so the
 * page can paint its progress first.
 */
import type { Reply, Request, Stage } from './protocol';

type Handle = (req: Request, post: (r: Reply) => void) => Promise<void>;

export class WorkerClient {
  private worker: Worker | null = null;
  private inline: Handle | null = null;
  private nextId = 1;
  private pending = new Map<number, (r: Reply) => void>();

  constructor(private readonly source: string, private readonly on: { onReady(): void; onProgress(s: Stage | null): void }) {
    this.start();
  }

  private start(): void {
    try {
      const url = URL.createObjectURL(new Blob([this.source], { type: 'text/javascript' }));
      const w = new Worker(url);
      let ready = false;
      w.onmessage = (e: MessageEvent<Reply>) => {
        if (e.data.type === 'ready') { ready = true; URL.revokeObjectURL(url); document.body.dataset.worker = 'worker'; }
        this.receive(e.data);
      };
      w.onerror = (e) => {
        e.preventDefault();
        console.warn('[dafu] worker error', e.message, e.filename, e.lineno);
        if (!ready) { w.terminate(); this.worker = null; this.runInline(); return; }
        // a crash while checking (out of memory): the pending requests fail, a fresh worker starts
        this.failAll('检查时浏览器出错或内存不足，未能完成。请确认文件是否正确，或拆分后再检查。');
        w.terminate();
        this.start();
      };
      this.worker = w;
    } catch {
      this.runInline();
    }
  }

  private runInline(): void {
    if (this.inline) return;
    const script = document.createElement('script');
    script.textContent = this.source;
    document.head.append(script);
    this.inline = (globalThis as unknown as { dafuWorker?: { handle: Handle } }).dafuWorker?.handle ?? null;
    document.body.dataset.worker = 'inline';
    this.on.onReady();
  }

  private receive(r: Reply): void {
    if (r.type === 'ready') { this.on.onReady(); return; }
    if (r.type === 'progress') { this.on.onProgress(r.stage); return; }
    const done = this.pending.get(r.id);
    this.pending.delete(r.id);
    done?.(r);
  }

  private failAll(message: string): void {
    for (const [id, done] of this.pending) done({ type: 'failed', id, error: { code: 'E_INTERNAL', message } });
    this.pending.clear();
  }

  /** Sends a request; resolves with its answer ('checked', 'file' or 'failed'). */
  request(req: Request, transfer: Transferable[] = []): Promise<Reply> {
    const id = this.nextId++;
    const msg = { ...req, id } as Request;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      if (this.worker) { this.worker.postMessage(msg, transfer); return; }
      const handle = this.inline;
      if (!handle) { this.failAll('无法启动检查程序（浏览器禁止了本页的脚本），请换用新版 Chrome、Edge 或 Firefox。'); return; }
      // (let the page paint "正在检查…" before the thread is busy)
      setTimeout(() => { void handle(msg, (r) => this.receive(r)); }, 30);
    });
  }

  /** Stops a running check: the worker is ended and a fresh one started. */
  cancel(): void {
    this.failAll('已取消检查。');
    if (!this.worker) return;
    this.worker.terminate();
    this.worker = null;
    this.start();
  }
}
