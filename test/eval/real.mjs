// Real letters (test/real): structure agreement per part, mode accuracy, "missing part" findings
// where the annotation has the part, audited precision per severity and rule, findings per letter,
// and recall of defects injected into real letters. The texts are local only (git-ignored); when
// they are not there this says so plainly and prints nothing else.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createChecker } from '@dafu/rules';
import { restorePunctuation } from './restore-punctuation.mjs';
import { INJECTIONS } from './inject.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const REAL = join(here, '../real');

/** The parts annotated by hand, each compared with the parser's role of the same lines. */
export const PARTS = ['docNumber', 'classMark', 'signer', 'publicity', 'title', 'salutation', 'opening', 'closing', 'signoff', 'date', 'contact', 'cc'];
/** Findings that claim a part is missing, and the part each one claims. */
const MISSING_PART = { 'title-missing': 'title', salutation: 'salutation', 'signoff-date-missing': 'date', 'signoff-unit-missing': 'signoff', 'opening-formula': 'opening', 'closing-thanks': 'closing' };
/** Findings about the end of a letter, which a cut-off excerpt cannot settle. */
const TAIL_RULES = new Set(['signoff-date-missing', 'signoff-unit-missing', 'closing-thanks', 'parts-order', 'contact-record', 'substantive-length', 'specificity-low', 'work-summary']);

const readJson = (f, fallback) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : fallback);

/** The real letters whose texts are here, restored, with their index entries. */
export function loadRealLetters(dir = REAL) {
  const index = readJson(join(dir, 'letters.json'), []);
  const present = index.filter((e) => existsSync(join(dir, 'texts/letters', `${e.id}.txt`)));
  return {
    index,
    letters: present.map((e) => ({ ...e, text: restorePunctuation(readFileSync(join(dir, 'texts/letters', `${e.id}.txt`), 'utf8')) })),
  };
}

/** Checks one real letter as its unit would: kind and role known from the case, nothing else. */
export function checkLetter(checker, letter, text = letter.text) {
  return checker.check({ text, name: `${letter.id}.txt`, format: 'txt', context: [{ source: 'sidecar', value: { kind: letter.kind, role: letter.role } }] });
}

/** Lines per role: from the annotation (every other non-blank line is body) or from the parser. */
const annotatedLines = (letter, part) => Object.entries(letter.roles ?? {}).filter(([, r]) => r === part).map(([l]) => Number(l)).sort((a, b) => a - b);
const parsedLines = (doc, part) => doc.paragraphs.filter((p) => p.role === part).map((p) => p.line);
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** An audit verdict per finding: file, line and rule (never the text). */
const auditKey = (id, m) => `${id}|${m.line}|${m.ruleId}`;

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');

