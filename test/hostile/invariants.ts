/**
 * What must hold for every checked draft, whatever its text: shared by the hostile text tests
 * and the property tests.
 */
import type { CheckResult, DafuMessage, ReplyDocument } from '../../rules/src/index.js';

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** true when offset `i` falls between the two halves of a surrogate pair */
export const splitsPair = (text: string, i: number) => i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));

/** Line/column of an offset as the document's paragraphs define them (1-based). */
function lineCol(doc: ReplyDocument, offset: number): { line: number; column: number } {
  const ps = doc.paragraphs;
  let lo = 0, hi = ps.length; // first paragraph starting after the offset
  while (lo < hi) { const mid = (lo + hi) >> 1; if (ps[mid].offset <= offset) lo = mid + 1; else hi = mid; }
  const p = ps[Math.max(0, lo - 1)];
  return p ? { line: p.line, column: offset - p.offset + 1 } : { line: 1, column: 1 };
}

/**
 * Returns the broken invariants of one result (empty when all hold): every range lies inside the
 * text, its excerpt is the text there, line/column agree with the offsets, a fix's range lies
 * inside the text, no range splits a surrogate pair.
 */
export function brokenInvariants(r: CheckResult): string[] {
  const text = r.document.text;
  const bad: string[] = [];
  const say = (m: DafuMessage, what: string) => bad.push(`${m.ruleId} [${m.start},${m.end}) ${what}`);
  for (const m of r.messages) {
    if (!(Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.start <= m.end && m.end <= text.length)) { say(m, `out of the text (length ${text.length})`); continue; }
    if (m.excerpt !== text.slice(m.start, m.end)) say(m, `excerpt ${JSON.stringify(m.excerpt)} ≠ text ${JSON.stringify(text.slice(m.start, m.end))}`);
    const from = lineCol(r.document, m.start);
    const to = lineCol(r.document, m.end);
    if (m.line !== from.line || m.column !== from.column || m.endLine !== to.line || m.endColumn !== to.column) {
      say(m, `position ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ≠ ${from.line}:${from.column}-${to.line}:${to.column}`);
    }
    if (splitsPair(text, m.start) || splitsPair(text, m.end)) say(m, 'splits a surrogate pair');
    for (const f of [m.fix, ...m.suggestions.map((s) => s.fix)]) {
      if (f && !(f.start >= 0 && f.start <= f.end && f.end <= text.length)) say(m, `fix range [${f.start},${f.end}) out of the text`);
    }
    if (typeof m.message !== 'string' || !m.message) say(m, 'no message');
  }
  // the paragraphs tile the text
  let at = 0;
  for (const p of r.document.paragraphs) {
    if (p.offset !== at) bad.push(`paragraph ${p.index} at ${p.offset}, expected ${at}`);
    at = p.offset + p.text.length + 1;
  }
  if (r.document.paragraphs.length && at - 1 !== text.length) bad.push(`paragraphs end at ${at - 1}, text at ${text.length}`);
  return bad;
}

/** A comparable form of the messages (what a user sees). */
export const messageShapes = (messages: DafuMessage[]) =>
  messages.map((m) => `${m.ruleId}|${m.severity}|${m.start}-${m.end}|${m.line}:${m.column}|${m.excerpt}|${m.message}`);
