/**
 * Line shapes shared by role detection and rules. All are anchored, linear regexes: an optional
 * element carries its own trailing spaces, so two space runs never meet (test/hostile/redos.test.ts).
 */

const WS = '[\\s\\u3000]*';

/** 某交函〔2025〕37号 and its malformed cousins ([2025], (2025), 【2025】, 〔25〕第037号 …) */
export const DOC_NUMBER = new RegExp(
  `^${WS}[\\p{Script=Han}A-Za-z]{1,16}${WS}[〔\\[［(（【﹝]${WS}(?:19|20)?\\d{2}${WS}[〕\\]］)）】﹞]${WS}(?:第${WS})?\\d{1,5}${WS}号${WS}$`, 'u');

/** A / （A类） / 办理结果：B / 甲类 / 类别：C */
export const CLASS_MARK = new RegExp(
  `^${WS}(?:(?:办理|答复)?(?:结果|情况)?(?:类别|分类|类型)?[:：]${WS})?(?:[（(]${WS})?([A-DＡ-Ｄa-d甲乙丙丁])${WS}(?:类${WS})?(?:[)）]${WS})?$|^${WS}(?:办理结果|办理情况|答复类别|类别|分类)[:：]${WS}[（(]?([A-DＡ-Ｄ甲乙丙丁])`, 'u');

export const SIGNER = new RegExp(`^${WS}签发人${WS}[:：]`, 'u');
export const PUBLICITY = new RegExp(
  `^${WS}(?:公开属性${WS}[:：]${WS})?(?:[（(]${WS})?(?:此件)?(?:主动公开|依申请公开|不予公开|不公开|公开发布|可公开)${WS}(?:[)）]${WS})?$`, 'u');
export const CONTACT = new RegExp(`^${WS}(?:[（(]${WS})?(?:联系人|联\\s*系\\s*人|联系电话|联系方式|经办人)${WS}[:：]`, 'u');
export const CC = new RegExp(`^${WS}抄${WS}送${WS}[:：]`, 'u');
export const ATTACHMENT = new RegExp(`^${WS}附${WS}件${WS}(?:[:：]|\\d|$)`, 'u');

/** Any date-looking line, well or badly formed: 2025年5月6日, 2025.5.6, 2025-05-06, 二〇二五年五月六日 */
export const DATE_LINE = new RegExp(
  `^${WS}(?:(?:19|20)\\d{2}${WS}年${WS}\\d{1,2}${WS}月${WS}\\d{1,2}${WS}日|(?:19|20)\\d{2}${WS}[.\\-/．]${WS}\\d{1,2}${WS}[.\\-/．]${WS}\\d{1,2}|[〇零一二三四五六七八九○OＯ0]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)${WS}$`, 'u');

/** A reply title: 关于…第N号建议的答复 / …提案的会办意见 / …的答复函 */
export const TITLE_END = /(?:答复|会办意见|协办意见|办理意见|答复函|复函|回复|的函|情况报告|办理情况)[\s\u3000]*$/u;
export const TITLE_START = /^[\s\u3000]*(?:关于|对)/u;

/** A salutation line: 王某某代表： / 张某委员： / 民革市委会： / 市住房和城乡建设局： */
export const SALUTATION = /^[\s\u3000]*[^\s，。；！？:：]{1,40}[\s\u3000]*[:：][\s\u3000]*$/u;

export const OPENING_MARKERS = /收悉|(?:答复|函复|回复|报告|复函|意见|函告|说明|反馈)如下|已收到|收到/u;
export const CLOSING_MARKERS = /感谢|谢谢|欢迎.{0,16}(?:监督|意见|建议|指导)|特此(?:函复|答复|复函|函告)|此复|专此/u;

/** A unit name as written in a signoff line. */
export const UNIT_NAME = /(?:局|委员会|委|办公室|办|厅|院|中心|政府|公司|集团|部|会|所|处|站|队|街道|街道办事处|镇|乡|管委会|分局|馆|校|学院|医院|银行|署)(?:[\s\u3000]*[（(][^）)]{1,12}[）)])?[\s\u3000]*$/u;
