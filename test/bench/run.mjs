/**
 * `npm run bench` (after the build): the core benchmarks (core.mjs), then the batch (batch.mjs),
 * lexicon (lexicon.mjs) and Chromium latency (latency.mjs) benchmarks when present. Each prints
 * its table; all figures are saved to bench-results.json at the root (gitignored). Figures and
 * ratios only, no assertions; at the end, issue 18's targets with this run's figures (targets.mjs).
 *
 *   node test/bench/run.mjs [--quick] [--only core,batch,lexicon,latency] [--out file.json]
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const quick = process.argv.includes('--quick');
const only = arg('--only')?.split(',');
const out = resolve(arg('--out') ?? join(ROOT, 'bench-results.json'));
const wanted = (name) => !only || only.includes(name);

const results = { date: new Date().toISOString(), node: process.version, quick };
const started = performance.now();

if (wanted('core')) {
  const { benchCore, formatCoreBench } = await import('./core.mjs');
  results.core = await benchCore({ quick });
  console.log(formatCoreBench(results.core));
}

const optional = async (name, file, run) => {
  if (!wanted(name)) return;
  const path = join(HERE, file);
  if (!existsSync(path)) { console.log(`\n(${file} not present: skipped)`); return; }
  try {
    results[name] = await run(await import(pathToFileURL(path).href));
  } catch (e) {
    console.log(`\n${file} failed: ${e?.stack ?? e}`);
    results[name] = { error: String(e?.message ?? e) };
  }
};

await optional('batch', 'batch.mjs', async (m) => {
  console.log('');
  const r = await m.benchBatch({ drafts: quick ? 100 : 600 });
  console.log(m.formatBatchBench ? m.formatBatchBench(r) : JSON.stringify(r, null, 2));
  return r;
});

await optional('lexicon', 'lexicon.mjs', async (m) => m.benchLexicon({ print: true, runs: quick ? 5 : 9 }));

await optional('webSize', 'web-size.mjs', async (m) => m.benchWebSize({ print: true }));
// the extension's re-check latency in Chromium (skipped with a notice when the browser is missing)
await optional('latency', 'latency.mjs', async (m) => m.benchLatency({ quick, print: true }));

const { issueTargets, formatTargets } = await import('./targets.mjs');
results.targets = issueTargets(results);
console.log(formatTargets(results.targets));

results.seconds = (performance.now() - started) / 1000;
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
console.log(`\nall figures saved to ${out} (${results.seconds.toFixed(0)} s)`);
