/**
 * Every command line the READMEs show is run with the real CLI (issue 14): a documented
 * command that crashes, or that the CLI reads differently from what the README says, fails here.
 *
 * Taken from README.md, extension/README.md and examples/README.md:
 * - every line of a ```bash / ```sh block, split at `&&`; each part is either a dafu command
 *   (`npx dafu …`, `dafu …`) or one of the SKIPPED commands below (install, whole-suite and
 *   extension builds); anything else fails the test, naming the line;
 * - `dafu …` lines of fences without a language (examples/README.md), `dafu …` mentioned in a
 *   `# comment` of a bash line (“dafu rules contact-record 查看一条”), and inline code spans
 *   starting with `dafu ` in the prose.
 *
 * Each command runs verbatim in a fresh temp folder (never the repository): the file names it
 * shows are created there first (INPUTS: an example draft, a generated manifest, …), the files
 * it writes must appear there (OUTPUTS). A file-like word (Chinese text, a slash, a glob or a
 * file extension) that is in neither table, nor in LITERALS, fails the test: a new README line
 * needs an entry here before it counts as tested.
 *
 * A command passes when it exits 0 or 1 (1 only means the draft has errors) and prints no
 * `错误：` line (usage errors and crashes, exit 2).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dafu, ROOT, tempDir } from '../helpers/cli.js';
import { replyDocx } from '../helpers/docx.js';

const DOCS = ['README.md', 'extension/README.md', 'examples/README.md'];

/** Shell commands in the READMEs' bash blocks that are not run here, and why. */
const SKIPPED: Array<[RegExp, string]> = [
  [/^npm install$/, 'installs dependencies from the registry (network)'],
  [/^npm test$/, 'runs the whole test suite, this file included'],
  [/^npm run (build|build:firefox|zip|typecheck) -w @dafu\/extension$/, 'builds the browser extension (test/extension and test/e2e build and test it)'],
  [/^npx vitest run( \S+)?$/, 'runs tests'],
];

const example = (name: string) => join(ROOT, 'examples', name);
const SUGGESTION = join(ROOT, 'test/corpus/cppcc-co-clean-01.suggestion.txt');

