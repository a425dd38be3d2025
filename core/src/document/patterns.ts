/**
 * Line shapes shared by role detection and rules. All are anchored, linear regexes: an optional
 * element carries its own trailing spaces, so two space runs never meet (test/hostile/redos.test.ts).
 */

const WS = '[\\s\\u3000]*';

/** 某交函〔2025〕37号 and its malformed cousins ([2025], (2025), 【2025】, 〔25〕第037号 …) */
/** a 文号 whose brackets and 号 a web copy lost: 城交通函202517 */
export const DOC_NUMBER_BARE = /^[\s\u3000]*\p{Script=Han}{1,10}(?:函|字|发|复)(?:19|20)\d{3,6}(?:[\s\u3000]+[A-D甲乙丙])?[\s\u3000]*$/u;
export const DOC_NUMBER = new RegExp(
  `^${WS}(?:[-－·•]${WS})?(?:文${WS}号${WS}(?:[:：|｜]${WS})*)?[\\p{Script=Han}A-Za-z]{1,16}${WS}(?:[:：]${WS})?[〔\\[［(（【﹝]${WS}(?:19|20)?\\d{2}${WS}[〕\\]］)）】﹞]${WS}(?:第${WS})?\\d{1,5}(?:[-－]\\d{1,4})?${WS}号${WS}(?:[|｜][^，。；！？]{0,40})?$`, 'u');

/** 文号 leading a header line that also holds the class and the publicity: 某交函〔2025〕37号　A类　同意公开 */
export const DOC_NUMBER_LEAD = new RegExp(
  `^${WS}[\\p{Script=Han}A-Za-z]{1,16}${WS}[〔\\[［(（【﹝]${WS}(?:19|20)?\\d{2}${WS}[〕\\]］)）】﹞]${WS}(?:第${WS})?\\d{1,5}${WS}号${WS}[A-DＡ-Ｄ甲乙丙丁（(主依不同公签][^，。；！？]{0,30}$`, 'u');

/** A / （A类） / 办理结果：B / 甲类 / 类别：C */
export const CLASS_MARK = new RegExp(
  `^${WS}(?:(?:办理|答复|办复)?(?:结果|情况)?(?:类${WS}别|分${WS}类|类${WS}型)?[:：]${WS})?(?:[（(]${WS})?([A-DＡ-Ｄa-d甲乙丙丁])${WS}(?:类${WS})?(?:[)）]${WS})?$|^${WS}(?:办理结果|办理情况|答复类别|办复类别|办复结果|办理类别|类${WS}别|分${WS}类)${WS}(?:[:：]${WS})?[（(]?([A-DＡ-Ｄ甲乙丙丁])`, 'u');

export const SIGNER = new RegExp(`^${WS}签${WS}发${WS}人${WS}[:：]`, 'u');
/** The approving and drafting officials some units print under the letter: 分管领导：… / 承办负责人：… */
export const OFFICIALS = new RegExp(`^${WS}(?:\\p{Script=Han}{0,6}(?:领导|负责人|责任人|办理人)(?:签字|签发|签批|审核)?|承${WS}办${WS}(?:负责人|科室|股室|人员|人)|审${WS}核|核${WS}稿|拟${WS}稿|校${WS}对|签${WS}字|主${WS}题${WS}词)${WS}[:：]|印发${WS}$`, 'u');
export const PUBLICITY = new RegExp(
  `^${WS}(?:是否(?:同意)?公开${WS}[:：]${WS}[是否]${WS}|(?:注${WS}[:：]${WS})?(?:公开(?:属性|方式|类别|选项)${WS}[:：]${WS})?(?:[（(“"]${WS})?(?:[此本]\\p{Script=Han}{0,3}件)?(?:同意|不同意)?(?:主动公开|依申请公开|不予公开|不公开|公开发布|可公开|公开)${WS}(?:[)）”"]${WS})?(?:。${WS})?)$`, 'u');
/** 联系人：… / 联系人及电话： / 联系单位和联系人及电话： / 单位联系电话： / 经办人： / 电话： */
export const CONTACT = new RegExp(
  `^${WS}(?:[（(]${WS})?(?:(?:单位|办理单位|承办单位)?联${WS}系${WS}(?:人|电${WS}话|方式|单位|地址)[^:：]{0,12}|经${WS}办${WS}人[^:：]{0,6}|承${WS}办${WS}(?:人|股室|科室)[^:：]{0,6}(?:电话|联系)[^:：]{0,6}|(?:联系|办公|咨询)?电${WS}话|手${WS}机|传${WS}真|(?:电子)?邮${WS}箱|地${WS}址|邮${WS}编)${WS}[:：]|^${WS}邮政编码${WS}[:：]?\\d{6}`, 'u');
