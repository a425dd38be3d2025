import { chineseToNumber, parseOrdinal } from '../document/ordinals.js';

/**
 * Ask extraction: the title of a suggestion (建议/提案) and its individual asks — numbered points
 * (一、 （一） 1. （1） 一是 第一，, on their own lines or inline) and, when it is not numbered,
 * the sentences that request action (建议…, 应当…, 请…, 希望…). When the text has no ask at
 * all, the title is the one ask. Every regex here is linear (no nested quantifiers).
 */

export interface Ask {
  /** 1-based, in the order of the suggestion */
  index: number;
  /** the ask as written: the numbered item or the sentence (a numbered heading with the lines under it, joined) */
  text: string;
  /** a short form for reports: the first clause, without 建议/希望 and connectives */
  head: string;
  /** the ordinal as written (一、 1. 一是 …), for numbered asks */
  ordinal?: string;
  source: 'numbered' | 'inline' | 'sentence' | 'title';
  /** offsets in the suggestion text (after CRLF → LF) */
  start: number;
  end: number;
}

export interface SuggestionParts {
  title?: string;
  /** the case number when the suggestion states one (编号：128, 第128号) */
  number?: string;
  /** the proposers a record names (领衔代表：, 提案人：), for the case context */
  proposer?: string[];
  asks: Ask[];
}

interface Line { text: string; start: number }

/**
 * Record fields, as systems print or export a 建议/提案: metadata (who, which number, which unit)
 * is never an ask; content labels keep what follows; cue labels open the asks.
 */
const FIELD_META = '建议号|提案号|案号|编号|序号|号|标题|题目|名称|领衔代表|领衔人|领衔|提出人|提建议代表|建议人|提案人|提案者|代表姓名|代表|联系代表|联名代表|附议人|附议代表|附议|参与代表|联名|委员|界别|党派|代表团|通讯地址|工作单位|单位|职务|联系电话|联系方式|电话|会议名称|会议|届次|类别|分类|类型|提出日期|提交日期|日期|时间|立案时间|承办单位|承办部门|主办部门|办理部门|提案者建议承办单位|希望办理的承办单位|建议承办单位|主办单位|会办单位|协办单位|办理单位|交办日期|办理期限|办理情况|办理结果|办理状态|办理要求|办理类型|办理方式|原件|处理状态|处理意见|审查意见|是否公开|公开|状态|关键词|主题词';
const FIELD_CONTENT = '反映|建议全文|建议内容|提案内容|议案内容|问题内容|具体内容|主要内容|内容|正文|案由|事由|由|理由|提案理由|案据|情况说明|基本情况|存在问题|问题及建议';
const FIELD_CUE = '(?:提案(?:人|者)|建议人|代表)?对本案的实施(?:建议|意见)(?:及措施)?|实施建议及措施|具体建议|建议及措施|解决(?:办法|方案|措施|建议)|办法|措施|对策建议|建议|意见建议';
const LABEL_BODY = `(?:${FIELD_CUE}|${FIELD_CONTENT}|${FIELD_META})`;
/** a label at the start of a piece: 案由：, 建 议：, 领衔代表： (labels are often spaced out) */
const FIELD_AT = new RegExp(`^((?:${LABEL_BODY}))[\\s\\u3000]*[:：]`, 'u');
/** a label on a line of its own, without a colon: 基本信息 / 案由 / 提案人对本案的实施建议及措施 */
const FIELD_ALONE = new RegExp(`^(?:${LABEL_BODY}|基本信息|提案信息|建议信息)$`, 'u');
/** a strong label run on inside a line: …的管理建议人：史付兰建议内容：近几年来 */
const FIELD_INSIDE = /(?:建议人|提案人|领衔代表|附议人|建议内容|提案内容|建议全文|承办单位|联系电话|提出日期)[\s\u3000]*[:：]/gu;
/** A label as printed → as listed: spaces, a note in brackets (建议内容（摘要）) and the item's own word (建议标题) go. */
/** labels whose second character a web copy lost: 内 ：, 建 ： */
const CLIPPED: Record<string, string> = { 内: '内容', 建: '建议' };
function normalLabel(raw: string): string | undefined {
  const clipped = squeeze(raw).replace(/[（(][^（）()]{1,8}[）)]$/u, '');
  const squeezed = CLIPPED[clipped] ?? clipped;
  if (FIELD_ALONE.test(squeezed)) return squeezed;
  const bare = squeezed.replace(/^(?:建议|提案|议案|代表|委员)(?=\p{Script=Han}{2})/u, '');
  return FIELD_ALONE.test(bare) ? bare : undefined;
}
const isCue = (label: string) => new RegExp(`^(?:${FIELD_CUE})$`, 'u').test(label);
const isContent = (label: string) => new RegExp(`^(?:${FIELD_CONTENT})$`, 'u').test(label);
const squeeze = (s: string) => s.replace(/[\s\u3000]+/gu, '');

