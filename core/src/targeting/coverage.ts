import type { Paragraph, ReplyDocument } from '../document/types.js';
import type { Lexicons, RuleContext } from '../engine/types.js';
import { countFacts } from '../engine/facts.js';
import { extractAsks, type Ask } from './asks.js';
import { NAME_NUMBER, replyClauses, replyVector, termVector, type Clause, type TermVector } from './terms.js';
import stanceData from './stance.json' with { type: 'json' };

/**
 * Coverage: which reply paragraphs answer which ask of the suggestion, how well, and with what
 * stance. Matching is weighted term overlap (see terms.ts) of each ask with windows of a few
 * clauses of each content paragraph (with the heading above it), plus explicit references at the
 * start of a paragraph (关于您提出的…的建议 / 关于…问题 / 关于第二点建议). An ask that matches well
 * is answered when the answer has substance (facts, measures, reasons), weak when it matches only
 * in part or only with stock phrases, missing when nothing matches. The substance is read from
 * the sentences that speak of this ask (by its own terms and the names of its roads, bridges…),
 * so a figure about another ask in the same paragraph does not answer it.
 */

export type CoverageStatus = 'answered' | 'weak' | 'missing';
export type StanceKind = 'adopted' | 'partly' | 'declined' | 'done' | 'planned' | 'reasons';

export interface Stance {
  kind: StanceKind;
  /** the marker as written (已于, 暂不具备, 部分采纳 …) */
  phrase: string;
  /** concrete measures: facts (amounts, dates, quantities, documents) or done/planned markers */
  measures: boolean;
  /** a reason is given (由于, 根据《…》, 尚未 …) */
  reason: boolean;
}

export interface AskCoverage {
  ask: Ask;
  status: CoverageStatus;
  /** best match, 0–1 */
  score: number;
  /** indexes into ReplyDocument.paragraphs of the paragraphs that answer it, best first */
  paragraphs: number[];
  /** the same paragraphs as 1-based lines */
  lines: number[];
  /** null when the answer states no stance, or when the ask is not answered */
  stance: Stance | null;
  /** a paragraph refers to the ask explicitly (关于您提出的…) */
  reference: boolean;
  /** why an answered-looking ask is only weak: 'partial' match or 'no-substance' */
  weakReason?: 'partial' | 'no-substance';
  /** the ask's terms found in the answer, heaviest first (for explanations) */
  matched: string[];
}

export interface Coverage {
  title?: string;
  number?: string;
  asks: AskCoverage[];
  /** content paragraphs that relate to no ask */
  unrelated: number[];
  /** share of the body (in characters) that relates to no ask, 0–1 */
  unrelatedShare: number;
  /** the body recites work unrelated to the asks while asks go unanswered */
  workSummary: boolean;
}

export interface CoverageOptions {
  lexicons?: Lexicons;
  /** score at or above which an ask counts as answered (default 0.42) */
  answered?: number;
  /** score at or above which an ask counts as touched (default 0.22) */
  weak?: number;
}

const ANSWERED = 0.42;
const WEAK = 0.22;
/** an ask's weight that a full answer must match, at most (long asks need not be echoed whole) */
const CAP = 5;
const BODY_ROLES = new Set(['body', 'heading1', 'heading2', 'heading3', 'heading4']);
const HEADING_LEVEL: Record<string, number> = { heading1: 1, heading2: 2, heading3: 3, heading4: 4 };
/** a heading line on its own (一、办理情况), not a numbered paragraph of content (三、…问题，我大队已转交…处理。) */
const isPureHeading = (text: string) => text.trim().length <= 30 && !/[。；;！？][^。；;！？]/u.test(text.trim()) && !(/[，,]/u.test(text) && text.trim().endsWith('。'));

