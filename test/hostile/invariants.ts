/**
 * What must hold for every checked draft, whatever its text: shared by the hostile text tests
 * and the property tests.
 */
import { EXCERPT_MAX, MAX_PER_RULE, excerptOf, type CheckResult, type DafuMessage, type ReplyDocument } from '../../rules/src/index.js';

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
 * text, its excerpt is the text there (shortened with “…” past EXCERPT_MAX characters), a
 * document-level finding is hung on at most EXCERPT_MAX characters, line/column agree with the
 * offsets, a fix's range lies inside the text, no range splits a surrogate pair, and a rule lists
 * at most MAX_PER_RULE findings, the rest counted in `omitted` and in `counts`.
 */
export function brokenInvariants(r: CheckResult): string[] {
  const text = r.document.text;
  const bad: string[] = [];
  const say = (m: DafuMessage, what: string) => bad.push(`${m.ruleId} [${m.start},${m.end}) ${what}`);
  for (const m of r.messages) {
    if (!(Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.start <= m.end && m.end <= text.length)) { say(m, `out of the text (length ${text.length})`); continue; }
    if (m.excerpt !== excerptOf(text, m.start, m.end)) say(m, `excerpt ${JSON.stringify(m.excerpt)} ≠ text ${JSON.stringify(excerptOf(text, m.start, m.end))}`);
    if (m.excerpt.length > EXCERPT_MAX + 1) say(m, `excerpt of ${m.excerpt.length} characters`);
    if (m.whole && m.end - m.start > EXCERPT_MAX) say(m, `document-level finding on ${m.end - m.start} characters`);
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
  // at most MAX_PER_RULE listed per rule, then one message for the rest; the counts hold them all
  const listed = new Map<string, number>();
  const counts = { error: 0, warning: 0, info: 0 };
  for (const m of r.messages) {
    if (m.omitted !== undefined) {
      if (r.omitted[m.ruleId] !== m.omitted) bad.push(`${m.ruleId}: summary says ${m.omitted}, omitted says ${r.omitted[m.ruleId]}`);
      continue;
    }
    listed.set(m.ruleId, (listed.get(m.ruleId) ?? 0) + 1);
    counts[m.severity]++;
  }
  for (const [id, n] of listed) if (n > MAX_PER_RULE) bad.push(`${id}: ${n} messages listed`);
  for (const [id, n] of Object.entries(r.omitted)) {
    if (listed.get(id) !== MAX_PER_RULE) bad.push(`${id}: ${n} omitted with ${listed.get(id) ?? 0} listed`);
    if (r.messages.filter((m) => m.ruleId === id && m.omitted !== undefined).length !== 1) bad.push(`${id}: not one summary message`);
  }
  const omittedTotal = Object.values(r.omitted).reduce((a, b) => a + b, 0);
  if (r.counts.error + r.counts.warning + r.counts.info !== counts.error + counts.warning + counts.info + omittedTotal) bad.push(`counts ${JSON.stringify(r.counts)} ≠ ${JSON.stringify(counts)} listed + ${omittedTotal} omitted`);
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