interface RecordParts { lines: Line[]; regionFrom?: number; title?: string; number?: string; proposer?: string[] }

/** Reads a record as systems print it: table cells and run-on labels split, fields set apart. */
function readRecord(text: string): RecordParts {
  // pieces: table cells (a | b | c) and labels run on inside a line become pieces of their own
  const pieces: Line[] = [];
  for (const l of lines(text)) {
    const cells: Line[] = [];
    let from = 0;
    for (const m of l.text.matchAll(/[|｜]/gu)) { cells.push({ text: l.text.slice(from, m.index), start: l.start + from }); from = m.index! + 1; }
    cells.push({ text: l.text.slice(from), start: l.start + from });
    for (const c of cells) {
      const cuts = [...c.text.matchAll(FIELD_INSIDE)].map((m) => m.index!).filter((i) => i > 0);
      let at = 0;
      for (const cut of [...cuts, c.text.length]) {
        const raw = c.text.slice(at, cut);
        const lead = raw.length - raw.trimStart().length;
        if (raw.trim()) pieces.push({ text: raw.trim(), start: c.start + at + lead });
        at = cut;
      }
    }
  }
  const rec: RecordParts = { lines: [] };
  let pending: 'meta' | 'content' | 'cue' | undefined;
  let pendingLabel = '';
  const meta = (label: string, value: string) => {
    const v = value.trim();
    if (!v) return;
    if (/^(?:标题|题目|名称)$/u.test(label) || (/^(?:案由|事由)$/u.test(label) && TITLE.test(v))) rec.title ??= v.replace(/^[《“"]|[》”"]$/gu, '');
    // a system's code (2025-R-0137) is not a case number
    const num = v.match(/^(?:第)?[\s\u3000]*([0-9０-９]{1,8})(?![-－_A-Za-z0-9０-９])[\s\u3000]*号?/u);
    if (/号$|编号$/u.test(label) && num) rec.number ??= String(chineseToNumber(num[1]));
    if (/^(?:领衔代表|领衔人|领衔|提出人|提建议代表|建议人|提案人|提案者|代表姓名|代表)$/u.test(label)) rec.proposer ??= v.replace(/[（(][^（）()]{1,20}[）)]/gu, '').split(/[、，,\s\u3000]+/u).filter((x) => /^\p{Script=Han}{2,4}$/u.test(x));
  };
  for (const piece of pieces) {
    const squeezed = squeeze(piece.text);
    const alone = squeezed.length <= 24 ? normalLabel(squeezed.replace(/[:：]$/u, '')) : undefined;
    if (alone) {
      const label = alone;
      pending = isCue(label) ? 'cue' : isContent(label) ? 'content' : FIELD_ALONE.test(label) && /信息$/u.test(label) ? undefined : 'meta';
      pendingLabel = label;
      if (pending === 'cue') rec.regionFrom ??= rec.lines.length;
      continue;
    }
    // a spaced-out label (建    议：) is read without its spaces; the value keeps its own offsets
    const spaced = piece.text.match(/^([^:：]{1,30})[:：]/u);
    const label = spaced ? normalLabel(spaced[1]) : undefined;
    const m = spaced && label ? { label, rest: piece.text.slice(spaced[0].length) } : undefined;
    if (m) {
      const valueStart = piece.start + piece.text.length - m.rest.length;
      const lead = m.rest.length - m.rest.trimStart().length;
      const value = { text: m.rest.trim(), start: valueStart + lead };
      if (isCue(m.label)) { rec.regionFrom ??= rec.lines.length; if (value.text) rec.lines.push(value); pending = 'cue'; }
      else if (isContent(m.label)) {
        // a 案由 that is the title, not the reasons
        if (/^(?:案由|事由)$/u.test(m.label) && TITLE.test(value.text)) meta(m.label, value.text);
        else if (value.text) rec.lines.push(value);
        pending = 'content';
      } else { meta(m.label, value.text); pending = value.text ? undefined : 'meta'; pendingLabel = m.label; }
      continue;
    }
    if (pending === 'meta') { meta(pendingLabel, piece.text); pending = undefined; continue; }
    rec.lines.push(piece);
  }
  return rec;
}

