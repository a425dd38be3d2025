/**
 * Fills a 答复提纲 the way a handling unit would (issue 17): every 【…】 becomes concrete text — a
 * sentence with a date, a number and a unit for what was or will be done, a reason with a named
 * document for what cannot be done, a contact record with 面商 and a date — or, for the letter's
 * fields (session, names, unit, date, phone), a value of the right shape.
 */
const FIELDS: Array<[RegExp, (kind: 'npc' | 'cppcc') => string]> = [
  [/^届次会次和编号/u, (k) => (k === 'npc' ? '市十七届人大四次会议第128号' : '市政协十四届四次会议第128号')],
  [/^届次会次/u, (k) => (k === 'npc' ? '市十七届人大四次会议' : '市政协十四届四次会议')],
  [/^提出人姓名/u, () => '王某某'],
  [/^(?:建议|提案)标题/u, (k) => `关于改善社区公共服务的${k === 'npc' ? '建议' : '提案'}`],
  [/^主办单位全称/u, () => '某市园林绿化局'],
  [/^(?:承办|会办|落款)单位/u, () => '某市交通运输局'],
  [/^成文日期/u, () => '2025年6月20日'],
  [/^发文字号/u, () => '某交函〔2025〕37号'],
  [/^办理结果类别/u, () => 'A'],
  [/^公开属性/u, () => '（此件主动公开）'],
  [/^姓名/u, () => '周某某'],
  [/^电话号码/u, () => '0571-87001234'],
  [/^写明办前/u, () => '2025年4月8日，我局副局长李某带队与您面商，并一同到现场察看了3处点位，您对办理方案表示认可。'],
  [/^写明会商/u, () => '2025年4月2日，我局与主办单位面商，双方就分工达成一致。'],
  [/^已办情况/u, () => '2025年4月，某区交通运输局已完成相关设施改造3处，投入资金45万元。'],
  [/^下一步安排/u, () => '计划于2025年12月底前再完成5处，由某区交通运输局负责，所需资金60万元已列入年度预算。'],
  [/^暂不能办的原因/u, () => '根据《某市国土空间总体规划（2021—2035年）》，该区域暂无可用建设用地，需待2026年规划调整后实施。'],
  [/^替代措施/u, () => '2025年5月起，某街道办事处在周边增设临时服务点2处，每周开放5天。'],
];

export function fillOutline(text: string, kind: 'npc' | 'cppcc' = 'npc'): string {
  return text.replace(/【([^【】\n]*)】/gu, (_, prompt: string) => {
    const field = FIELDS.find(([re]) => re.test(prompt));
    return field ? field[1](kind) : '2025年5月，某市交通运输局已办结此项，新增服务点4个。';
  });
}
