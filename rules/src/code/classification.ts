import type { ClassMeaning, RuleContext } from '@dafu/core';
import { COMPLETED, FUTURE, OWNER, REASON, TIME_NODE } from './markers.js';
import { contactSentences } from './substance.js';
import { defineRule } from './util.js';

const MEANING_LABEL: Record<ClassMeaning, string> = { solved: '已解决或基本解决', planned: '正在解决或列入计划', reasons: '因条件限制暂不能解决', reference: '留作参考' };

function classInfo(ctx: RuleContext): { letter: string; meaning: ClassMeaning } | undefined {
  const letter = ctx.context.class;
  const meaning = letter ? ctx.profile.classMeaning?.[letter] : undefined;
  return letter && meaning ? { letter, meaning } : undefined;
}

const contentSentences = (ctx: RuleContext) => {
  const content = new Set(ctx.paragraphs(['content']).map((p) => p.index));
  return ctx.doc.sentences.filter((s) => content.has(s.paragraph));
};

const classExamples = (letter: string, good: string, bad: string) => ({
  valid: [{ text: `王某某代表：\n您提出的建议收悉，现答复如下：\n${good}`, context: { class: letter } }],
  invalid: [{ text: `王某某代表：\n您提出的建议收悉，现答复如下：\n${bad}`, context: { class: letter }, excerpt: '王某某代表：' }],
});

export const classSolved = defineRule({
  id: 'class-solved-facts',
  category: 'classification',
  severity: 'error',
  description: '标为“已解决”（A类）的答复要写已完成的事实',
  message: '答复标为{letter}类（{label}），但正文没有已经完成的事实，只有打算和承诺。',
  note: '办理结果分类：A类（已解决或基本解决）须写明已完成的事项和结果；只有“将、拟、计划、争取”的，应标为B类（正在解决或列入计划）。',
  suggestion: '写明已完成的事项，如“已于2025年4月完成该路段信号灯改造，新增信号灯2组”；若尚未完成，改标B类。',
  requires: ['context'],
  fixable: 'no',
  examples: classExamples('A', '已于2025年4月完成该路段信号灯改造，新增信号灯2组。', '我局将积极协调，计划明年启动改造。'),
  check(ctx) {
    const c = classInfo(ctx);
    if (c?.meaning !== 'solved') return;
    // a dated contact with the proposer is not a completed result
    const contacts = new Set(contactSentences(ctx).map((s) => s.start));
    if (contentSentences(ctx).some((s) => !contacts.has(s.start) && COMPLETED.test(s.text))) return;
    ctx.report({ ...ctx.anchor(), data: { letter: c.letter, label: MEANING_LABEL.solved } });
  },
});

export const classPlanned = defineRule({
  id: 'class-planned-plan',
  category: 'classification',
  severity: 'error',
  description: '标为“正在解决／列入计划”（B类）的答复要有时间节点和责任单位',
  message: '答复标为{letter}类（{label}），但没有写明{missing}。',
  note: '办理结果分类：B类（正在解决或列入计划）须写明计划内容、完成时限和责任单位，必要时写明资金来源。',
  suggestion: '已列入2026年城建计划，由区住建局负责实施，9月底前完工，投资约300万元。',
  requires: ['context'],
  fixable: 'no',
  examples: classExamples('B', '该项目已列入2026年城建计划，由区住建局负责实施，9月底前完工。', '我们将积极推进，争取早日解决。'),
  check(ctx) {
    const c = classInfo(ctx);
    if (c?.meaning !== 'planned') return;
    // the plan is what the reply says will happen: its time node and owner must be there
    const planSentences = contentSentences(ctx).filter((s) => FUTURE.test(s.text));
    const plan = planSentences.map((s) => s.text).join('');
    // the owner is often named once for the paragraph the plan sits in
    const planParas = new Set(planSentences.map((s) => s.paragraph));
    const around = ctx.doc.paragraphs.filter((p) => planParas.has(p.index)).map((p) => p.text).join('');
    const missing = plan ? [!TIME_NODE.test(plan) && '完成时限', !OWNER.test(around) && '责任单位'].filter(Boolean) : ['计划内容、完成时限和责任单位'];
    if (missing.length) ctx.report({ ...ctx.anchor(), data: { letter: c.letter, label: MEANING_LABEL.planned, missing: missing.join('和') } });
  },
});

