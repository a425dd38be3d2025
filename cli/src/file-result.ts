/**
 * A checked input as every report sees it (stylish, JSON, batch, the offline page): built from
 * the engine's result here, in one place. No Node modules, so the offline page (web/) builds its
 * results with the same code as `dafu check`.
 */
import type { CheckResult, DafuMessage, Mode, Risk } from '@dafu/rules';

export interface FileResult {
  file: string;
  kind: string | null;
  role: string | null;
  class: string | null;
  mode: Mode | null;
  error: null | { code: string; message: string };
  messages: DafuMessage[];
  /** every finding by severity, those not listed included */
  counts: { error: number; warning: number; info: number };
  /** findings not listed, by rule id (a rule lists its first 20 per file, then one message for the rest) */
  omitted: Record<string, number>;
  score: number | null;
  risk: Risk | null;
  notes: string[];
  /** how the reply answers each ask of the suggestion (only when the suggestion text is known) */
  coverage?: CoverageRow[];
  /** kept for --fix: the checked text and how it was decoded */
  source?: { text: string; encoding?: string; format: string };
}

/** One ask of the suggestion and where and how the reply answers it. */
export interface CoverageRow {
  index: number;
  /** the ask, short */
  ask: string;
  /** the ask as written in the suggestion */
  text: string;
  status: 'answered' | 'weak' | 'missing';
  score: number;
  /** lines (paragraph numbers for .docx) of the reply that answer it, best first */
  paragraphs: number[];
  stance: null | { kind: string; phrase: string; measures: boolean; reason: boolean };
}

const coverageRows = (c: CheckResult['coverage']): CoverageRow[] | undefined =>
  c?.asks.map((a) => ({ index: a.ask.index, ask: a.ask.head, text: a.ask.text, status: a.status, score: a.score, paragraphs: a.lines, stance: a.stance ? { ...a.stance } : null }));

/** The result of an input that could not be checked. */
export const failedResult = (file: string, error: { code: string; message: string }): FileResult =>
  ({ file, kind: null, role: null, class: null, mode: null, error, messages: [], counts: { error: 0, warning: 0, info: 0 }, omitted: {}, score: null, risk: null, notes: [] });

/** A file over the size limit, refused before it is read. */
export const tooLargeError = (file: string, size: number, max: number): { code: 'E_TOO_LARGE'; message: string } => ({
  code: 'E_TOO_LARGE',
  message: `${file} 有 ${(size / 1048576).toFixed(1)} MB，超过 ${(max / 1048576).toFixed(0)} MB 的上限，不像是一份答复稿。请确认文件是否正确（图片较多时可另存为不含图片的副本再检查）。`,
});

/** The report's view of a checked input (`file`: its name as reports show it). */
export function fileResult(file: string, result: CheckResult): FileResult {
  const doc = result.document;
  return {
    file,
    kind: result.context.kind ?? null,
    role: result.context.role ?? null,
    class: result.context.class ?? null,
    mode: result.mode,
    error: null,
    messages: result.messages,
    counts: result.counts,
    omitted: result.omitted,
    score: result.score,
    risk: result.risk,
    notes: doc.notes ?? [],
    ...(result.coverage ? { coverage: coverageRows(result.coverage) } : {}),
    source: { text: doc.text, format: doc.source.format, ...(doc.source.encoding ? { encoding: doc.source.encoding } : {}) },
  };
}
