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
  /** a batch's worker (many drafts follow), not the one worker of a `dafu check` */
  batch?: boolean;
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

/** What the main thread knows of a rule: its name in reports. */
export interface RuleInfo { id: string; description: string; category: string }

export type ReplyMessage =
  /** the worker has loaded the rule pack: these are its rules */
  | { type: 'ready'; rules: RuleInfo[] }
  /** a report task is done (its error, if it failed) */
  | { type: 'written'; error?: { message: string; code?: string } }
  | {
    type: 'result'; id: number; key: string | null; cached?: true;
    /** a batch's draft: its JsonResult as JSON text (spooled as it is; a text crosses threads far cheaper than an object) */
    resultJson?: string;
    /** the two fields of that result the main thread reads before it spools it */
    role?: string | null; failed?: boolean;
    /** `full` jobs (one `dafu check`): the whole FileResult */
    file?: FileResult;
    stated?: { number?: string; kind?: CaseKind; unit?: string }; ms: number; internalError?: string;
  };
