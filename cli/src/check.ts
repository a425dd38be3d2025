import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { isInputError, type CaseContext, type CheckResult, type Engine, type Mode, createChecker, type DafuConfig } from '@dafu/rules';
import { ConfigError, findConfig, readConfig, type LoadedConfig } from './config.js';
import { convertOldWord } from './convert.js';
import { readSidecar } from './sidecar.js';
import { displayName } from './result.js';
import { failedResult, fileResult, tooLargeError, type FileResult } from './file-result.js';

export type { CoverageRow, FileResult } from './file-result.js';

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
        return { ...base, error: tooLargeError(display, size, opts.maxInputBytes) };
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
    return fileResult(display, result);
  } catch (e) {
    if (isInputError(e)) return { ...base, error: { code: e.code, message: e.message } };
    if (e instanceof ConfigError) return { ...base, error: { code: 'E_CONFIG', message: e.message } };
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EACCES' || (e as NodeJS.ErrnoException).code === 'EISDIR') {
      return { ...base, error: { code: 'E_READ', message: `无法读取 ${display}（${(e as NodeJS.ErrnoException).code === 'EACCES' ? '没有读取权限' : '文件不存在'}）。` } };
    }
    throw e;
  }
}
