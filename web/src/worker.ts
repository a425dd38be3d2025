/**
 * The checking side of the offline page: the same engine, rule pack and result shape as `dafu
 * check`. It runs in a Worker (built from a blob URL of this bundle, since file:// pages may not
 * load worker scripts), so a large draft never blocks the page; where no Worker can start, the
 * page runs it in its own thread through `globalThis.dafuWorker`.
 */
import { annotateDocxReport, createChecker, isInputError, outlineText, parseDraft, type CaseContext, type DafuConfig, type Engine } from '@dafu/rules';
import { failedResult, fileResult, type FileResult } from 'dafu/dist/file-result.js';
import { outlineDocx, outlineOf } from 'dafu/dist/outline-doc.js';
import type { Input, Reply, Request } from './protocol';

type Post = (reply: Reply, transfer?: Transferable[]) => void;

let engine: { key: string; engine: Engine } | null = null;
/** the last check, for the 批注版 and the 答复提纲 asked for after it */
let last: { draft: Input; result: FileResult; suggestion?: string; context: CaseContext; config: DafuConfig } | null = null;

function engineFor(config: DafuConfig): Engine {
  const key = JSON.stringify(config);
  if (engine?.key !== key) engine = { key, engine: createChecker({ config }) };
  return engine.engine;
}

const errorOf = (e: unknown): { code: string; message: string } => {
  if (isInputError(e)) return { code: e.code, message: e.message };
  return { code: 'E_INTERNAL', message: `检查时出现内部错误（${e instanceof Error ? e.message : String(e)}），请把该文件反馈给维护者。` };
};

/** The suggestion's text, read as `dafu check --suggestion` and `dafu outline` read it. */
const suggestionText = (s: Input): string => ('text' in s ? s.text : parseDraft({ bytes: s.bytes, name: s.name }).text);

async function handle(req: Request, post: Post): Promise<void> {
  if (req.type === 'check') {
    post({ type: 'progress', id: req.id, stage: 'reading' });
    let suggestion: string | undefined;
    let suggestionError: { code: string; message: string } | undefined;
    if (req.suggestion) {
      try { suggestion = suggestionText(req.suggestion); } catch (e) { suggestionError = errorOf(e); }
    }
    const context: CaseContext = { ...req.context, ...(suggestion?.trim() ? { suggestion } : {}) };
    post({ type: 'progress', id: req.id, stage: 'checking' });
    let result: FileResult;
    try {
      const checker = engineFor(req.config);
      const sources = [{ source: 'flag' as const, value: context }];
      const r = 'text' in req.draft
        ? checker.check({ text: req.draft.text, name: req.draft.name, format: 'txt', context: sources })
        : checker.check({ bytes: req.draft.bytes, name: req.draft.name, context: sources });
      result = fileResult(req.draft.name, r);
    } catch (e) {
      result = failedResult(req.draft.name, errorOf(e));
    }
    last = { draft: req.draft, result, suggestion, context, config: req.config };
    const annotatable = !result.error && result.source?.format === 'docx';
    post({ type: 'checked', id: req.id, result, annotatable, outline: !!suggestion?.trim(), ...(suggestionError ? { suggestionError } : {}) });
    return;
  }
  if (!last) { post({ type: 'failed', id: req.id, error: { code: 'E_READ', message: '请先检查一份答复稿。' } }); return; }
  try {
    if (req.type === 'annotate') {
      post({ type: 'progress', id: req.id, stage: 'annotating' });
      const { draft, result } = last;
      if (!('bytes' in draft) || result.source?.format !== 'docx') throw new Error('not a .docx');
      const report = annotateDocxReport(draft.bytes, result.messages, { risk: result.risk ?? undefined, counts: result.counts, score: result.score }, { text: result.source.text });
      post({ type: 'file', id: req.id, bytes: report.bytes, name: draft.name.replace(/\.docx$/i, '') + '.dafu批注.docx', note: `${report.comments} 条批注` }, [report.bytes.buffer as ArrayBuffer]);
    } else {
      post({ type: 'progress', id: req.id, stage: 'outlining' });
      if (!last.suggestion?.trim()) throw new Error('no suggestion');
      const { suggestion: _, today: __, ...known } = last.context;
      const outline = outlineOf(last.suggestion, { ...known, ...(req.unit ? { unit: req.unit } : {}) }, last.config);
      if (req.format === 'docx') {
        const bytes = await outlineDocx(outline);
        post({ type: 'file', id: req.id, bytes, name: '答复提纲.docx' }, [bytes.buffer as ArrayBuffer]);
      } else {
        post({ type: 'file', id: req.id, bytes: outlineText(outline), name: '答复提纲.txt' });
      }
    }
  } catch (e) {
    post({ type: 'failed', id: req.id, error: isInputError(e) ? errorOf(e) : { code: 'E_INTERNAL', message: `无法生成文件（${e instanceof Error ? e.message : String(e)}）。` } });
  }
}

const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
if (inWorker) {
  const scope = globalThis as unknown as { postMessage(m: unknown, t?: Transferable[]): void; onmessage: ((e: MessageEvent<Request>) => void) | null };
  const post: Post = (m, t) => scope.postMessage(m, t ?? []);
  scope.onmessage = (e) => { void handle(e.data, post); };
  // build the rule pack now, while the user picks a file
  engineFor({});
  post({ type: 'ready' });
} else {
  (globalThis as unknown as { dafuWorker: { handle: typeof handle } }).dafuWorker = { handle };
}
