/**
 * Every option of every dafu command is exercised (issue 14): the options are read from the
 * real `--help` output of `dafu check`, `dafu outline`, `dafu rules`, `dafu lists import` and `dafu lists export`,
 * and each must have an entry in OPTIONS below that runs the real CLI with it and asserts what it
 * does (not only the exit code). A new option without an entry, or an entry that never passes
 * its option to the CLI, fails here, naming it.
 *
 * Also: no option may be declared variadic (`<值...>`): a variadic option swallows the file
 * names that follow it, and commander only treats `<x...>` as variadic when the character
 * before the dots is ASCII, so `--preset <预设...>` silently took one value (issue 14).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dafu, json, ROOT, tempDir } from '../helpers/cli.js';
import { part } from '../helpers/docx.js';

const COMMANDS = [['check'], ['outline'], ['rules'], ['lists', 'import'], ['lists', 'export']];
const BIN = join(ROOT, 'cli/bin/dafu.js');

/** The options a command's --help lists: its flags line, long name and short alias. */
function helpOptions(cmd: string[]): Array<{ flags: string; long: string; short?: string }> {
  const r = dafu([...cmd, '--help']);
  if (r.code !== 0) throw new Error(`dafu ${cmd.join(' ')} --help exited ${r.code}: ${r.stderr}`);
  return [...r.stdout.matchAll(/^ {2}(?:(-\w), )?(--[\w-]+)([^\n]*?)(?: {2,}|$)/gm)].map((m) => ({ flags: `${m[1] ? `${m[1]}, ` : ''}${m[2]}${m[3]}`, long: m[2], ...(m[1] ? { short: m[1] } : {}) }));
}

// ------------------------------------------------------------------ fixtures

type Result = ReturnType<typeof dafu>;
let dir: string;
let n = 0;
/** the argument lists each entry ran, to prove it passed its option */
let calls: string[][] = [];
const run = (args: string[], opts: Parameters<typeof dafu>[1] = {}): Result => {
  calls.push(args);
  return dafu(args, { cwd: dir, ...opts });
};
const results = (r: Result) => json(r.stdout).results;
const one = (r: Result) => { expect(r.stderr).not.toMatch(/^错误：/m); return results(r)[0]; };
const ids = (r: Result) => one(r).messages.map((m) => m.ruleId);
const sev = (r: Result, id: string) => one(r).messages.find((m) => m.ruleId === id)?.severity;
/** a fresh folder under the fixtures folder */
const fresh = () => { const d = join(dir, `case-${++n}`); mkdirSync(d); return d; };
/** a fresh copy of an example (without its .case.json, so only the flags describe the case) */
const copy = (example: string, name = example) => { const d = fresh(); copyFileSync(join(ROOT, 'examples', example), join(d, name)); return join(d, name); };

const EXAMPLE = readFileSync(join(ROOT, 'examples/npc-host-good.txt'), 'utf8').split('\n');
/**
 * The body of a good letter as pasted into the system's form (no title, salutation, sign-off),
 * without the closing thanks: closing-thanks is a hint (info) that strict makes a warning.
 */
const BODY = EXAMPLE.slice(EXAMPLE.findIndex((l) => l.startsWith('您提出的')), EXAMPLE.findIndex((l) => l.startsWith('感谢'))).join('\n');
const TITLE = '关于缓解城区中小学校门口上下学交通拥堵的建议';
let body: string; // path of BODY in its own folder
/** a suggestion with three asks and its 领衔代表 (沈某某) */
const SUGGESTION = join(ROOT, 'test/eval/targeting-pairs/h01-night-clinic/suggestion.txt');
/** the lines of the text outline of SUGGESTION with these options */
const outlineLines = (args: string[]) => run(['outline', '--suggestion', SUGGESTION, ...args]).stdout.trimEnd().split('\n');
const bodyCopy = (name = 'body.txt') => { const d = fresh(); writeFileSync(join(d, name), BODY); return join(d, name); };

beforeAll(() => {
  dir = tempDir('dafu-options-');
  body = bodyCopy();
});

// ------------------------------------------------------------------ one entry per option

