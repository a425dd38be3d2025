import type { FieldKey } from './types';

/** Label synonyms per logical field (system-ui.md §5.3), normalised form (no spaces/colons). */
export const LABELS: Partial<Record<FieldKey, string[]>> = {
  replyBody: [
    '答复内容', '答复正文', '复文正文', '复文内容', '答复意见', '办理答复', '回复内容', '回复正文', '主办答复全文',
    '主办意见全文', '办理意见', '答复全文', '答复', '复文', '办理复文', '答复函正文', '草拟回复', '回复意见', '办理情况答复',
  ],
  coHandlingOpinion: ['会办意见', '协办意见', '协办意见全文', '会办单位意见', '参办意见', '协办单位意见'],
  replySummary: ['答复摘要', '复文摘要', '摘要'],
  replyClass: ['答复类别', '答复类型', '类别标记', '办理结果类别', '解决程度', '落实情况分类', '办理类别', '答复分类'],
  publicity: ['公开属性', '是否公开', '公开方式', '公开类型', '公开形式'],
  publicityReason: ['不公开理由', '不予公开理由', '不公开原因'],
  replyLetterUpload: ['答复函', '答复件', '答复函上传', '复文附件', '上传答复', '附件上传', '答复附件', '上传答复函'],
  attachments: ['附件', '相关附件', '其他附件'],
  commMethod: ['沟通方式', '沟通形式', '面商形式', '办理面商形式', '联系方式'],
  commTime: ['沟通时间', '沟通日期', '面商时间', '见面时间'],
  commPerson: ['沟通对象', '面商人', '面商代表'],
  contactName: ['联系人', '经办人', '承办人', '主办联系人'],
  contactPhone: ['联系电话', '电话', '手机', '主办联系电话', '负责人电话'],
  signer: ['签发人', '主办签发人', '负责人', '承办负责人', '分管领导'],
  replyDate: ['答复日期', '答复时间', '主办答复时间', '签发日期', '回复时间'],
  docNumber: ['文号', '发文字号', '复文文号'],
  // read-only header
  caseNo: ['建议编号', '提案编号', '提案号', '案号', '编号', '建议号'],
  caseTitle: ['标题', '建议标题', '提案标题', '案由', '题目', '建议题目', '提案题目'],
  // the suggestion's own text, where the reply page shows it (read for targeting and the 答复提纲)
  caseContent: ['建议内容', '提案内容', '议案内容', '建议全文', '提案全文', '建议正文', '提案正文', '来文内容', '原件内容'],
  proposer: ['领衔代表', '领衔人', '提案人', '第一提案人', '提案者', '主导人', '代表姓名', '提出人', '建议人'],
  coProposers: ['附议人', '附议代表', '联名人', '联名代表'],
  hostUnit: ['主办单位'],
  coUnits: ['会办单位', '协办单位', '参办单位'],
  handlingRole: ['办理类型', '办理方式', '承办类型', '办理性质', '承办方式'],
  caseKind: ['类型', '建议类型', '案件类型'],
  returnReason: ['退回理由', '退回改办建议', '驳回意见', '驳回理由'],
};

/**
 * Labels that mean "definitely not the reply body": other free-text fields of these systems
 * and generic page widgets. A candidate labelled like this is dropped.
 */
export const NEGATIVE_BODY_LABELS = [
  '申退理由', '退回理由', '退办理由', '申请退回理由', '退回改办建议', '驳回意见', '驳回理由', '审核意见', '审查意见', '交办意见',
  '督办意见', '批示', '领导批示', '备注', '关键字', '关键词', '搜索', '查询', '检索', '标题', '案由', '反馈意见', '满意度',
  '评价', '留言', '意见反馈', '不公开理由', '不予公开理由', '摘要', '答复摘要', '复文摘要', '已落实事项', '计划落实事项',
  '未采纳或未落实理由', '延期理由', '调整理由', '建议内容', '提案内容', '原文', '全文',
];

/** name/id/class tokens (lower case) per field. */
export const TOKENS: Partial<Record<FieldKey, string[]>> = {
  replyBody: ['dfnr', 'dfzw', 'fwzw', 'dfyj', 'hfnr', 'reply', 'answer', 'editorvalue', 'zw', 'dfqw', 'content', 'body'],
  coHandlingOpinion: ['hbyj', 'xbyj'],
  replySummary: ['dfzy', 'digest', 'summary', 'fwzy'],
  replyClass: ['dflb', 'dflx', 'lbbj', 'jjcd', 'solve', 'category', 'answertype', 'replytype'],
  publicity: ['gksx', 'sfgk', 'gkfs', 'gkxs', 'isopen', 'open', 'public', 'ispublic', 'publictype'],
  publicityReason: ['bgkly'],
  replyLetterUpload: ['dfh', 'dfj', 'fwfj', 'dfhfile', 'replyfile'],
  attachments: ['fj', 'attach', 'attachment', 'files'],
  commMethod: ['gtfs', 'msxs', 'answermode', 'commtype'],
  commTime: ['gtsj', 'mssj'],
  commPerson: ['gtdx', 'msr'],
  contactName: ['lxr', 'jbr', 'cbr', 'contact', 'processor', 'operator'],
  contactPhone: ['lxdh', 'dh', 'sj', 'phone', 'tel', 'mobile', 'telephone'],
  signer: ['qfr', 'fzr', 'issuer', 'leader'],
  replyDate: ['dfrq', 'replydate'],
};

/** Tokens that make a body candidate unlikely (search boxes, review comments …). */
export const NEGATIVE_BODY_TOKENS = ['search', 'keyword', 'keywords', 'query', 'q', 'sq', 'sqly', 'thly', 'backreason', 'shyj', 'remark', 'bz', 'comment', 'dfzy', 'summary', 'digest'];

/** Labels of buttons that submit the reply (exact, normalised). */
export const SUBMIT_LABELS = [
  '提交', '提交审核', '确定回复', '重新答复', '上报', '送审', '报送', '办结', '提交答复', '确认提交', '确定提交', '答复提交',
  '提交审批', '送审核', '正式提交', '重新提交', '提交办理结果', '确定',
];
/** Labels that must never count as submit (even if they contain 提交). */
export const NON_SUBMIT_LABELS = ['保存', '暂存', '存草稿', '预览', '返回', '关闭', '取消', '查询', '搜索', '重置'];

export const SAVE_LABELS = ['保存', '暂存', '存草稿', '保存草稿'];

/** Words that show that a page is about handling suggestions/proposals. */
export const CONTEXT_SUBJECT = /建议|提案/;
export const CONTEXT_ACTION = /答复|办理|复文|回复|承办/;

/** How well a normalised label matches a list of synonyms: 1 exact, 0.8 contains (short label), 0. */
export function labelScore(label: string, synonyms: readonly string[]): { score: number; synonym?: string } {
  if (!label) return { score: 0 };
  let best = { score: 0 } as { score: number; synonym?: string };
  for (const syn of synonyms) {
    if (label === syn) return { score: 1, synonym: syn };
    // short synonyms (答复, 正文, 电话 …) only match exactly
    if (syn.length >= 3 && label.includes(syn) && label.length <= syn.length + 6) {
      if (best.score < 0.8) best = { score: 0.8, synonym: syn };
    }
  }
  return best;
}

export function isNegativeBodyLabel(label: string): boolean {
  if (!label) return false;
  return NEGATIVE_BODY_LABELS.some((n) => label === n || (label.includes(n) && !LABELS.replyBody!.some((p) => label === p)));
}
