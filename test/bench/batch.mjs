/**
 * Batch throughput bench (issue 6): dafu's reviewer batch against the cost of merely reading
 * the same files.
 *
 *   node test/bench/batch.mjs [--drafts 600] [--out test-results/bench-batch.json]   (after npm run build)
 *
 * or from another script:
 *
 *   import { benchBatch, formatBatchBench } from './batch.mjs';
 *   const result = await benchBatch({ drafts: 600 });   // → { rows, ratios, … } (see below)
 *   console.log(formatBatchBench(result));
 *
 * It generates N .docx drafts (8 units, with a CSV manifest) in a temp folder, then times, each
 * as its own process started cold, like a user would run it:
 *   - dafu:  `dafu check <dir> --manifest items.csv --report <tmp> --jobs J` (J = 1, 2): matching,
 *            parsing, checking, aggregation and all three reports;
 *   - floor: mammoth.extractRawText over the same files in J worker threads (read + unzip + text).
 * and prints drafts/s for both, and dafu's cost as a multiple of the floor's ("ratio"; the
 * target (issue 18) is ≤ 0.67× with 2 workers, and ≥ 100 drafts/s). Wall times include process start; the
 * "phase" columns exclude start-up (dafu's own timing from results.json; the floor's from its
 * first to its last file). It also reports the main thread's peak heap at N/4 and N drafts
 * (it should stay flat as the batch grows).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg as osLoadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const BIN = join(ROOT, 'cli/bin/dafu.js');
const require = createRequire(join(ROOT, 'package.json'));

// ------------------------------------------------------------------ floor worker (mammoth)

if (!isMainThread && workerData?.role === 'dafu-bench-floor') {
  const mammoth = require('mammoth');
  parentPort.on('message', async (path) => {
    try {
      const r = await mammoth.extractRawText({ buffer: readFileSync(path) });
      parentPort.postMessage({ ok: true, chars: r.value.length });
    } catch (e) {
      parentPort.postMessage({ ok: false, error: String(e?.message ?? e) });
    }
  });
  parentPort.postMessage({ ready: true });
}

/** Extracts raw text from every file with `jobs` worker threads; resolves to the phase time in seconds. */
async function floorRun(files, jobs) {
  const workers = Array.from({ length: jobs }, () => new Worker(fileURLToPath(import.meta.url), { workerData: { role: 'dafu-bench-floor' } }));
  await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  await Promise.all(workers.map((w) => new Promise((done) => {
    const feed = () => { if (next >= files.length) return done(); w.postMessage(files[next++]); };
    w.on('message', (m) => { if (!m.ok) failed++; feed(); });
    feed();
  })));
  const phase = (performance.now() - t0) / 1000;
  await Promise.all(workers.map((w) => w.terminate()));
  return { phase, failed };
}

// the floor as its own process: node batch.mjs --floor-child <jobs> <dir>
if (isMainThread && process.argv[2] === '--floor-child') {
  const jobs = Number(process.argv[3]);
  const dir = process.argv[4];
  const files = readdirSync(dir).filter((f) => f.endsWith('.docx')).map((f) => join(dir, f));
  const r = await floorRun(files, jobs);
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ files: files.length, ...r, cpu: (cpu.user + cpu.system) / 1e6 }) + '\n');
  process.exit(0);
}

// ------------------------------------------------------------------ the batch on disk

function docxBuilder() {
  const { Document, Packer, Paragraph, TextRun, AlignmentType, LineRuleType } = require('docx');
  const spacing = { line: 560, lineRule: LineRuleType.EXACT };
  return async (lines) => new Uint8Array(await Packer.toBuffer(new Document({
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
      children: lines.map((line, i) => (i === 0
        ? new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: [new TextRun({ text: line, font: { eastAsia: '方正小标宋简体', ascii: 'Times New Roman' }, size: 44 })] })
        : new Paragraph({ spacing, indent: { firstLine: i === 1 ? 0 : 640 }, children: [new TextRun({ text: line, font: { eastAsia: /^[一二三四五六七八九十]、/.test(line) ? '黑体' : '仿宋_GB2312', ascii: 'Times New Roman' }, size: 32 })] }))),
    }],
  })));
}

/**
 * Word records every editing session of a file in settings.xml (w:rsids), so real drafts of one
 * template share their styles, theme and numbering but never their settings: each draft gets
 * its own list here, as the reader cannot take that part from the draft before.
 */
