/**
 * 答复提纲: the skeleton of a reply that answers each ask of a suggestion (建议) or proposal
 * (提案). What the case says (proposer, number, title, unit …) is written in; everything the
 * handling unit must still supply is a placeholder 【……】 that says what to write, and the
 * `placeholder-unfilled` rule reports every one left, so a half-filled skeleton is never sent.
 *
 * The skeleton is written so that `dafu check` finds nothing in it but its placeholders: the
 * prompts carry the words and model facts the other rules look for (a contact record with 您,
 * a time node and an owner for a plan, a reason for what cannot be done).
 *
 * Browser-safe (the extension inserts the plain-text outline into the reply field).
 */
import type { CaseContext } from '../context/types.js';
import type { ParagraphRole } from '../document/types.js';
import type { Mode, Profile } from '../engine/types.js';
import { extractAsks, type Ask } from '../targeting/asks.js';

export interface OutlineParagraph { role: ParagraphRole; text: string }

export interface OutlineOptions {
  /** the suggestion's text (the record as received) */
  suggestion: string;
  /** the case: kind, role, number, proposer, title, class, unit, session, assigned, deadline, coUnits */
  context?: CaseContext;
  /** the local profile: which parts a letter must carry, the class scheme */
  profile?: Partial<Pick<Profile, 'require' | 'classScheme' | 'classMeaning'>>;
  /** letter (default): a whole letter; system-form: the body for a system's reply field (no title, salutation, 落款) */
  mode?: Mode;
}

export interface Outline {
  paragraphs: OutlineParagraph[];
  /** the asks of the suggestion, one section each */
  asks: Ask[];
}

/** One placeholder: what the writer must fill in. */
export const PLACEHOLDER = /【[^【】\n]*】/gu;
const ph = (prompt: string) => `【${prompt}】`;

const WORDS = {
  npc: { item: '建议', person: '代表', session: '市十七届人大四次会议' },
  cppcc: { item: '提案', person: '委员', session: '市政协十四届四次会议' },
} as const;

/** An organisation that proposes collectively (民革某市委员会, 九三学社某市委, 某界别 …): addressed by its name. */
const COLLECTIVE = /委员会|党派|学社|民革|民盟|民建|民进|农工|致公|台盟|工商联|联合会|界别|界|小组|代表团|协会|委$|会$/u;

type Meaning = 'solved' | 'planned' | 'reasons' | 'reference';

function meaningOf(cls: string | undefined, profile: OutlineOptions['profile']): Meaning | undefined {
  if (!cls) return undefined;
  const own = profile?.classMeaning?.[cls];
  if (own) return own;
  const scheme = profile?.classScheme ?? ['A', 'B', 'C'];
  const i = scheme.indexOf(cls);
  if (i < 0) return undefined;
  const meanings: Meaning[] = scheme.length >= 4 ? ['solved', 'planned', 'reasons', 'reference'] : ['solved', 'planned', 'reasons'];
  return meanings[Math.min(i, meanings.length - 1)];
}

const CN = '一二三四五六七八九十';
/** 1 → 一, 12 → 十二, 23 → 二十三 */
export function chineseOrdinal(n: number): string {
  if (n <= 10) return CN[n - 1];
  if (n < 20) return `十${CN[n - 11] ?? ''}`;
  return `${CN[Math.floor(n / 10) - 1]}十${n % 10 ? CN[n % 10 - 1] : ''}`;
}

/** YYYY-MM-DD → 2025年6月10日 */
const chineseDate = (iso: string) => { const [y, m, d] = iso.split('-').map(Number); return `${y}年${m}月${d}日`; };

/** What to write under one ask, by the result class: done, planned, or not possible now. */
function askBody(meaning: Meaning | undefined): string[] {
  const done = ph('已办情况：写明做了什么、完成时间、数量、资金和责任单位，如“2025年4月，我局已完成……3处，投入资金45万元”');
  const plan = ph('下一步安排：写明措施、完成时限和责任单位，如“计划于2025年12月底前完成，由某区交通运输局负责”');
  const reason = ph('暂不能办的原因：写明政策依据（文件名称）、资金、规划或技术条件，如“根据《……》第×条，……”');
  const instead = ph('替代措施：写明已采取或将采取的办法、时间和责任单位');
  switch (meaning) {
    case 'solved': return [`该问题已解决。${done}`];
    case 'planned': return [`该事项已列入工作计划。${plan}`, done];
    case 'reasons': case 'reference': return [`该事项目前暂不具备实施条件。${reason}`, instead];
    default: return [done, plan, `${reason}${instead}`];
  }
}

