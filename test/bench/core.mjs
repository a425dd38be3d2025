/**
 * Core benchmarks (issue 8): latency, throughput, scaling, hostile-file memory, CLI start-up,
 * and the peers (autocorrect-node, zhlint) on the same generated text. Figures and ratios only:
 * nothing here asserts anything.
 *
 *   node test/bench/core.mjs [--quick]        (after npm run build; or via `npm run bench`)
 *
 *   import { benchCore, formatCoreBench } from './core.mjs';
 *
 * - latency: single drafts from the labelled corpus, .txt and .docx (generated from the same
 *   text), warm, p50/p95; .docx against mammoth.extractRawText on the same file (the cost of
 *   merely reading it);
 * - throughput: one document of 100 KB and 1 MB (corpus drafts joined) and a 5 MB single
 *   paragraph, in characters per second, against the floor of merely scanning the text once
 *   (a charCodeAt loop, and one regex pass: no Intl.Segmenter, no rules), and against the peers;
 * - scaling: 1, 1,000 and 10,000 drafts checked one after another in one process: time per draft
 *   and memory (heap after GC, RSS) as the count grows;
 * - hostile files: each file of the hostile corpus checked by the real CLI in its own process,
 *   peak RSS (the worst file is the figure to watch: the bound tested is 300 MB);
 * - large inputs (issue 14): one line of 5,000,000 characters and 20 MB of replies, each by the
 *   real CLI in its own process: peak RSS, wall time, JSON size and findings counted/listed;
 * - CLI start-up: `dafu --version` and `dafu check` of one small draft, wall time per process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const BIN = join(ROOT, 'cli/bin/dafu.js');
const PROBE = pathToFileURL(join(ROOT, 'test/hostile/maxrss.mjs')).href;
const require = createRequire(join(ROOT, 'package.json'));

const TODAY = '2025-05-20';
const now = () => performance.now();
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const median = (xs) => pct(xs, 50);
const mb = (bytes) => bytes / 1048576;

// gc() without --expose-gc
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

/** The TypeScript fixtures (hostile corpus, .docx builder) bundled to a temp .mjs with esbuild. */
async function fixtures() {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'dafu-bench-fixtures-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, `export * from ${JSON.stringify(join(ROOT, 'test/hostile/corpus.ts'))};\nexport { replyDocx } from ${JSON.stringify(join(ROOT, 'test/helpers/docx.ts'))};\n`);
  const out = join(dir, 'fixtures.mjs');
  await build({
    entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const mod = await import(pathToFileURL(out).href);
  return { mod, dir };
}

function corpusDrafts() {
  const dir = join(ROOT, 'test/corpus');
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** Time fn `runs` times (after `warm` untimed runs); returns the per-run milliseconds. */
function times(fn, runs, warm = 1) {
  for (let i = 0; i < warm; i++) fn(i);
  const out = [];
  for (let i = 0; i < runs; i++) { const t = now(); fn(i); out.push(now() - t); }
  return out;
}

/** One pass over the text: the floor. */
function scanFloor(text) {
  const loop = median(times(() => { let h = 0; for (let i = 0; i < text.length; i++) h = (h + text.charCodeAt(i)) | 0; return h; }, 5));
  const re = /[\u4e00-\u9fff]/g;
  const regex = median(times(() => { re.lastIndex = 0; let n = 0; while (re.exec(text)) n++; return n; }, 3));
  return { loopMs: loop, regexMs: regex };
}

function makeText(drafts, chars) {
  const clean = drafts.filter((d) => d.length > 300);
  let out = '', i = 0;
  while (out.length < chars) out += clean[i++ % clean.length] + '\n';
  return out.slice(0, chars);
}

async function peers(text) {
  const out = {};
  try {
    const ac = require('autocorrect-node');
    const ms = median(times(() => ac.lintFor(text, 'text.txt'), 3));
    out.autocorrect = { ms, charsPerSec: text.length / (ms / 1000) };
  } catch (e) { out.autocorrect = { error: String(e.message ?? e) }; }
  try {
    const { run } = await import('zhlint');
    const opts = { rules: { preset: 'default' } };
    const t = now(); run(text, opts); const first = now() - t;
    const ms = first > 20_000 ? first : median(times(() => run(text, opts), 2, 0));
    out.zhlint = { ms, charsPerSec: text.length / (ms / 1000) };
  } catch (e) { out.zhlint = { error: String(e.message ?? e) }; }
  return out;
}

function spawnP(args, opts = {}) {
  return new Promise((res) => {
    const t = now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', PATH: '/nonexistent' }, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeout ?? 120_000);
    child.on('close', (code, signal) => { clearTimeout(timer); res({ code, signal, stdout, stderr, ms: now() - t }); });
  });
}

async function pool(items, size, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => { while (next < items.length) { const i = next++; out[i] = await fn(items[i], i); } }));
  return out;
}

export async function benchCore(opts = {}) {
  const quick = !!opts.quick;
  const started = now();
  const { createChecker, parseDraft, withoutMemo } = await import(pathToFileURL(join(ROOT, 'rules/dist/index.js')).href);
  const mammoth = require('mammoth');
  const { mod: fx, dir: fxDir } = await fixtures();
  const checker = createChecker();
  const drafts = corpusDrafts();
  // every check here starts from scratch: the corpus drafts repeat (within the long texts too),
  // and the per-paragraph memo would turn the repeats into re-checks (latency.mjs measures those)
  const check = (input) => withoutMemo(() => checker.check({ ...input, context: { today: TODAY } }));
  const result = { bench: 'core', node: process.version, cores: availableParallelism(), quick };

  // ---- single-draft latency
  const txtRuns = [];
  for (let round = 0; round < (quick ? 2 : 5); round++) for (const d of drafts) { const t = now(); check({ text: d, name: 'd.txt' }); txtRuns.push(now() - t); }
  const docxFiles = [];
  for (const d of drafts.slice(0, quick ? 6 : 20)) docxFiles.push(await fx.replyDocx(d.split('\n').filter(Boolean)));
  const docxRuns = [], mammothRuns = [];
  for (let round = 0; round < (quick ? 2 : 5); round++) {
    for (const b of docxFiles) {
      let t = now(); check({ bytes: b, name: 'd.docx' }); docxRuns.push(now() - t);
      t = now(); await mammoth.extractRawText({ buffer: Buffer.from(b) }); mammothRuns.push(now() - t);
    }
  }
  const avgChars = drafts.reduce((n, d) => n + d.length, 0) / drafts.length;
  result.latency = {
    txt: { drafts: drafts.length, avgChars: Math.round(avgChars), p50: median(txtRuns), p95: pct(txtRuns, 95) },
    docx: { drafts: docxFiles.length, p50: median(docxRuns), p95: pct(docxRuns, 95), mammothP50: median(mammothRuns), ratioToMammoth: median(docxRuns) / median(mammothRuns) },
  };

  // ---- throughput against the scan floor and the peers
  result.throughput = [];
  const sizes = quick ? [100_000] : [100_000, 1_000_000];
  // one untimed round over every size first: the JIT's optimised rules and V8's young generation
  // grown to a large check's garbage are then the same for each size (measured in order from a
  // cold start, 100 KB read some 40 % below 1 MB, and the floor loop at 100 KB was slower than at 1 MB)
  for (const size of sizes) { const text = makeText(drafts, size); scanFloor(text); check({ text, name: 't.txt' }); }
  for (const size of sizes) {
    const text = makeText(drafts, size);
    const floor = scanFloor(text);
    const parseMs = median(times(() => withoutMemo(() => parseDraft({ text, name: 't.txt' })), 2, 0));
    // (the garbage of the previous size collected first: a 1 MB check's made the next 100 KB checks twice as slow)
    gc();
    // (a 100 KB check takes its first 10–15 runs after a 1 MB check to reach its steady speed, up to
    // twice as slow before: 15 untimed runs, then the median of 15)
    const ms = median(times(() => check({ text, name: 't.txt' }), size > 200_000 ? 3 : 15, size > 200_000 ? 1 : 15));
    const p = await peers(text);
    result.throughput.push({
      chars: text.length, ms, charsPerSec: text.length / (ms / 1000), parseMs,
      floorLoopMs: floor.loopMs, floorRegexMs: floor.regexMs,
      ratioToLoop: ms / floor.loopMs, ratioToRegexPass: ms / floor.regexMs,
      peers: p,
    });
  }
  // ---- scaling: 1 → 1,000 → 10,000 drafts in one process
  result.scaling = [];
  {
    let done = 0;
    const t0 = now();
    for (const target of quick ? [1, 100, 1000] : [1, 1000, 10_000]) {
      const t = now();
      const from = done;
      while (done < target) { check({ text: drafts[done % drafts.length], name: `d${done}.txt` }); done++; }
      const ms = now() - t;
      gc();
      const m = process.memoryUsage();
      result.scaling.push({ drafts: target, totalMs: now() - t0, msPerDraftThisStep: ms / Math.max(1, target - from), heapMB: mb(m.heapUsed), rssMB: mb(m.rss) });
    }
  }

  // ---- one very long paragraph (after the scaling run: its result stays large in memory until the next big check)
  {
    const sentence = '截止目前，我局积极推进相关工作，已完成改造12处，投入资金35万元，下一步将继续加强协调。';
    const n = quick ? 1024 * 1024 : 5 * 1024 * 1024;
    const text = sentence.repeat(Math.ceil(n / sentence.length)).slice(0, n);
    gc();
    const t = now();
    const r = check({ text, name: 'one-paragraph.txt' });
    const ms = now() - t;
    result.longParagraph = { chars: n, ms, charsPerSec: n / (ms / 1000), messages: r.messages.length, heapAfterMB: mb(process.memoryUsage().heapUsed) };
  }

  // ---- hostile files: peak RSS of the real CLI on each, in its own process
  {
    const dir = mkdtempSync(join(tmpdir(), 'dafu-bench-hostile-'));
    const files = await fx.hostileFiles();
    fx.writeCorpus(dir, files);
    const good = join(dir, 'baseline-good.txt');
    writeFileSync(good, drafts[0]);
    const list = [{ name: 'baseline-good.txt', what: '一份正常的答复稿（对照）' }, ...files];
    const rows = await pool(list, Math.max(1, Math.min(2, availableParallelism())), async (f) => {
      const r = await spawnP(['--import', PROBE, BIN, 'check', join(dir, f.name), '--format', 'json', '--today', TODAY]);
      const kb = Number(/DAFU_MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
      let code = null;
      try { code = JSON.parse(r.stdout).results[0].error?.code ?? null; } catch { code = r.signal ?? `exit ${r.code}`; }
      return { file: f.name, what: f.what, code, peakMB: kb / 1024, ms: r.ms };
    });
    rmSync(dir, { recursive: true, force: true });
    rows.sort((a, b) => b.peakMB - a.peakMB);
    result.hostile = { files: rows.length, worst: rows[0], baselineMB: rows.find((r) => r.file === 'baseline-good.txt')?.peakMB, slowest: [...rows].sort((a, b) => b.ms - a.ms)[0], rows };
  }

  // ---- large inputs: peak RSS, time and JSON size of the real CLI on each, one process each
  {
    const dir = mkdtempSync(join(tmpdir(), 'dafu-bench-large-'));
    const iconv = require('iconv-lite');
    const files = fx.largeFiles((text) => iconv.encode(text, 'gb18030'));
    fx.writeCorpus(dir, files);
    const rows = [];
    for (const f of files) {
      const out = join(dir, `${f.name}.json`);
      const r = await spawnP(['--import', PROBE, BIN, 'check', join(dir, f.name), '--format', 'json', '--output', out, '--today', TODAY]);
      const kb = Number(/DAFU_MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
      let res = {};
      try { res = JSON.parse(readFileSync(out, 'utf8')).results[0]; } catch { /* reported as missing figures */ }
      const findings = res.counts ? res.counts.error + res.counts.warning + res.counts.info : null;
      rows.push({ file: f.name, what: f.what, inputMB: mb(f.bytes.length), peakMB: kb / 1024, ms: r.ms, jsonKB: res.messages ? Buffer.byteLength(readFileSync(out)) / 1024 : null, findings, messages: res.messages?.length ?? null, error: res.error?.code ?? null });
    }
    rmSync(dir, { recursive: true, force: true });
    result.large = rows;
  }

  // ---- CLI start-up: each a new process, as a user runs it; `node -e 0` interleaved as the reference
  {
    const dir = mkdtempSync(join(tmpdir(), 'dafu-bench-start-'));
    const small = join(dir, 'one.txt');
    writeFileSync(small, drafts[0]);
    const docx = join(dir, 'one.docx');
    writeFileSync(docx, await fx.replyDocx(drafts[0].split('\n').filter(Boolean)));
    const env = { ...process.env, PATH: '/nonexistent' };
    const wall = (args) => { const t = now(); spawnSync(process.execPath, args, { env }); return now() - t; };
    const bare = [], version = [], checkOne = [], checkDocx = [];
    for (let i = 0; i < (quick ? 5 : 15); i++) {
      bare.push(wall(['-e', '0']));
      version.push(wall([BIN, '--version']));
      checkOne.push(wall([BIN, 'check', small, '--today', TODAY]));
      checkDocx.push(wall([BIN, 'check', docx, '--today', TODAY]));
    }
    rmSync(dir, { recursive: true, force: true });
    result.startup = {
      nodeBareMs: median(bare), versionMs: median(version), checkOneDraftMs: median(checkOne), checkOneDocxMs: median(checkDocx),
      checkOneDraftP95: pct(checkOne, 95), checkOneDocxP95: pct(checkDocx, 95),
    };
  }

  rmSync(fxDir, { recursive: true, force: true });
  result.seconds = (now() - started) / 1000;
  return result;
}

/** The figures as plain tables. */
export function formatCoreBench(r) {
  const f = (v, d = 1) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : String(v));
  const k = (v) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : `${(v / 1e3).toFixed(0)} k`);
  const L = [];
  L.push(`core bench (Node ${r.node}, ${r.cores} cores${r.quick ? ', --quick' : ''})`);
  L.push('');
  L.push('single draft, warm          | p50 ms | p95 ms | note');
  L.push('--------------------------- | ------ | ------ | ----');
  L.push(`.txt  (${r.latency.txt.drafts} corpus drafts, ~${r.latency.txt.avgChars} chars) | ${f(r.latency.txt.p50, 2).padStart(6)} | ${f(r.latency.txt.p95, 2).padStart(6)} |`);
  L.push(`.docx (${r.latency.docx.drafts} generated)           | ${f(r.latency.docx.p50, 2).padStart(6)} | ${f(r.latency.docx.p95, 2).padStart(6)} | mammoth.extractRawText p50 ${f(r.latency.docx.mammothP50, 2)} ms → dafu = ${f(r.latency.docx.ratioToMammoth, 2)}× reading the file`);
  L.push('');
  L.push('throughput        | dafu chars/s | ms      | ×scan loop | ×one regex pass | parse ms | autocorrect chars/s | zhlint chars/s');
  L.push('----------------- | ------------ | ------- | ---------- | --------------- | -------- | ------------------- | --------------');
  for (const t of r.throughput) {
    const p = (x) => (x?.charsPerSec ? k(x.charsPerSec) : x?.error ? 'n/a' : '-');
    L.push(`${k(t.chars).padEnd(9)} chars   | ${k(t.charsPerSec).padStart(12)} | ${f(t.ms, 0).padStart(7)} | ${f(t.ratioToLoop, 0).padStart(10)} | ${f(t.ratioToRegexPass, 0).padStart(15)} | ${f(t.parseMs, 0).padStart(8)} | ${p(t.peers.autocorrect).padStart(19)} | ${p(t.peers.zhlint).padStart(14)}`);
  }
  L.push(`one paragraph of ${k(r.longParagraph.chars)} chars: ${f(r.longParagraph.ms / 1000, 1)} s (${k(r.longParagraph.charsPerSec)} chars/s), ${r.longParagraph.messages} findings`);
  L.push('');
  L.push('drafts in one process | total s | ms/draft (this step) | heap after GC MB | RSS MB');
  L.push('--------------------- | ------- | -------------------- | ---------------- | ------');
  for (const s of r.scaling) L.push(`${String(s.drafts).padStart(21)} | ${f(s.totalMs / 1000, 1).padStart(7)} | ${f(s.msPerDraftThisStep, 2).padStart(20)} | ${f(s.heapMB).padStart(16)} | ${f(s.rssMB).padStart(6)}`);
  L.push('');
  L.push(`hostile files (${r.hostile.files}, real CLI, one process each): worst peak RSS ${f(r.hostile.worst.peakMB)} MB on ${r.hostile.worst.file} (${r.hostile.worst.code ?? 'checked'}); a good draft ${f(r.hostile.baselineMB)} MB; slowest ${r.hostile.slowest.file} ${f(r.hostile.slowest.ms / 1000, 1)} s`);
  L.push('file                        | code           | peak RSS MB | wall s');
  L.push('--------------------------- | -------------- | ----------- | ------');
  for (const h of r.hostile.rows.slice(0, 10)) L.push(`${h.file.padEnd(27)} | ${String(h.code ?? 'checked').padEnd(14)} | ${f(h.peakMB).padStart(11)} | ${f(h.ms / 1000, 2).padStart(6)}`);
  L.push('');
  L.push('large input (real CLI, one process each) | input MB | peak RSS MB | wall s | JSON KB | findings | messages');
  L.push('---------------------------------------- | -------- | ----------- | ------ | ------- | -------- | --------');
  for (const l of r.large ?? []) L.push(`${l.file.padEnd(40)} | ${f(l.inputMB, 1).padStart(8)} | ${f(l.peakMB).padStart(11)} | ${f(l.ms / 1000, 1).padStart(6)} | ${f(l.jsonKB).padStart(7)} | ${String(l.findings ?? l.error).padStart(8)} | ${String(l.messages ?? '-').padStart(8)}`);
  L.push('');
  L.push(`CLI start-up (wall, per process, median of ${r.quick ? 5 : 15}): node -e 0 ${f(r.startup.nodeBareMs, 0)} ms; dafu --version ${f(r.startup.versionMs, 0)} ms; dafu check one.txt ${f(r.startup.checkOneDraftMs, 0)} ms (p95 ${f(r.startup.checkOneDraftP95, 0)}); dafu check one.docx ${f(r.startup.checkOneDocxMs, 0)} ms (p95 ${f(r.startup.checkOneDocxP95, 0)})`);
  L.push(`(${f(r.seconds, 0)} s)`);
  return L.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await benchCore({ quick: process.argv.includes('--quick') });
  console.log(formatCoreBench(r));
}
