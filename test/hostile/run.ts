import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/cli.js';

const BIN = join(ROOT, 'cli/bin/dafu.js');
const PROBE = pathToFileURL(join(ROOT, 'test/hostile/maxrss.mjs')).href;

/**
 * Runs the real CLI with a preload that reports the process's peak RSS (worker threads
 * included). PATH is emptied so LibreOffice is never started for the fake .doc files.
 */
export function dafuMeasured(args: string[], opts: { cwd?: string; timeout?: number } = {}) {
  const r = spawnSync(process.execPath, ['--import', PROBE, BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', PATH: '/nonexistent' },
    timeout: opts.timeout ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const m = /DAFU_MAXRSS_KB=(\d+)/.exec(r.stderr ?? '');
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: (r.stderr ?? '').replace(/\n?DAFU_MAXRSS_KB=\d+\n/, ''), maxRssMb: m ? Number(m[1]) / 1024 : NaN };
}
