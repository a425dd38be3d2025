/**
 * Bundles the compiled CLI (cli/dist, from tsc -b) into cli/bundle/: one file for the command
 * (main.js), one for the checking worker (worker.js), and shared or lazily loaded chunks beside
 * them. A cold `dafu check` spends most of its time resolving and compiling some sixty modules
 * of the core and the rule pack; one bundle saves about a third of it.
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
import { readFileSync, rmSync } from 'node:fs';
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
await build({
  entryPoints: { main: join(CLI, 'dist/main.js'), worker: join(CLI, 'dist/batch/worker.js') },
  outdir: out,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // (no keepNames: it wraps every function and closure in a name-setting call, at load and in the
  // rules' loops; nothing here reads a function's name)
  minify: true,
  external: ['exceljs', 'docx'],
  plugins: [jsonAsString, lazyXmldom],
  // the CommonJS packages inside (commander, xmldom, cli-progress) call require() for Node's modules
  banner: { js: "import { createRequire as __dafuCreateRequire } from 'node:module'; const require = __dafuCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