const TITLE = /^[《“"]?关于[^\n]{2,80}?(?:的)?(?:建议|提案|议案|意见)[》”"]?$/u;
/** 某县第十四届人民代表大会第二次会议代表建议 / 政协某县第十届委员会第三次会议提案 */
const SESSION = /^[^，。；]{0,30}(?:人民代表大会|人大|政协|委员会)[^，。；]{0,20}(?:会议)[^，。；]{0,12}$/u;
/** metadata lines: who proposed it, its number, its category … */
const META = /^(?:领衔|附议|联名)?(?:代表|委员|提案人|提出人|建议人|领衔人|附议人|联系人|联系电话|联系方式|单位|工作单位|类别|分类|编号|提案编号|建议编号|案号|界别|党派|办理单位|主办单位|会办单位|协办单位|承办单位|交办日期|提出日期|时间|日期|届次|会议|标题|题目)[\s\u3000]{0,4}[:：]/u;
/** labels that introduce the content: keep what follows */
const CONTENT_LABEL = /^(?:案由|内容|正文|理由|提案内容|建议内容|具体内容|主要内容|情况说明|问题及建议)[\s\u3000]{0,4}[:：][\s\u3000]*/u;
/** a heading or phrase that opens the asks (建议：, 为此建议, 二、几点建议 …) */
const REGION_INLINE = /(?:为此|因此|对此|为此特|特|故|现)?(?:提出|提|作出)?(?:如下|以下|几点|具体|对策|工作)?建议(?:如下)?[:：]|(?:为此|因此|对此|特此|现|故)(?:提出|特|郑重)?(?:如下|以下|几点)?建议[，,]?|(?:提出|提)(?:如下|以下|几点|具体)(?:建议|意见)[:：。，,]?/u;
const REGION_HEADING = /^(?:对策|措施|举措|办法|思路|意见)?(?:及|和|与)?(?:几点|具体|相关|对策|工作)?(?:建议|对策|措施|举措|意见|办法)(?:如下)?[:：。]?$/u;
const PROBLEM_HEADING = /问题|现状|原因|背景|情况|意义|必要性|成因|不足|案由|案据|理由|依据/u;
/** a sentence that requests action */
const ACTION = /^[\s\u3000]*(?:将|把)(?=\p{Script=Han})|建议(?=\p{Script=Han}|[，,])(?![人书号案者的全内办事])|应当|应该|(?<![相供适反回响对理效])应(?=\p{Script=Han})|希望|恳请|呼吁|(?<![申邀聘提报约])请(?=\p{Script=Han})|亟需|亟待|急需|(?<![需主重只必概纲摘想不简首])要(?![求素点害是])(?=\p{Script=Han})|务必|必须|尽快|抓紧/u;
/** inline enumerations: 一是 第一， （1） 1. ① 一、 — at a clause start */
const INLINE_MARK = /(?<=^|[。；;，,：:\s\u3000])(?:([一二三四五六七八九十]{1,2})是(?![否非])|第([一二三四五六七八九十]{1,2})(?:点|条)?[，,、：:]|[（(]([一二三四五六七八九十]{1,2}|[0-9]{1,2})[）)]|([0-9]{1,2})[.．、](?![0-9])|([①②③④⑤⑥⑦⑧⑨⑩])|([一二三四五六七八九十]{1,2})、)/gu;
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';
const SENTENCE_END = /[。！？!?；;]/u;
const CONTINUES = /^[\s\u3000]*(?:同时|此外|另外|再者|其次|再次|最后|另一方面|还应|并且)/u;

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t) out.push({ text: t, start: start + lead });
    start += raw.length + 1;
  }
  return out;
}

