/**
 * The core as the extension gets it: `rules/dist/index.js` (which re-exports the core) bundled
 * for the browser with esbuild (platform browser, the packages' browser fields and the 'worker'
 * export condition honoured, no Node built-ins), written to a temp folder, never into the repo,
 * and imported back into Node.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ROOT } from '../helpers/cli.js';

export type BrowserCore = typeof import('../../rules/src/index.js');

let cached: Promise<{ core: BrowserCore; file: string; bytes: number }> | undefined;

export function browserCore(): Promise<{ core: BrowserCore; file: string; bytes: number }> {
  return (cached ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dafu-browser-bundle-'));
    const file = join(dir, 'dafu-browser.mjs');
    const result = await build({
      entryPoints: [join(ROOT, 'rules/dist/index.js')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'chrome120',
      // as for a Web Worker (where the extension should parse): with the plain 'browser'
      // condition, remark's decode-named-character-reference picks its DOM variant, which calls
      // document.createElement at import time and so cannot load in a worker or in Node
      conditions: ['worker'],
      write: false,
      logLevel: 'silent',
      // a Node built-in anywhere in the graph fails the build: the core must not need one
      external: [],
    });
    const out = result.outputFiles[0].contents;
    writeFileSync(file, out);
    const core = (await import(pathToFileURL(file).href)) as BrowserCore;
    return { core, file, bytes: out.length };
  })());
}
