/**
 * `dafu outline`: the skeleton of a reply (答复提纲) from the suggestion, as text, Markdown or a
 * GB/T 9704 .docx. The case comes from the flags, the suggestion's `.case.json` and the record
 * itself (title, number, proposer), in that order; the profile from the config that will check
 * the reply (the nearest one above the output, or -c).
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { isInputError, outlineMarkdown, outlineText, parseDraft, PLACEHOLDER, type CaseContext } from '@dafu/rules';
import { ConfigError, findConfig, readConfig, type LoadedConfig } from './config.js';
import { writeOutput } from './output.js';
import { readSidecar } from './sidecar.js';
import { outlineDocx, outlineOf } from './outline-doc.js';

export interface OutlineCommandOptions {
  suggestion: string;
  output?: string;
  config?: string;
  /** case facts from the flags */
  context: CaseContext;
}

/** Writes the outline; returns the exit code. */
export async function outlineCommand(o: OutlineCommandOptions): Promise<number> {
  let suggestion: string;
  let sidecar: CaseContext | undefined;
  let loaded: LoadedConfig;
  try {
    suggestion = parseDraft({ bytes: new Uint8Array(readFileSync(o.suggestion)), name: o.suggestion }).text;
    sidecar = readSidecar(o.suggestion);
    loaded = o.config ? readConfig(o.config) : findConfig(o.output ? dirname(resolve(o.output)) : process.cwd());
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (isInputError(e) || e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
    else if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') process.stderr.write(`无法读取建议（提案）原件 ${o.suggestion}（${code === 'EACCES' ? '没有读取权限' : '文件不存在'}）。\n`);
    else throw e;
    return 2;
  }
  const { suggestion: _, ...fromSidecar } = sidecar ?? {};
  const outline = outlineOf(suggestion, { ...fromSidecar, ...o.context }, loaded.config);

  const ext = extname(o.output ?? '').toLowerCase();
  if (ext === '.docx') writeOutput(await outlineDocx(outline), o.output);
  else writeOutput(ext === '.md' || ext === '.markdown' ? outlineMarkdown(outline) : outlineText(outline), o.output);
  const blanks = outline.paragraphs.reduce((n, p) => n + (p.text.match(PLACEHOLDER)?.length ?? 0), 0);
  const where = o.output ? `已生成答复提纲 ${o.output}` : '答复提纲';
  const sections = outline.asks.length ? `${outline.asks.length} 项诉求各一节` : '原件中没有找到具体诉求，留了一节待填写';
  process.stderr.write(`${where}：${sections}，${blanks} 处【……】待填写；填写后用 dafu check 检查。\n`);
  return 0;
}
