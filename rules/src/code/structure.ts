import { salutationNames, type Ordinal } from '@dafu/core';
import { defineRule, KIND_WORD, matchesIn, range } from './util.js';

const STANDARD: Record<number, (o: Ordinal) => string> = {
  1: (o) => `${o.text.match(/^[一二三四五六七八九十百零〇两]+/u)?.[0] ?? ''}、`,
  2: (o) => `（${o.text.match(/[一二三四五六七八九十百零〇两]+/u)?.[0] ?? ''}）`,
  3: (o) => `${o.text.match(/[0-9０-９]+/u)?.[0] ?? ''}.`,
  4: (o) => `（${o.text.match(/[0-9０-９]+/u)?.[0] ?? ''}）`,
};

export const ordinalPunctuation = defineRule({
  id: 'ordinal-punctuation',
  category: 'typography',
  severity: 'warning',
  description: '序号的标点：一、（一）1.（1）',
  message: '序号“{match}”的标点不规范，应写作“{replacement}”。',
  note: 'GB/T 9704—2012 7.3.3：结构层次序数依次为“一、”“（一）”“1.”“（1）”；“（一）”“（1）”后不加标点，“1.”用下脚点，“一是”后不加冒号。',
  suggestion: '一、关于资金保障\n（一）建立联动机制\n1.完善制度',
  scope: ['content'],
  fixable: 'safe',
  examples: {
    valid: ['您提出的建议收悉，现答复如下：\n一、关于资金保障\n（一）建立联动机制\n1.完善制度\n（1）明确分工'],
    invalid: [
      { text: '您提出的建议收悉，现答复如下：\n一.关于资金保障', excerpt: '一.' },
      { text: '您提出的建议收悉，现答复如下：\n（一）、建立联动机制', excerpt: '（一）、' },
      { text: '您提出的建议收悉，现答复如下：\n1、完善制度', excerpt: '1、' },
    ],
  },
  check(ctx) {
    for (const p of ctx.paragraphs(this.scope)) {
      const o = p.ordinal;
      if (!o?.malformed || o.auto) continue;
      const lead = p.text.length - p.text.trimStart().length;
      const start = p.offset + lead;
      if (o.style === 'cn-shi') {
        ctx.report({ start, end: start + o.text.length, message: `“${o.text}”后不加冒号，写作“${o.text.replace(/[：:]$/u, '')}，”或直接接正文。` });
        continue;
      }
      const replacement = STANDARD[o.level]?.(o);
      if (replacement && replacement !== o.text) ctx.report({ start, end: start + o.text.length, replacement });
    }
  },
});

export const ordinalSequence = defineRule({
  id: 'ordinal-sequence',
  category: 'format',
  severity: 'warning',
  description: '序号连续，不跳号、不重号',
  message: '序号“{match}”不连续：前一个同级序号是“{previous}”。',
  note: 'GB/T 9704—2012 7.3.3 及公文写作惯例：同一层级序号依次排列，不跳号、不重号。',
  suggestion: '一、……二、……三、……',
  scope: ['content'],
  fixable: 'no',
  examples: {
    valid: ['您提出的建议收悉，现答复如下：\n一、关于资金\n（一）已拨付\n（二）将追加\n二、关于管理\n（一）已建立制度'],
    invalid: [{ text: '您提出的建议收悉，现答复如下：\n一、关于资金\n三、关于管理', excerpt: '三、' }],
  },
  check(ctx) {
    const last = new Map<number, { value: number; text: string }>();
    for (const p of ctx.paragraphs(this.scope)) {
      const o = p.ordinal;
      if (!o || o.level === 0) continue;
      // a higher-level heading restarts the numbering below it
      for (const level of [...last.keys()]) if (level > o.level) last.delete(level);
      const prev = last.get(o.level);
      const expected = prev ? prev.value + 1 : 1;
      if (o.value !== expected && !(prev === undefined && o.value === 1)) {
        const lead = p.text.length - p.text.trimStart().length;
        if (prev || o.value > 2) ctx.report({ start: p.offset + lead, end: p.offset + lead + o.text.length, data: { previous: prev?.text ?? '（无）' } });
      }
      last.set(o.level, { value: o.value, text: o.text });
    }
  },
});