async function xlsx(path: string, sheet: string, rows: unknown[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
}

/** File names the READMEs use, and how to make each in the command's working folder. */
const INPUTS: Record<string, (cwd: string) => void | Promise<void>> = {
  'examples/': (cwd) => cpSync(join(ROOT, 'examples'), join(cwd, 'examples'), { recursive: true }),
  '稿件目录/': (cwd) => cpSync(join(ROOT, 'examples'), join(cwd, '稿件目录'), { recursive: true }),
  '答复稿.docx': (cwd) => copyFileSync(example('npc-host-good-letter.docx'), join(cwd, '答复稿.docx')),
  // the flawed draft: --fix has something to fix
  '答复稿.txt': (cwd) => copyFileSync(example('npc-host-flawed.txt'), join(cwd, '答复稿.txt')),
  '正文.txt': (cwd) => copyFileSync(example('npc-host-good.txt'), join(cwd, '正文.txt')),
  '其他/**/*.txt': (cwd) => {
    mkdirSync(join(cwd, '其他', '2025', '第二批'), { recursive: true });
    copyFileSync(example('cppcc-host-good.txt'), join(cwd, '其他', '2025', 'cppcc-host-good.txt'));
    copyFileSync(example('co-opinion.txt'), join(cwd, '其他', '2025', '第二批', 'co-opinion.txt'));
  },
  '原件.txt': (cwd) => copyFileSync(SUGGESTION, join(cwd, '原件.txt')),
  '原件.docx': async (cwd) => writeFileSync(join(cwd, '原件.docx'), await replyDocx(readFileSync(SUGGESTION, 'utf8').split('\n').filter(Boolean))),
  // the reviewer's list of the examples' cases, made from their .case.json files
  '交办清单.xlsx': async (cwd) => {
    const rows = new Map<string, unknown[]>();
    for (const f of readdirSync(join(ROOT, 'examples')).filter((n) => n.endsWith('.case.json')).sort()) {
      const c = JSON.parse(readFileSync(example(f), 'utf8'));
      if (c.role === 'co') continue;
      rows.set(c.number, [c.number, c.kind === 'npc' ? '建议' : '提案', c.title, c.proposer.join('、'), c.unit, c.assigned, c.deadline, c.class ?? '']);
    }
    await xlsx(join(cwd, '交办清单.xlsx'), '交办清单', [['编号', '类型', '标题', '领衔人', '主办单位', '交办日期', '办理期限', '类别'], ...rows.values()]);
  },
  '本单位词表.xlsx': (cwd) => xlsx(join(cwd, '本单位词表.xlsx'), '词表', [
    ['错误写法', '正确写法', '说明', '依据', '确认日期'],
    ['市住建委', '市住房和城乡建设局', '机构改革后名称', '市政府机构设置文件', '2025-03-01'],
  ]),
};

/** Files and folders the READMEs' commands write: each must exist after its command. */
const OUTPUTS: Record<string, 'file' | 'dir'> = {
  '结果.json': 'file',
  '报告/': 'dir',
  '批注/': 'dir',
  'lists/words.json': 'file',
  '词表.xlsx': 'file',
  '答复提纲.docx': 'file',
};

/** Words that look like names but are plain values (a proposer's name, a unit's). */
const LITERALS = new Set(['王某某', '某市卫生健康委员会']);

const looksLikeFile = (w: string) => /[\p{Script=Han}/*]|\.[A-Za-z]{2,5}$/u.test(w);

// ------------------------------------------------------------------ reading the READMEs

interface Line { doc: string; line: number; text: string; from: 'block' | 'comment' | 'inline' }

/** Splits a shell line into words and operators, with its trailing comment. */
function lex(line: string): { tokens: Array<{ word: string } | { op: string }>; comment: string } {
  const tokens: Array<{ word: string } | { op: string }> = [];
  let word: string | null = null;
  const end = () => { if (word !== null) tokens.push({ word }); word = null; };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' || c === "'") {
      const close = line.indexOf(c, i + 1);
      if (close < 0) throw new Error(`unclosed quote in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, close);
      i = close;
    } else if (/\s/.test(c)) end();
    else if (c === '#' && word === null) { end(); return { tokens, comment: line.slice(i + 1) }; }
    else if ('&|;<>'.includes(c)) {
      end();
      const op = line.slice(i).match(/^(&&|\|\||>>|[&|;<>])/)![0];
      tokens.push({ op });
      i += op.length - 1;
    } else word = (word ?? '') + c;
  }
  end();
  return { tokens, comment: '' };
}

function readDocs(): Line[] {
  const out: Line[] = [];
  for (const doc of DOCS) {
    const lines = readFileSync(join(ROOT, doc), 'utf8').split('\n');
    let fence: { lang: string } | null = null;
    lines.forEach((raw, i) => {
      const at = { doc, line: i + 1 };
      const open = raw.match(/^(\s*)```(\w*)\s*$/);
      if (!fence && open) { fence = { lang: open[2] }; return; }
      if (fence && /^\s*```\s*$/.test(raw)) { fence = null; return; }
      if (!fence) {
        for (const m of raw.matchAll(/`((?:npx )?dafu [^`]+)`/g)) out.push({ ...at, text: m[1], from: 'inline' });
        return;
      }
      const text = raw.trim();
      if (!text) return;
      if (['bash', 'sh', 'shell'].includes(fence.lang)) out.push({ ...at, text, from: 'block' });
      else if (!fence.lang && /^(npx )?dafu /.test(text)) out.push({ ...at, text, from: 'block' });
    });
  }
  // commands mentioned in the comments of bash lines
  for (const l of [...out]) {
    if (l.from !== 'block') continue;
    const { comment } = lex(l.text);
    for (const m of comment.matchAll(/(?<![\w@./-])(?:npx )?dafu(?: [\w./:=,-]+)+/g)) out.push({ ...l, text: m[0], from: 'comment' });
  }
  return out;
}

interface Run { args: string[]; env: Record<string, string>; stdin?: string }
type Step = { run: Run } | { skip: string } | { problem: string };

