// npm run eval: the real letters first (test/real, when their texts are on this machine), then
// precision and recall per category on our labelled corpus (test/corpus), false findings per clean
// draft, and the targeting and lexicon evaluations.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createChecker } from '@dafu/rules';
import { CATEGORIES, loadCorpus, score } from './corpus.mjs';
import { evalReal } from './real.mjs';
import { evalRealTargeting } from './real-targeting.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const verbose = process.argv.includes('--verbose');
evalReal({ verbose });
evalRealTargeting({ verbose });

console.log('\n== 自编语料（test/corpus）==');
const corpus = loadCorpus(join(here, '../corpus'));
const checker = createChecker();

const stats = Object.fromEntries(CATEGORIES.map((c) => [c, { labels: 0, found: 0, findings: 0, true: 0 }]));
let clean = 0, cleanErrors = 0, cleanAll = 0, infos = 0;
const misses = [], falses = [];
for (const { id, text, label } of corpus) {
  const result = checker.check({ text, name: `${id}.txt`, mode: label.mode, context: [{ source: 'sidecar', value: { ...label.case, today: label.today } }] });
  const { labels, findings } = score(result.document, label, result.messages);
  for (const l of labels) { stats[l.category].labels++; if (l.found) stats[l.category].found++; else misses.push(`${id}  ${l.category}  ${l.excerpt ?? '(整篇)'}  ${l.note ?? ''}`); }
  // info-level findings are hints ("worth a look"), not claims of a defect: counted apart
  infos += findings.filter((f) => f.severity === 'info').length;
  for (const f of findings.filter((f) => f.severity !== 'info')) { stats[f.category].findings++; if (f.true) stats[f.category].true++; else falses.push(`${id}  ${f.severity}  ${f.ruleId}  “${f.excerpt.slice(0, 30)}”`); }
  if (label.clean) { clean++; cleanErrors += findings.filter((f) => f.severity === 'error').length; cleanAll += findings.filter((f) => f.severity !== 'info').length; }
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');
console.log(`\n语料：${corpus.length} 篇（干净 ${clean} 篇，有缺陷 ${corpus.length - clean} 篇）\n`);
console.log('类别            标注  检出  召回率   发现  正确  精确率');
for (const c of CATEGORIES) {
  const s = stats[c];
  console.log(`${c.padEnd(15)} ${String(s.labels).padStart(4)}  ${String(s.found).padStart(4)}  ${pct(s.found, s.labels).padStart(6)}  ${String(s.findings).padStart(5)}  ${String(s.true).padStart(4)}  ${pct(s.true, s.findings).padStart(6)}`);
}
const tot = Object.values(stats).reduce((a, s) => ({ labels: a.labels + s.labels, found: a.found + s.found, findings: a.findings + s.findings, true: a.true + s.true }), { labels: 0, found: 0, findings: 0, true: 0 });
console.log(`${'all'.padEnd(15)} ${String(tot.labels).padStart(4)}  ${String(tot.found).padStart(4)}  ${pct(tot.found, tot.labels).padStart(6)}  ${String(tot.findings).padStart(5)}  ${String(tot.true).padStart(4)}  ${pct(tot.true, tot.findings).padStart(6)}`);
console.log(`\n（精确率按错误和警告级计算；另有 ${infos} 条提示级信息未计入）`);
console.log(`\n干净稿件的误报：每篇 ${(cleanErrors / clean).toFixed(2)} 个错误级，${(cleanAll / clean).toFixed(2)} 个错误和警告级（${clean} 篇）`);
if (verbose) {
  console.log(`\n漏报（${misses.length}）：\n  ${misses.join('\n  ')}`);
  console.log(`\n误报（${falses.length}）：\n  ${falses.join('\n  ')}`);
} else console.log('（加 --verbose 列出每一处漏报和误报）');

for (const extra of ['targeting.mjs', 'lexicons.mjs']) {
  const path = join(here, extra);
  if (!existsSync(path)) continue;
  const mod = await import(pathToFileURL(path).href);
  const fn = Object.values(mod).find((v) => typeof v === 'function');
  if (fn) await fn();
}
