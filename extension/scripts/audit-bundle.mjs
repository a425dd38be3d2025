#!/usr/bin/env node
// Audits a built extension (default: .output/chrome-mv3 and .output/firefox-mv2 if present):
//  - MV3 CSP: no eval / new Function / string timers (code generation is blocked in extension pages
//    and content scripts, and ajv's runtime compile would fail there);
//  - privacy: no network APIs (fetch, XHR, WebSocket, EventSource, sendBeacon, importScripts) and
//    no remote script/style/font URLs.
// Exit code 1 with a list of hits when something is found.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', '.output');
const targets = process.argv.slice(2).length ? process.argv.slice(2) : ['chrome-mv3', 'firefox-mv2', 'firefox-mv3'].map((d) => join(outDir, d)).filter(existsSync);

const CHECKS = [
  ['eval', /(^|[^\w$.])eval\s*\(/],
  ['new Function', /new\s+Function\s*\(/],
  ['Function(', /(^|[^\w$.])Function\s*\(\s*["'`]/],
  ['setTimeout(string)', /set(?:Timeout|Interval)\s*\(\s*["'`]/],
  ['fetch', /(^|[^\w$.])fetch\s*\(/],
  ['XMLHttpRequest', /XMLHttpRequest/],
  ['WebSocket', /new\s+WebSocket/],
  ['EventSource', /new\s+EventSource/],
  ['sendBeacon', /sendBeacon/],
  ['importScripts', /importScripts\s*\(/],
  ['remote src/href', /(?:src|href)\s*=\s*["'`]https?:\/\//],
  ['remote @import/url()', /(?:@import|url\()\s*["'`]?https?:\/\//],
];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(m?js|html|css)$/.test(name)) yield p;
  }
}

let hits = 0;
for (const t of targets) {
  if (!existsSync(t)) { console.error(`audit-bundle: ${t} does not exist (build first)`); process.exit(2); }
  for (const f of files(t)) {
    const src = readFileSync(f, 'utf8');
    for (const [name, re] of CHECKS) {
      const m = re.exec(src);
      if (m) {
        hits++;
        const at = Math.max(0, m.index - 60);
        console.error(`audit-bundle: ${name} in ${relative(outDir, f)}: …${src.slice(at, m.index + 80).replace(/\s+/g, ' ')}…`);
      }
    }
  }
}
if (hits) process.exit(1);
console.log(`audit-bundle: OK (${targets.map((t) => relative(outDir, t)).join(', ')}): no eval/new Function, no network APIs, no remote URLs`);
