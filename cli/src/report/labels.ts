import type { Category, Severity } from '@dafu/rules';

export const CATEGORY_LABEL: Record<Category, string> = {
  format: '行文格式', specificity: '内容具体', targeting: '针对性', communication: '沟通',
  classification: '分类与称谓', timeliness: '时限', attitude: '态度', typography: '文字标点',
};
export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
export const KIND_LABEL: Record<string, string> = { npc: '人大建议', cppcc: '政协提案' };
export const ROLE_LABEL: Record<string, string> = { host: '主办', co: '会办', split: '分办' };
export const MODE_LABEL: Record<string, string> = { letter: '完整函件', 'system-form': '系统表单正文' };
export const RISK_TEXT: Record<string, string> = { high: '高', medium: '中', low: '低' };
export const COVERAGE_STATUS_LABEL: Record<'answered' | 'weak' | 'missing', string> = { answered: '已答复', weak: '答复笼统', missing: '未答复' };
export const STANCE_LABEL: Record<string, string> = { adopted: '采纳', partly: '部分采纳', declined: '暂不能办', done: '已落实', planned: '列入计划', reasons: '仅说明情况' };
