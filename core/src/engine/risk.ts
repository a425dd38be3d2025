import type { Category, DafuMessage } from './types.js';

export type Risk = 'high' | 'medium' | 'low';

/** Categories that are reasons for return (退办) in their own right; typography errors alone rarely are. */
const RETURN_REASONS: Category[] = ['format', 'specificity', 'targeting', 'communication', 'classification', 'timeliness', 'attitude'];

/**
 * Return risk of one reply, from its findings: high when a reviewer would likely send it back
 * (an error in a return-reason category, or three errors of any kind), medium when it has an
 * error or several warnings a careful reviewer would mark, else low.
 */
export function returnRisk(messages: DafuMessage[]): Risk {
  const errors = messages.filter((m) => m.severity === 'error');
  const warnings = messages.filter((m) => m.severity === 'warning');
  if (errors.some((m) => RETURN_REASONS.includes(m.category)) || errors.length >= 3) return 'high';
  if (errors.length > 0 || warnings.length >= 3) return 'medium';
  return 'low';
}

export const RISK_LABEL: Record<Risk, string> = { high: '高', medium: '中', low: '低' };