export const CC = new RegExp(`^${WS}(?:抄${WS}[送报]|分${WS}送|报|送)${WS}[:：]`, 'u');
export const ATTACHMENT = new RegExp(`^${WS}附${WS}件${WS}(?:[:：]|\\d|$)`, 'u');

const DATE_BODY = `(?:(?:19|20)\\d{2}${WS}年${WS}\\d{1,2}${WS}月${WS}\\d{1,2}${WS}日|(?:19|20)\\d{2}${WS}[.\\-/．]${WS}\\d{1,2}${WS}[.\\-/．]${WS}\\d{1,2}|[〇零一二三四五六七八九○OＯ0]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)`;
/** A date cut short or with 年月日 lost (a page's copy: 2022年7 / 2017821): a date line, not content. */
export const PARTIAL_DATE = new RegExp(`^${WS}(?:19|20)\\d{2}(?:${WS}年)?(?:${WS}\\d{1,4}(?:${WS}月(?:${WS}\\d{1,2}(?:${WS}日)?)?)?)?${WS}$`, 'u');
/** A date ending a line that starts with something else: 某县交通运输局　2023年8月8日 */
export const TRAILING_DATE = new RegExp(`${DATE_BODY}${WS}(?:[（(][^（()）]{1,12}[)）]${WS})?$`, 'u');

/** Any date-looking line, well or badly formed: 2025年5月6日, 2025.5.6, 2025-05-06, 二〇二五年五月六日; a note in brackets may follow: （此件公开发布） */
export const DATE_LINE = new RegExp(`^${WS}${DATE_BODY}${WS}(?:[（(][^（()）]{1,12}[)）]${WS})?$`, 'u');

/** A reply title: 关于…第N号建议的答复 / …提案的会办意见 / …的答复函 */
export const TITLE_END = /(?:答复|会办意见|协办意见|办理意见|答复函|复函|回复|的函|情况报告|办理情况)[\s\u3000]*$/u;
export const TITLE_START = /^[\s\u3000]*(?:关于|对)/u;

/** A form's field above the letter (a 办理单 printed with the reply): 编号：… 代表姓名：… 主办单位：… 事  由：… */
export const FORM_FIELD = new RegExp(`^${WS}(?:\\p{Script=Han}{0,6}(?:编${WS}号|姓${WS}名|单${WS}位|事${WS}由|案${WS}由|届${WS}次|标${WS}题|正${WS}文|日${WS}期|时${WS}间|提案者|建议人|提案人|名${WS}称|结${WS}果)|提出代表|(?:答复|办理|建议|提案)内容|办理(?:情况|结果)|领衔代表|会议名称)${WS}[:：|｜]`, 'u');

/** A salutation line: 王某某代表： / 张某委员： / 民革市委会： / 市住房和城乡建设局： */
export const SALUTATION = /^[\s\u3000]*[^\s，。；！？:：]{1,40}[\s\u3000]*[:：][\s\u3000]*$/u;

export const OPENING_MARKERS = /收悉|(?:答复|函复|回复|报告|汇报|复函|意见|函告|说明|反馈)如下|提出(?:以下|如下)[^，。]{0,8}意见|已收到|收到/u;
export const CLOSING_MARKERS = /感谢|谢谢|谢意|欢迎.{0,16}(?:监督|意见|建议|指导|关注)|回执|审核签发|审定|审签|一并(?:考虑|参考)|特此(?:函复|答复|复函|函告|回复|说明)|此复|专此|以上(?:答复|意见)|宝贵意见|征询意见|如有不妥|批评指正|是否满意|敬请(?:反馈|指正)|请予?(?:继续)?(?:关心|支持|监督)/u;

/** A unit name as written in a signoff line. */
export const UNIT_NAME = /(?:局|委员会|委|办公室|办|厅|院|中心|政府|公司|集团|部|会|所|处|站|队|街道|街道办事处|镇|乡|管委会|分局|馆|校|学院|医院|银行|署)(?:[\s\u3000]*[（(][^）)]{1,12}[）)])?[\s\u3000]*$/u;
