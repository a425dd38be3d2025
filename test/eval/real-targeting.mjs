// Targeting on real suggestion records (test/real/records.json) and real record–reply pairs
// (test/real/pairs.json): are the labelled asks found, is a record field or heading ever taken
// for an ask, and is each ask's status (answered / weak / missing) right. The texts are local only.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createChecker, extractAsks } from '@dafu/rules';
import { restorePunctuation } from './restore-punctuation.mjs';
import { REAL } from './real.mjs';
import { alignAsks, RECORD_FIELD } from './ask-match.mjs';

const readJson = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : []);
const text = (...p) => restorePunctuation(readFileSync(join(REAL, 'texts', ...p), 'utf8'));
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');

export function evalRealTargeting({ verbose = process.argv.includes('--verbose'), quiet = false } = {}) {
  const log = quiet ? () => {} : console.log;
  const records = readJson(join(REAL, 'records.json')).filter((r) => existsSync(join(REAL, 'texts/records', `${r.id}.txt`)));
  const pairs = readJson(join(REAL, 'pairs.json')).filter((p) => existsSync(join(REAL, 'texts/pairs', `${p.id}.reply.txt`)));
  log('\n== 真实建议、提案原文与答复（针对性）==');
  if (!records.length && !pairs.length) { log('本机没有原文（test/real/texts/ 不提交）；按 test/real/README.md 收集后再运行。'); return null; }

  // --- ask extraction on records ---
  let labels = 0, found = 0, fields = 0, extra = 0;
  const misses = [], fieldHits = [];
  for (const r of records) {
    const parts = extractAsks(text('records', `${r.id}.txt`));
    const { byLabel, unmatched } = alignAsks(r.asks, parts.asks);
    labels += r.asks.length;
    found += byLabel.size;
    r.asks.forEach((a, i) => { if (!byLabel.has(i)) misses.push(`${r.id}  未找到：${a}`); });
    for (const j of unmatched) {
      if (RECORD_FIELD.test(parts.asks[j].text)) { fields++; fieldHits.push(`${r.id}  把字段或标题当成诉求：“${parts.asks[j].text.slice(0, 30)}”`); } else extra++;
    }
  }
  log(`原文 ${records.length} 件，标注诉求 ${labels} 项：找到 ${found} 项（${pct(found, labels)}）；字段或标题被当成诉求 ${fields} 次；另多抽取 ${extra} 项`);
  if (verbose) { for (const l of [...fieldHits, ...misses]) log(`  ${l}`); }

  // --- coverage on pairs ---
  const checker = createChecker();
  const missing = { tp: 0, fp: 0, fn: 0 };
  let settled = 0, correct = 0, notExtracted = 0, unsettled = 0;
  const errors = [];
  for (const p of pairs) {
    const suggestion = text('pairs', `${p.id}.record.txt`);
    const result = checker.check({ text: text('pairs', `${p.id}.reply.txt`), name: `${p.id}.txt`, format: 'txt', context: [{ source: 'sidecar', value: { kind: p.kind, suggestion } }] });
    const predicted = result.coverage?.asks ?? [];
    const { byLabel } = alignAsks(p.asks.map((a) => a.ask), predicted.map((c) => c.ask));
    p.asks.forEach((a, i) => {
      if (a.status === 'unsettled') { unsettled++; return; }
      const got = byLabel.has(i) ? predicted[byLabel.get(i)].status : 'none';
      settled++;
      if (got === a.status) correct++;
      if (got === 'none') notExtracted++;
      if (a.status === 'missing' && got === 'missing') missing.tp++;
      else if (a.status === 'missing') missing.fn++;
      else if (got === 'missing') missing.fp++;
      if (got !== a.status) errors.push(`${p.id}  “${a.ask}”  标注 ${a.status}，判为 ${got}`);
    });
  }
  log(`配对 ${pairs.length} 组，可判定的诉求 ${settled} 项（另有 ${unsettled} 项因答复截断无法判定）`);
  log(`  “未答复”精确率 ${pct(missing.tp, missing.tp + missing.fp)}，召回率 ${pct(missing.tp, missing.tp + missing.fn)}（实际未答复 ${missing.tp + missing.fn} 项）；状态准确率 ${pct(correct, settled)}；未抽取到 ${notExtracted} 项`);
  if (verbose) for (const e of errors) log(`  ${e}`);
  return { records: records.length, labels, found, fields, extra, pairs: pairs.length, settled, correct, missing };
}

if (import.meta.url === `file://${process.argv[1]}`) evalRealTargeting();
