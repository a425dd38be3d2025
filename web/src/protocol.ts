/** Messages between the page (page.ts) and the checking worker (worker.ts). */
import type { CaseContext, DafuConfig } from '@dafu/rules';
import type { FileResult } from 'dafu/dist/file-result.js';

/** A draft or a suggestion: a file's bytes, or pasted text. */
export type Input = { bytes: Uint8Array; name: string } | { text: string; name: string };

export type Request =
  | { type: 'check'; id: number; draft: Input; suggestion?: Input; context: CaseContext; config: DafuConfig }
  | { type: 'annotate'; id: number }
  | { type: 'outline'; id: number; format: 'docx' | 'txt'; unit?: string };

export type Stage = 'reading' | 'checking' | 'annotating' | 'outlining';

export type Reply =
  | { type: 'ready' }
  | { type: 'progress'; id: number; stage: Stage }
  | { type: 'checked'; id: number; result: FileResult; annotatable: boolean; outline: boolean; suggestionError?: { code: string; message: string } }
  | { type: 'file'; id: number; bytes: Uint8Array | string; name: string; note?: string }
  | { type: 'failed'; id: number; error: { code: string; message: string } };
