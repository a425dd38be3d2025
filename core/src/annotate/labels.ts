import type { Category, Severity } from '../engine/types.js';

/** Chinese names of the categories, as the reports show them. */
export const CATEGORY_LABEL: Record<Category, string> = {
  format: '行文格式', specificity: '内容具体', targeting: '针对性', communication: '沟通',
  classification: '分类与称谓', timeliness: '时限', attitude: '态度', typography: '文字标点',
};

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
