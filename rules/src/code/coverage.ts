import { coverageOf, type AskCoverage, type RuleContext } from '@dafu/core';
import { defineRule } from './util.js';

/**
 * Targeting against the suggestion text: does the reply answer each ask, with substance and a
 * stance? The matching is done once per check (core/src/targeting, `coverageOf`); these rules
 * only report it.
 */

const SUGGESTION = '关于缓解老城区停车难问题的建议\n建议：\n一、利用闲置地块建设临时停车场。\n二、推行机关单位停车场错时开放。';
const OPENING = '您提出的关于缓解老城区停车难问题的建议收悉，现答复如下：';
const ANSWER_1 = '一、我局已在解放路利用闲置地块建成临时停车场2处，新增泊位260个。';
const ANSWER_2 = '二、首批18家机关单位内部停车场已于2025年5月起在夜间和节假日错时开放，提供共享泊位1100个。';
const THANKS = '感谢您的关心和支持。';
const COMPLETE = [OPENING, ANSWER_1, ANSWER_2, THANKS].join('\n');
const context = { suggestion: SUGGESTION };

/** 第2项“推行机关单位停车场错时开放” */
const label = (c: AskCoverage) => (c.ask.source === 'title' ? `“${c.ask.head}”` : `第${c.ask.index}项“${c.ask.head}”`);
const labels = (cs: AskCoverage[]) => (cs.length <= 6 ? cs.map(label).join('、') : `${cs.slice(0, 5).map(label).join('、')}等${cs.length}项`);

