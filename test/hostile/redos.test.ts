/**
 * Issue 8: no super-linear regex. Every regex of the rule pack and the core (data rules, the
 * lexicon alternations they compile, every literal and constant RegExp in the code, the core's
 * exported patterns) is analysed with scslre, which proves the absence of (or finds) polynomial
 * and exponential backtracking, and each one is then run on long adversarial strings built from
 * its own characters. No timings are asserted: a super-linear regex would hang the test instead.
 */
import { analyse, type Report } from 'scslre';
import { describe, expect, test } from 'vitest';
import { FACT_PATTERNS, lexiconPattern, lexicons, patterns, rules } from '../../rules/src/index.js';
import { allRegexes, type FoundRegex } from './regexes.js';

const { found, dynamic } = allRegexes();

/** Built at run time: the core's exported patterns and the lexicon alternations of data rules. */
const runtime: FoundRegex[] = [
  ...Object.entries(patterns).filter(([, v]) => v instanceof RegExp).map(([k, v]) => ({ source: (v as RegExp).source, flags: (v as RegExp).flags, where: `patterns.${k}` })),
  ...Object.entries(FACT_PATTERNS).map(([k, v]) => ({ source: v.source, flags: v.flags, where: `FACT_PATTERNS.${k}` })),
  ...rules.flatMap((r) => ('lexicon' in r && typeof r.lexicon === 'string' && lexicons[r.lexicon as keyof typeof lexicons]
    ? [{ source: lexiconPattern(lexicons[r.lexicon as keyof typeof lexicons] as Parameters<typeof lexiconPattern>[0]), flags: 'gud', where: `${r.id}.lexicon` }]
    : [])),
].filter((r) => r.source);

const every = [...found, ...runtime];

/**
 * "Move" reports (a quantifier that rescans a long run from every start position, O(n²) on a
 * non-matching run) accepted only where the input is short by construction.
 */
const MOVE_ALLOWED: Record<string, string> = {
  'core/src/document/roles.ts': 'title test, only run on lines of at most 90 characters',
  'core/src/lexicon/lists.ts': 'parses entries of the configured word lists, not draft text',
  'core/src/lexicon/table.ts': 'parses imported word tables, not draft text',
};
const moveAllowed = (where: string) => Object.keys(MOVE_ALLOWED).some((k) => where.startsWith(k + ':'));

function reportsOf(r: FoundRegex): Report[] {
  return analyse({ source: r.source, flags: r.flags.replace(/[gdy]/g, '') }, { maxReports: 10, reportTypes: { Move: true, Self: true, Trade: true } }).reports;
}

const analysed = every.map((r) => ({ r, reports: reportsOf(r) }));

test('the regexes are all found: data rules, code rules, core', () => {
  expect(found.filter((r) => r.where.endsWith('.json') || r.where.includes('.json ')).length).toBeGreaterThan(50);
  expect(found.filter((r) => r.where.startsWith('rules/src/code/')).length).toBeGreaterThan(30);
  expect(found.filter((r) => r.where.startsWith('core/src/')).length).toBeGreaterThan(50);
  expect(runtime.length).toBeGreaterThan(10);
  // regexes built from variables cannot be analysed statically; they are composed of the
  // exported patterns above and are exercised by the long-input tests (text.test.ts)
  expect(dynamic.length).toBeLessThan(40);
});

test('no regex backtracks polynomially or exponentially (scslre: no Trade or Self report)', () => {
  const bad = analysed.flatMap(({ r, reports }) => reports.filter((x) => x.type !== 'Move').map((x) => `${r.where} ${x.type}${x.exponential ? ' (exponential)' : ''} on “${x.character.pick}”×n: /${r.source}/${r.flags}`));
  expect(bad).toEqual([]);
});

test('no regex rescans long runs from every start (scslre Move), except on input short by construction', () => {
  const bad = analysed.flatMap(({ r, reports }) => reports.filter((x) => x.type === 'Move' && !moveAllowed(r.where)).map((x) => `${r.where} on “${x.character.pick}”×n: /${r.source}/${r.flags}`));
  expect(bad).toEqual([]);
});

describe('every regex on long adversarial input', () => {
  const N = 20_000;
  /** the characters a regex is made of, plus the usual suspects */
  const attackChars = (r: FoundRegex, reports: Report[]): string[] => {
    const own = [...new Set([...r.source.replace(/\\[pPu]\{[^}]*\}|\\u[0-9a-fA-F]{4}|\\./g, '')].filter((c) => !'()[]{}?*+|^$\\'.includes(c)))].slice(0, 24);
    return [...new Set([...reports.map((x) => x.character.pick), ...own, ' ', '\u3000', '0', '1', '一', '，', '。', '.', 'a', '《'])];
  };
  const groups = new Map<string, typeof analysed>();
  for (const a of analysed) {
    const key = a.r.where.split(/[: ]/)[0];
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  test.each([...groups.keys()])('%s', (key) => {
    for (const { r, reports } of groups.get(key)!) {
      const n = moveAllowed(r.where) ? 2_000 : N;
      const re = new RegExp(r.source, r.flags.includes('g') ? r.flags : r.flags + 'g');
      for (const c of attackChars(r, reports)) {
        for (const text of [c.repeat(n) + '\u0001', '\u0001' + c.repeat(n), (c + '\u3000').repeat(n / 2) + 'x']) {
          re.lastIndex = 0;
          let count = 0;
          for (let m = re.exec(text); m && count < 1e6; m = re.exec(text)) { count++; if (m[0] === '') re.lastIndex++; }
        }
      }
    }
  });
});
