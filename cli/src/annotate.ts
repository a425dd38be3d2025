/**
 * 批注版 for `dafu check --annotate` / `--annotate-dir` (and for the batch report): writes a copy
 * of each checked .docx with the findings as Word comments. The original is only read; an
 * existing output is kept unless `force` is set.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { annotateDocxReport, isInputError } from '@dafu/rules';
import type { FileResult } from './check.js';

/** what goes between the name and the extension: 答复.docx → 答复.dafu批注.docx */
export const ANNOTATED_TAG = '.dafu批注';

export interface AnnotateFileOptions {
  /** folder for the annotated copies (default: beside each original) */
  dir?: string;
  /** overwrite an existing annotated copy */
  force?: boolean;
  cwd: string;
  /** outputs already written in this run (two inputs with the same name into one folder) */
  taken?: Set<string>;
  /** the comments' date (tests) */
  date?: Date;
}

export interface AnnotateOutcome {
  /** the input as reports show it */
  file: string;
  /** the annotated copy, when written */
  output?: string;
  comments?: number;
  /** not annotated, and why (not an error: a .txt draft, stdin, an annotated copy) */
  skipped?: string;
  /** not annotated because something went wrong for this file (exit code 2) */
  error?: string;
}

const isAnnotatedCopy = (path: string): boolean => basename(path, extname(path)).endsWith(ANNOTATED_TAG);

/** where the annotated copy of `input` goes */
export function annotatedPath(input: string, dir?: string): string {
  const ext = extname(input);
  const name = `${basename(input, ext)}${ANNOTATED_TAG}${/^\.(docx|docm|dotx|dotm)$/i.test(ext) ? ext : '.docx'}`;
  return join(dir ?? dirname(input), name);
}

/**
 * Writes the annotated copy of one checked file. Never throws for a file-level problem: it
 * comes back as `skipped` or `error`, with a Chinese message.
 */
export function annotateFile(path: string, result: FileResult, opts: AnnotateFileOptions): AnnotateOutcome {
  const file = result.file;
  if (result.error) return { file, skipped: `${file} 未能检查，没有生成批注版。` };
  if (path === '-') return { file, skipped: '从标准输入读取的内容无法生成批注版：批注版需要 .docx 文件。' };
  if (result.source?.format !== 'docx') {
    return { file, skipped: `${file} 不是 Word 文档，无法生成批注版：批注版需要 .docx 文件（可在 Word/WPS 中另存为 .docx 后再加 --annotate）。` };
  }
  if (isAnnotatedCopy(path)) return { file, skipped: `${file} 本身是 dafu 生成的批注版，不再为它生成批注版。` };

  const dir = opts.dir ? resolve(opts.cwd, opts.dir) : undefined;
  const out = annotatedPath(resolve(opts.cwd, path), dir);
  const rel = relative(opts.cwd, out);
  const shown = rel && !rel.startsWith('..') ? rel : out;
  if (resolve(out) === resolve(opts.cwd, path)) return { file, error: `${file}：批注版不能覆盖原文件。` };
  if (opts.taken?.has(out)) {
    return { file, error: `${file}：批注版 ${shown} 与本次另一份文件的批注版同名，未覆盖；请分别输出到不同目录。` };
  }
  if (existsSync(out) && !opts.force) {
    return { file, error: `${file}：批注版 ${shown} 已存在，未覆盖；如需覆盖请加 --force。` };
  }
  let report;
  try {
    const bytes = new Uint8Array(readFileSync(path));
    report = annotateDocxReport(bytes, result.messages, { risk: result.risk ?? undefined, counts: result.counts, score: result.score }, {
      ...(result.source.text !== undefined ? { text: result.source.text } : {}),
      ...(opts.date ? { date: opts.date } : {}),
    });
  } catch (e) {
    if (isInputError(e)) return { file, error: `${file}：无法生成批注版：${e.message}` };
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES') return { file, error: `${file}：无法读取原文件，没有生成批注版。` };
    throw e;
  }
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(tmp, report.bytes);
    renameSync(tmp, out);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? '没有写入权限' : code === 'EBUSY' ? '文件正被其他程序（如 Word）打开' : (e as Error).message;
    return { file, error: `${file}：无法写入批注版 ${shown}（${why}）。` };
  }
  opts.taken?.add(out);
  return { file, output: shown, comments: report.comments };
}
