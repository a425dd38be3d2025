import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { DafuConfig } from '@dafu/rules';
import { validateConfig } from '@dafu/core/config/validate.js';
import { ListFileError, resolveListFiles } from './lists/load.js';

export class ConfigError extends Error {}

/** Whether list warnings are printed: by the main thread, or by the one worker of a `dafu check` (not by a batch's many). */
let listWarnings = isMainThread;
export const printListWarnings = (on: boolean): void => { listWarnings = on; };

export interface LoadedConfig { path?: string; config: DafuConfig; baseline?: Set<string> }

const NAMES = ['dafu.config.json', '.dafurc.json', 'package.json'];
const cache = new Map<string, LoadedConfig>();

/** Reads and validates one config file; errors name the file and every bad key, in Chinese. */
export function readConfig(path: string): LoadedConfig {
  const abs = resolve(path);
  const hit = cache.get(abs);
  if (hit) return hit;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(abs, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : `不是有效的 JSON（${(e as Error).message}）`;
    throw new ConfigError(`配置文件 ${path} 无法读取：${why}。`);
  }
  if (abs.endsWith('package.json')) raw = (raw as { dafu?: unknown }).dafu ?? {};
  const result = validateConfig(raw);
  if (!result.valid) throw new ConfigError(`配置文件 ${path} 有错误：\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
  const config = withListFiles(result.config, abs, path);
  const loaded: LoadedConfig = { path: abs, config, ...(result.config.baseline ? { baseline: readBaseline(join(dirname(abs), result.config.baseline)) } : {}) };
  cache.set(abs, loaded);
  return loaded;
}

/** The config with the list files it names (lists.words/units/roster) read in, relative to it. */
function withListFiles(config: DafuConfig, abs: string, path: string): DafuConfig {
  if (!config.lists) return config;
  try {
    const { config: out, warnings } = resolveListFiles(config, dirname(abs));
    if (listWarnings) for (const w of warnings) process.stderr.write(`配置文件 ${path}：${w}\n`);
    return out;
  } catch (e) {
    if (e instanceof ListFileError) throw new ConfigError(`配置文件 ${path} 中的清单无法读取：${e.message}`);
    throw e;
  }
}

/** The nearest config above a file: dafu.config.json, .dafurc.json, or a package.json with a "dafu" key. */
export function findConfig(fromDir: string): LoadedConfig {
  // (a batch asks once per draft, mostly from the same few folders: each ask walked up to the root)
  const start = resolve(fromDir);
  const known = nearest.get(start);
  if (known) return known;
  const loaded = walkUp(start);
  nearest.set(start, loaded);
  return loaded;
}

/** The nearest config by the folder asked from, for this process. */
const nearest = new Map<string, LoadedConfig>();

function walkUp(start: string): LoadedConfig {
  let dir = start;
  for (;;) {
    for (const name of NAMES) {
      const candidate = join(dir, name);
      if (!existsSync(candidate)) continue;
      if (name === 'package.json') {
        try { if (!('dafu' in JSON.parse(readFileSync(candidate, 'utf8')))) continue; } catch { continue; }
      }
      return readConfig(candidate);
    }
    const parent = dirname(dir);
    if (parent === dir) return { config: {} };
    dir = parent;
  }
}

/** A baseline: accepted fingerprints, one per line or a JSON array. */
export function readBaseline(path: string): Set<string> {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch { throw new ConfigError(`基线文件 ${path} 不存在或无法读取。`); }
  const trimmed = text.trim();
  const list: unknown = trimmed.startsWith('[') ? JSON.parse(trimmed) : trimmed.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return new Set((list as string[]).map(String));
}
