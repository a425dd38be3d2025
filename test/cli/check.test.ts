import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { dafu, json, tempDir, ROOT } from '../helpers/cli.js';
import { replyDocx } from '../helpers/docx.js';

const GOOD = [
  '关于市十七届人大三次会议第128号建议的答复',
  '王某某代表：',
  '您提出的《关于加强校园周边交通安全的建议》（第128号）收悉。现答复如下：',
  '#1 关于增设交通设施',
  '2025年4月，我局在实验小学周边新增信号灯2组、减速带6条，投入资金35万元。',
  '#1 关于加强上下学时段管理',
  '市公安局交警支队自2025年3月起在上下学时段安排警力4名，已查处违停车辆126辆次。',
  '2025年4月8日，我局副局长李某带队到实验小学与您面商，现场查看了路口情况，您对整改方案表示认可。',
  '感谢您对交通工作的关心和支持，欢迎继续提出宝贵意见。',
  '某市交通运输局',
  '2025年5月6日',
  '联系人：张某某，联系电话：0571-87001234',
];
const FLAWED = GOOD.map((l) => l.replace('截至', '截止')).map((l) => (l.startsWith('2025年4月，') ? `截止目前，${l.slice(8)}` : l)).filter((l) => !l.includes('面商'));

describe('dafu check', () => {
  it('checks the shipped examples and prints a Chinese report', () => {
    const r = dafu(['check', 'examples/', '--today', '2025-05-20']);
    expect(r.stdout).toMatch(/共检查 \d+ 个文件/);
    expect(r.stdout).toMatch(/错误|警告/);
    expect([0, 1]).toContain(r.code);
  });

  it('reads a generated .docx with auto-numbered headings and East-Asian fonts', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.docx'), await replyDocx(GOOD));
    const r = dafu(['check', join(dir, 'good.docx'), '--format', 'json', '--kind', 'npc', '--today', '2025-05-20']);
    const out = json(r.stdout);
    expect(out.tool.name).toBe('dafu');
    const res = out.results[0];
    expect(res.error).toBeNull();
    expect(res.kind).toBe('npc');
    expect(res.messages.filter((m) => m.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('follows the JSON contract on a flawed text draft', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'flawed.txt'), FLAWED.map((l) => l.replace(/^#1 /, '')).join('\n'));
    const r = dafu(['check', join(dir, 'flawed.txt'), '--format', 'json', '--today', '2025-05-20']);
    expect(r.code).toBe(1);
    const res = json(r.stdout).results[0];
    expect(res.file).toMatch(/flawed\.txt$/);
    expect(Object.keys(res.counts)).toEqual(['error', 'warning', 'info']);
    const jiezhi = res.messages.find((m) => m.ruleId === 'jiezhi-jiezhi')!;
    expect(jiezhi).toMatchObject({ category: 'typography', severity: 'warning', excerpt: '截止', line: 5, column: 1, endLine: 5, endColumn: 3 });
    expect(res.messages.some((m) => m.ruleId === 'contact-record' && m.severity === 'error')).toBe(true);
    expect(['high', 'medium', 'low']).toContain(res.risk);
    expect(typeof res.score).toBe('number');
    for (const m of res.messages) expect(['format', 'specificity', 'targeting', 'communication', 'classification', 'timeliness', 'attitude', 'typography']).toContain(m.category);
  });

  it('decodes GBK and GB18030 text files', () => {
    const dir = tempDir();
    const text = FLAWED.map((l) => l.replace(/^#1 /, '')).join('\r\n') + '\r\n生僻字𠀀在此。';
    writeFileSync(join(dir, 'gbk.txt'), iconv.encode(text, 'gb18030'));
    const r = dafu(['check', join(dir, 'gbk.txt'), '--format', 'json', '--today', '2025-05-20']);
    const res = json(r.stdout).results[0];
    expect(res.error).toBeNull();
    expect(res.messages.find((m) => m.ruleId === 'jiezhi-jiezhi')?.excerpt).toBe('截止');
    expect(res.kind).toBe('npc');
  });

  it('reads a draft from stdin', () => {
    const r = dafu(['check', '-', '--format', 'json'], { input: '您提出的建议收悉，现答复如下：\n截止目前，已完成改造12处。\n' });
    const res = json(r.stdout).results[0];
    expect(res.file).toBe('<stdin>');
    expect(res.messages.some((m) => m.ruleId === 'jiezhi-jiezhi')).toBe(true);
  });

  it('reports each bad input clearly and still checks the good ones', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-good.docx'), await replyDocx(GOOD));
    const ole = new Uint8Array(4096); ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    writeFileSync(join(dir, 'old.doc'), ole);
    writeFileSync(join(dir, 'old2.docx'), ole);
    writeFileSync(join(dir, 'wps.wps'), ole);
    const good = await replyDocx(GOOD);
    writeFileSync(join(dir, 'truncated.docx'), good.subarray(0, Math.floor(good.length * 0.6)));
    writeFileSync(join(dir, 'text.docx'), '这其实是一个文本文件，只是扩展名写成了 docx。');
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'empty.docx'), '');
    const junk = new Uint8Array(5000); for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 256;
    writeFileSync(join(dir, 'junk.txt'), junk);
    writeFileSync(join(dir, 'notword.docx'), zipSync({ 'hello.txt': strToU8('hi') }));
    writeFileSync(join(dir, 'bomb.docx'), zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': new Uint8Array(120 * 1024 * 1024) }, { level: 9 }));
    writeFileSync(join(dir, 'z-good.txt'), FLAWED.map((l) => l.replace(/^#1 /, '')).join('\n'));
    const r = dafu(['check', dir, '--format', 'json', '--today', '2025-05-20']);
    expect(r.code).toBe(2);
    const byName = Object.fromEntries(json(r.stdout).results.map((x) => [x.file.split(/[\\/]/).pop(), x]));
    expect(byName['a-good.docx'].error).toBeNull();
    expect(byName['z-good.txt'].error).toBeNull();
    expect(byName['z-good.txt'].messages.length).toBeGreaterThan(0);
    expect(byName['old.doc'].error).toMatchObject({ code: 'E_OLD_WORD' });
    expect(byName['old.doc'].error!.message).toMatch(/另存为.*\.docx/);
    expect(byName['old2.docx'].error!.code).toBe('E_OLD_WORD');
    expect(byName['wps.wps'].error!.code).toBe('E_OLD_WORD');
    expect(byName['truncated.docx'].error!.code).toBe('E_CORRUPT_ZIP');
    expect(byName['text.docx'].error!.code).toBe('E_NOT_DOCX');
    expect(byName['empty.txt'].error!.code).toBe('E_EMPTY');
    expect(byName['empty.docx'].error!.code).toBe('E_EMPTY');
    expect(byName['junk.txt'].error!.code).toBe('E_BINARY');
    expect(byName['notword.docx'].error!.code).toBe('E_NOT_DOCX');
    expect(byName['bomb.docx'].error!.code).toBe('E_ZIP_BOMB');
    for (const x of Object.values(byName)) if (x.error) expect(x.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('prints unreadable files in the stylish report with what to do', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.txt'), '');
    const r = dafu(['check', join(dir, 'empty.txt')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/无法检查.*空/);
  });

  it('exits 2 on a missing file and on usage errors', () => {
    expect(dafu(['check', 'no-such-file.docx']).code).toBe(2);
    expect(dafu(['check', 'examples', '--kind', 'xyz']).code).toBe(2);
    expect(dafu(['check', 'examples', '--deadline', '2025/5/1']).code).toBe(2);
    expect(dafu(['frobnicate']).code).toBe(2);
  });

  it('validates the config file and explains errors in Chinese', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'dafu.config.json'), JSON.stringify({ preset: 'lenient', rules: { 'contact-record': 'loud' }, extra: 1 }));
    writeFileSync(join(dir, 'a.txt'), '您提出的建议收悉，现答复如下：\n已完成改造12处。');
    const r = dafu(['check', join(dir, 'a.txt')]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/rules\.contact-record/);
    expect(r.stdout + r.stderr).toMatch(/extra/);
    const r2 = dafu(['check', join(dir, 'a.txt'), '--config', join(dir, 'dafu.config.json')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/配置文件.*有错误/);
  });

  it('finds the config by walking up, and honours rule settings, allow-list and presets', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', dafu: { rules: { 'jiezhi-jiezhi': 'off' }, allow: ['请代表理解'] } }));
    writeFileSync(join(dir, 'sub', 'a.txt'), '您提出的建议收悉，现答复如下：\n截止目前，已完成改造12处，请代表理解。');
    const res = json(dafu(['check', join(dir, 'sub', 'a.txt'), '--format', 'json']).stdout).results[0];
    expect(res.messages.some((m) => m.ruleId === 'jiezhi-jiezhi')).toBe(false);
    expect(res.messages.some((m) => m.ruleId === 'lecturing')).toBe(false);
  });

  it('uses a sidecar case file and reports contradictions with the text', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.txt'), ['A', ...GOOD].map((l) => l.replace(/^#1 /, '')).join('\n'));
    writeFileSync(join(dir, 'r.case.json'), JSON.stringify({ kind: 'cppcc', number: '129', proposer: '王某某', class: 'B' }));
    const res = json(dafu(['check', join(dir, 'r.txt'), '--format', 'json', '--today', '2025-05-20']).stdout).results[0];
    expect(res.kind).toBe('cppcc');
    const ids = res.messages.map((m) => m.ruleId);
    expect(res.messages.find((m) => m.ruleId === 'context-conflict')?.message).toMatch(/案件信息文件.*“B”.*正文为“A”/);
    expect(ids).toContain('number-mismatch');
    expect(ids).toContain('vocab-npc-in-cppcc');
  });

  it('--max-warnings, --quiet and colours', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'w.txt'), '您提出的建议收悉,现答复如下：\n2025年4月8日，我局与您电话沟通。已完成改造12处，投入资金35万元。');
    expect(dafu(['check', join(dir, 'w.txt')]).code).toBe(0);
    expect(dafu(['check', join(dir, 'w.txt'), '--max-warnings', '0']).code).toBe(1);
    const quiet = dafu(['check', join(dir, 'w.txt'), '--quiet']);
    expect(quiet.stdout).not.toMatch(/警告  /);
    const colored = dafu(['check', join(dir, 'w.txt')], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    const plain = dafu(['check', join(dir, 'w.txt'), '--no-color'], { env: { FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    expect(colored.code).toBe(0);
  });

  it('--fix applies only safe fixes to a text draft and --fix-dry-run changes nothing', () => {
    const dir = tempDir();
    const file = join(dir, 'f.txt');
    const original = '您提出的建议收悉,现答复如下：\n截止目前，已完成改造12处，你提出的问题已解决。\n';
    writeFileSync(file, original);
    const dry = dafu(['check', file, '--fix-dry-run']);
    expect(dry.stderr).toMatch(/将修改/);
    expect(readFileSync(file, 'utf8')).toBe(original);
    dafu(['check', file, '--fix']);
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).toContain('截至目前');
    expect(fixed).toContain('收悉，现答复如下');
    expect(fixed).toContain('你提出'); // 你→您 is a suggestion, not a safe fix
  });

  it('--fix fixes every safe finding, also past the 20 a rule lists per file (checked again after fixing)', () => {
    const dir = tempDir();
    const file = join(dir, 'many.txt');
    // 45 runs of full-width digits: fullwidth-digits lists 20, the rest come with the next check
    const lines = Array.from({ length: 45 }, (_, i) => `${i + 1}、截至２０２５年５月，已完成改造${'１２３'.slice(0, 1 + (i % 3))}处。`);
    writeFileSync(file, ['您提出的建议收悉，现答复如下：', ...lines].join('\n') + '\n');
    const before = json(dafu(['check', file, '--format', 'json']).stdout).results[0] as ReturnType<typeof json>['results'][number] & { omitted: Record<string, number> };
    expect(before.omitted['fullwidth-digits']).toBeGreaterThan(0);
    const dry = dafu(['check', file, '--fix-dry-run']);
    expect(dry.stderr).toMatch(/只列出每条规则的前 20 处/);
    const res = dafu(['check', file, '--fix', '--format', 'json']);
    // three runs a line (and a few other safe fixes), in one command
    expect(Number(/已修改 (\d+) 处/.exec(res.stderr)?.[1])).toBeGreaterThanOrEqual(45 * 3);
    expect(readFileSync(file, 'utf8')).not.toMatch(/[０-９]/);
    expect(json(res.stdout).results[0].messages.map((m) => m.ruleId)).not.toContain('fullwidth-digits');
  });

  it('a file that takes longer than --file-timeout is stopped with E_TIMEOUT; the others are checked; exit 2', () => {
    const dir = tempDir();
    // one line of 5,000,000 characters: some 2.5 s to check, far beyond a 0.2 s limit (lines that
    // repeat are no good: the paragraph memo makes them quick)
    writeFileSync(join(dir, 'big.txt'), '办理'.repeat(2_500_000));
    writeFileSync(join(dir, 'small.txt'), FLAWED.map((l) => l.replace(/^#1 /, '')).join('\n'));
    const r = dafu(['check', join(dir, 'big.txt'), join(dir, 'small.txt'), '--format', 'json', '--file-timeout', '0.2', '--today', '2025-05-20']);
    expect(r.code).toBe(2);
    const [big, small] = json(r.stdout).results;
    expect(big.error).toMatchObject({ code: 'E_TIMEOUT' });
    expect(big.error!.message).toMatch(/big\.txt 检查超过 0\.2 秒仍未完成，已停止/);
    expect(small.error).toBeNull();
    expect(small.messages.length).toBeGreaterThan(0);
    // the terminal report says it in its own line
    const text = dafu(['check', join(dir, 'big.txt'), '--file-timeout', '0.2']);
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(/无法检查\s+.*检查超过 0\.2 秒仍未完成/);
  });

  it('a baseline hides accepted findings and shows only new ones', () => {
    const dir = tempDir();
    const file = join(dir, 'b.txt');
    writeFileSync(file, '您提出的建议收悉，现答复如下：\n截止目前，已完成改造12处。\n');
    dafu(['check', file, '--write-baseline', join(dir, 'baseline.txt')]);
    expect(readFileSync(join(dir, 'baseline.txt'), 'utf8')).toMatch(/jiezhi-jiezhi:截止/);
    writeFileSync(file, '您提出的建议收悉，现答复如下：\n截止目前，已完成改造12处，你提出的问题已解决。\n');
    const res = json(dafu(['check', file, '--format', 'json', '--baseline', join(dir, 'baseline.txt')]).stdout).results[0];
    expect(res.messages.map((m) => m.ruleId)).not.toContain('jiezhi-jiezhi');
    expect(res.messages.map((m) => m.ruleId)).toContain('polite-pronoun');
  });

  it('--output writes the report to a file', () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'examples/npc-host-good.txt'), join(dir, 'g.txt'));
    const r = dafu(['check', join(dir, 'g.txt'), '--format', 'json', '--output', join(dir, 'out.json')]);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).results).toHaveLength(1);
  });
});

describe('dafu rules, --help, --version', () => {
  it('lists rules as JSON', () => {
    const list = JSON.parse(dafu(['rules', '--format', 'json']).stdout) as Array<Record<string, unknown>>;
    expect(list.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(list[0])).toEqual(['id', 'category', 'severity', 'fixable', 'requires', 'description']);
  });
  it('shows one rule with examples', () => {
    const r = dafu(['rules', 'jiezhi-jiezhi']);
    expect(r.stdout).toMatch(/错误示例/);
    expect(dafu(['rules', 'no-such-rule']).code).toBe(2);
  });
  it('prints help and version', () => {
    expect(dafu(['--help']).stdout).toMatch(/检查/);
    expect(dafu(['check', '--help']).stdout).toMatch(/--max-warnings/);
    expect(dafu(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('generated rules reference', () => {
  it('docs/rules.md is up to date (run npm run docs after changing a rule)', () => {
    const fresh = dafu(['rules', '--format', 'markdown']).stdout;
    expect(readFileSync(join(ROOT, 'docs/rules.md'), 'utf8')).toBe(fresh);
  });
});
