import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseCoverage, createChecker, extractAsks, parseDraft, termVector } from '../../rules/src/index.js';
import { dafu, tempDir } from '../helpers/cli.js';

const PAIRS = resolve(import.meta.dirname, '../eval/targeting-pairs');
const pair = (id: string) => ({
  suggestion: readFileSync(join(PAIRS, id, 'suggestion.txt'), 'utf8'),
  reply: readFileSync(join(PAIRS, id, 'reply.txt'), 'utf8'),
  expected: JSON.parse(readFileSync(join(PAIRS, id, 'expected.json'), 'utf8')) as { asks: Array<{ text: string; status: string }>; workSummary?: boolean },
});
const coverage = (suggestion: string, reply: string) => analyseCoverage(parseDraft({ text: reply, name: 'reply.txt', format: 'txt' }), suggestion);
const heads = (s: string) => extractAsks(s).asks.map((a) => a.head);

describe('ask extraction', () => {
  it('reads the title, the case number and numbered asks on their own lines (一、)', () => {
    const parts = extractAsks('关于缓解老城区停车难问题的建议\n编号：112\n领衔代表：陈某某\n老城区停车泊位严重不足。为此提出以下建议：\n一、挖掘停车资源。利用闲置地块建设临时停车场。\n二、推行错时共享停车。\n三、建设智慧停车平台。');
    expect(parts.title).toBe('关于缓解老城区停车难问题的建议');
    expect(parts.number).toBe('112');
    expect(parts.asks.map((a) => [a.index, a.ordinal, a.source, a.head])).toEqual([
      [1, '一、', 'numbered', '挖掘停车资源'],
      [2, '二、', 'numbered', '推行错时共享停车'],
      [3, '三、', 'numbered', '建设智慧停车平台'],
    ]);
    expect(parts.asks[0].text).toContain('利用闲置地块建设临时停车场');
  });

  it('splits 一是/二是/三是 inside one paragraph, and keeps offsets into the suggestion', () => {
    const s = '关于解决电动自行车充电难问题的建议\n小区充电设施不足。建议：一是加快建设集中充电桩；二是规范充电收费，明确价格上限；三是加强飞线充电整治。';
    const asks = extractAsks(s).asks;
    expect(asks.map((a) => a.head)).toEqual(['加快建设集中充电桩', '规范充电收费', '加强飞线充电整治']);
    expect(asks.every((a) => a.source === 'inline')).toBe(true);
    for (const a of asks) expect(s.slice(a.start, a.end)).toBe(a.text);
  });

  it('handles 1. / （1） / 1、 / 第一， numbering', () => {
    expect(heads('关于优化公交服务的建议\n建议：\n1. 新开公交线路。\n2. 延长末班车时间。')).toEqual(['新开公交线路', '延长末班车时间']);
    expect(heads('关于农贸市场的建议\n建议：\n（1）分批改造老旧市场；\n（2）设立食品检测室；')).toEqual(['分批改造老旧市场', '设立食品检测室']);
    expect(heads('关于课后服务的建议\n建议：\n1、丰富课后服务内容。\n2、合理确定收费标准。')).toEqual(['丰富课后服务内容', '合理确定收费标准']);
    expect(heads('关于垃圾分类的提案\n为此建议：第一，加强分类宣传。第二，完善分类运输体系。第三，建立激励机制。')).toEqual(['加强分类宣传', '完善分类运输体系', '建立激励机制']);
  });

  it('takes the asks of an unnumbered suggestion from its action sentences (建议…, 希望…, 应当…)', () => {
    const parts = extractAsks('关于加强农村公路日常养护的建议\n我镇通村公路路面破损、坑槽增多。由于养护经费主要靠镇村自筹，养护长期跟不上。建议县交通运输局提高养护资金补助标准。同时，希望县里组建专业养护队伍。此外，应当对破损严重的路段尽快安排大中修。');
    expect(parts.asks.map((a) => a.source)).toEqual(['sentence', 'sentence', 'sentence']);
    expect(parts.asks.map((a) => a.text)).toEqual([
      '建议县交通运输局提高养护资金补助标准。',
      '同时，希望县里组建专业养护队伍。',
      '此外，应当对破损严重的路段尽快安排大中修。',
    ]);
  });

  it('splits a plea that packs requests: purposes dropped, a lead-in kept with its request but not in its head, 并… joined', () => {
    const s = '关于两条县道路灯的建议\n为保障夜间出行安全，恳请县公路中心实地调研，结合东新线改造工程，对东新线重新安装路灯，对塘北线新装路灯并加装警示标志，消除隐患。';
    expect(extractAsks(s).asks.map((a) => [a.text, a.head])).toEqual([
      ['县公路中心实地调研', '县公路中心实地调研'],
      ['结合东新线改造工程，对东新线重新安装路灯', '对东新线重新安装路灯'],
      ['对塘北线新装路灯并加装警示标志，消除隐患。', '对塘北线新装路灯并加装警示标志'],
    ]);
  });

  it('continues an ask after a semicolon, and skips a problem section before the asks', () => {
    expect(extractAsks('关于学校体育场馆开放的建议\n场地不足。建议出台开放管理办法；同时，财政对开放学校给予适当补助。').asks.map((a) => a.text))
      .toEqual(['建议出台开放管理办法；', '同时，财政对开放学校给予适当补助。'].map((t) => t.replace(/；$/u, '')));
    const p = pair('p13-waterlogging-reordered');
    expect(extractAsks(p.suggestion).asks.map((a) => a.ordinal)).toEqual(['（一）', '（二）', '（三）']);
  });

  it('takes the last run when the numbering starts again (problems 1. 2., then asks 1. 2.)', () => {
    expect(heads('关于停车的建议\n目前存在以下问题：\n1. 泊位缺口大。\n2. 乱停乱放多。\n为解决上述问题：\n1. 新建停车场。\n2. 加强执法。')).toEqual(['新建停车场', '加强执法']);
  });

  it('continues the asks after 同时/此外 under a 建议 heading, and leaves explanations out', () => {
    expect(heads('关于停车的建议\n一、存在的问题\n泊位不足。\n二、建议\n建议新建停车场。同时，加强违停执法。这样可以缓解停车难。')).toEqual(['新建停车场', '加强违停执法']);
  });

  it('falls back to the title when the text asks nothing', () => {
    const asks = extractAsks(pair('p21-title-only').suggestion).asks;
    expect(asks).toHaveLength(1);
    expect(asks[0]).toMatchObject({ source: 'title', head: '在滨江公园增设儿童游乐设施' });
  });

  it('accepts CRLF line ends', () => {
    expect(heads('关于优化公交服务的建议\r\n建议：\r\n1. 新开公交线路。\r\n2. 延长末班车时间。\r\n')).toEqual(['新开公交线路', '延长末班车时间']);
  });
});

