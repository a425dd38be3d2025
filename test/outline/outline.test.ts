/**
 * Issue 17 — 答复提纲: `dafu outline` (the real CLI) on every suggestion of the targeting pairs,
 * for both kinds (npc, cppcc) and both roles (host, co), as text, Markdown and Word:
 * - one section per ask the suggestion's asks extraction finds, headed with the ask;
 * - `dafu check` on each outline finds nothing but the unfilled placeholders (no other error or
 *   warning), the .docx included (no layout findings at all);
 * - filled in the way a unit would (test/helpers/outline.ts), `dafu check` finds no error.
 * Each outline is checked with its case: a `.case.json` beside it names kind, role, class and
 * the suggestion, so `dafu check` also matches the reply against the asks.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractAsks, parseDraft } from '../../rules/src/index.js';
import { dafu, json, ROOT, tempDir } from '../helpers/cli.js';
import { patch } from '../helpers/docx.js';
import { fillOutline } from '../helpers/outline.js';

const PAIRS = join(ROOT, 'test/eval/targeting-pairs');
const BIN = join(ROOT, 'cli/bin/dafu.js');
const pairs = readdirSync(PAIRS).filter((d) => existsSync(join(PAIRS, d, 'suggestion.txt'))).sort();
const KINDS = ['npc', 'cppcc'] as const;
const ROLES = ['host', 'co'] as const;
const FORMATS = ['txt', 'md', 'docx'] as const;
const HEADING = /^([一二三四五六七八九十]+)、关于(.+)的问题$/u;

interface Case { pair: string; kind: typeof KINDS[number]; role: typeof ROLES[number]; cls?: string; dir: string; suggestion: string }

let root: string;
const cases: Case[] = [];
/** a case with its folder: outline.{txt,md,docx} and outline.case.json */
function make(pair: string, kind: Case['kind'], role: Case['role'], cls?: string): Case {
  const dir = join(root, [pair, kind, role, cls].filter(Boolean).join('-'));
  mkdirSync(dir, { recursive: true });
  const suggestion = join(PAIRS, pair, 'suggestion.txt');
  const c: Case = { pair, kind, role, ...(cls ? { cls } : {}), dir, suggestion };
  const sidecar = { kind, role, suggestion, ...(cls ? { class: cls } : {}) };
  writeFileSync(join(dir, 'outline.case.json'), JSON.stringify(sidecar));
  writeFileSync(join(dir, 'filled.case.json'), JSON.stringify(sidecar));
  cases.push(c);
  return c;
}

/** the outline runs: real processes, two at a time */
const runs: string[][] = [];
const outline = (c: Case, format: typeof FORMATS[number]) => {
  runs.push(['outline', '--suggestion', c.suggestion, '--kind', c.kind, '--role', c.role, ...(c.cls ? ['--class', c.cls] : []), '-o', join(c.dir, `outline.${format}`)]);
};
async function runAll(): Promise<void> {
  const one = (args: string[]) => new Promise<void>((done, fail) => execFile(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } }, (e, _out, err) => (e ? fail(new Error(`dafu ${args.join(' ')}: ${err}`)) : done())));
  const queue = [...runs];
  await Promise.all([0, 1].map(async () => { for (let a = queue.shift(); a; a = queue.shift()) await one(a); }));
}
/** dafu check --format json on many files, through a file (the report is larger than a pipe's buffer) */
function checkAll(files: string[]): ReturnType<typeof json>['results'] {
  const out = join(root, `report-${files.length}-${Math.random().toString(36).slice(2)}.json`);
  const r = dafu(['check', ...files, '--format', 'json', '-o', out]);
  if (r.code === 2) throw new Error(r.stderr);
  return json(readFileSync(out, 'utf8')).results;
}
const lines = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n');
/** the paragraphs of an outline as dafu reads them back (blank lines of Markdown left out) */
const paragraphs = (path: string) => parseDraft({ bytes: new Uint8Array(readFileSync(path)), name: path }).paragraphs.filter((p) => p.role !== 'blank');

let checked: ReturnType<typeof json>['results'];
let filled: ReturnType<typeof json>['results'];

