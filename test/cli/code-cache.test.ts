/**
 * The bundle's checking worker starts from V8's code cache of its code, written by the build
 * (cli/scripts/worker-loader.js). A cache V8 refuses costs every `dafu check` about 12 ms, and
 * one it cannot use must cost nothing else: a worker started the way the command starts it (a
 * plain `node`, no flags) says whether V8 took it, and checks a draft either way.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const BUNDLE = join(import.meta.dirname, '../../cli/bundle');
const DRAFT = join(import.meta.dirname, '../../examples/cppcc-host-good.txt');

/** Starts the worker in `dir`, asks whether V8 took its cache, checks DRAFT; prints both as JSON. */
function probe(dir: string): { cache: { cached: boolean; rejected: boolean | null }; findings: number } {
  const script = `
    import { MessageChannel, Worker } from 'node:worker_threads';
    const { port1, port2 } = new MessageChannel();
    const w = new Worker(${JSON.stringify(join(dir, 'worker.js'))}, { workerData: { cwd: '.', maxInputBytes: 1e6, flagContext: { today: '2025-06-15' }, version: 't', cache: false, codeCache: port2 }, transferList: [port2] });
    let cache;
    w.on('message', (m) => {
      if (m.type === 'ready') return port1.postMessage('status');
      if (m.type === 'result') { console.log(JSON.stringify({ cache, findings: m.file.messages.length, error: m.internalError ?? m.file.error })); port1.close(); w.terminate(); }
    });
    port1.once('message', (s) => { cache = s; w.postMessage({ id: 0, path: ${JSON.stringify(DRAFT)}, display: 'draft.txt', full: true }); });`;
  const file = join(tempDir('dafu-code-cache-'), 'probe.mjs');
  writeFileSync(file, script);
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', env, timeout: 20_000 });
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout);
  expect(out.error).toBeNull();
  return out;
}

describe('the worker code cache', () => {
  it('exists after the build, and V8 takes it in a worker the command starts', () => {
    expect(existsSync(join(BUNDLE, 'worker.cjs.cache'))).toBe(true);
    const r = probe(BUNDLE);
    expect(r.cache).toEqual({ cached: true, rejected: false });
    expect(r.findings).toBeGreaterThanOrEqual(0);
  });

  it('a cache V8 cannot use is refused, and the worker checks as usual', () => {
    const dir = tempDir('dafu-code-cache-bad-');
    for (const f of ['worker.js', 'worker.cjs']) copyFileSync(join(BUNDLE, f), join(dir, f));
    writeFileSync(join(dir, 'worker.cjs.cache'), Buffer.from('not a code cache'.repeat(64)));
    const bad = probe(dir);
    expect(bad.cache).toEqual({ cached: true, rejected: true });
    expect(bad.findings).toBe(probe(BUNDLE).findings);
  });
});
