/**
 * The only module that touches the checker API (@dafu/rules). Everything else in the
 * extension imports types and `runCheck` from here.
 */
import {
  annotateDocx, buildOutline, createChecker, extractAsks, outlineText, type CaseContext, type Coverage, type DafuConfig, type DafuMessage, type Engine,
  type SuggestionParts,
} from '@dafu/rules';

export type Category = DafuMessage['category'];
export type Severity = DafuMessage['severity'];
/** A finding as the extension shows it (the checker's message, offsets into the checked text). */
export type Finding = Pick<DafuMessage, 'ruleId' | 'category' | 'severity' | 'message' | 'start' | 'end' | 'line' | 'column' | 'excerpt' | 'fingerprint'>
  & { note?: string; suggestion?: string; fix?: { start: number; end: number; text: string } };

/** One ask of the suggestion and how the reply answers it (the CLI's coverage table, row by row). */
export interface CoverageRow {
  index: number;
  /** the ask, short */
  ask: string;
  status: 'answered' | 'weak' | 'missing';
  /** 1-based lines of the reply that answer it, best first */
  lines: number[];
  stance: string | null;
}

export interface CheckResult {
  messages: Finding[];
  risk: 'high' | 'medium' | 'low';
  /** specificity 0–100; null when there is nothing to score */
  score: number | null;
  /** per ask of the suggestion, when the context carries its text */
  coverage?: CoverageRow[];
}

export type CaseContextInput = CaseContext;

export type CheckInput =
  | { text: string; format: 'dom' | 'txt'; context?: CaseContextInput; mode?: 'system-form' | 'letter' }
  | { bytes: Uint8Array; format: 'docx'; name: string; context?: CaseContextInput; mode?: 'system-form' | 'letter' };

export const CATEGORY_LABELS: Record<Category, string> = {
  format: '格式',
  specificity: '具体性',
  targeting: '针对性',
  communication: '沟通联系',
  classification: '答复类别',
  timeliness: '时效',
  attitude: '态度',
  typography: '标点用字',
};

export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

let cached: { key: string; checker: Engine } | null = null;

/** Builds (and caches per config) the checker. */
export function getChecker(config?: Record<string, unknown>): Engine {
  const key = JSON.stringify(config ?? null);
  if (cached?.key === key) return cached.checker;
  const checker = createChecker({ config: config as DafuConfig | undefined });
  cached = { key, checker };
  return checker;
}

/**
 * Keeps offsets honest: the checker reports offsets into its own document text, which for
 * text input is the input minus trailing blank lines. A message whose range does not hold its
 * excerpt in `text` is moved to the nearest occurrence of the excerpt, or loses its fix.
 */
export function realign(text: string, messages: Finding[]): Finding[] {
  return messages.map((m) => {
    if (text.slice(m.start, m.end) === m.excerpt) return m;
    if (!m.excerpt) return { ...m, fix: undefined };
    let best = -1;
    for (let i = text.indexOf(m.excerpt); i >= 0; i = text.indexOf(m.excerpt, i + 1)) {
      if (best < 0 || Math.abs(i - m.start) < Math.abs(best - m.start)) best = i;
    }
    if (best < 0) return { ...m, fix: undefined };
    const shift = best - m.start;
    return { ...m, start: m.start + shift, end: m.end + shift, fix: m.fix ? { ...m.fix, start: m.fix.start + shift, end: m.fix.end + shift } : undefined };
  });
}

function toFinding(m: DafuMessage): Finding {
  const f: Finding = {
    ruleId: m.ruleId, category: m.category, severity: m.severity, message: m.message, start: m.start, end: m.end,
    line: m.line, column: m.column, excerpt: m.excerpt, fingerprint: m.fingerprint,
  };
  if (m.note) f.note = m.note;
  const sugg = m.suggestion ?? m.suggestions?.find((s) => !s.fix)?.message;
  if (sugg) f.suggestion = sugg;
  if (m.fix) f.fix = { start: m.fix.start, end: m.fix.end, text: m.fix.text };
  return f;
}

const coverageRows = (c: Coverage | undefined): CoverageRow[] | undefined =>
  c?.asks.map((a) => ({ index: a.ask.index, ask: a.ask.head, status: a.status, lines: a.lines, stance: a.stance?.kind ?? null }));

/** The title and asks the core reads in a suggestion (or a record that holds one). */
export function suggestionAsks(text: string): SuggestionParts {
  return extractAsks(text);
}

/** Runs the checker; never throws (returns an empty result with an error string instead). */
export function runCheck(input: CheckInput, config?: Record<string, unknown>): CheckResult & { error?: string; annotate?: () => Uint8Array } {
  try {
    const checker = getChecker(config);
    const r = input.format === 'docx'
      ? checker.check({ bytes: input.bytes, format: 'docx', name: input.name, context: input.context, mode: input.mode ?? 'letter' })
      : checker.check({ text: input.text, format: input.format, context: input.context, mode: input.mode ?? 'system-form' });
    const messages = r.messages.map(toFinding);
    if (input.format === 'docx') {
      // the 批注版: the same findings as Word comments, built in the page only when asked for
      const annotate = () => annotateDocx(input.bytes, r.messages, { risk: r.risk, counts: r.counts, score: r.score }, { text: r.document.text });
      return { messages, risk: r.risk, score: r.score, annotate };
    }
    const coverage = coverageRows(r.coverage);
    return { messages: realign(input.text, messages), risk: r.risk, score: r.score, ...(coverage ? { coverage } : {}) };
  } catch (e) {
    return { messages: [], risk: 'low', score: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The 答复提纲 of the suggestion for the system's reply field: the body only, as the form wants it
 * (the system adds title, 落款 and date; the salutation is left out like them), one section per ask
 * with 【……】 for what must be written.
 */
export function outlineFor(suggestion: string, context: CaseContextInput): string {
  const { suggestion: _, ...rest } = context;
  return outlineText(buildOutline({ suggestion, context: rest, mode: 'system-form' })).trimEnd();
}