/** A short form of an ask: its first clause, without the ordinal, 建议/希望 and connectives. */
export function askHead(text: string): string {
  let s = text.replace(/^[\s\u3000]+/u, '');
  const ord = parseOrdinal(s);
  if (ord) s = s.slice(s.indexOf(ord.text) + ord.text.length);
  s = s.replace(/^(?:同时|此外|另外|另一方面|再者|最后|首先|其次|再次|还有)[，,、]?/u, '');
  s = s.replace(/^(?:为此|因此)?(?:建议|希望|恳请|呼吁|请求|请)[:：，,]?/u, '');
  // 对暂时无法接入管网的村庄，希望建设…: the topic clause is not the ask
  const topic = s.match(/^(?:对|对于|针对)[^，,。；;]{1,24}[，,](?:希望|建议|应当|应|要|请)?/u);
  if (topic && topic[0].length < s.length - 4 && !DEMAND.test(topic[0])) s = s.slice(topic[0].length);
  // 结合…工程，对…重新安装路灯: the occasion is not the ask either
  const occasion = s.match(new RegExp(`${LEAD_IN.source}[^，,。；;]{1,30}[，,]`, 'u'));
  if (occasion && DEMAND.test(s.slice(occasion[0].length))) s = s.slice(occasion[0].length);
  const cut = s.search(/[。；;，,：:！？]/u);
  let head = (cut > 0 ? s.slice(0, cut) : s).trim();
  if (head.length < 4 && cut > 0) head = s.slice(0, Math.min(s.length, 40)).replace(/[。；;]$/u, '');
  return head.length > 40 ? `${head.slice(0, 39)}…` : head;
}

function make(text: string, start: number, source: Ask['source'], ordinal?: string): Omit<Ask, 'index'> {
  // trim trailing punctuation and whitespace, keep offsets exact
  const lead = text.length - text.replace(/^[\s\u3000]+/u, '').length;
  const body = text.trim().replace(/(?<![；;，,])[；;，,]+$/u, '');
  return { text: body, head: askHead(body), ...(ordinal ? { ordinal } : {}), source, start: start + lead, end: start + lead + body.length };
}

/** Splits a paragraph at inline enumeration marks (一是…二是…) when they count up from 1. */
function inlineItems(text: string, start: number): Array<Omit<Ask, 'index'>> | undefined {
  const marks: Array<{ at: number; end: number; value: number; kind: number; label: string }> = [];
  INLINE_MARK.lastIndex = 0;
  for (let m = INLINE_MARK.exec(text); m; m = INLINE_MARK.exec(text)) {
    const kind = [1, 2, 3, 4, 5, 6].find((k) => m![k] !== undefined)!;
    const raw = m[kind];
    const value = kind === 5 ? CIRCLED.indexOf(raw) + 1 : chineseToNumber(raw);
    marks.push({ at: m.index, end: m.index + m[0].length, value, kind, label: m[0] });
  }
  // the longest run 1, 2, 3 … of one kind
  let best: typeof marks = [];
  for (let i = 0; i < marks.length; i++) {
    if (marks[i].value !== 1) continue;
    const run = [marks[i]];
    for (let j = i + 1; j < marks.length; j++) {
      if (marks[j].kind === marks[i].kind && marks[j].value === run[run.length - 1].value + 1) run.push(marks[j]);
    }
    if (run.length > best.length) best = run;
  }
  if (best.length < 2) return undefined;
  return best.map((mk, i) => {
    let end = i + 1 < best.length ? best[i + 1].at : text.length;
    if (i + 1 === best.length) {
      // the last item ends with its sentence when what follows is a closing remark (以上建议…)
      const rest = text.slice(mk.end, end);
      const stop = rest.search(/[。！？!?](?=[^。！？!?]*(?:以上|妥否|请予|望予|恳请采纳|特此))/u);
      if (stop >= 0) end = mk.end + stop + 1;
    }
    return make(text.slice(mk.end, end), start + mk.end, 'inline', mk.label.replace(/^[\s\u3000]+/u, ''));
  }).filter((a) => a.text.length >= 2);
}