function ownEditingSessions(bytes, i) {
  const { unzipSync, zipSync, strToU8, strFromU8 } = require('fflate');
  const parts = unzipSync(bytes);
  const rsid = (k) => ((i * 7919 + k * 104729) % 0xffffff).toString(16).toUpperCase().padStart(8, '0');
  const rsids = `<w:rsids><w:rsidRoot w:val="${rsid(0)}"/>${[1, 2, 3].map((k) => `<w:rsid w:val="${rsid(k)}"/>`).join('')}</w:rsids>`;
  parts['word/settings.xml'] = strToU8(strFromU8(parts['word/settings.xml']).replace('</w:settings>', `${rsids}</w:settings>`));
  return zipSync(parts);
}

/** Writes N drafts (8 units) and a CSV manifest into a new temp folder. */
async function writeCorpus(n, seed = 42) {
  const { makeCorpus, draftLines } = await import(pathToFileURL(join(ROOT, 'test/batch/corpus.mjs')).href);
  const per = Math.floor(n / 8);
  const perUnit = Array.from({ length: 8 }, (_, i) => per + (i < n - per * 8 ? 1 : 0));
  const corpus = makeCorpus({ perUnit, extras: false, seed });
  const dir = mkdtempSync(join(tmpdir(), 'dafu-bench-batch-'));
  const drafts = join(dir, 'drafts');
  mkdirSync(drafts);
  const build = docxBuilder();
  // drafts that differ only in their case facts share bytes per (kind, flaw): build each variant once per item anyway
  for (const [i, d] of corpus.drafts.entries()) writeFileSync(join(drafts, d.name), ownEditingSessions(await build(draftLines(corpus, d)), i));
  const csv = ['编号,类型,标题,提出人,主办单位,会办单位,交办日期,办理期限,答复类别',
    ...corpus.items.map((it) => [it.number, it.kind === 'npc' ? '建议' : '提案', it.title, it.proposer, it.unit, it.coUnits.join('、'), it.assigned, it.deadline ?? '', it.class].join(','))].join('\n');
  writeFileSync(join(dir, 'items.csv'), csv);
  return { dir, drafts, count: corpus.drafts.length };
}

function timeProcess(args, opts = {}) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024, ...opts });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { wall, stdout: r.stdout, stderr: r.stderr };
}

function runDafu(corpus, jobs, reportDir) {
  rmSync(reportDir, { recursive: true, force: true });
  const { wall } = timeProcess([BIN, 'check', corpus.drafts, '--manifest', join(corpus.dir, 'items.csv'), '--report', reportDir, '--jobs', String(jobs), '--today', '2025-06-15']);
  const res = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
  // CPU of the whole process up to the end of checking (reports excluded, like the floor has none)
  return { wall, phase: res.batch.timing.checkSeconds, cpu: res.batch.timing.cpuSecondsToChecked, checked: res.totals.checked, files: res.totals.files, memory: res.batch.memory };
}

