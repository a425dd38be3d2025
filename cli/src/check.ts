import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { isInputError, type CaseContext, type CheckResult, type DafuMessage, type Engine, type Mode, type Risk, createChecker, type DafuConfig } from '@dafu/rules';
import { ConfigError, findConfig, readConfig, type LoadedConfig } from './config.js';
import { convertOldWord } from './convert.js';
import { readSidecar } from './sidecar.js';
import { displayName, failedResult } from './result.js';

export interface FileResult {
  file: string;
  kind: string | null;
  role: string | null;
  class: string | null;
  mode: Mode | null;
  error: null | { code: string; message: string };
  messages: DafuMessage[];
  /** every finding by severity, those not listed included */
  counts: { error: number; warning: number; info: number };
  /** findings not listed, by rule id (a rule lists its first 20 per file, then one message for the rest) */
  omitted: Record<string, number>;
  score: number | null;
  risk: Risk | null;
  notes: string[];
  /** how the reply answers each ask of the suggestion (only when the suggestion text is known) */
  coverage?: CoverageRow[];
  /** kept for --fix: the checked text and how it was decoded */
  source?: { text: string; encoding?: string; format: string };
}

/** One ask of the suggestion and where and how the reply answers it. */
export interface CoverageRow {
  index: number;
  /** the ask, short */
  ask: string;
  /** the ask as written in the suggestion */
  text: string;
  status: 'answered' | 'weak' | 'missing';
  score: number;
  /** lines (paragraph numbers for .docx) of the reply that answer it, best first */
  paragraphs: number[];
  stance: null | { kind: string; phrase: string; measures: boolean; reason: boolean };
}

const coverageRows = (c: CheckResult['coverage']): CoverageRow[] | undefined =>
  c?.asks.map((a) => ({ index: a.ask.index, ask: a.ask.head, text: a.ask.text, status: a.status, score: a.score, paragraphs: a.lines, stance: a.stance ? { ...a.stance } : null }));

export interface CheckOptions {
  configPath?: string;
  presets?: string[];
  mode?: Mode;
  context: CaseContext;
  /** the case as a batch manifest row describes it (context source 'manifest', below flags and sidecar) */
  manifest?: CaseContext;
  stdin?: () => string;
  /** accepted fingerprints from --baseline (over the config's baseline) */
  baseline?: Set<string>;
  maxInputBytes: number;
  cwd: string;
}

const engines = new Map<string, Engine>();

/** One engine per distinct config (the nearest config file, plus the command line's presets). */
function engineFor(loaded: LoadedConfig, presets: string[] | undefined, mode: Mode | undefined): Engine {
  const key = `${loaded.path ?? ''}|${presets?.join(',') ?? ''}|${mode ?? ''}`;
  let engine = engines.get(key);
  if (!engine) {
    const config: DafuConfig = { ...loaded.config, ...(presets?.length ? { preset: presets as DafuConfig['preset'] } : {}), ...(mode ? { mode } : {}) };
    engine = createChecker({ config });
    engines.set(key, engine);
  }
  return engine;
}

/** Checks one input; never throws for a bad input, which becomes the result's error. */
export function checkFile(path: string, opts: CheckOptions): FileResult {
  const display = displayName(path, opts.cwd);
  const base: FileResult = { ...failedResult(display, { code: '', message: '' }), error: null };
  try {
    const loaded = opts.configPath ? readConfig(opts.configPath) : findConfig(path === '-' ? opts.cwd : dirname(path));
    const engine = engineFor(loaded, opts.presets, opts.mode);
    const sidecar = path === '-' ? undefined : readSidecar(path);
    const context = [
      { source: 'flag' as const, value: opts.context },
      ...(sidecar ? [{ source: 'sidecar' as const, value: sidecar }] : []),
      ...(opts.manifest ? [{ source: 'manifest' as const, value: opts.manifest }] : []),
    ];
    let result: CheckResult;
    if (path === '-') {
      result = engine.check({ text: opts.stdin!(), name: '<stdin>', format: 'txt', context, baseline: opts.baseline ?? loaded.baseline });
    } else {
      const size = statSync(path).size;
      if (size > opts.maxInputBytes) {
        return { ...base, error: { code: 'E_TOO_LARGE', message: `${display} 有 ${(size / 1048576).toFixed(1)} MB，超过 ${(opts.maxInputBytes / 1048576).toFixed(0)} MB 的上限，不像是一份答复稿。请确认文件是否正确（图片较多时可另存为不含图片的副本再检查）。` } };
      }
      // a view of the file's bytes, not a copy (20 MB less at the peak for a 20 MB file)
      const file = readFileSync(path);
      const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
      try {
        result = engine.check({ bytes, name: display, context, baseline: opts.baseline ?? loaded.baseline });
      } catch (e) {
        if (!isInputError(e) || e.code !== 'E_OLD_WORD') throw e;
        const converted = convertOldWord(path);
        if (!converted) throw e;
        result = engine.check({ bytes: converted, name: display, format: 'docx', context, baseline: opts.baseline ?? loaded.baseline });
        result.document.notes = [...(result.document.notes ?? []), `${display} 是旧版 Word/WPS 文件，已用 LibreOffice 转换为 .docx 后检查（版式可能与原件略有差异）。`];
      }
    }
    const doc = result.document;
    return {
      ...base,
      kind: result.context.kind ?? null,
      role: result.context.role ?? null,
      class: result.context.class ?? null,
      mode: result.mode,
      messages: result.messages,
      counts: result.counts,
      omitted: result.omitted,
      score: result.score,
      risk: result.risk,
      notes: doc.notes ?? [],
      ...(result.coverage ? { coverage: coverageRows(result.coverage) } : {}),
      source: { text: doc.text, format: doc.source.format, ...(doc.source.encoding ? { encoding: doc.source.encoding } : {}) },
    };
  } catch (e) {
    if (isInputError(e)) return { ...base, error: { code: e.code, message: e.message } };
    if (e instanceof ConfigError) return { ...base, error: { code: 'E_CONFIG', message: e.message } };
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EACCES' || (e as NodeJS.ErrnoException).code === 'EISDIR') {
      return { ...base, error: { code: 'E_READ', message: `无法读取 ${display}（${(e as NodeJS.ErrnoException).code === 'EACCES' ? '没有读取权限' : '文件不存在'}）。` } };
    }
    throw e;
  }
}
