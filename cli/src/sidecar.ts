import { existsSync, readFileSync } from 'node:fs';
import type { CaseContext } from '@dafu/rules';
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
  return out as CaseContext;
}
