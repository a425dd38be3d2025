import type { DafuFix, DafuMessage } from './types.js';

export interface FixOutcome { output: string; applied: DafuMessage[]; skipped: DafuMessage[] }

/**
 * Applies safe fixes to the text, back to front. Overlapping fixes are skipped (and reported):
 * the next run of the checker finds them again on the fixed text.
 */
export function applyFixes(text: string, messages: DafuMessage[]): FixOutcome {
  const withFix = messages.filter((m): m is DafuMessage & { fix: DafuFix } => !!m.fix).sort((a, b) => a.fix.start - b.fix.start || a.fix.end - b.fix.end);
  const applied: Array<DafuMessage & { fix: DafuFix }> = [];
  const skipped: DafuMessage[] = [];
  let lastEnd = -1;
  for (const m of withFix) {
    if (m.fix.start < lastEnd) { skipped.push(m); continue; }
    applied.push(m);
    lastEnd = Math.max(m.fix.end, m.fix.start + (m.fix.start === m.fix.end ? 1 : 0));
  }
  let output = text;
  for (const m of [...applied].reverse()) output = output.slice(0, m.fix.start) + m.fix.text + output.slice(m.fix.end);
  return { output, applied, skipped };
}