export const classReasons = defineRule({
  id: 'class-reasons-given',
  category: 'classification',
  severity: 'error',
  description: '标为“暂不能解决／留作参考”（C、D类）的答复要写具体原因',
  message: '答复标为{letter}类（{label}），但没有说明具体原因（政策依据、资金、规划、技术条件等）。',
  note: '办理结果分类：C类（因条件限制暂不能解决）或留作参考的，须具体说明原因并尽量提出替代措施，不能只写“留作参考”。',
  suggestion: '由于该路段属城市主干道，根据《某市城市道路交通规划》不宜设置路内泊位；我局已在200米外新增公共泊位80个。',
  requires: ['context'],
  fixable: 'no',
  examples: classExamples('C', '由于该地块已纳入《某市国土空间总体规划》的绿地范围，暂不具备建设停车场的条件。', '您的建议我们将留作参考。'),
  check(ctx) {
    const c = classInfo(ctx);
    if (c?.meaning !== 'reasons' && c?.meaning !== 'reference') return;
    if (contentSentences(ctx).some((s) => REASON.test(s.text))) return;
    ctx.report({ ...ctx.anchor(), data: { letter: c.letter, label: MEANING_LABEL[c.meaning] } });
  },
});

export const classScheme = defineRule({
  id: 'class-scheme',
  category: 'classification',
  severity: 'error',
  description: '办理结果类别符合本地分类方案',
  message: '办理结果类别“{letter}”不在本地分类方案（{scheme}）中。',
  note: '各地分类方案不同（A/B/C、A/B/C/D、甲/乙/丙），类别须取本地方案中的值；在配置 profile.classScheme 中设置。',
  suggestion: '从 {scheme} 中选择一个类别。',
  requires: ['context'],
  fixable: 'no',
  examples: {
    valid: [{ text: '您提出的建议收悉，现答复如下：\n已完成改造。', context: { class: 'A' } }],
    invalid: [{ text: '您提出的建议收悉，现答复如下：\n已完成改造。', context: { class: 'E' }, excerpt: '您提出的建议收悉，现答复如下：' }],
  },
  check(ctx) {
    const letter = ctx.context.class;
    if (!letter || ctx.profile.classScheme.includes(letter)) return;
    const mark = ctx.doc.paragraphs.find((p) => p.role === 'classMark');
    const at = mark ? { start: mark.offset, end: mark.offset + mark.text.length } : ctx.anchor();
    ctx.report({ ...at, data: { letter, scheme: ctx.profile.classScheme.join('/') } });
  },
});

const SOURCE_LABEL = { flag: '命令行参数', sidecar: '案件信息文件（.case.json）', manifest: '交办清单', form: '系统表单', text: '正文' } as const;
// kind and role conflicts show up as wrong words in the title and salutation, which the
// vocabulary and title rules already point at; the class has no other rule
const FIELD_LABEL: Record<string, string> = { class: '办理结果类别' };
const VALUE_LABEL: Record<string, string> = { npc: '人大建议', cppcc: '政协提案', host: '主办', co: '会办', split: '分办' };

export const contextConflict = defineRule({
  id: 'context-conflict',
  category: 'classification',
  severity: 'error',
  description: '办理结果类别前后矛盾（正文标注与交办记录、表单不一致）',
  message: '{field}前后不一致：{values}。',
  note: '答复的件类、办理类型和结果类别必须与交办记录一致；不一致时审核会退回。',
  suggestion: '核对交办记录，统一标题、称谓和类别的写法。',
  fixable: 'no',
  examples: {
    valid: [{ text: 'A\n关于市十七届人大三次会议第128号建议的答复\n王某某代表：\n您提出的建议收悉，现答复如下：', context: { class: 'A' } }],
    invalid: [{ text: 'A\n关于市十七届人大三次会议第128号建议的答复\n王某某代表：\n您提出的建议收悉，现答复如下：', context: { class: 'B' }, excerpt: '关于市十七届人大三次会议第128号建议的答复' }],
  },
  check(ctx) {
    for (const c of ctx.conflicts) {
      if (!FIELD_LABEL[c.field]) continue;
      const values = c.values.map((v) => `${SOURCE_LABEL[v.source]}为“${VALUE_LABEL[v.value] ?? v.value}”`).join('，');
      ctx.report({ ...ctx.anchor(), data: { field: FIELD_LABEL[c.field], values } });
    }
  },
});