export const salutation = defineRule({
  id: 'salutation',
  category: 'format',
  severity: 'warning',
  description: '称谓：“××代表：”或“××委员：”，会办意见写主办单位',
  message: '答复函缺少称谓，开头应写“{expected}”。',
  note: '答复函主送提出人：人大建议称“××代表：”，政协提案称“××委员：”，集体提案写组织名称；会办意见主送主办单位（各地办理规定与范本）。',
  suggestion: '王某某代表：',
  modes: ['letter'],
  fixable: 'no',
  examples: {
    valid: ['关于第128号建议的答复\n王某某代表：\n您提出的建议收悉，现答复如下：'],
    invalid: [
      { text: '关于第128号建议的答复\n您提出的建议收悉，现答复如下：\n已完成改造。', excerpt: '关于第128号建议的答复' },
      { text: '关于第56号提案的答复\n沈某某同志：\n您提出的提案收悉，现答复如下：', context: { kind: 'cppcc' }, excerpt: '沈某某同志：' },
    ],
  },
  check(ctx) {
    const para = ctx.doc.paragraphs.find((p) => p.role === 'salutation');
    const person = ctx.context.kind ? KIND_WORD[ctx.context.kind].person : '代表/委员';
    const name = ctx.context.proposer?.[0] ?? '××';
    const expected = ctx.context.role === 'co' ? '主办单位名称：' : `${name}${person}：`;
    if (!para) { ctx.report({ ...ctx.anchor(), data: { expected } }); return; }
    // a person addressed as 同志/先生/女士 instead of 代表/委员 (organisations keep their names)
    if (ctx.context.role !== 'co' && ctx.context.kind && /(?:同志|先生|女士|老师)(?:们)?[\s\u3000]*[:：][\s\u3000]*$/u.test(para.text)) {
      ctx.report({ ...range(para), message: `称谓应为“${name}${person}：”，不用“同志”“先生”等称呼。`, data: { expected } });
    }
  },
});

export const salutationName = defineRule({
  id: 'salutation-name',
  category: 'format',
  severity: 'error',
  description: '称谓里的姓名与提出人一致',
  message: '称谓里的“{match}”与交办记录的提出人“{expected}”不一致。',
  note: '称谓中的姓名必须与领衔代表（提案人）一致，写错姓名是严重的行文错误。',
  suggestion: '{expected}代表：',
  scope: ['salutation'],
  requires: ['context'],
  roles: ['host', 'split'],
  fixable: 'no',
  examples: {
    valid: [{ text: '王海萍代表：\n您提出的建议收悉，现答复如下：', context: { proposer: ['王海萍'] } }],
    invalid: [{ text: '王海平代表：\n您提出的建议收悉，现答复如下：', context: { proposer: ['王海萍'] }, excerpt: '王海平' }],
  },
  check(ctx) {
    const names = ctx.context.proposer;
    if (!names?.length) return;
    for (const p of ctx.paragraphs(this.scope)) {
      for (const { name, start } of salutationNames(p.text)) {
        if (!names.some((n) => n === name || n.replace(/[\s\u3000]/gu, '') === name.replace(/[\s\u3000]/gu, ''))) {
          ctx.report({ start: p.offset + start, end: p.offset + start + name.length, data: { expected: names.join('、') } });
        }
      }
    }
  },
});

