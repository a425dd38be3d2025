/**
 * Issue 8: broken and hostile input. Every file of the generated corpus (corpus.ts) must end in
 * its own error code with a Chinese message that says what to do — in the core (what the
 * extension runs) and in the CLI — and a folder of good drafts with the hostile files mixed in
 * must still report every good draft exactly as when it is checked alone. The CLI's peak memory
 * over the whole folder (bombs included) must stay under 300 MB: a memory bound, not a time bound.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, test } from 'vitest';
import { createChecker, isInputError } from '../../rules/src/index.js';
import { json, tempDir } from '../helpers/cli.js';
import { GOOD_LINES, goodReplyDocx, hostileFiles, writeCorpus, type HostileFile } from './corpus.js';
import { dafuMeasured } from './run.js';

const TODAY = '2025-05-20';
const MAX_RSS_MB = 300;
const files = await hostileFiles();
const checker = createChecker();

const CHINESE = /[\u4e00-\u9fff]/;

function coreOutcome(f: HostileFile): { code: string | null; message: string; notes: string[] } {
  try {
    const r = checker.check({ bytes: f.bytes, name: f.name, context: { today: TODAY } });
    return { code: null, message: '', notes: r.document.notes ?? [] };
  } catch (e) {
    if (isInputError(e)) return { code: e.code, message: e.message, notes: [] };
    throw e; // anything else is a crash: the test fails with its stack
  }
}

test('the corpus has at least 25 broken or hostile files, each with an expected outcome', () => {
  expect(files.filter((f) => f.code !== null).length).toBeGreaterThanOrEqual(25);
  expect(new Set(files.map((f) => f.name)).size).toBe(files.length);
  for (const f of files) expect(f.code === null || f.message instanceof RegExp).toBe(true);
});

describe('core: each hostile file gives its code and a message that says what to do', () => {
  test.each(files.map((f) => [f.name, f] as const))('%s', (_name, f) => {
    const got = coreOutcome(f);
    expect(got.code, `${f.name}（${f.what}）: ${got.message}`).toBe(f.code);
    if (f.code) {
      expect(got.message).toMatch(CHINESE);
      expect(got.message).toMatch(f.message!);
    } else if (f.note) {
      expect(got.notes.join('\n')).toMatch(f.note);
    }
  });
});

// ---------------------------------------------------------------------------------------------

interface Good { name: string; bytes: Uint8Array }

async function goodFiles(): Promise<Good[]> {
  const text = GOOD_LINES.join('\n').replace('联系人', '截止目前已完成改造12处。\n联系人');
  return [
    { name: 'good.docx', bytes: await goodReplyDocx() },
    { name: 'good-utf8.txt', bytes: new TextEncoder().encode(text) },
    { name: 'good-bom-crlf.txt', bytes: new TextEncoder().encode('\uFEFF' + text.replace(/\n/g, '\r\n')) },
    { name: 'good-gb18030.txt', bytes: iconv.encode(text + '\n生僻字𠀀在此。', 'gb18030') },
    { name: 'good-utf16le.txt', bytes: iconv.encode('\uFEFF' + text, 'utf-16le') },
    { name: 'good-utf16be-nobom.txt', bytes: iconv.encode(text, 'utf-16be') },
  ];
}

/** What matters of a message: the JSON contract's fields a user sees. */
const shape = (m: { ruleId: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number; excerpt: string }) =>
  `${m.ruleId}|${m.severity}|${m.line}:${m.column}-${m.endLine}:${m.endColumn}|${m.excerpt}|${m.message}`;

function coreShapes(g: Good): string[] {
  const r = checker.check({ bytes: g.bytes, name: g.name, context: [{ source: 'flag', value: { today: TODAY } }] });
  return r.messages.map(shape);
}

describe('CLI: a folder of good drafts with every hostile file mixed in', () => {
  let dir: string;
  let goods: Good[];
  beforeAll(async () => {
    dir = tempDir('dafu-hostile-');
    goods = await goodFiles();
    writeCorpus(dir, files);
    for (const g of goods) writeFileSync(join(dir, g.name), g.bytes);
  });

  test('one process: each hostile file its code and message, each good file its usual findings, peak memory < 300 MB', () => {
    const r = dafuMeasured(['check', dir, join(dir, 'draft.xyz'), '--format', 'json', '--today', TODAY]);
    expect(r.signal).toBeNull();
    expect(r.code, r.stderr).toBe(2); // unreadable files exit 2, the others are still reported
    const results = json(r.stdout).results as Array<ReturnType<typeof json>['results'][number] & { notes: string[] }>;
    const byName = new Map(results.map((x) => [x.file.split(/[\\/]/).pop()!, x]));
    for (const f of files) {
      const got = byName.get(f.name);
      expect(got, `${f.name} missing from the report`).toBeDefined();
      expect(got!.error?.code ?? null, `${f.name}: ${got!.error?.message}`).toBe(f.code);
      if (f.code) {
        expect(got!.error!.message).toMatch(CHINESE);
        expect(got!.error!.message).toMatch(f.cliMessage ?? f.message!);
      }
    }
    for (const g of goods) {
      const got = byName.get(g.name)!;
      expect(got.error, g.name).toBeNull();
      expect(got.messages.map(shape), g.name).toEqual(coreShapes(g));
      expect(got.messages.length).toBeGreaterThan(0);
    }
    expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB);
  });

  test('batch mode (worker pool, per-file time limit): no hostile file is stopped by the limit or crashes its worker', () => {
    // the slowest files (the two 50–80 MB inflating bombs, the 15–21 MB files) are left to the
    // single-process test above, to keep this one short; the rest go through the pool
    const slow = new Set(['bomb-lying.docx', 'bomb-total.docx', 'too-large.docx', 'too-large.txt', 'media-heavy.docx']);
    const sub = tempDir('dafu-hostile-batch-');
    const batchFiles = files.filter((f) => !slow.has(f.name) && f.name !== 'draft.xyz');
    writeCorpus(sub, batchFiles);
    for (const g of goods) writeFileSync(join(sub, g.name), g.bytes);
    const report = join(tempDir('dafu-hostile-report-'), 'out');
    const r = dafuMeasured(['check', sub, '--report', report, '--jobs', '2', '--file-timeout', '30', '--today', TODAY]);
    expect(r.signal).toBeNull();
    expect([1, 2]).toContain(r.code);
    const out = JSON.parse(readFileSync(join(report, 'results.json'), 'utf8'));
    const drafts: Array<{ file: string; error: null | { code: string; message: string }; messages: unknown[] }> = (out.drafts ?? out.results).map((d: { result?: unknown }) => d.result ?? d);
    const byName = new Map(drafts.map((d) => [d.file.split(/[\\/]/).pop()!, d]));
    for (const f of batchFiles) {
      const got = byName.get(f.name);
      expect(got, `${f.name} missing from results.json`).toBeDefined();
      expect(got!.error?.code ?? null, `${f.name}: ${got!.error?.message}`).toBe(f.code);
    }
    for (const g of goods) {
      const got = byName.get(g.name)!;
      expect(got.error, g.name).toBeNull();
      expect((got.messages as Parameters<typeof shape>[0][]).map(shape), g.name).toEqual(coreShapes(g));
    }
    expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB * 2); // two workers, each under the bound
  });
});