/** Builds the outline of a reply to the suggestion: letter parts, one section per ask, prompts. */
export function buildOutline(opts: OutlineOptions): Outline {
  const parts = extractAsks(opts.suggestion);
  const given = opts.context ?? {};
  const context: CaseContext = {
    ...(parts.title ? { title: parts.title } : {}),
    ...(parts.number ? { number: parts.number } : {}),
    ...(parts.proposer?.length ? { proposer: parts.proposer } : {}),
    ...given,
  };
  const kind = context.kind ?? 'npc';
  const co = context.role === 'co';
  const letter = opts.mode !== 'system-form';
  const w = WORDS[kind];
  const require = opts.profile?.require ?? {};
  const meaning = meaningOf(context.class, opts.profile);
  const out: OutlineParagraph[] = [];
  const add = (role: ParagraphRole, text: string) => out.push({ role, text });

  const names = context.proposer ?? [];
  const collective = names.length === 1 && COLLECTIVE.test(names[0]) && names[0].length > 4;
  const proposer = names.length ? names.join('、') : ph('提出人姓名');
  const title = context.title ? `《${context.title.replace(/^《|》$/gu, '')}》` : `《${ph(`${w.item}标题`)}》`;
  const number = context.number ? `（第${context.number}号）` : '';

  if (letter) {
    if (require.docNumber) add('docNumber', ph('发文字号：机关代字、年份和序号'));
    if (require.classMark && !co) add('classMark', context.class ?? ph(`办理结果类别（${(opts.profile?.classScheme ?? ['A', 'B', 'C']).join('／')}）`));
    if (require.signer) add('signer', `签发人：${ph('姓名')}`);
    if (require.publicity) add('publicity', ph('公开属性：主动公开／依申请公开／不予公开'));
    // an unknown number goes into the session's prompt, so the title still shows where it stands
    const which = context.number
      ? `${context.session ?? ph(`届次会次，如${w.session}`)}第${context.number}号`
      : `${context.session ?? ph(`届次会次和编号，如${w.session}第128号`)}`;
    add('title', `关于${which}${w.item}的${co ? '会办意见' : '答复'}`);
    add('salutation', co ? `${ph('主办单位全称')}：` : collective ? `${names[0]}：` : `${proposer}${w.person}：`);
  }

  if (co) add('opening', `${collective ? names[0] : `${proposer}${w.person}`}提出的${title}${number}由贵单位主办、我单位会办。经研究，现将会办意见函告如下：`);
  else add('opening', `${collective ? `${names[0]}提出的` : '您提出的'}${title}${number}收悉。${context.coUnits?.length ? `该${w.item}由我单位主办，${context.coUnits.join('、')}会办。` : ''}现答复如下：`);

  // quotation marks would end the heading's reference to the ask (关于推行厕所长制度的问题)
  const heads = parts.asks.map((a) => a.head.replace(/[“”"「」]/gu, '').replace(/(?<![。；;，,：:…])[。；;，,：:…]+$/u, ''));
  (heads.length ? heads : [ph('所提事项')]).forEach((head, i) => {
    add('heading1', `${chineseOrdinal(i + 1)}、关于${head}的问题`);
    for (const line of askBody(meaning)) add('body', line);
  });

  const you = collective ? '贵方' : '您';
  const after = context.assigned ? `（交办日期${chineseDate(context.assigned)}之后）` : '';
  if (!co) add('body', `办理过程中与${you}沟通的情况：${ph(`写明办前、办中、办后与${you}沟通的时间${after}、方式（面商、电话、座谈、走访、现场察看）、参加人员和${you}的意见，如“2025年4月8日，我局副局长李某与${you}面商，${you}对办理方案表示认可”`)}`);
  else add('body', `与主办单位和提出人沟通的情况：${ph('写明会商或沟通的时间、方式、参加人员和对方意见')}`);
  add('closing', co ? `以上意见，请贵单位在答复${collective ? '' : w.person}时一并考虑。` : `感谢${you}对我们工作的关心和支持，欢迎继续提出宝贵意见。`);

  if (letter) {
    add('signoff', context.unit ?? ph(co ? '会办单位全称' : '承办单位全称'));
    add('date', ph(`成文日期${context.deadline ? `，不晚于办理期限${chineseDate(context.deadline)}` : '，如2025年6月10日'}`));
    add('contact', `联系人：${ph('姓名')}，联系电话：${ph('电话号码')}`);
    const cc = [...(require.cc ?? []), ...(co ? [] : context.coUnits ?? [])];
    if (cc.length) add('cc', `抄送：${[...new Set(cc)].join('，')}。`);
  }
  return { paragraphs: out, asks: parts.asks };
}

/** The outline as plain text, one paragraph a line. */
export const outlineText = (o: Outline): string => o.paragraphs.map((p) => p.text).join('\n') + '\n';

/** The outline as Markdown: the title a heading, the ask sections second-level headings, paragraphs apart. */
export const outlineMarkdown = (o: Outline): string =>
  o.paragraphs.map((p) => (p.role === 'title' ? `# ${p.text}` : p.role === 'heading1' ? `## ${p.text}` : p.text)).join('\n\n') + '\n';
