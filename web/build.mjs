/**
 * Builds web/dist/dafu.html: one self-contained page (scripts, styles, rule pack and word lists
 * inline; no external request of any kind) that checks reply drafts offline from file:// or an
 * intranet share. Run by `npm run build` after tsc (the page imports the built core, rules and
 * CLI report modules). Two bundles: the checking worker (inlined as text, started from a blob:
 * URL) and the page's UI.
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
export const OUTPUT = join(HERE, 'dist/dafu.html');
const version = JSON.parse(readFileSync(join(ROOT, 'cli/package.json'), 'utf8')).version;

const bundle = async (entry, conditions = []) => {
  const r = await build({
    entryPoints: [join(HERE, 'src', entry)],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    // packages' builds for workers where they differ (decode-named-character-reference's browser build needs `document`)
    conditions,
    target: ['chrome109', 'firefox115'],
    charset: 'utf8',
    legalComments: 'none',
    define: { DAFU_VERSION: JSON.stringify(version), 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'warning',
  });
  return r.outputFiles[0].text;
};

// inline <script> text must not close its element early
const inline = (js) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

const [worker, page] = await Promise.all([bundle('worker.ts', ['worker']), bundle('page.ts')]);
const html = readFileSync(join(HERE, 'src/index.html'), 'utf8')
  .replaceAll('__VERSION__', version)
  .replace('__STYLE__', () => readFileSync(join(HERE, 'src/style.css'), 'utf8'))
  .replace('__WORKER__', () => inline(worker))
  .replace('__PAGE__', () => inline(page));

// nothing on the page may load from elsewhere: no src/href to a URL, no fetch or XHR in the code
const loads = html.match(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\/[^"'\s>]*/gi) ?? [];
const calls = html.match(/\b(?:fetch\s*\(|XMLHttpRequest|importScripts\s*\(|sendBeacon|new\s+WebSocket|new\s+EventSource)/g) ?? [];
if (loads.length || calls.length) throw new Error(`web/dist/dafu.html would make requests: ${[...loads, ...calls].join(', ')}`);

mkdirSync(dirname(OUTPUT), { recursive: true });
writeFileSync(OUTPUT, html);
console.log(`web/dist/dafu.html: ${Buffer.byteLength(html).toLocaleString('en-US')} bytes (worker ${worker.length.toLocaleString('en-US')}, page ${page.length.toLocaleString('en-US')} characters)`);
