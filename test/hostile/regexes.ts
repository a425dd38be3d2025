/**
 * Every regular expression the rule pack and the core run on draft text: the patterns of the data
 * rules (JSON), the lexicon alternations they compile, and every regex literal or
 * `new RegExp("…")` with a constant pattern in the code rules and the core (found with the
 * TypeScript parser, so none is missed by a grep). Patterns built at run time from variables are
 * counted as dynamic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from '../helpers/cli.js';

export interface FoundRegex {
  source: string;
  flags: string;
  /** file:line, or rule id and field */
  where: string;
}

const walkTs = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? walkTs(p) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });

/** Regex literals and constant `RegExp(...)` calls in TypeScript sources. */
export function regexesInCode(dirs: string[]): { found: FoundRegex[]; dynamic: string[] } {
  const found: FoundRegex[] = [];
  const dynamic: string[] = [];
  for (const file of dirs.flatMap((d) => walkTs(join(ROOT, d)))) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const where = (n: ts.Node) => `${relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const constant = (n: ts.Expression | undefined): string | undefined =>
      n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : undefined;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = (n as ts.RegularExpressionLiteral).text;
        const cut = text.lastIndexOf('/');
        found.push({ source: text.slice(1, cut), flags: text.slice(cut + 1), where: where(n) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        const [src, flags] = n.arguments ?? [];
        const s = constant(src);
        if (s !== undefined) found.push({ source: s, flags: constant(flags) ?? '', where: where(n) });
        else dynamic.push(where(n));
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { found, dynamic };
}

interface DataRuleJson { id: string; patterns?: string[]; pattern?: string; if?: string; then?: string; unless?: string; swap?: Array<[string, string]>; lexicon?: string }

/** The data rules' patterns, with the flags the engine compiles them with (data-rule.ts). */
export function regexesInDataRules(): FoundRegex[] {
  const dir = join(ROOT, 'rules/src/data');
  const out: FoundRegex[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const data: unknown = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    if (!Array.isArray(data)) continue; // a data table (gbt9704.json), not rules
    for (const r of data as DataRuleJson[]) {
      const add = (source: string | undefined, flags: string, field: string) => { if (source) out.push({ source, flags, where: `${f} ${r.id}.${field}` }); };
      r.patterns?.forEach((p, i) => add(p, 'gud', `patterns[${i}]`));
      add(r.pattern, 'gud', 'pattern');
      add(r.if, 'gud', 'if');
      add(r.then, 'u', 'then');
      add(r.unless, 'u', 'unless');
      r.swap?.forEach(([from], i) => add(from, 'gud', `swap[${i}]`));
    }
  }
  return out;
}

export function allRegexes(): { found: FoundRegex[]; dynamic: string[] } {
  const code = regexesInCode(['rules/src/code', 'core/src']);
  return { found: [...regexesInDataRules(), ...code.found], dynamic: code.dynamic };
}