/** What one part (between `&&`) of a documented line is. */
function classify(tokens: Array<{ word: string } | { op: string }>): Step {
  const env: Record<string, string> = {};
  const words: string[] = [];
  let stdin: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if ('op' in t) {
      const next = tokens[i + 1];
      if (t.op === '<' && next && 'word' in next) { stdin = next.word; i++; continue; }
      return { problem: `shell syntax “${t.op}” is not handled by this test` };
    }
    const assign = t.word.match(/^([A-Z_][A-Z0-9_]*)=(.*)$/);
    if (!words.length && assign) env[assign[1]] = assign[2];
    else words.push(t.word);
  }
  const cmd = words.join(' ');
  let args: string[] | undefined;
  if (words[0] === 'npx' && words[1] === 'dafu') args = words.slice(2);
  else if (words[0] === 'dafu') args = words.slice(1);
  if (!args) {
    const skip = SKIPPED.find(([re]) => re.test(cmd));
    return skip ? { skip: `${cmd}: ${skip[1]}` } : { problem: `“${cmd}” is neither a dafu command nor in SKIPPED` };
  }
  return { run: { args, env, ...(stdin !== undefined ? { stdin } : {}) } };
}

function steps(l: Line): Step[] {
  let lexed;
  try { lexed = lex(l.text); } catch (e) { return [{ problem: (e as Error).message }]; }
  const parts: Array<typeof lexed.tokens> = [[]];
  for (const t of lexed.tokens) if ('op' in t && t.op === '&&') parts.push([]); else parts.at(-1)!.push(t);
  return parts.filter((p) => p.length).map(classify);
}

/** The file-like words of a dafu command, each with what it is. */
function filesOf(run: Run): { inputs: string[]; outputs: string[]; unknown: string[] } {
  const words = [...run.args.flatMap((a) => (a.startsWith('--') && a.includes('=') ? [a.slice(a.indexOf('=') + 1)] : a.startsWith('-') ? [] : [a])), ...(run.stdin ? [run.stdin] : [])];
  const inputs: string[] = [];
  const outputs: string[] = [];
  const unknown: string[] = [];
  for (const w of words) {
    if (w in INPUTS) inputs.push(w);
    else if (w in OUTPUTS) outputs.push(w);
    else if (looksLikeFile(w) && !LITERALS.has(w)) unknown.push(w);
  }
  return { inputs, outputs, unknown };
}

// ------------------------------------------------------------------ the tests

const found = readDocs();

describe('README command lines', () => {
  it('finds the documented commands (a parser that finds nothing would pass vacuously)', () => {
    const dafuRuns = found.flatMap((l) => steps(l).filter((s) => 'run' in s));
    expect(dafuRuns.length).toBeGreaterThanOrEqual(14);
    const texts = found.map((l) => l.text);
    expect(texts).toContain('npx dafu check 正文.txt --preset system-form      # 粘贴到系统表单的正文：不应含标题、文号、落款');
    expect(texts).toContain('dafu rules contact-record');
    expect(texts).toContain('dafu rules');
    expect(texts.some((t) => t.startsWith('npx dafu lists import'))).toBe(true);
    expect(texts.some((t) => t.startsWith('DAFU_HOSTS='))).toBe(true); // the indented block in extension/README.md
  });

  for (const l of found) {
    const name = `${l.doc}:${l.line}${l.from === 'block' ? '' : ` (${l.from})`}  ${l.text}`;
    it(name, async () => {
      for (const step of steps(l)) {
        if ('problem' in step) throw new Error(`${l.doc}:${l.line}: ${step.problem}`);
        if ('skip' in step) continue;
        const { run } = step;
        const files = filesOf(run);
        if (files.unknown.length) {
          throw new Error(`${l.doc}:${l.line}: no substitution for ${files.unknown.map((w) => `“${w}”`).join('、')}: add it to INPUTS, OUTPUTS or LITERALS in test/cli/readme-commands.test.ts`);
        }
        const cwd = tempDir('dafu-readme-');
        for (const f of files.inputs) await INPUTS[f](cwd);
        const r = dafu(run.args, { cwd, env: run.env, ...(run.stdin ? { input: readFileSync(join(cwd, run.stdin)) } : {}) });
        const shown = `exit ${r.code}\n--- stdout\n${r.stdout.slice(0, 2000)}\n--- stderr\n${r.stderr.slice(0, 2000)}`;
        expect([0, 1], shown).toContain(r.code);
        expect(`${r.stdout}\n${r.stderr}`, shown).not.toMatch(/^错误：/m);
        for (const f of files.outputs) {
          const p = join(cwd, f);
          expect(existsSync(p), `${f} was not written\n${shown}`).toBe(true);
          if (OUTPUTS[f] === 'dir') expect(readdirSync(p).length, `${f} is empty`).toBeGreaterThan(0);
          else expect(statSync(p).size, `${f} is empty`).toBeGreaterThan(0);
        }
      }
    });
  }
});