beforeAll(async () => {
  root = tempDir('dafu-outline-');
  // every pair in every kind and role as text; Markdown and Word in turn, so each pair and each
  // kind/role meets every format
  pairs.forEach((pair, i) => {
    for (const kind of KINDS) for (const role of ROLES) {
      const c = make(pair, kind, role);
      outline(c, 'txt');
      const k = KINDS.indexOf(kind) * 2 + ROLES.indexOf(role);
      if ((i + k) % 4 === 0) outline(c, 'md');
      if ((i + k) % 4 === 2 || i < 2) outline(c, 'docx');
    }
  });
  // the result classes: what each must say (A 已解决, B 列入计划 with a time, C 原因)
  for (const pair of pairs.slice(0, 3)) for (const cls of ['A', 'B', 'C']) for (const format of FORMATS) outline(cases.find((c) => c.pair === pair && c.cls === cls) ?? make(pair, 'npc', 'host', cls), format);
  await runAll();
  // filled in: the text as a unit would write it, and the Word copy with the same words
  for (const c of cases) {
    const txt = join(c.dir, 'outline.txt');
    if (existsSync(txt)) writeFileSync(join(c.dir, 'filled.txt'), fillOutline(readFileSync(txt, 'utf8'), c.kind));
    const docx = join(c.dir, 'outline.docx');
    if (existsSync(docx)) writeFileSync(join(c.dir, 'filled.docx'), patch(new Uint8Array(readFileSync(docx)), { 'word/document.xml': (xml) => fillOutline(xml, c.kind) }));
  }
  const all = (name: string) => cases.flatMap((c) => FORMATS.map((f) => join(c.dir, `${name}.${f}`)).filter(existsSync));
  checked = checkAll(all('outline'));
  filled = checkAll(all('filled'));
});