/** Sentences (split at 。！？ and ；) of a paragraph, as [text, offset]. */
function clauses(text: string, start: number): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (SENTENCE_END.test(text[i]) || i === text.length - 1) {
      const piece = text.slice(from, i + 1);
      if (piece.trim()) out.push([piece, start + from]);
      from = i + 1;
    }
  }
  return out;
}

/** Action sentences of some lines; a clause after ； continues the ask of its sentence. */
function sentenceAsks(ls: Line[], all: boolean): Array<Omit<Ask, 'index'>> {
  const out: Array<Omit<Ask, 'index'>> = [];
  let prevWasAsk = false;
  for (const l of ls) {
    for (const [piece, at] of clauses(l.text, l.start)) {
      const afterSemicolon = /^[；;]/u.test(l.text.slice(at - l.start - 1, at - l.start));
      // 建议…。同时，加强…: a connective continues the asking
      const isAsk: boolean = all || ACTION.test(piece) || (prevWasAsk && (afterSemicolon || CONTINUES.test(piece)));
      if (isAsk && piece.replace(/[\s\u3000。；;，,]/gu, '').length >= 4) out.push(make(piece, at, 'sentence'));
      prevWasAsk = isAsk;
    }
  }
  return out;
}

/** The asks of a block of lines: numbered lines, else inline enumerations, else action sentences. */
function asksOf(ls: Line[], regionFound: boolean): Array<Omit<Ask, 'index'>> {
  const numbered = ls.map((l) => ({ l, ord: parseOrdinal(l.text) })).filter((x) => x.ord);
  // 一是…；二是… in one paragraph: inline items, even when the paragraph starts with the first
  if (numbered.length < 2) {
    for (const l of ls) {
      const inline = inlineItems(l.text, l.start);
      if (inline) return [...inline, ...sentenceAsks(ls.filter((x) => x.start > l.start), false)];
    }
  }
  // numbered lines: the style of the first one is the ask level; other lines join the ask above
  if (numbered.length >= 1) {
    const style = numbered[0].ord!.style;
    let level = numbered.filter((x) => x.ord!.style === style);
    // numbering that starts again at 1 (problems 1. 2. …, then suggestions 1. 2. …): the last run asks
    const restart = level.map((x, i) => (i > 0 && x.ord!.value === 1 ? i : -1)).filter((i) => i > 0).pop();
    if (restart !== undefined && !regionFound) level = level.slice(restart);
    // problem sections (一、存在的问题) before the suggestions are not asks
    const items = level.filter((x) => !(x.l.text.length <= 20 && PROBLEM_HEADING.test(x.l.text)));
    if (items.length >= 2 || (items.length === 1 && regionFound)) {
      const out: Array<Omit<Ask, 'index'>> = [];
      // the first item written without its number (…建设公共停车场。/ 二、… / 三、…): the lines before 二、
      const firstAt = ls.indexOf(items[0].l);
      if (regionFound && items[0].ord!.value === 2 && firstAt > 0) {
        const lead = ls.slice(0, firstAt);
        out.push(make(lead.map((l) => l.text).join(''), lead[0].start, 'numbered'));
      }
      for (const { l, ord } of items) {
        const from = ls.indexOf(l);
        const nextItem = level.find((x) => ls.indexOf(x.l) > from);
        const to = nextItem ? ls.indexOf(nextItem.l) : ls.length;
        const parts = ls.slice(from, to);
        // a short heading line (一、挖掘停车资源) with its paragraphs below
        const heading = l.text.length <= 30 && parts.length > 1;
        const startAt = l.start + l.text.indexOf(ord!.text) + ord!.text.length;
        const endLine = parts[parts.length - 1];
        if (heading && REGION_HEADING.test(l.text.slice(startAt - l.start).trim())) {
          // 二、几点建议 over （一）（二）: the sub-items are the asks
          const sub = asksOf(parts.slice(1), true);
          if (sub.length) { out.push(...sub); continue; }
        }
        const text = heading ? l.text.slice(startAt - l.start) + '。' + parts.slice(1).map((p) => p.text).join('') : l.text.slice(startAt - l.start);
        const a = make(l.text.slice(startAt - l.start), startAt, 'numbered', ord!.text);
        out.push(heading ? { ...a, text: text.replace(/。。/gu, '。'), end: endLine.start + endLine.text.length } : a);
      }
      return out;
    }
  }
  for (const l of ls) {
    const inline = inlineItems(l.text, l.start);
    if (inline) {
      const rest = ls.filter((x) => x !== l);
      return [...inline, ...sentenceAsks(rest.filter((x) => x.start > l.start), false)];
    }
  }
  return sentenceAsks(ls, false);
}

