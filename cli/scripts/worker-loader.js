/**
 * The checking worker's entry in the bundle (copied to cli/bundle/worker.js by bundle.mjs): it
 * runs worker.cjs with V8's code cache of it, worker.cjs.cache, which the build writes after a
 * worker has checked the examples. A worker then starts without compiling its 0.9 MB of code
 * again, nor the functions a check runs: about 12 ms of every `dafu check`. A cache this Node or
 * its flags cannot use is refused by V8, and the code is compiled as usual.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { workerData } from 'node:worker_threads';

const file = fileURLToPath(new URL('./worker.cjs', import.meta.url));
const cacheFile = `${file}.cache`;
let cachedData;
try { cachedData = readFileSync(cacheFile); } catch { /* not built yet: compiled as usual */ }

const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, { filename: file, cachedData });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));

// a port for the build and the tests: 'write' writes the cache (the build, once the examples are
// checked); either message answers whether V8 took the cache this worker started with
const port = workerData?.codeCache;
port?.on('message', (what) => {
  if (what === 'write') writeFileSync(cacheFile, script.createCachedData());
  port.postMessage({ cached: !!cachedData, rejected: script.cachedDataRejected ?? null });
});
