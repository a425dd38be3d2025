/**
 * Concrete facts a reviewer looks for: amounts, quantities with units, dates, named documents,
 * document numbers and named responsible units. Each pattern is linear (no nested quantifiers), and
 * none starts with a look-behind (the regex engine would try it at every position of the text).
 */
export const FACT_PATTERNS: Record<string, RegExp> = {
  money: /[0-9０-９](?<!(?:[0-9０-９]|[0-9０-９][.,，])[0-9０-９])(?:[.,，]?[0-9０-９])*\s*(?:[多余]\s*)?(?:万|亿|千)?元/gu,
  quantity: /[0-9０-９](?<!(?:[0-9０-９]|[0-9０-９]\.)[0-9０-９])(?:\.?[0-9０-９])*\s*(?:[多余]\s*)?(?:个百分点|%|％|个|处|条|公里|千米|米|平方米|平方公里|亩|辆|人次|万人|人|户|所|家|座|台|套|项|次|件|名|吨|立方米|张|班|路|泊位|间|栋|幢|盏|棵|株|场|期|批|类|份|篇|门|种|趟|天|小时|分钟|个工作日|月|周)/gu,
  date: /(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月(?:底|初|中旬|上旬|下旬)|(?:年底|年内|季度末|上半年|下半年)前?/gu,
  document: /《[^《》\n]{2,60}》/gu,
  docNumber: /〔(?:19|20)\d{2}〕\s*\d+\s*号/gu,
  unit: /(?:市|区|县|省|镇|街道)[\p{Script=Han}]{1,12}?(?:局|委员会|办公室|中心|公司|集团|管委会|街道办事处|人民政府|政府|医院|学校)|[\p{Script=Han}]{2,6}?(?:大队|支队|中队|派出所|供电所|卫生院|管委会|管理处|管理站)/gu,
  /** a thing already done, said as done: 已安装 / 进行了实地调研 / 完成了改造 (a short factual reply is made of these) */
  done: /(?:已|已经|进行了|开展了|完成了?)(?:对[\p{Script=Han}]{1,12}?)?(?:实地|现场)?(?:调研|查看|勘察|踏勘|测量|安装|设置|增设|建成|完工|开通|修复|维修|改造|硬化|拨付|下达|印发|出台|铺设|更换|配备|划设|施划|清理|整治|纳入|列入)|(?:建成|修建|兴建|新建|安装|改造|硬化|维修|修复|铺设|整改|清理|拆除|增设|成立|采购|购置)了|(?:整改|施工|安装|清理)完毕|到(?:现场|实地)(?:查看|调研|核实|勘察|踏勘)/gu,
};

export interface FactCounts { total: number; byType: Record<string, number> }

export function countFacts(text: string): FactCounts {
  const byType: Record<string, number> = {};
  let total = 0;
  for (const [type, re] of Object.entries(FACT_PATTERNS)) {
    re.lastIndex = 0;
    let n = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) n++;
    byType[type] = n;
    total += n;
  }
  return { total, byType };
}