/** A clause that asks for one thing: it starts with what to do (对…进行清淤 / 聘请… / 拆除…). */
const DEMAND = /^(?:[^，,；;。]{0,10}?(?:政府|部门|单位)(?:主管部门|相关部门|有关部门)?)?(?:(?:并|同时|另外|及时|尽快|切实|进一步|全面|积极|实地|深入|由|请|对[^，,；;。]{1,16}?(?:进行|实施|予以|给予)?|在[^，,；;。]{1,12}?)?)(?:实施|建设|修建|新建|增设|设立|开展|加强|加大|完善|推进|推行|建立|制定|出台|落实|扩大|组织|协调|整治|清理|清淤|理通|重建|维修|硬化|拓宽|安装|加装|新装|更换|配备|聘请|成立|创建|启动|调整|规范|取消|延长|开通|增开|纳入|列入|划定|实行|强化|拆除|设置|改造|调研|考察|巩固|配套|修复|迁移|搬迁|补贴|补助|提高|降低|减免)/u;
/** Purpose and result clauses are not asks: 确保水系畅通 / 以便… / 保障道路畅通 */
const PURPOSE = /^(?:以|以便|为了|为|确保|保证|保障|从而|进而|使|让|切实解决|彻底解决|解决好|助力|满足|实现|提高[^，,]{0,6}(?:效率|质量|水平))/u;

/** A lead-in that sets the occasion of the request after it: 结合…工程，实施… / 借助…机遇，在…方面给予扶持 */
const LEAD_IN = /^(?:结合|借助|依托|利用|趁|借|按照|根据|针对)/u;
/** The plea inside a sentence, after its purposes: 为保障…，提高…，恳请县政府… */
const PLEA = /(?:恳请|建议|希望|呼吁|请求)[:：，,]?/u;

/**
 * One sentence often packs several requests (对A进行巩固配套，对B进行清淤，对C进行重建，确保通水):
 * each clause that starts with what to do becomes an ask of its own; purpose clauses stay with the
 * request before them, a lead-in (结合…工程) with the request after it, and purposes before the
 * plea (为保障…，恳请…) are dropped. A sentence with one such clause is kept whole. Numbered items
 * are the proposer's own division, unless one item runs to several sentences of requests
 * (一是创建…园区。成立领导小组，聘请团队规划设计，加大…力度).
 */