describe('dafu outline: one section per ask', () => {
  it('covers every pair, kind, role and format', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(30);
    for (const kind of KINDS) for (const role of ROLES) for (const format of FORMATS) {
      expect(cases.filter((c) => c.kind === kind && c.role === role && existsSync(join(c.dir, `outline.${format}`))).length, `${kind} ${role} ${format}`).toBeGreaterThanOrEqual(7);
    }
  });

  it.each(pairs)('%s: a section headed with each extracted ask, in order', (pair) => {
    const asks = extractAsks(readFileSync(join(PAIRS, pair, 'suggestion.txt'), 'utf8')).asks;
    expect(asks.length).toBeGreaterThan(0);
    for (const c of cases.filter((x) => x.pair === pair)) {
      const heads = lines(join(c.dir, 'outline.txt')).map((l) => l.match(HEADING)).filter((m) => m !== null);
      expect(heads.length, c.dir).toBe(asks.length);
      heads.forEach((m, i) => {
        expect(m![1]).toBe(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][i] ?? m![1]);
        expect(m![2]).toBe(asks[i].head.replace(/[“”"「」]/gu, '').replace(/[。；;，,：:…]+$/u, ''));
      });
    }
  });

  it('the Markdown and Word outlines read back as the same paragraphs as the text', () => {
    let compared = 0;
    for (const c of cases) {
      const text = lines(join(c.dir, 'outline.txt'));
      for (const format of ['md', 'docx'] as const) {
        const path = join(c.dir, `outline.${format}`);
        if (!existsSync(path)) continue;
        expect(paragraphs(path).map((p) => p.text), path).toEqual(text);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(60);
  });

  it('its parts are read as the letter parts they stand for (placeholder lines included)', () => {
    const c = cases.find((x) => x.role === 'host' && existsSync(join(x.dir, 'outline.docx')))!;
    const roles = paragraphs(join(c.dir, 'outline.docx')).map((p) => p.role);
    expect(roles.slice(0, 3)).toEqual(['title', 'salutation', 'opening']);
    expect(roles.slice(-4)).toEqual(['closing', 'signoff', 'date', 'contact']);
    expect(roles.filter((r) => r === 'heading1').length).toBeGreaterThan(0);
  });
});

describe('dafu check on the outlines', () => {
  it('finds only the unfilled placeholders: no other error or warning, no layout finding in Word', () => {
    expect(checked.length).toBe(cases.reduce((n, c) => n + FORMATS.filter((f) => existsSync(join(c.dir, `outline.${f}`))).length, 0));
    for (const r of checked) {
      expect(r.error, r.file).toBeNull();
      const other = r.messages.filter((m) => m.ruleId !== 'placeholder-unfilled' && m.severity !== 'info');
      expect(other.map((m) => `${m.ruleId}: ${m.message}`), r.file).toEqual([]);
      expect(r.messages.some((m) => m.ruleId === 'placeholder-unfilled' && m.severity === 'error'), r.file).toBe(true);
      if (r.file.endsWith('.docx')) expect(r.messages.filter((m) => m.ruleId.startsWith('docx-')).map((m) => m.message), r.file).toEqual([]);
    }
  });

  it('matches the outline against the asks: none missing', () => {
    const host = checked.filter((r) => /-host(?:-[ABC])?\/outline\.txt$/.test(r.file.replace(/\\/g, '/')));
    expect(host.length).toBeGreaterThanOrEqual(60);
    for (const r of host) {
      expect(r.coverage?.length, r.file).toBeGreaterThan(0);
      expect((r.coverage as Array<{ status: string }>).filter((a) => a.status === 'missing'), r.file).toEqual([]);
    }
  });

  it('filled in, has no error-level finding (text and Word)', () => {
    expect(filled.length).toBeGreaterThanOrEqual(cases.length);
    for (const r of filled) {
      expect(r.error, r.file).toBeNull();
      expect(r.messages.filter((m) => m.severity === 'error').map((m) => `${m.ruleId}: ${m.message}`), r.file).toEqual([]);
      expect(r.messages.some((m) => m.ruleId === 'placeholder-unfilled'), r.file).toBe(false);
    }
  });

  it('says what each result class needs: A 已解决, B 列入计划 with a time node, C the reasons', () => {
    const per = (cls: string) => cases.filter((c) => c.cls === cls).map((c) => readFileSync(join(c.dir, 'outline.txt'), 'utf8'));
    for (const t of per('A')) { expect(t).toMatch(/该问题已解决。【已办情况/u); expect(t).not.toMatch(/暂不能办/u); }
    for (const t of per('B')) { expect(t).toMatch(/该事项已列入工作计划。【下一步安排：写明措施、完成时限和责任单位/u); expect(t).not.toMatch(/暂不能办/u); }
    for (const t of per('C')) { expect(t).toMatch(/该事项目前暂不具备实施条件。【暂不能办的原因：写明政策依据/u); expect(t).toMatch(/【替代措施/u); }
    const none = readFileSync(join(cases[0].dir, 'outline.txt'), 'utf8');
    expect(none).toMatch(/【已办情况[^】]*】\n【下一步安排[^】]*】\n【暂不能办的原因/u);
  });
});

describe('dafu outline: the case, the variants and the profile', () => {
  const S = join(PAIRS, 'h01-night-clinic', 'suggestion.txt');
  const run = (args: string[], cwd?: string) => dafu(['outline', '--suggestion', S, ...args], cwd ? { cwd } : {});

  it('prints the text outline without -o, and says on stderr how many asks and blanks', () => {
    const r = run([]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('关于【届次会次和编号，如市十七届人大四次会议第128号】建议的答复');
    expect(r.stdout).toContain('沈某某代表：'); // the record's 领衔代表
    expect(r.stdout).toContain('您提出的《关于在社区卫生服务中心开设夜间门诊的建议》收悉。现答复如下：');
    expect(r.stderr).toMatch(/^答复提纲：3 项诉求各一节，\d+ 处【……】待填写/u);
  });

  it('writes what the flags say: number, proposer, unit, dates', () => {
    const r = run(['--number', '188', '--proposer', '王某某、李某某', '--unit', '某市卫生健康委员会', '--assigned', '2025-04-20', '--deadline', '2025-07-20', '--title', '关于开设夜间门诊的建议']);
    const t = r.stdout.split('\n');
    expect(t[0]).toBe('关于【届次会次，如市十七届人大四次会议】第188号建议的答复');
    expect(t[1]).toBe('王某某、李某某代表：');
    expect(t[2]).toBe('您提出的《关于开设夜间门诊的建议》（第188号）收悉。现答复如下：');
    expect(r.stdout).toContain('交办日期2025年4月20日之后');
    expect(r.stdout).toContain('\n某市卫生健康委员会\n【成文日期，不晚于办理期限2025年7月20日】\n');
  });

  it('reads the case from the .case.json beside the suggestion; flags win over it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '原件.txt'), readFileSync(S));
    writeFileSync(join(dir, '原件.case.json'), JSON.stringify({ kind: 'cppcc', number: 46, proposer: '陈某某', unit: '某市园林绿化局', session: '市政协十四届四次会议', coUnits: ['市财政局'] }));
    const r = dafu(['outline', '--suggestion', join(dir, '原件.txt')]);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      '关于市政协十四届四次会议第46号提案的答复',
      '陈某某委员：',
      '您提出的《关于在社区卫生服务中心开设夜间门诊的建议》（第46号）收悉。该提案由我单位主办，市财政局会办。现答复如下：',
    ]);
    expect(r.stdout).toContain('\n某市园林绿化局\n');
    expect(r.stdout).toMatch(/\n抄送：市财政局。\n$/u);
    const flags = dafu(['outline', '--suggestion', join(dir, '原件.txt'), '--number', '47', '--proposer', '林某某']);
    expect(flags.stdout.split('\n').slice(0, 2)).toEqual(['关于市政协十四届四次会议第47号提案的答复', '林某某委员：']);
  });

  it('a 会办意见 goes to the host unit and asks it to use the opinion', () => {
    const r = run(['--role', 'co', '--kind', 'cppcc', '--number', '46']);
    const t = r.stdout.split('\n');
    expect(t[0]).toMatch(/第46号提案的会办意见$/u);
    expect(t[1]).toBe('【主办单位全称】：');
    expect(t[2]).toBe('沈某某委员提出的《关于在社区卫生服务中心开设夜间门诊的建议》（第46号）由贵单位主办、我单位会办。经研究，现将会办意见函告如下：');
    expect(r.stdout).toContain('以上意见，请贵单位在答复委员时一并考虑。');
    expect(r.stdout).not.toContain('感谢');
  });

  it('a collective proposal is addressed to the organisation', () => {
    const r = run(['--kind', 'cppcc', '--proposer', '民盟某市委员会']);
    expect(r.stdout.split('\n').slice(1, 3)).toEqual(['民盟某市委员会：', '民盟某市委员会提出的《关于在社区卫生服务中心开设夜间门诊的建议》收悉。现答复如下：']);
    expect(r.stdout).toContain('感谢贵方对我们工作的关心和支持');
  });

  it('adds what the profile requires: 文号, 类别, 签发人, 公开属性, 抄送; and checks clean against it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'dafu.config.json'), JSON.stringify({ profile: { require: { docNumber: true, classMark: true, signer: true, publicity: true, contact: true, cc: ['市人大常委会代表工作委员会', '市政府督查室'] } } }));
    writeFileSync(join(dir, '提纲.case.json'), JSON.stringify({ kind: 'npc', role: 'host', class: 'B', suggestion: S }));
    for (const f of ['提纲.txt', '提纲.docx']) {
      expect(run(['--class', 'B', '-o', join(dir, f)]).code).toBe(0);
      const r = json(dafu(['check', join(dir, f), '--format', 'json']).stdout).results[0];
      expect(r.messages.filter((m) => m.ruleId !== 'placeholder-unfilled' && m.severity !== 'info').map((m) => m.message), f).toEqual([]);
    }
    expect(lines(join(dir, '提纲.txt')).slice(0, 5)).toEqual(['【发文字号：机关代字、年份和序号】', 'B', '签发人：【姓名】', '【公开属性：主动公开／依申请公开／不予公开】', '关于【届次会次和编号，如市十七届人大四次会议第128号】建议的答复']);
    expect(lines(join(dir, '提纲.txt')).at(-1)).toBe('抄送：市人大常委会代表工作委员会，市政府督查室。');
    // -c names the config; without it the nearest one above the output is used
    const elsewhere = join(tempDir(), 'x.txt');
    expect(run(['-o', elsewhere]).code).toBe(0);
    expect(readFileSync(elsewhere, 'utf8')).not.toContain('发文字号');
    expect(run(['-o', elsewhere, '-c', join(dir, 'dafu.config.json')]).code).toBe(0);
    expect(readFileSync(elsewhere, 'utf8')).toContain('发文字号');
  });

  it('fails with exit 2 and a Chinese message when the suggestion is missing', () => {
    const none = dafu(['outline']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('请用 --suggestion <文件> 指定建议（提案）原件');
    const gone = dafu(['outline', '--suggestion', join(tempDir(), '没有.txt')]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('无法读取建议（提案）原件');
    const bad = dafu(['outline', '--suggestion', S, '--deadline', '2025-13-40']);
    expect(bad.code).toBe(2);
  });
});
