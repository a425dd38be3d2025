import { unified, type Processor } from 'unified';
import { VFile } from 'vfile';
import type { Node } from 'unist';
import { resolveConfig, type ResolvedConfig } from '../config/resolve.js';
import type { DafuConfig } from '../config/types.js';
import { inferContext, mergeContext, type ContextConflict } from '../context/infer.js';
import type { CaseContext, ContextSource } from '../context/types.js';
import { analysedDocument } from '../document/digits.js';
import type { ReplyDocument } from '../document/types.js';
import { parseDraft, type DraftInput } from '../processors/index.js';
import { compileDataRule, type DataRule } from './data-rule.js';
import { specificityScore } from './metrics.js';
import { returnRisk, type Risk } from './risk.js';
import { createRuleContext, perParagraph, runRules, type LoadedRule } from './runner.js';
import type { CodeRule, DafuMessage, Lexicons, Mode, RuleContext, RuleMeta } from './types.js';
import { coverageFor, type Coverage } from '../targeting/coverage.js';

export type RuleDefinition = DataRule | CodeRule;

export interface CheckRequest extends DraftInput {
  /** context from flags, sidecar, manifest or form, highest priority first */
  context?: Array<{ source: ContextSource; value: CaseContext }> | CaseContext;
  mode?: Mode;
  baseline?: Set<string>;
}

export interface CheckResult {
  document: ReplyDocument;
  context: CaseContext;
  conflicts: ContextConflict[];
  mode: Mode;
  messages: DafuMessage[];
  /** every finding by severity, those past a rule's cap (not listed) included */
  counts: { error: number; warning: number; info: number };
  /**
   * findings not listed, by rule id: a rule lists at most MAX_PER_RULE findings per document, then
   * one message (with `omitted` set) says how many more there are; empty when nothing was left out
   */
  omitted: Record<string, number>;
  /** specificity score 0–100, null when there is no content to score */
  score: number | null;
  risk: Risk;
  /** how the reply answers each ask of the suggestion; only when the check has the suggestion text */
  coverage?: Coverage;
  /** the unified file, with VFileMessages for vfile-based tooling */
  file: VFile;
}

interface Tree extends Node { type: 'root'; data: { doc: ReplyDocument } }

export interface Engine {
  rules: LoadedRule[];
  config: ResolvedConfig;
  check(request: CheckRequest): CheckResult;
}

export function loadRule(def: RuleDefinition, lexicons: Lexicons): LoadedRule {
  const { type } = def;
  if (type === 'code') {
    const { check, ...meta } = def as CodeRule;
    // code rules read their own metadata (this.scope) while checking
    const run = (ctx: RuleContext) => check.call(def as CodeRule, ctx);
    return { meta: meta as RuleMeta, check: meta.local === 'paragraph' ? perParagraph(meta, run) : run };
  }
  return { meta: def, check: compileDataRule(def as DataRule, lexicons) };
}

/**
 * The unified pipeline: a parser plugin turns the input into the document model, a lint plugin
 * runs the rules and puts VFile-compatible messages on the file.
 */
export function createEngine(options: {
  rules: RuleDefinition[]; lexicons: Lexicons; config?: DafuConfig;
  /** messages per rule and document (default MAX_PER_RULE, 20); the rest are counted and summarised in one message */
  maxPerRule?: number;
}): Engine {
  const config = resolveConfig(options.config ?? {}, options.lexicons);
  const rules = options.rules.map((r) => loadRule(r, config.lexicons));

  const processor = unified()
    .use(function dafuParse(this: Processor) {
      this.parser = (_value: string, file: VFile) => ({ type: 'root', data: { doc: parseDraft(file.data.input as DraftInput) } }) as unknown as never;
    })
    .use(function dafuLint() {
      return (tree: Node, file: VFile) => {
        const written = (tree as Tree).data.doc;
        // context, coverage, rules and score read digits as ASCII; the result keeps the text as written
        const doc = analysedDocument(written);
        const request = file.data.request as CheckRequest;
        const sources = Array.isArray(request.context) ? request.context : request.context ? [{ source: 'flag' as const, value: request.context }] : [];
        const fromConfig: CaseContext = { ...(options.config?.kind ? { kind: options.config.kind } : {}), ...(options.config?.role ? { role: options.config.role } : {}) };
        const merged = mergeContext([...sources, { source: 'text', value: inferContext(doc) }]);
        const context = { ...fromConfig, ...merged.context };
        // the suggestion's asks, matched once per check; targeting rules read the same result (coverageOf)
        const coverage = context.suggestion?.trim() ? coverageFor(doc, context.suggestion, config.lexicons) : undefined;
        if (coverage?.title && !context.title) context.title = coverage.title;
        if (coverage?.number && !sources.some((s) => s.value.number)) context.number = coverage.number;
        const { messages, mode, omitted, omittedCounts } = runRules(doc, context, {
          rules, severityOf: config.severityOf, mode: request.mode ?? config.mode, profile: config.profile,
          lexicons: config.lexicons, allow: config.allow, baseline: request.baseline, conflicts: merged.conflicts, maxPerRule: options.maxPerRule,
        });
        file.value = written.text;
        // a VFileMessage is an Error: constructing one captured a stack trace that vfile-message
        // then replaces with '' (about a tenth of a re-check); no trace is captured meanwhile
        const E = Error as { stackTraceLimit?: number };
        const stackTraceLimit = E.stackTraceLimit;
        E.stackTraceLimit = 0;
        try {
          addMessages(file, messages);
        } finally {
          E.stackTraceLimit = stackTraceLimit;
        }
        const score = specificityScore(createRuleContext(doc, context, mode, { profile: config.profile, lexicons: config.lexicons }, () => {}));
        file.data.result = { document: written, context, conflicts: merged.conflicts, mode, messages, omitted, omittedCounts, score: score ?? null, ...(coverage ? { coverage } : {}) };
      };
    })
    .freeze();

  return {
    rules,
    config,
    check(request) {
      const file = new VFile({ path: request.name ?? undefined });
      file.data.input = request;
      file.data.request = request;
      const tree = processor.parse(file);
      processor.runSync(tree, file);
      const { omittedCounts, ...r } = file.data.result as Omit<CheckResult, 'counts' | 'risk' | 'file'> & { omittedCounts: CheckResult['counts'] };
      const counts = { ...omittedCounts };
      for (const m of r.messages) if (m.omitted === undefined) counts[m.severity]++;
      return { ...r, counts, risk: returnRisk(r.messages.filter((m) => m.omitted === undefined)), file };
    },
  };
}

function addMessages(file: VFile, messages: DafuMessage[]): void {
  for (const m of messages) {
    const vm = file.message(m.message, {
      ruleId: m.ruleId, source: 'dafu',
      place: { start: { line: m.line, column: m.column, offset: m.start }, end: { line: m.endLine, column: m.endColumn, offset: m.end } },
    });
    vm.fatal = m.severity === 'error' ? true : m.severity === 'warning' ? false : undefined;
    vm.url = m.url;
    vm.note = m.note;
    vm.actual = m.excerpt;
    if (m.suggestions.length) vm.expected = m.suggestions.map((s) => s.fix?.text ?? s.message);
    Object.assign(vm, { category: m.category, excerpt: m.excerpt, suggestions: m.suggestions, fingerprint: m.fingerprint, ...(m.fix ? { fix: m.fix } : {}) });
  }
}