function splitPacked(a: Omit<Ask, 'index'>): Array<Omit<Ask, 'index'>> {
  if (a.source === 'title') return [a];
  if (a.source !== 'sentence' && !/[。！？；;][^。！？；;\s\u3000]{4,}/u.test(a.text.replace(/[。！？；;][\s\u3000]*$/u, ''))) return [a];
  let body = a.text;
  let lead = 0;
  if (a.ordinal) { const at = body.indexOf(a.ordinal); if (at >= 0 && at < 4) { lead = at + a.ordinal.length; body = body.slice(lead); } }
  const plea = PLEA.exec(body);
  // the plea opens the requests when only purposes (or nothing) stand before it
  // (为保障…，改善…，恳请…: what follows a 为 clause up to the plea is all purpose)
  const before = plea ? body.slice(0, plea.index).split(/[，,]/u).map((c) => c.trim()).filter(Boolean) : [];
  const pleaded = !!plea && (before.length === 0 || /^(?:为此|因此|故|特|同时)$/u.test(before[0]) || PURPOSE.test(before[0]) || /^为/u.test(before[0]));
  if (pleaded) {
    lead += plea!.index + plea![0].length;
    body = body.slice(plea!.index + plea![0].length);
  }
  const pieces: Array<{ text: string; at: number }> = [];
  let from = 0;
  for (const m of body.matchAll(/[，,；;。]/gu)) { pieces.push({ text: body.slice(from, m.index! + 1), at: from }); from = m.index! + 1; }
  if (from < body.length) pieces.push({ text: body.slice(from), at: from });
  const trimmed = pieces.map((p) => p.text.trim().replace(/^(?:特|并且|并|同时|另外)?(?:建议|恳请|希望)[:：，,]?/u, ''));
  const leadIn = trimmed.map((t, i) => LEAD_IN.test(t) && i + 1 < pieces.length && DEMAND.test(trimmed[i + 1]));
  // 并… adds to the request before it (延长开放至21时，并取消周一闭馆): one ask, as proposers and readers take it
  const starts = trimmed.map((t, i) => ((i === 0 && !leadIn[i]) || (DEMAND.test(t) && !/^并(?!且)/u.test(t)) || leadIn[i]) && !PURPOSE.test(t) && !(i > 0 && leadIn[i - 1]));
  const demands = starts.filter(Boolean).length;
  if (demands < 2 || !(DEMAND.test(trimmed[0]) || leadIn[0] || pleaded || a.source !== 'sentence')) return [a];
  const out: Array<Omit<Ask, 'index'>> = [];
  for (let i = 0; i < pieces.length; i++) {
    if (!starts[i]) continue;
    let j = i + 1;
    while (j < pieces.length && !starts[j]) j++;
    const at = a.start + lead + pieces[i].at;
    const text = pieces.slice(i, j).map((p) => p.text).join('');
    out.push(make(text, at, a.source, out.length === 0 ? a.ordinal : undefined));
  }
  return out.filter((x) => x.text.replace(/[\s\u3000，,；;。]/gu, '').length >= 4);
}