describe('terms', () => {
  it('weights common official words low and specific nouns high', () => {
    const t = termVector('进一步加强老旧小区加装电梯工作').terms;
    expect(t.get('电梯')).toBe(1);
    expect(t.get('加强')).toBeLessThan(0.1);
    expect(t.get('工作')).toBeLessThan(0.1);
  });

  it('gives abbreviations and their full forms shared terms', () => {
    const share = (a: string, b: string) => [...termVector(a).terms.keys()].filter((k) => termVector(b).terms.has(k));
    expect(share('老旧小区改造', '老旧住宅小区改造')).toEqual(expect.arrayContaining(['老旧', '小区']));
    expect(share('优化公共交通线路', '公交线路')).toEqual(expect.arrayContaining(['≈公交']));
  });
});

describe('coverage', () => {
  it('finds the one ask a reply skips (p03: parking, enforcement skipped)', () => {
    const p = pair('p03-parking-skip-enforcement');
    const cov = coverage(p.suggestion, p.reply);
    expect(cov.asks.map((a) => a.status)).toEqual(['answered', 'answered', 'answered', 'missing']);
    expect(cov.asks[0].lines).toEqual([4]);
    expect(cov.asks[0].stance?.kind).toBe('done');
    expect(cov.workSummary).toBe(false);
  });

  it('matches paraphrases and abbreviations (老旧小区, 电动车, 公交)', () => {
    for (const id of ['p01-old-community', 'p07-bus-abbreviation', 'h05-elderly-digital']) {
      const p = pair(id);
      expect(coverage(p.suggestion, p.reply).asks.map((a) => a.status), id).toEqual(p.expected.asks.map((a) => a.status));
    }
  });

  it('reports a reply about a neighbouring topic as answering nothing, and as a work summary', () => {
    const p = pair('p02-school-bus-canteen');
    const cov = coverage(p.suggestion, p.reply);
    expect(cov.asks.map((a) => a.status)).toEqual(['missing', 'missing', 'missing']);
    expect(cov.workSummary).toBe(true);
    expect(cov.unrelatedShare).toBeGreaterThan(0.5);
  });

  it('calls an ask named but answered with stock phrases weak, without a stance', () => {
    const p = pair('p10-garbage-weak');
    const c = coverage(p.suggestion, p.reply).asks[2];
    expect(c).toMatchObject({ status: 'weak', weakReason: 'no-substance', stance: null, reference: true });
  });

  it('reads stances: not possible now with a reason, done', () => {
    const p = pair('p09-kindergarten-stances');
    const [first, second] = coverage(p.suggestion, p.reply).asks;
    expect(first.stance).toMatchObject({ kind: 'declined', reason: true });
    expect(second.stance?.kind).toBe('done');
  });
});