/** Asks grouped by the paragraph that (best) answers them, as report ranges. */
function byParagraph(ctx: RuleContext, cs: AskCoverage[]): Array<{ start: number; end: number; asks: AskCoverage[] }> {
  const groups = new Map<number, AskCoverage[]>();
  for (const c of cs) {
    const k = c.paragraphs[0];
    if (k === undefined) continue;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  return [...groups].map(([k, asks]) => {
    const p = ctx.doc.paragraphs[k];
    const lead = p.text.length - p.text.trimStart().length;
    return { start: p.offset + lead, end: p.offset + p.text.trimEnd().length, asks };
  });
}

export const askUnanswered = defineRule({
  id: 'ask-unanswered',
  category: 'targeting',
  severity: 'error',
  description: '建议所提各项都要有回应',
  message: '答复没有回应建议所提的{asks}。',
  note: '答复要针对建议提案所提事项逐条回应（清单式一一对应）；漏答所提事项、答非所问属于“针对性不强”，是退办的常见原因。',
  suggestion: '逐条补上：{first}——写明是否采纳，已做或将做什么（数量、资金、时间、责任单位），暂不能办的说明理由。',
  requires: ['suggestion'],
  // a co-handler (会办) or a split unit (分办) answers only its own part
  roles: ['host'],
  fixable: 'no',
  examples: {
    valid: [{ text: COMPLETE, context }],
    invalid: [{ text: [OPENING, ANSWER_1, THANKS].join('\n'), context, excerpt: OPENING }],
  },
  check(ctx) {
    const cov = coverageOf(ctx);
    if (!cov?.asks.length) return;
    const missing = cov.asks.filter((c) => c.status === 'missing');
    if (!missing.length) return;
    const all = missing.length === cov.asks.length;
    ctx.report({
      ...ctx.anchor(),
      ...(all ? { message: `答复与建议所提事项都对不上（共${cov.asks.length}项：${labels(missing)}），可能答非所问。` } : {}),
      data: { asks: labels(missing), first: label(missing[0]) },
    });
  },
});

export const askWeak = defineRule({
  id: 'ask-weak',
  category: 'targeting',
  severity: 'info',
  description: '对所提事项不能只笼统带过',
  message: '本段对建议所提的{asks}只作了笼统回应：{why}。',
  note: '答复要写清对所提事项采取了什么措施、何时完成、由谁负责，不能办的说明理由；只表态（将认真研究、积极推动）或只答了一部分，会被认为答复不具体、针对性不强。',
  suggestion: '针对{first}写明采纳与否和具体措施（数量、资金、时间节点、责任单位），暂不能办的说明理由。',
  requires: ['suggestion'],
  // a soft signal (term overlap and stance words), and co/split units answer only their part
  roles: ['host'],
  fixable: 'no',
  examples: {
    valid: [{ text: COMPLETE, context }],
    invalid: [{
      text: [OPENING, ANSWER_1, '二、关于机关单位停车场错时开放，我们将认真研究，积极推动。', THANKS].join('\n'),
      context, excerpt: '二、关于机关单位停车场错时开放，我们将认真研究，积极推动。',
    }],
  },
  check(ctx) {
    const cov = coverageOf(ctx);
    if (!cov) return;
    for (const g of byParagraph(ctx, cov.asks.filter((c) => c.status === 'weak'))) {
      const why = g.asks.every((c) => c.weakReason === 'no-substance')
        ? '只有表态，没有具体措施、时间节点或理由'
        : '只涉及其中一部分或只是顺带提及，所提的具体事项没有答到';
      ctx.report({ start: g.start, end: g.end, data: { asks: labels(g.asks), first: label(g.asks[0]), why } });
    }
  },
});

export const askNoStance = defineRule({
  id: 'ask-no-stance',
  category: 'targeting',
  severity: 'info',
  description: '对所提事项要表明态度，暂不能办的要说明理由',
  message: '本段回应了建议所提的{asks}，但没有表明态度（采纳、部分采纳、已落实、列入计划或暂不具备条件）。',
  note: '对每项建议都要明确办理态度：已解决的写明落实情况，正在解决的写明计划和时间，暂不能解决的说明具体理由；只介绍现状不表态，提出人无从判断办理结果。',
  suggestion: '在本段写明对{first}的态度和措施，例如“已于2025年5月完成…”“已列入2026年计划，由…负责”“因…，暂不具备条件，拟…”。',
  requires: ['suggestion'],
  // a soft signal (term overlap and stance words), and co/split units answer only their part
  roles: ['host'],
  fixable: 'no',
  examples: {
    valid: [
      { text: COMPLETE, context },
      { text: [OPENING, ANSWER_1, '二、关于机关单位停车场错时开放。因涉及机关安全管理，目前暂不具备全面开放的条件，我局将先在2家单位试点。', THANKS].join('\n'), context },
    ],
    invalid: [{
      text: [OPENING, ANSWER_1, '二、关于机关单位停车场错时开放。目前全市机关单位内部停车场共有泊位3200个，夜间空置率约60%。', THANKS].join('\n'),
      context, excerpt: '二、关于机关单位停车场错时开放。目前全市机关单位内部停车场共有泊位3200个，夜间空置率约60%。',
    }],
  },
  check(ctx) {
    const cov = coverageOf(ctx);
    if (!cov) return;
    const noStance = cov.asks.filter((c) => c.status === 'answered' && (!c.stance || c.stance.kind === 'reasons'));
    for (const g of byParagraph(ctx, noStance)) ctx.report({ start: g.start, end: g.end, data: { asks: labels(g.asks), first: label(g.asks[0]) } });
    const noReason = cov.asks.filter((c) => c.status === 'answered' && c.stance?.kind === 'declined' && !c.stance.reason);
    for (const g of byParagraph(ctx, noReason)) {
      ctx.report({
        start: g.start, end: g.end,
        message: `本段对建议所提的${labels(g.asks)}表示“${g.asks[0].stance!.phrase}”，但没有说明理由。`,
        suggestion: '写明不能办的具体原因（政策依据、资金、规划或用地等），以及下一步打算。',
        data: { asks: labels(g.asks), first: label(g.asks[0]) },
      });
    }
  },
});

export const workSummary = defineRule({
  id: 'work-summary',
  category: 'targeting',
  severity: 'warning',
  description: '不要用工作总结代替答复',
  message: '答复约{share}%的内容与建议所提事项无关，像是工作总结；建议所提{total}项中有{poor}项没有答到或只笼统带过。',
  note: '答复要围绕建议提案所提问题逐条回应，罗列本单位工作成绩、答成“工作总结”是常见的退办原因。',
  suggestion: '删去与建议无关的工作成绩，按建议所提事项逐条写明办理情况。',
  requires: ['suggestion'],
  roles: ['host', 'co'],
  fixable: 'no',
  examples: {
    valid: [{ text: COMPLETE, context }],
    invalid: [{
      text: [OPENING, '近年来，我局认真贯彻市委市政府决策部署，全市城市道路总里程达到1860公里，2024年完成道路大中修42条，新建城市公园6个，城市绿化覆盖率达到43%。', '下一步，我局将继续推动城市建设高质量发展。', THANKS].join('\n'),
      context, excerpt: '近年来，我局认真贯彻市委市政府决策部署，全市城市道路总里程达到1860公里，2024年完成道路大中修42条，新建城市公园6个，城市绿化覆盖率达到43%。',
    }],
  },
  check(ctx) {
    const cov = coverageOf(ctx);
    if (!cov) return;
    // a co-handler answers only its part: its opinion is off target when it answers no ask at all
    const offTarget = ctx.context.role === 'co'
      ? cov.asks.length > 0 && cov.asks.every((c) => c.status !== 'answered') && cov.unrelatedShare >= 0.5
      : cov.workSummary;
    if (!offTarget) return;
    const first = cov.unrelated[0];
    const p = first !== undefined ? ctx.doc.paragraphs[first] : undefined;
    const at = p ? { start: p.offset + (p.text.length - p.text.trimStart().length), end: p.offset + p.text.trimEnd().length } : ctx.anchor();
    ctx.report({
      ...at,
      data: { share: Math.round(cov.unrelatedShare * 100), total: cov.asks.length, poor: cov.asks.filter((c) => c.status !== 'answered').length },
    });
  },
});
