// Size of the offline page (issue 19): web/dist/dafu.html is one file with the whole rule pack
// inline, copied to intranet shares and mailed around, so its bytes are a budget (aim: ≤ 2 MB).
// Figures only, no assertions. Run on its own (`node test/bench/web-size.mjs`) or from `npm run bench`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const PAGE = join(dirname(fileURLToPath(import.meta.url)), '../../web/dist/dafu.html');
const BUDGET = 2 * 1024 * 1024;

export function benchWebSize({ print = false } = {}) {
  if (!existsSync(PAGE)) {
    if (print) console.log('\noffline page: web/dist/dafu.html not built (npm run build): skipped');
    return { skipped: 'web/dist/dafu.html not built' };
  }
  const html = readFileSync(PAGE);
  const worker = /<script type="text\/x-dafu-worker"[^>]*>([\s\S]*?)<\/script>/.exec(html.toString('utf8'))?.[1] ?? '';
  const r = {
    bytes: html.length,
    gzipBytes: gzipSync(html, { level: 9 }).length,
    workerBytes: Buffer.byteLength(worker),
    budgetBytes: BUDGET,
    ofBudget: +(html.length / BUDGET).toFixed(3),
  };
  if (print) {
    const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
    console.log(`\noffline page (web/dist/dafu.html): ${r.bytes.toLocaleString('en-US')} bytes (${kb(r.bytes)}, gzip ${kb(r.gzipBytes)}; checking worker ${kb(r.workerBytes)}) = ${(r.ofBudget * 100).toFixed(0)} % of the 2 MB budget`);
  }
  return r;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) benchWebSize({ print: true });
