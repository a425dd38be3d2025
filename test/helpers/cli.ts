import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'cli/bin/dafu.js');

/** Runs the real `dafu` command as a process (built by `npm test` before vitest starts). */
export function dafu(args: string[], opts: { cwd?: string; input?: string | Uint8Array; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const json = (stdout: string) => JSON.parse(stdout) as {
  tool: { name: string; version: string };
  results: Array<{ file: string; kind: string | null; role: string | null; class: string | null; mode: string | null; coverage?: unknown[]; error: null | { code: string; message: string }; messages: Array<{ ruleId: string; category: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number; excerpt: string; suggestions: unknown[] }>; counts: { error: number; warning: number; info: number }; score: number | null; risk: string | null }>;
};

export const tempDir = (prefix = 'dafu-test-') => mkdtempSync(join(tmpdir(), prefix));