function runFloor(corpus, jobs) {
  const { wall, stdout } = timeProcess([fileURLToPath(import.meta.url), '--floor-child', String(jobs), corpus.drafts]);
  const r = JSON.parse(stdout.trim().split('\n').pop());
  return { wall, phase: r.phase, cpu: r.cpu, files: r.files, failed: r.failed };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/**
 * Runs the bench. Options: drafts (default 600), jobs (default [1, 2]), repeats (default 1;
 * the median is kept), small (draft count for the memory comparison, default drafts/4; 0 skips it).
 * Returns { drafts, cores, node, rows: [{ jobs, dafu: {wall, phase, rate, phaseRate}, floor: {...}, ratio, phaseRatio }], memory, targets, seconds }.
 */
export async function benchBatch(opts = {}) {
  const started = performance.now();
  const loadavg = osLoadavg();
  const n = opts.drafts ?? 600;
  const jobsList = opts.jobs ?? [1, 2];
  const repeats = opts.repeats ?? 1;
  const corpus = await writeCorpus(n);
  const reportDir = join(corpus.dir, 'out');
  try {
    // warm the file cache and the module cache for both sides
    runFloor(corpus, 1);
    const rows = [];
    for (const jobs of jobsList) {
      const d = [], f = [];
      for (let i = 0; i < repeats; i++) { f.push(runFloor(corpus, jobs)); d.push(runDafu(corpus, jobs, reportDir)); }
      const dafu = { wall: median(d.map((x) => x.wall)), phase: median(d.map((x) => x.phase)), cpu: median(d.map((x) => x.cpu)) };
      const floor = { wall: median(f.map((x) => x.wall)), phase: median(f.map((x) => x.phase)), cpu: median(f.map((x) => x.cpu)) };
      rows.push({
        jobs,
        dafu: { ...dafu, rate: corpus.count / dafu.wall, phaseRate: corpus.count / dafu.phase, cpuMsPerDraft: (dafu.cpu * 1000) / corpus.count, memory: d[d.length - 1].memory },
        floor: { ...floor, rate: corpus.count / floor.wall, phaseRate: corpus.count / floor.phase, cpuMsPerDraft: (floor.cpu * 1000) / corpus.count },
        ratio: dafu.wall / floor.wall,
        phaseRatio: dafu.phase / floor.phase,
        cpuRatio: dafu.cpu / floor.cpu,
      });
    }
    let memory = null;
    const smallN = opts.small ?? Math.floor(n / 4);
    if (smallN > 0) {
      const small = await writeCorpus(smallN, 7);
      try {
        const s = runDafu(small, 1, join(small.dir, 'out'));
        memory = { small: { drafts: small.count, ...s.memory }, large: { drafts: corpus.count, ...rows[0].dafu.memory } };
      } finally { rmSync(small.dir, { recursive: true, force: true }); }
    }
    const two = rows.find((r) => r.jobs === 2) ?? rows[rows.length - 1];
    return {
      bench: 'batch', drafts: corpus.count, loadavg, cores: availableParallelism(), cpu: cpus()[0]?.model ?? '', node: process.version,
      rows, memory,
      targets: { maxRatio: 0.67, minRateTwoWorkers: 100, ratioMet: two.ratio <= 0.67, rateMet: two.dafu.rate >= 100 },
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    rmSync(corpus.dir, { recursive: true, force: true });
  }
}

/** The bench result as a small table (Chinese labels kept to the units). */
export function formatBatchBench(r) {
  const f = (v, d = 1) => v.toFixed(d);
  const lines = [
    `batch bench: ${r.drafts} .docx drafts, ${r.cores} cores, Node ${r.node}`,
    'jobs | dafu drafts/s (wall) | floor drafts/s (wall) | ratio | dafu drafts/s (phase) | floor drafts/s (phase) | ratio | dafu CPU ms/draft | floor CPU ms/draft | ratio',
    '---- | -------------------- | --------------------- | ----- | --------------------- | ---------------------- | ----- | ----------------- | ------------------ | -----',
    ...r.rows.map((x) => `${String(x.jobs).padStart(4)} | ${f(x.dafu.rate).padStart(20)} | ${f(x.floor.rate).padStart(21)} | ${f(x.ratio, 2).padStart(5)} | ${f(x.dafu.phaseRate).padStart(21)} | ${f(x.floor.phaseRate).padStart(22)} | ${f(x.phaseRatio, 2).padStart(5)} | ${f(x.dafu.cpuMsPerDraft).padStart(17)} | ${f(x.floor.cpuMsPerDraft).padStart(18)} | ${f(x.cpuRatio, 2).padStart(5)}`),
  ];
  const load = r.loadavg?.[0];
  if (load !== undefined) lines.push(`load average at start: ${f(load, 2)} on ${r.cores} cores${load > r.cores ? ' (machine busy: wall-clock rates are depressed; CPU ms/draft is the steadier figure)' : ''}`);
  if (r.memory) lines.push(`main-thread peak heap: ${f(r.memory.small.mainPeakHeapMB)} MB at ${r.memory.small.drafts} drafts, ${f(r.memory.large.mainPeakHeapMB)} MB at ${r.memory.large.drafts} drafts`);
  lines.push(`targets: ratio with 2 workers ≤ ${r.targets.maxRatio}× ${r.targets.ratioMet ? 'met' : 'NOT met'}; ≥ ${r.targets.minRateTwoWorkers} drafts/s with 2 workers ${r.targets.rateMet ? 'met' : 'NOT met'}  (${f(r.seconds)} s)`);
  return lines.join('\n');
}

if (isMainThread && process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] !== '--floor-child') {
  const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : def; };
  const result = await benchBatch({ drafts: Number(arg('--drafts', 600)), repeats: Number(arg('--repeats', 1)) });
  console.log(formatBatchBench(result));
  const out = resolve(arg('--out', join(ROOT, 'test-results/bench-batch.json')));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`written ${out}`);
}
