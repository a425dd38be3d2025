import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isInputError, parseDraft, type CaseContext } from '@dafu/rules';
import { ConfigError } from './config.js';

/** `<draft>.case.json` (or `<draft-without-extension>.case.json`) beside the draft. */
export function sidecarPath(draft: string): string | undefined {
  const candidates = [`${draft}.case.json`, draft.replace(/\.[^./\\]+$/, '') + '.case.json'];
  return candidates.find((c) => existsSync(c));
}

const FIELDS = ['kind', 'role', 'number', 'session', 'proposer', 'title', 'suggestion', 'class', 'assigned', 'deadline', 'unit', 'coUnits', 'contactLog'];

export function readSidecar(draft: string): CaseContext | undefined {
  const path = sidecarPath(draft);
  if (!path) return undefined;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`案件信息文件 ${path} 不是有效的 JSON：${(e as Error).message}`);
  }
  const out: Record<string, unknown> = {};
  for (const k of FIELDS) if (raw[k] !== undefined && raw[k] !== null && raw[k] !== '') out[k] = raw[k];
  if (typeof out.proposer === 'string') out.proposer = (out.proposer as string).split(/[、，,]/).map((s) => s.trim()).filter(Boolean);
  if (out.number !== undefined) out.number = String(out.number);
  if (typeof out.suggestion === 'string') out.suggestion = suggestionText(out.suggestion, path);
  return out as CaseContext;
}

/**
 * `suggestion` is the suggestion's text, or a path to a .txt/.md/.docx file with it, relative to
 * the sidecar: a single line ending in such an extension, or naming an existing file.
 */
function suggestionText(value: string, sidecar: string): string {
  const v = value.trim();
  if (v.includes('\n') || v.length > 260) return value;
  const file = resolve(dirname(sidecar), v);
  const looksLikePath = /\.(?:txt|text|md|markdown|docx)$/iu.test(v);
  const exists = existsSync(file) && statSync(file).isFile();
  if (!exists) {
    if (looksLikePath) throw new ConfigError(`案件信息文件 ${sidecar} 的 suggestion 指向的文件 ${file} 不存在。`);
    return value;
  }
  try {
    return parseDraft({ bytes: new Uint8Array(readFileSync(file)), name: file }).text;
  } catch (e) {
    if (isInputError(e)) throw new ConfigError(`案件信息文件 ${sidecar} 的 suggestion 文件 ${file} 无法读取：${e.message}`);
    throw e;
  }
}