type Case = () => void | Promise<void>;
/** command + long option → a case, or several named cases */
const OPTIONS: Record<string, Case | Record<string, Case>> = {
  'check --format': () => {
    const j = run(['check', body, '--format', 'json']);
    expect(json(j.stdout).tool.name).toBe('dafu');
    const s = run(['check', body, '-f', 'stylish']);
    expect(s.stdout).toMatch(/共检查 1 个文件/);
    expect(() => JSON.parse(s.stdout)).toThrow();
  },
  'check --output': () => {
    const out = join(fresh(), 'sub', 'out.json');
    const r = run(['check', body, '--format', 'json', '-o', out]);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).results).toHaveLength(1);
  },
  'check --config': () => {
    const cfg = join(fresh(), 'my-config.json');
    writeFileSync(cfg, JSON.stringify({ rules: { 'closing-thanks': 'off' } }));
    expect(ids(run(['check', body, '--format', 'json']))).toContain('closing-thanks');
    expect(ids(run(['check', body, '--format', 'json', '--config', cfg]))).not.toContain('closing-thanks');
    expect(ids(run(['check', body, '--format', 'json', '-c', cfg]))).not.toContain('closing-thanks');
  },
  'check --preset': {
    'system-form alone: a full letter is checked as a form body': () => {
      const letter = copy('npc-host-good.txt');
      const r = run(['check', letter, '--format', 'json', '--preset', 'system-form']);
      expect(r.code).toBe(0);
      expect(one(r).mode).toBe('system-form');
      expect(ids(r)).toContain('system-form-parts');
    },
    'letter alone: a form body is checked as a letter': () => {
      expect(one(run(['check', body, '--format', 'json'])).mode).toBe('system-form');
      const r = run(['check', body, '--format', 'json', '--preset', 'letter']);
      expect(one(r).mode).toBe('letter');
      expect(ids(r)).toEqual(expect.arrayContaining(['title-missing', 'signoff-date-missing']));
    },
    'strict alone: hints become warnings, and contact, class and publicity are required': () => {
      expect(sev(run(['check', body, '--format', 'json']), 'closing-thanks')).toBe('info');
      expect(sev(run(['check', body, '--format', 'json', '--preset', 'strict']), 'closing-thanks')).toBe('warning');
      const letter = copy('npc-host-flawed.txt');
      expect(ids(run(['check', letter, '--format', 'json']))).not.toContain('required-parts');
      expect(ids(run(['check', letter, '--format', 'json', '--preset', 'strict']))).toContain('required-parts');
    },
    'recommended alone: replaces the config file’s preset': () => {
      const d = fresh();
      writeFileSync(join(d, 'dafu.config.json'), JSON.stringify({ preset: 'strict' }));
      writeFileSync(join(d, 'r.txt'), BODY);
      expect(sev(run(['check', join(d, 'r.txt'), '--format', 'json']), 'closing-thanks')).toBe('warning');
      expect(sev(run(['check', join(d, 'r.txt'), '--format', 'json', '--preset', 'recommended']), 'closing-thanks')).toBe('info');
    },
    'gbt9704 alone: the Word layout checks, which system-form leaves out': () => {
      const docx = copy('cppcc-vocab-mixed-letter.docx');
      const layout = (r: Result) => ids(r).filter((id) => id.startsWith('docx-'));
      expect(layout(run(['check', docx, '--format', 'json', '--preset', 'gbt9704']))).toContain('docx-line-spacing');
      expect(layout(run(['check', docx, '--format', 'json', '--preset', 'system-form', '--mode', 'letter']))).toEqual([]);
      expect(layout(run(['check', docx, '--format', 'json', '--preset', 'system-form', '--preset', 'gbt9704', '--mode', 'letter']))).toContain('docx-line-spacing');
    },
    'several: repeated, comma-separated (ASCII or full-width) and after the file all mean the same': () => {
      const forms = [
        ['check', body, '--preset', 'strict', '--preset', 'system-form'],
        ['check', body, '--preset', 'strict,system-form'],
        ['check', body, '--preset', 'strict，system-form'],
        ['check', '--preset', 'strict, system-form', body],
      ];
      const outs = forms.map((f) => run([...f, '--format', 'json']));
      for (const r of outs) {
        expect(r.code).toBe(0);
        expect(one(r).mode).toBe('system-form');
        expect(sev(r, 'closing-thanks')).toBe('warning');
        expect(results(r)).toEqual(results(outs[0]));
      }
    },
    'several: of letter and system-form the later one wins': () => {
      expect(one(run(['check', body, '--format', 'json', '--preset', 'letter,system-form'])).mode).toBe('system-form');
      expect(one(run(['check', body, '--format', 'json', '--preset', 'system-form', '--preset', 'letter'])).mode).toBe('letter');
    },
    'all five together': () => {
      const r = run(['check', body, '--format', 'json', '--preset', 'recommended,strict,letter,system-form,gbt9704']);
      expect([0, 1]).toContain(r.code);
      expect(one(r).mode).toBe('system-form');
      expect(sev(r, 'closing-thanks')).toBe('warning');
    },
    'a second word after --preset is a file, not a preset (the README says so)': () => {
      const r = run(['check', body, '--preset', 'system-form', 'recommended']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('找不到“recommended”');
      expect(r.stderr).not.toMatch(/^错误：/m);
    },
    'an unknown preset is a usage error naming the choices': () => {
      for (const v of ['lenient', 'strict,lenient', ',']) {
        const r = run(['check', body, '--preset', v]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^错误：.*recommended、strict、letter、system-form、gbt9704/m);
        expect(r.stdout).toBe('');
      }
    },
    'batch: the presets reach the workers': () => {
      const d = fresh();
      writeFileSync(join(d, 'body.txt'), BODY);
      const r = run(['check', d, '--report', join(d, 'out'), '--preset', 'letter', '--preset', 'strict']);
      expect(r.stderr).not.toMatch(/^错误：/m);
      const res = JSON.parse(readFileSync(join(d, 'out', 'results.json'), 'utf8')).results[0];
      expect(res.mode).toBe('letter');
      expect(res.messages.map((m: { ruleId: string }) => m.ruleId)).toContain('title-missing');
    },
  },
  'check --mode': () => {
    expect(one(run(['check', body, '--format', 'json', '--mode', 'letter'])).mode).toBe('letter');
    const letter = copy('npc-host-good.txt');
    const r = run(['check', letter, '--format', 'json', '--mode', 'system-form']);
    expect(one(r).mode).toBe('system-form');
    expect(ids(r)).toContain('system-form-parts');
  },
  'check --kind': () => {
    expect(one(run(['check', body, '--format', 'json'])).kind).toBeNull();
    // the body quotes the proposal's own title (关于…的建议: the member's words, no slip); it calls the item a 建议 once
    const slip = bodyCopy('slip.txt');
    writeFileSync(slip, BODY.replace(/《[^》]*》/u, '建议'));
    const r = run(['check', slip, '--format', 'json', '--kind', 'cppcc']);
    expect(ids(run(['check', body, '--format', 'json', '--kind', 'cppcc']))).not.toContain('vocab-npc-in-cppcc');
    expect(one(r).kind).toBe('cppcc');
    expect(ids(r)).toContain('vocab-npc-in-cppcc');
  },
  'check --role': () => {
    const r = run(['check', copy('npc-host-good.txt'), '--format', 'json', '--role', 'co']);
    expect(one(r).role).toBe('co');
    expect(ids(r)).toContain('cohost-addressee');
  },
  'check --class': () => {
    const r = run(['check', body, '--format', 'json', '--class', 'B']);
    expect(one(r).class).toBe('B');
    expect(ids(r)).toContain('class-planned-plan');
  },
  'check --number': () => {
    expect(ids(run(['check', body, '--format', 'json', '--number', '999']))).toContain('number-mismatch');
    expect(ids(run(['check', body, '--format', 'json', '--number', '112']))).not.toContain('number-mismatch');
  },
  'check --title': () => {
    expect(ids(run(['check', body, '--format', 'json', '--title', '关于加强老旧小区停车管理的建议']))).toContain('opening-cites-title');
    expect(ids(run(['check', body, '--format', 'json', '--title', TITLE]))).not.toContain('opening-cites-title');
  },
  'check --proposer': () => {
    const letter = copy('npc-host-good.txt');
    expect(ids(run(['check', letter, '--format', 'json', '--proposer', '张某某']))).toContain('salutation-name');
    expect(ids(run(['check', letter, '--format', 'json', '--proposer', '王某某、张某某']))).not.toContain('salutation-name');
  },
  'check --suggestion': () => {
    expect(one(run(['check', body, '--format', 'json'])).coverage).toBeUndefined();
    const r = run(['check', body, '--format', 'json', '--suggestion', join(ROOT, 'test/corpus/cppcc-co-clean-01.suggestion.txt')]);
    expect(one(r).coverage?.length).toBeGreaterThan(0);
    expect(ids(r)).toContain('ask-unanswered'); // the suggestion is about child care, the reply about traffic
  },
  'check --assigned': () => {
    // no deadline given: it is the assignment date plus three months
    expect(ids(run(['check', body, '--format', 'json', '--today', '2025-06-01', '--assigned', '2025-01-10']))).toContain('reply-overdue');
    expect(ids(run(['check', body, '--format', 'json', '--today', '2025-06-01', '--assigned', '2025-05-01']))).not.toContain('reply-overdue');
  },
  'check --deadline': () => {
    expect(ids(run(['check', body, '--format', 'json', '--today', '2025-06-01', '--deadline', '2025-05-01']))).toContain('reply-overdue');
    expect(ids(run(['check', body, '--format', 'json', '--today', '2025-06-01', '--deadline', '2025-12-01']))).not.toContain('reply-overdue');
    expect(run(['check', body, '--deadline', '2025/5/1']).code).toBe(2);
  },
  'check --today': () => {
    const at = (today: string) => ids(run(['check', body, '--format', 'json', '--deadline', '2025-06-10', '--today', today]));
    expect(at('2025-07-01')).toContain('reply-overdue');
    expect(at('2025-06-01')).toContain('reply-due-soon');
    expect(at('2025-04-01')).not.toEqual(expect.arrayContaining(['reply-overdue']));
    expect(at('2025-04-01')).not.toContain('reply-due-soon');
  },
  'check --quiet': () => {
    const flawed = copy('npc-host-flawed.txt');
    const loud = run(['check', flawed]);
    expect(loud.stdout).toMatch(/^\s+\d+:\d+\s+警告/m);
    const quiet = run(['check', flawed, '--quiet']);
    expect(quiet.stdout).not.toMatch(/^\s+\d+:\d+\s+警告/m);
    expect(quiet.stdout).toMatch(/^\s+\d+:\d+\s+错误/m);
    expect(run(['check', flawed, '-q']).stdout).toBe(quiet.stdout);
  },
  'check --max-warnings': () => {
    // a letter checked as a form body: two warnings, no errors
    const letter = copy('npc-host-good.txt');
    const base = ['check', letter, '--preset', 'system-form'];
    expect(run(base).code).toBe(0);
    expect(run([...base, '--max-warnings', '2']).code).toBe(0);
    expect(run([...base, '--max-warnings', '1']).code).toBe(1);
    expect(run([...base, '--max-warnings', '-1']).code).toBe(2);
  },
  'check --fix': () => {
    const flawed = copy('npc-host-flawed.txt');
    expect(readFileSync(flawed, 'utf8')).toContain('截止目前');
    const r = run(['check', flawed, '--fix']);
    expect(r.stderr).toMatch(/已修改 \d+ 处/);
    expect(readFileSync(flawed, 'utf8')).toContain('截至目前');
    expect(readFileSync(flawed, 'utf8')).not.toContain('截止目前');
  },
  'check --fix-dry-run': () => {
    const flawed = copy('npc-host-flawed.txt');
    const before = readFileSync(flawed, 'utf8');
    const r = run(['check', flawed, '--fix-dry-run']);
    expect(r.stderr).toMatch(/将修改 \d+ 处/);
    expect(r.stderr).toContain('“截止” → “截至”');
    expect(readFileSync(flawed, 'utf8')).toBe(before);
  },
  'check --baseline': () => {
    const flawed = copy('npc-host-flawed.txt');
    const baseline = join(fresh(), 'baseline.txt');
    writeFileSync(baseline, 'jiezhi-jiezhi:截止\n');
    const all = ids(run(['check', flawed, '--format', 'json']));
    const r = ids(run(['check', flawed, '--format', 'json', '--baseline', baseline]));
    expect(all).toContain('jiezhi-jiezhi');
    expect(r).not.toContain('jiezhi-jiezhi');
    expect(r.length).toBe(all.length - 1);
  },
  'check --write-baseline': () => {
    const flawed = copy('npc-host-flawed.txt');
    const baseline = join(fresh(), 'baseline.txt');
    const r = run(['check', flawed, '--write-baseline', baseline]);
    expect(r.stderr).toMatch(/已把 \d+ 个问题写入基线/);
    expect(readFileSync(baseline, 'utf8').split('\n')).toContain('jiezhi-jiezhi:截止');
  },
  'check --no-color': () => {
    // colours only go to a terminal: script(1) (util-linux) gives the CLI one
    const flawed = copy('npc-host-flawed.txt');
    const tty = (args: string[]) => {
      calls.push(args);
      // a terminal as a user has one: Node's colour check also reads TERM and CI, which CI runs lack or set
      const env: Record<string, string | undefined> = { ...process.env, TERM: 'xterm-256color' };
      delete env.NO_COLOR;
      delete env.CI;
      const r = spawnSync('script', ['-qec', [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], { cwd: dir, encoding: 'utf8', env, timeout: 60_000 });
      if (r.error) throw new Error(`--no-color needs script(1) from util-linux to give the CLI a terminal: ${r.error.message}`);
      return r.stdout;
    };
    expect(tty(['check', flawed])).toMatch(/\u001b\[/);
    const plain = tty(['check', flawed, '--no-color']);
    expect(plain).toMatch(/共检查 1 个文件/);
    expect(plain).not.toMatch(/\u001b\[/);
  },
  'check --annotate': () => {
    const docx = copy('cppcc-vocab-mixed-letter.docx', '答复稿.docx');
    const before = readFileSync(docx);
    const r = run(['check', docx, '--annotate']);
    expect(r.stderr).toMatch(/已生成批注版：.*答复稿\.dafu批注\.docx（\d+ 条批注）/);
    const annotated = readFileSync(docx.replace(/\.docx$/, '.dafu批注.docx'));
    expect(part(annotated, 'word/comments.xml')).toContain('dafu 答复检查');
    expect(readFileSync(docx).equals(before)).toBe(true);
  },
  'check --annotate-dir': () => {
    const docx = copy('cppcc-vocab-mixed-letter.docx', 'a.docx');
    const out = join(fresh(), '批注');
    run(['check', docx, '--annotate-dir', out]);
    expect(readdirSync(out)).toEqual(['a.dafu批注.docx']);
    expect(existsSync(docx.replace(/\.docx$/, '.dafu批注.docx'))).toBe(false);
  },
  'check --force': () => {
    const docx = copy('cppcc-vocab-mixed-letter.docx', 'a.docx');
    const target = docx.replace(/\.docx$/, '.dafu批注.docx');
    writeFileSync(target, 'old');
    const kept = run(['check', docx, '--annotate']);
    expect(kept.code).toBe(2);
    expect(kept.stderr).toContain('已存在，未覆盖');
    expect(readFileSync(target, 'utf8')).toBe('old');
    const forced = run(['check', docx, '--annotate', '--force']);
    expect(forced.stderr).toMatch(/已生成批注版/);
    expect(readFileSync(target, 'utf8')).not.toBe('old');
  },
  'check --manifest': () => {
    const d = fresh();
    mkdirSync(join(d, 'drafts'));
    writeFileSync(join(d, 'drafts', '答复.txt'), BODY.replace(/《[^》]*》/u, '建议'));
    writeFileSync(join(d, '清单.csv'), `编号,类型,标题,领衔人,主办单位,交办日期,办理期限,类别,答复稿\n112,提案,${TITLE},王某某,某市公安局交通警察支队,2025-03-10,2025-06-10,B,答复.txt\n`);
    const r = run(['check', join(d, 'drafts'), '--manifest', join(d, '清单.csv'), '--report', join(d, 'out'), '--today', '2025-05-01']);
    expect(r.stderr).not.toMatch(/^错误：/m);
    const out = JSON.parse(readFileSync(join(d, 'out', 'results.json'), 'utf8'));
    expect(out.batch.manifest.items).toBe(1);
    const res = out.results[0];
    expect(res.unit).toBe('某市公安局交通警察支队');
    expect([res.kind, res.class]).toEqual(['cppcc', 'B']); // from the manifest: the body says neither
    expect(res.messages.map((m: { ruleId: string }) => m.ruleId)).toContain('vocab-npc-in-cppcc');
    // --manifest without --report says where the report should go
    const no = run(['check', join(d, 'drafts'), '--manifest', join(d, '清单.csv')]);
    expect(no.code).toBe(2);
    expect(no.stderr).toContain('--report');
  },
  'check --report': () => {
    const d = fresh();
    writeFileSync(join(d, 'body.txt'), BODY);
    const r = run(['check', d, '--report', join(d, 'out')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('报告已写入');
    expect(readdirSync(join(d, 'out')).sort()).toEqual(['report.html', 'report.xlsx', 'results.json']);
  },
  'check --jobs': () => {
    const d = fresh();
    for (const name of ['a.txt', 'b.txt', 'c.txt']) writeFileSync(join(d, name), BODY);
    const jobs = (j: string) => { run(['check', d, '--report', join(d, `out-${j}`), '--jobs', j]); return JSON.parse(readFileSync(join(d, `out-${j}`, 'results.json'), 'utf8')).batch.jobs; };
    expect(jobs('1')).toBe(1);
    expect(jobs('2')).toBe(2);
    expect(run(['check', d, '--report', join(d, 'out'), '-j', '0']).code).toBe(2);
  },
  'check --cache': () => {
    const d = fresh();
    for (const name of ['a.txt', 'b.txt']) writeFileSync(join(d, name), BODY);
    const args = ['check', d, '--report', join(d, 'out'), '--cache'];
    const cache = () => JSON.parse(readFileSync(join(d, 'out', 'results.json'), 'utf8')).batch.cache;
    run(args);
    expect(cache()).toMatchObject({ enabled: true, hits: 0, misses: 2 });
    const again = run(args);
    expect(again.stdout).toContain('缓存命中 2 份');
    expect(cache()).toMatchObject({ hits: 2, misses: 0 });
    writeFileSync(join(d, 'b.txt'), BODY + '\n');
    run(args);
    expect(cache()).toMatchObject({ hits: 1, misses: 1 });
  },
  'check --cache-location': () => {
    const d = fresh();
    writeFileSync(join(d, 'a.txt'), BODY);
    const loc = join(fresh(), 'my-cache.json');
    run(['check', d, '--report', join(d, 'out'), '--cache-location', loc]);
    expect(existsSync(loc)).toBe(true);
    expect(existsSync(join(d, 'out', '.dafu-cache.json'))).toBe(false);
    run(['check', d, '--report', join(d, 'out'), '--cache-location', loc]);
    expect(JSON.parse(readFileSync(join(d, 'out', 'results.json'), 'utf8')).batch.cache.hits).toBe(1);
  },
  'check --file-timeout': () => {
    const d = fresh();
    writeFileSync(join(d, 'a.txt'), BODY);
    const codes = (t?: string) => {
      run(['check', d, '--report', join(d, 'out'), '-j', '1', ...(t ? ['--file-timeout', t] : [])]);
      return JSON.parse(readFileSync(join(d, 'out', 'results.json'), 'utf8')).results.map((x: { error: null | { code: string } }) => x.error?.code ?? null);
    };
    expect(codes()).toEqual([null]);
    expect(codes('0.001')).toEqual(['E_TIMEOUT']);
    expect(run(['check', d, '--report', join(d, 'out'), '--file-timeout', '0']).code).toBe(2);
  },
  'check --help': () => {
    const r = run(['check', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^用法： dafu check/m);
    expect(r.stdout).toContain('--preset <名称>');
  },

  'outline --suggestion': () => {
    const r = run(['outline', '--suggestion', SUGGESTION]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('您提出的《关于在社区卫生服务中心开设夜间门诊的建议》收悉。');
    expect(r.stdout.match(/^[一二三]、关于.+的问题$/gmu)).toHaveLength(3);
    expect(run(['outline']).code).toBe(2);
  },
  'outline --kind': () => {
    const r = outlineLines(['--kind', 'cppcc']);
    expect(r[0]).toMatch(/提案的答复$/u);
    expect(r[1]).toBe('沈某某委员：');
    expect(run(['outline', '--suggestion', SUGGESTION, '--kind', 'x']).code).toBe(2);
  },
  'outline --role': () => {
    const r = outlineLines(['--role', 'co']);
    expect(r[0]).toMatch(/建议的会办意见$/u);
    expect(r[1]).toBe('【主办单位全称】：');
    expect(run(['outline', '--suggestion', SUGGESTION, '--role', 'split']).code).toBe(2);
  },
  'outline --number': () => {
    const r = outlineLines(['--number', '188']);
    expect(r[0]).toMatch(/第188号建议的答复$/u);
    expect(r[2]).toContain('（第188号）收悉');
  },
  'outline --title': () => expect(outlineLines(['--title', '关于开设夜间门诊的建议'])[2]).toBe('您提出的《关于开设夜间门诊的建议》收悉。现答复如下：'),
  'outline --proposer': () => expect(outlineLines(['--proposer', '王某某、李某某'])[1]).toBe('王某某、李某某代表：'),
  'outline --unit': () => {
    expect(outlineLines([]).at(-3)).toBe('【承办单位全称】');
    expect(outlineLines(['--unit', '某市卫生健康委员会']).at(-3)).toBe('某市卫生健康委员会');
  },
  'outline --class': () => {
    const a = outlineLines(['--class', 'A']).join('\n');
    expect(a).toContain('该问题已解决。');
    expect(a).not.toContain('暂不能办');
    expect(outlineLines(['--class', 'C']).join('\n')).toContain('该事项目前暂不具备实施条件。');
  },
  'outline --assigned': () => expect(outlineLines(['--assigned', '2025-04-20']).join('\n')).toContain('（交办日期2025年4月20日之后）'),
  'outline --deadline': () => {
    expect(outlineLines(['--deadline', '2025-07-20']).at(-2)).toBe('【成文日期，不晚于办理期限2025年7月20日】');
    expect(run(['outline', '--suggestion', SUGGESTION, '--deadline', '2025/7/20']).code).toBe(2);
  },
  'outline --output': async () => {
    const d = fresh();
    for (const f of ['提纲.txt', '提纲.md', '提纲.docx']) {
      const r = run(['outline', '--suggestion', SUGGESTION, '-o', join(d, f)]);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`已生成答复提纲 ${join(d, f)}`);
    }
    expect(readFileSync(join(d, '提纲.md'), 'utf8')).toMatch(/^# 关于/u);
    expect(part(readFileSync(join(d, '提纲.docx')), 'word/document.xml')).toContain('方正小标宋简体');
    expect(readFileSync(join(d, '提纲.txt'), 'utf8')).toBe(run(['outline', '--suggestion', SUGGESTION]).stdout);
    expect(run(['outline', '--suggestion', SUGGESTION, '--output', join(d, 'b.txt')]).code).toBe(0);
  },
  'outline --config': () => {
    const cfg = join(fresh(), 'city.json');
    writeFileSync(cfg, JSON.stringify({ profile: { require: { docNumber: true, cc: ['市政府督查室'] } } }));
    expect(outlineLines([])[0]).not.toContain('发文字号');
    for (const flag of ['--config', '-c']) {
      const r = outlineLines([flag, cfg]);
      expect(r[0]).toBe('【发文字号：机关代字、年份和序号】');
      expect(r.at(-1)).toBe('抄送：市政府督查室。');
    }
  },
  'outline --help': () => {
    const r = run(['outline', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^用法： dafu outline/m);
  },

  'rules --format': () => {
    const j = JSON.parse(run(['rules', '--format', 'json']).stdout) as Array<{ id: string }>;
    expect(j.map((x) => x.id)).toContain('contact-record');
    expect(run(['rules', '-f', 'markdown']).stdout).toMatch(/^#/);
    expect(run(['rules', '--format', 'text']).stdout).toMatch(/共 \d+ 条规则/);
  },
  'rules --output': () => {
    const out = join(fresh(), 'rules.md');
    const r = run(['rules', '--format', 'markdown', '-o', out]);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('contact-record');
  },
  'rules --help': () => expect(run(['rules', '--help']).stdout).toMatch(/^用法： dafu rules/m),

  'lists import --kind': () => {
    const csv = join(fresh(), 'names.csv');
    writeFileSync(csv, '姓名,类别\n李建国,代表\n');
    const r = run(['lists', 'import', csv, '--kind', 'roster', '-o', join(dir, 'roster.json')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'roster.json'), 'utf8')).roster).toEqual([{ name: '李建国', kind: 'npc' }]);
    expect(run(['lists', 'import', csv, '-k', 'words']).code).toBe(2);
  },
  'lists import --output': async () => {
    const d = fresh();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('词表').addRows([['错误写法', '正确写法', '说明', '依据', '确认日期'], ['市住建委', '市住房和城乡建设局', '机构改革后名称', '市政府机构设置文件', '2025-03-01']]);
    await wb.xlsx.writeFile(join(d, '词表.xlsx'));
    const r = run(['lists', 'import', join(d, '词表.xlsx'), '--output', join(d, 'lists', 'words.json')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(d, 'lists', 'words.json'), 'utf8')).words[0]).toMatchObject({ wrong: '市住建委', right: '市住房和城乡建设局' });
  },
  'lists import --help': () => expect(run(['lists', 'import', '--help']).stdout).toMatch(/^用法： dafu lists import/m),

  'lists export --format': () => {
    expect(JSON.parse(run(['lists', 'export', '--format', 'json']).stdout).words.length).toBeGreaterThan(100);
    expect(run(['lists', 'export', '-f', 'csv']).stdout).toMatch(/^\uFEFF错误写法,正确写法/);
  },
  'lists export --output': async () => {
    const out = join(fresh(), '词表.xlsx');
    const r = run(['lists', 'export', '--output', out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.length).toBeGreaterThan(0);
  },
  'lists export --kind': () => {
    const j = JSON.parse(run(['lists', 'export', '--format', 'json', '--kind', 'units']).stdout);
    expect(Object.keys(j)).toContain('units');
    expect(Object.keys(j)).not.toContain('words');
  },
  'lists export --config': () => {
    const d = fresh();
    writeFileSync(join(d, 'words.csv'), '错误写法,正确写法\n市住建委,市住房和城乡建设局\n');
    writeFileSync(join(d, 'cfg.json'), JSON.stringify({ lists: { words: 'words.csv' } }));
    const words = (args: string[]) => JSON.parse(run(['lists', 'export', '--format', 'json', ...args]).stdout).words as Array<{ wrong: string }>;
    expect(words([]).map((w) => w.wrong)).not.toContain('市住建委');
    expect(words(['--config', join(d, 'cfg.json')]).map((w) => w.wrong)).toContain('市住建委');
  },
  'lists export --no-builtin': () => {
    const d = fresh();
    writeFileSync(join(d, 'words.csv'), '错误写法,正确写法\n市住建委,市住房和城乡建设局\n');
    writeFileSync(join(d, 'cfg.json'), JSON.stringify({ lists: { words: 'words.csv' } }));
    const j = JSON.parse(run(['lists', 'export', '--format', 'json', '-c', join(d, 'cfg.json'), '--no-builtin']).stdout);
    expect(j.words.map((w: { wrong: string }) => w.wrong)).toEqual(['市住建委']);
  },
  'lists export --help': () => expect(run(['lists', 'export', '--help']).stdout).toMatch(/^用法： dafu lists export/m),
};

// ------------------------------------------------------------------ the tests

const listed = COMMANDS.map((cmd) => ({ cmd, options: helpOptions(cmd) }));

describe('every option in --help is exercised', () => {
  it('reads the options from --help (a parser that finds none would pass vacuously)', () => {
    const check = listed.find((l) => l.cmd[0] === 'check')!.options.map((o) => o.long);
    expect(check).toEqual(expect.arrayContaining(['--format', '--preset', '--no-color', '--file-timeout', '--help']));
    expect(check.length).toBeGreaterThanOrEqual(30);
  });

  it('each option has an entry in OPTIONS, and each entry an option', () => {
    const inHelp = listed.flatMap((l) => l.options.map((o) => `${l.cmd.join(' ')} ${o.long}`));
    expect.soft(inHelp.filter((k) => !(k in OPTIONS)), 'options without a test in OPTIONS (test/cli/options.test.ts)').toEqual([]);
    expect.soft(Object.keys(OPTIONS).filter((k) => !inHelp.includes(k)), 'entries in OPTIONS for options that --help does not list').toEqual([]);
  });

  it('no option is variadic (it would swallow the file names after it)', () => {
    for (const l of listed) for (const o of l.options) expect(o.flags, `dafu ${l.cmd.join(' ')} ${o.flags}`).not.toContain('...');
  });
});

describe.each(Object.entries(OPTIONS))('%s', (key, entry) => {
  const words = key.split(' ');
  const option = words.at(-1)!;
  const cmd = words.slice(0, -1);
  const cases = typeof entry === 'function' ? { 'does what it says': entry } : entry;
  it.each(Object.entries(cases))('%s', async (_name, fn) => {
    calls = [];
    await fn();
    // the entry must really have passed its option (long, short or --name=value) to that command
    const short = listed.find((l) => l.cmd.join(' ') === cmd.join(' '))?.options.find((o) => o.long === option)?.short;
    const passed = calls.some((args) => cmd.every((w, i) => args[i] === w) && args.some((a) => a === option || a === short || a.startsWith(`${option}=`)));
    expect(passed, `no call of this case passed ${option} to dafu ${cmd.join(' ')}`).toBe(true);
  });
});
