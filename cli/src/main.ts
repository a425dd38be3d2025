import { readFileSync } from 'node:fs';
import { Command, Help, Option } from 'commander';
// (the rule pack, the config reader and the rest are imported where they are used: a check runs
// in a worker thread, and the main thread that only reads arguments and prints results starts
// some 100 ms sooner and 25 MB smaller without them)
import type { CaseContext, Mode } from '@dafu/rules';
import type { FileResult } from './check.js';
import type { WorkerChecker } from './batch/checks.js';
import { collectInputs } from './files.js';
import { json } from './report/json.js';
import { stylish } from './report/stylish.js';
import { showRule, listRules } from './rules-doc.js';
import { writeOutput } from './output.js';

const version: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

/** Commander's help in Chinese: its headings and value hints are fixed English words. */
const zhHelp = {
  formatHelp(cmd: Command, helper: Help): string {
    return Help.prototype.formatHelp.call(helper, cmd, helper)
      .replace(/^Usage:/m, '用法：').replace(/^Options:/m, '选项：').replace(/^Commands:/m, '命令：').replace(/^Arguments:/m, '参数：')
      .replace(/\(choices: /g, '（可选：').replace(/, default: /g, '，默认：').replace(/\(default: /g, '（默认：').replace(/"\)/g, '"）')
      .replace(/\[options\]/g, '[选项]').replace(/\[command\]/g, '[命令]');
  },
};

const program = new Command('dafu')
  .configureHelp(zhHelp)
  .description('dafu（答复）：在提交前检查建议提案答复稿，指出审核会退回的问题。')
  .version(version, '-v, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .addHelpCommand('help [命令]', '显示某个命令的帮助')
  .showHelpAfterError('（用 dafu --help 查看用法）')
  .configureOutput({ outputError: (s, write) => write(s.replace(/^error: /, '错误：')) })
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
const isoDate = (name: string) => (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new Error(`${name} 应为 YYYY-MM-DD 格式的日期，收到“${v}”`);
  return v;
};

const PRESETS = ['recommended', 'strict', 'letter', 'system-form', 'gbt9704'];
/**
 * --preset takes one value per occurrence (a variadic option would swallow the file names after
 * it): repeated options add up, and a value may list several presets separated by commas.
 */
const collectPresets = (v: string, previous: string[] | undefined): string[] => {
  const names = v.split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
  if (!names.length) throw new Error(`--preset 需要预设名称，可选：${PRESETS.join('、')}`);
  for (const n of names) if (!PRESETS.includes(n)) throw new Error(`没有名为“${n}”的预设，可选：${PRESETS.join('、')}`);
  return [...(previous ?? []), ...names];
};

program.command('check')
  .description('检查答复稿（.docx、.txt、.md，或用 - 从标准输入读取）')
  .argument('<文件或目录...>', '要检查的文件、目录或通配符；- 表示标准输入')
  .addOption(new Option('-f, --format <格式>', '输出格式').choices(['stylish', 'json']).default('stylish'))
  .option('-o, --output <文件>', '把结果写入文件（不写则输出到屏幕）')
  .option('-c, --config <文件>', '使用指定的配置文件（默认：从文件所在目录向上查找 dafu.config.json）')
  .addOption(new Option('--preset <名称>', '预设；多个预设可重复 --preset，或用逗号分隔（--preset strict,system-form）').choices(PRESETS).argParser(collectPresets))
  .addOption(new Option('--mode <形式>', '答复形式：letter 完整答复函，system-form 系统表单正文').choices(['letter', 'system-form']))
  .addOption(new Option('--kind <件类>', 'npc 人大代表建议，cppcc 政协提案').choices(['npc', 'cppcc']))
  .addOption(new Option('--role <办理类型>', 'host 主办，co 会办，split 分办').choices(['host', 'co', 'split']))
  .option('--class <类别>', '办理结果类别，如 A、B、C')
  .option('--number <编号>', '建议（提案）编号')
  .option('--title <标题>', '建议（提案）标题')
  .option('--proposer <姓名>', '提出人（领衔人），多人用顿号分隔')
  .option('--suggestion <文件>', '建议（提案）原文（.txt/.docx）')
  .option('--assigned <日期>', '交办日期 YYYY-MM-DD', isoDate('--assigned'))
  .option('--deadline <日期>', '办理期限 YYYY-MM-DD', isoDate('--deadline'))
  .option('--today <日期>', '今天的日期 YYYY-MM-DD（默认：系统日期）', isoDate('--today'))
  .option('-q, --quiet', '只显示错误')
  .option('--max-warnings <数量>', '警告超过该数量时以 1 退出', (v) => { const n = Number(v); if (!Number.isInteger(n) || n < 0) throw new Error('--max-warnings 应为非负整数'); return n; })
  .option('--fix', '自动修改可安全修改的问题（仅 .txt/.md，Word 文档不改写）')
  .option('--fix-dry-run', '列出 --fix 会做的修改，但不写入文件')
  .option('--baseline <文件>', '基线文件：其中列出的已认可问题不再提示')
  .option('--write-baseline <文件>', '把这次发现的全部问题写入基线文件（认可现状，以后只提示新问题）')
  .option('--no-color', '不使用颜色')
  .option('--annotate', '生成批注版：把问题作为 Word 批注写入原文件旁的“文件名.dafu批注.docx”（仅 .docx；原文件不改动）')
  .option('--annotate-dir <目录>', '把批注版写入该目录（隐含 --annotate）')
  .option('--force', '覆盖已存在的批注版')
  .option('--manifest <清单>', '批量检查：件目清单（.xlsx 或 .csv：编号、件类、标题、提出人、主办单位、会办单位、交办日期、办理期限、类别、原文）')
  .option('--report <目录>', '批量检查：把报告（report.html、report.xlsx、results.json）写入该目录')
  .option('-j, --jobs <数量>', '批量检查：并行检查的进程数（默认：CPU 核数）', (v) => { const n = Number(v); if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error('--jobs 应为 1–64 的整数'); return n; })
  .option('--cache', '批量检查：跳过内容、配置和规则都未变的答复稿')
  .option('--cache-location <文件>', '缓存文件位置（默认：报告目录下的 .dafu-cache.json）')
  .option('--file-timeout <秒>', '单个文件的检查时限，超时的文件报错（E_TIMEOUT），其余照常检查（默认 30 秒）', (v) => { const n = Number(v); if (!(n > 0 && n <= 3600)) throw new Error('--file-timeout 应为 0–3600 之间的秒数'); return n; })
  .action(async (inputs: string[], o) => {
    if (o.manifest || o.report) {
      if (!o.report) { process.stderr.write('使用 --manifest 时请用 --report <目录> 指定报告写到哪里。\n'); process.exit(2); }
      const flagContext: CaseContext & { today: string } = { today: o.today ?? today() };
      for (const k of ['kind', 'role', 'class'] as const) if (o[k]) (flagContext as unknown as Record<string, unknown>)[k] = o[k];
      const { runBatch } = await import('./batch/index.js');
      process.exitCode = await runBatch(inputs, {
        manifest: o.manifest, report: o.report, jobs: o.jobs, cache: !!o.cache || !!o.cacheLocation, cacheLocation: o.cacheLocation, fileTimeout: o.fileTimeout,
        configPath: o.config, presets: o.preset, mode: o.mode, flagContext, version, quiet: !!o.quiet,
        ...(o.annotate || o.annotateDir ? { annotate: { force: !!o.force, ...(o.annotateDir ? { dir: o.annotateDir } : {}) } } : {}),
      });
      return;
    }
    const color = o.color !== false && !process.env.NO_COLOR && (o.output ? false : process.stdout.isTTY === true);
    if (o.config) {
      const { ConfigError, printListWarnings, readConfig } = await import('./config.js');
      printListWarnings(false); // (the worker that checks the files prints them, once)
      try { readConfig(o.config); } catch (e) { if (e instanceof ConfigError) { process.stderr.write(`${e.message}\n`); process.exit(2); } throw e; }
    }
    const context: CaseContext = { today: o.today ?? today() };
    for (const k of ['kind', 'role', 'class', 'number', 'title', 'assigned', 'deadline'] as const) if (o[k]) (context as Record<string, unknown>)[k] = o[k];
    if (o.proposer) context.proposer = String(o.proposer).split(/[、，,]/).map((s: string) => s.trim()).filter(Boolean);
    if (o.suggestion) {
      const { createChecker } = await import('@dafu/rules');
      const s = createChecker().check({ bytes: new Uint8Array(readFileSync(o.suggestion)), name: o.suggestion });
      context.suggestion = s.document.text;
    }
    let stdinText: string | undefined;
    let baseline: Set<string> | undefined;
    if (o.baseline) {
      const { readBaseline } = await import('./config.js');
      try { baseline = readBaseline(o.baseline); } catch (e) { process.stderr.write(`${(e as Error).message}\n`); process.exit(2); }
    }
    // each file in a worker thread under the per-file time limit (the batch's pool and worker);
    // the worker starts now and loads the rule pack while the inputs are collected
    const { WorkerChecker } = await import('./batch/checks.js');
    const checker = new WorkerChecker({
      init: {
        configPath: o.config, presets: o.preset, mode: o.mode, cwd: process.cwd(), maxInputBytes: 20 * 1024 * 1024,
        flagContext: context, version, cache: false, ...(baseline ? { baseline: [...baseline] } : {}),
      },
      timeoutMs: (o.fileTimeout ?? 30) * 1000,
    });
    let results: FileResult[];
    let files: string[] = [], missing: string[] = [];
    try {
      ({ files, missing } = await collectInputs(inputs));
      for (const m of missing) process.stderr.write(`找不到“${m}”：没有这个文件或目录，或通配符没有匹配到答复稿。\n`);
      const withSource = !!(o.fix || o.fixDryRun || o.annotate || o.annotateDir);
      results = await checker.check(files, { stdin: () => (stdinText ??= readFileSync(0, 'utf8')), withSource, baseline: true });
      if (o.fix || o.fixDryRun) await fixAll(files, results, checker, { write: !!o.fix && !o.fixDryRun });
    } finally {
      await checker.close();
    }
    let annotateFailed = false;
    if (o.annotate || o.annotateDir) {
      const { annotateFile } = await import('./annotate.js');
      const taken = new Set<string>();
      for (const [i, r] of results.entries()) {
        const a = annotateFile(files[i], r, { dir: o.annotateDir, force: !!o.force, cwd: process.cwd(), taken });
        if (a.output) process.stderr.write(`已生成批注版：${a.output}（${a.comments} 条批注）\n`);
        else if (a.error) { annotateFailed = true; process.stderr.write(`${a.error}\n`); }
        else if (a.skipped && !r.error) process.stderr.write(`${a.skipped}\n`);
      }
    }
    if (o.writeBaseline) {
      // (the message standing for a rule's findings past its cap is no finding of its own)
      const prints = [...new Set(results.flatMap((r) => r.messages.filter((m) => m.omitted === undefined).map((m) => m.fingerprint)))].sort();
      writeOutput(prints.join('\n') + '\n', o.writeBaseline);
      process.stderr.write(`已把 ${prints.length} 个问题写入基线 ${o.writeBaseline}。\n`);
    }
    const text = o.format === 'json' ? json(results, version) : stylish(results, { color, quiet: !!o.quiet });
    writeOutput(text, o.output);
    const errors = results.reduce((n, r) => n + r.counts.error, 0);
    const warnings = results.reduce((n, r) => n + r.counts.warning, 0);
    const unreadable = results.some((r) => r.error) || missing.length > 0 || files.length === 0 || annotateFailed;
    if (files.length === 0 && !missing.length) process.stderr.write('没有找到可检查的答复稿（.docx、.txt、.md）。\n');
    process.exitCode = unreadable ? 2 : errors > 0 || (o.maxWarnings !== undefined && warnings > o.maxWarnings) ? 1 : 0;
  });

/** Rounds of --fix at most: a rule lists its first 20 findings per file, the fixes past them come with the next check. */
const FIX_ROUNDS = 10;

/**
 * --fix and --fix-dry-run: applies (or lists) the safe fixes of each file, then checks the fixed
 * files again, so that `results` says what remains. A rule that had more fixable findings than
 * it lists is fixed again with the next check's findings, for a few rounds.
 */
async function fixAll(files: string[], results: FileResult[], checker: WorkerChecker, o: { write: boolean }): Promise<void> {
  const { fixFile } = await import('./fix.js');
  const fixable = (i: number) => { const r = results[i]; return !r.error && r.messages.some((m) => m.fix) && r.source?.format !== 'docx' && (!r.source?.encoding || r.source.encoding === 'utf-8') && files[i] !== '-'; };
  // fixes of rules that did not list all their findings
  const cut = (r: FileResult) => r.messages.some((m) => m.fix && r.omitted[m.ruleId]);
  const applied = new Map<number, { applied: number; skipped: number }>();
  for (const [i, r] of results.entries()) {
    if (r.error) continue;
    const rep = fixFile(files[i], r, o.write);
    if (!rep.changes.length) continue;
    if (!o.write || rep.refused) {
      process.stderr.write(`${r.file}：${rep.refused ? `有 ${rep.changes.length} 处可自动修改，但${rep.refused}` : `将修改 ${rep.applied} 处${rep.skipped ? `，${rep.skipped} 处与其他修改重叠，请再运行一次` : ''}`}\n`);
      if (!o.write) {
        for (const c of rep.changes) process.stderr.write(`  第${c.line}行 “${c.from}” → “${c.to}”  (${c.ruleId})\n`);
        if (cut(r)) process.stderr.write('  （同类问题较多，这里只列出每条规则的前 20 处；--fix 会在修改后再检查，继续修改其余的。）\n');
      }
      continue;
    }
    applied.set(i, { applied: rep.applied, skipped: rep.skipped });
  }
  if (!o.write) return;
  // report what remains after fixing; where the fixes came from a result that did not list all
  // of a rule's findings, the next check lists the rest: fix those too, and check again
  let again = [...results.keys()].filter(fixable).filter((i) => applied.has(i));
  const more = new Set(again.filter((i) => cut(results[i])));
  for (let round = 1; again.length; round++) {
    // (checked again as before, without the baseline)
    const rechecked = await checker.check(again.map((i) => files[i]), { withSource: true });
    again.forEach((i, k) => { results[i] = rechecked[k]; });
    if (round >= FIX_ROUNDS) break;
    again = again.filter((i) => more.has(i) && fixable(i)).filter((i) => {
      if (!cut(results[i])) more.delete(i);
      const rep = fixFile(files[i], results[i], true);
      const total = applied.get(i)!;
      total.applied += rep.applied;
      total.skipped = rep.skipped;
      return rep.applied > 0;
    });
  }
  for (const [i, { applied: n, skipped }] of applied) {
    process.stderr.write(`${results[i].file}：已修改 ${n} 处${skipped ? `，${skipped} 处与其他修改重叠，请再运行一次` : ''}\n`);
  }
}

program.command('outline')
  .description('根据建议（提案）原件生成答复提纲：每项诉求一节，【……】标出要填写的内容')
  .option('--suggestion <文件>', '建议（提案）原件（.docx、.txt、.pdf）；原件旁的 .case.json 也会读取')
  .addOption(new Option('--kind <件类>', 'npc 人大代表建议，cppcc 政协提案（默认 npc）').choices(['npc', 'cppcc']))
  .addOption(new Option('--role <办理类型>', 'host 主办（答复），co 会办（会办意见）').choices(['host', 'co']))
  .option('--number <编号>', '建议（提案）编号（默认：原件中写明的编号）')
  .option('--title <标题>', '建议（提案）标题（默认：原件的标题）')
  .option('--proposer <姓名>', '提出人（领衔人），多人用顿号分隔；集体提案写组织名称')
  .option('--unit <单位>', '承办单位全称（落款）')
  .option('--class <类别>', '办理结果类别，如 A、B、C：决定每项写“已解决”“列入计划”还是“原因”')
  .option('--assigned <日期>', '交办日期 YYYY-MM-DD', isoDate('--assigned'))
  .option('--deadline <日期>', '办理期限 YYYY-MM-DD', isoDate('--deadline'))
  .option('-o, --output <文件>', '写入文件：.docx（GB/T 9704 版式）、.md 或 .txt（不写则把文本输出到屏幕）')
  .option('-c, --config <文件>', '使用指定的配置文件（默认：从输出文件所在目录向上查找），按其中的 profile 加文号、类别、抄送等')
  .action(async (o) => {
    if (!o.suggestion) { process.stderr.write('请用 --suggestion <文件> 指定建议（提案）原件。\n'); process.exit(2); }
    const context: CaseContext = {};
    for (const k of ['kind', 'role', 'class', 'number', 'title', 'unit', 'assigned', 'deadline'] as const) if (o[k]) (context as Record<string, unknown>)[k] = o[k];
    if (o.proposer) context.proposer = String(o.proposer).split(/[、，,]/).map((s: string) => s.trim()).filter(Boolean);
    const { outlineCommand } = await import('./outline.js');
    process.exitCode = await outlineCommand({ suggestion: o.suggestion, output: o.output, config: o.config, context });
  });

program.command('rules')
  .description('列出规则，或显示某条规则的说明和示例')
  .argument('[规则]', '规则编号，如 contact-record')
  .addOption(new Option('-f, --format <格式>', '输出格式').choices(['text', 'json', 'markdown']).default('text'))
  .option('-o, --output <文件>', '写入文件')
  .action(async (id: string | undefined, o) => {
    const { rules: allRules } = await import('@dafu/rules');
    if (id) {
      const rule = allRules.find((r) => r.id === id);
      if (!rule) { process.stderr.write(`没有编号为“${id}”的规则。用 dafu rules 查看全部规则。\n`); process.exit(2); }
      process.stdout.write(o.format === 'json' ? JSON.stringify(rule, (k, v) => (k === 'check' ? undefined : v), 2) + '\n' : showRule(rule));
    } else {
      writeOutput(listRules(allRules, o.format), o.output);
    }
  });

const lists = program.command('lists')
  .description('本单位的清单：词表（错误写法→正确写法，含规范表述）、单位名录、代表委员名单的导入和导出');

lists.command('import')
  .description('检查并导入 Excel（.xlsx）、CSV 或 JSON 清单，逐行报告有问题的行')
  .argument('<文件>', '清单文件：词表的列为 错误写法、正确写法、说明、依据、确认日期（可加“例外”）；单位名录为 单位全称、规范简称；代表委员名单为 姓名、类别（代表/委员）、单位')
  .addOption(new Option('-k, --kind <清单>', '清单种类（默认按表头判断）：words 词表，units 单位名录，roster 代表委员名单').choices(['words', 'units', 'roster']))
  .option('-o, --output <文件>', '把检查通过的条目写入文件（.json 供配置 lists 和浏览器扩展使用；也可写 .xlsx、.csv）')
  .action(async (file: string, o) => {
    const { importCommand } = await import('./lists/command.js');
    process.exitCode = await importCommand(file, { kind: o.kind, output: o.output });
  });

lists.command('export')
  .description('导出内置词库和配置中的清单（中文列名），可在 Excel 中修改后再导入')
  .addOption(new Option('-f, --format <格式>', '输出格式（默认按 --output 的扩展名，否则 json）').choices(['xlsx', 'csv', 'json']))
  .option('-o, --output <文件>', '写入文件（.xlsx 必须指定；json、csv 不指定时输出到屏幕）')
  .addOption(new Option('-k, --kind <清单>', '只导出一种清单（csv 默认 words）').choices(['words', 'units', 'roster']))
  .option('-c, --config <文件>', '使用指定的配置文件（默认：从当前目录向上查找）')
  .option('--no-builtin', '不含内置词库，只导出配置中的清单')
  .action(async (o) => {
    const { exportCommand } = await import('./lists/command.js');
    const { ConfigError } = await import('./config.js');
    try {
      process.exitCode = await exportCommand({ format: o.format, output: o.output, kind: o.kind, config: o.config, builtin: o.builtin });
    } catch (e) {
      if (e instanceof ConfigError) { process.stderr.write(`${e.message}\n`); process.exit(2); }
      throw e;
    }
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.stderr.write(`错误：${(e as Error).message}\n`);
  process.exit(2);
}
