import { countFacts, specificity as specificityOf, contentText, nonSpaceLength, substance } from '@dafu/core';
import { REASON } from './markers.js';
import { defineRule, matchesIn } from './util.js';

export const specificity = defineRule({
  id: 'specificity-low',
  category: 'specificity',
  severity: 'warning',
  description: '答复不具体：套话多、事实少（具体度评分）',
  message: '答复不够具体：具体度评分 {score}/100，全文只有 {facts} 处具体事实（金额、数量、日期、文件、责任单位），套话 {stock} 处（{phrases}）。',
  note: '“答复内容不具体”是退办的主要原因之一：答复要写明做了什么、做到什么程度、花了多少钱、何时完成、由谁负责，而不是“高度重视、认真研究、积极协调”。',
  suggestion: '用事实代替表态，如“2025年4月，市交通运输局在该路段新增信号灯2组、减速带6条，投入资金35万元”。',
  fixable: 'no',
  examples: {
    valid: ['王某某代表：\n您提出的建议收悉，现答复如下：\n2025年4月，我局在该路段新增信号灯2组、减速带6条，投入资金35万元；市公安局交警支队在上下学时段安排警力4名。\n感谢您的关心和支持。'],
    invalid: [{
      text: '王某某代表：\n您提出的建议收悉，现答复如下：\n我局高度重视，认真研究，积极协调有关部门，进一步加大工作力度，切实抓好落实，尽快推动问题解决，努力营造良好环境。\n感谢您的关心和支持。',
      excerpt: '王某某代表：',
    }],
  },
  check(ctx) {
    const text = contentText(ctx);
    if (nonSpaceLength(text, 60) < 60) return; // too short to score: substantive-length speaks
    const { score, facts, stock, phrases } = specificityOf(ctx, text);
    if (score === undefined || score >= 30) return;
    // a low score alone cried wolf on short real replies that say concretely what was done (hand
    // audit of real letters): report only a reply with no fact of the answer itself (the opening's
    // quoted 《title》 is none), or one such fact among stock phrases
    const own = countFacts(substance(ctx)).total;
    if (!((own === 0 && text.length >= 150) || (own <= 1 && stock >= 3))) return;
    ctx.report({ ...ctx.anchor(), data: { score, facts, stock, phrases: phrases.join('、') || '无' } });
  },
});

const CONTACT_VERB = /察看|查看|踏勘|勘察|考察|一同|共同|电话|面商|面谈|座谈|走访|上门|登门|拜访|当面|见面|视频|调研|沟通|交流|征求|听取|会商|陪同|邀请|现场|短信|微信|对接|商谈|约见|座谈会|汇报/u;
const PROPOSER = /您|代表|委员|提出人|领衔人|提案人|建议人|联名/u;
/** 经面商，现答复如下: a meeting in person needs no named person, it can only be with the proposer */
const FACE_TO_FACE = /经(?:与[^，。；]{0,8})?(?:面商|面谈|当面沟通|当面交流|上门沟通)/u;

/** Sentences that record contact with the proposer. */
export function contactSentences(ctx: Parameters<typeof specificity.check>[0]) {
  const content = new Set(ctx.paragraphs(['content']).map((p) => p.index));
  return ctx.doc.sentences.filter((s) => content.has(s.paragraph) && ((CONTACT_VERB.test(s.text) && PROPOSER.test(s.text)) || FACE_TO_FACE.test(s.text)) && !/欢迎|今后|继续|如有/u.test(s.text));
}

export const contactRecord = defineRule({
  id: 'contact-record',
  category: 'communication',
  severity: 'error',
  description: '写明与提出人的沟通：方式、时间、对方意见',
  message: '答复中没有与{person}沟通的记录（何时、以什么方式、对方有何意见）。',
  note: '《全国人民代表大会和地方各级人民代表大会代表法》第四十二条及各地办理办法要求办理中与代表、委员联系沟通（办前、办中、办后），主办件、重点件须当面沟通；“与提出人沟通不到位”是退办的四大原因之一。',
  suggestion: '2025年4月8日，我局副局长李某带队到您所在社区与您面商，现场查看了路口情况，您对整改方案表示认可。',
  roles: ['host', 'split'],
  fixable: 'no',
  examples: {
    valid: ['王某某代表：\n您提出的建议收悉，现答复如下：\n2025年4月8日，我局副局长李某带队与您面商，现场查看了路口情况。\n已新增信号灯2组。'],
    invalid: [{ text: '王某某代表：\n您提出的建议收悉，现答复如下：\n已新增信号灯2组，投入资金35万元。', excerpt: '王某某代表：' }],
  },
  check(ctx) {
    if (ctx.context.contactLog) return;
    if (contactSentences(ctx).length) return;
    ctx.report({ ...ctx.anchor(), data: { person: ctx.context.kind === 'cppcc' ? '委员' : ctx.context.kind === 'npc' ? '代表' : '提出人' } });
  },
});

export const contactDate = defineRule({
  id: 'contact-record-date',
  category: 'communication',
  severity: 'info',
  description: '沟通记录写明时间',
  message: '沟通记录没有写明时间。',
  note: '各地办理规定要求记录沟通的时间、方式和提出人的意见，审核时据此核对“办前、办中、办后”沟通。',
  suggestion: '2025年4月8日，我局与您电话沟通……',
  roles: ['host', 'split'],
  fixable: 'no',
  examples: {
    valid: ['您提出的建议收悉，现答复如下：\n2025年4月8日，我局与您电话沟通了整改方案。'],
    invalid: [{ text: '您提出的建议收悉，现答复如下：\n我局与您电话沟通了整改方案。', excerpt: '我局与您电话沟通了整改方案。' }],
  },
  check(ctx) {
    const sentences = contactSentences(ctx);
    if (!sentences.length) return;
    if (sentences.some((s) => /\d{1,2}\s*月|(?:19|20)\d{2}\s*年|[上中下]旬|日前|近日|此前|办理前|办理中|答复前/u.test(s.text))) return;
    ctx.report({ start: sentences[0].start, end: sentences[0].end });
  },
});

const REFERENCE = /留作参考|留待参考|作为(?:今后)?(?:工作|研究|决策)?参考|供(?:今后)?(?:研究|工作|决策)(?:时)?参考/gu;

export const referenceOnly = defineRule({
  id: 'reference-only',
  category: 'specificity',
  severity: 'error',
  description: '“留作参考”不能单独作为答复',
  message: '“{match}”不能代替答复：全文没有说明不能采纳的具体原因。',
  note: '建议提案办理要求：暂不能解决或留作参考的，须具体说明原因（政策依据、资金、规划、技术条件等）及替代措施，“留作参考”不能单独作为答复内容。',
  suggestion: '该路段属城市主干道，根据《某市城市道路交通规划（2021—2035年）》不宜设置路内泊位；我局已在200米外的某广场新增公共泊位80个。',
  scope: ['content'],
  fixable: 'no',
  examples: {
    valid: ['您提出的建议收悉，现答复如下：\n由于该路段属城市主干道，根据《某市城市道路交通规划》不宜设置泊位，您的建议我们留作参考。', '以上意见供贵局参考。'],
    invalid: [{ text: '您提出的建议收悉，现答复如下：\n您的建议很好，我们将留作参考。', excerpt: '留作参考' }],
  },
  check(ctx) {
    const paras = ctx.paragraphs(this.scope);
    if (paras.some((p) => REASON.test(p.text))) return;
    for (const p of paras) for (const h of matchesIn(p, REFERENCE)) { ctx.report({ start: h.start, end: h.end }); return; }
  },
});
