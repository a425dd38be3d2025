import { parseOrdinal } from './ordinals.js';
import * as P from './patterns.js';
import type { Ordinal, ParagraphRole } from './types.js';

export interface RoleAssignment { role: ParagraphRole; ordinal?: Ordinal }

const isBlank = (s: string) => /^[\s\u3000\u00a0]*$/u.test(s);
const trim = (s: string) => s.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/gu, '');
const endsLikeSentence = (s: string) => /[。！？；;!?…]["”’」）)]*[\s\u3000]*$/u.test(s);
const hasSentencePunct = (s: string) => /[。！？；;!?]/u.test(s);
const HEADING_ROLE = { 1: 'heading1', 2: 'heading2', 3: 'heading3', 4: 'heading4' } as const;

/**
 * A line that is nothing but a placeholder for a part of the letter, as a 答复提纲 leaves them
 * (【成文日期，…】, 【承办单位全称】): read as that part, so a skeleton is read as the letter it becomes.
 */
export function placeholderPart(t: string): ParagraphRole | undefined {
  if (!/^【[^】\n]*】$/u.test(t)) return undefined;
  if (/^【(?:发文字号|文号)/u.test(t)) return 'docNumber';
  if (/^【(?:办理结果)?类别/u.test(t)) return 'classMark';
  if (/^【公开属性/u.test(t)) return 'publicity';
  if (/^【成文日期/u.test(t)) return 'date';
  if (/^【(?:落款单位|承办单位|会办单位)/u.test(t)) return 'signoff';
  return undefined;
}

/** Lines of the letter's apparatus (文号, 类别, 签发人, 公开, 抄送, contact, date …), by their own shape. */
function apparatusRole(t: string): ParagraphRole | undefined {
  const placeholder = placeholderPart(t);
  if (placeholder && placeholder !== 'signoff') return placeholder;
  if (P.DOC_NUMBER.test(t) || P.DOC_NUMBER_LEAD.test(t) || P.DOC_NUMBER_BARE.test(t)) return 'docNumber';
  if (P.CLASS_MARK.test(t) || /^(?:办复|办理)(?:情况|结果|类别)$/u.test(t)) return 'classMark';
  if (P.SIGNER.test(t)) return 'signer';
  if (P.PUBLICITY.test(t) || /^(?:是否(?:同意)?公开|公开属性|公开方式)$/u.test(t)) return 'publicity';
  if (P.CC.test(t)) return 'cc';
  if (P.CONTACT.test(t)) return 'contact';
  if (P.DATE_LINE.test(t) || P.PARTIAL_DATE.test(t)) return 'date';
  if (P.ATTACHMENT.test(t)) return 'attachment';
  // a form's 标题 field holds the title; its other fields are apparatus
  if (P.FORM_FIELD.test(t) || /^代表[:：][\s\u3000]*\S/u.test(t)) return /^[\s\u3000]*(?:答复|复文|文件)?(?:标[\s\u3000]*题|名[\s\u3000]*称)/u.test(t) ? 'title' : 'other';
  if (P.OFFICIALS.test(t)) return 'other';
  return undefined;
}

/** A 落款 line: a short unit name, alone or with the date after it; not a sentence, not a heading. */
const unitLine = (t: string) => placeholderPart(t) === 'signoff' ||
  (t.length <= 50 && !hasSentencePunct(t) && !/[，,：:]/u.test(t) && !parseOrdinal(t) &&
  (P.UNIT_NAME.test(t) || (P.TRAILING_DATE.test(t) && P.UNIT_NAME.test(t.replace(P.TRAILING_DATE, '')))));

const UNMISTAKABLE: Array<[RegExp, ParagraphRole]> = [[P.CC, 'cc'], [P.CONTACT, 'contact'], [P.CLASS_MARK, 'classMark'], [P.SIGNER, 'signer']];

/** A salutation with the opening run on in the same line: 某某委员：您提出的…收悉，现答复如下：… */
const SALUTATION_LEAD = /^(?:尊敬的)?[^，。；！？:：“”《》]{1,60}?(?:代表|委员)(?:们|团)?[\s\u3000]*[:：](?=[\s\u3000]*\S)/u;

/** A 落款 cut short by a web copy at the very end of the text: 某某镇人民政 */
const CUT_UNIT = /^\p{Script=Han}{2,12}(?:人民政|政|委员|管委|办事|人民)$/u;

/** 您好！ on a line of its own belongs to the salutation above it. */
const GREETING = /^您好(?:[！!。，,]|$)(?:[^。！!]{0,30}(?:感谢|谢谢)[^。！!]{0,30}[。！!]?)?$/u;
const TITLE_WORDS = /建议|提案|议案|意见|来信|问题|答复|复函/u;

/** A reply's title, possibly after the unit's name: 某县交通运输局关于…第64号建议的答复函 */
const looksLikeTitle = (t: string) =>
  t.length <= 120 && !endsLikeSentence(t.replace(/[。.]$/u, '')) && TITLE_WORDS.test(t) &&
  ((P.TITLE_END.test(t.replace(/[。.，,]$/u, '')) && /关于|对/u.test(t)) || /第?\s*[0-9一二三四五六七八九十百]+\s*号\s*(?:建议|提案|议案)/u.test(t) || /^(?:人大|政协)?(?:建议|提案)第?[0-9]+号/u.test(t));

/** A title-like line: 关于…的建议 / …的答复, not a sentence. */
const looksLikeTitleLine = (t: string) => t.length <= 120 && /^(?:关于|对)/u.test(t) && /(?:建议|提案|议案|答复|复函)[”"」》]?$/u.test(t) && !hasSentencePunct(t);

/**
 * A salutation: 王某某代表： / 尊敬的某某委员 / 姜某、高某……张某代表： / 某某（等4位）代表： /
 * 张某某政协委员： / 民革某市委员会： / a unit addressed by a 会办意见. Greeting may follow: 您好！
 */
function isSalutation(t: string, next: string | undefined): boolean {
  const s = t.replace(/[\s\u3000]*您好[！!]?$/u, '');
  // a session line (政协某市第十届委员会…) is a title's part, not an addressee
  if (s.length > 160 || hasSentencePunct(s) || parseOrdinal(s) || P.OPENING_MARKERS.test(s) || looksLikeTitle(s) || /第[一二三四五六七八九十0-9]+届/u.test(s)) return false;
  if (/(?:代表|委员|同志|先生|女士|老师)(?:们)?[\s\u3000]*[:：]?$/u.test(s) && !/关于|答复/u.test(s)) return true;
  if (s.length <= 40 && /[:：]$/u.test(s) && !/[，,]/u.test(s) && !apparatusRole(s) && !P.FORM_FIELD.test(s)) return true;
  // a unit addressed without a colon, right above the opening
  return s.length <= 30 && P.UNIT_NAME.test(s) && next !== undefined && P.OPENING_MARKERS.test(next);
}

/** A short "label：value" line, as in a contact block broken over lines (联系 / 人：某某). */
const labelValue = (t: string) => t.length <= 30 && /^[^，。；！？,;]{1,8}[:：][^，。；！？;]{1,24}$/u.test(t);

/**
 * Assigns each paragraph a role from its text and position. Works the same on a full letter
 * (header, salutation, body, signoff) and on a bare body pasted into a system form. Real letters
 * put the parts in many orders (contact before or after the date, 类别 or 签发人 at the end, a
 * page title above the letter's own), so the head and the tail are read as blocks of apparatus
 * lines, and the body is what lies between.
 */
export function assignRoles(texts: string[]): RoleAssignment[] {
  const out: RoleAssignment[] = texts.map((t) => ({ role: isBlank(t) ? 'blank' : 'body' }));
  const lines = texts.map(trim);
  const nonBlank = lines.map((_, i) => i).filter((i) => out[i].role !== 'blank');
  if (nonBlank.length === 0) return out;

  // --- tail: apparatus and 落款 lines, scanning backwards until the first line of content ---
  let tailStart = texts.length;
  let signoffs = 0;
  for (let k = nonBlank.length - 1; k >= 1; k--) {
    const i = nonBlank[k];
    const t = lines[i];
    let role = apparatusRole(t);
    if (!role && signoffs < 3 && (unitLine(t) || (k === nonBlank.length - 1 && CUT_UNIT.test(t)))) { role = 'signoff'; signoffs++; }
    // a contact block broken over lines: "人：某某" (or a bare "人：") above "联系电话：…"
    if (!role && (labelValue(t) || /^[^，。；！？,;]{1,8}[:：]$/u.test(t)) && out[nonBlank[k + 1]]?.role === 'contact') role = 'contact';
    // a page that prints the title again under the letter
    if (!role && looksLikeTitleLine(t) && nonBlank.slice(k + 1).length === 0 && nonBlank.slice(0, k).some((j) => P.DATE_LINE.test(lines[j]) || P.PARTIAL_DATE.test(lines[j]))) role = 'title';
    if (!role) break;
    out[i].role = role;
    tailStart = i;
  }
  // 抄送, contact, 类别 and 签发人 lines are unmistakable wherever they stand (the order rule checks their place)
  for (const i of nonBlank.slice(2)) {
    if (i >= tailStart) break;
    const role = UNMISTAKABLE.find(([re]) => re.test(lines[i]))?.[1];
    if (role) out[i].role = role;
  }

  // --- head: apparatus lines, title lines, salutation (with a greeting line) ---
  const head = nonBlank.filter((i) => i < tailStart);
  let bodyStart = 0;
  // the salutation, if any, among the first lines, before anything that reads as the reply itself
  let sal = -1;
  for (let k = 0; k < Math.min(head.length, 16); k++) {
    const t = lines[head[k]];
    if (isSalutation(t, head[k + 1] !== undefined ? lines[head[k + 1]] : undefined) || (SALUTATION_LEAD.test(t) && !apparatusRole(t))) { sal = k; break; }
    if ((P.OPENING_MARKERS.test(t) && !looksLikeTitle(t)) || (endsLikeSentence(t) && t.length > 30)) break;
  }
  if (sal >= 0) {
    // everything above the salutation is apparatus or title (a page title repeated, a title wrapped, the unit's name)
    // a line with no title word belongs to the title only when a title line follows (a unit's name above it)
    const above = head.slice(0, sal);
    const titleWords = (i: number | undefined) => i !== undefined && !apparatusRole(lines[i]) && (TITLE_WORDS.test(lines[i].replace(/[\s\u3000]/gu, '')) || P.TITLE_START.test(lines[i]));
    // bottom-up: a short line is part of the title when the line under it is (某市教育局 / 政协某市第九届委员 / 次会议33提案的答复)
    const short = (i: number) => lines[i].length <= 30 && !hasSentencePunct(lines[i]);
    for (let k = above.length - 1; k >= 0; k--) {
      const i = above[k];
      const next = above[k + 1];
      out[i].role = apparatusRole(lines[i]) ?? (titleWords(i) || (next !== undefined && out[next].role === 'title' && short(i)) ? 'title' : 'other');
    }
    // top-down: the rest of a title wrapped under a line that does not yet end like one (…第34号建议的 / 答 复)
    above.forEach((i, k) => {
      const prev = k > 0 ? above[k - 1] : undefined;
      if (out[i].role === 'other' && prev !== undefined && out[prev].role === 'title' && !/(?:答复|复函|的函|意见|建议|提案)$/u.test(lines[prev].replace(/[\s\u3000]/gu, '')) && short(i) && !apparatusRole(lines[i])) out[i].role = 'title';
    });
    out[head[sal]].role = 'salutation';
    bodyStart = head[sal] + 1;
    const next = head[sal + 1];
    if (next !== undefined && GREETING.test(lines[next])) { out[next].role = 'salutation'; bodyStart = next + 1; }
    // a title placed under the salutation is still the title (the order rule reports it)
    const after = head.find((j) => j >= bodyStart);
    if (after !== undefined && looksLikeTitle(lines[after]) && !head.slice(0, sal).some((i) => out[i].role === 'title')) { out[after].role = 'title'; bodyStart = after + 1; }
  } else {
    // no salutation (a form body, or a letter without one): apparatus, then the title, wrapped over up to 4 lines
    let k = 0;
    for (; k < head.length; k++) {
      const role = apparatusRole(lines[head[k]]);
      if (!role || role === 'contact' || role === 'cc' || role === 'date') break;
      out[head[k]].role = role;
      bodyStart = head[k] + 1;
    }
    for (let n = 1; n <= 4 && k + n <= head.length; n++) {
      const group = head.slice(k, k + n);
      if (group.some((i) => hasSentencePunct(lines[i].replace(/[。.]$/u, '')) && lines[i].length > 40)) break;
      if (looksLikeTitle(group.map((i) => lines[i]).join(''))) {
        for (const i of group) out[i].role = 'title';
        bodyStart = group[group.length - 1] + 1;
        // apparatus right under the title (文号 printed below it)
        for (const i of head.slice(k + n)) { const role = apparatusRole(lines[i]); if (!role || role === 'contact' || role === 'date') break; out[i].role = role; bodyStart = i + 1; }
        break;
      }
    }
  }
  // apparatus lines between the title and the salutation that the title pass took: 文号 under the title
  for (const i of head) if (i < bodyStart && out[i].role === 'title' && apparatusRole(lines[i])) out[i].role = apparatusRole(lines[i])!;

  // --- body: opening, headings, closing ---
  const body = nonBlank.filter((i) => i >= bodyStart && i < tailStart && out[i].role === 'body');
  for (const i of body) {
    const ordinal = parseOrdinal(lines[i]);
    if (ordinal) {
      out[i].ordinal = ordinal;
      if (ordinal.level > 0) out[i].role = HEADING_ROLE[ordinal.level as 1 | 2 | 3 | 4];
    }
  }
  // the opening run on in the salutation line leaves the body without one
  const salutationOpens = nonBlank.some((i) => out[i].role === 'salutation' && SALUTATION_LEAD.test(lines[i]) && P.OPENING_MARKERS.test(lines[i]));
  const first = salutationOpens ? undefined : body[0];
  if (first !== undefined && out[first].role === 'body' && (P.OPENING_MARKERS.test(lines[first]) || body.length > 1)) {
    out[first].role = 'opening';
    const second = body[1];
    if (second !== undefined && out[second].role === 'body') {
      // an opening in two paragraphs: "…收悉。" then "现答复如下："; or thanks or a restatement of the
      // ask first, then the paragraph that opens the reply (…收悉 / 现将办理情况汇报如下：…)
      const split = !/如下/u.test(lines[first]) && lines[second].length <= 200 && /如下[:：]?$/u.test(lines[second]);
      const later = !P.OPENING_MARKERS.test(lines[first]) ? body.slice(1, 3).find((i) => out[i].role === 'body' && /^[^。]{0,60}?(?:收悉|如下)/u.test(lines[i])) : undefined;
      if (split) out[second].role = 'opening';
      else if (later !== undefined) out[later].role = 'opening';
    }
  }
  // closing: the last paragraphs with thanks / invitation / 特此函复 / 以上答复如有不妥
  // (thanks that go on into facts — 谢谢您关心。今年全市共改造17个… — are the answer)
  for (const i of [...body].reverse().slice(0, 3)) {
    if (i === first || out[i].role !== 'body' || !P.CLOSING_MARKERS.test(lines[i]) || lines[i].length > 160 || /^首先/u.test(lines[i])) break;
    if (/\d+(?:\.\d+)?[\s\u3000]*(?:个|处|条|公里|千米|米|万元|亿元|元|%|％|户|人|辆|所|座|台|套|项|次|件|名|吨|亩|班|盏)/u.test(lines[i])) break;
    out[i].role = 'closing';
  }
  return out;
}
