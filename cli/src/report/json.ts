import type { FileResult } from '../file-result.js';

/**
 * The JSON contract other tools consume (documented in the README). Additive changes only:
 * every field listed there keeps its name and meaning.
 */

/** One finding as the JSON contract writes it. */
export interface JsonMessage {
  ruleId: string; category: string; severity: 'error' | 'warning' | 'info'; message: string;
  line: number; column: number; endLine: number; endColumn: number; offset: number; endOffset: number;
  excerpt: string; note: string; suggestion?: string; suggestions: unknown[]; fix?: unknown; fingerprint: string; url: string;
  whole?: true;
  /** set on the one message that stands for this many more findings of its rule */
  omitted?: number;
}

/** One file's result as the JSON contract writes it: the report's view of it, with its findings as above (`omitted` is absent in results cached before the field existed). */
export type JsonResult = Omit<FileResult, 'messages' | 'omitted' | 'source'> & { messages: JsonMessage[]; omitted?: Record<string, number> };

/** One file's result in the contract's shape. */
export function jsonResult(r: FileResult): JsonResult {
  return {
    file: r.file,
    kind: r.kind,
    role: r.role,
    class: r.class,
    mode: r.mode,
    error: r.error,
    messages: r.messages.map((m) => ({
      ruleId: m.ruleId, category: m.category, severity: m.severity, message: m.message,
      line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn,
      offset: m.start, endOffset: m.end,
      excerpt: m.excerpt, note: m.note, ...(m.suggestion ? { suggestion: m.suggestion } : {}),
      suggestions: m.suggestions, ...(m.fix ? { fix: m.fix } : {}), fingerprint: m.fingerprint, url: m.url, ...(m.whole ? { whole: true as const } : {}),
      // the one message standing for this many more findings of its rule, not listed
      ...(m.omitted !== undefined ? { omitted: m.omitted } : {}),
    })),
    counts: r.counts,
    // findings not listed, by rule id (each rule lists its first 20 per file); counts include them
    omitted: r.omitted,
    score: r.score,
    risk: r.risk,
    notes: r.notes,
    // with the suggestion text: [{ index, ask, text, status: answered|weak|missing, score, paragraphs (lines), stance }]
    ...(r.coverage ? { coverage: r.coverage } : {}),
  };
}

/** The whole `--format json` output. */
export function json(results: FileResult[], version: string): string {
  return JSON.stringify({ tool: { name: 'dafu', version }, results: results.map(jsonResult) }, null, 2) + '\n';
}
