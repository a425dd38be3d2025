/**
 * The unit's own config on the offline page: a dafu.config.json (the CLI's file, with word lists
 * written as entries) or the settings the browser extension exports, validated by the same
 * build-time-generated schema validator as the CLI and the extension, and kept in localStorage.
 */
import type { DafuConfig } from '@dafu/rules';
import { validateConfig } from '@dafu/core/config/validate.js';
import { checkerConfigFor, validateSettings } from '../../extension/utils/settings';

export interface StoredConfig { name: string; config: DafuConfig; savedAt: string }

const KEY = 'dafu.web.config';

/** Reads a config file's text: the config, or what is wrong with it (Chinese, one line each). */
export function parseConfig(text: string): { ok: true; config: DafuConfig; notes: string[] } | { ok: false; problems: string[] } {
  let data: unknown;
  try { data = JSON.parse(text.replace(/^\uFEFF/, '')); } catch (e) { return { ok: false, problems: [`不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`] }; }
  let config: unknown = data;
  // the extension's exported settings: its checker config is the same JSON as a config file
  if (isObj(data) && 'version' in data && ('sites' in data || 'checkerConfig' in data || 'ignored' in data)) {
    const s = validateSettings(data);
    if (!s.ok) return { ok: false, problems: s.problems };
    config = checkerConfigFor(s.settings);
  }
  const v = validateConfig(config);
  if (!v.valid) return { ok: false, problems: v.errors };
  const problems: string[] = [];
  for (const [k, list] of Object.entries(v.config.lists ?? {})) {
    const files = typeof list === 'string' ? [list] : (list as unknown[]).filter((x): x is string => typeof x === 'string');
    if (files.length) problems.push(`lists.${k} 写的是文件名（${files.join('、')}），网页不能读取其他文件：请先用命令行 dafu lists import 把清单导出为 .json，把其中的条目写进配置的 lists.${k}（浏览器扩展导出的设置已是条目）`);
  }
  if (problems.length) return { ok: false, problems };
  const notes: string[] = [];
  if (v.config.baseline) notes.push(`配置中的基线文件 ${v.config.baseline} 在网页中不使用。`);
  const { baseline: _, $schema: __, ...config2 } = v.config;
  return { ok: true, config: config2, notes };
}

export function loadStored(): StoredConfig | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as StoredConfig;
    return validateConfig(s.config).valid ? s : null;
  } catch {
    return null;
  }
}

/** Keeps the config for the next visit; false when the browser refuses storage (the config still applies now). */
export function store(s: StoredConfig | null): boolean {
  try {
    if (s) localStorage.setItem(KEY, JSON.stringify(s)); else localStorage.removeItem(KEY);
    return true;
  } catch {
    return false;
  }
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