export const coHostAddressee = defineRule({
  id: 'cohost-addressee',
  category: 'format',
  severity: 'error',
  description: '会办意见主送主办单位，不直接答复提出人',
  message: '这是会办意见，应主送主办单位，而不是“{match}”。',
  note: '会办单位将会办意见函告主办单位，由主办单位统一答复提出人（各地建议提案办理办法）。',
  suggestion: '市住房和城乡建设局：',
  scope: ['salutation'],
  roles: ['co'],
  fixable: 'no',
  examples: {
    valid: [{ text: '关于第12号提案的会办意见\n市住房和城乡建设局：\n贵局转来的提案收悉，现将会办意见函告如下：', context: { role: 'co' } }],
    invalid: [{ text: '关于第12号提案的会办意见\n张某委员：\n您提出的提案收悉，现答复如下：', context: { role: 'co' }, excerpt: '张某委员：' }],
  },
  check(ctx) {
    for (const p of ctx.paragraphs(this.scope)) if (/(?:代表|委员)(?:们)?[\s\u3000]*[:：][\s\u3000]*$/u.test(p.text)) ctx.report(range(p));
  },
});

export const titlePattern = defineRule({
  id: 'title-pattern',
  category: 'format',
  severity: 'warning',
  description: '标题：关于……第N号建议（提案）的答复／会办意见',
  message: '标题“{match}”不规范：{reason}',
  note: '答复函标题写明届次会次和编号，主办件以“建议的答复”“提案的答复”结尾，会办件以“会办意见”结尾（各地办理规定与范本）。',
  suggestion: '关于市十七届人大三次会议第128号建议的答复',
  scope: ['title'],
  modes: ['letter'],
  fixable: 'no',
  examples: {
    valid: [
      '关于市十七届人大三次会议第128号建议的答复\n王某某代表：\n您提出的建议收悉，现答复如下：',
      { text: '关于市政协十三届四次会议第12号提案的会办意见\n市住房和城乡建设局：\n现将会办意见函告如下：', context: { role: 'co' } },
    ],
    invalid: [
      { text: '关于市十七届人大三次会议第128号建议的回复\n王某某代表：\n您提出的建议收悉，现答复如下：', excerpt: '关于市十七届人大三次会议第128号建议的回复' },
      { text: '关于市政协十三届四次会议第12号提案的答复\n市住房和城乡建设局：\n现将意见函告如下：', context: { role: 'co' }, excerpt: '关于市政协十三届四次会议第12号提案的答复' },
    ],
  },
  check(ctx) {
    // a page may print the title twice (a page title above the letter's own) or wrap it: each
    // block of adjacent title lines is one title, and the letter is fine when one of them is
    const blocks: Array<typeof ctx.doc.paragraphs> = [];
    let last = -2;
    for (const p of ctx.paragraphs(this.scope)) {
      const gap = ctx.doc.paragraphs.slice(last + 1, p.index).some((q) => q.role !== 'blank');
      if (blocks.length && !gap) blocks[blocks.length - 1].push(p);
      else blocks.push([p]);
      last = p.index;
    }
    if (!blocks.length) return;
    const verdicts = blocks.map((paras) => ({ paras, reason: titleProblem(paras.map((p) => p.text.trim()).join('').replace(/[\s\u3000]/gu, ''), ctx.context.role === 'co') }));
    if (verdicts.some((v) => !v.reason)) return;
    const { paras, reason } = verdicts[verdicts.length - 1];
    ctx.report({ start: paras[0].offset, end: paras[paras.length - 1].offset + paras[paras.length - 1].text.length, data: { reason: reason! } });
  },
});

