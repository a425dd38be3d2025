import type { CaseContext } from '../context/types.js';
import type { ContextConflict } from '../context/infer.js';
import type { ParagraphRole, ReplyDocument } from '../document/types.js';

export const CATEGORIES = ['format', 'specificity', 'targeting', 'communication', 'classification', 'timeliness', 'attitude', 'typography'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Severity = 'error' | 'warning' | 'info';
export type Mode = 'letter' | 'system-form';

/** Paragraph roles, plus groups: content = opening + body + headings + closing; all = every non-blank paragraph. */
export type Scope = ParagraphRole | 'content' | 'all';

export interface Example {
  text: string;
  context?: CaseContext;
  mode?: Mode;
  /** a local profile the example needs (profile-driven rules) */
  config?: { profile?: Partial<Profile> };
  /** for invalid examples: the exact text the finding must cover */
  excerpt?: string;
}

/** What every rule carries, whether data or code. */
export interface RuleMeta {
  id: string;
  category: Category;
  severity: Severity;
  /** one line for `dafu rules` */
  description: string;
  /** what is wrong, in Chinese; {match} and {replacement} are filled in */
  message: string;
  /** the norm behind it */
  note: string;
  /** what a good version looks like */
  suggestion?: string;
  scope?: Scope[];
  requires?: Array<'text' | 'docx' | 'context' | 'suggestion'>;
  modes?: Mode[];
  kinds?: Array<'npc' | 'cppcc'>;
  roles?: Array<'host' | 'co' | 'split'>;
  /** presets that switch the rule on; rules without are in every preset */
  presets?: string[];
  fixable: 'safe' | 'suggestion' | 'no';
  /**
   * 'paragraph' (code rules): what the rule finds in a paragraph depends on nothing but that
   * paragraph's text and role (and the engine's lexicons and profile), and the rule reads its
   * paragraphs through ctx.paragraphs(this.scope). The engine then runs it one paragraph at a
   * time and memoises the findings by paragraph, so a re-check redoes only changed paragraphs.
   */
  local?: 'paragraph';
  examples: { valid: Array<string | Example>; invalid: Example[] };
}

export interface Finding {
  start: number;
  end: number;
  /** the finding is about the whole reply (something missing); the range is only where to show it */
  whole?: boolean;
  /** replaces the rule's message when the check knows better */
  message?: string;
  suggestion?: string;
  /** replacement text for the range [start, end); applied only when the rule is fixable: 'safe' */
  replacement?: string;
  /** {match} etc. for the message template */
  data?: Record<string, string | number>;
  /** a lower severity for this finding only (a check that could not be made is info); never raises it */
  severity?: Severity;
}

export interface Lexicons {
  [name: string]: Array<{ phrase: string; weight?: number; type?: string; kind?: string; note?: string }>;
}

export type ClassMeaning = 'solved' | 'planned' | 'reasons' | 'reference';

export interface Profile {
  classScheme: string[];
  /** what each class letter means here (A → solved …) */
  classMeaning?: Record<string, ClassMeaning>;
  /** parts a letter must carry here (only what the profile asks for is an error) */
  require: { signer?: boolean; classMark?: boolean; publicity?: boolean; contact?: boolean; cc?: string[]; docNumber?: boolean };
  maxLength?: number;
  /** months from assignment to the reply deadline when no deadline is given */
  replyMonths?: number;
  /** days before the deadline that count as due soon */
  dueSoonDays?: number;
  /** local layout values that replace GB/T 9704's (rules/src/data/gbt9704.json) */
  layout?: LayoutProfile;
}

/** A unit's own page and font settings for the layout (gbt9704) rules. */
export interface LayoutProfile {
  marginsMm?: { top: number; bottom: number; left: number; right: number };
  /** accepted exact line spacing, [min, max] in pt */
  lineSpacingPt?: [number, number];
  /** accepted East-Asian fonts of body text, the first is named in messages */
  bodyFont?: string[];
  /** accepted East-Asian fonts of the title */
  titleFont?: string[];
}

export interface RuleContext {
  doc: ReplyDocument;
  context: CaseContext;
  mode: Mode;
  profile: Profile;
  lexicons: Lexicons;
  /** fields where the flags, sidecar, form and text disagree */
  conflicts: ContextConflict[];
  /** paragraphs in the rule's scope */
  paragraphs(scope?: Scope[]): ReplyDocument['paragraphs'];
  /** a place to hang a whole-document finding: the title, the salutation or the first paragraph */
  anchor(): { start: number; end: number; whole: true };
  report(finding: Finding): void;
}

export interface CodeRule extends RuleMeta {
  type: 'code';
  check(ctx: RuleContext): void;
}

export interface DafuFix { start: number; end: number; text: string }

/** The message every surface (CLI, JSON, extension, annotations) shows. */
export interface DafuMessage {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  note: string;
  suggestion?: string;
  /** offsets into ReplyDocument.text, UTF-16 units */
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  excerpt: string;
  suggestions: Array<{ message: string; fix?: DafuFix }>;
  fix?: DafuFix;
  fingerprint: string;
  url: string;
  /** true when the message is about the whole reply rather than the excerpt */
  whole?: boolean;
  /**
   * set on the one message that stands for this many further findings of its rule, not listed
   * (a rule lists at most MAX_PER_RULE findings per document); its range is the first of them
   */
  omitted?: number;
}