export function evalReal({ verbose = process.argv.includes('--verbose'), quiet = false } = {}) {
  const log = quiet ? () => {} : console.log;
  const { index, letters } = loadRealLetters();
  log(`\n== 真实答复函（test/real）==`);
  if (!letters.length) {
    log(index.length
      ? `索引有 ${index.length} 篇，但本机没有原文（test/real/texts/ 不提交）。按 test/real/README.md 用索引里的 find 词重新收集后再运行。`
      : '没有真实语料索引（test/real/letters.json）。');
    return null;
  }
  const checker = createChecker();
  const audit = new Map(readJson(join(REAL, 'audit.json'), []).map((a) => [`${a.id}|${a.line}|${a.rule}`, a]));
  const parts = Object.fromEntries(PARTS.map((p) => [p, { n: 0, agree: 0, present: 0 }]));
  const disagreements = [];
  const missingClaims = [];
  let complete = 0, completeAsLetter = 0, findings = 0, cutTail = 0;
  const bySeverity = { error: { right: 0, wrong: 0, debatable: 0, unaudited: 0 }, warning: { right: 0, wrong: 0, debatable: 0, unaudited: 0 } };
  const byRule = {};
  const unaudited = [];
  const wrong = [];

  for (const letter of letters) {
    const r = checkLetter(checker, letter);
    if (letter.complete) { complete++; if (r.mode === 'letter') completeAsLetter++; else disagreements.push(`${letter.id}  整篇读成了系统表单正文`); }
    for (const part of PARTS) {
      const want = annotatedLines(letter, part);
      // a cut-off excerpt has no tail: its tail parts are neither there nor expected
      const got = parsedLines(r.document, part);
      parts[part].n++;
      if (want.length) parts[part].present++;
      if (same(want, got)) parts[part].agree++;
      else disagreements.push(`${letter.id}  ${part}  标注 [${want.join(',')}]  解析 [${got.join(',')}]`);
    }
    for (const m of r.messages) {
      if (m.severity === 'info') continue;
      const claims = MISSING_PART[m.ruleId];
      if (claims && m.whole !== false && annotatedLines(letter, claims).length && isMissingClaim(m)) missingClaims.push(`${letter.id}  ${m.ruleId}：标注有${claims}`);
      if (!letter.complete && TAIL_RULES.has(m.ruleId)) { cutTail++; continue; }
      findings++;
      const v = audit.get(auditKey(letter.id, m));
      const s = bySeverity[m.severity];
      const rule = (byRule[m.ruleId] ??= { right: 0, wrong: 0, debatable: 0, unaudited: 0 });
      const verdict = v?.verdict ?? 'unaudited';
      s[verdict]++;
      rule[verdict]++;
      if (!v) unaudited.push(`${letter.id}|${m.line}|${m.ruleId}  ${m.severity}  ${m.message.slice(0, 40)}`);
      else if (v.verdict === 'wrong') wrong.push(`${letter.id}|${m.line}|${m.ruleId}  ${v.why ?? ''}`);
    }
  }

  const kinds = (k) => letters.filter((l) => l.kind === k).length;
  log(`${letters.length} 篇（人大建议 ${kinds('npc')}，政协提案 ${kinds('cppcc')}；会办 ${letters.filter((l) => l.role === 'co').length}；完整 ${complete}，截断 ${letters.length - complete}）`);
  log(`\n完整答复函读作答复函：${completeAsLetter}/${complete}（${pct(completeAsLetter, complete)}）`);
  log('\n结构一致率（逐篇比较每一部分所在的行；“有此部分”为标注中有该部分的篇数）');
  log('部分          有此部分  一致    一致率');
  for (const p of PARTS) log(`${p.padEnd(12)}  ${String(parts[p].present).padStart(6)}  ${String(parts[p].agree).padStart(4)}  ${pct(parts[p].agree, parts[p].n).padStart(7)}`);
  log(`\n标注有该部分却报“缺少”：${missingClaims.length} 处${missingClaims.length ? `\n  ${missingClaims.join('\n  ')}` : ''}`);

  log(`\n逐条人工审核的发现（错误和警告级，共 ${findings} 条，平均每篇 ${(findings / letters.length).toFixed(2)} 条；截断稿结尾相关的 ${cutTail} 条不计）`);
  for (const [sev, s] of Object.entries(bySeverity)) {
    log(`${sev === 'error' ? '错误级' : '警告级'}：正确 ${s.right}，错误 ${s.wrong}，可商榷 ${s.debatable}，未审核 ${s.unaudited}；精确率 ${pct(s.right, s.right + s.wrong)}`);
  }
  log('\n按规则：');
  for (const [id, s] of Object.entries(byRule).sort((a, b) => (b[1].right + b[1].wrong + b[1].debatable + b[1].unaudited) - (a[1].right + a[1].wrong + a[1].debatable + a[1].unaudited))) {
    log(`  ${id.padEnd(22)} 正确 ${String(s.right).padStart(3)}  错误 ${String(s.wrong).padStart(3)}  可商榷 ${String(s.debatable).padStart(3)}${s.unaudited ? `  未审核 ${s.unaudited}` : ''}  精确率 ${pct(s.right, s.right + s.wrong)}`);
  }
  if (unaudited.length) log(`\n未审核的发现 ${unaudited.length} 条${verbose ? `：\n  ${unaudited.join('\n  ')}` : '（加 --verbose 列出）'}`);
  if (verbose && wrong.length) log(`\n审核为错误的发现：\n  ${wrong.join('\n  ')}`);
  if (verbose && disagreements.length) log(`\n结构不一致：\n  ${disagreements.join('\n  ')}`);

  const recall = injectedRecall(checker, letters.filter((l) => l.complete));
  log('\n注入缺陷的召回率（在完整的真实答复函上逐一注入）');
  for (const [kind, s] of Object.entries(recall)) log(`  ${kind.padEnd(22)} ${String(s.found).padStart(3)}/${String(s.n).padEnd(3)} ${pct(s.found, s.n)}${verbose && s.misses.length ? `  漏：${s.misses.join(' ')}` : ''}`);
  return { letters: letters.length, completeAsLetter, complete, parts, missingClaims: missingClaims.length, bySeverity, byRule, recall, unaudited: unaudited.length };
}

/** salutation's own finding also reports a 同志 salutation that is there: only "缺少" claims count. */
const isMissingClaim = (m) => m.ruleId !== 'salutation' || /缺少/u.test(m.message);

/** Recall per injected defect kind: the defect's rule fires where it did not fire before. */
export function injectedRecall(checker, letters) {
  const out = {};
  for (const inj of INJECTIONS) {
    const s = (out[inj.kind] = { n: 0, found: 0, misses: [] });
    for (const letter of letters) {
      const before = checkLetter(checker, letter);
      const injected = inj.apply(letter, before);
      if (!injected) continue;
      // a whole-reply defect can only be measured where its rule was silent before
      if (injected.at === undefined && before.messages.some((m) => inj.rules.includes(m.ruleId))) continue;
      s.n++;
      const after = checkLetter(checker, letter, injected.text);
      const hit = after.messages.some((m) => inj.rules.includes(m.ruleId) && (injected.at === undefined || (m.start < injected.at.end && m.end > injected.at.start)));
      if (hit) s.found++;
      else s.misses.push(letter.id);
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) evalReal();