/** What is wrong with one title, or undefined. Local forms vary: 答复, 答复函, 复函, 答复的函, 办理意见的函 are all in use. */
function titleProblem(written: string, co: boolean): string | undefined {
  // the unit's name may lead; a bracketed note may follow: …的答复[某交〔2018〕101号] / （水利局）
  const title = written.replace(/[［\[【（(][^［\[【（()）\]］】]{1,60}[\]］】）)]$/u, '').replace(/(?<![。．.，,；;：:！!])[。．.，,；;：:！!]+$/u, '');
  const coEnd = /(?:会办|协办)(?:意见|件的答复)(?:的函)?$/u;
  if (co && !coEnd.test(title)) return '会办单位的行文应以“会办意见”结尾，不写“答复”。';
  if (!co && /(?:会办|协办)意见(?:的函)?$/u.test(title)) return '主办单位答复提出人，标题以“答复”结尾。';
  if (!co && !/(?:答复|复函)(?:的?函)?$|(?:办理|处理)(?:意见|情况|结果)的?(?:答复)?函$/u.test(title)) return '主办件标题应以“建议的答复”或“提案的答复”（或“答复函”“复函”）结尾，不用“回复”“情况说明”等。';
  if (!/[0-9０-９一二三四五六七八九十百零〇]号/u.test(title) && !/(?:代表|委员)[^，。]{0,20}(?:建议|提案)/u.test(title)) return '标题应写明建议（提案）的编号，如“第128号”。';
  return undefined;
}

export const systemFormParts = defineRule({
  id: 'system-form-parts',
  category: 'format',
  severity: 'warning',
  description: '系统表单正文不重复系统生成的标题、文号、落款和日期',
  message: '在线系统会自动生成{part}，正文里不要再写这些内容。',
  note: '建议提案信息管理系统中，函头、标题、落款和日期由系统生成；答复类别、联系人、签发人等是单独的字段。正文重复这些内容会被要求修改。',
  suggestion: '正文从“您提出的《关于……的建议》收悉……”开始，到致谢结束。',
  modes: ['system-form'],
  fixable: 'no',
  examples: {
    valid: [{ text: '您提出的《关于加强校园周边交通安全的建议》收悉，现答复如下：\n已完成改造12处。\n感谢您的关心和支持。', mode: 'system-form' }],
    invalid: [{ text: '关于市十七届人大三次会议第128号建议的答复\n您提出的建议收悉，现答复如下：\n已完成改造12处。', mode: 'system-form', excerpt: '关于市十七届人大三次会议第128号建议的答复' }],
  },
  check(ctx) {
    const names: Record<string, string> = { title: '标题', salutation: '称谓', docNumber: '发文字号', date: '成文日期', signoff: '落款单位', signer: '签发人', classMark: '答复类别', publicity: '公开属性' };
    // consecutive pasted parts (落款单位 + 日期) are one finding
    let group: typeof ctx.doc.paragraphs = [];
    const flush = () => {
      if (group.length) ctx.report({ start: group[0].offset, end: range(group[group.length - 1]).end, data: { part: [...new Set(group.map((p) => names[p.role]))].join('和') } });
      group = [];
    };
    for (const p of ctx.doc.paragraphs) {
      if (names[p.role]) group.push(p);
      else if (p.role !== 'blank') flush();
    }
    flush();
  },
});

