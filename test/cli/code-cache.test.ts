/**
 * The bundle's checking worker starts from V8's code cache of its code, written by the build
 * (cli/scripts/worker-loader.js). A cache V8 refuses costs every `dafu check` about 12 ms: this
 * asks a worker started the way the command starts it (a plain `node`, no flags) whether V8 took it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const BUNDLE = join(import.meta.dirname, '../../cli/bundle');

describe('the worker code cache', () => {
  it('exists after the build and V8 takes it in a worker the command starts', () => {
    expect(existsSync(join(BUNDLE, 'worker.cjs.cache'))).toBe(true);
    const probe = `
      import { MessageChannel, Worker } from 'node:worker_threads';
      const { port1, port2 } = new MessageChannel();
      const w = new Worker(${JSON.stringify(join(BUNDLE, 'worker.js'))}, { workerData: { cwd: '.', maxInputBytes: 1e6, flagContext: {}, version: 't', cache: false, codeCache: port2 }, transferList: [port2] });
      w.on('message', (m) => { if (m.type === 'ready') port1.postMessage('status'); });
      port1.once('message', (s) => { console.log(JSON.stringify(s)); port1.close(); w.terminate(); });`;
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const file = join(tempDir('dafu-code-cache-'), 'probe.mjs');
    writeFileSync(file, probe);
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8', env, timeout: 20_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ cached: true, rejected: false });
  });
});
