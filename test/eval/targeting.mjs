// Targeting evaluation: the built checker over suggestion/reply pairs (test/eval/targeting-pairs),
// compared with the expected coverage per ask. Prints precision and recall of "missing" (an ask
// the reply does not answer), accuracy per status, and the document-level findings
// (ask-unanswered, work-summary). Run after `npx tsc -b`; `npm run eval` calls it.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createChecker } from '@dafu/rules';

const here = dirname(fileURLToPath(import.meta.url));
const STATUSES = ['answered', 'weak', 'missing'];
const norm = (s) => s.replace(/[\s\u3000“”"‘’'，,。；;：:、]/gu, '');

function loadPairs(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'expected.json')))
    .map((d) => d.name).sort()
    .map((id) => ({
      id,
      suggestion: readFileSync(join(dir, id, 'suggestion.txt'), 'utf8'),
      reply: readFileSync(join(dir, id, 'reply.txt'), 'utf8'),
      expected: JSON.parse(readFileSync(join(dir, id, 'expected.json'), 'utf8')),
    }));
}

const blank = () => ({
  pairs: 0, asks: 0, notExtracted: 0, spurious: 0,
  missing: { tp: 0, fp: 0, fn: 0 },
  status: Object.fromEntries(STATUSES.map((s) => [s, { n: 0, correct: 0 }])),
  confusion: Object.fromEntries(STATUSES.map((s) => [s, Object.fromEntries([...STATUSES, 'none'].map((t) => [t, 0]))])),
  unansweredRule: { tp: 0, fp: 0, fn: 0 },
  workSummaryRule: { tp: 0, fp: 0, fn: 0 },
});

const ratio = (a, b) => (b ? a / b : null);
const pct = (x) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
const prf = ({ tp, fp, fn }) => ({ precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) });

/**
 * Runs the evaluation; prints a summary (unless `quiet`) and returns the figures.
 * @param {{ dir?: string, quiet?: boolean, verbose?: boolean }} [options]
 */
export async function evalTargeting(options = {}) {
  const dir = options.dir ?? join(here, 'targeting-pairs');
  const verbose = options.verbose ?? process.argv.includes('--verbose');
  const pairs = loadPairs(dir);
  const checker = createChecker();
  const all = blank();
  const splits = { dev: blank(), holdout: blank() };
  const errors = [];

  for (const { id, suggestion, reply, expected } of pairs) {
    const split = splits[expected.split === 'holdout' ? 'holdout' : 'dev'];
    const result = checker.check({ text: reply, name: `${id}.txt`, format: 'txt', context: [{ source: 'sidecar', value: { suggestion } }] });
    const predicted = result.coverage?.asks ?? [];
    const used = new Set();
    for (const s of [all, split]) s.pairs++;
    for (const e of expected.asks) {
      const i = predicted.findIndex((p, k) => !used.has(k) && norm(p.ask.text).includes(norm(e.text)));
      const got = i >= 0 ? predicted[i].status : 'none';
      if (i >= 0) used.add(i);
      for (const s of [all, split]) {
        s.asks++;
        s.status[e.status].n++;
        s.confusion[e.status][got]++;
        if (got === e.status) s.status[e.status].correct++;
        if (got === 'none') s.notExtracted++;
        if (e.status === 'missing' && got === 'missing') s.missing.tp++;
        else if (e.status === 'missing') s.missing.fn++;
        else if (got === 'missing') s.missing.fp++;
      }
      if (got !== e.status) errors.push(`${id}  “${e.text}”  期望 ${e.status}，实际 ${got}${i >= 0 ? `（得分 ${predicted[i].score}）` : '（未抽取到这一项）'}`);
    }
    predicted.forEach((p, k) => {
      if (used.has(k)) return;
      for (const s of [all, split]) { s.spurious++; if (p.status === 'missing') s.missing.fp++; }
      errors.push(`${id}  多抽取了一项“${p.ask.head}”（${p.status}）`);
    });
    // document level: does ask-unanswered fire exactly when an ask is missing; work-summary when expected
    const fired = (ruleId) => result.messages.some((m) => m.ruleId === ruleId);
    const wantUnanswered = expected.asks.some((a) => a.status === 'missing');
    const wantSummary = !!expected.workSummary;
    for (const s of [all, split]) {
      const u = s.unansweredRule, w = s.workSummaryRule;
      if (fired('ask-unanswered')) wantUnanswered ? u.tp++ : u.fp++; else if (wantUnanswered) u.fn++;
      if (fired('work-summary')) wantSummary ? w.tp++ : w.fp++; else if (wantSummary) w.fn++;
    }
    if (fired('ask-unanswered') !== wantUnanswered) errors.push(`${id}  ask-unanswered ${fired('ask-unanswered') ? '误报' : '漏报'}`);
    if (fired('work-summary') !== wantSummary) errors.push(`${id}  work-summary ${fired('work-summary') ? '误报' : '漏报'}`);
  }

  const summarize = (s) => ({
    pairs: s.pairs, asks: s.asks, notExtracted: s.notExtracted, spurious: s.spurious,
    missing: { ...s.missing, ...prf(s.missing) },
    accuracy: ratio(STATUSES.reduce((a, k) => a + s.status[k].correct, 0), s.asks),
    byStatus: Object.fromEntries(STATUSES.map((k) => [k, { ...s.status[k], accuracy: ratio(s.status[k].correct, s.status[k].n) }])),
    confusion: s.confusion,
    askUnanswered: { ...s.unansweredRule, ...prf(s.unansweredRule) },
    workSummary: { ...s.workSummaryRule, ...prf(s.workSummaryRule) },
  });
  const figures = { ...summarize(all), dev: summarize(splits.dev), holdout: summarize(splits.holdout), errors };

  if (!options.quiet) {
    const line = (name, f) => `${name.padEnd(8)} ${String(f.pairs).padStart(3)} 对 ${String(f.asks).padStart(3)} 项  “未答”查准 ${pct(f.missing.precision).padStart(6)}  查全 ${pct(f.missing.recall).padStart(6)}  状态准确率 ${pct(f.accuracy).padStart(6)}`;
    console.log(`\n针对性（建议/答复对照，${figures.pairs} 对，${figures.asks} 项）`);
    console.log(line('全部', figures));
    if (figures.holdout.pairs) { console.log(line('调参集', figures.dev)); console.log(line('留出集', figures.holdout)); }
    console.log(`“未答”（missing）：正确 ${figures.missing.tp}，误判 ${figures.missing.fp}，漏判 ${figures.missing.fn}；查准率 ${pct(figures.missing.precision)}，查全率 ${pct(figures.missing.recall)}`);
    console.log(`各状态准确率：${STATUSES.map((k) => `${k} ${figures.byStatus[k].correct}/${figures.byStatus[k].n}（${pct(figures.byStatus[k].accuracy)}）`).join('，')}`);
    console.log(`未抽取到的项 ${figures.notExtracted}，多抽取的项 ${figures.spurious}`);
    console.log(`按篇：ask-unanswered 查准 ${pct(figures.askUnanswered.precision)} 查全 ${pct(figures.askUnanswered.recall)}；work-summary 查准 ${pct(figures.workSummary.precision)} 查全 ${pct(figures.workSummary.recall)}`);
    if (verbose && errors.length) console.log(`\n不一致（${errors.length}）：\n  ${errors.join('\n  ')}`);
    else if (errors.length) console.log(`（${errors.length} 处不一致，加 --verbose 列出）`);
  }
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await evalTargeting();