/** A sentence that restates what the proposer asked (您提出…) is not an answer to it. */
const RESTATEMENT = /^[^。；]{0,12}?(?:您|代表|委员|提案人)(?:们)?(?:在(?:建议|提案)中)?(?:领衔)?(?:提出|建议|希望|反映|提到|所提|关心|关注|指出|要求)/u;
/** an explicit reference at the start of a paragraph: 关于您提出的“…”的建议 / 针对…问题 */
const REFERENCE = /^(?:关于|针对|对于|就|对)(?:您|代表|委员)?(?:领衔)?(?:所?提出|所提|提到|反映|建议)?(?:的)?[“"「]?([^，。：:；;！？“”"」]{2,40}?)[”"」]?(?:的(?:建议|意见|问题|事项|提案)|问题|方面|事宜)?(?=[，。：:；;！？]|$)/u;
const LABEL = /^[\s\u3000]*(?:(?:[（(]?[一二三四五六七八九十0-9]{1,3}[）)]?[、.．]?|[一二三四五六七八九十]是)[\s\u3000]*)?(?:(?:关于|针对|对于|就)[^，。：:；;]{0,40}|对[^，。：:；;]{0,40}的(?:建议|意见|问题|提案|诉求))[，。：:；;]/u;
/** the label of a form field that holds the reply itself */
const REPLY_FIELD = /^[\s\u3000]*(?:办理情况|办理结果|答复内容|答复意见|办理意见|办理复文|复文内容)(?:[（(]摘要[）)])?[\s\u3000]*[:：]/u;
const ORDINAL_REF = /第([一二三四五六七八九十]{1,2}|[0-9]{1,2})(?:点|条|项|个)(?:建议|意见|问题)?/u;

type Marker = { phrase: string; type: string };

const markerCache = new WeakMap<object, Marker[]>();
const NO_LEXICONS = {};

/** The stance markers: our own list plus the typed entries of the positiveMarkers lexicon, longest first. */
function stanceMarkers(lexicons?: Lexicons): Marker[] {
  const key = lexicons ?? NO_LEXICONS;
  let hit = markerCache.get(key);
  if (!hit) { hit = buildMarkers(lexicons); markerCache.set(key, hit); }
  return hit;
}

function buildMarkers(lexicons?: Lexicons): Marker[] {
  const own = stanceData.entries as Marker[];
  const lex = (lexicons?.positiveMarkers ?? []).filter((e) => e.type && ['completed', 'planned', 'stance', 'owner', 'reason'].includes(e.type)).map((e) => {
    if (e.type !== 'stance') return { phrase: e.phrase, type: e.type! };
    const type = /部分/u.test(e.phrase) ? 'partly' : /暂不|不予|无法|难以|不具备|不宜|暂缓|参考/u.test(e.phrase) ? 'declined' : 'adopted';
    return { phrase: e.phrase, type };
  });
  const seen = new Set<string>();
  return [...own, ...lex].filter((m) => m.phrase && !seen.has(m.phrase) && seen.add(m.phrase)).sort((a, b) => b.phrase.length - a.phrase.length);
}

const STANCE_ORDER: StanceKind[] = ['partly', 'adopted', 'declined', 'done', 'planned', 'reasons'];
const TYPE_KIND: Record<string, StanceKind> = { partly: 'partly', adopted: 'adopted', declined: 'declined', completed: 'done', planned: 'planned', reason: 'reasons' };

/**
 * The first marker of each type in the text, longest first: 采纳 inside 暂不采纳 is not adoption.
 * A refusal followed by 的 is a condition (暂不具备条件的，由社区…), not a refusal.
 */
function findMarkers(text: string, markers: Marker[]): Map<string, string> {
  const found = new Map<string, string>();
  const taken: Array<[number, number]> = [];
  for (const m of markers) {
    for (let i = text.indexOf(m.phrase); i >= 0; i = text.indexOf(m.phrase, i + 1)) {
      const end = i + m.phrase.length;
      if (taken.some(([s, e]) => i < e && end > s)) continue;
      if (m.type === 'declined' && /^[\p{Script=Han}]{0,2}的/u.test(text.slice(end, end + 3))) continue;
      taken.push([i, end]);
      if (!found.has(m.type)) found.set(m.type, m.phrase);
    }
  }
  return found;
}

/**
 * The stance an answer states: 部分采纳 / 采纳 / 暂不… (declined), a completed or planned measure
 * (已…, 建成, 计划于, 列入…), a concrete action verb (新建, 查处, 印发 … — done, or planned after
 * 将/计划/拟), or only reasons. Null when the answer states none: a description of the situation,
 * or stock phrases (将认真研究, 积极探索).
 */
export function detectStance(text: string, lexicons?: Lexicons): Stance | null {
  return stanceOf(text, stanceMarkers(lexicons));
}

function stanceOf(text: string, markers: Marker[]): Stance | null {
  const found = findMarkers(text, markers);
  const measures = found.has('completed') || found.has('planned') || found.has('owner') || found.has('action') || factCount(text) > 0;
  const reason = found.has('reason') || /(?:由于|因为|(?<![原基])因(?![此而素]))[\p{Script=Han}]{2}/u.test(text);
  for (const kind of STANCE_ORDER) {
    const type = Object.keys(TYPE_KIND).find((t) => TYPE_KIND[t] === kind)!;
    const phrase = found.get(type);
    if (phrase) return { kind, phrase, measures, reason };
    if (kind === 'planned' && found.has('action')) {
      const action = found.get('action')!;
      // planned when a future word leads to it, or when its sentence only promises (…的路灯安装，镇政府将积极争取)
      const sentence = sentencesOf(text).find((x) => x.includes(action)) ?? '';
      const future = new RegExp(`(?:将|拟|计划|预计|争取)[^，。；]{0,12}${escapeRe(action)}`, 'u').test(text) || (/将|力争|争取/u.test(sentence) && !/已|了/u.test(sentence));
      return { kind: future ? 'planned' : 'done', phrase: action, measures, reason };
    }
  }
  return null;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function factCount(text: string): number {
  const facts = countFacts(text);
  return facts.byType.money + facts.byType.quantity + facts.byType.date + facts.byType.document;
}

/** Substance: a stance with measures or reasons, or concrete facts; not stock phrases alone (将认真研究). */
/** handing the matter on (已转交城关镇人民政府办理) is not an answer, whatever units it names */
const HANDOFF = /转交|转至|转给|移交|交由[^，。；]{1,20}(?:办理|处理|研究)/u;
const HABITUAL = /每年|近年来|一直|历来|多年来|长期以来|始终/u;
/** a sentence that opens on the years behind (近年来，…) tells the background */
const BACKGROUND = /^[\s\u3000]*[^，。；]{0,4}(?:近年来|近几年|多年来|长期以来|历来|一直以来|以往)/u;
const WHEN = /(?:19|20)\d{2}\s*年|\d{1,2}\s*月|年底|年内|今年|明年|月底|季度|近期/u;
/** what holds a measure up: money, a budget, a permit, the terrain */
const CONSTRAINT = /(?:因|由于|受|鉴于)[^。；]{0,24}(?:资金|财政|经费|困难|无力|无法|不足|限制|条件|手续|审批)|无力(?:筹资|承担|实施)|难度(?:非常|很|较)?大/u;
/** something built or done, not a step of paperwork (已纳入规划, 已上报) */
const DELIVERED = /已(?:经)?(?:完成|建成|完工|竣工|开通|实现|拨付|安装|改造|修复|硬化|投用)|建成投用|投入使用/u;
/** waiting on someone else (待资金下达后启动 / 需等待上级部门回复): the answer is not yet the unit's to give */
const WAITING = /待(?![建售遇办用定])[^，。；]{1,24}后|(?:需|须|还需|只能)?等待|视[^，。；]{1,12}(?:情况|而定)/u;

/** the reply's own title and number quoted in it (《…的答复》（某函〔2021〕43号）) are not facts of the answer */
const SELF_REFERENCE = /《[^》]{0,80}(?:答复|复函)》|[\p{Script=Han}]{1,8}〔(?:19|20)\d{2}〕\d{1,4}号/gu;

function substantive(stance: Stance | null, raw: string): boolean {
  const text = raw.replace(SELF_REFERENCE, '');
  if (HANDOFF.test(text) && factCount(text) === 0) return false;
  // 已纳入规划，待项目下达后启动: done paperwork, the thing itself waits, with no when after the wait
  // (unless it says what holds it up: 因无项目资金来源，县级财政十分困难)
  const wait = WAITING.exec(text);
  if (wait && stance?.kind !== 'declined' && !CONSTRAINT.test(text) && !DELIVERED.test(text) && !WHEN.test(text.slice(wait.index))) return false;
  // what the unit has done over the years (近年来，县政府出台了《…》) is background, not this answer's facts
  if (factCount(sentencesOf(text).filter((x) => !BACKGROUND.test(x)).join('')) > 0) return true;
  if (!stance) return false;
  // a plan with no when, no facts and no reason (将积极向上争取，逐步推进) is a stance, not an answer;
  // so is what the unit does every year anyway (每年都安排一定资金用于…维修)
  if (stance.kind === 'planned' && !WHEN.test(text) && !stance.reason) return false;
  if (stance.kind === 'done' && sentencesOf(text).filter((x) => x.includes(stance.phrase)).every((x) => HABITUAL.test(x))) return false;
  if (stance.kind === 'reasons') return text.replace(/[\s\u3000]/gu, '').length >= 30;
  return stance.measures || stance.reason || stance.kind === 'adopted' || stance.kind === 'partly';
}

interface AskVector {
  ask: Ask;
  /** term → id; weights and terms by id */
  ids: Map<string, number>; w: number[]; terms: string[]; own: Set<number>;
  total: number;
  gapped: Array<{ re: RegExp; first: string; ids: number[] }>;
  abbrevs: Array<{ abbr: string; ids: number[] }>;
  /** hits per clause vector, and a scratch stamp per term id for unions */
  cache: WeakMap<TermVector, Hits>; seen: number[]; stamp: number;
}
/** a window of a few clauses of one paragraph; its evidence text is built only when it answers */
interface Unit { paragraph: number; vecs: TermVector[]; text: () => string }

const HAN = /\p{Script=Han}/u;
/** clauses per window: an answer to one ask rarely spans more; a long work summary does */
const WINDOW = 5;
const MAX_ABBREVIATIONS = 64;
const SENTENCE = /[^。！？!?；;]+[。！？!?；;]*/gu;
const sentencesOf = (text: string): string[] => text.match(SENTENCE) ?? [];

function bigramsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) out.push(word.slice(i, i + 2));
  return out;
}

