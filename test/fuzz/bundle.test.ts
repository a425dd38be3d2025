/**
 * Issue 8: results are identical between the CLI and the core as bundled for the browser. The
 * same drafts (corpus drafts, mutated ones, a .docx, GB18030 and UTF-16 files, hostile files)
 * go through the real `dafu check --format json` process and through the esbuild browser bundle
 * imported into Node; the messages and input errors must match field for field.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, test } from 'vitest';
import { dafu, json, tempDir } from '../helpers/cli.js';
import { goodReplyDocx, hostileFiles } from '../hostile/corpus.js';
import { browserCore, type BrowserCore } from './browser-bundle.js';
import { corpusDrafts, mutatedDraft } from './drafts.js';

const TODAY = '2025-05-20';

interface Shape { ruleId: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number; excerpt: string }
const shape = (m: Shape) => `${m.ruleId}|${m.severity}|${m.line}:${m.column}-${m.endLine}:${m.endColumn}|${m.excerpt}|${m.message}`;

let core: BrowserCore;
let bundleBytes = 0;
beforeAll(async () => {
  const b = await browserCore();
  core = b.core;
  bundleBytes = b.bytes;
});

function viaBundle(bytes: Uint8Array, name: string): { error: string | null; messages: string[]; score: number | null; risk: string | null } {
  try {
    const r = core.createChecker().check({ bytes, name, context: [{ source: 'flag', value: { today: TODAY } }] });
    return { error: null, messages: r.messages.map(shape), score: r.score, risk: r.risk };
  } catch (e) {
    if (core.isInputError(e)) return { error: e.code, messages: [], score: null, risk: null };
    throw e;
  }
}

describe('CLI and the browser bundle agree', () => {
  test('the bundle builds for the browser without Node built-ins and runs in Node', () => {
    expect(bundleBytes).toBeGreaterThan(50_000);
    expect(typeof core.createChecker).toBe('function');
  });

  test('on corpus drafts, mutated drafts, encodings, a .docx and hostile files', async () => {
    const dir = tempDir('dafu-bundle-cmp-');
    const files: Array<[string, Uint8Array]> = [];
    corpusDrafts.slice(0, 24).forEach((d, i) => files.push([`corpus-${String(i).padStart(2, '0')}.txt`, new TextEncoder().encode(d)]));
    fc.sample(mutatedDraft, { numRuns: 12, seed: 8 }).forEach((d, i) => files.push([`mutated-${String(i).padStart(2, '0')}.txt`, new TextEncoder().encode(d)]));
    files.push(['gb18030.txt', iconv.encode(corpusDrafts[1], 'gb18030')]);
    files.push(['utf16le.txt', iconv.encode('\uFEFF' + corpusDrafts[2], 'utf-16le')]);
    files.push(['reply.docx', await goodReplyDocx()]);
    const light = (await hostileFiles()).filter((f) => f.bytes.length < 1_000_000 && !/\.(doc|wps|xyz)$/.test(f.name) && !f.name.startsWith('bomb'));
    for (const f of light) files.push([f.name, f.bytes]);
    for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);

    const r = dafu(['check', dir, '--format', 'json', '--today', TODAY], { env: { PATH: '/nonexistent' } });
    const cli = new Map(json(r.stdout).results.map((x) => [x.file.split(/[\\/]/).pop()!, x]));
    for (const [name, bytes] of files) {
      const c = cli.get(name);
      expect(c, `${name} missing from the CLI report`).toBeDefined();
      const b = viaBundle(bytes, name);
      expect(b.error, name).toBe(c!.error?.code ?? null);
      expect(b.messages, name).toEqual(c!.messages.map(shape));
      expect(b.score, name).toBe(c!.score);
      expect(b.risk, name).toBe(c!.risk);
    }
  });
});