/** Finds the title, the case number and the asks of a suggestion text. */
export function extractAsks(suggestion: string): SuggestionParts {
  const text = suggestion.replace(/\r\n?/gu, '\n');
  const record = readRecord(text);
  let ls = record.lines;
  const parts: SuggestionParts = { asks: [], ...(record.title ? { title: record.title } : {}), ...(record.number ? { number: record.number } : {}), ...(record.proposer?.length ? { proposer: record.proposer } : {}) };
  const cueLine = record.regionFrom !== undefined ? ls[record.regionFrom] : undefined;
  // header: title, number and metadata lines among the first few
  let bodyFrom = 0;
  for (let i = 0; i < Math.min(ls.length, 8); i++) {
    const t = ls[i].text;
    const num = t.match(/(?:编号|案号)[\s\u3000]{0,4}[:：][\s\u3000]*(?:第[\s\u3000]*)?([0-9０-９]{1,6})(?![-－_A-Za-z0-9０-９])/u) ?? t.match(/^[（(]?第[\s\u3000]*([0-9０-９]{1,6})[\s\u3000]*号[）)]?$/u);
    if (num && !parts.number) { parts.number = String(chineseToNumber(num[1])); bodyFrom = i + 1; continue; }
    if (!parts.title && TITLE.test(t)) { parts.title = t.replace(/^[《“"]|[》”"]$/gu, ''); bodyFrom = i + 1; continue; }
    // a page heading: 第27号建议 / 第27号建议关于…的建议
    const numbered = t.match(/^第?[\s\u3000]*([0-9０-９]{1,6})[\s\u3000]*号[\s\u3000]*(?:建议|提案|议案)?(关于.{2,80})?$/u);
    if (numbered) { parts.number ??= String(chineseToNumber(numbered[1])); if (numbered[2] && TITLE.test(numbered[2])) parts.title ??= numbered[2]; bodyFrom = i + 1; continue; }
    if (META.test(t)) { bodyFrom = i + 1; continue; }
    if (i >= bodyFrom + 1) break;
  }
  // a session line above the record (某县第十四届人民代表大会第二次会议代表建议) is a header, not an ask
  while (bodyFrom < ls.length && SESSION.test(ls[bodyFrom].text)) bodyFrom++;
  ls = ls.slice(bodyFrom).filter((l) => !META.test(l.text)).map((l) => {
    const label = l.text.match(CONTENT_LABEL);
    return label ? { text: l.text.slice(label[0].length), start: l.start + label[0].length } : l;
  }).filter((l) => l.text);

  // where the asks begin: a heading (二、几点建议 / 建议：) or an inline phrase (为此建议：)
  let region: Line[] | undefined;
  // a cue field (具体建议：, 提案人对本案的实施建议及措施) opens the asks
  if (cueLine && ls.includes(cueLine)) region = ls.slice(ls.indexOf(cueLine));
  for (let i = 0; i < ls.length && !region; i++) {
    const l = ls[i];
    const ord = parseOrdinal(l.text);
    const bare = ord ? l.text.slice(l.text.indexOf(ord.text) + ord.text.length).trim() : l.text;
    if (bare.length <= 16 && REGION_HEADING.test(bare) && !PROBLEM_HEADING.test(bare.replace(/问题及建议|问题和建议/u, ''))) {
      region = ls.slice(i + 1);
      // the asks of a numbered heading end at the next heading of its level
      if (ord) {
        const next = region.findIndex((x) => parseOrdinal(x.text)?.style === ord.style);
        if (next >= 0) region = region.slice(0, next);
      }
      break;
    }
    const m = REGION_INLINE.exec(l.text);
    if (m) {
      const cut = m.index + m[0].length;
      const rest = l.text.slice(cut);
      region = [...(rest.trim() ? [{ text: rest, start: l.start + cut }] : []), ...ls.slice(i + 1)];
    }
  }

  // the asks section speaks for itself: every sentence in it asks, even without 建议 (建立…机制)
  let asks = region?.length ? asksOf(region, true) : [];
  // a plea before the asks section is an ask too: 恳请县政府安排专项资金…。建议：1、…
  if (region?.length && asks.length) {
    const before = ls.filter((l) => l.start < region![0].start).map((l) => (l.start + l.text.length > region![0].start ? { text: l.text.slice(0, region![0].start - l.start), start: l.start } : l));
    const pleas = sentenceAsks(before, false).filter((a) => /恳请|呼吁|请求/u.test(a.text));
    asks = [...pleas, ...asks];
  }
  if (!asks.length && region?.length) asks = sentenceAsks(region, true);
  if (!asks.length) asks = asksOf(ls, false);
  // no sentence asks for anything: the record's title is the ask; failing that, what it states is
  // (a title-only record, 反映：…的问题, an imperative without 建议: 将…纳入…；拆除…)
  const bareTitle = !parts.title ? ls.find((l) => /^关于/u.test(l.text) && l.text.length <= 60 && !SENTENCE_END.test(l.text)) : undefined;
  const title = parts.title ?? bareTitle?.text;
  if (!asks.length && title) {
    const at = text.indexOf(title);
    asks = [{ text: title, head: title.replace(/^关于/u, '').replace(/的(?:建议|提案|议案|意见)$/u, ''), source: 'title', start: Math.max(0, at), end: Math.max(0, at) + title.length }];
  }
  if (!asks.length) asks = sentenceAsks(ls.filter((l) => l.text.replace(/[\s\u3000]/gu, '').length >= 6 && !SESSION.test(l.text) && !/^[0-9]+号?$/u.test(l.text)), true);
  parts.asks = asks.flatMap(splitPacked).map((a, i) => ({ index: i + 1, ...a }));
  return parts;
}