describe('in the checker', () => {
  const p = pair('p03-parking-skip-enforcement');
  const checker = createChecker();

  it('puts the coverage on the result and reports the missing ask once', () => {
    const r = checker.check({ text: p.reply, name: 'reply.txt', context: { suggestion: p.suggestion } });
    expect(r.coverage?.asks).toHaveLength(4);
    const unanswered = r.messages.filter((m) => m.ruleId === 'ask-unanswered');
    expect(unanswered).toHaveLength(1);
    expect(unanswered[0].message).toContain('加大违停执法力度');
    expect(unanswered[0].severity).toBe('error');
  });

  it('has no coverage and no targeting findings of its own without the suggestion', () => {
    const r = checker.check({ text: p.reply, name: 'reply.txt' });
    expect(r.coverage).toBeUndefined();
    expect(r.messages.filter((m) => m.ruleId.startsWith('ask-') || m.ruleId === 'work-summary')).toEqual([]);
  });

  it('takes the title and number from the suggestion for the opening and title checks', () => {
    const reply = p.reply.replace('第112号建议的答复', '第113号建议的答复').replace('《关于缓解老城区停车难问题的建议》', '《关于停车难的建议》');
    const suggestion = p.suggestion.replace('关于缓解老城区停车难问题的建议\n', '关于缓解老城区停车难问题的建议\n（第112号）\n');
    const r = checker.check({ text: reply, name: 'reply.txt', context: { suggestion } });
    expect(r.context.title).toBe('关于缓解老城区停车难问题的建议');
    expect(r.messages.map((m) => [m.ruleId, m.excerpt])).toEqual(expect.arrayContaining([
      ['opening-cites-title', '《关于停车难的建议》'],
      ['number-mismatch', '第113号'],
    ]));
  });
});

describe('dafu check with a suggestion', () => {
  it('reads the suggestion from a file named in the sidecar and prints the coverage table and JSON', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'reply.txt'), p03().reply);
    writeFileSync(join(dir, 'suggestion.txt'), p03().suggestion);
    writeFileSync(join(dir, 'reply.case.json'), JSON.stringify({ kind: 'npc', suggestion: 'suggestion.txt' }));
    const text = dafu(['check', 'reply.txt'], { cwd: dir });
    expect(text.stdout).toContain('逐条对照建议（共 4 项）');
    expect(text.stdout).toMatch(/4\. 加大违停执法力度\s+→\s+—\s+未答复/u);
    const out = JSON.parse(dafu(['check', 'reply.txt', '--format', 'json'], { cwd: dir }).stdout);
    expect(out.results[0].coverage.map((c: { status: string }) => c.status)).toEqual(['answered', 'answered', 'answered', 'missing']);
    expect(out.results[0].coverage[0]).toMatchObject({ index: 1, ask: '挖掘停车资源', paragraphs: [4], stance: { kind: 'done' } });
  });

  it('fails clearly when the sidecar names a suggestion file that does not exist', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'reply.txt'), p03().reply);
    writeFileSync(join(dir, 'reply.case.json'), JSON.stringify({ suggestion: 'nope.txt' }));
    const r = dafu(['check', 'reply.txt'], { cwd: dir });
    expect(r.stdout).toContain('nope.txt');
    expect(r.code).toBe(2);
  });
});

function p03() { return pair('p03-parking-skip-enforcement'); }
