// Lexicon and list evaluation (issue 9): replies written for this project with planted typos,
// doubled words, misspelt deputy/member names and unit names, and clean replies full of
// legitimate look-alikes. Prints precision and recall of the rules that use the lexicons and the
// unit's lists. Run on its own (`node test/eval/lexicons.mjs [--verbose]`) or from `npm run eval`.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createChecker, parseSheet, readTable, rules as allRules } from '@dafu/rules';

const here = dirname(fileURLToPath(import.meta.url));
const TEXTS = join(here, 'lexicon-texts');
export const LEXICON_RULES = ['typos', 'jiezhi-jiezhi', 'doubled-words', 'proposer-name', 'unit-name'];

/** The unit's lists, read and validated the way `dafu lists import` and the config do. */
function readLists(dir) {
  const lists = {};
  for (const [kind, file] of [['words', 'words.csv'], ['units', 'units.csv'], ['roster', 'roster.csv']]) {
    const table = readTable(new Uint8Array(readFileSync(join(dir, file))), file);
    const parsed = parseSheet(table.sheets[0], { kind });
    const bad = parsed.problems.filter((p) => p.level === 'error');
    if (bad.length) throw new Error(`${file}: ${bad.map((p) => `第${p.row}行 ${p.message}`).join('；')}`);
    lists[kind] = parsed.entries;
  }
  return lists;
}

export async function evalLexicons({ verbose = process.argv.includes('--verbose'), print = true } = {}) {
  const lists = readLists(TEXTS);
  const off = Object.fromEntries(allRules.map((r) => [r.id, 'off']));
  const on = Object.fromEntries(allRules.filter((r) => LEXICON_RULES.includes(r.id)).map((r) => [r.id, r.severity]));
  const checker = createChecker({ config: { lists, rules: { ...off, ...on } } });

  const stats = Object.fromEntries(LEXICON_RULES.map((r) => [r, { labels: 0, found: 0, findings: 0, true: 0 }]));
  const misses = [], falses = [];
  let texts = 0, clean = 0, cleanFalse = 0, chars = 0;
  const names = readdirSync(TEXTS).filter((f) => f.endsWith('.txt')).sort();
  for (const name of names) {
    const id = name.replace(/\.txt$/, '');
    const text = readFileSync(join(TEXTS, name), 'utf8');
    const label = JSON.parse(readFileSync(join(TEXTS, `${id}.label.json`), 'utf8'));
    texts++;
    chars += text.length;
    if (label.clean) clean++;
    const result = checker.check({ text, name, ...(label.mode ? { mode: label.mode } : {}), context: { ...(label.kind ? { kind: label.kind } : {}), ...label.context } });
    const open = label.planted.map((p) => ({ ...p, hit: false }));
    for (const p of open) stats[p.rule].labels++;
    for (const m of result.messages.filter((m) => LEXICON_RULES.includes(m.ruleId))) {
      stats[m.ruleId].findings++;
      const l = open.find((p) => !p.hit && p.rule === m.ruleId && p.excerpt === m.excerpt);
      if (l) { l.hit = true; stats[m.ruleId].true++; stats[m.ruleId].found++; }
      else { falses.push(`${id}  ${m.ruleId}  “${m.excerpt}”  ${m.message}`); if (label.clean) cleanFalse++; }
    }
    for (const p of open) if (!p.hit) misses.push(`${id}  ${p.rule}  “${p.excerpt}”  ${p.note ?? ''}`);
  }

  const tot = Object.values(stats).reduce((a, s) => ({ labels: a.labels + s.labels, found: a.found + s.found, findings: a.findings + s.findings, true: a.true + s.true }), { labels: 0, found: 0, findings: 0, true: 0 });
  if (print) {
    const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');
    const row = (name, s) => `${name.padEnd(15)} ${String(s.labels).padStart(4)}  ${String(s.found).padStart(4)}  ${pct(s.found, s.labels).padStart(6)}  ${String(s.findings).padStart(5)}  ${String(s.true).padStart(4)}  ${pct(s.true, s.findings).padStart(6)}`;
    console.log(`\n词库与清单（lexicon-texts）：${texts} 篇（干净 ${clean} 篇，埋有错误 ${texts - clean} 篇，共 ${chars} 字）；词表 ${lists.words.length} 条 + 内置 ${checker.config.lexicons.typos.length - lists.words.length} 条，单位 ${lists.units.length} 个，代表委员 ${lists.roster.length} 人`);
    console.log('规则            标注  检出  召回率   发现  正确  精确率');
    for (const r of LEXICON_RULES) console.log(row(r, stats[r]));
    console.log(row('all', tot));
    console.log(`干净稿件的误报：${cleanFalse} 处（${clean} 篇）`);
    if (verbose) {
      console.log(`\n漏报（${misses.length}）：${misses.length ? `\n  ${misses.join('\n  ')}` : ''}`);
      console.log(`误报（${falses.length}）：${falses.length ? `\n  ${falses.join('\n  ')}` : ''}`);
    } else if (misses.length || falses.length) console.log('（加 --verbose 列出每一处漏报和误报）');
  }
  return { stats, total: tot, precision: tot.findings ? tot.true / tot.findings : 1, recall: tot.labels ? tot.found / tot.labels : 1, cleanFalse, misses, falses };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await evalLexicons();
