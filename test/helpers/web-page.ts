/**
 * What the offline page's e2e tests share (test/e2e/web.test.ts for Chromium, web-firefox.test.ts
 * for Firefox): the built page (built when missing or older than its sources), the inputs they
 * check (a flawed .docx, a pasted text, a junk file, a suggestion and its reply, a config) and
 * the same inputs checked by the real `dafu check --format json` process, for comparison.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';
import { dafu, json, ROOT } from './cli';
import { makeReplyLetterDocx } from './reply-letter';

export const WEB_PAGE = join(ROOT, 'web/dist/dafu.html');
export const WEB_URL = pathToFileURL(WEB_PAGE).href;

function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  return st.isDirectory() ? Math.max(0, ...readdirSync(p).map((n) => newest(join(p, n)))) : st.mtimeMs;
}

/** Builds web/dist/dafu.html when it is missing or older than what it is made of. */
export function ensureWebBuilt(): void {
  const inputs = ['web/src', 'web/build.mjs', 'core/dist', 'rules/dist', 'cli/dist', 'extension/utils'].map((p) => join(ROOT, p));
  if (existsSync(WEB_PAGE) && statSync(WEB_PAGE).mtimeMs >= Math.max(...inputs.map(newest))) return;
  execFileSync(process.execPath, [join(ROOT, 'web/build.mjs')], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
}

/** The case entered on the page for the .docx, and the same as `dafu check` flags. */
export const DOCX_CASE = { kind: 'npc', role: 'host', class: 'A', proposer: '王某某', deadline: '2025-06-30', today: '2025-06-01' };
export const caseFlags = (c: Record<string, string>) => Object.entries(c).flatMap(([k, v]) => [`--${k}`, v]);

export interface WebInputs {
  dir: string;
  docx: string;
  pasted: string;
  junk: string;
  suggestion: string;
  reply: string;
  config: string;
}

/** Writes the inputs into `dir` (file names as the page shows them: the CLI runs in `dir`). */
export async function makeWebInputs(dir: string): Promise<WebInputs> {
  const docx = join(dir, '答复函-0137.docx');
  await makeReplyLetterDocx(docx);
  const junk = join(dir, '损坏的答复稿.docx');
  // bytes that are neither a zip nor text
  writeFileSync(junk, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  const pair = join(ROOT, 'test/eval/targeting-pairs/h01-night-clinic');
  const suggestion = join(dir, '建议原件.txt');
  const reply = join(dir, '夜间门诊答复.txt');
  copyFileSync(join(pair, 'suggestion.txt'), suggestion);
  copyFileSync(join(pair, 'reply.txt'), reply);
  const config = join(dir, '本单位配置.json');
  writeFileSync(config, JSON.stringify({ rules: { 'jiezhi-jiezhi': 'off' }, lists: { words: [{ wrong: '优化城区', right: '优化市区', note: '本单位统一写法' }] } }, null, 2));
  return { dir, docx, pasted: readFileSync(join(ROOT, 'examples/npc-host-flawed.txt'), 'utf8'), junk, suggestion, reply, config };
}

type Result = ReturnType<typeof json>['results'][number] & Record<string, unknown>;

/** `dafu check <file> --format json …` run in the file's folder; the one result without its `file`. */
export function cliResult(args: string[], o: { cwd: string; input?: string }): Omit<Result, 'file'> {
  const r = dafu(['check', ...args, '--format', 'json'], { cwd: o.cwd, input: o.input });
  if (!r.stdout) throw new Error(`dafu check ${args.join(' ')} printed nothing: ${r.stderr}`);
  const { file: _, ...rest } = json(r.stdout).results[0] as Result;
  return rest;
}

/** The page's result (window.dafuResult, the JSON of `dafu check --format json`) without its `file`. */
export function pageResult(results: unknown): Omit<Result, 'file'> {
  const { file: _, ...rest } = (results as { results: Result[] }).results[0];
  return rest;
}

/** The parts of a .docx with the comments' dates taken out (a 批注版 is stamped with the time it was made). */
export function docxParts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = strFromU8(data).replace(/\b(w:date|w16cex:dateUtc)="[^"]*"/g, '$1=""');
  return out;
}
