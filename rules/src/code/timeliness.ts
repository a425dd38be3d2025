import type { RuleContext } from '@dafu/core';
import { chineseDay, dayToString, defineRule, isoDay, matchesIn, range, replyDay } from './util.js';

/** The deadline: given, or the assignment date plus the profile's months (3 by law). */
function deadlineOf(ctx: RuleContext): number | undefined {
  const given = isoDay(ctx.context.deadline);
  if (given !== undefined) return given;
  const assigned = ctx.context.assigned?.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (!assigned) return undefined;
  const months = ctx.profile.replyMonths ?? 3;
  return Date.UTC(+assigned[1], +assigned[2] - 1 + months, +assigned[3]) / 86400000;
}

export const overdue = defineRule({
  id: 'reply-overdue',
  category: 'timeliness',
  severity: 'error',
  description: '在办理期限内答复',
  message: '{what}晚于办理期限（{deadline}）{days}天。',
  note: '《代表法》第四十二条及各地办法：自交办之日起3个月内答复，情况复杂的经同意可延至6个月；逾期答复会被通报。需延期的应事先报交办机关同意并告知提出人。',
  suggestion: '尽快答复；确需延期的，先向交办机关申请延期并告知提出人。',
  requires: ['context'],
  fixable: 'no',
  examples: {
    valid: [{ text: '您提出的建议收悉，现答复如下：\n已完成。\n某市交通运输局\n2025年5月6日', context: { deadline: '2025-06-10' } }],
    invalid: [{ text: '您提出的建议收悉，现答复如下：\n已完成。\n某市交通运输局\n2025年7月6日', context: { deadline: '2025-06-10' }, excerpt: '2025年7月6日' }],
  },
  check(ctx) {
    const deadline = deadlineOf(ctx);
    if (deadline === undefined) return;
    const reply = replyDay(ctx);
    const today = isoDay(ctx.context.today);
    const when = reply?.day ?? today;
    if (when === undefined || when <= deadline) return;
    const at = reply ? range(reply.para) : ctx.anchor();
    ctx.report({ ...at, data: { what: reply ? '答复日期' : `今天（${dayToString(today!)}）`, deadline: dayToString(deadline), days: when - deadline } });
  },
});

export const dueSoon = defineRule({
  id: 'reply-due-soon',
  category: 'timeliness',
  severity: 'info',
  description: '临近办理期限',
  message: '距办理期限（{deadline}）还有{days}天，请抓紧报送。',
  note: '各地办法：答复须在办理期限内报送；临近期限的件应优先审核。',
  suggestion: '优先完成审核和签发。',
  requires: ['context'],
  fixable: 'no',
  examples: {
    valid: [{ text: '您提出的建议收悉，现答复如下：\n已完成。', context: { deadline: '2025-06-10', today: '2025-04-01' } }],
    invalid: [{ text: '您提出的建议收悉，现答复如下：\n已完成。', context: { deadline: '2025-06-10', today: '2025-06-01' }, excerpt: '您提出的建议收悉，现答复如下：' }],
  },
  check(ctx) {
    const deadline = deadlineOf(ctx);
    const today = isoDay(ctx.context.today);
    if (deadline === undefined || today === undefined || replyDay(ctx)) return;
    const days = deadline - today;
    if (days >= 0 && days <= (ctx.profile.dueSoonDays ?? 15)) ctx.report({ ...ctx.anchor(), data: { deadline: dayToString(deadline), days } });
  },
});

const DONE_WITH_DATE = /已(?:经)?(?:于|在)?[\s\u3000]*((?:19|20)\d{2})[\s\u3000]*年[\s\u3000]*(\d{1,2})[\s\u3000]*月(?:[\s\u3000]*(\d{1,2})[\s\u3000]*日)?|((?:19|20)\d{2})[\s\u3000]*年[\s\u3000]*(\d{1,2})[\s\u3000]*月(?:[\s\u3000]*(\d{1,2})[\s\u3000]*日)?[^，。；]{0,8}?已(?:经)?(?:全部|顺利)?(?:完成|建成|竣工|开通|投入使用|实施|拨付|印发|出台)/gu;

export const completionAfterReply = defineRule({
  id: 'completion-after-reply',
  category: 'timeliness',
  severity: 'error',
  description: '“已完成”的日期不晚于答复日期',
  message: '“{match}”说已经完成，但这个日期晚于答复日期（{reply}）。',
  note: '答复中的事实、日期必须准确：已完成事项的日期不能晚于成文日期；尚未完成的应写“计划于……完成”。',
  suggestion: '计划于{date}前完成……',
  scope: ['content'],
  fixable: 'no',
  examples: {
    valid: ['您提出的建议收悉，现答复如下：\n已于2025年4月完成改造。\n某市交通运输局\n2025年5月6日'],
    invalid: [{ text: '您提出的建议收悉，现答复如下：\n已于2025年9月完成改造。\n某市交通运输局\n2025年5月6日', excerpt: '已于2025年9月' }],
  },
  check(ctx) {
    const reply = replyDay(ctx);
    if (!reply) return;
    for (const p of ctx.paragraphs(this.scope)) {
      for (const h of matchesIn(p, DONE_WITH_DATE)) {
        const [y, m, d] = h.m[1] ? [h.m[1], h.m[2], h.m[3]] : [h.m[4], h.m[5], h.m[6]];
        const day = chineseDay(`${y}年${m}月${d ?? 1}日`);
        if (day !== undefined && day > reply.day) {
          ctx.report({ start: h.start, end: h.end, data: { reply: dayToString(reply.day), date: `${y}年${m}月${d ? `${d}日` : ''}` } });
        }
      }
    }
  },
});
