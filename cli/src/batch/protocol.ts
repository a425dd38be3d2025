import type { CaseContext, CaseKind } from '@dafu/rules';
import type { FileResult } from '../check.js';

/** What every worker is started with. */
export interface WorkerInit {
  configPath?: string;
  presets?: string[];
  mode?: string;
  cwd: string;
  maxInputBytes: number;
  /** context from command-line flags (today, --kind …) */
  flagContext: CaseContext;
  version: string;
  cache: boolean;
  /** write annotated copies (批注版) of the .docx drafts: beside each draft, or into dir */
  annotate?: { dir?: string; force: boolean };
  /** accepted fingerprints (--baseline), for jobs that ask for them */
  baseline?: string[];
  /** check a few drafts at start-up so the first real one runs warm (a batch); not for one `dafu check` */
  warmup?: boolean;
  /** print the config's list warnings (the one worker of a `dafu check`; a batch's workers would repeat them) */
  listWarnings?: boolean;
}

export interface JobMessage {
  id: number;
  path: string;
  /** the file as reports name it */
  display: string;
  manifest?: CaseContext;
  suggestionFile?: string;
  /** the key of the cached result for this path, if any */
  cachedKey?: string;
  /** `dafu check` without --report: reply with the whole FileResult (`file`), not the JSON contract */
  full?: true;
  /** with `full`: keep the checked text in the result (for --fix and --annotate) */
  withSource?: boolean;
  /** with `full`: apply the init's baseline */
  baseline?: boolean;
  /** the text read from standard input, for the path '-' */
  stdin?: string;
}

/** One finding as the JSON contract writes it. */
export interface JsonMessage {
  ruleId: string; category: string; severity: 'error' | 'warning' | 'info'; message: string;
  line: number; column: number; endLine: number; endColumn: number; offset: number; endOffset: number;
  excerpt: string; note: string; suggestion?: string; suggestions: unknown[]; fix?: unknown; fingerprint: string; url: string;
  whole?: true;
  /** set on the one message that stands for this many more findings of its rule */
  omitted?: number;
}

/** One draft's result as the JSON contract (`dafu check --format json`) writes it. */
export interface JsonResult {
  file: string;
  kind: string | null;
  role: string | null;
  class: string | null;
  mode: string | null;
  error: null | { code: string; message: string };
  messages: JsonMessage[];
  counts: { error: number; warning: number; info: number };
  /** findings not listed, by rule id (absent in results cached before the field existed) */
  omitted?: Record<string, number>;
  score: number | null;
  risk: 'high' | 'medium' | 'low' | null;
  notes: string[];
}

export type ReplyMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; key: string | null; cached?: true; result?: JsonResult; file?: FileResult; stated?: { number?: string; kind?: CaseKind; unit?: string }; ms: number; internalError?: string };