export const requiredParts = defineRule({
  id: 'required-parts',
  category: 'format',
  severity: 'error',
  description: '本地规定必须有的部分：签发人、类别、公开属性、联系人、文号、抄送',
  message: '按本地规定，答复函须写{part}。',
  note: '各地要求不一：签发人、办理结果类别、公开属性、联系人和电话、抄送机关由城市规定（配置 profile.require）决定，规定了的就必须有。',
  suggestion: '{example}',
  modes: ['letter'],
  fixable: 'no',
  examples: {
    valid: [
      '关于第128号建议的答复\n王某某代表：\n您提出的建议收悉，现答复如下：\n已完成。\n某市交通运输局\n2025年5月6日',
      { text: '签发人：李某某\n关于第128号建议的答复\n王某某代表：\n您提出的建议收悉，现答复如下：\n已完成。\n某市交通运输局\n2025年5月6日\n联系人：张某某，联系电话：0571-87001234', config: { profile: { require: { signer: true, contact: true } } } },
    ],
    invalid: [
      { text: '关于第128号建议的答复\n王某某代表：\n您提出的建议收悉，现答复如下：\n已完成。\n某市交通运输局\n2025年5月6日', config: { profile: { require: { signer: true } } }, excerpt: '关于第128号建议的答复' },
      { text: '关于第128号建议的答复\n王某某代表：\n您提出的建议收悉，现答复如下：\n已完成。\n某市交通运输局\n2025年5月6日\n抄送：市政府督查室', config: { profile: { require: { cc: ['市人大常委会代表工作委员会', '市政府督查室'] } } }, excerpt: '抄送：市政府督查室' },
    ],
  },
  check(ctx) {
    const req = ctx.profile.require;
    const has = (role: string) => ctx.doc.paragraphs.some((p) => p.role === role);
    const need: Array<[boolean | undefined, string, string, string]> = [
      [req.signer, 'signer', '“签发人：×××”', '签发人：李某某'],
      [req.classMark && ctx.context.role !== 'co', 'classMark', '办理结果类别（如“A”）', 'A'],
      [req.publicity, 'publicity', '公开属性（主动公开／依申请公开／不予公开）', '（此件主动公开）'],
      [req.contact, 'contact', '联系人和联系电话', '联系人：张某某，联系电话：0571-87001234'],
      [req.docNumber, 'docNumber', '发文字号', '某交函〔2025〕37号'],
    ];
    for (const [wanted, role, part, example] of need) if (wanted && !has(role) && !(role === 'classMark' && ctx.context.class)) ctx.report({ ...ctx.anchor(), data: { part, example } });
    if (req.cc?.length) {
      const cc = ctx.doc.paragraphs.filter((p) => p.role === 'cc');
      const ccText = cc.map((p) => p.text).join('');
      const missing = req.cc.filter((body) => !ccText.includes(body));
      if (missing.length) {
        const at = cc[0] ? range(cc[0]) : ctx.anchor();
        ctx.report({ ...at, message: `抄送缺少：${missing.join('、')}。`, data: { part: '抄送', example: `抄送：${req.cc.join('，')}。` } });
      }
    }
  },
});

export const phoneFormat = defineRule({
  id: 'phone-format',
  category: 'format',
  severity: 'warning',
  description: '联系电话写完整：手机11位，座机7～8位（可带区号和分机）',
  message: '联系电话“{match}”不完整或格式不对。',
  note: '联系电话须能直接拨通：手机为11位，固定电话为7～8位号码，外地拨打时带区号（如0571-87001234），分机写“转123”。',
  suggestion: '联系电话：0571-87001234',
  scope: ['contact', 'body'],
  fixable: 'no',
  examples: {
    valid: ['联系人：张某某，联系电话：0571-87001234', '联系人：张某某，联系电话：13800001234', '联系人：张某某，联系电话：8053021', '联系电话：67210092转8012'],
    invalid: [{ text: '联系人：张某某，联系电话：870012', excerpt: '870012' }, { text: '联系电话：1380000123', excerpt: '1380000123' }],
  },
  check(ctx) {
    const re = /(?:联系)?电话[\s\u3000]*[:：][\s\u3000]*([0-9０-９\-－—()（） ]{5,20})/gu;
    for (const p of ctx.paragraphs(this.scope)) {
      for (const h of matchesIn(p, re)) {
        // a closing bracket after the number belongs to the sentence: （联系电话：67210092）
        let raw = h.m[1].trim();
        while (/[)）\s\-－—]$/u.test(raw)) raw = raw.slice(0, -1);
        const digits = raw.replace(/[^0-9]/g, '');
        // mobile, landline with area code, a local 7–8 digit landline, service numbers
        const ok = /^1[3-9]\d{9}$/.test(digits) || /^0\d{2,3}\d{7,8}$/.test(digits) || /^[2-9]\d{6,7}$/.test(digits) || /^(?:400|800)\d{7}$/.test(digits);
        if (!ok) {
          const start = h.start + h.m[0].indexOf(raw);
          ctx.report({ start, end: start + raw.length });
        }
      }
    }
  },
});

