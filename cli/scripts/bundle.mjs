/**
 * Bundles the compiled CLI (cli/dist, from tsc -b) into cli/bundle/: the command (main.js, with
 * shared or lazily loaded chunks beside it), and the checking worker as one script (worker.cjs)
 * with V8's code cache of it (worker.cjs.cache), which worker.js runs. A cold `dafu check` spent
 * most of its time resolving and compiling some sixty modules of the core and the rule pack; the
 * bundle saves about a third of it, and the code cache most of what was left of compiling.
 *
 * - JSON (lexicons, data rules) is embedded as JSON.parse("…"): V8 scans a string far faster
 *   than the same data as an object literal.
 * - exceljs and docx stay in node_modules: they are large and loaded only by the commands that
 *   write or read spreadsheets and Word files (batch reports, lists, outline); xmldom is loaded
 *   from there on first use (lazyXmldom).
 * - The pool finds its worker as ./worker.js next to the chunk that holds it, and main.js reads
 *   the version from ../package.json: both hold in cli/bundle/ as in cli/dist/.
 */
import { build } from 'esbuild';
import { copyFileSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { MessageChannel, Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(CLI, 'bundle');

const jsonAsString = {
  name: 'json-as-string',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, ({ path }) => ({
      contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(path, 'utf8'))))});`,
      loader: 'js',
    }));
  },
};

/**
 * xmldom builds its entity tables when it loads (about 10 ms), and only .docx drafts and word
 * lists need it: inside the bundle it is a stand-in that loads the real module on first use.
 */
const lazyXmldom = {
  name: 'lazy-xmldom',
  setup(b) {
    b.onResolve({ filter: /^@xmldom\/xmldom$/ }, () => ({ path: 'xmldom', namespace: 'lazy-xmldom' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-xmldom' }, () => ({
      contents: `import { createRequire } from 'node:module';
const load = () => createRequire(import.meta.url)('@xmldom/xmldom');
let real;
export function DOMParser(options) { return new (real ??= load()).DOMParser(options); }
export function XMLSerializer() { return new (real ??= load()).XMLSerializer(); }`,
      loader: 'js',
    }));
  },
};

rmSync(out, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // (no keepNames: it wraps every function and closure in a name-setting call, at load and in the
  // rules' loops; nothing here reads a function's name)
  minify: true,
  external: ['exceljs', 'docx'],
  plugins: [jsonAsString, lazyXmldom],
  logLevel: 'warning',
};

// the command: ES modules, with the commands' own parts in chunks loaded when used
await build({
  ...common,
  entryPoints: { main: join(CLI, 'dist/main.js') },
  outdir: out,
  splitting: true,
  format: 'esm',
  // the CommonJS packages inside (commander, xmldom, cli-progress) call require() for Node's modules
  banner: { js: "import { createRequire as __dafuCreateRequire } from 'node:module'; const require = __dafuCreateRequire(import.meta.url);" },
});

// the checking worker: one CommonJS script (V8 caches the code of a script, not of ES modules),
// run by worker.js (scripts/worker-loader.js) with that cache
await build({
  ...common,
  entryPoints: [join(CLI, 'dist/batch/worker.js')],
  outfile: join(out, 'worker.cjs'),
  format: 'cjs',
  define: { 'import.meta.url': '__dafuUrl' },
  banner: { js: "var __dafuUrl = require('node:url').pathToFileURL(__filename).href;" },
});
if (/\bimport\(/.test(readFileSync(join(out, 'worker.cjs'), 'utf8'))) throw new Error('worker.cjs must not import() (a vm.Script has no loader for it)');
copyFileSync(join(CLI, 'scripts/worker-loader.js'), join(out, 'worker.js'));
await writeCodeCache();

/**
 * V8's code cache of worker.cjs, taken after a worker has checked the shipped examples (a .txt
 * and a .docx, so the functions a check runs are compiled and in it).
 */
async function writeCodeCache() {
  const examples = join(CLI, '../examples');
  const files = readdirSync(examples).filter((f) => /\.(txt|docx)$/.test(f)).sort();
  const pick = [files.find((f) => f.endsWith('.txt')), files.find((f) => f.endsWith('.docx'))].filter(Boolean);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(join(out, 'worker.js'), {
    workerData: { cwd: examples, maxInputBytes: 20 * 1024 * 1024, flagContext: { today: '2025-06-15' }, version: 'build', cache: false, codeCache: port2 },
    transferList: [port2],
    stdout: true,
    stderr: true,
  });
  try {
    await new Promise((resolve, reject) => {
      let next = 0;
      const send = () => worker.postMessage({ id: next, path: join(examples, pick[next]), display: pick[next], full: true });
      worker.on('error', reject);
      worker.on('message', (m) => {
        if (m.type === 'ready') return send();
        if (m.type !== 'result') return;
        if (m.internalError) return reject(new Error(`${pick[m.id]}: ${m.internalError}`));
        if (++next < pick.length) return send();
        port1.once('message', resolve);
        port1.postMessage('write');
      });
    });
  } finally {
    port1.close();
    await worker.terminate();
  }
  return join(out, 'worker.cjs.cache');
}