function askVectors(asks: Ask[], title: string | undefined): AskVector[] {
  // who should act (卫生健康部门和水利部门) is not what was asked: agency names would match any
  // paragraph that merely names the replying unit, so they are left out of an ask's terms
  const vecs = asks.map((a) => termVector(a.text.replace(AGENCY, ' ')));
  const topic = title ? termVector(title.replace(/^关于/u, '').replace(/的(?:建议|提案|议案|意见)$/u, '')).terms : new Map<string, number>();
  const n = asks.length;
  const df = new Map<string, number>();
  for (const v of vecs) for (const t of v.terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  return asks.map((ask, i) => {
    const vec = vecs[i];
    const ids = new Map<string, number>();
    const w: number[] = [];
    const terms: string[] = [];
    for (const [t, weight] of vec.terms) {
      // terms the asks share tell them apart less: weight them down, gently;
      // so are the title's words, which say what the topic is, not which ask is answered
      const idf = n >= 2 ? 0.6 + (0.4 * Math.log(1 + n / df.get(t)!)) / Math.log(1 + n) : 1;
      const inTitle = ask.source !== 'title' && topic.has(t) ? 0.6 : 1;
      ids.set(t, terms.length);
      terms.push(t);
      w.push(weight * idf * inTitle);
    }
    const total = w.reduce((sum, x) => sum + x, 0);
    const idsOf = (word: string) => bigramsOf(word).map((b) => ids.get(b)).filter((id): id is number => id !== undefined);
    // abbreviation checks on the ask's specific words: 老旧小区 ~ 老旧住宅小区 (gapped), 公共交通 ~ 公交 (initials)
    // (each word once, and at most MAX_ABBREVIATIONS of them: an ask is a sentence or two, not a page)
    const gapped: AskVector['gapped'] = [];
    const abbrevs: AskVector['abbrevs'] = [];
    const done = new Set<string>();
    const addGapped = (word: string) => {
      if (done.has(word) || done.size >= MAX_ABBREVIATIONS) return;
      done.add(word);
      gapped.push({ re: new RegExp([...word].join('[\\p{Script=Han}]{0,2}'), 'u'), first: word[0], ids: idsOf(word) });
      if (word.length === 4) abbrevs.push({ abbr: word[0] + word[2], ids: idsOf(word) });
    };
    for (const clause of vec.clauses) {
      for (let k = 0; k < clause.length; k++) {
        const tok = clause[k];
        if (tok.weight < 0.5 || !HAN.test(tok.text)) continue;
        const next = clause[k + 1];
        if (next && next.weight >= 0.5 && tok.text.length === 2 && next.text.length === 2 && vec.text.includes(tok.text + next.text)) addGapped(tok.text + next.text);
        if (tok.text.length >= 3 && tok.text.length <= 5) addGapped(tok.text);
      }
    }
    // the ask's own terms: in no other ask and not the title's; an ask matched on none of them is not touched at all
    const own = new Set(terms.map((t, k) => (df.get(t) === 1 && !topic.has(t) ? k : -1)).filter((k) => k >= 0));
    return { ask, ids, w, terms, own, total, gapped, abbrevs, cache: new WeakMap(), seen: new Array<number>(terms.length).fill(0), stamp: 0 };
  });
}

/** What one clause offers an ask: its terms (by id), and the abbreviation groups it matches. */
interface Hits { exact: number[]; gapped: number[]; abbrev: number[] }

function hitsOf(a: AskVector, v: TermVector): Hits {
  let h = a.cache.get(v);
  if (h) return h;
  h = { exact: [], gapped: [], abbrev: [] };
  for (const t of v.terms.keys()) {
    const id = a.ids.get(t);
    if (id !== undefined) h.exact.push(id);
  }
  a.gapped.forEach((g, k) => { if (v.text.includes(g.first) && g.re.test(v.text)) h!.gapped.push(k); });
  a.abbrevs.forEach((ab, k) => { if (!a.ids.has(ab.abbr) && v.terms.has(ab.abbr)) h!.abbrev.push(k); });
  a.cache.set(v, h);
  return h;
}

/**
 * Weighted share of the ask's terms found in a unit (some clauses' vectors), 0–1; with the matched
 * terms when asked for. Abbreviated forms (老旧住宅小区 for 老旧小区, 公交 for 公共交通) count 0.7.
 * Each clause's hits are computed once per ask, so sliding windows cost little.
 */
function overlap(a: AskVector, vecs: TermVector[], withTerms = false): { score: number; matched: string[]; own: boolean } {
  const stamp = ++a.stamp;
  let got = 0;
  const matchedIds: number[] = [];
  const hits = vecs.map((v) => hitsOf(a, v));
  for (const h of hits) for (const id of h.exact) if (a.seen[id] !== stamp) { a.seen[id] = stamp; got += a.w[id]; matchedIds.push(id); }
  // abbreviations only complete a match that has something else in common
  if (got > 0) {
    const credit = (ids: number[]) => { for (const id of ids) if (a.seen[id] !== stamp) { a.seen[id] = stamp; got += 0.7 * a.w[id]; matchedIds.push(id); } };
    for (const h of hits) {
      for (const k of h.gapped) credit(a.gapped[k].ids);
      for (const k of h.abbrev) credit(a.abbrevs[k].ids);
    }
  }
  const denom = Math.min(a.total, CAP);
  const matched = withTerms ? matchedIds.sort((x, y) => a.w[y] - a.w[x]).map((id) => a.terms[id]) : [];
  return { score: denom > 0 ? Math.min(1, got / denom) : 0, matched, own: matchedIds.some((id) => a.own.has(id)) };
}

/** A restating sentence that also answers (您提出的…建议，我局已于…) is kept. */
const ANSWERS = /我(?:局|委|办|们|市|区|县|厅|支队|中心)|已|计划|将于|列入|纳入|暂不|经[^，。；]{0,6}(?:调研|调查|核实|勘察|勘测|论证|走访)/u;

/** The sentences of a paragraph that do not merely restate the proposer's words (您提出…). */
function answerText(text: string): string {
  return sentencesOf(text).filter((s) => !(RESTATEMENT.test(s.trim()) && !ANSWERS.test(s))).join('');
}

/** Which ask a paragraph names explicitly at its start (关于…的建议 / 第二点建议), if any. */
function referencedAsk(p: Paragraph, asks: AskVector[]): number | undefined {
  let text = p.text.trim();
  if (p.ordinal) text = text.slice(text.indexOf(p.ordinal.text) + p.ordinal.text.length).trim();
  const ord = text.slice(0, 24).match(ORDINAL_REF);
  if (ord && /建议|意见|问题/u.test(text.slice(0, 24))) {
    const n = Number.isFinite(Number(ord[1])) ? Number(ord[1]) : ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'].indexOf(ord[1]);
    if (n >= 1 && n <= asks.length) return n - 1;
  }
  const m = text.match(REFERENCE);
  if (!m) return undefined;
  const ref = termVector(m[1]);
  let refTotal = 0;
  for (const w of ref.terms.values()) refTotal += w;
  if (refTotal < 0.8) return undefined;
  let best: number | undefined, bestShare = 0, second = 0;
  asks.forEach((a, i) => {
    let hit = 0;
    for (const [t, w] of ref.terms) if (a.ids.has(t)) hit += w;
    const share = hit / refTotal;
    if (share > bestShare) { second = bestShare; bestShare = share; best = i; } else if (share > second) second = share;
  });
  return bestShare >= 0.6 && bestShare - second >= 0.15 ? best : undefined;
}

export function analyseCoverage(doc: ReplyDocument, suggestion: string, options: CoverageOptions = {}): Coverage {
  const hi = options.answered ?? ANSWERED;
  const lo = options.weak ?? WEAK;
  const parts = extractAsks(suggestion);
  const asks = askVectors(parts.asks, parts.title);
  const markers = stanceMarkers(options.lexicons);

  // units: windows of a few clauses of each content paragraph, with the heading above it; a
  // salutation or opening line that runs on into the answer (…现答复如下：经前期调查…) offers what follows 如下
  // so does a form field that holds the reply (办理情况：针对该道路…), as pages print what the system stored
  const runOn = (p: Paragraph) => (p.role === 'salutation' || p.role === 'opening' ? p.text.split(/如下[:：]/u)[1] ?? ''
    : p.role === 'other' ? p.text.replace(REPLY_FIELD, '\u0000').split('\u0000')[1] ?? '' : '');
  const body = doc.paragraphs.filter((p) => BODY_ROLES.has(p.role) || runOn(p).length >= 40);
  const texts = new Map<number, string>(body.map((p) => [p.index, answerText(BODY_ROLES.has(p.role) ? p.text : runOn(p))]));
  const units: Unit[] = [];
  const headings: Paragraph[] = [];
  const headLabel = (p: Paragraph) => {
    const t = texts.get(p.index)!;
    const cut = t.search(/[。；;！？]/u);
    return (cut > 0 ? t.slice(0, cut) : t).slice(0, 30);
  };
  const content: Paragraph[] = [];
  const clausesOf = new Map<number, Clause[]>();
  const refs = new Map<number, number>(); // paragraph → ask it names
  for (const p of body) {
    const r = referencedAsk(p, asks);
    if (r !== undefined) refs.set(p.index, r);
  }
  // a section headed as the answer to one ask (一、关于增开学生专线的建议) answers that ask only
  const owner = new Map<number, number>();
  for (const p of body) {
    const level = HEADING_LEVEL[p.role];
    const pure = level !== undefined && isPureHeading(p.text);
    if (level) while (headings.length && HEADING_LEVEL[headings[headings.length - 1].role] >= level) headings.pop();
    const section = [...headings].reverse().find((h) => refs.has(h.index));
    if (section && !refs.has(p.index)) owner.set(p.index, refs.get(section.index)!);
    if (!pure) {
      content.push(p);
      const context = headings.length ? replyVector(headLabel(headings[headings.length - 1])) : undefined;
      const clauses = replyClauses(texts.get(p.index)!);
      clausesOf.set(p.index, clauses);
      for (let i = 0; i === 0 || i + WINDOW <= clauses.length; i++) {
        const part = clauses.slice(i, i + WINDOW);
        if (!part.length) break;
        // the evidence of a window runs on two clauses: 推行…，养犬登记时同步植入电子芯片，截至5月底登记2.1万只
        const evidence = () => clauses.slice(i, i + WINDOW + 2).map((c) => c.text).join('');
        units.push({ paragraph: p.index, vecs: [...(context ? [context] : []), ...part.map((c) => c.vec)], text: evidence });
      }
    }
    if (level) headings.push(p);
  }
  // a reply made of headings only still has its headings to match
  if (!units.length) for (const h of body) { content.push(h); const t = texts.get(h.index)!; units.push({ paragraph: h.index, vecs: [replyVector(t)], text: () => t }); }

  // the sentences of a paragraph, as runs of its clauses up to 。！？；, with their terms
  const sentenceCache = new Map<number, Array<{ text: string; vecs: TermVector[] }>>();
  const sentencesIn = (k: number) => {
    let hit = sentenceCache.get(k);
    if (hit) return hit;
    hit = [];
    const clauses = clausesOf.get(k) ?? replyClauses(texts.get(k) ?? '');
    for (let i = 0; i < clauses.length;) {
      let j = i;
      while (j < clauses.length - 1 && !clauses[j].endsSentence) j++;
      const run = clauses.slice(i, j + 1);
      hit.push({ text: run.map((c) => c.text).join(''), vecs: run.map((c) => c.vec) });
      i = j + 1;
    }
    sentenceCache.set(k, hit);
    return hit;
  };

  // each sentence of a paragraph belongs to the asks it speaks of: to those whose own terms it has,
  // if any; else to every ask it matches; a sentence that matches none follows on from the one before
  const names = parts.asks.map((a) => namesIn(a.text));
  const belongs = new Map<number, Array<{ text: string; asks: Set<number> }>>();
  const attribution = (k: number) => {
    let hit = belongs.get(k);
    if (hit) return hit;
    hit = [];
    let prev = new Set<number>();
    const section = owner.get(k) ?? refs.get(k);
    for (const { text, vecs } of sentencesIn(k)) {
      const scores = asks.map((a) => overlap(a, vecs));
      const related = scores.map((x, j) => (x.score >= lo || x.own ? j : -1)).filter((j) => j >= 0);
      const owning = related.filter((j) => scores[j].own);
      // a sentence that names another ask's road, bridge or market and none of this ask's is not about this ask
      const named = related.filter((j) => !names[j].size || [...names[j]].some((n) => text.includes(n)) || !related.some((m) => m !== j && [...names[m]].some((n) => !names[j].has(n) && text.includes(n))));
      const pool = named.length ? named : related;
      const ownPool = pool.filter((j) => scores[j].own);
      const set = section !== undefined ? new Set([section]) : pool.length ? new Set(ownPool.length ? ownPool : pool) : prev;
      hit.push({ text, asks: set });
      prev = set;
    }
    belongs.set(k, hit);
    return hit;
  };
  // the window's clauses widened to whole sentences, so a sentence's opening (近年来，…) stays with it
  const sentencesAround = (k: number, window: string) => {
    const sentences = sentencesIn(k);
    const at = sentences.map((x) => x.text).join('').indexOf(window);
    if (at < 0) return window;
    let from = 0;
    return sentences.filter((x) => { const start = from; from += x.text.length; return start < at + window.length && from > at; }).map((x) => x.text).join('');
  };
  const sentencesFor = (k: number, i: number) => attribution(k).filter((x) => x.asks.has(i)).map((x) => x.text).join('');
  const othersIn = (k: number, i: number) => attribution(k).some((x) => !x.asks.has(i) && x.asks.size > 0);

  const borrowed = new Set<number>();
  const covered: AskCoverage[] = asks.map((a, i) => {
    // best window per paragraph
    const per = new Map<number, { score: number; unit?: Unit; text: () => string }>();
    for (const u of units) {
      const own = owner.get(u.paragraph);
      if (own !== undefined && own !== i) continue;
      const { score } = overlap(a, u.vecs);
      const old = per.get(u.paragraph);
      if (!old || score > old.score) per.set(u.paragraph, { score, unit: u, text: u.text });
    }
    for (const [k, r] of refs) {
      if (r !== i) continue;
      const old = per.get(k);
      if (!old || old.score < hi) per.set(k, { score: hi, unit: old?.unit, text: () => texts.get(k) ?? '' });
    }
    const ranked = [...per.entries()].sort((x, y) => y[1].score - x[1].score);
    const best = ranked[0]?.[1] ?? { score: 0, text: () => '' };
    const bestOverlap = best.unit ? overlap(a, best.unit.vecs, true) : undefined;
    const matched = bestOverlap?.matched ?? [];
    const paragraphs = ranked.filter(([, s]) => s.score >= Math.max(lo, best.score * 0.8)).slice(0, 3).map(([k]) => k);
    // the answer is what the answering paragraphs say of this ask: their sentences that speak of it
    // (and the sentences that follow on), not a figure in the same window about another ask;
    // the paragraph's own label (二、关于公共收益公示。) names the ask; it is not part of the answer
    const own = paragraphs.some((k) => sentencesFor(k, i));
    const evidence = paragraphs.map((k) => (own ? sentencesFor(k, i) : sentencesAround(k, per.get(k)!.text())).replace(LABEL, '')).filter(Boolean).join('\n');
    const stance0 = paragraphs.length ? stanceOf(evidence, markers) : null;
    const whole = paragraphs.map((k) => texts.get(k) ?? '').join('\n');
    // reasons anywhere in the answering paragraphs count; so do measures, when a paragraph is short
    // enough to be about this ask and speaks of no other
    const wholeStance = paragraphs.length ? stanceOf(whole, markers) : null;
    const short = paragraphs.every((k) => (clausesOf.get(k)?.length ?? 0) <= 2 * WINDOW && !othersIn(k, i));
    const stance = stance0 && wholeStance ? { ...stance0, reason: stance0.reason || wholeStance.reason, measures: stance0.measures || (short && wholeStance.measures) } : stance0;
    let weakReason: AskCoverage['weakReason'];
    let status: CoverageStatus = best.score >= hi ? 'answered' : best.score >= lo ? 'weak' : 'missing';
    // touched only through words it shares with the title or another ask (周边, 停车), in a paragraph that answers that other ask
    if (status === 'weak' && asks.length > 1 && a.own.size > 0 && !bestOverlap?.own) borrowed.add(i);
    // a suggestion with one ask: every answering paragraph is about it, named or not (a reply to
    // 修建某村道路 may speak only of 资金 and 开工); whether it answers is a matter of substance
    if (asks.length === 1 && status !== 'answered' && content.length) {
      const all = content.map((p) => texts.get(p.index) ?? '').join('\n');
      const wholeStance = stanceOf(all, markers);
      if (substantive(wholeStance, all)) return { ask: a.ask, status: 'answered' as const, score: Math.round(best.score * 100) / 100, paragraphs: content.map((p) => p.index).slice(0, 3), lines: content.slice(0, 3).map((p) => p.line), stance: wholeStance, reference: false, matched: matched.filter((t) => !t.startsWith('#')).slice(0, 8) };
      status = 'weak';
      weakReason = 'no-substance';
    }
    if (status === 'weak' && !weakReason) weakReason = 'partial';
    if (status === 'answered' && !substantive(stance, evidence)) { status = 'weak'; weakReason = 'no-substance'; }
    return {
      ask: a.ask, status, score: Math.round(best.score * 100) / 100, paragraphs,
      lines: paragraphs.map((k) => doc.paragraphs[k].line), stance: status === 'missing' ? null : stance,
      reference: [...refs.values()].includes(i),
      ...(weakReason ? { weakReason } : {}), matched: matched.filter((t) => !t.startsWith('#')).slice(0, 8),
    };
  });

  for (const i of borrowed) {
    const c = covered[i];
    const other = covered.some((o, j) => j !== i && o.status === 'answered' && o.paragraphs.includes(c.paragraphs[0]));
    if (other) covered[i] = { ...c, status: 'missing', stance: null, paragraphs: [], lines: [], weakReason: undefined };
  }

  // work summary: sentences of the body that relate to no ask, while asks go unanswered
  let bodyChars = 0, unrelatedChars = 0;
  const unrelated: number[] = [];
  for (const p of content) {
    let paraUnrelated = 0, paraChars = 0;
    for (const { text, vecs } of sentencesIn(p.index)) {
      const n = text.replace(/[\s\u3000]/gu, '').length;
      paraChars += n;
      if (!asks.some((a) => overlap(a, vecs).score >= lo)) paraUnrelated += n;
    }
    bodyChars += paraChars;
    unrelatedChars += paraUnrelated;
    if (paraChars > 0 && paraUnrelated === paraChars) unrelated.push(p.index);
  }
  const unrelatedShare = bodyChars ? Math.round((unrelatedChars / bodyChars) * 100) / 100 : 0;
  const poor = covered.filter((c) => c.status !== 'answered').length;
  const workSummary = asks.length > 0 && unrelatedShare >= 0.5 && poor >= Math.max(1, Math.ceil(asks.length / 2)) && bodyChars >= 60;

  return {
    ...(parts.title ? { title: parts.title } : {}),
    ...(parts.number ? { number: parts.number } : {}),
    asks: covered, unrelated, unrelatedShare, workSummary,
  };
}

/** a named road, bridge, market… (东新线, 湖南路, 南关街) or a numbered one (省道102, G9) */
const NAME = new RegExp(`[\\p{Script=Han}]{2}(?:线|路|街|桥|大道|渠|小区|小学|中学|医院|公园|市场|广场|水库)|${NAME_NUMBER.source}|[A-Z][0-9]{1,4}`, 'gu');
const GENERIC_NAME = /(?:道路|公路|马路|铁路|线路|沿线|专线|干线|支线|主线|热线|一线|防线|视线|路线|思路|出路|电路|网路|管线|大桥|桥梁|农贸市场|集贸市场|菜市场|市场|学校|小学|中学|医院|公园|广场|水库|小区)$/u;

/** The names an ask gives its objects, less the generic words that look like names (沿线, 农贸市场). */
function namesIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(NAME)) if (!GENERIC_NAME.test(m[0]) || m[0].length > 4) out.add(m[0]);
  return out;
}

const cache = new WeakMap<ReplyDocument, { suggestion: string; lexicons?: Lexicons; coverage: Coverage }>();

const AGENCY = /(?:市|区|县|镇|省)?[\p{Script=Han}]{2,8}?(?:部门|局|委员会|管委会)(?:和|、|及|与)?/gu;

/** Coverage of a document against a suggestion, computed once per document and suggestion. */
export function coverageFor(doc: ReplyDocument, suggestion: string, lexicons?: Lexicons): Coverage {
  const hit = cache.get(doc);
  if (hit && hit.suggestion === suggestion && hit.lexicons === lexicons) return hit.coverage;
  const coverage = analyseCoverage(doc, suggestion, { lexicons });
  cache.set(doc, { suggestion, lexicons, coverage });
  return coverage;
}

/** The coverage a rule sees: undefined when the check has no suggestion text. */
export function coverageOf(ctx: Pick<RuleContext, 'doc' | 'context' | 'lexicons'>): Coverage | undefined {
  const s = ctx.context.suggestion;
  return s && s.trim() ? coverageFor(ctx.doc, s, ctx.lexicons) : undefined;
}
