export * from './document/types.js';
export { buildDocument } from './document/build.js';
export { parseOrdinal, chineseToNumber } from './document/ordinals.js';
export { splitSentences, words, wordBoundaries, wordBoundaryCursor } from './document/segment.js';
export { withoutMemo } from './document/memo.js';
export { asciiDigits } from './document/digits.js';
export * as patterns from './document/patterns.js';
export * from './context/types.js';
export { inferContext, mergeContext, salutationNames, type ContextConflict } from './context/infer.js';
export * from './engine/types.js';
export { createEngine, loadRule, type Engine, type CheckRequest, type CheckResult, type RuleDefinition } from './engine/checker.js';
export { compileDataRule, type DataRule } from './engine/data-rule.js';
export { runRules, detectMode, position, fingerprintOf, excerptOf, EXCERPT_MAX, MAX_PER_RULE, type LoadedRule, type RunResult } from './engine/runner.js';
export { applyFixes, type FixOutcome } from './engine/fix.js';
export { returnRisk, RISK_LABEL, type Risk } from './engine/risk.js';
export { countFacts, FACT_PATTERNS } from './engine/facts.js';
export { specificityScore, specificity, stockDensity, substance, contentText, nonSpaceLength, metrics, type Specificity } from './engine/metrics.js';
export { findPhrases, lexiconPattern, escapeRegExp } from './engine/lexicon.js';
export * from './lexicon/index.js';
export { parseDraft, formatFromName, MAX_LINES, type DraftInput, type InputFormat } from './processors/index.js';
export { decodeText, splitLines } from './processors/text.js';
export { InputError, isInputError, type InputErrorCode } from './processors/errors.js';
export { validateConfig, formatConfigErrors, configSchema } from './config/validate.js';
export { resolveConfig, mergeLexicons, DEFAULT_PROFILE, type ResolvedConfig } from './config/resolve.js';
export type { DafuConfig, PresetName, LexiconEdit } from './config/types.js';
export {
  extractAsks, askHead, analyseCoverage, coverageFor, coverageOf, detectStance, termVector,
  type Ask, type SuggestionParts, type Coverage, type AskCoverage, type CoverageStatus, type CoverageOptions, type Stance, type StanceKind, type TermVector,
} from './targeting/index.js';
export { annotateDocx, annotateDocxReport, ANNOTATION_AUTHOR, type AnnotateOptions, type AnnotateSummary, type AnnotateReport } from './annotate/annotate.js';
export { buildOutline, outlineText, outlineMarkdown, chineseOrdinal, PLACEHOLDER, type Outline, type OutlineOptions, type OutlineParagraph } from './outline/outline.js';
